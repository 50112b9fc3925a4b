package graphtest

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/dyadgraph/dyad/graph"
)

// testState checks graph.StateKeeper: values round-trip, are replaced, are kept apart by key,
// and stay out of the graph.
func testState(t *testing.T, s graph.Store) {
	sk, ok := s.(graph.StateKeeper)
	if !ok {
		t.Fatalf("%T does not implement graph.StateKeeper", s)
	}
	ctx := context.Background()
	if v, err := sk.LoadState(ctx, "watch:feed-a"); err != nil || v != nil {
		t.Fatalf("LoadState of nothing = %q, %v; want nil, nil", v, err)
	}
	for _, v := range [][]byte{[]byte(`{"etag":"\"1\""}`), []byte(`{"etag":"\"2\"","items":{}}`)} {
		if err := sk.SaveState(ctx, "watch:feed-a", v); err != nil {
			t.Fatalf("SaveState: %v", err)
		}
		if got, err := sk.LoadState(ctx, "watch:feed-a"); err != nil || !bytes.Equal(got, v) {
			t.Fatalf("LoadState = %q, %v; want %q", got, err, v)
		}
	}
	if err := sk.SaveState(ctx, "watch:feed-b", []byte("b")); err != nil {
		t.Fatal(err)
	}
	if got, _ := sk.LoadState(ctx, "watch:feed-a"); !bytes.Equal(got, []byte(`{"etag":"\"2\"","items":{}}`)) {
		t.Errorf("saving another key changed this one: %q", got)
	}
	if err := sk.SaveState(ctx, "", []byte("x")); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("SaveState without a key: %v, want ErrInvalid", err)
	}
	if err := sk.SaveState(ctx, "big", make([]byte, graph.MaxStateBytes+1)); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("SaveState over MaxStateBytes: %v, want ErrInvalid", err)
	}
	if st, err := s.Stats(ctx); err != nil || st != (graph.Stats{}) {
		t.Errorf("states show in Stats: %+v, %v", st, err)
	}
}
