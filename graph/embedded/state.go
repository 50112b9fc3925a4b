package embedded

import (
	"context"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/dyadgraph/dyad/graph"
)

// bucketState holds graph.StateKeeper's values by key. It is made on the first SaveState, so
// that stores written before it existed open unchanged.
var bucketState = []byte("state")

// LoadState returns the value saved under key, or nil.
func (s *Store) LoadState(ctx context.Context, key string) ([]byte, error) {
	var out []byte
	err := s.view(ctx, func(r *reader) error {
		if b := r.tx.Bucket(bucketState); b != nil {
			if v := b.Get([]byte(key)); v != nil {
				out = append([]byte(nil), v...)
			}
		}
		return nil
	})
	return out, err
}

// SaveState replaces the value under key.
func (s *Store) SaveState(ctx context.Context, key string, value []byte) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if key == "" {
		return graph.Errorf(graph.ErrInvalid, "a state needs a key")
	}
	if len(value) > graph.MaxStateBytes {
		return graph.Errorf(graph.ErrInvalid, "state %q: %d bytes, over the limit of %d", key, len(value), graph.MaxStateBytes)
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if s.closed {
		return errClosed
	}
	if s.readOnly {
		return fmt.Errorf("state %q: %w", key, ErrReadOnly)
	}
	return guarded(s.path, func() error {
		return s.db.Update(func(tx *bolt.Tx) error {
			b, err := tx.CreateBucketIfNotExists(bucketState)
			if err != nil {
				return err
			}
			return b.Put([]byte(key), value)
		})
	})
}
