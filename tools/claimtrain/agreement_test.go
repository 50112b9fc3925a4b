package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// The corpus's labels are checked by a second annotation of 300 sentences drawn at random
// (corpus/agreement/second-annotation.jsonl), made from the texts alone without the first
// labels. An event of the first annotation agrees when the second has one with the same
// source and target (their first three letters, as the scorer compares them) and a type in
// common.
func TestSecondAnnotationAgrees(t *testing.T) {
	first := map[string][]event{}
	corpus, err := readCorpus("../../corpus")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range corpus {
		for _, e := range r.Events {
			first[r.ID] = append(first[r.ID], event{Source: e.Source, Target: e.Target, Code: e.Code})
		}
		if _, ok := first[r.ID]; !ok {
			first[r.ID] = nil
		}
	}
	data, err := os.ReadFile("../../corpus/agreement/second-annotation.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	n1, n2, agreed, sentences := 0, 0, 0, 0
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var rec struct {
			ID     string  `json:"id"`
			Events []event `json:"events"`
		}
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatal(err)
		}
		a, ok := first[rec.ID]
		if !ok {
			t.Fatalf("second annotation of %s, which the corpus lacks", rec.ID)
		}
		sentences++
		n1 += len(a)
		n2 += len(rec.Events)
		used := make([]bool, len(rec.Events))
		for _, e := range a {
			for j, f := range rec.Events {
				if !used[j] && e.agrees(f) {
					used[j] = true
					agreed++
					break
				}
			}
		}
	}
	recall := float64(agreed) / float64(n1)
	f1 := 2 * float64(agreed) / float64(n1+n2)
	t.Logf("%d sentences: %d events first, %d second, %d agree: %.1f%% of the first annotation's events, F1 %.3f",
		sentences, n1, n2, agreed, 100*recall, f1)
	if sentences != 300 || recall < 0.85 {
		t.Errorf("agreement %.3f on %d sentences, want >= 0.85 on 300", recall, sentences)
	}
}

type event struct {
	Source string `json:"source"`
	Target string `json:"target"`
	Code   string `json:"code"`
}

func (e event) agrees(f event) bool {
	if len(e.Source) < 3 || len(f.Source) < 3 || len(e.Target) < 3 || len(f.Target) < 3 ||
		e.Source[:3] != f.Source[:3] || e.Target[:3] != f.Target[:3] {
		return false
	}
	for _, a := range strings.Split(e.Code, "|") {
		for _, b := range strings.Split(f.Code, "|") {
			if a == b {
				return true
			}
		}
	}
	return false
}
