package graphtest

import (
	"context"
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/dyadgraph/dyad/graph"
)

// testNeighbors checks Store.Neighbors on the fixture: ranking by count and by score, the cut
// and what it reports, the star against the relations among neighbours, filters and errors.
func testNeighbors(t *testing.T, s graph.Store) {
	ctx := context.Background()
	type weight struct {
		id    string
		count int
		score float64
	}
	rus3 := weight{rus, 3, 1 - 0.05*0.1*0.5}
	usa3 := weight{usa, 3, 1 - 0.2*0.4*0.7}
	nato2 := weight{nato, 2, 1 - 0.1*0.5}
	can1 := weight{can, 1, 0.65}
	ukrStar := []graph.Relation{rRusAssaultUkr, rUsaSupportUkr, rNatoSupportUkr, rUkrRequestCan}
	for _, tc := range []struct {
		name            string
		q               graph.NeighborQuery
		want            []weight
		relations       []graph.Relation
		total           int
		centerRelations int
	}{
		{name: "Ukraine by count", q: graph.NeighborQuery{Actor: ukr},
			want: []weight{rus3, usa3, nato2, can1}, relations: ukrStar, total: 4, centerRelations: 4},
		{name: "Ukraine by score", q: graph.NeighborQuery{Actor: ukr, Rank: graph.RankByScore},
			want: []weight{rus3, nato2, usa3, can1}, relations: ukrStar, total: 4, centerRelations: 4},
		{name: "Ukraine with the relations among its neighbours", q: graph.NeighborQuery{Actor: ukr, Among: true},
			want: []weight{rus3, usa3, nato2, can1}, total: 4, centerRelations: 4,
			relations: []graph.Relation{rRusAssaultUkr, rUsaSupportUkr, rNatoSupportUkr, rUkrRequestCan, rUsaThreatenRus, rNatoThreatenRus}},
		{name: "the United States, both directions summed, cut to 2",
			q:    graph.NeighborQuery{Actor: usa, Limit: 2, Among: true},
			want: []weight{{ukr, 3, 1 - 0.2*0.4*0.7}, {houthis, 2, 0.8}}, total: 4, centerRelations: 5,
			relations: []graph.Relation{rUsaSupportUkr, rUsaAssaultHouthis, rHouthisAssaultUsa}},
		{name: "material conflict only", q: graph.NeighborQuery{Actor: ukr, Filter: graph.RelationFilter{Quad: graph.MaterialConflict}},
			want: []weight{rus3}, relations: []graph.Relation{rRusAssaultUkr}, total: 1, centerRelations: 1},
		{name: "since April", q: graph.NeighborQuery{Actor: ukr, Filter: graph.RelationFilter{Since: timePtr(t3.AddDate(0, 0, -19))}},
			want: []weight{{rus, 2, 1 - 0.1*0.5}, {can, 1, 0.65}, {usa, 1, 0.3}}, total: 3, centerRelations: 3,
			relations: []graph.Relation{rel(rus, graph.Assault, ukr, 2, t4, t5Thursday, 1-0.1*0.5), rUkrRequestCan,
				rel(usa, graph.Support, ukr, 1, t5, t5, 0.3)}},
		{name: "a person without affiliation", q: graph.NeighborQuery{Actor: stoltenberg}},
		{name: "a person through affiliation",
			q:    graph.NeighborQuery{Actor: stoltenberg, Filter: graph.RelationFilter{Types: []graph.RelationType{graph.Affiliation}}},
			want: []weight{{nato, 1, 0.9}}, relations: []graph.Relation{rStoltenbergNato}, total: 1, centerRelations: 1},
	} {
		got, err := s.Neighbors(ctx, tc.q)
		if err != nil {
			t.Errorf("Neighbors %s: %v", tc.name, err)
			continue
		}
		if got.Center.ID != tc.q.Actor {
			t.Errorf("Neighbors %s: centre %q", tc.name, got.Center.ID)
		}
		var weights []weight
		for _, n := range got.Neighbors {
			weights = append(weights, weight{n.Actor.ID, n.Count, n.Score})
		}
		if !slices.EqualFunc(weights, tc.want, func(a, b weight) bool {
			return a.id == b.id && a.count == b.count && math.Abs(a.score-b.score) <= scoreTolerance
		}) {
			t.Errorf("Neighbors %s: %v, want %v", tc.name, weights, tc.want)
		}
		checkRelations(t, "Neighbors "+tc.name, got.Relations, tc.relations)
		if got.Total != tc.total || got.CenterRelations != tc.centerRelations || got.Truncated != (tc.total > len(tc.want)) {
			t.Errorf("Neighbors %s: total %d, centre relations %d, truncated %v; want %d, %d, %v", tc.name,
				got.Total, got.CenterRelations, got.Truncated, tc.total, tc.centerRelations, tc.total > len(tc.want))
		}
	}

	// The actors come whole.
	got, err := s.Neighbors(ctx, graph.NeighborQuery{Actor: stoltenberg, Filter: graph.RelationFilter{Types: []graph.RelationType{graph.Affiliation}}})
	if err != nil {
		t.Fatalf("Neighbors: %v", err)
	}
	if len(got.Neighbors) != 1 || !sameActor(got.Neighbors[0].Actor, mergedNATO()) || !sameActor(got.Center, actorStoltenberg()) {
		t.Errorf("Neighbors of Stoltenberg: %+v, %+v; want %+v", got.Center, got.Neighbors, mergedNATO())
	}

	if _, err := s.Neighbors(ctx, graph.NeighborQuery{Actor: "nobody"}); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("Neighbors of an unknown actor: err = %v, want ErrNotFound", err)
	}
	if _, err := s.Neighbors(ctx, graph.NeighborQuery{Actor: ukr, Rank: "LOUDEST"}); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("Neighbors with an unknown rank: err = %v, want ErrInvalid", err)
	}
	bad := graph.RelationFilter{Types: []graph.RelationType{"HUGS"}}
	if _, err := s.Neighbors(ctx, graph.NeighborQuery{Actor: ukr, Filter: bad}); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("Neighbors with an unknown type: err = %v, want ErrInvalid", err)
	}
}
