package graphtest

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/dyadgraph/dyad/graph"
)

// SameAnswers checks that two stores holding the same data answer alike, as another way of
// building a store (such as a bulk import) must: stats, every actor, every relation with
// its evidence, every article with its claims and text.
func SameAnswers(t *testing.T, want, got graph.Store) {
	t.Helper()
	ctx := context.Background()
	same := func(what string, w, g any, werr, gerr error) {
		t.Helper()
		if werr != nil || gerr != nil {
			t.Fatalf("%s: saved store: %v; imported store: %v", what, werr, gerr)
		}
		if !reflect.DeepEqual(w, g) {
			t.Errorf("%s: the imported store answers\n%+v\nthe saved one\n%+v", what, g, w)
		}
	}
	ws, werr := want.Stats(ctx)
	gs, gerr := got.Stats(ctx)
	same("Stats", ws, gs, werr, gerr)

	var after string
	for {
		q := graph.ActorQuery{Page: graph.Page{First: graph.MaxPageSize, After: after}}
		w, werr := want.Actors(ctx, q)
		g, gerr := got.Actors(ctx, q)
		same("Actors after "+after, w, g, werr, gerr)
		if !w.HasNext {
			break
		}
		after = w.EndCursor
	}
	for _, f := range []graph.RelationFilter{{}, {MinConfidence: 0.5}} {
		after = ""
		for {
			q := graph.RelationQuery{Filter: f, Page: graph.Page{First: graph.MaxPageSize, After: after}}
			w, werr := want.Relations(ctx, q)
			g, gerr := got.Relations(ctx, q)
			same(fmt.Sprintf("Relations %+v after %s", f, after), w, g, werr, gerr)
			var keys []graph.RelationKey
			for _, r := range w.Relations {
				keys = append(keys, r.Key())
			}
			we, werr := want.Evidence(ctx, keys, f, graph.Page{First: graph.MaxPageSize})
			ge, gerr := got.Evidence(ctx, keys, f, graph.Page{First: graph.MaxPageSize})
			same("Evidence", we, ge, werr, gerr)
			if !w.HasNext {
				break
			}
			after = w.EndCursor
		}
	}
	after = ""
	for {
		q := graph.ArticleQuery{Page: graph.Page{First: graph.MaxPageSize, After: after}}
		w, werr := want.Articles(ctx, q)
		g, gerr := got.Articles(ctx, q)
		same("Articles after "+after, w, g, werr, gerr)
		for _, a := range w.Articles {
			wt, wok, werr := want.ArticleText(ctx, a.Article.ID)
			gt, gok, gerr := got.ArticleText(ctx, a.Article.ID)
			same("ArticleText "+a.Article.ID, fmt.Sprint(wt, wok), fmt.Sprint(gt, gok), werr, gerr)
		}
		if !w.HasNext {
			break
		}
		after = w.EndCursor
	}
}
