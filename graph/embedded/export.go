package embedded

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/dyadgraph/dyad/graph"
)

// scanChunk is how many items a scan computes under the read lock before it releases the lock
// and hands them to the caller, so that the caller may query the store (and a Save may run)
// between chunks.
const scanChunk = 512

// EachActor calls fn with every actor, ordered by id; see graph.Scanner. It copies the sorted
// ids first (the index holds the graph in memory already), then the actors a chunk at a time.
func (s *Store) EachActor(ctx context.Context, fn func(graph.Actor) error) error {
	ix, done, err := s.read(ctx)
	if err != nil {
		return err
	}
	ids := make([]string, 0, len(ix.actors))
	for id := range ix.actors {
		ids = append(ids, id)
	}
	done()
	slices.Sort(ids)
	return eachChunk(ctx, s, ids, func(ix *index, id string) (graph.Actor, bool) {
		a, ok := ix.actors[id]
		return copyActor(a), ok
	}, fn)
}

// EachRelation calls fn with every relation that passes the filter, ordered by key; see
// graph.Scanner.
func (s *Store) EachRelation(ctx context.Context, f graph.RelationFilter, fn func(graph.Relation) error) error {
	if err := f.Validate(); err != nil {
		return err
	}
	ix, done, err := s.read(ctx)
	if err != nil {
		return err
	}
	v := ix.view(f)
	keys := make([]graph.RelationKey, 0, len(v.claims))
	for k := range v.claims {
		if f.AllowsType(k.Type) {
			keys = append(keys, k)
		}
	}
	done()
	slices.SortFunc(keys, func(a, b graph.RelationKey) int {
		return cmp.Or(strings.Compare(a.Source, b.Source), strings.Compare(string(a.Type), string(b.Type)),
			strings.Compare(a.Target, b.Target))
	})
	return eachChunk(ctx, s, keys, func(ix *index, k graph.RelationKey) (graph.Relation, bool) {
		return ix.view(f).relation(k, f)
	}, fn)
}

// eachChunk looks up items a chunk at a time under the read lock and gives those found to fn
// with the lock released.
func eachChunk[K, V any](ctx context.Context, s *Store, keys []K, lookup func(*index, K) (V, bool), fn func(V) error) error {
	out := make([]V, 0, min(len(keys), scanChunk))
	for len(keys) > 0 {
		n := min(len(keys), scanChunk)
		ix, done, err := s.read(ctx)
		if err != nil {
			return err
		}
		out = out[:0]
		for _, k := range keys[:n] {
			if v, ok := lookup(ix, k); ok {
				out = append(out, v)
			}
		}
		done()
		keys = keys[n:]
		for _, v := range out {
			if err := fn(v); err != nil {
				return err
			}
		}
	}
	return nil
}
