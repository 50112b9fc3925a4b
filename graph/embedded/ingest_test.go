package embedded

import (
	"context"
	"testing"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/graph/synth"
)

// BenchmarkIngest saves a synthetic corpus of 50,000 claims in batches of 1000 articles, as
// `dyad bench store` does, and reports claims per second.
func BenchmarkIngest(b *testing.B) {
	ctx := context.Background()
	corpus := synth.Corpus{Actors: 5000, Claims: 50000, Seed: 1}
	var all []graph.Extraction
	if err := corpus.Each(ctx, func(x graph.Extraction) error { all = append(all, x); return nil }); err != nil {
		b.Fatal(err)
	}
	claims := 0
	for _, x := range all {
		claims += len(x.Claims)
	}
	for b.Loop() {
		b.StopTimer()
		s := openStore(b, b.TempDir())
		b.StartTimer()
		for i := 0; i < len(all); i += 1000 {
			if err := s.Save(ctx, all[i:min(i+1000, len(all))]); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(claims*b.N)/b.Elapsed().Seconds(), "claims/s")
}
