package server_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/dyadgraph/dyad/graph"
)

func TestPaths(t *testing.T) {
	counted := newCountingStore(seededStore(t))
	c := newClient(t, counted)
	type path struct {
		Length int
		Actors []struct{ ID string }
		Steps  []struct {
			From, To  struct{ ID string }
			Relations []relationRow
		}
		Edges []struct{ Evidence struct{ TotalCount int } }
	}
	var resp struct{ Paths, None []path }
	mustQuery(t, c, `{
		paths(from: "IRN", to: "UKR", maxHops: 3, limit: 3) { length actors { id }
			steps { from { id } to { id } relations { `+relationFields+` } } edges { evidence { totalCount } } }
		none: paths(from: "GBR", to: "UKR") { length }
	}`, &resp)
	var got []string
	for _, p := range resp.Paths {
		var ids []string
		for _, a := range p.Actors {
			ids = append(ids, a.ID)
		}
		got = append(got, strings.Join(ids, ">"))
		if p.Length != len(p.Steps) || p.Length != len(ids)-1 {
			t.Errorf("path %s: length %d, %d steps", ids, p.Length, len(p.Steps))
		}
		for _, e := range p.Edges {
			if e.Evidence.TotalCount == 0 {
				t.Errorf("path %s: an edge without evidence", ids)
			}
		}
	}
	if want := []string{"IRN>igo/nato>UKR", "IRN>ag/houthis>USA>UKR", "IRN>igo/nato>RUS>UKR"}; !slices.Equal(got, want) {
		t.Errorf("paths = %q, want %q", got, want)
	}
	if len(resp.Paths) > 1 {
		if got, want := rows(resp.Paths[1].Steps[0].Relations), []string{"IRN AID ag/houthis ×1", "IRN SUPPORT ag/houthis ×1"}; !slices.Equal(got, want) {
			t.Errorf("the step from Iran to the Houthis = %q, want %q", got, want)
		}
	}
	if len(resp.None) != 0 {
		t.Errorf("paths from an actor in no relation: %+v, want none", resp.None)
	}
	if want := map[string]int{"Paths": 2, "Evidence": 1}; !mapsEqual(counted.calls, want) {
		t.Errorf("store calls = %v, want %v", counted, want)
	}

	for _, tc := range []struct{ query, code string }{
		{`{ paths(from: "IRN", to: "nobody") { length } }`, "NOT_FOUND"},
		{`{ paths(from: "IRN", to: "UKR", limit: 21) { length } }`, "BAD_USER_INPUT"},
		{`{ paths(from: "IRN", to: "UKR", maxHops: 7) { length } }`, "BAD_USER_INPUT"},
	} {
		_, errs := post(t, c, tc.query)
		if len(errs) != 1 || errs[0].Extensions["code"] != tc.code {
			t.Errorf("%s: errors %+v, want one with code %s", tc.query, errs, tc.code)
		}
	}
}

func TestSubgraph(t *testing.T) {
	counted := newCountingStore(seededStore(t))
	c := newClient(t, counted)
	var resp struct {
		Subgraph struct {
			Nodes []struct {
				Distance int
				Actor    struct{ ID string }
			}
			Edges     []relationRow
			Truncated bool
		}
	}
	mustQuery(t, c, `{ subgraph(actors: ["ag/houthis", "CAN"], hops: 1) {
		nodes { distance actor { id } } edges { `+relationFields+` evidence { totalCount } } truncated } }`, &resp)
	var nodes []string
	for _, n := range resp.Subgraph.Nodes {
		nodes = append(nodes, fmt.Sprintf("%s@%d", n.Actor.ID, n.Distance))
	}
	if want := []string{"CAN@0", "ag/houthis@0", "IRN@1", "UKR@1", "USA@1"}; !slices.Equal(nodes, want) || resp.Subgraph.Truncated {
		t.Errorf("subgraph nodes = %q, truncated %v; want %q, false", nodes, resp.Subgraph.Truncated, want)
	}
	if got, want := len(resp.Subgraph.Edges), 6; got != want {
		t.Errorf("subgraph edges = %q, want %d of them", rows(resp.Subgraph.Edges), want)
	}
	if want := map[string]int{"Subgraph": 1, "Evidence": 1}; !mapsEqual(counted.calls, want) {
		t.Errorf("store calls = %v, want %v", counted, want)
	}

	many := make([]string, graph.MaxSubgraphActors+1)
	for i := range many {
		many[i] = fmt.Sprintf("%q", fmt.Sprint("actor-", i))
	}
	for _, tc := range []struct{ query, code string }{
		{`{ subgraph(actors: ["UKR", "nobody"]) { truncated } }`, "NOT_FOUND"},
		{`{ subgraph(actors: []) { truncated } }`, "BAD_USER_INPUT"},
		{`{ subgraph(actors: [` + strings.Join(many, ", ") + `]) { truncated } }`, "BAD_USER_INPUT"},
		{`{ subgraph(actors: ["UKR"], hops: 4) { truncated } }`, "BAD_USER_INPUT"},
	} {
		_, errs := post(t, c, tc.query)
		if len(errs) != 1 || errs[0].Extensions["code"] != tc.code {
			t.Errorf("%.80s: errors %+v, want one with code %s", tc.query, errs, tc.code)
		}
	}
}

func TestTimeline(t *testing.T) {
	counted := newCountingStore(seededStore(t))
	c := newClient(t, counted)
	type bucket struct {
		Start string
		Types []struct {
			Type       string
			AToB, BToA int
		}
		AToB, BToA                              int
		Goldstein, GoldsteinAToB, GoldsteinBToA float64
	}
	var resp struct {
		Weekly struct {
			A, B     struct{ Name string }
			Interval string
			Buckets  []bucket
		}
		Monthly struct{ Buckets []bucket }
	}
	mustQuery(t, c, `{
		weekly: timeline(a: "ag/houthis", b: "IRN", interval: WEEK) { a { name } b { name } interval
			buckets { start types { type aToB bToA } aToB bToA goldstein goldsteinAToB goldsteinBToA } }
		monthly: timeline(a: "USA", b: "ag/houthis") { buckets { start aToB bToA goldstein } }
	}`, &resp)
	w := resp.Weekly
	if w.A.Name != "Houthis" || w.B.Name != "Iran" || w.Interval != "WEEK" || len(w.Buckets) != 1 {
		t.Fatalf("weekly timeline of the Houthis and Iran: %+v", w)
	}
	b := w.Buckets[0]
	if b.Start != "2024-04-15T00:00:00Z" || b.AToB != 0 || b.BToA != 2 || b.Goldstein != 10.5 || b.GoldsteinBToA != 10.5 ||
		len(b.Types) != 2 || b.Types[0].Type != "SUPPORT" || b.Types[1].Type != "AID" || b.Types[1].BToA != 1 {
		t.Errorf("the week of the Red Sea attack: %+v; want from Monday 2024-04-15, SUPPORT and AID from Iran, Goldstein 10.5", b)
	}
	if m := resp.Monthly.Buckets; len(m) != 1 || m[0].Start != "2024-04-01T00:00:00Z" || m[0].AToB != 1 || m[0].BToA != 1 || m[0].Goldstein != -20 {
		t.Errorf("monthly timeline of the United States and the Houthis: %+v; want April, one assault each way, -20", m)
	}
	if want := map[string]int{"Timeline": 2}; !mapsEqual(counted.calls, want) {
		t.Errorf("store calls = %v, want %v", counted, want)
	}
	for _, tc := range []struct{ query, code string }{
		{`{ timeline(a: "UKR", b: "nobody") { interval } }`, "NOT_FOUND"},
		{`{ timeline(a: "UKR", b: "UKR") { interval } }`, "BAD_USER_INPUT"},
	} {
		_, errs := post(t, c, tc.query)
		if len(errs) != 1 || errs[0].Extensions["code"] != tc.code {
			t.Errorf("%s: errors %+v, want one with code %s", tc.query, errs, tc.code)
		}
	}
}

func TestArticles(t *testing.T) {
	counted := newCountingStore(seededStore(t))
	c := newClient(t, counted)
	type article struct {
		ID         string
		Published  *string
		ClaimCount int
		Claims     []struct {
			Predicate      string
			Source, Target struct{ Name string }
			Article        struct{ ID string }
		}
	}
	var resp struct {
		Articles struct {
			TotalCount int
			Nodes      []article
			PageInfo   struct{ HasNextPage bool }
		}
		Russia struct{ Nodes []struct{ ID string } }
	}
	mustQuery(t, c, `{
		articles(first: 3) { totalCount pageInfo { hasNextPage }
			nodes { id published claimCount claims(first: 2) { predicate source { name } target { name } article { id } } } }
		russia: articles(filter: {actor: "RUS", types: [ASSAULT], until: "2024-04-30"}) { nodes { id } }
	}`, &resp)
	a := resp.Articles
	var ids []string
	for _, n := range a.Nodes {
		ids = append(ids, n.ID)
		if len(n.Claims) != min(2, n.ClaimCount) || n.ClaimCount == 0 || n.Claims[0].Article.ID != n.ID || n.Claims[0].Source.Name == "" {
			t.Errorf("article %s: %d claims of %d: %+v", n.ID, len(n.Claims), n.ClaimCount, n.Claims)
		}
	}
	if want := []string{"wire-2024-05-15-appeal", "wire-2024-04-20-red-sea", "wire-2024-03-05-warning"}; !slices.Equal(ids, want) ||
		a.TotalCount != 5 || !a.PageInfo.HasNextPage {
		t.Errorf("articles = %q, %d in all, more %v; want %q, 5, true", ids, a.TotalCount, a.PageInfo.HasNextPage, want)
	}
	if len(a.Nodes) > 0 && (a.Nodes[0].ClaimCount != 4 || a.Nodes[0].Claims[0].Predicate != "urged") {
		t.Errorf("the first article's claims: %+v", a.Nodes[0])
	}
	var russia []string
	for _, n := range resp.Russia.Nodes {
		russia = append(russia, n.ID)
	}
	if want := []string{"wire-2024-03-05-warning", "wire-2024-02-10-nato-pledge"}; !slices.Equal(russia, want) {
		t.Errorf("Russia's assaults until April = %q, want %q", russia, want)
	}
	// One call per list of articles and one for all the claims' actors.
	if want := map[string]int{"Articles": 2, "ActorsByID": 1}; !mapsEqual(counted.calls, want) {
		t.Errorf("store calls = %v, want %v", counted, want)
	}

	// Articles met elsewhere load their claims together.
	counted.calls = map[string]int{}
	var ev struct {
		Relations struct {
			Nodes []struct {
				Evidence struct {
					Nodes []struct{ Article struct{ ClaimCount int } }
				}
			}
		}
	}
	mustQuery(t, c, `{ relations(first: 5) { nodes { evidence(first: 5) { nodes { article { claimCount } } } } } }`, &ev)
	for _, r := range ev.Relations.Nodes {
		for _, e := range r.Evidence.Nodes {
			if e.Article.ClaimCount == 0 {
				t.Errorf("an evidence's article without claims")
			}
		}
	}
	if want := map[string]int{"Relations": 1, "Evidence": 1, "Articles": 1}; !mapsEqual(counted.calls, want) {
		t.Errorf("store calls = %v, want %v", counted, want)
	}

	for _, tc := range []struct{ query, code string }{
		{`{ articles(filter: {types: [ASSAULT], since: "2024-05-01", until: "2024-01-01"}) { totalCount } }`, "BAD_USER_INPUT"},
		{`{ articles(first: 1001) { totalCount } }`, "BAD_USER_INPUT"},
		{`{ articles { nodes { claims(first: -1) { id } } } }`, "BAD_USER_INPUT"},
	} {
		_, errs := post(t, c, tc.query)
		if len(errs) == 0 || errs[0].Extensions["code"] != tc.code {
			t.Errorf("%s: errors %+v, want code %s", tc.query, errs, tc.code)
		}
	}
}
