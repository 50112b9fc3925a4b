package embedded

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/graph/graphtest"
)

// TestRelationsAgreeWithAggregate holds the store's own derivation and paging of relations to
// graph.Aggregate over every claim, for a generated corpus and filters of every kind.
func TestRelationsAgreeWithAggregate(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, t.TempDir())
	defer s.Close()
	batch := graphtest.Generated(300, 11)
	if err := s.Save(ctx, batch); err != nil {
		t.Fatal(err)
	}
	var claims []graph.Claim
	for _, x := range batch {
		claims = append(claims, x.Claims...)
	}
	since := time.Date(2023, 9, 1, 0, 0, 0, 0, time.UTC)
	until := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	for _, f := range []graph.RelationFilter{
		{},
		{Types: []graph.RelationType{graph.Support, graph.Assault}},
		{Types: []graph.RelationType{graph.Affiliation}},
		{Quad: graph.VerbalConflict},
		{Since: &since},
		{Until: &until},
		{Since: &since, Until: &until, MinConfidence: 0.6},
		{MinConfidence: 0.95},
	} {
		want := graph.Aggregate(claims, f)
		for _, size := range []int{7, 100, graph.MaxPageSize} {
			var got []graph.Relation
			q := graph.RelationQuery{Filter: f, Page: graph.Page{First: size}}
			for {
				page, err := s.Relations(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				if page.Total != len(want) {
					t.Fatalf("filter %+v, pages of %d: Total %d, want %d", f, size, page.Total, len(want))
				}
				got = append(got, page.Relations...)
				if !page.HasNext {
					break
				}
				q.After = page.EndCursor
			}
			if len(want) == 0 && len(got) == 0 {
				continue
			}
			if !sameRelations(got, want) {
				t.Errorf("filter %+v, pages of %d: relations differ from graph.Aggregate\n%s", f, size, firstDifference(got, want))
			}
		}
	}
}

func firstDifference(got, want []graph.Relation) string {
	for i := range min(len(got), len(want)) {
		if !reflect.DeepEqual(got[i], want[i]) {
			return fmt.Sprintf("at %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
	return fmt.Sprintf("got %d relations, want %d", len(got), len(want))
}

func TestTopRelationsMatchesSortRelations(t *testing.T) {
	var all []graph.Relation
	for i := range 200 {
		all = append(all, graph.Relation{Source: fmt.Sprintf("S%02d", i%13), Type: graph.Types[i%17].Type,
			Target: fmt.Sprintf("T%03d", i), Count: i % 5})
	}
	want := append([]graph.Relation(nil), all...)
	graph.SortRelations(want)
	for _, n := range []int{0, 1, 5, 24, 25, 26, 199, 200, 300} {
		top := topRelations{n: n}
		for _, r := range all {
			top.add(r)
		}
		got := top.sorted()
		if w := want[:min(n, len(want))]; len(got) != len(w) || (len(w) > 0 && !reflect.DeepEqual(got, w)) {
			t.Errorf("topRelations(%d): %s", n, firstDifference(got, w))
		}
	}
}

// sameRelations compares relations as the conformance suite does: scores within 1e-9, for the
// store multiplies the misses of a relation's claims in another order than graph.Aggregate.
func sameRelations(got, want []graph.Relation) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		g, w := got[i], want[i]
		if math.Abs(g.Score-w.Score) > 1e-9 {
			return false
		}
		g.Score = w.Score
		if !reflect.DeepEqual(g, w) {
			return false
		}
	}
	return true
}
