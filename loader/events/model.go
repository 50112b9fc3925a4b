package events

import (
	"bytes"
	_ "embed"
	"fmt"
	"sync"

	"github.com/dyadgraph/dyad/loader/classify"
)

// The claim model built into dyad: written by tools/claimtrain from the annotated corpus in
// corpus/ (see model/README.md for its provenance, settings and held-out figures).
//
//go:embed model/claims.gz
var builtinModel []byte

var loadModel = sync.OnceValues(func() (*classify.Model, error) {
	m, err := classify.Read(bytes.NewReader(builtinModel))
	if err != nil {
		return nil, fmt.Errorf("events: the built-in claim model: %w", err)
	}
	return m, nil
})

// DefaultModel returns the built-in claim model, read on first use.
func DefaultModel() (*classify.Model, error) { return loadModel() }

// HeldOut reports whether the corpus sentence with this id belongs to the held-out split, a
// fifth of the corpus chosen by a hash of the id, which the trainer never learns from and on
// which it chooses its settings and threshold.
func HeldOut(id string) bool { return classify.Hash("split:"+id)%1000 < 200 }
