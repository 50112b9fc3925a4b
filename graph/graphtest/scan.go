package graphtest

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/graph"
)

// byKey orders relations as graph.Scanner.EachRelation gives them: source, type, target.
func byKey(rs []graph.Relation) []graph.Relation {
	out := slices.Clone(rs)
	slices.SortFunc(out, func(a, b graph.Relation) int {
		return cmp.Or(strings.Compare(a.Source, b.Source), strings.Compare(string(a.Type), string(b.Type)),
			strings.Compare(a.Target, b.Target))
	})
	return out
}

// testScan checks graph.Scanner on the fixture and on the roll-up fixture: the same actors and
// relations as the paged queries, in id and key order; an error from fn stops the scan; fn may
// query the store.
func testScan(t *testing.T, s graph.Store) {
	ctx := context.Background()
	mustSave(t, s, Fixture())
	mustSave(t, s, rollupFixture())

	var ids []string
	if err := s.EachActor(ctx, func(a graph.Actor) error {
		ids = append(ids, a.ID)
		// fn may call the store; the embedded store must not hold its lock meanwhile.
		if _, err := s.Actor(ctx, a.ID); err != nil {
			t.Errorf("Actor(%q) from EachActor: %v", a.ID, err)
		}
		return nil
	}); err != nil {
		t.Fatalf("EachActor: %v", err)
	}
	all, err := s.Actors(ctx, graph.ActorQuery{Page: graph.Page{First: graph.MaxPageSize}})
	if err != nil {
		t.Fatalf("Actors: %v", err)
	}
	want := actorIDs(all.Actors)
	slices.Sort(want)
	if !slices.Equal(ids, want) || len(ids) != all.Total {
		t.Errorf("EachActor gave %q, want every actor by id: %q", ids, want)
	}

	since := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	for name, f := range map[string]graph.RelationFilter{
		"no filter":                  {},
		"every type":                 everyType(),
		"since, confidence and quad": {Since: &since, MinConfidence: 0.6, Quad: graph.MaterialConflict},
		"roll-up":                    {Rollup: true},
		"roll-up of support":         {Rollup: true, Types: []graph.RelationType{graph.Support}},
	} {
		page, err := s.Relations(ctx, graph.RelationQuery{Filter: f, Page: graph.Page{First: graph.MaxPageSize}})
		if err != nil {
			t.Fatalf("Relations(%s): %v", name, err)
		}
		var got []graph.Relation
		err = s.EachRelation(ctx, f, func(r graph.Relation) error {
			got = append(got, r)
			_, err := s.Evidence(ctx, []graph.RelationKey{r.Key()}, f, graph.Page{})
			return err
		})
		if err != nil {
			t.Fatalf("EachRelation(%s): %v", name, err)
		}
		if len(got) == 0 {
			t.Errorf("EachRelation(%s) gave nothing", name)
		}
		checkRelations(t, "EachRelation("+name+")", got, byKey(page.Relations))
	}

	stop := errors.New("enough")
	n := 0
	err = s.EachRelation(ctx, graph.RelationFilter{}, func(graph.Relation) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("EachRelation after fn failed: %d calls, %v; want 1 call and fn's error", n, err)
	}
	n = 0
	err = s.EachActor(ctx, func(graph.Actor) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("EachActor after fn failed: %d calls, %v; want 1 call and fn's error", n, err)
	}
	bad := graph.RelationFilter{Quad: "SIDEWAYS"}
	if err := s.EachRelation(ctx, bad, func(graph.Relation) error { return nil }); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("EachRelation with an unknown quad: %v, want ErrInvalid", err)
	}
}
