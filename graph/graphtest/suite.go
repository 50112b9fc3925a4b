package graphtest

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/graph"
)

// Run runs the conformance suite against the store that open makes. open must return a fresh,
// empty store each time it is called. Run closes every store it opens before it opens the next
// and never uses a store after opening another, so open may hand out the same database wiped.
func Run(t *testing.T, open func(t *testing.T) graph.Store) {
	t.Run("Load", func(t *testing.T) { withStore(t, open, testLoad) })
	t.Run("Reload", func(t *testing.T) { withStore(t, open, testReload) })
	t.Run("SaveErrors", func(t *testing.T) { withStore(t, open, testSaveErrors) })
	t.Run("Rollup", func(t *testing.T) { withStore(t, open, testRollup) })
	t.Run("Scan", func(t *testing.T) { withStore(t, open, testScan) })
	t.Run("Undated", func(t *testing.T) { withStore(t, open, testUndated) })
	t.Run("PathsRollup", func(t *testing.T) { withStore(t, open, testPathsRollup) })
	t.Run("TimelineRollup", func(t *testing.T) { withStore(t, open, testTimelineRollup) })
	t.Run("State", func(t *testing.T) { withStore(t, open, testState) })
	t.Run("ArticleText", func(t *testing.T) { withStore(t, open, testArticleText) })
	t.Run("StableCursors", func(t *testing.T) { testStableCursors(t, open) })
	t.Run("Queries", func(t *testing.T) {
		withStore(t, open, func(t *testing.T, s graph.Store) {
			mustSave(t, s, Fixture())
			t.Run("ActorLookup", func(t *testing.T) { testActorLookup(t, s) })
			t.Run("ActorsByID", func(t *testing.T) { testActorsByID(t, s) })
			t.Run("ActorSearch", func(t *testing.T) { testActorSearch(t, s) })
			t.Run("Relations", func(t *testing.T) { testRelations(t, s) })
			t.Run("Neighborhood", func(t *testing.T) { testNeighborhood(t, s) })
			t.Run("Neighbors", func(t *testing.T) { testNeighbors(t, s) })
			t.Run("Subgraph", func(t *testing.T) { testSubgraph(t, s) })
			t.Run("Dyad", func(t *testing.T) { testDyad(t, s) })
			t.Run("Timeline", func(t *testing.T) { testTimeline(t, s) })
			t.Run("ShortestPath", func(t *testing.T) { testShortestPath(t, s) })
			t.Run("Paths", func(t *testing.T) { testPaths(t, s) })
			t.Run("Evidence", func(t *testing.T) { testEvidence(t, s) })
			t.Run("Articles", func(t *testing.T) { testArticles(t, s) })
			t.Run("ForgedCursors", func(t *testing.T) { testForgedCursors(t, s) })
		})
	})
}

func withStore(t *testing.T, open func(t *testing.T) graph.Store, test func(t *testing.T, s graph.Store)) {
	s := open(t)
	defer func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	}()
	test(t, s)
}

func mustSave(t *testing.T, s graph.Store, batch []graph.Extraction) {
	t.Helper()
	if err := s.Save(context.Background(), batch); err != nil {
		t.Fatalf("Save: %v", err)
	}
}

func mustStats(t *testing.T, s graph.Store) graph.Stats {
	t.Helper()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	return st
}

// fixtureStats is what the fixture holds: Relations counts every (source, type, target) with at
// least one non-negated claim, AFFILIATION included, and leaves out Iran ASSAULT United States,
// whose only claim is negated.
var fixtureStats = graph.Stats{Actors: 11, Articles: 5, Claims: 21, Relations: 14}

// The relations of the fixture under the empty filter, and the AFFILIATION one.
var (
	rRusAssaultUkr      = rel(rus, graph.Assault, ukr, 3, t1, t5Thursday, 1-0.05*0.1*0.5) // c3, c17, c18; c8 is negated
	rUsaSupportUkr      = rel(usa, graph.Support, ukr, 3, t1, t5, 1-0.2*0.4*0.7)          // c2, c5, c20
	rNatoSupportUkr     = rel(nato, graph.Support, ukr, 2, t1, t1, 1-0.1*0.5)             // c1, c21
	rIrnAidHouthis      = rel(irn, graph.Aid, houthis, 1, t3, t3, 0.6)
	rIrnSupportHouthis  = rel(irn, graph.Support, houthis, 1, t3, t3, 0.85)
	rUkrRequestCan      = rel(ukr, graph.Request, can, 1, t4, t4, 0.65)
	rUsaAssaultHouthis  = rel(usa, graph.Assault, houthis, 1, t3, t3, 0.8)
	rUsaSanctionKremlin = rel(usa, graph.Sanction, kremlin, 1, t5, t5, 0.8)
	rUsaThreatenRus     = rel(usa, graph.Threaten, rus, 1, t2, t2, 0.5)
	rHouthisAssaultUsa  = rel(houthis, graph.Assault, usa, 1, t3, t3, 0.75)
	rKremlinAccuseNato  = rel(kremlin, graph.Accuse, nato, 1, t4, t4, 0.7)
	rNatoRequestIrn     = rel(nato, graph.Request, irn, 1, t4, t4, 0.55)
	rNatoThreatenRus    = rel(nato, graph.Threaten, rus, 1, t2, t2, 0.7)
	rStoltenbergNato    = rel(stoltenberg, graph.Affiliation, nato, 1, t1, t1, 0.9)
)

// allRelations is every relation of the fixture under the empty filter, in Relations' order:
// count (highest first), then source, type and target, comparing ids byte by byte.
var allRelations = []graph.Relation{
	rRusAssaultUkr, rUsaSupportUkr, rNatoSupportUkr,
	rIrnAidHouthis, rIrnSupportHouthis, rUkrRequestCan, rUsaAssaultHouthis, rUsaSanctionKremlin,
	rUsaThreatenRus, rHouthisAssaultUsa, rKremlinAccuseNato, rNatoRequestIrn, rNatoThreatenRus,
}

// everyType is a filter that lets every relation through, AFFILIATION included.
func everyType() graph.RelationFilter {
	var f graph.RelationFilter
	for _, i := range graph.Types {
		f.Types = append(f.Types, i.Type)
	}
	return f
}

func testLoad(t *testing.T, s graph.Store) {
	ctx := context.Background()
	batch := Fixture()
	mustSave(t, s, batch)
	if got := mustStats(t, s); got != fixtureStats {
		t.Errorf("Stats after load = %+v, want %+v", got, fixtureStats)
	}

	// Russia and the United States were named with different details in different articles.
	wantUSA := graph.Actor{ID: usa, Name: "United States", Kind: graph.KindState, Country: "USA", QID: "Q30",
		Aliases: []string{"America", "U.S.", "United States of America", "Washington"}}
	wantRussia := graph.Actor{ID: rus, Name: "Russia", Kind: graph.KindState, Country: "RUS", QID: "Q159",
		Aliases: []string{"Russian Federation"}}
	for _, want := range []graph.Actor{wantUSA, wantRussia} {
		got, err := s.Actor(ctx, want.ID)
		if err != nil {
			t.Errorf("Actor(%q): %v", want.ID, err)
		} else if !sameActor(got, want) {
			t.Errorf("Actor(%q) merged into %+v, want %+v", want.ID, got, want)
		}
	}

	for _, want := range []graph.Article{articleA1(), articleA5()} {
		got, err := s.Article(ctx, want.ID)
		if err != nil {
			t.Errorf("Article(%q): %v", want.ID, err)
		} else if !sameArticle(got, want) {
			t.Errorf("Article(%q) = %+v, want %+v", want.ID, got, want)
		}
	}
	if _, err := s.Article(ctx, "no-such-article"); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("Article of an unknown id: err = %v, want ErrNotFound", err)
	}

	// The store keeps copies: changing what was saved, or what was returned, changes nothing.
	batch[0].Article.Title = "changed by the caller"
	batch[0].Actors[0].Aliases[0] = "changed by the caller"
	batch[0].Claims[0].Sentence = "changed by the caller"
	returned, err := s.Actor(ctx, usa)
	if err != nil {
		t.Fatalf("Actor(%q): %v", usa, err)
	}
	returned.Aliases[0] = "changed by the caller"
	if got, _ := s.Actor(ctx, usa); !sameActor(got, wantUSA) {
		t.Errorf("Actor(%q) after the caller changed a returned copy = %+v, want %+v", usa, got, wantUSA)
	}
	if got, _ := s.Actor(ctx, nato); !sameActor(got, mergedNATO()) {
		t.Errorf("Actor(%q) after the caller changed the saved batch = %+v, want %+v", nato, got, mergedNATO())
	}
	if got, _ := s.Article(ctx, a1); !sameArticle(got, articleA1()) {
		t.Errorf("Article(%q) after the caller changed the saved batch = %+v", a1, got)
	}
	key := rNatoSupportUkr.Key()
	ev, err := s.Evidence(ctx, []graph.RelationKey{key}, graph.RelationFilter{}, graph.Page{})
	if err != nil {
		t.Fatalf("Evidence: %v", err)
	}
	checkEvidence(t, "evidence after the caller changed the saved batch", ev[key].Evidence,
		[]graph.Evidence{evidence(c21(), articleA1()), evidence(c1(), articleA1())})
}

func mergedNATO() graph.Actor {
	a := actorNATO()
	a.Aliases = []string{"North Atlantic Treaty Organization", "the alliance"}
	return a
}

// snapshot is everything a store answers about the fixture, to compare before and after a reload.
type snapshot struct {
	stats     graph.Stats
	relations []graph.Relation
	evidence  []graph.Evidence
}

func takeSnapshot(t *testing.T, s graph.Store) snapshot {
	t.Helper()
	ctx := context.Background()
	page, err := s.Relations(ctx, graph.RelationQuery{Filter: everyType(), Page: graph.Page{First: graph.MaxPageSize}})
	if err != nil {
		t.Fatalf("Relations: %v", err)
	}
	// Every key, including the one whose only claim is negated.
	keys := []graph.RelationKey{{Source: irn, Type: graph.Assault, Target: usa}}
	for _, r := range page.Relations {
		keys = append(keys, r.Key())
	}
	ev, err := s.Evidence(ctx, keys, everyType(), graph.Page{First: graph.MaxPageSize})
	if err != nil {
		t.Fatalf("Evidence: %v", err)
	}
	snap := snapshot{stats: mustStats(t, s), relations: page.Relations}
	for _, k := range keys {
		snap.evidence = append(snap.evidence, ev[k].Evidence...)
	}
	return snap
}

func testReload(t *testing.T, s graph.Store) {
	ctx := context.Background()
	// One article per Save first, then the whole batch again in one Save.
	for _, x := range Fixture() {
		mustSave(t, s, []graph.Extraction{x})
	}
	before := takeSnapshot(t, s)
	if before.stats != fixtureStats {
		t.Errorf("Stats after saving one article at a time = %+v, want %+v", before.stats, fixtureStats)
	}
	checkRelations(t, "relations after saving one article at a time",
		before.relations, append(slices.Clone(allRelations), rStoltenbergNato))
	if len(before.evidence) != fixtureStats.Claims {
		t.Errorf("evidence after saving one article at a time holds %d claims, want %d", len(before.evidence), fixtureStats.Claims)
	}

	mustSave(t, s, Fixture())
	after := takeSnapshot(t, s)
	if after.stats != before.stats {
		t.Errorf("Stats after saving the same batch again = %+v, want %+v", after.stats, before.stats)
	}
	checkRelations(t, "relations after saving the same batch again", after.relations, before.relations)
	checkEvidence(t, "evidence after saving the same batch again", after.evidence, before.evidence)

	// Saving an article again with other claims replaces its claims: a2 loses both warnings and
	// its negated claim, and gains a consultation.
	revised := graph.Extraction{
		Article: articleA2(),
		Actors:  []graph.Actor{{ID: usa, Name: "United States"}, actorUkraine()},
		Claims:  []graph.Claim{c5(), c22()},
	}
	mustSave(t, s, []graph.Extraction{revised})
	if got, want := mustStats(t, s), (graph.Stats{Actors: 11, Articles: 5, Claims: 19, Relations: 13}); got != want {
		t.Errorf("Stats after replacing an article's claims = %+v, want %+v", got, want)
	}
	for _, tc := range []struct {
		name string
		q    graph.RelationQuery
		want []graph.Relation
	}{
		{"from the United States", graph.RelationQuery{Source: usa}, []graph.Relation{
			rUsaSupportUkr, rUsaAssaultHouthis, rel(usa, graph.Consult, ukr, 1, t2, t2, 0.7), rUsaSanctionKremlin}},
		{"among NATO, Russia and the United States", graph.RelationQuery{Between: []string{nato, rus, usa}}, nil},
	} {
		page, err := s.Relations(ctx, tc.q)
		if err != nil {
			t.Errorf("Relations %s after replacing: %v", tc.name, err)
			continue
		}
		checkRelations(t, "relations "+tc.name+" after replacing an article's claims", page.Relations, tc.want)
	}
	key := rRusAssaultUkr.Key()
	ev, err := s.Evidence(ctx, []graph.RelationKey{key}, graph.RelationFilter{}, graph.Page{})
	if err != nil {
		t.Fatalf("Evidence: %v", err)
	}
	checkEvidence(t, "evidence of Russia ASSAULT Ukraine after a2 lost its negated claim", ev[key].Evidence,
		[]graph.Evidence{evidence(c3(), articleA1()), evidence(c17(), articleA4()), evidence(c18(), articleA5())})

	// An article given twice in one batch ends as its later copy, claims and all.
	twice := func(title string, typ graph.RelationType, confidence float64) graph.Extraction {
		return graph.Extraction{Article: graph.Article{ID: "twice", Title: title, Published: t5},
			Claims: []graph.Claim{{ArticleID: "twice", Source: gbr, Target: ukr, Type: typ, Predicate: title,
				Confidence: confidence, Time: t5}}}
	}
	mustSave(t, s, []graph.Extraction{twice("earlier copy", graph.Support, 0.6), twice("later copy", graph.Aid, 0.7)})
	if a, err := s.Article(ctx, "twice"); err != nil || a.Title != "later copy" {
		t.Errorf("Article(%q) after a batch that gives it twice = %+v, %v; want the later copy", "twice", a, err)
	}
	page, err := s.Relations(ctx, graph.RelationQuery{Actor: gbr})
	if err != nil {
		t.Fatalf("Relations: %v", err)
	}
	checkRelations(t, "relations of the United Kingdom after a batch that gives an article twice", page.Relations,
		[]graph.Relation{rel(gbr, graph.Aid, ukr, 1, t5, t5, 0.7)})
	if got, want := mustStats(t, s), (graph.Stats{Actors: 11, Articles: 6, Claims: 20, Relations: 14}); got != want {
		t.Errorf("Stats after a batch that gives an article twice = %+v, want %+v", got, want)
	}
}

func testSaveErrors(t *testing.T, s graph.Store) {
	ctx := context.Background()
	mustSave(t, s, Fixture())
	france := graph.Actor{ID: "FRA", Name: "France", Kind: graph.KindState, Country: "FRA"}
	for _, tc := range []struct {
		name string
		bad  graph.Extraction
	}{
		{"claim naming an actor neither given nor stored", graph.Extraction{
			Article: graph.Article{ID: "bad-unknown-actor", Title: "France and Germany"},
			Actors:  []graph.Actor{france},
			Claims: []graph.Claim{
				{ArticleID: "bad-unknown-actor", Source: "FRA", Target: ukr, Type: graph.Support, Confidence: 0.9, Time: t4},
				{ArticleID: "bad-unknown-actor", Source: "FRA", Target: "DEU", Type: graph.Consult, Confidence: 0.9, Time: t4},
			}}},
		{"claim of an unknown type", graph.Extraction{
			Article: graph.Article{ID: "bad-unknown-type", Title: "France hugs Ukraine"},
			Actors:  []graph.Actor{france},
			Claims: []graph.Claim{
				{ArticleID: "bad-unknown-type", Source: "FRA", Target: ukr, Type: graph.Support, Confidence: 0.9, Time: t4},
				{ArticleID: "bad-unknown-type", Source: "FRA", Target: ukr, Type: "HUGS", Confidence: 0.9, Time: t4},
			}}},
	} {
		err := s.Save(ctx, []graph.Extraction{tc.bad})
		if !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("Save of a %s: err = %v, want ErrInvalid", tc.name, err)
		}
		if _, err := s.Article(ctx, tc.bad.Article.ID); !errors.Is(err, graph.ErrNotFound) {
			t.Errorf("after a %s: Article(%q) err = %v, want ErrNotFound", tc.name, tc.bad.Article.ID, err)
		}
		if _, err := s.Actor(ctx, "FRA"); !errors.Is(err, graph.ErrNotFound) {
			t.Errorf("after a %s: the actor given with the article was saved (err = %v)", tc.name, err)
		}
		if got := mustStats(t, s); got != fixtureStats {
			t.Errorf("Stats after a %s = %+v, want %+v", tc.name, got, fixtureStats)
		}
	}

	// A rejected replacement leaves the article's earlier claims in place.
	bad := graph.Extraction{Article: articleA1(), Actors: []graph.Actor{actorNATO()}, Claims: []graph.Claim{
		{ArticleID: a1, Source: nato, Target: "nobody", Type: graph.Support, Confidence: 0.5, Time: t1}}}
	if err := s.Save(ctx, []graph.Extraction{bad}); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("Save of a replacement naming an unknown actor: err = %v, want ErrInvalid", err)
	}
	key := rNatoSupportUkr.Key()
	ev, err := s.Evidence(ctx, []graph.RelationKey{key}, graph.RelationFilter{}, graph.Page{})
	if err != nil {
		t.Fatalf("Evidence: %v", err)
	}
	checkEvidence(t, "evidence after a rejected replacement of a1", ev[key].Evidence,
		[]graph.Evidence{evidence(c21(), articleA1()), evidence(c1(), articleA1())})
	if got := mustStats(t, s); got != fixtureStats {
		t.Errorf("Stats after a rejected replacement = %+v, want %+v", got, fixtureStats)
	}

	// An actor of an unknown kind, or a confidence that is not a finite number, is ErrInvalid;
	// and one bad article refuses its whole batch, the good articles before it included.
	good := graph.Extraction{Article: graph.Article{ID: "good-before-bad", Title: "Good", Published: t5},
		Actors: []graph.Actor{france},
		Claims: []graph.Claim{{ArticleID: "good-before-bad", Source: "FRA", Target: ukr, Type: graph.Support, Confidence: 0.9, Time: t5}}}
	withConfidence := func(id string, confidence float64) graph.Extraction {
		return graph.Extraction{Article: graph.Article{ID: id, Title: id},
			Claims: []graph.Claim{{ArticleID: id, Source: ukr, Target: rus, Type: graph.Accuse, Confidence: confidence, Time: t5}}}
	}
	for _, tc := range []struct {
		name string
		bad  graph.Extraction
	}{
		{"an actor of an unknown kind", graph.Extraction{Article: graph.Article{ID: "bad-kind", Title: "Kind"},
			Actors: []graph.Actor{{ID: "DEU", Name: "Germany", Kind: "COUNTRY"}},
			Claims: []graph.Claim{{ArticleID: "bad-kind", Source: "DEU", Target: ukr, Type: graph.Support, Confidence: 0.9, Time: t5}}}},
		{"a confidence that is NaN", withConfidence("bad-nan", math.NaN())},
		{"a confidence that is +Inf", withConfidence("bad-inf", math.Inf(1))},
		{"a confidence that is -Inf", withConfidence("bad-minus-inf", math.Inf(-1))},
		{"a claim naming an unknown type", graph.Extraction{Article: graph.Article{ID: "bad-type-after-good", Title: "Type"},
			Claims: []graph.Claim{{ArticleID: "bad-type-after-good", Source: ukr, Target: rus, Type: "HUGS", Confidence: 0.9, Time: t5}}}},
	} {
		err := s.Save(ctx, []graph.Extraction{good, tc.bad})
		if !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("Save of a good article, then one with %s: err = %v, want ErrInvalid", tc.name, err)
		}
		for _, id := range []string{good.Article.ID, tc.bad.Article.ID} {
			if _, err := s.Article(ctx, id); !errors.Is(err, graph.ErrNotFound) {
				t.Errorf("after a batch refused for %s: Article(%q) err = %v, want ErrNotFound", tc.name, id, err)
			}
		}
		if actors, err := s.ActorsByID(ctx, []string{"FRA", "DEU"}); err != nil || len(actors) != 0 {
			t.Errorf("after a batch refused for %s: actors given in it were saved: %v, %v", tc.name, mapKeys(actors), err)
		}
		if got := mustStats(t, s); got != fixtureStats {
			t.Errorf("Stats after a batch refused for %s = %+v, want %+v", tc.name, got, fixtureStats)
		}
	}

	// Actors already stored need not be given again.
	ok := graph.Extraction{Article: graph.Article{ID: "talks", Title: "Talks", Published: t5},
		Claims: []graph.Claim{{ArticleID: "talks", Source: ukr, Target: rus, Type: graph.Consult, Confidence: 0.6, Time: t5}}}
	if err := s.Save(ctx, []graph.Extraction{ok}); err != nil {
		t.Errorf("Save of claims between stored actors, not given again: %v", err)
	}
	if got, want := mustStats(t, s), (graph.Stats{Actors: 11, Articles: 6, Claims: 22, Relations: 15}); got != want {
		t.Errorf("Stats after saving claims between stored actors = %+v, want %+v", got, want)
	}
}

func testActorLookup(t *testing.T, s graph.Store) {
	ctx := context.Background()
	for _, want := range []graph.Actor{
		{ID: can, Name: "Canada", Kind: graph.KindState, Country: "CAN", QID: "Q16"},
		{ID: gbr, Name: "United Kingdom", Kind: graph.KindState, Country: "GBR", QID: "Q145", Aliases: []string{"Britain", "UK"}},
		{ID: houthis, Name: "Houthis", Kind: graph.KindArmedGroup, Country: "YEM", Aliases: []string{"Ansar Allah", "Houthi rebels"}},
		{ID: kremlin, Name: "Russian Government", Kind: graph.KindGovernment, Country: "RUS", Aliases: []string{"Moscow", "the Kremlin"}},
		{ID: nato, Name: "NATO", Kind: graph.KindIGO, QID: "Q7184", Aliases: []string{"North Atlantic Treaty Organization", "the alliance"}},
		{ID: stoltenberg, Name: "Jens Stoltenberg", Kind: graph.KindPerson, Country: "NOR"},
	} {
		got, err := s.Actor(ctx, want.ID)
		if err != nil {
			t.Errorf("Actor(%q): %v", want.ID, err)
		} else if !sameActor(got, want) {
			t.Errorf("Actor(%q) = %+v, want %+v", want.ID, got, want)
		}
	}
	for _, id := range []string{"", "XXX", "usa", "igo/nat"} {
		if a, err := s.Actor(ctx, id); !errors.Is(err, graph.ErrNotFound) {
			t.Errorf("Actor(%q) = %+v, %v; want ErrNotFound", id, a, err)
		}
	}
}

func testActorsByID(t *testing.T, s graph.Store) {
	ctx := context.Background()
	canada := graph.Actor{ID: can, Name: "Canada", Kind: graph.KindState, Country: "CAN", QID: "Q16"}
	ukraine := graph.Actor{ID: ukr, Name: "Ukraine", Kind: graph.KindState, Country: "UKR", QID: "Q212"}
	unitedStates := graph.Actor{ID: usa, Name: "United States", Kind: graph.KindState, Country: "USA", QID: "Q30",
		Aliases: []string{"America", "U.S.", "United States of America", "Washington"}}
	houthiRebels := graph.Actor{ID: houthis, Name: "Houthis", Kind: graph.KindArmedGroup, Country: "YEM",
		Aliases: []string{"Ansar Allah", "Houthi rebels"}}
	kremlinGov := graph.Actor{ID: kremlin, Name: "Russian Government", Kind: graph.KindGovernment, Country: "RUS",
		Aliases: []string{"Moscow", "the Kremlin"}}
	natoIGO := graph.Actor{ID: nato, Name: "NATO", Kind: graph.KindIGO, QID: "Q7184",
		Aliases: []string{"North Atlantic Treaty Organization", "the alliance"}}
	jens := graph.Actor{ID: stoltenberg, Name: "Jens Stoltenberg", Kind: graph.KindPerson, Country: "NOR"}

	for _, tc := range []struct {
		name string
		ids  []string
		want []graph.Actor
	}{
		{"present", []string{usa, houthis, stoltenberg}, []graph.Actor{unitedStates, houthiRebels, jens}},
		{"present and missing", []string{can, "nobody", nato, "XXX"}, []graph.Actor{canada, natoIGO}},
		{"missing only, near misses included", []string{"", "usa", "igo/nat", "UKR "}, nil},
		{"duplicates", []string{ukr, ukr, kremlin, ukr, kremlin}, []graph.Actor{ukraine, kremlinGov}},
		{"no ids", []string{}, nil},
		{"nil ids", nil, nil},
	} {
		got, err := s.ActorsByID(ctx, tc.ids)
		if err != nil {
			t.Errorf("ActorsByID %s (%q): %v", tc.name, tc.ids, err)
			continue
		}
		if len(got) != len(tc.want) {
			t.Errorf("ActorsByID %s (%q) answered %d actors (%v), want %d", tc.name, tc.ids, len(got), mapKeys(got), len(tc.want))
		}
		for _, want := range tc.want {
			if a, ok := got[want.ID]; !ok {
				t.Errorf("ActorsByID %s (%q): no actor %q", tc.name, tc.ids, want.ID)
			} else if !sameActor(a, want) {
				t.Errorf("ActorsByID %s (%q)[%q] = %+v, want %+v", tc.name, tc.ids, want.ID, a, want)
			}
		}
	}

	// The actors handed out are copies.
	got, err := s.ActorsByID(ctx, []string{usa})
	if err != nil {
		t.Fatalf("ActorsByID: %v", err)
	}
	got[usa].Aliases[0] = "changed by the caller"
	if again, err := s.ActorsByID(ctx, []string{usa}); err != nil || !sameActor(again[usa], unitedStates) {
		t.Errorf("ActorsByID after the caller changed a returned copy = %+v, %v; want %+v", again[usa], err, unitedStates)
	}
}

func mapKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func testActorSearch(t *testing.T, s graph.Store) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		q    graph.ActorQuery
		want []string
	}{
		// Without a search: by name, then id.
		{"everyone", graph.ActorQuery{}, []string{can, houthis, irn, stoltenberg, nato, rus, kremlin, ukr, gbr, usa, wagner}},
		{"white space alone is no search", graph.ActorQuery{Search: " \t "},
			[]string{can, houthis, irn, stoltenberg, nato, rus, kremlin, ukr, gbr, usa, wagner}},
		{"states", graph.ActorQuery{Kind: graph.KindState}, []string{can, irn, rus, ukr, gbr, usa}},
		{"armed groups", graph.ActorQuery{Kind: graph.KindArmedGroup}, []string{houthis, wagner}},
		{"no media", graph.ActorQuery{Kind: graph.KindMedia}, nil},
		// The whole name, then names that start with the search, then other matches.
		{"whole, prefix and alias", graph.ActorQuery{Search: "russia"}, []string{rus, kremlin, wagner}},
		{"case ignored", graph.ActorQuery{Search: "RUSSIA"}, []string{rus, kremlin, wagner}},
		{"search and kind", graph.ActorQuery{Search: "russia", Kind: graph.KindGovernment}, []string{kremlin}},
		{"two prefixes of the name", graph.ActorQuery{Search: "united"}, []string{gbr, usa}},
		{"every word must match", graph.ActorQuery{Search: "united st"}, []string{usa}},
		{"punctuation splits words", graph.ActorQuery{Search: "u.s."}, []string{usa}},
		{"alias only", graph.ActorQuery{Search: "moscow"}, []string{kremlin}},
		{"alias of an IGO", graph.ActorQuery{Search: "alliance"}, []string{nato}},
		{"alias added by a later article", graph.ActorQuery{Search: "wash"}, []string{usa}},
		{"exact name", graph.ActorQuery{Search: "jens stoltenberg"}, []string{stoltenberg}},
		{"prefix of a later word", graph.ActorQuery{Search: "stolt"}, []string{stoltenberg}},
		{"words of alias and name mixed", graph.ActorQuery{Search: "rebels houthis"}, []string{houthis}},
		{"no match", graph.ActorQuery{Search: "atlantis"}, nil},
		{"not a prefix", graph.ActorQuery{Search: "krain"}, nil},
	} {
		page, err := s.Actors(ctx, tc.q)
		if err != nil {
			t.Errorf("Actors %s: %v", tc.name, err)
			continue
		}
		if got := actorIDs(page.Actors); !slices.Equal(got, tc.want) {
			t.Errorf("Actors %s (%+v) = %v, want %v", tc.name, tc.q, got, tc.want)
		}
		if page.Total != len(tc.want) || page.HasNext {
			t.Errorf("Actors %s: Total %d, HasNext %v; want %d, false", tc.name, page.Total, page.HasNext, len(tc.want))
		}
	}

	// A listing returns whole actors.
	page, err := s.Actors(ctx, graph.ActorQuery{Search: "alliance"})
	if err != nil {
		t.Fatalf("Actors: %v", err)
	}
	if len(page.Actors) != 1 || !sameActor(page.Actors[0], mergedNATO()) {
		t.Errorf("Actors alliance = %+v, want [%+v]", page.Actors, mergedNATO())
	}

	for _, tc := range []struct {
		name  string
		q     graph.ActorQuery
		pages [][]string
	}{
		{"everyone by four", graph.ActorQuery{Page: graph.Page{First: 4}}, [][]string{
			{can, houthis, irn, stoltenberg}, {nato, rus, kremlin, ukr}, {gbr, usa, wagner}}},
		{"a search by two", graph.ActorQuery{Search: "russia", Page: graph.Page{First: 2}}, [][]string{
			{rus, kremlin}, {wagner}}},
		{"one page exactly full", graph.ActorQuery{Kind: graph.KindState, Page: graph.Page{First: 6}}, [][]string{
			{can, irn, rus, ukr, gbr, usa}}},
	} {
		total := 0
		for _, p := range tc.pages {
			total += len(p)
		}
		q := tc.q
		for i, want := range tc.pages {
			page, err := s.Actors(ctx, q)
			if err != nil {
				t.Fatalf("Actors %s, page %d: %v", tc.name, i, err)
			}
			if got := actorIDs(page.Actors); !slices.Equal(got, want) {
				t.Errorf("Actors %s, page %d = %v, want %v", tc.name, i, got, want)
			}
			last := i == len(tc.pages)-1
			if page.Total != total || page.HasNext == last || page.EndCursor == "" {
				t.Errorf("Actors %s, page %d: Total %d, HasNext %v, EndCursor %q; want %d, %v, a cursor",
					tc.name, i, page.Total, page.HasNext, page.EndCursor, total, !last)
			}
			q.After = page.EndCursor
		}
	}

	if _, err := s.Actors(ctx, graph.ActorQuery{Page: graph.Page{After: "not a cursor"}}); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("Actors with a foreign cursor: err = %v, want ErrInvalid", err)
	}
	// Every store refuses an overlong search alike (Neo4j's full-text query fails past 1,024
	// words), and takes one at the bound.
	long := strings.Repeat("russia ", 2000)
	if _, err := s.Actors(ctx, graph.ActorQuery{Search: long}); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("Actors with a search of 2000 words: err = %v, want ErrInvalid", err)
	}
	atBound := strings.Repeat("russia ", graph.MaxSearchWords)
	if page, err := s.Actors(ctx, graph.ActorQuery{Search: atBound}); err != nil || !slices.Equal(actorIDs(page.Actors), []string{rus, kremlin, wagner}) {
		t.Errorf("Actors with a search of %d words = %v, %v; want %v", graph.MaxSearchWords, actorIDs(page.Actors), err, []string{rus, kremlin, wagner})
	}
}

func testRelations(t *testing.T, s graph.Store) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		q    graph.RelationQuery
		want []graph.Relation
	}{
		{"all", graph.RelationQuery{}, allRelations},
		{"SUPPORT", graph.RelationQuery{Filter: graph.RelationFilter{Types: []graph.RelationType{graph.Support}}},
			[]graph.Relation{rUsaSupportUkr, rNatoSupportUkr, rIrnSupportHouthis}},
		{"material conflict", graph.RelationQuery{Filter: graph.RelationFilter{Quad: graph.MaterialConflict}},
			[]graph.Relation{rRusAssaultUkr, rUsaAssaultHouthis, rUsaSanctionKremlin, rHouthisAssaultUsa}},
		{"types and quad together", graph.RelationQuery{Filter: graph.RelationFilter{
			Types: []graph.RelationType{graph.Support, graph.Assault}, Quad: graph.VerbalCooperation}},
			[]graph.Relation{rUsaSupportUkr, rNatoSupportUkr, rIrnSupportHouthis}},
		// Since is inclusive: the claims of a3 fall exactly on it.
		{"since t3", graph.RelationQuery{Filter: graph.RelationFilter{Since: timePtr(t3)}}, []graph.Relation{
			rel(rus, graph.Assault, ukr, 2, t4, t5Thursday, 1-0.1*0.5),
			rIrnAidHouthis, rIrnSupportHouthis, rUkrRequestCan, rUsaAssaultHouthis, rUsaSanctionKremlin,
			rel(usa, graph.Support, ukr, 1, t5, t5, 0.3),
			rHouthisAssaultUsa, rKremlinAccuseNato, rNatoRequestIrn}},
		// Until is inclusive: the claims of a2 fall exactly on it.
		{"until t2", graph.RelationQuery{Filter: graph.RelationFilter{Until: timePtr(t2)}}, []graph.Relation{
			rel(usa, graph.Support, ukr, 2, t1, t2, 1-0.2*0.4),
			rNatoSupportUkr,
			rel(rus, graph.Assault, ukr, 1, t1, t1, 0.95),
			rUsaThreatenRus, rNatoThreatenRus}},
		{"in May", graph.RelationQuery{Filter: graph.RelationFilter{
			Since: timePtr(t4.AddDate(0, 0, -14)), Until: timePtr(t5Thursday.Add(24*time.Hour - time.Second))}}, []graph.Relation{
			rel(rus, graph.Assault, ukr, 2, t4, t5Thursday, 1-0.1*0.5),
			rUkrRequestCan, rKremlinAccuseNato, rNatoRequestIrn}},
		// MinConfidence is inclusive: 0.8 lets claims of exactly 0.8 through.
		{"confidence at least 0.8", graph.RelationQuery{Filter: graph.RelationFilter{MinConfidence: 0.8}}, []graph.Relation{
			rel(rus, graph.Assault, ukr, 2, t1, t4, 1-0.05*0.1),
			rIrnSupportHouthis, rUsaAssaultHouthis, rUsaSanctionKremlin,
			rel(usa, graph.Support, ukr, 1, t1, t1, 0.8),
			rel(nato, graph.Support, ukr, 1, t1, t1, 0.9)}},
		{"nothing that confident", graph.RelationQuery{Filter: graph.RelationFilter{MinConfidence: 0.99}}, nil},
		{"Ukraine at either end", graph.RelationQuery{Actor: ukr},
			[]graph.Relation{rRusAssaultUkr, rUsaSupportUkr, rNatoSupportUkr, rUkrRequestCan}},
		{"from the United States", graph.RelationQuery{Source: usa},
			[]graph.Relation{rUsaSupportUkr, rUsaAssaultHouthis, rUsaSanctionKremlin, rUsaThreatenRus}},
		{"to Ukraine", graph.RelationQuery{Target: ukr},
			[]graph.Relation{rRusAssaultUkr, rUsaSupportUkr, rNatoSupportUkr}},
		{"from the United States to the Houthis", graph.RelationQuery{Source: usa, Target: houthis},
			[]graph.Relation{rUsaAssaultHouthis}},
		{"actor and source together", graph.RelationQuery{Actor: nato, Source: kremlin},
			[]graph.Relation{rKremlinAccuseNato}},
		{"between the United States and the Houthis", graph.RelationQuery{Between: []string{usa, houthis}},
			[]graph.Relation{rUsaAssaultHouthis, rHouthisAssaultUsa}},
		{"among Russia, Ukraine and the United States", graph.RelationQuery{Between: []string{rus, ukr, usa}},
			[]graph.Relation{rRusAssaultUkr, rUsaSupportUkr, rUsaThreatenRus}},
		{"between Iran and the United States: only a negated claim", graph.RelationQuery{Between: []string{irn, usa}}, nil},
		{"a person's affiliation is hidden by default", graph.RelationQuery{Actor: stoltenberg}, nil},
		{"a person's affiliation when asked", graph.RelationQuery{Actor: stoltenberg,
			Filter: graph.RelationFilter{Types: []graph.RelationType{graph.Affiliation}}},
			[]graph.Relation{rStoltenbergNato}},
		{"affiliation beside other types", graph.RelationQuery{Actor: nato,
			Filter: graph.RelationFilter{Types: []graph.RelationType{graph.Affiliation, graph.Support}}},
			[]graph.Relation{rNatoSupportUkr, rStoltenbergNato}},
		{"an unknown actor", graph.RelationQuery{Actor: "nobody"}, nil},
		{"every filter at once", graph.RelationQuery{Source: usa, Filter: graph.RelationFilter{
			Types: []graph.RelationType{graph.Support}, MinConfidence: 0.5, Until: timePtr(t2)}},
			[]graph.Relation{rel(usa, graph.Support, ukr, 2, t1, t2, 1-0.2*0.4)}},
	} {
		page, err := s.Relations(ctx, tc.q)
		if err != nil {
			t.Errorf("Relations %s: %v", tc.name, err)
			continue
		}
		checkRelations(t, "Relations "+tc.name, page.Relations, tc.want)
		if page.Total != len(tc.want) || page.HasNext {
			t.Errorf("Relations %s: Total %d, HasNext %v; want %d, false", tc.name, page.Total, page.HasNext, len(tc.want))
		}
	}

	// Pages of five concatenate to the whole list.
	q := graph.RelationQuery{Page: graph.Page{First: 5}}
	for i, want := range [][]graph.Relation{allRelations[:5], allRelations[5:10], allRelations[10:]} {
		page, err := s.Relations(ctx, q)
		if err != nil {
			t.Fatalf("Relations page %d: %v", i, err)
		}
		checkRelations(t, fmt.Sprintf("Relations page %d", i), page.Relations, want)
		if last := i == 2; page.Total != len(allRelations) || page.HasNext == last || page.EndCursor == "" {
			t.Errorf("Relations page %d: Total %d, HasNext %v, EndCursor %q; want %d, %v, a cursor",
				i, page.Total, page.HasNext, page.EndCursor, len(allRelations), !last)
		}
		q.After = page.EndCursor
	}

	for _, tc := range []struct {
		name string
		q    graph.RelationQuery
	}{
		{"an unknown type", graph.RelationQuery{Filter: graph.RelationFilter{Types: []graph.RelationType{"HUGS"}}}},
		{"an unknown quad", graph.RelationQuery{Filter: graph.RelationFilter{Quad: "LUKEWARM"}}},
		{"until before since", graph.RelationQuery{Filter: graph.RelationFilter{Since: timePtr(t3), Until: timePtr(t2)}}},
		{"a foreign cursor", graph.RelationQuery{Page: graph.Page{After: "not a cursor"}}},
	} {
		if _, err := s.Relations(ctx, tc.q); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("Relations with %s: err = %v, want ErrInvalid", tc.name, err)
		}
	}
}

func testNeighborhood(t *testing.T, s graph.Store) {
	ctx := context.Background()
	canadaTo2 := []graph.Relation{rRusAssaultUkr, rUsaSupportUkr, rNatoSupportUkr, rUkrRequestCan, rUsaThreatenRus, rNatoThreatenRus}
	canadaTo3 := map[string]int{can: 0, ukr: 1, rus: 2, usa: 2, nato: 2, irn: 3, houthis: 3, kremlin: 3}
	for _, tc := range []struct {
		name      string
		actor     string
		hops      int
		filter    graph.RelationFilter
		limit     int
		actors    []string
		distance  map[string]int
		relations []graph.Relation
		truncated bool
	}{
		{name: "Canada, 3 hops", actor: can, hops: 3,
			actors:   []string{can, ukr, rus, usa, nato, irn, houthis, kremlin},
			distance: canadaTo3, relations: allRelations},
		{name: "Canada, 2 hops", actor: can, hops: 2,
			actors:   []string{can, ukr, rus, usa, nato},
			distance: map[string]int{can: 0, ukr: 1, rus: 2, usa: 2, nato: 2}, relations: canadaTo2},
		{name: "Canada, 1 hop", actor: can, hops: 1, actors: []string{can, ukr},
			distance: map[string]int{can: 0, ukr: 1}, relations: []graph.Relation{rUkrRequestCan}},
		{name: "Canada, 0 hops", actor: can, hops: 0, actors: []string{can}, distance: map[string]int{can: 0}},
		{name: "hops below 0 are 0", actor: can, hops: -2, actors: []string{can}, distance: map[string]int{can: 0}},
		{name: "hops above 3 are 3", actor: can, hops: 9,
			actors:   []string{can, ukr, rus, usa, nato, irn, houthis, kremlin},
			distance: canadaTo3, relations: allRelations},
		{name: "cut to the nearest 4", actor: can, hops: 3, limit: 4,
			actors:    []string{can, ukr, rus, usa},
			distance:  map[string]int{can: 0, ukr: 1, rus: 2, usa: 2},
			relations: []graph.Relation{rRusAssaultUkr, rUsaSupportUkr, rUkrRequestCan, rUsaThreatenRus},
			truncated: true},
		{name: "a limit that fits exactly", actor: can, hops: 2, limit: 5,
			actors:   []string{can, ukr, rus, usa, nato},
			distance: map[string]int{can: 0, ukr: 1, rus: 2, usa: 2, nato: 2}, relations: canadaTo2},
		{name: "material conflict only", actor: ukr, hops: 2, filter: graph.RelationFilter{Quad: graph.MaterialConflict},
			actors: []string{ukr, rus}, distance: map[string]int{ukr: 0, rus: 1},
			relations: []graph.Relation{rRusAssaultUkr}},
		{name: "since April", actor: ukr, hops: 3, filter: graph.RelationFilter{Since: timePtr(t3.AddDate(0, 0, -19))},
			actors:   []string{ukr, can, rus, usa, houthis, kremlin, irn, nato},
			distance: map[string]int{ukr: 0, can: 1, rus: 1, usa: 1, houthis: 2, kremlin: 2, irn: 3, nato: 3},
			relations: []graph.Relation{
				rel(rus, graph.Assault, ukr, 2, t4, t5Thursday, 1-0.1*0.5),
				rIrnAidHouthis, rIrnSupportHouthis, rUkrRequestCan, rUsaAssaultHouthis, rUsaSanctionKremlin,
				rel(usa, graph.Support, ukr, 1, t5, t5, 0.3),
				rHouthisAssaultUsa, rKremlinAccuseNato, rNatoRequestIrn}},
		{name: "a person alone without affiliation", actor: stoltenberg, hops: 2,
			actors: []string{stoltenberg}, distance: map[string]int{stoltenberg: 0}},
		{name: "a person through affiliation", actor: stoltenberg, hops: 2,
			filter: graph.RelationFilter{Types: []graph.RelationType{graph.Affiliation, graph.Support}},
			actors: []string{stoltenberg, nato, ukr}, distance: map[string]int{stoltenberg: 0, nato: 1, ukr: 2},
			relations: []graph.Relation{rNatoSupportUkr, rStoltenbergNato}},
		{name: "an actor in no relation", actor: gbr, hops: 3, actors: []string{gbr}, distance: map[string]int{gbr: 0}},
	} {
		sg, err := s.Neighborhood(ctx, tc.actor, tc.hops, tc.filter, tc.limit)
		if err != nil {
			t.Errorf("Neighborhood %s: %v", tc.name, err)
			continue
		}
		checkSubgraph(t, "Neighborhood "+tc.name, sg, tc.actors, tc.distance, tc.relations, tc.truncated)
	}

	// The actors come whole.
	sg, err := s.Neighborhood(ctx, stoltenberg, 1, graph.RelationFilter{Types: []graph.RelationType{graph.Affiliation}}, 0)
	if err != nil {
		t.Fatalf("Neighborhood: %v", err)
	}
	if len(sg.Actors) != 2 || !sameActor(sg.Actors[1], mergedNATO()) {
		t.Errorf("Neighborhood of Stoltenberg: actors %+v, want him and %+v", sg.Actors, mergedNATO())
	}

	if _, err := s.Neighborhood(ctx, "nobody", 2, graph.RelationFilter{}, 0); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("Neighborhood of an unknown actor: err = %v, want ErrNotFound", err)
	}
	bad := graph.RelationFilter{Types: []graph.RelationType{"HUGS"}}
	if _, err := s.Neighborhood(ctx, can, 2, bad, 0); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("Neighborhood with an unknown type: err = %v, want ErrInvalid", err)
	}
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func testShortestPath(t *testing.T, s graph.Store) {
	ctx := context.Background()
	supportOrAccuse := graph.RelationFilter{Types: []graph.RelationType{graph.Support, graph.Accuse}}
	for _, tc := range []struct {
		name     string
		from, to string
		maxHops  int
		filter   graph.RelationFilter
		found    bool
		actors   []string
		steps    [][]graph.Relation
	}{
		{name: "against and along relations", from: can, to: rus, maxHops: 4, found: true,
			actors: []string{can, ukr, rus}, steps: [][]graph.Relation{{rUkrRequestCan}, {rRusAssaultUkr}}},
		{name: "the other way", from: rus, to: can, maxHops: 4, found: true,
			actors: []string{rus, ukr, can}, steps: [][]graph.Relation{{rRusAssaultUkr}, {rUkrRequestCan}}},
		// Ukraine reaches the Kremlin through the United States and through NATO: the United
		// States comes first in id order.
		{name: "ties broken by id", from: ukr, to: kremlin, maxHops: 4, found: true,
			actors: []string{ukr, usa, kremlin}, steps: [][]graph.Relation{{rUsaSupportUkr}, {rUsaSanctionKremlin}}},
		{name: "ties broken by id, the other way", from: kremlin, to: ukr, maxHops: 4, found: true,
			actors: []string{kremlin, usa, ukr}, steps: [][]graph.Relation{{rUsaSanctionKremlin}, {rUsaSupportUkr}}},
		{name: "a step holds both directions", from: usa, to: houthis, maxHops: 1, found: true,
			actors: []string{usa, houthis}, steps: [][]graph.Relation{{rUsaAssaultHouthis, rHouthisAssaultUsa}}},
		{name: "negated claims make no step", from: irn, to: usa, maxHops: 4, found: true,
			actors: []string{irn, houthis, usa}, steps: [][]graph.Relation{
				{rIrnAidHouthis, rIrnSupportHouthis}, {rUsaAssaultHouthis, rHouthisAssaultUsa}}},
		{name: "within 3 hops", from: can, to: kremlin, maxHops: 3, found: true,
			actors: []string{can, ukr, usa, kremlin}, steps: [][]graph.Relation{
				{rUkrRequestCan}, {rUsaSupportUkr}, {rUsaSanctionKremlin}}},
		{name: "not within 2 hops", from: can, to: kremlin, maxHops: 2},
		{name: "max hops below 1 is 1", from: ukr, to: can, maxHops: 0, found: true,
			actors: []string{ukr, can}, steps: [][]graph.Relation{{rUkrRequestCan}}},
		{name: "a large max hops is clamped", from: can, to: houthis, maxHops: 100, found: true,
			actors: []string{can, ukr, usa, houthis}, steps: [][]graph.Relation{
				{rUkrRequestCan}, {rUsaSupportUkr}, {rUsaAssaultHouthis, rHouthisAssaultUsa}}},
		{name: "a filter changes the way", from: ukr, to: kremlin, maxHops: 4, filter: supportOrAccuse, found: true,
			actors: []string{ukr, nato, kremlin}, steps: [][]graph.Relation{{rNatoSupportUkr}, {rKremlinAccuseNato}}},
		{name: "a filter leaves no way", from: can, to: rus, maxHops: 6, filter: graph.RelationFilter{Quad: graph.VerbalCooperation}},
		{name: "an actor in no relation", from: gbr, to: ukr, maxHops: 6},
		{name: "affiliation only when asked", from: stoltenberg, to: ukr, maxHops: 6},
		{name: "through an affiliation", from: stoltenberg, to: ukr, maxHops: 6, found: true,
			filter: graph.RelationFilter{Types: []graph.RelationType{graph.Affiliation, graph.Support}},
			actors: []string{stoltenberg, nato, ukr}, steps: [][]graph.Relation{{rStoltenbergNato}, {rNatoSupportUkr}}},
		{name: "to itself", from: ukr, to: ukr, maxHops: 3, found: true, actors: []string{ukr}, steps: [][]graph.Relation{}},
	} {
		path, found, err := s.ShortestPath(ctx, tc.from, tc.to, tc.maxHops, tc.filter)
		if err != nil {
			t.Errorf("ShortestPath %s: %v", tc.name, err)
			continue
		}
		if found != tc.found {
			t.Errorf("ShortestPath %s: found %v (%v), want %v", tc.name, found, actorIDs(path.Actors), tc.found)
			continue
		}
		if found {
			checkPath(t, "ShortestPath "+tc.name, path, tc.actors, tc.steps)
		}
	}

	path, _, err := s.ShortestPath(ctx, stoltenberg, nato, 1, graph.RelationFilter{Types: []graph.RelationType{graph.Affiliation}})
	if err != nil {
		t.Fatalf("ShortestPath: %v", err)
	}
	if len(path.Actors) != 2 || !sameActor(path.Actors[1], mergedNATO()) {
		t.Errorf("ShortestPath from Stoltenberg to NATO: actors %+v, want him and %+v", path.Actors, mergedNATO())
	}

	for _, ends := range [][2]string{{"nobody", ukr}, {ukr, "nobody"}} {
		if _, _, err := s.ShortestPath(ctx, ends[0], ends[1], 3, graph.RelationFilter{}); !errors.Is(err, graph.ErrNotFound) {
			t.Errorf("ShortestPath from %q to %q: err = %v, want ErrNotFound", ends[0], ends[1], err)
		}
	}
	if _, _, err := s.ShortestPath(ctx, can, rus, 3, graph.RelationFilter{Quad: "LUKEWARM"}); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("ShortestPath with an unknown quad: err = %v, want ErrInvalid", err)
	}
}

func testEvidence(t *testing.T, s graph.Store) {
	ctx := context.Background()
	assault := rRusAssaultUkr.Key()
	support := rUsaSupportUkr.Key()
	negatedOnly := graph.RelationKey{Source: irn, Type: graph.Assault, Target: usa}
	absent := graph.RelationKey{Source: ukr, Type: graph.Agree, Target: rus}
	affiliation := rStoltenbergNato.Key()
	natoSupport := rNatoSupportUkr.Key()

	e3, e8, e17, e18 := evidence(c3(), articleA1()), evidence(c8(), articleA2()), evidence(c17(), articleA4()), evidence(c18(), articleA5())
	type want struct {
		evidence []graph.Evidence
		total    int
		hasNext  bool
	}
	for _, tc := range []struct {
		name   string
		keys   []graph.RelationKey
		filter graph.RelationFilter
		page   graph.Page
		want   map[graph.RelationKey]want
	}{
		{name: "in time order, negated included", keys: []graph.RelationKey{assault},
			want: map[graph.RelationKey]want{assault: {[]graph.Evidence{e3, e8, e17, e18}, 4, false}}},
		{name: "same time, in id order", keys: []graph.RelationKey{natoSupport},
			want: map[graph.RelationKey]want{natoSupport: {[]graph.Evidence{
				evidence(c21(), articleA1()), evidence(c1(), articleA1())}, 2, false}}},
		{name: "first page", keys: []graph.RelationKey{assault}, page: graph.Page{First: 3},
			want: map[graph.RelationKey]want{assault: {[]graph.Evidence{e3, e8, e17}, 4, true}}},
		{name: "since t3", keys: []graph.RelationKey{assault}, filter: graph.RelationFilter{Since: timePtr(t3)},
			want: map[graph.RelationKey]want{assault: {[]graph.Evidence{e17, e18}, 2, false}}},
		{name: "confidence at least 0.9", keys: []graph.RelationKey{assault}, filter: graph.RelationFilter{MinConfidence: 0.9},
			want: map[graph.RelationKey]want{assault: {[]graph.Evidence{e3, e17}, 2, false}}},
		{name: "a type the relation is not", keys: []graph.RelationKey{assault},
			filter: graph.RelationFilter{Types: []graph.RelationType{graph.Support}},
			want:   map[graph.RelationKey]want{assault: {nil, 0, false}}},
		{name: "affiliation hidden by default", keys: []graph.RelationKey{affiliation},
			want: map[graph.RelationKey]want{affiliation: {nil, 0, false}}},
		{name: "affiliation when asked", keys: []graph.RelationKey{affiliation},
			filter: graph.RelationFilter{Types: []graph.RelationType{graph.Affiliation}},
			want:   map[graph.RelationKey]want{affiliation: {[]graph.Evidence{evidence(c4(), articleA1())}, 1, false}}},
		{name: "several keys, two each", keys: []graph.RelationKey{assault, support, negatedOnly, absent}, page: graph.Page{First: 2},
			want: map[graph.RelationKey]want{
				assault:     {[]graph.Evidence{e3, e8}, 4, true},
				support:     {[]graph.Evidence{evidence(c2(), articleA1()), evidence(c5(), articleA2())}, 3, true},
				negatedOnly: {[]graph.Evidence{evidence(c13(), articleA3())}, 1, false},
				absent:      {nil, 0, false},
			}},
	} {
		got, err := s.Evidence(ctx, tc.keys, tc.filter, tc.page)
		if err != nil {
			t.Errorf("Evidence %s: %v", tc.name, err)
			continue
		}
		if len(got) != len(tc.want) {
			t.Errorf("Evidence %s: %d keys answered, want one for each of the %d asked", tc.name, len(got), len(tc.want))
		}
		for key, w := range tc.want {
			page, ok := got[key]
			if !ok {
				t.Errorf("Evidence %s: no page for %s", tc.name, key)
				continue
			}
			checkEvidence(t, fmt.Sprintf("Evidence %s, %s", tc.name, key), page.Evidence, w.evidence)
			if page.Total != w.total || page.HasNext != w.hasNext {
				t.Errorf("Evidence %s, %s: Total %d, HasNext %v; want %d, %v", tc.name, key, page.Total, page.HasNext, w.total, w.hasNext)
			}
			if len(w.evidence) > 0 && page.EndCursor == "" {
				t.Errorf("Evidence %s, %s: no EndCursor", tc.name, key)
			}
		}
	}

	// Following the cursor gives the rest.
	first, err := s.Evidence(ctx, []graph.RelationKey{assault}, graph.RelationFilter{}, graph.Page{First: 3})
	if err != nil {
		t.Fatalf("Evidence: %v", err)
	}
	rest, err := s.Evidence(ctx, []graph.RelationKey{assault}, graph.RelationFilter{}, graph.Page{First: 3, After: first[assault].EndCursor})
	if err != nil {
		t.Fatalf("Evidence, second page: %v", err)
	}
	checkEvidence(t, "Evidence, second page", rest[assault].Evidence, []graph.Evidence{e18})
	if p := rest[assault]; p.Total != 4 || p.HasNext {
		t.Errorf("Evidence, second page: Total %d, HasNext %v; want 4, false", p.Total, p.HasNext)
	}

	if _, err := s.Evidence(ctx, []graph.RelationKey{assault}, graph.RelationFilter{}, graph.Page{After: "not a cursor"}); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("Evidence with a foreign cursor: err = %v, want ErrInvalid", err)
	}
	if _, err := s.Evidence(ctx, []graph.RelationKey{assault}, graph.RelationFilter{Types: []graph.RelationType{"HUGS"}}, graph.Page{}); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("Evidence with an unknown type: err = %v, want ErrInvalid", err)
	}
}
