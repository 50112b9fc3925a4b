package graphtest

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/dyadgraph/dyad/graph"
)

// wantPath is an expected path: its actor ids and each step's relations.
type wantPath struct {
	ids   []string
	steps [][]graph.Relation
}

// checkPaths reports a difference between paths and the expected ones, order included.
func checkPaths(t testing.TB, what string, got []graph.Path, want []wantPath) {
	t.Helper()
	if len(got) != len(want) {
		var ids [][]string
		for _, p := range got {
			ids = append(ids, actorIDs(p.Actors))
		}
		t.Errorf("%s: %d paths %v, want %d", what, len(got), ids, len(want))
		return
	}
	for i, w := range want {
		checkPath(t, fmt.Sprintf("%s: path %d", what, i), got[i], w.ids, w.steps)
	}
}

// testPaths checks Store.Paths on the fixture: the order (shorter first, then by ids), the hop
// bound and the limit, filters, the path of one actor and errors.
func testPaths(t *testing.T, s graph.Store) {
	ctx := context.Background()
	irnHouthis := []graph.Relation{rIrnAidHouthis, rIrnSupportHouthis}
	houthisUsa := []graph.Relation{rUsaAssaultHouthis, rHouthisAssaultUsa}
	viaNato := wantPath{[]string{irn, nato, ukr}, [][]graph.Relation{{rNatoRequestIrn}, {rNatoSupportUkr}}}
	viaHouthisUsa := wantPath{[]string{irn, houthis, usa, ukr}, [][]graph.Relation{irnHouthis, houthisUsa, {rUsaSupportUkr}}}
	viaNatoRus := wantPath{[]string{irn, nato, rus, ukr}, [][]graph.Relation{{rNatoRequestIrn}, {rNatoThreatenRus}, {rRusAssaultUkr}}}
	viaHouthisUsaRus := wantPath{[]string{irn, houthis, usa, rus, ukr},
		[][]graph.Relation{irnHouthis, houthisUsa, {rUsaThreatenRus}, {rRusAssaultUkr}}}
	viaNatoRusUsa := wantPath{[]string{irn, nato, rus, usa, ukr},
		[][]graph.Relation{{rNatoRequestIrn}, {rNatoThreatenRus}, {rUsaThreatenRus}, {rUsaSupportUkr}}}
	viaNatoKremlinUsa := wantPath{[]string{irn, nato, kremlin, usa, ukr},
		[][]graph.Relation{{rNatoRequestIrn}, {rKremlinAccuseNato}, {rUsaSanctionKremlin}, {rUsaSupportUkr}}}
	for _, tc := range []struct {
		name string
		q    graph.PathQuery
		want []wantPath
	}{
		{name: "Iran to Ukraine, 4 hops, the default 5 paths", q: graph.PathQuery{From: irn, To: ukr, MaxHops: 4},
			want: []wantPath{viaNato, viaHouthisUsa, viaNatoRus, viaHouthisUsaRus, viaNatoRusUsa}},
		{name: "Iran to Ukraine, 4 hops, 9 paths", q: graph.PathQuery{From: irn, To: ukr, MaxHops: 4, Limit: 9},
			want: []wantPath{viaNato, viaHouthisUsa, viaNatoRus, viaHouthisUsaRus, viaNatoRusUsa, viaNatoKremlinUsa}},
		{name: "Iran to Ukraine, 3 hops", q: graph.PathQuery{From: irn, To: ukr, MaxHops: 3, Limit: 20},
			want: []wantPath{viaNato, viaHouthisUsa, viaNatoRus}},
		{name: "Iran to Ukraine, 2 paths", q: graph.PathQuery{From: irn, To: ukr, MaxHops: 6, Limit: 2},
			want: []wantPath{viaNato, viaHouthisUsa}},
		{name: "hops below 1 are 1", q: graph.PathQuery{From: irn, To: nato, MaxHops: -1},
			want: []wantPath{{[]string{irn, nato}, [][]graph.Relation{{rNatoRequestIrn}}}}},
		{name: "too far for 1 hop", q: graph.PathQuery{From: irn, To: ukr, MaxHops: 1}},
		{name: "the United States to NATO through support",
			q:    graph.PathQuery{From: usa, To: nato, MaxHops: 6, Filter: graph.RelationFilter{Types: []graph.RelationType{graph.Support}}},
			want: []wantPath{{[]string{usa, ukr, nato}, [][]graph.Relation{{rUsaSupportUkr}, {rNatoSupportUkr}}}}},
		{name: "material conflict only, no way", q: graph.PathQuery{From: irn, To: ukr, MaxHops: 6,
			Filter: graph.RelationFilter{Quad: graph.MaterialConflict}}},
		{name: "an actor in no relation", q: graph.PathQuery{From: gbr, To: ukr, MaxHops: 6}},
		{name: "an actor to itself", q: graph.PathQuery{From: ukr, To: ukr, MaxHops: 3},
			want: []wantPath{{[]string{ukr}, [][]graph.Relation{}}}},
		{name: "a person through affiliation", q: graph.PathQuery{From: stoltenberg, To: ukr, MaxHops: 2,
			Filter: graph.RelationFilter{Types: []graph.RelationType{graph.Affiliation, graph.Support}}},
			want: []wantPath{{[]string{stoltenberg, nato, ukr}, [][]graph.Relation{{rStoltenbergNato}, {rNatoSupportUkr}}}}},
	} {
		got, err := s.Paths(ctx, tc.q)
		if err != nil {
			t.Errorf("Paths %s: %v", tc.name, err)
			continue
		}
		checkPaths(t, "Paths "+tc.name, got, tc.want)
	}

	// The actors come whole.
	got, err := s.Paths(ctx, graph.PathQuery{From: stoltenberg, To: nato,
		Filter: graph.RelationFilter{Types: []graph.RelationType{graph.Affiliation}}})
	if err != nil || len(got) != 1 || len(got[0].Actors) != 2 {
		t.Fatalf("Paths from Stoltenberg to NATO: %v, %v", got, err)
	}
	if !sameActor(got[0].Actors[0], actorStoltenberg()) || !sameActor(got[0].Actors[1], mergedNATO()) {
		t.Errorf("Paths from Stoltenberg to NATO: actors %+v", got[0].Actors)
	}

	for _, q := range []graph.PathQuery{{From: irn, To: "nobody"}, {From: "nobody", To: irn}} {
		if _, err := s.Paths(ctx, q); !errors.Is(err, graph.ErrNotFound) {
			t.Errorf("Paths from %q to %q: err = %v, want ErrNotFound", q.From, q.To, err)
		}
	}
	bad := graph.PathQuery{From: irn, To: ukr, Filter: graph.RelationFilter{Types: []graph.RelationType{"HUGS"}}}
	if _, err := s.Paths(ctx, bad); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("Paths with an unknown type: err = %v, want ErrInvalid", err)
	}
}

// testPathsRollup checks that paths walk through rolled-up states: the United States reaches
// Russia only through Ukraine's government and military counted as Ukraine.
func testPathsRollup(t *testing.T, s graph.Store) {
	ctx := context.Background()
	mustSave(t, s, rollupFixture())
	q := graph.PathQuery{From: rollUSA, To: rollRUS, MaxHops: 4}
	got, err := s.Paths(ctx, q)
	if err != nil {
		t.Fatalf("Paths: %v", err)
	}
	checkPaths(t, "Paths without roll-up", got, nil)
	q.Filter.Rollup = true
	got, err = s.Paths(ctx, q)
	if err != nil {
		t.Fatalf("Paths: %v", err)
	}
	checkPaths(t, "Paths rolled up", got, []wantPath{{[]string{rollUSA, rollUKR, rollRUS}, [][]graph.Relation{
		{rel(rollUKR, graph.Support, rollUSA, 2, t1, t2, 1-0.5*0.5)},
		{rel(rollUKR, graph.Assault, rollRUS, 1, t1, t1, 0.8)},
	}}})
}
