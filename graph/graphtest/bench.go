package graphtest

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/graph"
)

// BenchArticles is the size of the batch that Bench saves.
const BenchArticles = 500

// Generated returns a synthetic, deterministic corpus of the given number of articles, for
// benchmarks and load tests. Each article names between one and nine claims among a pool of
// actors of half as many as the articles (at least 40), drawn with a skew so that a few
// actors take part in many claims, as the great powers do in the news. About one claim in twenty
// is negated and one in fifty is an AFFILIATION. Claim times are whole seconds within 2023-2024.
func Generated(articles int, seed uint64) []graph.Extraction {
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	nActors := max(40, articles/2)
	actors := make([]graph.Actor, nActors)
	for i := range actors {
		kind := graph.ActorKinds[i%len(graph.ActorKinds)]
		actors[i] = graph.Actor{ID: fmt.Sprintf("gen/%05d", i), Name: fmt.Sprintf("Actor %d %s", i, kind),
			Kind: kind, Aliases: []string{"Alias " + strconv.Itoa(i)}}
	}
	// pick favours low indexes: the square of a uniform draw crowds towards 0.
	pick := func() int { f := rng.Float64(); return int(f * f * float64(nActors)) }
	var plover []graph.RelationType
	for _, i := range graph.Types {
		if i.Type != graph.Affiliation {
			plover = append(plover, i.Type)
		}
	}
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	out := make([]graph.Extraction, articles)
	for a := range out {
		published := start.Add(time.Duration(rng.IntN(2*365*24*3600)) * time.Second)
		x := graph.Extraction{Article: graph.Article{ID: fmt.Sprintf("gen-article-%06d", a),
			URL: fmt.Sprintf("https://bench.example/%d", a), Title: fmt.Sprintf("Generated article %d", a),
			Source: "bench", Published: published}}
		named := map[int]bool{}
		offset := 0
		for range 1 + rng.IntN(9) {
			src, tgt := pick(), pick()
			if tgt == src {
				tgt = (src + 1 + rng.IntN(nActors-1)) % nActors
			}
			typ := plover[rng.IntN(len(plover))]
			if rng.IntN(50) == 0 {
				typ = graph.Affiliation
			}
			sentence := fmt.Sprintf("%s did something of type %s to %s, a generated sentence said.",
				actors[src].Name, typ, actors[tgt].Name)
			x.Claims = append(x.Claims, graph.Claim{ArticleID: x.Article.ID, Source: actors[src].ID,
				Target: actors[tgt].ID, Type: typ, CAMEO: typ.CAMEO(), Predicate: "did " + string(typ),
				Sentence: sentence, Start: offset, End: offset + len(sentence),
				Confidence: float64(30+rng.IntN(71)) / 100, Negated: rng.IntN(20) == 0,
				Modality: graph.Asserted, Time: published.Add(-time.Duration(rng.IntN(72)) * time.Hour),
				Extractor: "bench", ExtractorVers: "0"})
			offset += len(sentence) + 1
			named[src], named[tgt] = true, true
		}
		for _, i := range slices.Sorted(maps.Keys(named)) {
			a := actors[i]
			a.Aliases = append([]string(nil), a.Aliases...)
			x.Actors = append(x.Actors, a)
		}
		out[a] = x
	}
	return out
}

// Bench measures a store in one run, so that its figures can be read as ratios: saving
// BenchArticles generated articles in one Save against one Save per article, and a 2-hop
// neighbourhood of a busy actor and of a quiet one in the saved graph. open must return a fresh,
// empty store each time; Bench closes each store before it opens the next.
func Bench(b *testing.B, open func(b *testing.B) graph.Store) {
	batch := Generated(BenchArticles, 1)
	claims := 0
	for _, x := range batch {
		claims += len(x.Claims)
	}
	ctx := context.Background()

	save := func(b *testing.B, perArticle bool) {
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			s := open(b)
			b.StartTimer()
			if perArticle {
				for _, x := range batch {
					if err := s.Save(ctx, []graph.Extraction{x}); err != nil {
						b.Fatal(err)
					}
				}
			} else if err := s.Save(ctx, batch); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			if err := s.Close(); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
		}
		secs := b.Elapsed().Seconds()
		b.ReportMetric(float64(BenchArticles*b.N)/secs, "articles/s")
		b.ReportMetric(float64(claims*b.N)/secs, "claims/s")
	}
	b.Run(fmt.Sprintf("Save/batched/articles=%d", BenchArticles), func(b *testing.B) { save(b, false) })
	b.Run(fmt.Sprintf("Save/per-article/articles=%d", BenchArticles), func(b *testing.B) { save(b, true) })

	b.Run("Neighborhood/hops=2", func(b *testing.B) {
		s := open(b)
		defer s.Close()
		if err := s.Save(ctx, batch); err != nil {
			b.Fatal(err)
		}
		busiest, quietest := busiestAndQuietest(batch)
		for _, centre := range []struct{ name, id string }{{"busiest", busiest}, {"quietest", quietest}} {
			b.Run(centre.name, func(b *testing.B) {
				var actors, relations int
				for b.Loop() {
					sg, err := s.Neighborhood(ctx, centre.id, 2, graph.RelationFilter{}, 0)
					if err != nil {
						b.Fatal(err)
					}
					actors, relations = len(sg.Actors), len(sg.Relations)
				}
				b.ReportMetric(float64(actors), "actors")
				b.ReportMetric(float64(relations), "relations")
			})
		}
	})
}

// busiestAndQuietest returns the actors named in the most and in the fewest claims, the first by
// id among equals.
func busiestAndQuietest(batch []graph.Extraction) (busiest, quietest string) {
	claims := map[string]int{}
	for _, x := range batch {
		for _, c := range x.Claims {
			claims[c.Source]++
			claims[c.Target]++
		}
	}
	for _, id := range slices.Sorted(maps.Keys(claims)) {
		if busiest == "" || claims[id] > claims[busiest] {
			busiest = id
		}
		if quietest == "" || claims[id] < claims[quietest] {
			quietest = id
		}
	}
	return busiest, quietest
}
