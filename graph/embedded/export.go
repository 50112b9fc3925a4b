package embedded

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"github.com/dyadgraph/dyad/graph"
)

// scanChunk is how many items a scan reads in one read transaction before it ends it and
// hands them to the caller, so that the caller may query the store (and a Save may run)
// between chunks, and memory stays bounded.
const scanChunk = 512

// EachActor calls fn with every actor, ordered by id; see graph.Scanner. It reads the actors a
// chunk at a time, each chunk in a read transaction that starts after the last id read.
func (s *Store) EachActor(ctx context.Context, fn func(graph.Actor) error) error {
	var after []byte
	chunk := make([]graph.Actor, 0, scanChunk)
	for {
		chunk = chunk[:0]
		err := s.view(ctx, func(r *reader) error {
			cur := r.actors.Cursor()
			k, v := cur.First()
			if after != nil {
				if k, v = cur.Seek(after); bytes.Equal(k, after) {
					k, v = cur.Next()
				}
			}
			for ; k != nil && len(chunk) < scanChunk; k, v = cur.Next() {
				var a graph.Actor
				if err := json.Unmarshal(v, &a); err != nil {
					return fmt.Errorf("actor %q: corrupt record: %w", k, err)
				}
				chunk = append(chunk, a)
			}
			return nil
		})
		if err != nil {
			return err
		}
		if len(chunk) == 0 {
			return nil
		}
		after = []byte(chunk[len(chunk)-1].ID)
		for _, a := range chunk {
			if err := fn(a); err != nil {
				return err
			}
		}
	}
}

// EachRelation calls fn with every relation that passes the filter, ordered by key; see
// graph.Scanner. It reads the relations a chunk at a time, each chunk in a read transaction
// that starts after the last key read.
func (s *Store) EachRelation(ctx context.Context, f graph.RelationFilter, fn func(graph.Relation) error) error {
	if err := f.Validate(); err != nil {
		return err
	}
	var after *graph.RelationKey
	chunk := make([]graph.Relation, 0, scanChunk)
	for {
		chunk = chunk[:0]
		err := s.view(ctx, func(r *reader) error {
			return r.withRollup(s, f).eachRelation(ctx, f, after, func(rel graph.Relation) bool {
				chunk = append(chunk, rel)
				return len(chunk) < scanChunk
			})
		})
		if err != nil {
			return err
		}
		if len(chunk) == 0 {
			return nil
		}
		last := chunk[len(chunk)-1].Key()
		after = &last
		for _, rel := range chunk {
			if err := fn(rel); err != nil {
				return err
			}
		}
	}
}
