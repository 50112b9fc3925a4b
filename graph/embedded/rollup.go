package embedded

import (
	"slices"

	bolt "go.etcd.io/bbolt"
)

// rollupMap says which actors stand for which state under roll-up (graph.RelationFilter's
// Rollup): governments and militaries with a Country whose state is stored. It is built from
// the rollup bucket, which lists every government and military with a Country, so its size is
// the number of such actors, not of claims, and it is cached by the generation counter that
// every Save changing actors moves on.
type rollupMap struct {
	generation int64
	up         map[string]string   // actor id -> the state it stands for
	members    map[string][]string // state id -> the actors that stand for it, sorted
}

// rollupOf returns the roll-up map of the snapshot tx reads, from the cache when it is of the
// same generation.
func (s *Store) rollupOf(tx *bolt.Tx) *rollupMap {
	gen := getCount(tx.Bucket(bucketMeta).Get(keyRollupGen))
	s.rollupMu.Lock()
	cached := s.rollup
	s.rollupMu.Unlock()
	if cached != nil && cached.generation == gen {
		return cached
	}
	m := &rollupMap{generation: gen, up: map[string]string{}, members: map[string][]string{}}
	actors := tx.Bucket(bucketActors)
	tx.Bucket(bucketRollup).ForEach(func(id, state []byte) error {
		if actors.Get(state) != nil {
			m.up[string(id)] = string(state)
			m.members[string(state)] = append(m.members[string(state)], string(id))
		}
		return nil
	})
	for _, ids := range m.members {
		slices.Sort(ids)
	}
	s.rollupMu.Lock()
	if s.rollup == nil || s.rollup.generation < gen {
		s.rollup = m
	}
	s.rollupMu.Unlock()
	return m
}
