package graphtest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/dyadgraph/dyad/graph"
)

// testSubgraph checks Store.Subgraph on the fixture: several starts at distance 0, each actor at
// its distance from the nearest start, the cut, repeated starts, the bound on starts and errors.
func testSubgraph(t *testing.T, s graph.Store) {
	ctx := context.Background()
	for _, tc := range []struct {
		name      string
		q         graph.SubgraphQuery
		actors    []string
		distance  map[string]int
		relations []graph.Relation
		truncated bool
	}{
		{name: "Canada and Britain, 1 hop", q: graph.SubgraphQuery{Actors: []string{gbr, can}, Hops: 1},
			actors: []string{can, gbr, ukr}, distance: map[string]int{can: 0, gbr: 0, ukr: 1},
			relations: []graph.Relation{rUkrRequestCan}},
		{name: "the Houthis and Canada, 1 hop", q: graph.SubgraphQuery{Actors: []string{houthis, can}, Hops: 1},
			actors:   []string{can, houthis, irn, ukr, usa},
			distance: map[string]int{can: 0, houthis: 0, irn: 1, ukr: 1, usa: 1},
			relations: []graph.Relation{rUsaSupportUkr, rIrnAidHouthis, rIrnSupportHouthis, rUkrRequestCan,
				rUsaAssaultHouthis, rHouthisAssaultUsa}},
		{name: "the same, cut to 3", q: graph.SubgraphQuery{Actors: []string{houthis, can}, Hops: 1, Limit: 3},
			actors: []string{can, houthis, irn}, distance: map[string]int{can: 0, houthis: 0, irn: 1},
			relations: []graph.Relation{rIrnAidHouthis, rIrnSupportHouthis}, truncated: true},
		{name: "Ukraine given twice is its neighbourhood", q: graph.SubgraphQuery{Actors: []string{ukr, ukr}, Hops: 1},
			actors: []string{ukr, can, rus, usa, nato}, distance: map[string]int{ukr: 0, can: 1, rus: 1, usa: 1, nato: 1},
			relations: []graph.Relation{rRusAssaultUkr, rUsaSupportUkr, rNatoSupportUkr, rUkrRequestCan, rUsaThreatenRus, rNatoThreatenRus}},
		{name: "0 hops: the starts and the relations among them",
			q:      graph.SubgraphQuery{Actors: []string{usa, houthis, ukr}, Filter: graph.RelationFilter{Quad: graph.MaterialConflict}},
			actors: []string{ukr, usa, houthis}, distance: map[string]int{ukr: 0, usa: 0, houthis: 0},
			relations: []graph.Relation{rUsaAssaultHouthis, rHouthisAssaultUsa}},
	} {
		sg, err := s.Subgraph(ctx, tc.q)
		if err != nil {
			t.Errorf("Subgraph %s: %v", tc.name, err)
			continue
		}
		checkSubgraph(t, "Subgraph "+tc.name, sg, tc.actors, tc.distance, tc.relations, tc.truncated)
	}

	tooMany := make([]string, graph.MaxSubgraphActors+1)
	for i := range tooMany {
		tooMany[i] = fmt.Sprintf("actor-%d", i)
	}
	for _, tc := range []struct {
		name string
		q    graph.SubgraphQuery
		want error
	}{
		{"no actors", graph.SubgraphQuery{}, graph.ErrInvalid},
		{"too many actors", graph.SubgraphQuery{Actors: tooMany}, graph.ErrInvalid},
		{"an unknown type", graph.SubgraphQuery{Actors: []string{ukr}, Filter: graph.RelationFilter{Types: []graph.RelationType{"HUGS"}}}, graph.ErrInvalid},
		{"an unknown actor", graph.SubgraphQuery{Actors: []string{ukr, "nobody"}, Hops: 2}, graph.ErrNotFound},
		{"an unknown actor that the limit cuts", graph.SubgraphQuery{Actors: []string{ukr, "zzz"}, Limit: 1}, graph.ErrNotFound},
	} {
		if _, err := s.Subgraph(ctx, tc.q); !errors.Is(err, tc.want) {
			t.Errorf("Subgraph with %s: err = %v, want %v", tc.name, err, tc.want)
		}
	}
}

// checkSubgraph reports a difference between a subgraph and the expected actors (in order), their
// distances, the relations and the cut.
func checkSubgraph(t testing.TB, what string, sg graph.Subgraph, actors []string, distance map[string]int, relations []graph.Relation, truncated bool) {
	t.Helper()
	if got := actorIDs(sg.Actors); !slices.Equal(got, actors) {
		t.Errorf("%s: actors %v, want %v", what, got, actors)
	}
	if !mapsEqual(sg.Distance, distance) {
		t.Errorf("%s: distances %v, want %v", what, sg.Distance, distance)
	}
	checkRelations(t, what, sg.Relations, relations)
	if sg.Truncated != truncated {
		t.Errorf("%s: Truncated %v, want %v", what, sg.Truncated, truncated)
	}
}
