package neo4j

import (
	"context"
	"math"
	"slices"
	"testing"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/graph/synth"
)

// TestNeighborsRankedInCypherAsInGo checks, on a synthetic corpus with busy actors and many
// ties, that ranking over the derived edges in Cypher (filters of types only) picks the same
// neighbours in the same order as graph.RankNeighbors over the centre's relations.
func TestNeighborsRankedInCypherAsInGo(t *testing.T) {
	s := openEmpty(t)
	ctx := context.Background()
	corpus := synth.Corpus{Actors: 120, Claims: 3000, Seed: 5}
	saveCorpus(t, s, corpus)
	actors := corpus.ActorsOf()
	for i := 0; i < len(actors); i += 7 {
		id := actors[i].ID
		page, err := s.Relations(ctx, graph.RelationQuery{Actor: id, Page: graph.Page{First: graph.MaxPageSize}})
		if err != nil {
			t.Fatal(err)
		}
		if page.HasNext {
			t.Fatalf("%s has more than a page of relations", id)
		}
		for _, rank := range []graph.NeighborRank{graph.RankByCount, graph.RankByScore} {
			want, total, centre := graph.RankNeighbors(id, page.Relations, rank, 10)
			got, err := s.Neighbors(ctx, graph.NeighborQuery{Actor: id, Rank: rank, Limit: 10})
			if err != nil {
				t.Fatal(err)
			}
			same := len(got.Neighbors) == len(want) && got.Total == total && got.CenterRelations == centre
			for j := 0; same && j < len(want); j++ {
				n := got.Neighbors[j]
				same = n.Actor.ID == want[j].ID && n.Count == want[j].Count && math.Abs(n.Score-want[j].Score) <= 1e-9
			}
			if !same {
				t.Errorf("%s by %s: got %+v (total %d, centre %d), want %+v (total %d, centre %d)", id, rank,
					got.Neighbors, got.Total, got.CenterRelations, want, total, centre)
			}
			for _, r := range got.Relations {
				if r.Source != id && r.Target != id || !slices.ContainsFunc(got.Neighbors, func(n graph.Neighbor) bool {
					return n.Actor.ID == r.Source || n.Actor.ID == r.Target
				}) {
					t.Errorf("%s: relation %v is not between the centre and a neighbour kept", id, r.Key())
				}
			}
		}
	}
}

// saveCorpus saves a synthetic corpus into the store in one batch.
func saveCorpus(t *testing.T, s *Store, corpus synth.Corpus) {
	t.Helper()
	ctx := context.Background()
	var batch []graph.Extraction
	if err := corpus.Each(ctx, func(x graph.Extraction) error { batch = append(batch, x); return nil }); err != nil {
		t.Fatal(err)
	}
	if err := s.Save(ctx, batch); err != nil {
		t.Fatal(err)
	}
}
