package neo4j

import (
	"context"
	"fmt"
	"testing"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/graph/graphtest"
)

// BenchmarkScan reads every actor and relation of a generated graph, as a whole-graph export
// does, at two sizes, and reports the peak heap above the start: the rows stream from Neo4j a
// batch at a time, so it should not grow with the graph.
// NEO4J_URI=... go test -run - -bench Scan -benchtime 1x ./graph/neo4j/
func BenchmarkScan(b *testing.B) {
	ctx := context.Background()
	var every graph.RelationFilter
	for _, i := range graph.Types {
		every.Types = append(every.Types, i.Type)
	}
	for _, articles := range []int{1000, 5000} {
		s := openEmpty(b)
		corpus := graphtest.Generated(articles, 1)
		claims := 0
		for i := 0; i < len(corpus); i += graphtest.BenchArticles {
			batch := corpus[i:min(i+graphtest.BenchArticles, len(corpus))]
			for _, x := range batch {
				claims += len(x.Claims)
			}
			if err := s.Save(ctx, batch); err != nil {
				b.Fatal(err)
			}
		}
		b.Run(fmt.Sprintf("%dk-claims", claims/1000), func(b *testing.B) {
			var extra uint64
			var actors, relations int
			for b.Loop() {
				actors, relations = 0, 0
				extra = max(extra, graphtest.PeakHeap(func() {
					err := s.EachActor(ctx, func(graph.Actor) error { actors++; return nil })
					if err == nil {
						err = s.EachRelation(ctx, every, func(graph.Relation) error { relations++; return nil })
					}
					if err != nil {
						b.Fatal(err)
					}
				}))
			}
			b.ReportMetric(float64(extra)/(1<<20), "peak-MiB")
			b.ReportMetric(float64(actors), "actors")
			b.ReportMetric(float64(relations), "relations")
		})
	}
}
