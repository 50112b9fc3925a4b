package graphtest

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/graph"
)

// The roll-up fixture: a state with its government and military, two other states, and a
// government whose state is not stored (so it is not rolled up).
const (
	rollUKR    = "UKR"
	rollUKRGov = "UKR-GOV"
	rollUKRMil = "UKR-MIL"
	rollUSA    = "USA"
	rollRUS    = "RUS"
	rollXYZGov = "XYZ-GOV"
)

func rollupArticle() graph.Article {
	return graph.Article{ID: "wire-2024-rollup", Title: "Kyiv thanks Washington as its troops hold the line",
		Source: "Example Wire", Published: t1}
}

func rollupClaims() []graph.Claim {
	a := rollupArticle()
	mk := func(id, source string, typ graph.RelationType, target string, conf float64, negated bool, start int, sentence string) graph.Claim {
		times := map[string]int{"r1": 0, "r2": 1, "r3": 0, "r4": 0, "r5": 0, "r6": 2}
		return claim(a, graph.Claim{ID: id, Source: source, Target: target, Type: typ, Predicate: "said",
			SourceText: source, TargetText: target, Start: start, Sentence: sentence, Confidence: conf,
			Negated: negated, Time: []time.Time{t1, t2, t3}[times[id]]})
	}
	return []graph.Claim{
		mk("r1", rollUKRGov, graph.Support, rollUSA, 0.5, false, 0, "Kyiv backed Washington."),
		mk("r2", rollUKR, graph.Support, rollUSA, 0.5, false, 30, "Ukraine backed Washington."),
		mk("r3", rollUKRMil, graph.Assault, rollRUS, 0.8, false, 60, "Ukrainian troops shelled Russian positions."),
		mk("r4", rollUKRGov, graph.Consult, rollUKR, 0.9, false, 110, "Kyiv consulted the country."),
		mk("r5", rollXYZGov, graph.Consult, rollUKRMil, 0.6, false, 150, "Officials of XYZ met Ukrainian commanders."),
		mk("r6", rollUKRGov, graph.Support, rollUSA, 0.7, true, 200, "Kyiv did not back Washington then."),
	}
}

func rollupFixture() []graph.Extraction {
	return []graph.Extraction{{
		Article: rollupArticle(),
		Actors: []graph.Actor{
			{ID: rollUKR, Name: "Ukraine", Kind: graph.KindState, Country: rollUKR},
			{ID: rollUKRGov, Name: "Government of Ukraine", Kind: graph.KindGovernment, Country: rollUKR},
			{ID: rollUKRMil, Name: "Armed Forces of Ukraine", Kind: graph.KindMilitary, Country: rollUKR},
			{ID: rollUSA, Name: "United States", Kind: graph.KindState, Country: rollUSA},
			{ID: rollRUS, Name: "Russia", Kind: graph.KindState, Country: rollRUS},
			{ID: rollXYZGov, Name: "Government of Xyzland", Kind: graph.KindGovernment, Country: "XYZ"},
		},
		Claims: rollupClaims(),
	}}
}

func rollupClaim(id string) graph.Claim {
	for _, c := range rollupClaims() {
		if c.ID == id {
			return c
		}
	}
	panic("no roll-up claim " + id)
}

// testRollup checks graph.RelationFilter.Rollup on its own small fixture.
func testRollup(t *testing.T, s graph.Store) {
	ctx := context.Background()
	mustSave(t, s, rollupFixture())
	rolled := graph.RelationFilter{Rollup: true}

	page, err := s.Relations(ctx, graph.RelationQuery{Filter: rolled})
	if err != nil {
		t.Fatalf("Relations: %v", err)
	}
	checkRelations(t, "rolled-up relations", page.Relations, []graph.Relation{
		rel(rollUKR, graph.Support, rollUSA, 2, t1, t2, 0.75),
		rel(rollUKR, graph.Assault, rollRUS, 1, t1, t1, 0.8),
		rel(rollXYZGov, graph.Consult, rollUKR, 1, t1, t1, 0.6),
	})
	if page.Total != 3 {
		t.Errorf("rolled-up relations: total %d, want 3", page.Total)
	}
	page, err = s.Relations(ctx, graph.RelationQuery{})
	if err != nil {
		t.Fatalf("Relations: %v", err)
	}
	if page.Total != 5 {
		t.Errorf("relations without roll-up: total %d, want 5", page.Total)
	}
	for _, q := range []graph.RelationQuery{
		{Actor: rollUKRGov, Filter: rolled},
		{Source: rollUKR, Target: rollUKR, Filter: rolled},
	} {
		page, err := s.Relations(ctx, q)
		if err != nil {
			t.Fatalf("Relations %+v: %v", q, err)
		}
		checkRelations(t, "rolled-up relations of "+q.Actor+q.Source, page.Relations, nil)
	}
	page, err = s.Relations(ctx, graph.RelationQuery{Target: rollUKR, Filter: graph.RelationFilter{Rollup: true, MinConfidence: 0.55}})
	if err != nil {
		t.Fatalf("Relations: %v", err)
	}
	checkRelations(t, "rolled-up relations to UKR", page.Relations, []graph.Relation{
		rel(rollXYZGov, graph.Consult, rollUKR, 1, t1, t1, 0.6),
	})
	page, err = s.Relations(ctx, graph.RelationQuery{Between: []string{rollUKR, rollUSA}, Filter: graph.RelationFilter{Rollup: true, Types: []graph.RelationType{graph.Support}}})
	if err != nil {
		t.Fatalf("Relations: %v", err)
	}
	checkRelations(t, "rolled-up SUPPORT between UKR and USA", page.Relations, []graph.Relation{
		rel(rollUKR, graph.Support, rollUSA, 2, t1, t2, 0.75),
	})

	sg, err := s.Neighborhood(ctx, rollUKR, 1, rolled, 0)
	if err != nil {
		t.Fatalf("Neighborhood: %v", err)
	}
	if ids, want := actorIDs(sg.Actors), []string{rollUKR, rollRUS, rollUSA, rollXYZGov}; !slices.Equal(ids, want) {
		t.Errorf("rolled-up neighbourhood of UKR: actors %v, want %v", ids, want)
	}
	if want := map[string]int{rollUKR: 0, rollRUS: 1, rollUSA: 1, rollXYZGov: 1}; !mapsEqual(sg.Distance, want) {
		t.Errorf("rolled-up neighbourhood of UKR: distances %v, want %v", sg.Distance, want)
	}
	checkRelations(t, "rolled-up neighbourhood of UKR", sg.Relations, []graph.Relation{
		rel(rollUKR, graph.Support, rollUSA, 2, t1, t2, 0.75),
		rel(rollUKR, graph.Assault, rollRUS, 1, t1, t1, 0.8),
		rel(rollXYZGov, graph.Consult, rollUKR, 1, t1, t1, 0.6),
	})
	sg, err = s.Neighborhood(ctx, rollUKR, 1, graph.RelationFilter{}, 0)
	if err != nil {
		t.Fatalf("Neighborhood: %v", err)
	}
	if ids, want := actorIDs(sg.Actors), []string{rollUKR, rollUKRGov, rollUSA}; !slices.Equal(ids, want) {
		t.Errorf("neighbourhood of UKR without roll-up: actors %v, want %v", ids, want)
	}

	path, ok, err := s.ShortestPath(ctx, rollRUS, rollUSA, 6, rolled)
	if err != nil || !ok {
		t.Fatalf("rolled-up ShortestPath RUS-USA: %v, %v", ok, err)
	}
	checkPath(t, "rolled-up path RUS-USA", path, []string{rollRUS, rollUKR, rollUSA}, [][]graph.Relation{
		{rel(rollUKR, graph.Assault, rollRUS, 1, t1, t1, 0.8)},
		{rel(rollUKR, graph.Support, rollUSA, 2, t1, t2, 0.75)},
	})
	if _, ok, err := s.ShortestPath(ctx, rollRUS, rollUSA, 6, graph.RelationFilter{}); err != nil || ok {
		t.Errorf("ShortestPath RUS-USA without roll-up: found %v, err %v; want none", ok, err)
	}

	support := graph.RelationKey{Source: rollUKR, Type: graph.Support, Target: rollUSA}
	self := graph.RelationKey{Source: rollUKR, Type: graph.Consult, Target: rollUKR}
	govSupport := graph.RelationKey{Source: rollUKRGov, Type: graph.Support, Target: rollUSA}
	xyz := graph.RelationKey{Source: rollXYZGov, Type: graph.Consult, Target: rollUKR}
	ev, err := s.Evidence(ctx, []graph.RelationKey{support, self, govSupport, xyz}, rolled, graph.Page{})
	if err != nil {
		t.Fatalf("Evidence: %v", err)
	}
	a := rollupArticle()
	checkEvidence(t, "rolled-up evidence of UKR SUPPORT USA", ev[support].Evidence, []graph.Evidence{
		evidence(rollupClaim("r1"), a), evidence(rollupClaim("r2"), a), evidence(rollupClaim("r6"), a),
	})
	if ev[support].Total != 3 {
		t.Errorf("rolled-up evidence of UKR SUPPORT USA: total %d, want 3", ev[support].Total)
	}
	checkEvidence(t, "rolled-up evidence of UKR CONSULT UKR", ev[self].Evidence, nil)
	checkEvidence(t, "rolled-up evidence of UKR-GOV SUPPORT USA", ev[govSupport].Evidence, nil)
	checkEvidence(t, "rolled-up evidence of XYZ-GOV CONSULT UKR", ev[xyz].Evidence, []graph.Evidence{evidence(rollupClaim("r5"), a)})
	ev, err = s.Evidence(ctx, []graph.RelationKey{support}, graph.RelationFilter{}, graph.Page{})
	if err != nil {
		t.Fatalf("Evidence: %v", err)
	}
	checkEvidence(t, "evidence of UKR SUPPORT USA without roll-up", ev[support].Evidence, []graph.Evidence{evidence(rollupClaim("r2"), a)})
}
