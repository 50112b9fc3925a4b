package loader

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/graph"
)

func TestContractRoundTrip(t *testing.T) {
	doc := Document{ID: "a1", Text: "Russian President Vladimir Putin met Chinese leader Xi Jinping. Japan did not attack China.",
		Published: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)}
	x, err := NewRuleExtractor(testGazetteer(t)).Extract(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	line, err := ContractLine(x)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(line), "\n") {
		t.Fatalf("a contract line holds a newline: %s", line)
	}
	rec, err := ParseContractLine(line)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Article != "a1" || len(rec.Relations) != len(x.Claims) {
		t.Fatalf("round trip: %+v", rec)
	}
	var sawAffiliation, sawNegated bool
	for i, r := range rec.Relations {
		c := x.Claims[i]
		if r.Type != string(c.Type) || r.Source.ID != c.Source || r.Target.ID != c.Target || r.Start != c.Start || r.End != c.End || r.Extractor != "rules" {
			t.Errorf("relation %d: %+v vs claim %+v", i, r, c)
		}
		if r.Type == "AFFILIATION" {
			sawAffiliation = r.Role != "" && r.Source.Kind == "PERSON"
		}
		if r.Negated {
			sawNegated = true
		}
		if r.Time != "2024-05-01T00:00:00Z" {
			t.Errorf("relation %d time %q", i, r.Time)
		}
		if r.SourceText != c.SourceText || r.TargetText != c.TargetText {
			t.Errorf("relation %d: words %q, %q; want the claim's %q, %q", i, r.SourceText, r.TargetText, c.SourceText, c.TargetText)
		}
		if r.Type != "AFFILIATION" {
			runes := []rune(doc.Text)
			if r.SourceStart == nil || r.TargetStart == nil || string(runes[*r.SourceStart:*r.SourceEnd]) != r.SourceText ||
				string(runes[*r.TargetStart:*r.TargetEnd]) != r.TargetText {
				t.Errorf("relation %d: the ends' offsets do not give back their words: %+v", i, r)
			}
		}
	}
	if !sawAffiliation || !sawNegated {
		t.Errorf("want an affiliation with its role and a negated relation: %s", line)
	}
	// the raw JSON has the contract's field names
	var raw map[string]any
	json.Unmarshal(line, &raw)
	rel := raw["relations"].([]any)[0].(map[string]any)
	for _, k := range []string{"source", "target", "type", "cameo", "predicate", "sentence", "start", "end", "confidence", "negated", "extractor"} {
		if _, ok := rel[k]; !ok {
			t.Errorf("field %q missing in %s", k, line)
		}
	}
	src := rel["source"].(map[string]any)
	for _, k := range []string{"id", "name", "kind"} {
		if _, ok := src[k]; !ok {
			t.Errorf("actor field %q missing in %s", k, line)
		}
	}
}

func TestContractErrors(t *testing.T) {
	x := graph.Extraction{Article: graph.Article{ID: "a"}, Claims: []graph.Claim{{Source: "X", Target: "Y", Type: graph.Assault}}}
	if _, err := ContractLine(x); err == nil || !strings.Contains(err.Error(), "source actor \"X\"") {
		t.Errorf("want an error naming the missing actor, got %v", err)
	}
	if _, err := ParseContractLine([]byte(`{"relations":[]}`)); err == nil {
		t.Error("a line without an article id should fail")
	}
	if _, err := ParseContractLine([]byte(`{`)); err == nil {
		t.Error("bad JSON should fail")
	}
}
