// Command claimtrain trains dyad's claim model, the classifier that decides which PLOVER type
// (or none) a sentence states between two actor mentions, from the annotated corpus in corpus/.
//
// It runs the loader over every corpus sentence, takes the candidate pairs of mentions that the
// extractor would score, labels each from the sentence's gold events (a pair whose mentions
// overlap an event's source_text and target_text takes the event's type; every other pair is
// NONE), holds out a fixed share of the sentences (by a hash of their id), chooses the
// regularisation and the number of epochs on that held-out split, fits the temperature that
// calibrates the probabilities on it, and writes the model. The same corpus always gives the
// same model file, byte for byte.
//
// Usage:
//
//	go run ./tools/claimtrain [-corpus corpus] [-out loader/events/model/claims.gz] [-report FILE]
//
// It prints the held-out figures: per-pair accuracy, dyad+type precision, recall and F1 scored
// end to end as `dyad eval` scores, per type, and at three probability thresholds.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	corpus := flag.String("corpus", "corpus", "folder of the annotated corpus (*.jsonl)")
	out := flag.String("out", "loader/events/model/claims.gz", "where to write the model")
	report := flag.String("report", "", "also write the held-out report to this file")
	heldout := flag.String("heldout", "", "also write the held-out sentences, as a gold file, to this file")
	flag.Parse()
	if err := run(*corpus, *out, *report, *heldout); err != nil {
		fmt.Fprintln(os.Stderr, "claimtrain:", err)
		os.Exit(1)
	}
}
