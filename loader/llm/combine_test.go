package llm_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/loader"
	"github.com/dyadgraph/dyad/loader/llm"
)

const provenanceText = "The alliance met in Brussels.\n\nNATO pledged more support for Ukraine on Tuesday. Russia shelled Odesa again."

// fakeRules stands in for the rule-based extractor: it finds the first sentence's relation.
type fakeRules struct{}

func (fakeRules) Name() string    { return "rules" }
func (fakeRules) Version() string { return "rules/test" }
func (fakeRules) Extract(_ context.Context, doc loader.Document) (graph.Extraction, error) {
	sentence := "NATO pledged more support for Ukraine on Tuesday."
	start := strings.Index(doc.Text, sentence) // ASCII text: bytes are code points
	c := graph.Claim{ArticleID: doc.ID, Source: "igo/nato", Target: "UKR", Type: graph.Support, CAMEO: "05",
		Predicate: "pledged more support for", Sentence: sentence, Start: start, End: start + len(sentence),
		Confidence: 0.9, Modality: graph.Pledged, Extractor: "rules", ExtractorVers: "rules/test"}
	c.ID = graph.ClaimID(c)
	return graph.Extraction{
		Article: doc.Article(),
		Actors: []graph.Actor{
			{ID: "igo/nato", Name: "NATO", Kind: graph.KindIGO, Aliases: []string{"North Atlantic Treaty Organization"}},
			{ID: "UKR", Name: "Ukraine", Kind: graph.KindState, Country: "UKR"},
		},
		Claims: []graph.Claim{c},
	}, nil
}

// gazetteer resolves the way the lead's adapter of the gazetteer would.
type gazetteer map[string]graph.Actor

func (g gazetteer) Resolve(text string) (graph.Actor, bool) { a, ok := g[text]; return a, ok }

func modelServer(t *testing.T, status int) *httptest.Server {
	t.Helper()
	content, _ := json.Marshal(map[string]any{"relations": []map[string]any{
		{"source": "NATO", "target": "Ukraine", "type": "SUPPORT", "predicate": "pledged more support for",
			"sentence": "NATO pledged more support for Ukraine on Tuesday.", "negated": false,
			"modality": "PLEDGED", "role": "", "confidence": 0.8},
		{"source": "Russia", "target": "Odesa", "type": "ASSAULT", "predicate": "shelled",
			"sentence": "Russia shelled Odesa again.", "negated": false, "modality": "ASSERTED", "role": "",
			"confidence": 0.9},
	}})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if status != http.StatusOK {
			http.Error(w, `{"error": {"message": "no model loaded"}}`, status)
			return
		}
		json.NewEncoder(w).Encode(map[string]any{"choices": []any{map[string]any{
			"message": map[string]any{"role": "assistant", "content": string(content)}, "finish_reason": "stop"}}})
	}))
	t.Cleanup(srv.Close)
	return srv
}

func newModel(t *testing.T, url string) *llm.Extractor {
	t.Helper()
	g := gazetteer{
		"NATO":    {ID: "igo/nato", Name: "North Atlantic Treaty Organization", Kind: graph.KindIGO, QID: "Q7184"},
		"Ukraine": {ID: "UKR", Name: "Ukraine", Kind: graph.KindState, Country: "UKR"},
		"Russia":  {ID: "RUS", Name: "Russia", Kind: graph.KindState, Country: "RUS"},
	}
	e, err := llm.New(llm.Config{BaseURL: url + "/v1", Model: "fake", MaxRetries: -1}, g)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestCombinedClaimsKeepProvenance(t *testing.T) {
	model := newModel(t, modelServer(t, http.StatusOK).URL)
	c := loader.Combine(fakeRules{}, model)
	if c.Name() != "combined(rules+llm)" {
		t.Errorf("name %q", c.Name())
	}
	doc := loader.Document{ID: "p1", Text: provenanceText}
	x, err := c.Extract(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	type key struct{ extractor, vers, source, typ, target string }
	var got []key
	for _, cl := range x.Claims {
		got = append(got, key{cl.Extractor, cl.ExtractorVers, cl.Source, string(cl.Type), cl.Target})
	}
	want := []key{
		{"rules", "rules/test", "igo/nato", "SUPPORT", "UKR"},
		{"llm", "llm/fake/p1", "igo/nato", "SUPPORT", "UKR"}, // the same relation, found twice, kept twice
		{"llm", "llm/fake/p1", "RUS", "ASSAULT", "candidate/odesa"},
	}
	if len(got) != len(want) {
		t.Fatalf("claims %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("claim %d = %v, want %v", i, got[i], want[i])
		}
	}
	if x.Claims[0].Start != x.Claims[1].Start || x.Claims[0].End != x.Claims[1].End || x.Claims[0].ID == x.Claims[1].ID {
		t.Errorf("rules and model found the same sentence at [%d,%d) and [%d,%d); want equal offsets and distinct ids",
			x.Claims[0].Start, x.Claims[0].End, x.Claims[1].Start, x.Claims[1].End)
	}
	ids := map[string]graph.Actor{}
	for _, a := range x.Actors {
		if _, dup := ids[a.ID]; dup {
			t.Errorf("actor %s listed twice", a.ID)
		}
		ids[a.ID] = a
	}
	if nato := ids["igo/nato"]; nato.Name != "NATO" || nato.QID != "Q7184" {
		t.Errorf("NATO = %+v: want the rules' name and the model's QID, united under one id", nato)
	}
	if len(ids) != 4 {
		t.Errorf("actors %v, want igo/nato, UKR, RUS and candidate/odesa", ids)
	}
}

func TestCombinedSurvivesAModelOutage(t *testing.T) {
	model := newModel(t, modelServer(t, http.StatusServiceUnavailable).URL)
	x, err := loader.Combine(fakeRules{}, model).Extract(context.Background(),
		loader.Document{ID: "p2", Text: provenanceText, File: "feed.jsonl", Line: 12})
	var partial *loader.PartialError
	if !errors.As(err, &partial) || len(partial.Failures) != 1 || partial.Failures[0].Extractor != "llm" {
		t.Fatalf("error %v, want a PartialError naming llm", err)
	}
	if se, ok := errors.AsType[*llm.StatusError](err); !ok || se.Code != http.StatusServiceUnavailable {
		t.Errorf("error %v does not carry the endpoint's 503", err)
	}
	if !strings.Contains(err.Error(), "feed.jsonl:12") {
		t.Errorf("error %q does not name the file and line", err)
	}
	if len(x.Claims) != 1 || x.Claims[0].Extractor != "rules" {
		t.Errorf("claims %+v, want the rules' claim alone", x.Claims)
	}
}
