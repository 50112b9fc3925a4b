package main

import (
	"strings"
	"testing"

	"github.com/dyadgraph/dyad/graph"
)

// The corpus has the shape its README promises: its size, a third of negatives, every PLOVER
// type with 200 sentences or more, and the actors' words written as in the text.
func TestCorpusShape(t *testing.T) {
	recs, err := readCorpus("../../corpus")
	if err != nil {
		t.Fatal(err)
	}
	negatives := 0
	byType := map[string]int{}
	for _, r := range recs {
		if len(r.Events) == 0 {
			negatives++
		}
		seen := map[string]bool{}
		for _, e := range r.Events {
			if e.SourceText == "" || !strings.Contains(r.Text, e.SourceText) || e.TargetText == "" || !strings.Contains(r.Text, e.TargetText) {
				t.Errorf("%s:%d: source_text %q or target_text %q is not in the text", r.File, r.Line, e.SourceText, e.TargetText)
			}
			if !graph.RelationType(e.Code).Valid() || e.Code == string(graph.Affiliation) {
				t.Errorf("%s:%d: %q is not a PLOVER type", r.File, r.Line, e.Code)
			}
			if !seen[e.Code] {
				seen[e.Code] = true
				byType[e.Code]++
			}
		}
	}
	t.Logf("%d sentences, %d negatives (%.1f%%)", len(recs), negatives, 100*float64(negatives)/float64(len(recs)))
	if len(recs) < 6000 || 3*negatives < len(recs) {
		t.Errorf("%d sentences with %d negatives: want at least 6,000, a third of them negatives", len(recs), negatives)
	}
	for _, ti := range graph.Types {
		if ti.Type == graph.Affiliation {
			continue
		}
		if n := byType[string(ti.Type)]; n < 200 {
			t.Errorf("%s: %d sentences, want at least 200", ti.Type, n)
		}
	}
}
