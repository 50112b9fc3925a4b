package embedded

import (
	"context"

	"github.com/dyadgraph/dyad/graph"
)

// Paths returns the shortest simple paths between two actors; see graph.Store.Paths. It reads
// the index through two primitives only: the adjacency (ix.adjacency) for the search and the
// relations among a set of actors (ix.among) for the steps.
func (s *Store) Paths(ctx context.Context, q graph.PathQuery) ([]graph.Path, error) {
	q, err := graph.CheckPathQuery(q)
	if err != nil {
		return nil, err
	}
	ix, done, err := s.read(ctx)
	if err != nil {
		return nil, err
	}
	defer done()
	for _, id := range []string{q.From, q.To} {
		if _, ok := ix.actors[id]; !ok {
			return nil, graph.Errorf(graph.ErrNotFound, "actor %q", id)
		}
	}
	chains, err := graph.KShortestPaths(ctx, q.From, q.To, q.MaxHops, q.Limit, ix.adjacency(q.Filter))
	if err != nil {
		return nil, err
	}
	ids := graph.PathActors(chains)
	actors := make(map[string]graph.Actor, len(ids))
	for _, id := range ids {
		actors[id] = copyActor(ix.actors[id])
	}
	return graph.AssemblePaths(chains, actors, ix.among(ids, q.Filter))
}

// among returns the relations that pass the filter between two of the actors, in Relations'
// order, read from each actor's relation keys.
func (ix *index) among(ids []string, f graph.RelationFilter) []graph.Relation {
	v := ix.view(f)
	in := make(map[string]bool, len(ids))
	for _, id := range ids {
		in[id] = true
	}
	var rels []graph.Relation
	for id := range in {
		for k := range v.actorKeys[id] {
			if k.Source == id && in[k.Target] {
				if r, ok := v.relation(k, f); ok {
					rels = append(rels, r)
				}
			}
		}
	}
	graph.SortRelations(rels)
	return rels
}
