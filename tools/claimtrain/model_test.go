package main

import (
	"testing"

	"github.com/dyadgraph/dyad/loader"
	"github.com/dyadgraph/dyad/loader/classify"
	"github.com/dyadgraph/dyad/loader/events"
)

// The built-in claim model, on the corpus's held-out fifth (which it never learnt from): its
// pairs are given their type about as well as when it was trained (tools/claimtrain's report
// in loader/events/model/README.md). A model that drifted from its corpus or its features
// fails here.
func TestBuiltinModelOnHeldOut(t *testing.T) {
	if testing.Short() {
		t.Skip("labels and parses the held-out corpus")
	}
	m, err := events.DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	recs, err := readCorpus("../../corpus")
	if err != nil {
		t.Fatal(err)
	}
	g, err := loader.LoadGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	index := map[string]int{}
	for i, c := range m.Classes {
		index[c] = i
	}
	var held []classify.Example
	for _, r := range recs {
		if !heldOut(r.ID) {
			continue
		}
		l, err := label(g, r, index)
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, l.examples...)
	}
	c := pairCounts(m, held, m.Params["threshold"])
	t.Logf("%d held-out pairs: P=%.3f R=%.3f F1=%.3f at threshold %.2f", len(held), c.Precision(), c.Recall(), c.F1(), m.Params["threshold"])
	if c.F1() < 0.40 {
		t.Errorf("held-out pair F1 %.3f, want >= 0.40", c.F1())
	}
}
