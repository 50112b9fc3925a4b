package server

import (
	"context"
	"fmt"
	"runtime/debug"
	"sync"
)

// siblings remembers which keys were listed together, so that loading one of them can load the
// others with it. A resolver that returns a list (a page of relations, say) announces the keys
// its items will ask for (their actors, their evidence); gqlgen then resolves the items' fields,
// possibly at the same time, and the first of them to load fetches for the whole list in one
// store call. Unlike a dataloader that waits a few milliseconds for requests to pile up, this
// costs no latency and batches the same way however the goroutines are scheduled.
type siblings[K comparable] struct {
	mu sync.Mutex
	of map[K][]K
}

// announce records that keys were listed together. A key listed again stays with the list that
// named it first: a later, smaller list (the claims of one relation, say) must not take keys from
// a larger one that has not loaded yet (the relations of a page), or the larger list would load
// one small list at a time. Loading any key of a list fetches the rest of its first list with
// it, so the keys of several lists cost at most one call per list, never one per key.
func (s *siblings[K]) announce(keys []K) {
	if len(keys) == 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.of == nil {
		s.of = map[K][]K{}
	}
	for _, k := range keys {
		if _, listed := s.of[k]; !listed {
			s.of[k] = keys
		}
	}
}

// get returns the keys listed together with k, k among them; nil if k was never announced.
func (s *siblings[K]) get(k K) []K {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.of[k]
}

// batchFunc fetches values for many keys in one go. A key missing from the result has no value
// (the loader reports it as not found); an error fails every key of the batch.
type batchFunc[K comparable, V any] func(ctx context.Context, keys []K) (map[K]V, error)

// loader loads values by key for the length of one request, fetching a key together with its
// not yet loaded siblings, and each key at most once. It is safe for concurrent use.
type loader[K comparable, V any] struct {
	fetch    batchFunc[K, V]
	siblings *siblings[K]

	mu      sync.Mutex
	entries map[K]*loaded[V]
}

// loaded is one key's value, ready once done is closed.
type loaded[V any] struct {
	done  chan struct{}
	value V
	found bool
	err   error
}

func newLoader[K comparable, V any](s *siblings[K], fetch batchFunc[K, V]) *loader[K, V] {
	return &loader[K, V]{fetch: fetch, siblings: s, entries: map[K]*loaded[V]{}}
}

// prime stores a value that is already known, so that loading its key costs nothing.
func (l *loader[K, V]) prime(k K, v V) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, ok := l.entries[k]; ok {
		return
	}
	e := &loaded[V]{done: make(chan struct{}), value: v, found: true}
	close(e.done)
	l.entries[k] = e
}

// load returns the value for k and whether there is one. If k is not loaded or being loaded, it
// fetches k with every sibling of k not loaded yet, in one call; concurrent loads of those keys
// wait for that call instead of making their own. A failed call fails its keys for the rest of
// the request, rather than being tried again for each of them.
func (l *loader[K, V]) load(ctx context.Context, k K) (V, bool, error) {
	l.mu.Lock()
	if e, ok := l.entries[k]; ok {
		l.mu.Unlock()
		select {
		case <-e.done:
			return e.value, e.found, e.err
		case <-ctx.Done():
			var zero V
			return zero, false, ctx.Err()
		}
	}
	var batch []K
	var pending []*loaded[V]
	for _, key := range append([]K{k}, l.siblings.get(k)...) {
		if _, ok := l.entries[key]; !ok { // also skips keys listed twice
			e := &loaded[V]{done: make(chan struct{})}
			l.entries[key] = e
			batch, pending = append(batch, key), append(pending, e)
		}
	}
	l.mu.Unlock()

	values, err := l.fetchSafely(ctx, batch)
	for i, key := range batch {
		e := pending[i]
		e.err = err
		if err == nil {
			e.value, e.found = values[key]
		}
		close(e.done)
	}
	first := pending[0]
	return first.value, first.found, first.err
}

// fetchSafely calls fetch, turning a panic into an error, so that the keys waiting on this
// batch are released and every field that needed it reports an internal error.
func (l *loader[K, V]) fetchSafely(ctx context.Context, keys []K) (values map[K]V, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &panicError{value: r, stack: debug.Stack()}
		}
	}()
	return l.fetch(ctx, keys)
}

// panicError is a recovered panic, with the stack where it happened for the log.
type panicError struct {
	value any
	stack []byte
}

func (p *panicError) Error() string { return fmt.Sprintf("panic: %v", p.value) }
