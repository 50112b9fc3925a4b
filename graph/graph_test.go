package graph_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/graph"
)

func TestFilterPasses(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2024, 2, d, 0, 0, 0, 0, time.UTC) }
	since, until := day(2), day(4)
	c := graph.Claim{Type: graph.Support, Confidence: 0.7, Time: day(3)}
	for _, tc := range []struct {
		name string
		f    graph.RelationFilter
		c    graph.Claim
		want bool
	}{
		{"empty filter", graph.RelationFilter{}, c, true},
		{"negated never", graph.RelationFilter{}, func() graph.Claim { n := c; n.Negated = true; return n }(), false},
		{"type listed", graph.RelationFilter{Types: []graph.RelationType{graph.Support}}, c, true},
		{"type not listed", graph.RelationFilter{Types: []graph.RelationType{graph.Assault}}, c, false},
		{"quad matches", graph.RelationFilter{Quad: graph.VerbalCooperation}, c, true},
		{"quad differs", graph.RelationFilter{Quad: graph.MaterialConflict}, c, false},
		{"in window", graph.RelationFilter{Since: &since, Until: &until}, c, true},
		{"before window", graph.RelationFilter{Since: &until}, c, false},
		{"after window", graph.RelationFilter{Until: &since}, c, false},
		{"confident enough", graph.RelationFilter{MinConfidence: 0.7}, c, true},
		{"not confident enough", graph.RelationFilter{MinConfidence: 0.71}, c, false},
		{"affiliation hidden by default", graph.RelationFilter{}, graph.Claim{Type: graph.Affiliation}, false},
		{"affiliation when asked", graph.RelationFilter{Types: []graph.RelationType{graph.Affiliation}}, graph.Claim{Type: graph.Affiliation}, true},
	} {
		if got := tc.f.Passes(tc.c); got != tc.want {
			t.Errorf("%s: Passes = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestAggregateCountsPassingClaimsOnly(t *testing.T) {
	t1 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	t2 := t1.AddDate(0, 1, 0)
	claims := []graph.Claim{
		{Source: "USA", Target: "UKR", Type: graph.Support, Confidence: 0.5, Time: t2},
		{Source: "USA", Target: "UKR", Type: graph.Support, Confidence: 0.5, Time: t1},
		{Source: "USA", Target: "UKR", Type: graph.Support, Confidence: 0.9, Time: t1, Negated: true},
		{Source: "RUS", Target: "UKR", Type: graph.Assault, Confidence: 0.8, Time: t1},
	}
	got := graph.Aggregate(claims, graph.RelationFilter{})
	want := []graph.Relation{
		{Source: "USA", Target: "UKR", Type: graph.Support, Count: 2, FirstSeen: t1, LastSeen: t2, Score: 0.75},
		{Source: "RUS", Target: "UKR", Type: graph.Assault, Count: 1, FirstSeen: t1, LastSeen: t1, Score: 0.8},
	}
	if !slices.EqualFunc(got, want, func(a, b graph.Relation) bool {
		return a.Key() == b.Key() && a.Count == b.Count && a.FirstSeen.Equal(b.FirstSeen) &&
			a.LastSeen.Equal(b.LastSeen) && a.Score > b.Score-1e-9 && a.Score < b.Score+1e-9
	}) {
		t.Fatalf("Aggregate = %+v\nwant %+v", got, want)
	}
}

func TestSearch(t *testing.T) {
	nato := graph.Actor{Name: "NATO", Aliases: []string{"North Atlantic Treaty Organization"}}
	for _, tc := range []struct {
		q    string
		want bool
	}{{"nato", true}, {"north atl", true}, {"treaty org", true}, {"atlantic nato", true}, {"ato", false}, {"nato x", false}} {
		if got := graph.MatchesSearch(nato, tc.q); got != tc.want {
			t.Errorf("MatchesSearch(NATO, %q) = %v, want %v", tc.q, got, tc.want)
		}
	}
	if r := graph.SearchRank(nato, "Nato"); r != 0 {
		t.Errorf("rank of exact name = %d, want 0", r)
	}
	if r := graph.SearchRank(nato, "north"); r != 2 {
		t.Errorf("rank of alias match = %d, want 2", r)
	}
}

func TestRelationKeyRoundTrip(t *testing.T) {
	k := graph.RelationKey{Source: "igo/nato", Type: graph.Threaten, Target: "RUS"}
	got, err := graph.ParseRelationKey(k.String())
	if err != nil || got != k {
		t.Fatalf("ParseRelationKey(%q) = %v, %v", k.String(), got, err)
	}
	if _, err := graph.ParseRelationKey("a|NOPE|b"); !errors.Is(err, graph.ErrInvalid) {
		t.Fatalf("unknown type: got %v, want ErrInvalid", err)
	}
}

// A small graph: A-B, B-C, A-D, D-C, C-E. Two shortest paths A..C (via B and via D).
func adjacency(calls *int) graph.Adjacency {
	edges := map[string][]string{"A": {"D", "B"}, "B": {"A", "C"}, "C": {"B", "D", "E"}, "D": {"A", "C"}, "E": {"C"}}
	return func(_ context.Context, frontier []string) (map[string][]string, error) {
		*calls++
		out := map[string][]string{}
		for _, id := range frontier {
			out[id] = edges[id]
		}
		return out, nil
	}
}

func TestReach(t *testing.T) {
	var calls int
	ids, dist, truncated, err := graph.Reach(context.Background(), "A", 2, 100, adjacency(&calls))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"A", "B", "D", "C"}; !slices.Equal(ids, want) || truncated {
		t.Fatalf("Reach = %v (truncated %v), want %v", ids, truncated, want)
	}
	if dist["C"] != 2 || dist["B"] != 1 {
		t.Fatalf("distances %v", dist)
	}
	if calls != 2 {
		t.Fatalf("adjacency called %d times, want once per hop (2)", calls)
	}
	ids, dist, truncated, _ = graph.Reach(context.Background(), "A", 3, 2, adjacency(&calls))
	if want := []string{"A", "B"}; !slices.Equal(ids, want) || !truncated || len(dist) != 2 {
		t.Fatalf("limited Reach = %v %v (truncated %v), want %v", ids, dist, truncated, want)
	}
}

func TestShortestPathPrefersLowerIDs(t *testing.T) {
	var calls int
	p, err := graph.ShortestPath(context.Background(), "A", "E", 6, adjacency(&calls))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"A", "B", "C", "E"}; !slices.Equal(p, want) {
		t.Fatalf("path %v, want %v", p, want)
	}
	if p, _ := graph.ShortestPath(context.Background(), "A", "E", 2, adjacency(&calls)); p != nil {
		t.Fatalf("path %v beyond maxHops, want none", p)
	}
	if p, _ := graph.ShortestPath(context.Background(), "A", "Z", 6, adjacency(&calls)); p != nil {
		t.Fatalf("path %v to an unreachable actor", p)
	}
}

func TestRollupID(t *testing.T) {
	for _, c := range []struct {
		actor graph.Actor
		want  string
	}{
		{graph.Actor{ID: "UKR-GOV", Kind: graph.KindGovernment, Country: "UKR"}, "UKR"},
		{graph.Actor{ID: "UKR-MIL", Kind: graph.KindMilitary, Country: "UKR"}, "UKR"},
		{graph.Actor{ID: "UKR", Kind: graph.KindState, Country: "UKR"}, "UKR"},
		{graph.Actor{ID: "gov/x", Kind: graph.KindGovernment}, "gov/x"},
		{graph.Actor{ID: "person/z", Kind: graph.KindPerson, Country: "UKR"}, "person/z"},
		{graph.Actor{ID: "media/k", Kind: graph.KindMedia, Country: "UKR"}, "media/k"},
	} {
		if got := graph.RollupID(c.actor); got != c.want {
			t.Errorf("RollupID(%+v) = %q, want %q", c.actor, got, c.want)
		}
	}
}

func TestAggregateMappedRollsUp(t *testing.T) {
	t1 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	t2 := t1.AddDate(0, 1, 0)
	claims := []graph.Claim{
		{Source: "UKR-GOV", Target: "USA", Type: graph.Support, Confidence: 0.5, Time: t2},
		{Source: "UKR", Target: "USA", Type: graph.Support, Confidence: 0.5, Time: t1},
		{Source: "UKR-GOV", Target: "UKR", Type: graph.Consult, Confidence: 0.9, Time: t1}, // becomes a self-relation
		{Source: "UKR", Target: "UKR", Type: graph.Consult, Confidence: 0.4, Time: t1},     // was one already: kept
	}
	states := map[string]string{"UKR-GOV": "UKR"}
	id := func(s string) string {
		if st, ok := states[s]; ok {
			return st
		}
		return s
	}
	got := graph.AggregateMapped(claims, graph.RelationFilter{Rollup: true}, id)
	want := []graph.Relation{
		{Source: "UKR", Target: "USA", Type: graph.Support, Count: 2, FirstSeen: t1, LastSeen: t2, Score: 0.75},
		{Source: "UKR", Target: "UKR", Type: graph.Consult, Count: 1, FirstSeen: t1, LastSeen: t1, Score: 0.4},
	}
	if !slices.EqualFunc(got, want, func(a, b graph.Relation) bool {
		return a.Key() == b.Key() && a.Count == b.Count && a.FirstSeen.Equal(b.FirstSeen) &&
			a.LastSeen.Equal(b.LastSeen) && a.Score > b.Score-1e-9 && a.Score < b.Score+1e-9
	}) {
		t.Errorf("AggregateMapped = %+v, want %+v", got, want)
	}
	if plain := graph.Aggregate(claims, graph.RelationFilter{}); len(plain) != 4 {
		t.Errorf("Aggregate without a mapping made %d relations, want 4", len(plain))
	}
}
