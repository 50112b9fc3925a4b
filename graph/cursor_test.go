package graph_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/graph"
)

// Page.Cut walks a sorted list once, forward and backward, from cursors made of its items.
func TestCutWalksAListOnce(t *testing.T) {
	claims := make([]graph.Claim, 7)
	for i := range claims {
		claims[i] = graph.Claim{ID: string(rune('a' + i)), Time: time.Date(2024, 1, 1+i/2, 0, 0, 0, 0, time.UTC)}
	}
	walk := func(p graph.Page) []string {
		var seen []string
		for range len(claims) + 1 {
			mark, ok, err := p.ClaimMark()
			if err != nil {
				t.Fatal(err)
			}
			b := p.Cut(len(claims), ok, func(i int) int { return graph.ClaimMarkOf(claims[i]).Compare(mark) })
			var ids []string
			for _, c := range claims[b.Lo:b.Hi] {
				ids = append(ids, c.ID)
			}
			if p.Backward() {
				seen = append(ids, seen...)
				if !b.HasPrev {
					return seen
				}
				p.Before = graph.EvidenceCursor(claims[b.Lo])
			} else {
				seen = append(seen, ids...)
				if !b.HasNext {
					return seen
				}
				p.After = graph.EvidenceCursor(claims[b.Hi-1])
			}
		}
		t.Fatalf("the walk from %+v does not end", p)
		return nil
	}
	want := []string{"a", "b", "c", "d", "e", "f", "g"}
	if got := walk(graph.Page{First: 3}); !slices.Equal(got, want) {
		t.Errorf("forward: %v, want %v", got, want)
	}
	if got := walk(graph.Page{Last: 3}); !slices.Equal(got, want) {
		t.Errorf("backward: %v, want %v", got, want)
	}
}

// A cursor holds its item's sort key, whatever the item's time zone, and reads back as it.
func TestCursorsHoldTheSortKey(t *testing.T) {
	r := graph.Relation{Source: "RUS", Type: graph.Assault, Target: "UKR", Count: 4}
	if m, ok, err := (graph.Page{After: graph.RelationCursor(r)}).RelationMark(); err != nil || !ok || m != graph.MarkOf(r) {
		t.Errorf("relation cursor reads back as %+v, %v, %v; want %+v", m, ok, err, graph.MarkOf(r))
	}
	a := graph.Actor{ID: "UKR", Name: "Ukraine"}
	for _, search := range []string{"", "ukr", " Ukraine "} {
		want := graph.ActorMarkOf(a, search)
		if m, ok, err := (graph.Page{Before: graph.ActorCursor(a, search)}).ActorMark(search); err != nil || !ok || m != want {
			t.Errorf("actor cursor (search %q) reads back as %+v, %v, %v; want %+v", search, m, ok, err, want)
		}
	}
	kyiv := time.FixedZone("Kyiv", 2*3600)
	for _, when := range []time.Time{{}, time.Date(2024, 2, 24, 5, 0, 0, 123456789, kyiv)} {
		c := graph.Claim{ID: "c1", Time: when}
		m, ok, err := (graph.Page{After: graph.EvidenceCursor(c)}).ClaimMark()
		if err != nil || !ok || m.Compare(graph.ClaimMarkOf(c)) != 0 || !m.Time.Equal(when) {
			t.Errorf("claim cursor at %s reads back as %+v, %v, %v", when, m, ok, err)
		}
	}
	if _, ok, err := (graph.Page{}).RelationMark(); ok || err != nil {
		t.Errorf("a page without a cursor has a mark: %v, %v", ok, err)
	}
}

func TestPageRejectsForeignCursors(t *testing.T) {
	for _, p := range []graph.Page{
		{After: "not-a-cursor"},
		{After: graph.ActorCursor(graph.Actor{ID: "x"}, "")},
		{Before: graph.EvidenceCursor(graph.Claim{ID: "x"})},
		{First: 1, Last: 1},
	} {
		if _, _, err := p.RelationMark(); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("RelationMark of %+v: %v, want ErrInvalid", p, err)
		}
	}
}
