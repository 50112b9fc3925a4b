package server_test

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"
	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/graph/graphtest"
	"github.com/dyadgraph/dyad/server"
)

// seededStore returns a store holding graphtest's fixture: five articles, eleven actors and
// twenty-one claims.
func seededStore(t *testing.T) graph.Store {
	t.Helper()
	s := openStore(t)
	if err := s.Save(context.Background(), graphtest.Fixture()); err != nil {
		t.Fatalf("seeding the store: %v", err)
	}
	return s
}

// testLogger sends the server's logs to the test's log, so that a failing test shows them.
func testLogger(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Helper()
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// newClient is gqlgen's test client against the handler's /graphql.
func newClient(t *testing.T, s graph.Store, opts ...server.Option) *client.Client {
	c := client.New(server.New(s, append([]server.Option{server.WithLogger(testLogger(t))}, opts...)...))
	c.SetCustomTarget("/graphql")
	return c
}

// gqlError is one error of a GraphQL response.
type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

// post runs a query and returns its data as JSON and its errors.
func post(t *testing.T, c *client.Client, query string, opts ...client.Option) (json.RawMessage, []gqlError) {
	t.Helper()
	resp, err := c.RawPost(query, opts...)
	if err != nil {
		t.Fatalf("query failed: %v\n%s", err, query)
	}
	data, err := json.Marshal(resp.Data)
	if err != nil {
		t.Fatal(err)
	}
	var errs []gqlError
	if len(resp.Errors) > 0 {
		if err := json.Unmarshal(resp.Errors, &errs); err != nil {
			t.Fatalf("errors %s: %v", resp.Errors, err)
		}
	}
	return data, errs
}

// mustQuery runs a query that must succeed and decodes its data into out.
func mustQuery(t *testing.T, c *client.Client, query string, out any, opts ...client.Option) {
	t.Helper()
	data, errs := post(t, c, query, opts...)
	if len(errs) > 0 {
		t.Fatalf("unexpected errors %+v\nquery: %s", errs, query)
	}
	if err := json.Unmarshal(data, out); err != nil {
		t.Fatalf("decoding %s: %v", data, err)
	}
}

// wantCode runs a query that must fail with one error of the code, and returns the error.
func wantCode(t *testing.T, c *client.Client, query, code string, opts ...client.Option) gqlError {
	t.Helper()
	_, errs := post(t, c, query, opts...)
	if len(errs) != 1 {
		t.Fatalf("got errors %+v, want one with code %s\nquery: %s", errs, code, query)
	}
	if got := errs[0].Extensions["code"]; got != code {
		t.Fatalf("got code %v (%q), want %s", got, errs[0].Message, code)
	}
	return errs[0]
}

func TestActor(t *testing.T) {
	c := newClient(t, seededStore(t))
	var resp struct {
		Actor struct {
			ID, Name, Kind string
			Country, QID   *string
			Aliases        []string
		}
		Nato struct {
			Country *string
			Aliases []string
		}
		Missing *struct{ ID string }
	}
	mustQuery(t, c, `{
		actor(id: "UKR") { id name kind country qid aliases }
		nato: actor(id: "igo/nato") { country aliases }
		missing: actor(id: "XXX") { id }
	}`, &resp)
	a := resp.Actor
	if a.ID != "UKR" || a.Name != "Ukraine" || a.Kind != "STATE" || *a.Country != "UKR" || *a.QID != "Q212" || len(a.Aliases) != 0 {
		t.Errorf("actor(UKR) = %+v", a)
	}
	if resp.Nato.Country != nil {
		t.Errorf("NATO's country = %q, want null", *resp.Nato.Country)
	}
	if !slices.Contains(resp.Nato.Aliases, "the alliance") {
		t.Errorf("NATO's aliases = %q, want the alliance among them", resp.Nato.Aliases)
	}
	if resp.Missing != nil {
		t.Errorf("a missing actor gave %+v, want null", resp.Missing)
	}
}

func TestActorsSearchAndKind(t *testing.T) {
	c := newClient(t, seededStore(t))
	var resp struct {
		Search struct {
			TotalCount int
			Nodes      []struct{ ID string }
		}
		Groups struct {
			Nodes []struct{ ID, Kind string }
		}
	}
	mustQuery(t, c, `{
		search: actors(search: "houthi") { totalCount nodes { id } }
		groups: actors(kind: ARMED_GROUP) { nodes { id kind } }
	}`, &resp)
	if resp.Search.TotalCount != 1 || len(resp.Search.Nodes) != 1 || resp.Search.Nodes[0].ID != "ag/houthis" {
		t.Errorf("search houthi = %+v, want the Houthis alone", resp.Search)
	}
	var groups []string
	for _, n := range resp.Groups.Nodes {
		groups = append(groups, n.ID)
	}
	if want := []string{"ag/houthis", "ag/wagner"}; !slices.Equal(groups, want) {
		t.Errorf("armed groups = %q, want %q", groups, want)
	}
}

func TestActorsPagination(t *testing.T) {
	c := newClient(t, seededStore(t))
	type page struct {
		Actors struct {
			TotalCount int
			Edges      []struct {
				Cursor string
				Node   struct{ ID string }
			}
			PageInfo struct {
				HasNextPage, HasPreviousPage bool
				StartCursor, EndCursor       *string
			}
		}
	}
	var all page
	mustQuery(t, c, `{ actors(first: 100) { totalCount edges { node { id } } } }`, &all)
	if all.Actors.TotalCount != 11 || len(all.Actors.Edges) != 11 {
		t.Fatalf("all actors: %d of %d, want 11", len(all.Actors.Edges), all.Actors.TotalCount)
	}
	var walked []string
	var after *string
	for pages := 0; ; pages++ {
		if pages > 10 {
			t.Fatal("pagination does not end")
		}
		var p page
		mustQuery(t, c, `query($after: String) {
			actors(first: 3, after: $after) {
				totalCount
				edges { cursor node { id } }
				pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
			}
		}`, &p, client.Var("after", after))
		info := p.Actors.PageInfo
		if info.HasPreviousPage != (after != nil) {
			t.Errorf("page %d: hasPreviousPage = %v", pages, info.HasPreviousPage)
		}
		for _, e := range p.Actors.Edges {
			walked = append(walked, e.Node.ID)
		}
		if n := len(p.Actors.Edges); n > 0 && (*info.EndCursor != p.Actors.Edges[n-1].Cursor || *info.StartCursor != p.Actors.Edges[0].Cursor) {
			t.Errorf("page %d: cursors %v..%v differ from its edges'", pages, *info.StartCursor, *info.EndCursor)
		}
		if !info.HasNextPage {
			break
		}
		after = info.EndCursor
	}
	var want []string
	for _, e := range all.Actors.Edges {
		want = append(want, e.Node.ID)
	}
	if !slices.Equal(walked, want) {
		t.Errorf("pages of 3 walked %q, want %q", walked, want)
	}

	var count struct {
		Actors struct {
			TotalCount int
			Edges      []struct{ Cursor string }
			PageInfo   struct{ HasNextPage bool }
		}
	}
	mustQuery(t, c, `{ actors(first: 0) { totalCount edges { cursor } pageInfo { hasNextPage } } }`, &count)
	if count.Actors.TotalCount != 11 || len(count.Actors.Edges) != 0 || !count.Actors.PageInfo.HasNextPage {
		t.Errorf("first: 0 gave %+v, want no edges and a total of 11", count.Actors)
	}
}

// relationRow is what the relation tests read of a relation.
type relationRow struct {
	ID, Type, Cameo     string
	Quad                *string
	Cooperation         *float64
	Source, Target      struct{ ID string }
	Count               int
	FirstSeen, LastSeen string
	Score               float64
}

const relationFields = `id type cameo quad cooperation source { id } target { id } count firstSeen lastSeen score`

func (r relationRow) String() string {
	return fmt.Sprintf("%s %s %s ×%d", r.Source.ID, r.Type, r.Target.ID, r.Count)
}

func rows(rs []relationRow) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.String()
	}
	return out
}

func TestRelations(t *testing.T) {
	c := newClient(t, seededStore(t))
	var resp struct {
		Dyad    struct{ Nodes []relationRow }
		Support struct{ Nodes []relationRow }
		Firm    struct{ Nodes []relationRow }
		Since   struct{ Nodes []relationRow }
		Between struct{ Nodes []relationRow }
		Top     struct {
			TotalCount int
			Nodes      []relationRow
		}
		Affiliation struct{ Nodes []relationRow }
		ByID        *relationRow
	}
	mustQuery(t, c, `{
		dyad: relations(source: "RUS", target: "UKR") { nodes { `+relationFields+` } }
		support: relations(filter: { types: [SUPPORT] }) { nodes { `+relationFields+` } }
		firm: relations(filter: { types: [SUPPORT], minConfidence: 0.85 }) { nodes { `+relationFields+` } }
		since: relations(actor: "UKR", filter: { since: "2024-03-01", quad: VERBAL_COOPERATION }) { nodes { `+relationFields+` } }
		between: relations(between: ["USA", "RUS", "igo/nato"]) { nodes { `+relationFields+` } }
		top: relations(first: 2) { totalCount nodes { `+relationFields+` } }
		affiliation: relations(filter: { types: [AFFILIATION] }) { nodes { `+relationFields+` } }
		byID: relation(id: "RUS|ASSAULT|UKR") { `+relationFields+` }
	}`, &resp)

	if len(resp.Dyad.Nodes) != 1 {
		t.Fatalf("RUS→UKR = %q, want one relation", rows(resp.Dyad.Nodes))
	}
	r := resp.Dyad.Nodes[0]
	// Three claims: 0.95, 0.9 and 0.5 (the negated one does not count).
	if r.ID != "RUS|ASSAULT|UKR" || r.Type != "ASSAULT" || r.Cameo != "19" || *r.Quad != "MATERIAL_CONFLICT" ||
		*r.Cooperation != -10 || r.Count != 3 || r.FirstSeen != "2024-02-10T09:00:00Z" ||
		r.LastSeen != "2024-05-30T00:00:00Z" || fmt.Sprintf("%.4f", r.Score) != "0.9975" {
		t.Errorf("RUS→UKR = %+v", r)
	}
	if resp.ByID == nil || !reflect.DeepEqual(*resp.ByID, r) {
		t.Errorf("relation(id) = %+v, want %+v", resp.ByID, r)
	}
	for _, tc := range []struct {
		name string
		got  []relationRow
		want []string
	}{
		{"types: [SUPPORT]", resp.Support.Nodes, []string{"USA SUPPORT UKR ×3", "igo/nato SUPPORT UKR ×2", "IRN SUPPORT ag/houthis ×1"}},
		{"minConfidence 0.85", resp.Firm.Nodes, []string{"IRN SUPPORT ag/houthis ×1", "igo/nato SUPPORT UKR ×1"}},
		{"since 2024-03-01", resp.Since.Nodes, []string{"USA SUPPORT UKR ×2"}},
		{"between", resp.Between.Nodes, []string{"USA THREATEN RUS ×1", "igo/nato THREATEN RUS ×1"}},
		{"first 2", resp.Top.Nodes, []string{"RUS ASSAULT UKR ×3", "USA SUPPORT UKR ×3"}},
		{"AFFILIATION", resp.Affiliation.Nodes, []string{"person/jens-stoltenberg AFFILIATION igo/nato ×1"}},
	} {
		if got := rows(tc.got); !slices.Equal(got, tc.want) {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
	if resp.Top.TotalCount <= 2 {
		t.Errorf("totalCount = %d, want all relations", resp.Top.TotalCount)
	}
	if a := resp.Affiliation.Nodes; len(a) == 1 && (a[0].Quad != nil || a[0].Cooperation != nil || a[0].Cameo != "") {
		t.Errorf("AFFILIATION has quad %v, cooperation %v, cameo %q; want none", a[0].Quad, a[0].Cooperation, a[0].Cameo)
	}

	var actorRels struct {
		Actor struct {
			Out, In struct{ Nodes []relationRow }
		}
	}
	mustQuery(t, c, `{ actor(id: "IRN") {
		out: relations(direction: OUT) { nodes { `+relationFields+` } }
		in: relations(direction: IN) { nodes { `+relationFields+` } }
	} }`, &actorRels)
	if got, want := rows(actorRels.Actor.Out.Nodes), []string{"IRN AID ag/houthis ×1", "IRN SUPPORT ag/houthis ×1"}; !slices.Equal(got, want) {
		t.Errorf("Iran's relations out = %q, want %q", got, want)
	}
	if got, want := rows(actorRels.Actor.In.Nodes), []string{"igo/nato REQUEST IRN ×1"}; !slices.Equal(got, want) {
		t.Errorf("Iran's relations in = %q, want %q", got, want)
	}
}

func TestNeighborhood(t *testing.T) {
	c := newClient(t, seededStore(t))
	var resp struct {
		Neighborhood struct {
			Center struct{ Name string }
			Nodes  []struct {
				Distance int
				Actor    struct{ ID string }
			}
			Edges     []relationRow
			Truncated bool
		}
		Small struct {
			Nodes     []struct{ Actor struct{ ID string } }
			Truncated bool
		}
	}
	mustQuery(t, c, `{
		neighborhood(actor: "UKR") { center { name } nodes { distance actor { id } } edges { `+relationFields+` } truncated }
		small: neighborhood(actor: "UKR", hops: 3, limit: 2) { nodes { actor { id } } truncated }
	}`, &resp)
	n := resp.Neighborhood
	var nodes []string
	for _, node := range n.Nodes {
		nodes = append(nodes, fmt.Sprintf("%s@%d", node.Actor.ID, node.Distance))
	}
	if want := []string{"UKR@0", "CAN@1", "RUS@1", "USA@1", "igo/nato@1"}; n.Center.Name != "Ukraine" || !slices.Equal(nodes, want) || n.Truncated {
		t.Errorf("neighbourhood of UKR: centre %q, nodes %q, truncated %v; want Ukraine, %q", n.Center.Name, nodes, n.Truncated, want)
	}
	edges := rows(n.Edges)
	slices.Sort(edges)
	want := []string{"RUS ASSAULT UKR ×3", "UKR REQUEST CAN ×1", "USA SUPPORT UKR ×3", "USA THREATEN RUS ×1",
		"igo/nato SUPPORT UKR ×2", "igo/nato THREATEN RUS ×1"}
	if !slices.Equal(edges, want) {
		t.Errorf("neighbourhood edges = %q, want %q", edges, want)
	}
	if len(resp.Small.Nodes) != 2 || !resp.Small.Truncated {
		t.Errorf("limit 2 gave %d nodes, truncated %v; want 2, true", len(resp.Small.Nodes), resp.Small.Truncated)
	}

	e := wantCode(t, c, `{ neighborhood(actor: "UKR", hops: 4) { truncated } }`, "BAD_USER_INPUT")
	if !strings.Contains(e.Message, "hops must be between 0 and 3") {
		t.Errorf("hops 4: message %q", e.Message)
	}
	wantCode(t, c, `{ neighborhood(actor: "UKR", limit: 0) { truncated } }`, "BAD_USER_INPUT")
	e = wantCode(t, c, `{ neighborhood(actor: "XXX") { truncated } }`, "NOT_FOUND")
	if !strings.Contains(e.Message, "XXX") {
		t.Errorf("missing actor: message %q does not name it", e.Message)
	}
}

func TestShortestPath(t *testing.T) {
	c := newClient(t, seededStore(t))
	var resp struct {
		Path *struct {
			Length int
			Actors []struct{ ID string }
			Steps  []struct {
				From, To  struct{ ID string }
				Relations []relationRow
			}
			Edges []relationRow
		}
		Isolated *struct{ Length int }
		Self     *struct {
			Length int
			Actors []struct{ ID string }
		}
	}
	mustQuery(t, c, `{
		path: shortestPath(from: "IRN", to: "UKR") {
			length actors { id } steps { from { id } to { id } relations { `+relationFields+` } } edges { `+relationFields+` }
		}
		isolated: shortestPath(from: "IRN", to: "GBR") { length }
		self: shortestPath(from: "UKR", to: "UKR") { length actors { id } }
	}`, &resp)
	p := resp.Path
	if p == nil {
		t.Fatal("no path from IRN to UKR")
	}
	var ids []string
	for _, a := range p.Actors {
		ids = append(ids, a.ID)
	}
	if want := []string{"IRN", "igo/nato", "UKR"}; p.Length != 2 || !slices.Equal(ids, want) {
		t.Errorf("path = %q (length %d), want %q", ids, p.Length, want)
	}
	if len(p.Steps) != 2 || p.Steps[0].From.ID != "IRN" || p.Steps[0].To.ID != "igo/nato" ||
		!slices.Equal(rows(p.Steps[0].Relations), []string{"igo/nato REQUEST IRN ×1"}) ||
		!slices.Equal(rows(p.Steps[1].Relations), []string{"igo/nato SUPPORT UKR ×2"}) {
		t.Errorf("steps = %+v", p.Steps)
	}
	if len(p.Edges) != 2 {
		t.Errorf("edges = %q, want the two steps' relations", rows(p.Edges))
	}
	if resp.Isolated != nil {
		t.Errorf("a path to an actor without relations: %+v, want null", resp.Isolated)
	}
	if resp.Self == nil || resp.Self.Length != 0 || len(resp.Self.Actors) != 1 {
		t.Errorf("a path from an actor to itself: %+v, want length 0", resp.Self)
	}
	wantCode(t, c, `{ shortestPath(from: "IRN", to: "XXX") { length } }`, "NOT_FOUND")
	e := wantCode(t, c, `{ shortestPath(from: "IRN", to: "UKR", maxHops: 7) { length } }`, "BAD_USER_INPUT")
	if !strings.Contains(e.Message, "maxHops must be between 1 and 6") {
		t.Errorf("maxHops 7: message %q", e.Message)
	}
}

func TestEvidence(t *testing.T) {
	c := newClient(t, seededStore(t))
	type claim struct {
		ID, Type, Cameo, Predicate, SourceText, TargetText string
		Role                                               *string
		Sentence                                           string
		Start, End                                         int
		Confidence                                         float64
		Negated                                            bool
		Modality                                           string
		Time                                               *string
		Extractor, ExtractorVersion                        string
		Source, Target                                     struct{ Name string }
		SourceSpan, TargetSpan                             *struct{ Start, End int }
		Article                                            struct {
			ID, Title      string
			URL, Published *string
			Source         *string
		}
	}
	const claimFields = `id type cameo predicate sourceText targetText sourceSpan { start end } targetSpan { start end } role sentence start end confidence negated
		modality time extractor extractorVersion source { name } target { name }
		article { id title url published source }`
	var resp struct {
		Nato *struct {
			Evidence struct {
				TotalCount int
				Nodes      []claim
			}
		}
		Assault *struct {
			Evidence struct {
				TotalCount int
				Edges      []struct {
					Cursor string
					Node   claim
				}
				PageInfo struct {
					HasNextPage bool
					EndCursor   *string
				}
			}
			Later struct{ Nodes []claim }
		}
	}
	mustQuery(t, c, `{
		nato: relation(id: "igo/nato|SUPPORT|UKR") { evidence { totalCount nodes { `+claimFields+` } } }
		assault: relation(id: "RUS|ASSAULT|UKR") {
			evidence(first: 2) { totalCount edges { cursor node { `+claimFields+` } } pageInfo { hasNextPage endCursor } }
			later: evidence(filter: { since: "2024-05-01" }) { nodes { id sentence } }
		}
	}`, &resp)
	if resp.Nato == nil || resp.Assault == nil {
		t.Fatalf("relations missing: %+v", resp)
	}
	ev := resp.Nato.Evidence
	if ev.TotalCount != 2 || len(ev.Nodes) != 2 {
		t.Fatalf("NATO SUPPORT UKR evidence: %d of %d, want 2", len(ev.Nodes), ev.TotalCount)
	}
	// Both claims share a time, so they come by id: "a1-c0" before "a1-c1".
	first := ev.Nodes[0]
	if first.ID != "a1-c0" || ev.Nodes[1].ID != "a1-c1" {
		t.Errorf("evidence order = %s, %s; want a1-c0, a1-c1", first.ID, ev.Nodes[1].ID)
	}
	if first.Type != "SUPPORT" || first.Cameo != "05" || first.Predicate != "stands with" ||
		first.SourceText != "the alliance" || first.Role != nil || first.Sentence != "He said the alliance stands with Ukraine." ||
		first.Start != 251 || first.End != 251+len("He said the alliance stands with Ukraine.") || first.Confidence != 0.5 ||
		first.Negated || first.Modality != "ASSERTED" || *first.Time != "2024-02-10T09:00:00Z" ||
		first.Extractor != "rules" || first.ExtractorVersion != "1.0.0" ||
		first.Source.Name != "NATO" || first.Target.Name != "Ukraine" {
		t.Errorf("claim a1-c0 = %+v", first)
	}
	if s, e := first.SourceSpan, first.TargetSpan; s == nil || e == nil || s.Start != 259 || s.End != 271 || e.Start != 284 || e.End != 291 {
		t.Errorf("claim a1-c0: spans %+v and %+v, want the alliance at [259,271) and Ukraine at [284,291)", s, e)
	}
	if n := ev.Nodes[1]; n.SourceSpan != nil || n.TargetSpan != nil {
		t.Errorf("claim a1-c1 has no offsets stored, but its spans are %+v and %+v; want null", n.SourceSpan, n.TargetSpan)
	}
	art := first.Article
	if art.ID != "wire-2024-02-10-nato-pledge" || art.Title != "NATO allies pledge lasting support for Ukraine" ||
		*art.URL != "https://wire.example/2024/02/10/nato-pledge" || *art.Published != "2024-02-10T09:00:00Z" || *art.Source != "Example Wire" {
		t.Errorf("article = %+v", art)
	}

	// RUS ASSAULT UKR has three claims and a negated one, which evidence lists too.
	as := resp.Assault.Evidence
	if as.TotalCount != 4 || len(as.Edges) != 2 || !as.PageInfo.HasNextPage || *as.PageInfo.EndCursor != as.Edges[1].Cursor {
		t.Fatalf("RUS ASSAULT UKR evidence(first: 2) = %+v", as)
	}
	var rest struct {
		Relation struct {
			Evidence struct {
				Nodes    []claim
				PageInfo struct{ HasNextPage bool }
			}
		}
	}
	mustQuery(t, c, `query($after: String) { relation(id: "RUS|ASSAULT|UKR") {
		evidence(first: 2, after: $after) { nodes { `+claimFields+` } pageInfo { hasNextPage } } } }`,
		&rest, client.Var("after", *as.PageInfo.EndCursor))
	all := []claim{as.Edges[0].Node, as.Edges[1].Node}
	all = append(all, rest.Relation.Evidence.Nodes...)
	var negated []string
	for _, cl := range all {
		if cl.Negated {
			negated = append(negated, cl.Predicate)
		}
	}
	if len(all) != 4 || rest.Relation.Evidence.PageInfo.HasNextPage || !slices.Equal(negated, []string{"did not strike"}) {
		t.Errorf("all RUS ASSAULT UKR evidence = %+v", all)
	}
	var later []string
	for _, cl := range resp.Assault.Later.Nodes {
		later = append(later, cl.Sentence)
	}
	if want := []string{"Russian forces shelled Kharkiv again.", "Russia struck Ukraine's power grid on Thursday."}; !slices.Equal(later, want) {
		t.Errorf("evidence since 2024-05-01 = %q, want %q", later, want)
	}

	var article struct {
		Article *struct {
			Title     string
			URL       *string
			Published *string
		}
		Missing *struct{ ID string }
	}
	mustQuery(t, c, `{ article(id: "sha256-5f1c0a9e7b3d2c4e6a8b0d1f") { title url published } missing: article(id: "nope") { id } }`, &article)
	if article.Article == nil || article.Article.Title != "Sanctions widen as shelling goes on" || article.Article.URL != nil || article.Article.Published != nil {
		t.Errorf("article without url or date = %+v", article.Article)
	}
	if article.Missing != nil {
		t.Errorf("missing article = %+v, want null", article.Missing)
	}
}

func TestStatsAndTypes(t *testing.T) {
	c := newClient(t, seededStore(t))
	var resp struct {
		Stats         struct{ Actors, Articles, Claims, Relations int }
		RelationTypes []struct {
			Type, Cameo string
			Quad        *string
			Cooperation *float64
		}
	}
	mustQuery(t, c, `{ stats { actors articles claims relations } relationTypes { type cameo quad cooperation } }`, &resp)
	if s := resp.Stats; s.Actors != 11 || s.Articles != 5 || s.Claims != 21 || s.Relations == 0 {
		t.Errorf("stats = %+v, want 11 actors, 5 articles, 21 claims", s)
	}
	if len(resp.RelationTypes) != 17 || resp.RelationTypes[0].Type != "AGREE" || resp.RelationTypes[16].Type != "AFFILIATION" ||
		resp.RelationTypes[16].Quad != nil || *resp.RelationTypes[15].Cooperation != -10 {
		t.Errorf("relationTypes = %+v", resp.RelationTypes)
	}
}

func TestBadInput(t *testing.T) {
	c := newClient(t, seededStore(t))
	for _, tc := range []struct{ query, want string }{
		{`{ actors(after: "garbage") { totalCount } }`, "not a cursor"},
		{`{ actors(first: 1001) { totalCount } }`, "first must be between 0 and 1000"},
		{`{ relations(first: -1) { totalCount } }`, "first must be between 0 and 1000"},
		{`{ relations(filter: { since: "last week" }) { totalCount } }`, "neither a date"},
		{`{ relations(filter: { until: 5 }) { totalCount } }`, "Time must be a string"},
		{`{ relations(filter: { since: "2024-05-01", until: "2024-01-01" }) { totalCount } }`, "before"},
		{`{ relations(filter: { minConfidence: 2 }) { totalCount } }`, "minConfidence must be between 0 and 1"},
		{`{ relations(between: []) { totalCount } }`, "at least one actor"},
		{`{ relation(id: "RUS-UKR") { id } }`, "SOURCE|TYPE|TARGET"},
		{`{ relation(id: "RUS|ASSAULT|UKR") { evidence(first: 5000) { totalCount } } }`, "first must be between"},
	} {
		e := wantCode(t, c, tc.query, "BAD_USER_INPUT")
		if !strings.Contains(e.Message, tc.want) || strings.Contains(e.Message, "invalid input") {
			t.Errorf("%s: message %q does not say %q, or repeats the code", tc.query, e.Message, tc.want)
		}
	}
}

// TestOutOfRangeInputIsBadInput sends what a well-formed query can still carry out of range: a
// forged cursor whose position overflows when the next position is computed from it, and a
// minConfidence of NaN, which gqlgen reads from a variable given as the string "NaN".
func TestOutOfRangeInputIsBadInput(t *testing.T) {
	c := newClient(t, seededStore(t))
	overflow := base64.RawURLEncoding.EncodeToString([]byte("o:" + strconv.Itoa(math.MaxInt)))
	for _, query := range []string{
		fmt.Sprintf(`{ actors(after: %q) { totalCount nodes { id } } }`, overflow),
		fmt.Sprintf(`{ relations(after: %q) { totalCount nodes { id } } }`, overflow),
		fmt.Sprintf(`{ relation(id: "RUS|ASSAULT|UKR") { evidence(after: %q) { totalCount } } }`, overflow),
		fmt.Sprintf(`{ actor(id: "UKR") { relations(first: 0, after: %q) { totalCount } } }`, overflow),
	} {
		if e := wantCode(t, c, query, "BAD_USER_INPUT"); !strings.Contains(e.Message, "not a cursor") {
			t.Errorf("%s: message %q", query, e.Message)
		}
	}
	nan := client.Var("f", map[string]any{"minConfidence": "NaN"})
	for _, query := range []string{
		`query($f: RelationFilter) { relations(filter: $f) { totalCount } }`,
		`query($f: RelationFilter) { neighborhood(actor: "UKR", filter: $f) { truncated } }`,
		`query($f: RelationFilter) { relation(id: "RUS|ASSAULT|UKR") { evidence(filter: $f) { totalCount } } }`,
	} {
		if e := wantCode(t, c, query, "BAD_USER_INPUT", nan); !strings.Contains(e.Message, "minConfidence must be between 0 and 1") {
			t.Errorf("%s: message %q", query, e.Message)
		}
	}
}

// failingStore fails every call with an error whose text must not reach clients, or panics.
type failingStore struct {
	graph.Store
	panics bool
}

const secret = "dial tcp 10.1.2.3:7687: password=hunter2"

func (f failingStore) Relations(context.Context, graph.RelationQuery) (graph.RelationPage, error) {
	if f.panics {
		panic("boom: " + secret)
	}
	return graph.RelationPage{}, errors.New(secret)
}

func (f failingStore) Evidence(context.Context, []graph.RelationKey, graph.RelationFilter, graph.Page) (map[graph.RelationKey]graph.EvidencePage, error) {
	if f.panics {
		panic("boom: " + secret)
	}
	return nil, errors.New(secret)
}

func (f failingStore) Stats(context.Context) (graph.Stats, error) {
	if f.panics {
		panic("boom: " + secret)
	}
	return graph.Stats{}, errors.New(secret)
}

func TestInternalErrorsAreLoggedNotShown(t *testing.T) {
	for _, panics := range []bool{false, true} {
		t.Run(fmt.Sprintf("panics=%v", panics), func(t *testing.T) {
			var logs strings.Builder
			var mu sync.Mutex
			log := slog.New(slog.NewTextHandler(lockedWriter{&mu, &logs}, nil))
			store := seededStore(t)
			c := client.New(server.New(failingStore{Store: store, panics: panics}, server.WithLogger(log)))
			c.SetCustomTarget("/graphql")

			for _, query := range []string{
				`{ relations { totalCount } }`,
				`{ actor(id: "UKR") { name } neighborhood(actor: "UKR") { edges { evidence { totalCount } } } }`,
			} {
				data, errs := post(t, c, query)
				if len(errs) == 0 {
					t.Fatalf("%s: no error", query)
				}
				for _, e := range errs {
					if e.Extensions["code"] != "INTERNAL" || strings.Contains(e.Message, "hunter2") || e.Extensions["ref"] == nil {
						t.Errorf("%s: error %+v, want code INTERNAL, a ref, and no detail", query, e)
					}
				}
				if strings.Contains(string(data), "hunter2") {
					t.Errorf("data leaks the detail: %s", data)
				}
			}
			var ok struct{ Actor struct{ Name string } }
			mustQuery(t, c, `{ actor(id: "UKR") { name } }`, &ok) // the server still answers

			// Outside GraphQL too: a failing or panicking handler answers, without the detail.
			ts := httptest.NewServer(server.New(failingStore{Store: store, panics: panics}, server.WithLogger(log)))
			defer ts.Close()
			for range 2 {
				resp, err := http.Get(ts.URL + "/readyz")
				if err != nil {
					t.Fatalf("GET /readyz: %v", err)
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				want := http.StatusServiceUnavailable
				if panics {
					want = http.StatusInternalServerError
				}
				if resp.StatusCode != want || strings.Contains(string(body), "hunter2") {
					t.Errorf("GET /readyz: %d %q, want %d without the detail", resp.StatusCode, body, want)
				}
			}
			mu.Lock()
			defer mu.Unlock()
			if !strings.Contains(logs.String(), "hunter2") || !strings.Contains(logs.String(), "ref=") {
				t.Errorf("the log lacks the detail and its ref:\n%s", logs.String())
			}
		})
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// slowStore answers Relations only when its context ends.
type slowStore struct{ graph.Store }

func (s slowStore) Relations(ctx context.Context, _ graph.RelationQuery) (graph.RelationPage, error) {
	<-ctx.Done()
	return graph.RelationPage{}, fmt.Errorf("relations: %w", ctx.Err())
}

func TestTimeout(t *testing.T) {
	c := newClient(t, slowStore{seededStore(t)}, server.WithTimeout(50*time.Millisecond))
	e := wantCode(t, c, `{ relations { totalCount } }`, "TIMEOUT")
	if !strings.Contains(e.Message, "longer than the server allows") {
		t.Errorf("timeout message %q", e.Message)
	}
}

func TestComplexityLimit(t *testing.T) {
	c := newClient(t, seededStore(t), server.WithComplexityLimit(1000))
	var ok struct{ Relations struct{ TotalCount int } }
	mustQuery(t, c, `{ relations(first: 5) { totalCount nodes { type } } }`, &ok)
	e := wantCode(t, c, `{ actors(first: 1000) { nodes { relations(first: 1000) { nodes { type } } } } }`, "COMPLEXITY_LIMIT_EXCEEDED")
	if !strings.Contains(e.Message, "exceeds the limit of 1000") {
		t.Errorf("over-complex query: %q", e.Message)
	}
}

// A neighbourhood's edges outnumber its actors: asking for 20 claims of every edge of a
// 500-actor neighbourhood is refused under the default limit, while an ordinary view passes.
func TestComplexityWeighsNeighbourhoodEdges(t *testing.T) {
	c := newClient(t, seededStore(t))
	var ok map[string]any
	mustQuery(t, c, `{ neighborhood(actor: "UKR", hops: 2) { nodes { distance actor { id name } }
		edges { source { id } type target { id } count evidence(first: 2) { nodes { sentence } } } } }`, &ok)
	wantCode(t, c, `{ neighborhood(actor: "UKR", hops: 3, limit: 500) {
		edges { evidence(first: 20) { nodes { sentence } } } } }`, "COMPLEXITY_LIMIT_EXCEEDED")
}

// hubStore is a store with one actor, HUB, that supports 60 others, each with two claims in
// two articles: enough for a page of 50 relations with distinct actors.
func hubStore(t testing.TB) graph.Store {
	t.Helper()
	s := openStore(t)
	hub := graph.Actor{ID: "HUB", Name: "Hub", Kind: graph.KindIGO}
	var batch []graph.Extraction
	for i := range 60 {
		p := graph.Actor{ID: fmt.Sprintf("P%02d", i), Name: fmt.Sprintf("Partner %d", i), Kind: graph.KindState}
		for j := range 2 {
			art := graph.Article{ID: fmt.Sprintf("a-%d-%d", i, j), Title: fmt.Sprintf("Hub backs partner %d (%d)", i, j)}
			sentence := fmt.Sprintf("The hub backs partner %d.", i)
			batch = append(batch, graph.Extraction{Article: art, Actors: []graph.Actor{hub, p}, Claims: []graph.Claim{{
				ArticleID: art.ID, Source: hub.ID, Target: p.ID, Type: graph.Support, CAMEO: "05", Predicate: "backs",
				SourceText: "The hub", TargetText: "partner", Sentence: sentence, End: len(sentence),
				Confidence: 0.5 + float64(i)/200, Modality: graph.Asserted, Extractor: "rules", ExtractorVers: "1",
			}}})
		}
	}
	if err := s.Save(context.Background(), batch); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestStoreCallsDoNotGrowWithRows(t *testing.T) {
	const query = `{
		relations(first: 50) {
			nodes {
				type
				source { name }
				target { name kind }
				evidence(first: 3) { totalCount nodes { sentence source { id } target { name } article { title } } }
				more: evidence(first: 1) { nodes { id } }
			}
		}
	}`
	type response struct {
		Relations struct {
			Nodes []struct {
				Source, Target struct{ Name string }
				Evidence       struct {
					TotalCount int
					Nodes      []struct {
						Sentence string
						Target   struct{ Name string }
					}
				}
			}
		}
	}
	check := func(t *testing.T, resp response, withEnds bool) {
		t.Helper()
		if n := len(resp.Relations.Nodes); n != 50 {
			t.Fatalf("got %d relations, want 50", n)
		}
		for _, r := range resp.Relations.Nodes {
			if len(r.Evidence.Nodes) != 2 || !strings.HasPrefix(r.Evidence.Nodes[0].Target.Name, "Partner ") ||
				r.Evidence.Nodes[1].Target.Name != r.Evidence.Nodes[0].Target.Name {
				t.Fatalf("relation %+v", r)
			}
			if withEnds && (r.Source.Name != "Hub" || r.Target.Name != r.Evidence.Nodes[0].Target.Name || r.Evidence.TotalCount != 2) {
				t.Fatalf("relation %+v", r)
			}
		}
	}

	// The real embedded store, counted: the actors of the page and of its claims come in one
	// ActorsByID call, never one Actor call each, and the evidence of all 50 relations in one
	// Evidence call per evidence field.
	oneEvidenceField := strings.Replace(query, "more: evidence(first: 1) { nodes { id } }", "", 1)
	if oneEvidenceField == query {
		t.Fatal("could not drop the second evidence field from the query")
	}
	for _, tc := range []struct {
		name, query string
		withEnds    bool // the query asks for the relations' source and target
		want        map[string]int
	}{
		{"one evidence field", oneEvidenceField, true,
			map[string]int{"Relations": 1, "ActorsByID": 1, "Evidence": 1}},
		{"two evidence fields with other arguments", query, true,
			map[string]int{"Relations": 1, "ActorsByID": 1, "Evidence": 2}},
		// The claims name the actors of their relations, which were listed first: the claims'
		// actors load with the relations' list, not one claim list at a time.
		{"the claims' actors only", `{ relations(first: 50) { nodes { evidence(first: 3) {
			nodes { source { name } target { name } } } } } }`, false,
			map[string]int{"Relations": 1, "ActorsByID": 1, "Evidence": 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			counted := newCountingStore(hubStore(t))
			c := newClient(t, counted)
			var resp response
			mustQuery(t, c, tc.query, &resp)
			check(t, resp, tc.withEnds)
			if !mapsEqual(counted.calls, tc.want) {
				t.Errorf("store calls = %v, want %v", counted, tc.want)
			}
		})
	}

	t.Run("a neighbourhood's actors come with it", func(t *testing.T) {
		counted := newCountingStore(hubStore(t))
		c := newClient(t, counted)
		var resp struct {
			Neighborhood struct {
				Edges []struct {
					Source, Target struct{ Name string }
					Evidence       struct{ TotalCount int }
				}
			}
		}
		mustQuery(t, c, `{ neighborhood(actor: "HUB") { edges { source { name } target { name } evidence { totalCount } } } }`, &resp)
		if n := len(resp.Neighborhood.Edges); n != 60 {
			t.Fatalf("got %d edges, want 60", n)
		}
		if want := map[string]int{"Neighborhood": 1, "Evidence": 1}; !mapsEqual(counted.calls, want) {
			t.Errorf("store calls = %v, want %v", counted, want)
		}
	})
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestHTTP runs the server on a real port.
func TestHTTP(t *testing.T) {
	ts := httptest.NewServer(server.New(seededStore(t), server.WithLogger(testLogger(t))))
	defer ts.Close()

	get := func(path string) (*http.Response, string) {
		t.Helper()
		resp, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp, string(body)
	}

	t.Run("GET /graphql", func(t *testing.T) {
		resp, body := get("/graphql?query=" + url.QueryEscape(`{ actor(id: "RUS") { name } }`))
		if resp.StatusCode != 200 || !strings.Contains(body, `"name":"Russian Federation"`) && !strings.Contains(body, `"name":"Russia"`) {
			t.Errorf("GET /graphql: %d %s", resp.StatusCode, body)
		}
	})

	t.Run("POST /graphql", func(t *testing.T) {
		req := `{"query":"query($id: ID!) { actor(id: $id) { name kind } }","variables":{"id":"igo/nato"}}`
		resp, err := http.Post(ts.URL+"/graphql", "application/json", strings.NewReader(req))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out struct {
			Data struct{ Actor struct{ Name, Kind string } }
		}
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != 200 || out.Data.Actor.Name != "NATO" || out.Data.Actor.Kind != "IGO" {
			t.Errorf("POST /graphql: %d %+v", resp.StatusCode, out)
		}
	})

	// GraphQL over HTTP: as application/json, a well-formed request whose query does not parse or
	// validate answers 200 with the errors; as application/graphql-response+json, 400; a body
	// that is not JSON, 400 either way.
	t.Run("a query that does not parse", func(t *testing.T) {
		for _, c := range []struct {
			accept, body, code string
			status             int
			contentType        string
		}{
			{"", `{"query":"{ actor(id: "}`, "GRAPHQL_PARSE_FAILED", http.StatusOK, "application/json"},
			{"application/json", `{"query":"{ actor(id: \"UKR\") { nosuchfield } }"}`, "GRAPHQL_VALIDATION_FAILED", http.StatusOK, "application/json"},
			{"application/graphql-response+json", `{"query":"{ actor(id: "}`, "GRAPHQL_PARSE_FAILED", http.StatusBadRequest, "application/graphql-response+json"},
			{"application/graphql-response+json, application/json;q=0.9", `{"query":"{ nosuchfield }"}`, "GRAPHQL_VALIDATION_FAILED", http.StatusBadRequest, "application/graphql-response+json"},
			{"application/json", `{"query": 12`, "BAD_REQUEST", http.StatusBadRequest, "application/json"},
		} {
			req, _ := http.NewRequest(http.MethodPost, ts.URL+"/graphql", strings.NewReader(c.body))
			req.Header.Set("Content-Type", "application/json")
			if c.accept != "" {
				req.Header.Set("Accept", c.accept)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != c.status || !strings.Contains(string(body), c.code) || !strings.HasPrefix(resp.Header.Get("Content-Type"), c.contentType) {
				t.Errorf("Accept %q, %s: %d %s %s; want %d %s with %s", c.accept, c.body, resp.StatusCode, resp.Header.Get("Content-Type"), body, c.status, c.contentType, c.code)
			}
		}
	})

	// Automatic persisted queries: a hash the server does not know asks for the query; sent with
	// it once, the hash alone then runs it, over POST and GET.
	t.Run("persisted queries", func(t *testing.T) {
		query := `{ actor(id: "igo/nato") { name } }`
		sum := sha256.Sum256([]byte(query))
		ext := fmt.Sprintf(`{"persistedQuery":{"version":1,"sha256Hash":"%x"}}`, sum)
		post := func(body string) string {
			resp, err := http.Post(ts.URL+"/graphql", "application/json", strings.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			return string(b)
		}
		if got := post(`{"extensions":` + ext + `}`); !strings.Contains(got, "PERSISTED_QUERY_NOT_FOUND") {
			t.Errorf("an unknown hash: %s", got)
		}
		q, _ := json.Marshal(query)
		if got := post(`{"query":` + string(q) + `,"extensions":` + ext + `}`); !strings.Contains(got, `"NATO"`) {
			t.Errorf("the query with its hash: %s", got)
		}
		if got := post(`{"extensions":` + ext + `}`); !strings.Contains(got, `"NATO"`) {
			t.Errorf("the hash alone: %s", got)
		}
		if resp, got := get("/graphql?extensions=" + url.QueryEscape(ext)); resp.StatusCode != 200 || !strings.Contains(got, `"NATO"`) {
			t.Errorf("the hash alone over GET: %d %s", resp.StatusCode, got)
		}
	})

	t.Run("introspection", func(t *testing.T) {
		resp, body := get("/graphql?query=" + url.QueryEscape(`{ __type(name: "Relation") { description fields { name } } }`))
		if resp.StatusCode != 200 || !strings.Contains(body, `"evidence"`) || !strings.Contains(body, "dyad edge") {
			t.Errorf("introspection: %d %s", resp.StatusCode, body)
		}
	})

	t.Run("other methods", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodDelete, ts.URL+"/graphql", nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("DELETE /graphql: %d, want 405", resp.StatusCode)
		}
	})

	t.Run("GET /healthz and /readyz", func(t *testing.T) {
		resp, body := get("/healthz")
		if resp.StatusCode != 200 || !strings.Contains(body, `"status":"ok"`) {
			t.Errorf("healthz: %d %s", resp.StatusCode, body)
		}
		resp, body = get("/readyz")
		if resp.StatusCode != 200 || !strings.Contains(body, `"status":"ok"`) || !strings.Contains(body, `"claims":21`) {
			t.Errorf("readyz: %d %s", resp.StatusCode, body)
		}
	})

	t.Run("GET / is the playground", func(t *testing.T) {
		resp, body := get("/")
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			t.Fatalf("GET /: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		if server.PlaygroundBuilt() {
			if !strings.Contains(body, `src="ui/playground.js"`) {
				t.Errorf("GET / does not load the bundle:\n%s", body)
			}
			js, jsBody := get("/ui/playground.js")
			if js.StatusCode != 200 || !strings.Contains(js.Header.Get("Content-Type"), "javascript") || len(jsBody) < 100_000 {
				t.Errorf("GET /ui/playground.js: %d %s, %d bytes", js.StatusCode, js.Header.Get("Content-Type"), len(jsBody))
			}
		} else if !strings.Contains(body, "npm --prefix server/ui ci &amp;&amp; npm --prefix server/ui run build") ||
			!strings.Contains(body, `fetch("graphql"`) {
			t.Errorf("the fallback page does not say how to build the playground or lacks its form:\n%s", body)
		}
		if resp, _ := get("/nothing-here"); resp.StatusCode != 404 {
			t.Errorf("GET /nothing-here: %d, want 404", resp.StatusCode)
		}
	})

	t.Run("export", func(t *testing.T) {
		resp, body := get("/export/neighborhood?actor=UKR&format=json")
		var out struct {
			Nodes []struct {
				ID       string
				Distance int
			}
			Edges []struct{ Source, Type, Target string }
		}
		if err := json.Unmarshal([]byte(body), &out); resp.StatusCode != 200 || err != nil || len(out.Nodes) != 5 || len(out.Edges) != 6 {
			t.Errorf("json export: %d %v %s", resp.StatusCode, err, body)
		}
		resp, body = get("/export/neighborhood?actor=UKR&hops=1&format=graphml&types=ASSAULT")
		if resp.StatusCode != 200 || !strings.Contains(body, `<edge id="RUS|ASSAULT|UKR" source="RUS" target="UKR">`) ||
			strings.Contains(body, "SUPPORT") || !strings.Contains(body, `<graph id="dyad" edgedefault="directed">`) {
			t.Errorf("graphml export: %d\n%s", resp.StatusCode, body)
		}
		resp, body = get("/export/neighborhood?actor=UKR&format=csv&since=2024-05-01")
		lines := strings.Split(strings.TrimSpace(body), "\n")
		if resp.StatusCode != 200 || len(lines) != 4 || !strings.HasPrefix(lines[0], "source,source_name,type") ||
			!strings.Contains(body, "RUS,Russia") && !strings.Contains(body, "RUS,Russian Federation") {
			t.Errorf("csv export: %d\n%s", resp.StatusCode, body)
		}
		for path, status := range map[string]int{
			"/export/neighborhood":                             400,
			"/export/neighborhood?actor=UKR&hops=5":            400,
			"/export/neighborhood?actor=UKR&format=xlsx":       400,
			"/export/neighborhood?actor=UKR&types=BOGUS":       400,
			"/export/neighborhood?actor=XXX":                   404,
			"/export/neighborhood?actor=UKR&since=monday":      400,
			"/export/neighborhood?actor=UKR&minConfidence=NaN": 400,
		} {
			if resp, body := get(path); resp.StatusCode != status {
				t.Errorf("%s: %d %s, want %d", path, resp.StatusCode, body, status)
			}
		}
	})
}

// BenchmarkRelationsWithEvidence measures a page of 50 relations with their actors and two
// claims each, over the embedded store: the server's share of a typical analyst query.
func BenchmarkRelationsWithEvidence(b *testing.B) {
	h := server.New(hubStore(b))
	body := `{"query":"{ relations(first: 50) { nodes { type source { name } target { name } evidence(first: 3) { nodes { sentence article { title } } } } } }"}`
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		h.ServeHTTP(rec, req)
		if rec.Code != 200 || strings.Contains(rec.Body.String(), `"errors"`) {
			b.Fatalf("%d %s", rec.Code, rec.Body)
		}
	}
}

func TestRollup(t *testing.T) {
	c := newClient(t, seededStore(t))
	type evidenceRow struct {
		TotalCount int
		Nodes      []struct{ Source, Target struct{ ID string } }
	}
	var resp struct {
		Rolled struct {
			Nodes []struct {
				relationRow
				Evidence evidenceRow
			}
		}
		Plain  struct{ Nodes []relationRow }
		Gov    struct{ Nodes []relationRow }
		Around struct {
			Nodes []struct{ Actor struct{ ID string } }
		}
	}
	mustQuery(t, c, `{
		rolled: relations(actor: "RUS", filter: { types: [ACCUSE, SANCTION], rollup: true }) {
			nodes { `+relationFields+` evidence(filter: { types: [ACCUSE, SANCTION], rollup: true }) { totalCount nodes { source { id } target { id } } } } }
		plain: relations(actor: "RUS", filter: { types: [ACCUSE, SANCTION] }) { nodes { `+relationFields+` } }
		gov: relations(actor: "gov/rus", filter: { types: [ACCUSE, SANCTION], rollup: true }) { nodes { `+relationFields+` } }
		around: neighborhood(actor: "RUS", hops: 1, filter: { types: [ACCUSE], rollup: true }) { nodes { actor { id } } }
	}`, &resp)
	var rolled, evidence []string
	for _, n := range resp.Rolled.Nodes {
		rolled = append(rolled, n.String())
		for _, e := range n.Evidence.Nodes {
			evidence = append(evidence, fmt.Sprintf("%s: %s>%s", n.ID, e.Source.ID, e.Target.ID))
		}
	}
	// The fixture's Russian Government (gov/rus, GOVERNMENT of RUS) accuses NATO and is
	// sanctioned by the USA; rolled up, those are Russia's relations.
	if want := []string{"RUS ACCUSE igo/nato ×1", "USA SANCTION RUS ×1"}; !slices.Equal(rolled, want) {
		t.Errorf("rolled-up relations of RUS = %q, want %q", rolled, want)
	}
	if want := []string{"RUS|ACCUSE|igo/nato: gov/rus>igo/nato", "USA|SANCTION|RUS: USA>gov/rus"}; !slices.Equal(evidence, want) {
		t.Errorf("rolled-up evidence = %q, want %q", evidence, want)
	}
	if got := rows(resp.Plain.Nodes); len(got) != 0 {
		t.Errorf("relations of RUS without roll-up = %q, want none", got)
	}
	if got := rows(resp.Gov.Nodes); len(got) != 0 {
		t.Errorf("rolled-up relations of gov/rus = %q, want none: they are Russia's", got)
	}
	var around []string
	for _, n := range resp.Around.Nodes {
		around = append(around, n.Actor.ID)
	}
	if want := []string{"RUS", "igo/nato"}; !slices.Equal(around, want) {
		t.Errorf("rolled-up ACCUSE neighbourhood of RUS = %q, want %q", around, want)
	}

	srv := httptest.NewServer(server.New(seededStore(t), server.WithLogger(testLogger(t))))
	defer srv.Close()
	for query, want := range map[string]string{
		"actor=RUS&types=ACCUSE&rollup=true": `<edge id="RUS|ACCUSE|igo/nato" source="RUS" target="igo/nato">`,
		"actor=RUS&types=ACCUSE":             "",
		"actor=RUS&rollup=maybe":             "rollup must be true or false",
	} {
		resp, err := http.Get(srv.URL + "/export/neighborhood?format=graphml&" + query)
		if err != nil {
			t.Fatalf("GET %s: %v", query, err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		switch {
		case want == "" && (resp.StatusCode != 200 || strings.Contains(string(body), "<edge ")):
			t.Errorf("export %s: %d, want 200 without edges:\n%s", query, resp.StatusCode, body)
		case want != "" && !strings.Contains(string(body), want):
			t.Errorf("export %s: %d, want %q in:\n%s", query, resp.StatusCode, want, body)
		}
	}
}
