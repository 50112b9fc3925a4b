package neo4j

import (
	"context"
	"fmt"

	"github.com/dyadgraph/dyad/graph"
	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Paths returns the shortest simple paths between two actors; see graph.Store.Paths. It costs
// one query for the two ends, at most q.MaxHops adjacency queries (graph.KShortestPaths) and one
// read for the actors of the paths and the relations among them.
func (s *Store) Paths(ctx context.Context, q graph.PathQuery) ([]graph.Path, error) {
	q, err := graph.CheckPathQuery(q)
	if err != nil {
		return nil, err
	}
	ends, err := read(ctx, s, func(tx driver.ManagedTransaction) (map[string]graph.Actor, error) {
		return actorsByID(ctx, tx, []string{q.From, q.To})
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: paths: %w", err)
	}
	for _, id := range []string{q.From, q.To} {
		if _, ok := ends[id]; !ok {
			return nil, graph.Errorf(graph.ErrNotFound, "actor %q", id)
		}
	}
	adj, err := s.adjacency(q.Filter)
	if err != nil {
		return nil, err
	}
	chains, err := graph.KShortestPaths(ctx, q.From, q.To, q.MaxHops, q.Limit, adj)
	if err != nil || len(chains) == 0 {
		return nil, err
	}
	actors, rels, err := s.among(ctx, graph.PathActors(chains), q.Filter)
	if err != nil {
		return nil, fmt.Errorf("neo4j: paths: %w", err)
	}
	return graph.AssemblePaths(chains, actors, rels)
}
