package embedded

import (
	"context"

	"github.com/dyadgraph/dyad/graph"
)

// Neighbors returns an actor's ranked neighbours; see graph.Store.Neighbors. It reads the
// centre's adjacency entries, and with Among those of the neighbours kept.
func (s *Store) Neighbors(ctx context.Context, q graph.NeighborQuery) (graph.Neighbors, error) {
	q, err := graph.CheckNeighborQuery(q)
	if err != nil {
		return graph.Neighbors{}, err
	}
	var out graph.Neighbors
	err = s.view(ctx, func(r *reader) error {
		r = r.withRollup(s, q.Filter)
		center, ok, err := r.actor(q.Actor)
		if err != nil {
			return err
		}
		if !ok {
			return graph.Errorf(graph.ErrNotFound, "actor %q", q.Actor)
		}
		var rels []graph.Relation
		for _, k := range r.keysOf(q.Actor) {
			if rel, ok := r.relation(k, q.Filter); ok {
				rels = append(rels, rel)
			}
		}
		kept, total, centerRelations := graph.RankNeighbors(q.Actor, rels, q.Rank, q.Limit)
		actors := make(map[string]graph.Actor, len(kept))
		for _, n := range kept {
			if actors[n.ID], err = r.mustActor(n.ID); err != nil {
				return err
			}
		}
		if q.Among {
			for _, n := range kept {
				for _, fk := range r.keysFrom(n.ID, func(target string) bool { _, in := actors[target]; return in }) {
					if rel, ok := r.found(fk, q.Filter); ok {
						rels = append(rels, rel)
					}
				}
			}
		}
		out = graph.AssembleNeighbors(center, kept, total, centerRelations, actors, rels, q.Among)
		return nil
	})
	return out, err
}
