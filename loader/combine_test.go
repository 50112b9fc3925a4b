package loader

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/graph"
)

// scripted is an Extractor that returns what it is given.
type scripted struct {
	name, version string
	x             graph.Extraction
	err           error
	calls         int
}

func (s *scripted) Name() string    { return s.name }
func (s *scripted) Version() string { return s.version }
func (s *scripted) Extract(ctx context.Context, doc Document) (graph.Extraction, error) {
	s.calls++
	if s.err != nil {
		return graph.Extraction{}, s.err
	}
	return s.x, nil
}

func combineDoc() Document {
	return Document{ID: "art-1", Title: "A title", Text: "NATO backs Ukraine. Russia attacked Ukraine.",
		Published: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), File: "in.jsonl", Line: 3}
}

func claim(extractor, source, typ, target string, start, end int) graph.Claim {
	c := graph.Claim{ArticleID: "art-1", Source: source, Target: target, Type: graph.RelationType(typ),
		Start: start, End: end, Extractor: extractor, ExtractorVers: extractor + "/1", Confidence: 0.8}
	c.ID = graph.ClaimID(c)
	return c
}

func rulesAndModel() (*scripted, *scripted) {
	rules := &scripted{name: "rules", version: "rules/1", x: graph.Extraction{
		Article: graph.Article{ID: "art-1", Title: "A title"},
		Actors: []graph.Actor{
			{ID: "igo/nato", Name: "NATO", Kind: graph.KindIGO, Aliases: []string{"North Atlantic Treaty Organization"}},
			{ID: "UKR", Name: "Ukraine", Kind: graph.KindState, Country: "UKR"},
		},
		Claims: []graph.Claim{claim("rules", "igo/nato", "SUPPORT", "UKR", 0, 19)},
	}}
	model := &scripted{name: "llm", version: "llm/m", x: graph.Extraction{
		Article: graph.Article{ID: "art-1", URL: "https://example.org/1", Title: "Another title"},
		Actors: []graph.Actor{
			{ID: "igo/nato", Name: "North Atlantic Treaty Organization", QID: "Q7184", Aliases: []string{"NATO alliance", "North Atlantic Treaty Organization"}},
			{ID: "RUS", Name: "Russia", Kind: graph.KindState, Country: "RUS"},
			{ID: "UKR", Name: "Ukraine", Kind: graph.KindState, Country: "UKR"},
		},
		Claims: []graph.Claim{
			claim("llm", "igo/nato", "SUPPORT", "UKR", 0, 19),
			claim("llm", "RUS", "ASSAULT", "UKR", 20, 44),
			claim("llm", "RUS", "ASSAULT", "UKR", 20, 44), // a repeat
		},
	}}
	return rules, model
}

func TestCombineMerges(t *testing.T) {
	rules, model := rulesAndModel()
	c := Combine(rules, model)
	if c.Name() != "combined(rules+llm)" || c.Version() != "rules/1+llm/m" {
		t.Errorf("name %q version %q", c.Name(), c.Version())
	}
	x, err := c.Extract(context.Background(), combineDoc())
	if err != nil {
		t.Fatal(err)
	}
	if want := (graph.Article{ID: "art-1", URL: "https://example.org/1", Title: "A title"}); x.Article != want {
		t.Errorf("article %+v, want %+v (first non-empty field wins)", x.Article, want)
	}
	if len(x.Actors) != 3 {
		t.Fatalf("actors %+v, want 3 united by id", x.Actors)
	}
	nato := x.Actors[0]
	if nato.ID != "igo/nato" || nato.Name != "NATO" || nato.Kind != graph.KindIGO || nato.QID != "Q7184" ||
		!slices.Equal(nato.Aliases, []string{"NATO alliance", "North Atlantic Treaty Organization"}) {
		t.Errorf("merged actor %+v: want the rules' name and kind, the model's QID, the aliases united", nato)
	}
	var provenance []string
	for _, cl := range x.Claims {
		provenance = append(provenance, cl.Extractor+":"+string(cl.Type)+":"+cl.ExtractorVers)
	}
	want := []string{"rules:SUPPORT:rules/1", "llm:SUPPORT:llm/1", "llm:ASSAULT:llm/1"}
	if !slices.Equal(provenance, want) {
		t.Errorf("claims %v, want %v: each keeps its extractor, the repeat is dropped", provenance, want)
	}
	// The inputs are not changed by merging.
	if len(rules.x.Actors[0].Aliases) != 1 || rules.x.Actors[0].QID != "" {
		t.Errorf("merging changed the rules extractor's actor: %+v", rules.x.Actors[0])
	}
}

func TestCombineGivesClaimsIDs(t *testing.T) {
	cl := claim("rules", "igo/nato", "SUPPORT", "UKR", 0, 19)
	cl.ID = ""
	twin := cl
	a := &scripted{name: "a", version: "1", x: graph.Extraction{Article: graph.Article{ID: "art-1"}, Claims: []graph.Claim{cl, twin}}}
	x, err := Combine(a).Extract(context.Background(), combineDoc())
	if err != nil {
		t.Fatal(err)
	}
	if len(x.Claims) != 1 || x.Claims[0].ID != graph.ClaimID(cl) {
		t.Errorf("claims %+v, want one with its ClaimID", x.Claims)
	}
}

func TestCombinePartialFailure(t *testing.T) {
	rules, model := rulesAndModel()
	down := errors.New("connection refused")
	model.err = down
	x, err := Combine(rules, model).Extract(context.Background(), combineDoc())
	var partial *PartialError
	if !errors.As(err, &partial) {
		t.Fatalf("error %v, want a *PartialError", err)
	}
	if len(partial.Failures) != 1 || partial.Failures[0].Extractor != "llm" || partial.Article != "art-1" {
		t.Errorf("partial error %+v, want llm failing on art-1", partial)
	}
	if !errors.Is(err, down) {
		t.Errorf("error %v does not wrap the cause", err)
	}
	if got := err.Error(); got != `in.jsonl:3: article "art-1": partial extraction: extractor llm failed: connection refused` {
		t.Errorf("message %q", got)
	}
	if len(x.Claims) != 1 || x.Claims[0].Extractor != "rules" || len(x.Actors) != 2 {
		t.Errorf("extraction %+v, want the rules' findings", x)
	}
}

func TestCombineAllFail(t *testing.T) {
	a := &scripted{name: "a", err: errors.New("a broke")}
	b := &scripted{name: "b", err: errors.New("b broke")}
	x, err := Combine(a, b).Extract(context.Background(), combineDoc())
	var partial *PartialError
	if err == nil || errors.As(err, &partial) {
		t.Fatalf("error %v, want a plain error when every extractor fails", err)
	}
	if err.Error() != `in.jsonl:3: article "art-1": every extractor failed: extractor a failed: a broke; extractor b failed: b broke` {
		t.Errorf("message %q", err)
	}
	if len(x.Claims) != 0 || x.Article.ID != "" {
		t.Errorf("extraction %+v, want none", x)
	}
}

func TestCombineCancelled(t *testing.T) {
	rules, model := rulesAndModel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Combine(rules, model).Extract(ctx, combineDoc()); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}

func TestCombineNothing(t *testing.T) {
	doc := combineDoc()
	x, err := Combine().Extract(context.Background(), doc)
	if err != nil || x.Article != doc.Article() || len(x.Claims) != 0 {
		t.Errorf("got %+v, %v; want the document's article alone", x, err)
	}
}
