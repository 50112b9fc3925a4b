package ingest_test

import (
	"context"
	"fmt"
	"iter"
	"testing"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/graph/embedded"
	"github.com/dyadgraph/dyad/graph/synth"
	"github.com/dyadgraph/dyad/ingest"
	"github.com/dyadgraph/dyad/loader"
)

// denseArticles builds n claim-dense articles of about perArticle claims each from a synthetic
// corpus: what a long report naming many actors extracts to.
func denseArticles(b *testing.B, n, perArticle int) map[string]graph.Extraction {
	b.Helper()
	out := map[string]graph.Extraction{}
	var cur graph.Extraction
	named := map[string]bool{}
	offset := 0
	err := synth.Corpus{Actors: 2000, Claims: n * perArticle, Seed: 7}.Each(context.Background(), func(x graph.Extraction) error {
		if cur.Article.ID == "" {
			id := fmt.Sprintf("dense-%03d", len(out))
			cur = graph.Extraction{Article: graph.Article{ID: id, Title: id, Published: x.Article.Published}}
			named, offset = map[string]bool{}, 0
		}
		for _, c := range x.Claims {
			c.ArticleID = cur.Article.ID
			c.Start, c.End = offset, offset+len(c.Sentence)
			offset = c.End + 1
			cur.Claims = append(cur.Claims, c)
		}
		for _, a := range x.Actors {
			if !named[a.ID] {
				named[a.ID] = true
				cur.Actors = append(cur.Actors, a)
			}
		}
		if len(cur.Claims) >= perArticle {
			out[cur.Article.ID] = cur
			cur = graph.Extraction{}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return out
}

// BenchmarkClaimDenseIngest saves 32 articles of 2,400 claims each (77k claims) through Run,
// with batches bounded by claims (the default) and by articles only (as before the bound), for
// the time a batch of claim-dense articles takes: go test ./ingest -run '^$' -bench ClaimDense
// -benchtime 1x.
func BenchmarkClaimDenseIngest(b *testing.B) {
	xs := denseArticles(b, 32, 2400)
	extract := func(_ context.Context, doc loader.Document) (graph.Extraction, error) { return xs[doc.ID], nil }
	docs := iter.Seq2[loader.Document, error](func(yield func(loader.Document, error) bool) {
		for i := range len(xs) {
			if !yield(loader.Document{ID: fmt.Sprintf("dense-%03d", i), File: "dense.jsonl", Line: i + 1}, nil) {
				return
			}
		}
	})
	for _, tc := range []struct {
		name string
		opt  ingest.Options
	}{
		{"bounded-by-claims", ingest.Options{}},
		{"articles-only", ingest.Options{BatchClaims: 1 << 30, BatchBytes: 1 << 40}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				st, err := embedded.Open(b.TempDir())
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				c := ingest.Run(context.Background(), st, extract, docs, tc.opt)
				b.StopTimer()
				if c.Failed > 0 || c.Articles != len(xs) || c.Stopped != nil {
					b.Fatalf("%+v", c)
				}
				b.ReportMetric(float64(c.Claims)/c.Elapsed.Seconds(), "claims/s")
				st.Close()
				b.StartTimer()
			}
		})
	}
}
