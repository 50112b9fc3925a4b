package graphtest

import (
	"context"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/graph"
)

// testUndated checks that an undated claim (an article without a date, a text without a time)
// is in no time range: filters with since or until leave it out, and a relation's firstSeen and
// lastSeen span its dated claims only, zero when none is dated.
func testUndated(t *testing.T, s graph.Store) {
	ctx := context.Background()
	dated := graph.Article{ID: "undated-test-dated", Title: "Dated", Published: t2}
	undated := graph.Article{ID: "undated-test-undated", Title: "Undated"}
	actors := []graph.Actor{
		{ID: ukr, Name: "Ukraine", Kind: graph.KindState, Country: ukr},
		{ID: rus, Name: "Russia", Kind: graph.KindState, Country: rus},
		{ID: can, Name: "Canada", Kind: graph.KindState, Country: can},
	}
	mk := func(a graph.Article, source string, typ graph.RelationType, target string, when time.Time) graph.Claim {
		return claim(a, graph.Claim{Source: source, Target: target, Type: typ, Predicate: "said",
			SourceText: source, TargetText: target, Sentence: source + " said something about " + target + ".",
			Confidence: 0.8, Time: when})
	}
	mustSave(t, s, []graph.Extraction{
		{Article: dated, Actors: actors, Claims: []graph.Claim{mk(dated, rus, graph.Assault, ukr, t2)}},
		{Article: undated, Actors: actors, Claims: []graph.Claim{
			mk(undated, rus, graph.Assault, ukr, time.Time{}), // same relation, undated
			mk(undated, can, graph.Support, ukr, time.Time{}), // a relation with undated claims only
		}},
	})
	far := time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)
	early := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	get := func(f graph.RelationFilter) map[graph.RelationKey]graph.Relation {
		t.Helper()
		page, err := s.Relations(ctx, graph.RelationQuery{Actor: ukr, Filter: f})
		if err != nil {
			t.Fatalf("Relations(%+v): %v", f, err)
		}
		out := map[graph.RelationKey]graph.Relation{}
		for _, r := range page.Relations {
			out[r.Key()] = r
		}
		return out
	}
	assault := graph.RelationKey{Source: rus, Type: graph.Assault, Target: ukr}
	support := graph.RelationKey{Source: can, Type: graph.Support, Target: ukr}

	all := get(graph.RelationFilter{})
	if r := all[assault]; r.Count != 2 || !r.FirstSeen.Equal(t2) || !r.LastSeen.Equal(t2) {
		t.Errorf("unfiltered %v: count %d, seen %s..%s; want 2 claims seen %s..%s (the undated one adds no date)",
			assault, r.Count, r.FirstSeen, r.LastSeen, t2, t2)
	}
	if r, ok := all[support]; !ok || r.Count != 1 || !r.FirstSeen.IsZero() || !r.LastSeen.IsZero() {
		t.Errorf("unfiltered %v: %+v (present %v); want 1 claim and no dates", support, r, ok)
	}
	for name, f := range map[string]graph.RelationFilter{
		"until 2100": {Until: &far},
		"since 1900": {Since: &early},
	} {
		got := get(f)
		if r := got[assault]; r.Count != 1 {
			t.Errorf("%s: %v counts %d claims, want 1 (the dated one)", name, assault, r.Count)
		}
		if _, ok := got[support]; ok {
			t.Errorf("%s: %v, whose claims are all undated, passes", name, support)
		}
	}
	ev, err := s.Evidence(ctx, []graph.RelationKey{assault}, graph.RelationFilter{Until: &far}, graph.Page{})
	if err != nil {
		t.Fatal(err)
	}
	if page := ev[assault]; page.Total != 1 || len(page.Evidence) != 1 || page.Evidence[0].Claim.Time.IsZero() {
		t.Errorf("evidence until 2100: %d claims, want the dated one only", page.Total)
	}
}
