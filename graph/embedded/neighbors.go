package embedded

import (
	"context"

	"github.com/dyadgraph/dyad/graph"
)

// Neighbors returns an actor's ranked neighbours; see graph.Store.Neighbors.
func (s *Store) Neighbors(ctx context.Context, q graph.NeighborQuery) (graph.Neighbors, error) {
	q, err := graph.CheckNeighborQuery(q)
	if err != nil {
		return graph.Neighbors{}, err
	}
	ix, done, err := s.read(ctx)
	if err != nil {
		return graph.Neighbors{}, err
	}
	defer done()
	center, ok := ix.actors[q.Actor]
	if !ok {
		return graph.Neighbors{}, graph.Errorf(graph.ErrNotFound, "actor %q", q.Actor)
	}
	v := ix.view(q.Filter)
	var rels []graph.Relation
	for k := range v.actorKeys[q.Actor] {
		if r, ok := v.relation(k, q.Filter); ok {
			rels = append(rels, r)
		}
	}
	kept, total, centerRelations := graph.RankNeighbors(q.Actor, rels, q.Rank, q.Limit)
	actors := make(map[string]graph.Actor, len(kept))
	for _, n := range kept {
		actors[n.ID] = copyActor(ix.actors[n.ID])
	}
	if q.Among {
		for _, n := range kept {
			for k := range v.actorKeys[n.ID] {
				if _, in := actors[k.Target]; in && k.Source == n.ID {
					if r, ok := v.relation(k, q.Filter); ok {
						rels = append(rels, r)
					}
				}
			}
		}
	}
	return graph.AssembleNeighbors(copyActor(center), kept, total, centerRelations, actors, rels, q.Among), nil
}
