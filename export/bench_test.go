package export_test

import (
	"context"
	"fmt"
	"hash/fnv"
	"io"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/export"
	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/graph/embedded"
	"github.com/dyadgraph/dyad/graph/graphtest"
)

// streamingStore makes up a large graph as it is read, holding none of it, so that a benchmark
// measures the memory of the export alone: actors actors, and claims claims spread over
// relations of claimsPerRelation each.
type streamingStore struct {
	graph.Store // the methods an export does not call
	actors      int
	claims      int
}

const claimsPerRelation = 4

func (s streamingStore) actor(i int) graph.Actor {
	return graph.Actor{ID: fmt.Sprintf("gen/%06d", i), Name: fmt.Sprintf("Generated actor %d", i),
		Kind: graph.KindState, Country: "GEN", Aliases: []string{"Alias " + fmt.Sprint(i)}}
}

func (s streamingStore) EachActor(ctx context.Context, fn func(graph.Actor) error) error {
	for i := range s.actors {
		if err := fn(s.actor(i)); err != nil {
			return err
		}
	}
	return nil
}

var benchStart = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

func (s streamingStore) relation(i int) graph.Relation {
	src, tgt := i%s.actors, (i/s.actors+1+i)%s.actors
	return graph.Relation{Source: s.actor(src).ID, Target: s.actor(tgt).ID, Type: graph.Types[i%16].Type,
		Count: claimsPerRelation, FirstSeen: benchStart, LastSeen: benchStart.AddDate(0, 0, i%365), Score: 0.9}
}

func (s streamingStore) EachRelation(ctx context.Context, f graph.RelationFilter, fn func(graph.Relation) error) error {
	for i := range s.claims / claimsPerRelation {
		if err := fn(s.relation(i)); err != nil {
			return err
		}
	}
	return nil
}

// evidence makes up the claims of a relation, each in an article of its own.
func evidence(k graph.RelationKey) []graph.Evidence {
	h := fnv.New64a()
	h.Write([]byte(k.String()))
	var out []graph.Evidence
	for j := range claimsPerRelation {
		id := fmt.Sprintf("%016x-%d", h.Sum64(), j)
		art := graph.Article{ID: "article-" + id, Title: "A generated article about " + k.Source,
			URL: "https://bench.example/" + id, Source: "bench", Published: benchStart.AddDate(0, 0, j)}
		out = append(out, graph.Evidence{Article: art, Claim: graph.Claim{ID: id,
			ArticleID: art.ID, Source: k.Source, Target: k.Target, Type: k.Type, CAMEO: k.Type.CAMEO(),
			Predicate: "did " + string(k.Type), Sentence: "A generated sentence in which " + k.Source +
				" does something of type " + string(k.Type) + " to " + k.Target + ", as news sentences do.",
			Start: 10, End: 120, Confidence: 0.8, Modality: graph.Asserted, Time: art.Published, Extractor: "bench"}})
	}
	return out
}

func (s streamingStore) Evidence(ctx context.Context, keys []graph.RelationKey, f graph.RelationFilter, p graph.Page) (map[graph.RelationKey]graph.EvidencePage, error) {
	out := make(map[graph.RelationKey]graph.EvidencePage, len(keys))
	for _, k := range keys {
		ev := evidence(k)
		out[k] = graph.EvidencePage{Evidence: ev, Total: len(ev)}
	}
	return out, nil
}

// Articles pages through the made-up articles, whose claims a whole graph's events table reads.
func (s streamingStore) Articles(ctx context.Context, q graph.ArticleQuery) (graph.ArticlePage, error) {
	start := 0
	if q.After != "" {
		fmt.Sscanf(q.After, "%d", &start)
	}
	n := s.claims / claimsPerRelation
	end := min(start+graph.MaxPageSize/claimsPerRelation, n)
	page := graph.ArticlePage{Total: n * claimsPerRelation, EndCursor: fmt.Sprint(end), HasNext: end < n}
	for i := start; i < end; i++ {
		for _, e := range evidence(s.relation(i).Key()) {
			page.Articles = append(page.Articles, graph.ArticleClaims{Article: e.Article, Claims: []graph.Claim{e.Claim}})
		}
	}
	return page, nil
}

func (s streamingStore) ActorsByID(ctx context.Context, ids []string) (map[string]graph.Actor, error) {
	out := make(map[string]graph.Actor, len(ids))
	for _, id := range ids {
		var i int
		fmt.Sscanf(id, "gen/%d", &i)
		out[id] = s.actor(i)
	}
	return out, nil
}

// countingWriter counts what it is given and keeps none of it.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

// BenchmarkWholeGraph exports a whole graph that a store makes up as it is read, at two sizes,
// and reports the export's peak heap above where it started: flat from 100k to 1M claims means
// the export streams. go test -run - -bench WholeGraph -benchtime 1x ./export/
func BenchmarkWholeGraph(b *testing.B) {
	for _, claims := range []int{100_000, 1_000_000} {
		for _, format := range []string{"events-csv", "gexf", "neo4j-csv"} {
			b.Run(fmt.Sprintf("%s/%dk-claims", format, claims/1000), func(b *testing.B) {
				st := streamingStore{actors: 5000, claims: claims}
				benchExport(b, st, format)
			})
		}
	}
}

// BenchmarkEmbedded exports the whole of an embedded store of generated articles (graphtest's
// skewed corpus) and reports the export's peak heap above the loaded store's.
func BenchmarkEmbedded(b *testing.B) {
	for _, articles := range []int{4_000, 20_000} {
		st, err := embedded.Open(b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		corpus := graphtest.Generated(articles, 1)
		claims := 0
		for i := 0; i < len(corpus); i += 500 {
			batch := corpus[i:min(i+500, len(corpus))]
			for _, x := range batch {
				claims += len(x.Claims)
			}
			if err := st.Save(context.Background(), batch); err != nil {
				b.Fatal(err)
			}
		}
		corpus = nil
		for _, format := range []string{"events-csv", "gexf"} {
			b.Run(fmt.Sprintf("%s/%dk-claims", format, claims/1000), func(b *testing.B) { benchExport(b, st, format) })
		}
		st.Close()
	}
}

func benchExport(b *testing.B, st graph.Store, format string) {
	f, _ := export.FormatNamed(format)
	var extra uint64
	var n export.Counts
	var w countingWriter
	start := time.Now()
	for b.Loop() {
		w = countingWriter{}
		extra = max(extra, graphtest.PeakHeap(func() {
			ex, err := export.Prepare(context.Background(), st, export.Selection{})
			if err != nil {
				b.Fatal(err)
			}
			if n, err = ex.WriteStream(context.Background(), f, io.Writer(&w)); err != nil {
				b.Fatal(err)
			}
		}))
	}
	b.ReportMetric(float64(extra)/(1<<20), "peak-MiB")
	b.ReportMetric(float64(w.n)/(1<<20)/time.Since(start).Seconds()*float64(b.N)/float64(b.N), "MB/s")
	b.ReportMetric(float64(max(n.Events, n.Edges)), "rows")
}
