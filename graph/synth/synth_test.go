package synth

import (
	"context"
	"reflect"
	"testing"

	"github.com/dyadgraph/dyad/graph"
)

func collect(t *testing.T, c Corpus) []graph.Extraction {
	t.Helper()
	var out []graph.Extraction
	if err := c.Each(context.Background(), func(x graph.Extraction) error {
		out = append(out, x)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestCorpus checks what benchmarks rely on: the exact claim count, determinism, valid values
// that a store accepts, and a skew in how often actors are named.
func TestCorpus(t *testing.T) {
	c := Corpus{Actors: 200, Claims: 5000, Seed: 3}
	a, b := collect(t, c), collect(t, c)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two generations with the same seed differ")
	}
	if other := collect(t, Corpus{Actors: 200, Claims: 5000, Seed: 4}); reflect.DeepEqual(a, other) {
		t.Fatal("another seed gives the same corpus")
	}
	actors := map[string]graph.Actor{}
	for _, x := range c.ActorsOf() {
		if !x.Kind.Valid() || x.ID == "" || x.Name == "" {
			t.Fatalf("bad actor %+v", x)
		}
		actors[x.ID] = x
	}
	if len(actors) != 200 {
		t.Fatalf("%d distinct actors, want 200", len(actors))
	}
	claims, types := 0, map[graph.RelationType]bool{}
	named := map[string]int{}
	for _, x := range a {
		if n := len(x.Claims); n < 1 || n > 9 {
			t.Fatalf("article %s has %d claims", x.Article.ID, n)
		}
		given := map[string]bool{}
		for _, ac := range x.Actors {
			given[ac.ID] = true
		}
		for _, cl := range x.Claims {
			claims++
			types[cl.Type] = true
			named[cl.Source]++
			named[cl.Target]++
			if !cl.Type.Valid() || cl.Source == cl.Target || !given[cl.Source] || !given[cl.Target] ||
				cl.ArticleID != x.Article.ID || cl.Time.Before(SpanStart.AddDate(0, 0, -3)) || !cl.Time.Before(SpanEnd) {
				t.Fatalf("bad claim %+v", cl)
			}
		}
	}
	if claims != c.Claims {
		t.Fatalf("%d claims, want %d", claims, c.Claims)
	}
	if len(types) != 17 {
		t.Errorf("%d relation types used, want the 16 PLOVER types and AFFILIATION", len(types))
	}
	busiest := 0
	for _, n := range named {
		busiest = max(busiest, n)
	}
	if mean := 2 * claims / len(named); busiest < 10*mean {
		t.Errorf("busiest actor named %d times, mean %d: want a power-law skew", busiest, mean)
	}
}
