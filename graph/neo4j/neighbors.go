package neo4j

import (
	"context"
	"fmt"

	"github.com/dyadgraph/dyad/graph"
	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Neighbors returns an actor's ranked neighbours; see graph.Store.Neighbors. It costs three
// queries in one read transaction, four with q.Among: the centre, its relations (ranked in Go
// by graph.RankNeighbors, as every store ranks), the neighbours kept, and the relations among
// them.
func (s *Store) Neighbors(ctx context.Context, q graph.NeighborQuery) (graph.Neighbors, error) {
	q, err := graph.CheckNeighborQuery(q)
	if err != nil {
		return graph.Neighbors{}, err
	}
	out, err := read(ctx, s, func(tx driver.ManagedTransaction) (graph.Neighbors, error) {
		centre, err := actorsByID(ctx, tx, []string{q.Actor})
		if err != nil {
			return graph.Neighbors{}, err
		}
		if _, ok := centre[q.Actor]; !ok {
			return graph.Neighbors{}, graph.Errorf(graph.ErrNotFound, "actor %q", q.Actor)
		}
		rels, _, err := relations(ctx, tx, scope{actor: q.Actor}, q.Filter, 0, -1)
		if err != nil {
			return graph.Neighbors{}, err
		}
		kept, total, centerRelations := graph.RankNeighbors(q.Actor, rels, q.Rank, q.Limit)
		ids := make([]string, len(kept))
		for i, n := range kept {
			ids[i] = n.ID
		}
		actors, err := actorsByID(ctx, tx, ids)
		if err != nil {
			return graph.Neighbors{}, err
		}
		if q.Among && len(ids) > 0 {
			among, _, err := relations(ctx, tx, scope{between: ids, hasBetween: true}, q.Filter, 0, -1)
			if err != nil {
				return graph.Neighbors{}, err
			}
			rels = append(rels, among...)
		}
		return graph.AssembleNeighbors(centre[q.Actor], kept, total, centerRelations, actors, rels, q.Among), nil
	})
	if err != nil {
		return graph.Neighbors{}, fmt.Errorf("neo4j: neighbours: %w", err)
	}
	return out, nil
}
