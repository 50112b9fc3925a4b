package embedded

import (
	"context"

	"github.com/dyadgraph/dyad/graph"
)

// Paths returns the shortest simple paths between two actors; see graph.Store.Paths. It reads
// the store through two primitives only: the adjacency entries (reader.adjacencyOf) for the
// search and the relations among a set of actors (reader.among) for the steps.
func (s *Store) Paths(ctx context.Context, q graph.PathQuery) ([]graph.Path, error) {
	q, err := graph.CheckPathQuery(q)
	if err != nil {
		return nil, err
	}
	var paths []graph.Path
	err = s.view(ctx, func(r *reader) error {
		r = r.withRollup(s, q.Filter)
		for _, id := range []string{q.From, q.To} {
			if !r.hasActor(id) {
				return graph.Errorf(graph.ErrNotFound, "actor %q", id)
			}
		}
		chains, err := graph.KShortestPaths(ctx, q.From, q.To, q.MaxHops, q.Limit, r.adjacencyOf(q.Filter))
		if err != nil {
			return err
		}
		ids := graph.PathActors(chains)
		actors := make(map[string]graph.Actor, len(ids))
		for _, id := range ids {
			if actors[id], err = r.mustActor(id); err != nil {
				return err
			}
		}
		paths, err = graph.AssemblePaths(chains, actors, r.among(ids, q.Filter))
		return err
	})
	if err != nil {
		return nil, err
	}
	return paths, nil
}
