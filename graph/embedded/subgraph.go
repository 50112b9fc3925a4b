package embedded

import (
	"context"

	"github.com/dyadgraph/dyad/graph"
)

// Subgraph returns the union of several actors' neighbourhoods; see graph.Store.Subgraph. It
// reads the index through the adjacency (ix.adjacency, for graph.ReachFrom) and the relations
// among a set of actors (ix.among).
func (s *Store) Subgraph(ctx context.Context, q graph.SubgraphQuery) (graph.Subgraph, error) {
	q, err := graph.CheckSubgraphQuery(q)
	if err != nil {
		return graph.Subgraph{}, err
	}
	ix, done, err := s.read(ctx)
	if err != nil {
		return graph.Subgraph{}, err
	}
	defer done()
	for _, id := range q.Actors {
		if _, ok := ix.actors[id]; !ok {
			return graph.Subgraph{}, graph.Errorf(graph.ErrNotFound, "actor %q", id)
		}
	}
	order, dist, truncated, err := graph.ReachFrom(ctx, q.Actors, q.Hops, q.Limit, ix.adjacency(q.Filter))
	if err != nil {
		return graph.Subgraph{}, err
	}
	sg := graph.Subgraph{Distance: dist, Truncated: truncated, Actors: make([]graph.Actor, len(order)),
		Relations: ix.among(order, q.Filter)}
	for i, id := range order {
		sg.Actors[i] = copyActor(ix.actors[id])
	}
	return sg, nil
}
