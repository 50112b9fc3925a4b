package loader

import (
	"context"
	"strings"
	"testing"
)

// TestMentionSpans: every claim the rule extractor finds in the samples says where the words
// that name its source and its target stand in the article's text (in code points), and those
// offsets give back the words. Only words the sentence does not hold as written (a person's
// dictionary name on an affiliation) have none.
func TestMentionSpans(t *testing.T) {
	ctx := context.Background()
	ex := NewRuleExtractor(testGazetteer(t))
	claims := 0
	for doc, err := range Documents(ctx, nil, "samples") {
		if err != nil {
			t.Fatal(err)
		}
		x, err := ex.Extract(ctx, doc)
		if err != nil {
			t.Fatal(err)
		}
		runes := []rune(doc.Text)
		for _, c := range x.Claims {
			claims++
			for _, end := range []struct {
				name, words string
				from, to    int
			}{{"source", c.SourceText, c.SourceStart, c.SourceEnd}, {"target", c.TargetText, c.TargetStart, c.TargetEnd}} {
				if end.words == "" {
					continue
				}
				if end.to == end.from {
					// unknown: only for words the sentence does not hold as written (a
					// person's dictionary name on an affiliation)
					if strings.Contains(c.Sentence, end.words) {
						t.Errorf("%s: %s %q is in the sentence, but has no offsets", doc.ID, end.name, end.words)
					}
					continue
				}
				if end.from < c.Start || end.to > c.End || end.to <= end.from {
					t.Errorf("%s: %s %q at [%d,%d), outside the sentence [%d,%d)", doc.ID, end.name, end.words, end.from, end.to, c.Start, c.End)
					continue
				}
				if got := string(runes[end.from:end.to]); got != end.words {
					t.Errorf("%s: %s offsets [%d,%d) hold %q, want %q", doc.ID, end.name, end.from, end.to, got, end.words)
				}
			}
		}
	}
	if claims == 0 {
		t.Fatal("no claims in the samples")
	}
}
