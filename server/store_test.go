package server_test

import (
	"testing"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/graph/embedded"
)

// openStore opens an empty embedded store in a temporary folder, closed when the test ends.
func openStore(t testing.TB) graph.Store {
	t.Helper()
	s, err := embedded.Open(t.TempDir())
	if err != nil {
		t.Fatalf("opening the embedded store: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("closing the embedded store: %v", err)
		}
	})
	return s
}
