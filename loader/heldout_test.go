package loader_test

import (
	"context"
	"testing"

	"github.com/dyadgraph/dyad/loader"
	"github.com/dyadgraph/dyad/loader/eval"
)

// heldoutFloor is a little below the dyad+type F1 the rule-based extractor reaches on
// testdata/heldout.jsonl. The held-out sentences were written for this test, apart from the
// development set, and are never tuned against: the floor guards against regressions and is
// not a target.
const heldoutFloor = 0.72

// TestHeldOutScore scores the rule-based extractor on the held-out gold sentences.
func TestHeldOutScore(t *testing.T) {
	const path = "testdata/heldout.jsonl"
	gold, err := eval.ReadGoldFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(gold) < 50 {
		t.Fatalf("%s holds %d records; want at least 50", path, len(gold))
	}
	g, err := loader.LoadGazetteer()
	if err != nil {
		t.Fatalf("LoadGazetteer: %v", err)
	}
	ex := loader.NewRuleExtractor(g)
	pred := eval.Predictions{}
	for _, r := range gold {
		x, err := ex.Extract(context.Background(), loader.Document{ID: r.ID, Text: r.Text, File: r.File, Line: r.Line})
		if err != nil {
			t.Fatalf("%s:%d: %v", path, r.Line, err)
		}
		id, rels := eval.FromExtraction(x)
		pred.Add(id, rels...)
	}
	rep := eval.Score(gold, pred)
	f1 := rep.DyadType.F1()
	t.Logf("held-out dyad+type P=%.3f R=%.3f F1=%.3f", rep.DyadType.Precision(), rep.DyadType.Recall(), f1)
	if f1 < heldoutFloor {
		t.Errorf("held-out dyad+type F1 = %.3f, below the floor %.2f", f1, heldoutFloor)
	}
}
