package embedded

import (
	"context"

	"github.com/dyadgraph/dyad/graph"
)

// Subgraph returns the union of several actors' neighbourhoods; see graph.Store.Subgraph. It
// walks the actors' adjacency entries (graph.ReachFrom over reader.adjacencyOf) and reads the
// relations among the actors reached from their outgoing entries (reader.among).
func (s *Store) Subgraph(ctx context.Context, q graph.SubgraphQuery) (graph.Subgraph, error) {
	q, err := graph.CheckSubgraphQuery(q)
	if err != nil {
		return graph.Subgraph{}, err
	}
	var sg graph.Subgraph
	err = s.view(ctx, func(r *reader) error {
		r = r.withRollup(s, q.Filter)
		for _, id := range q.Actors {
			if !r.hasActor(id) {
				return graph.Errorf(graph.ErrNotFound, "actor %q", id)
			}
		}
		order, dist, truncated, err := graph.ReachFrom(ctx, q.Actors, q.Hops, q.Limit, r.adjacencyOf(q.Filter))
		if err != nil {
			return err
		}
		sg = graph.Subgraph{Distance: dist, Truncated: truncated, Actors: make([]graph.Actor, len(order)),
			Relations: r.among(order, q.Filter)}
		for i, id := range order {
			if sg.Actors[i], err = r.mustActor(id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return graph.Subgraph{}, err
	}
	return sg, nil
}

// among returns the relations of this view that pass the filter between two of the actors, in
// Relations' order, read from each actor's outgoing adjacency entries.
func (r *reader) among(ids []string, f graph.RelationFilter) []graph.Relation {
	in := make(map[string]bool, len(ids))
	for _, id := range ids {
		in[id] = true
	}
	var rels []graph.Relation
	for id := range in {
		for _, fk := range r.keysFrom(id, func(target string) bool { return in[target] }) {
			if rel, ok := r.found(fk, f); ok {
				rels = append(rels, rel)
			}
		}
	}
	graph.SortRelations(rels)
	return rels
}
