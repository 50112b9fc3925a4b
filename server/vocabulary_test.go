package server_test

import (
	"context"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/graph"
)

// The API answers one vocabulary: relationTypes gives PLOVER's quads (CONCEDE is verbal
// cooperation), and a claim's quad and score follow its CAMEO code, so an appeal and a demand,
// both REQUEST, fall on either side.
func TestClaimVocabularyFollowsThePredicate(t *testing.T) {
	st := openStore(t)
	day := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	claim := func(cameo, predicate string, start int) graph.Claim {
		c := graph.Claim{ArticleID: "appeal", Source: "UKR", Target: "USA", Type: graph.Request, CAMEO: cameo,
			Predicate: predicate, Sentence: "Ukraine " + predicate + " the United States.", Start: start, End: start + 40,
			Confidence: 0.9, Modality: graph.Asserted, Time: day, Extractor: "test"}
		c.ID = graph.ClaimID(c)
		return c
	}
	err := st.Save(context.Background(), []graph.Extraction{{
		Article: graph.Article{ID: "appeal", Title: "Kyiv appeals, then demands", Published: day},
		Actors: []graph.Actor{{ID: "UKR", Name: "Ukraine", Kind: graph.KindState, Country: "UKR"},
			{ID: "USA", Name: "United States", Kind: graph.KindState, Country: "USA"}},
		Claims: []graph.Claim{claim("020", "appealed to", 0), claim("100", "demanded of", 50)},
	}})
	if err != nil {
		t.Fatal(err)
	}
	c := newClient(t, st)
	var resp struct {
		RelationTypes []struct{ Type, Quad string }
		Relations     struct {
			Nodes []struct {
				Quad     string
				Evidence struct {
					Nodes []struct {
						Cameo, Quad, Predicate string
						Goldstein              float64
					}
				}
			}
		}
	}
	mustQuery(t, c, `{ relationTypes { type quad }
		relations(source: "UKR", target: "USA") { nodes { quad evidence { nodes { cameo quad goldstein predicate } } } } }`, &resp)
	for _, rt := range resp.RelationTypes {
		if rt.Type == "CONCEDE" && rt.Quad != "VERBAL_COOPERATION" {
			t.Errorf("relationTypes: CONCEDE is %s", rt.Quad)
		}
	}
	if len(resp.Relations.Nodes) != 1 || resp.Relations.Nodes[0].Quad != "VERBAL_CONFLICT" {
		t.Fatalf("relations: %+v", resp.Relations.Nodes)
	}
	got := map[string]string{}
	for _, e := range resp.Relations.Nodes[0].Evidence.Nodes {
		got[e.Cameo] = e.Quad
		if e.Cameo == "020" && e.Goldstein <= 0 || e.Cameo == "100" && e.Goldstein >= 0 {
			t.Errorf("%s (%s) scores %v", e.Predicate, e.Cameo, e.Goldstein)
		}
	}
	if got["020"] != "VERBAL_COOPERATION" || got["100"] != "VERBAL_CONFLICT" {
		t.Errorf("the claims' quads by CAMEO code: %v; want an appeal cooperative, a demand conflictual", got)
	}
}
