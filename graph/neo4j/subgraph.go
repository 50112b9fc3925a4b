package neo4j

import (
	"context"
	"fmt"

	"github.com/dyadgraph/dyad/graph"
	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Subgraph returns the union of several actors' neighbourhoods; see graph.Store.Subgraph. It
// costs one query per hop (graph.ReachFrom) and one read for the actors reached and the
// relations among them; one more when the limit cuts some of the starts, to check that they
// exist.
func (s *Store) Subgraph(ctx context.Context, q graph.SubgraphQuery) (graph.Subgraph, error) {
	q, err := graph.CheckSubgraphQuery(q)
	if err != nil {
		return graph.Subgraph{}, err
	}
	adj, err := s.adjacency(q.Filter)
	if err != nil {
		return graph.Subgraph{}, err
	}
	ids, dist, truncated, err := graph.ReachFrom(ctx, q.Actors, q.Hops, q.Limit, adj)
	if err != nil {
		return graph.Subgraph{}, err
	}
	actors, rels, err := s.among(ctx, ids, q.Filter)
	if err != nil {
		return graph.Subgraph{}, fmt.Errorf("neo4j: subgraph: %w", err)
	}
	var cut []string
	for _, id := range q.Actors {
		if _, kept := dist[id]; !kept {
			cut = append(cut, id)
		}
	}
	if len(cut) > 0 {
		found, err := read(ctx, s, func(tx driver.ManagedTransaction) (map[string]graph.Actor, error) {
			return actorsByID(ctx, tx, cut)
		})
		if err != nil {
			return graph.Subgraph{}, fmt.Errorf("neo4j: subgraph: %w", err)
		}
		for id, a := range found {
			actors[id] = a
		}
	}
	for _, id := range q.Actors {
		if _, ok := actors[id]; !ok {
			return graph.Subgraph{}, graph.Errorf(graph.ErrNotFound, "actor %q", id)
		}
	}
	out := graph.Subgraph{Distance: dist, Relations: rels, Truncated: truncated}
	for _, id := range ids {
		if a, ok := actors[id]; ok {
			out.Actors = append(out.Actors, a)
		}
	}
	return out, nil
}
