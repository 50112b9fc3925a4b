package graphtest

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/dyadgraph/dyad/graph"
)

// testDyad checks graph.DyadOf over the store: both directions, counts by type, filters, errors.
func testDyad(t *testing.T, s graph.Store) {
	ctx := context.Background()
	for _, tc := range []struct {
		name       string
		a, b       string
		filter     graph.RelationFilter
		aToB, bToA []graph.Relation
		types      []graph.DyadCounts
	}{
		{name: "one way", a: usa, b: ukr, aToB: []graph.Relation{rUsaSupportUkr},
			types: []graph.DyadCounts{{Type: graph.Support, AToB: 3}}},
		{name: "the other way round", a: ukr, b: usa, bToA: []graph.Relation{rUsaSupportUkr},
			types: []graph.DyadCounts{{Type: graph.Support, BToA: 3}}},
		{name: "both ways", a: usa, b: houthis, aToB: []graph.Relation{rUsaAssaultHouthis},
			bToA: []graph.Relation{rHouthisAssaultUsa}, types: []graph.DyadCounts{{Type: graph.Assault, AToB: 1, BToA: 1}}},
		{name: "filtered out", a: usa, b: ukr, filter: graph.RelationFilter{Quad: graph.MaterialConflict}},
		{name: "two actors without relations", a: can, b: gbr},
	} {
		d, err := graph.DyadOf(ctx, s, tc.a, tc.b, tc.filter)
		if err != nil {
			t.Errorf("Dyad %s: %v", tc.name, err)
			continue
		}
		if d.A.ID != tc.a || d.B.ID != tc.b {
			t.Errorf("Dyad %s: actors %q and %q", tc.name, d.A.ID, d.B.ID)
		}
		checkRelations(t, "Dyad "+tc.name+" a to b", d.AToB, tc.aToB)
		checkRelations(t, "Dyad "+tc.name+" b to a", d.BToA, tc.bToA)
		if !slices.Equal(d.Types, tc.types) {
			t.Errorf("Dyad %s: counts %+v, want %+v", tc.name, d.Types, tc.types)
		}
	}
	if _, err := graph.DyadOf(ctx, s, usa, "nobody", graph.RelationFilter{}); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("Dyad with an unknown actor: err = %v, want ErrNotFound", err)
	}
	if _, err := graph.DyadOf(ctx, s, usa, usa, graph.RelationFilter{}); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("Dyad of an actor with itself: err = %v, want ErrInvalid", err)
	}
}
