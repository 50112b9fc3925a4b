package neo4j

import (
	"context"
	"math"
	"slices"
	"testing"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/graph/synth"
	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// TestTopRelationsPageAsTheFullSort checks, on a synthetic corpus with many relations of equal
// count, that paging through the whole graph's relations (answered from the count indexes),
// forward and backward, gives every relation once, in the order of a sort of them all.
func TestTopRelationsPageAsTheFullSort(t *testing.T) {
	s := openEmpty(t)
	ctx := context.Background()
	corpus := synth.Corpus{Actors: 120, Claims: 3000, Seed: 7}
	saveCorpus(t, s, corpus)
	for _, f := range []graph.RelationFilter{{}, {Types: []graph.RelationType{graph.Consult, graph.Assault}}} {
		want, err := read(ctx, s, func(tx driver.ManagedTransaction) ([]graph.Relation, error) {
			rels, _, err := relations(ctx, tx, scope{}, f) // all of them: the plain sort
			return rels, err
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(want) < 200 {
			t.Fatalf("filter %v: only %d relations; the corpus should have more", f, len(want))
		}
		var got []graph.Relation
		for _, size := range []int{23, -50} { // negative: backward
			got = got[:0]
			page := graph.Page{First: size}
			if size < 0 {
				page = graph.Page{Last: -size}
			}
			for {
				p, err := s.Relations(ctx, graph.RelationQuery{Filter: f, Page: page})
				if err != nil {
					t.Fatal(err)
				}
				if p.Total != len(want) {
					t.Fatalf("filter %v: total %d, want %d", f, p.Total, len(want))
				}
				if size > 0 {
					got = append(got, p.Relations...)
					if !p.HasNext || len(got) > len(want) {
						break
					}
					page.After = p.EndCursor
					continue
				}
				got = append(slices.Clone(p.Relations), got...)
				if !p.HasPrev || len(got) > len(want) {
					break
				}
				page.Before = graph.RelationCursor(p.Relations[0])
			}
			if len(got) != len(want) {
				t.Fatalf("filter %v, pages of %d: %d relations, want %d", f, size, len(got), len(want))
			}
			for i, r := range got {
				w := want[i]
				if r.Key() != w.Key() || r.Count != w.Count || math.Abs(r.Score-w.Score) > 1e-9 ||
					!r.FirstSeen.Equal(w.FirstSeen) || !r.LastSeen.Equal(w.LastSeen) {
					t.Fatalf("filter %v, pages of %d: relation %d is %+v, want %+v", f, size, i, r, w)
				}
			}
		}
	}
}
