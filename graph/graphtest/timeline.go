package graphtest

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/graph"
)

// day is midnight UTC of a date, a bucket's start.
func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// bucket builds an expected timeline bucket; the totals and Goldstein sums follow from the types.
func bucket(start time.Time, types ...graph.DyadCounts) graph.TimelineBucket {
	b := graph.TimelineBucket{Start: start, Types: types}
	for _, c := range types {
		info, _ := c.Type.Info()
		b.AToB += c.AToB
		b.BToA += c.BToA
		b.GoldsteinAToB += float64(c.AToB) * info.Cooperation
		b.GoldsteinBToA += float64(c.BToA) * info.Cooperation
	}
	return b
}

func formatBuckets(bs []graph.TimelineBucket) string {
	var out []string
	for _, b := range bs {
		out = append(out, fmt.Sprintf("%s %v a>b %d (%.2f) b>a %d (%.2f)", b.Start.UTC().Format(time.DateOnly), b.Types,
			b.AToB, b.GoldsteinAToB, b.BToA, b.GoldsteinBToA))
	}
	return "[" + strings.Join(out, "; ") + "]"
}

// checkTimeline reports a difference between a timeline's buckets and the expected ones.
func checkTimeline(t testing.TB, what string, got graph.Timeline, want []graph.TimelineBucket) {
	t.Helper()
	same := slices.EqualFunc(got.Buckets, want, func(a, b graph.TimelineBucket) bool {
		return a.Start.Equal(b.Start) && a.Start.Location() == time.UTC && slices.Equal(a.Types, b.Types) &&
			a.AToB == b.AToB && a.BToA == b.BToA && math.Abs(a.GoldsteinAToB-b.GoldsteinAToB) <= scoreTolerance &&
			math.Abs(a.GoldsteinBToA-b.GoldsteinBToA) <= scoreTolerance
	})
	if !same {
		t.Errorf("%s: buckets\n  %s\nwant\n  %s", what, formatBuckets(got.Buckets), formatBuckets(want))
	}
}

// testTimeline checks Store.Timeline on the fixture: buckets of each interval, both directions,
// several types in a bucket, Goldstein sums, filters, negated claims and errors.
func testTimeline(t *testing.T, s graph.Store) {
	ctx := context.Background()
	assault := func(aToB, bToA int) graph.DyadCounts {
		return graph.DyadCounts{Type: graph.Assault, AToB: aToB, BToA: bToA}
	}
	support := func(aToB, bToA int) graph.DyadCounts {
		return graph.DyadCounts{Type: graph.Support, AToB: aToB, BToA: bToA}
	}
	for _, tc := range []struct {
		name string
		q    graph.TimelineQuery
		want []graph.TimelineBucket
	}{
		// c3, c17 and c18; c8 is negated.
		{"Russia and Ukraine by month", graph.TimelineQuery{A: rus, B: ukr, Interval: graph.Month},
			[]graph.TimelineBucket{bucket(day(2024, 2, 1), assault(1, 0)), bucket(day(2024, 5, 1), assault(2, 0))}},
		{"the interval defaults to months", graph.TimelineQuery{A: rus, B: ukr},
			[]graph.TimelineBucket{bucket(day(2024, 2, 1), assault(1, 0)), bucket(day(2024, 5, 1), assault(2, 0))}},
		{"Russia and Ukraine by week, from Monday", graph.TimelineQuery{A: rus, B: ukr, Interval: graph.Week},
			[]graph.TimelineBucket{bucket(day(2024, 2, 5), assault(1, 0)), bucket(day(2024, 5, 13), assault(1, 0)),
				bucket(day(2024, 5, 27), assault(1, 0))}},
		{"Ukraine and Russia by day", graph.TimelineQuery{A: ukr, B: rus, Interval: graph.Day},
			[]graph.TimelineBucket{bucket(day(2024, 2, 10), assault(0, 1)), bucket(day(2024, 5, 15), assault(0, 1)),
				bucket(day(2024, 5, 30), assault(0, 1))}},
		{"both ways", graph.TimelineQuery{A: usa, B: houthis, Interval: graph.Month},
			[]graph.TimelineBucket{bucket(day(2024, 4, 1), assault(1, 1))}},
		{"two types in one bucket, in the order of the types", graph.TimelineQuery{A: houthis, B: irn, Interval: graph.Week},
			[]graph.TimelineBucket{bucket(day(2024, 4, 15), support(0, 1), graph.DyadCounts{Type: graph.Aid, BToA: 1})}},
		{"since March", graph.TimelineQuery{A: ukr, B: usa, Filter: graph.RelationFilter{Since: timePtr(day(2024, 3, 1))}},
			[]graph.TimelineBucket{bucket(day(2024, 3, 1), support(0, 1)), bucket(day(2024, 6, 1), support(0, 1))}},
		{"at least 0.7 confident", graph.TimelineQuery{A: ukr, B: usa, Filter: graph.RelationFilter{MinConfidence: 0.7}},
			[]graph.TimelineBucket{bucket(day(2024, 2, 1), support(0, 1))}},
		{"filtered out", graph.TimelineQuery{A: ukr, B: usa, Filter: graph.RelationFilter{Quad: graph.MaterialConflict}}, nil},
		{"a negated claim only", graph.TimelineQuery{A: irn, B: usa}, nil},
		{"affiliation only when asked", graph.TimelineQuery{A: stoltenberg, B: nato}, nil},
		{"affiliation asked", graph.TimelineQuery{A: stoltenberg, B: nato, Filter: graph.RelationFilter{Types: []graph.RelationType{graph.Affiliation}}},
			[]graph.TimelineBucket{bucket(day(2024, 2, 1), graph.DyadCounts{Type: graph.Affiliation, AToB: 1})}},
		{"two actors without claims", graph.TimelineQuery{A: can, B: gbr}, nil},
	} {
		got, err := s.Timeline(ctx, tc.q)
		if err != nil {
			t.Errorf("Timeline %s: %v", tc.name, err)
			continue
		}
		if got.A.ID != tc.q.A || got.B.ID != tc.q.B || got.Interval != cmp.Or(tc.q.Interval, graph.Month) {
			t.Errorf("Timeline %s: actors %q and %q, interval %q", tc.name, got.A.ID, got.B.ID, got.Interval)
		}
		checkTimeline(t, "Timeline "+tc.name, got, tc.want)
	}
	got, err := s.Timeline(ctx, graph.TimelineQuery{A: stoltenberg, B: nato})
	if err != nil || !sameActor(got.A, actorStoltenberg()) || !sameActor(got.B, mergedNATO()) {
		t.Errorf("Timeline of Stoltenberg and NATO: actors %+v and %+v, %v", got.A, got.B, err)
	}

	for _, tc := range []struct {
		name string
		q    graph.TimelineQuery
		want error
	}{
		{"an actor with itself", graph.TimelineQuery{A: ukr, B: ukr}, graph.ErrInvalid},
		{"an unknown interval", graph.TimelineQuery{A: ukr, B: rus, Interval: "YEAR"}, graph.ErrInvalid},
		{"an unknown type", graph.TimelineQuery{A: ukr, B: rus, Filter: graph.RelationFilter{Types: []graph.RelationType{"HUGS"}}}, graph.ErrInvalid},
		{"an unknown actor", graph.TimelineQuery{A: ukr, B: "nobody"}, graph.ErrNotFound},
		{"an unknown first actor", graph.TimelineQuery{A: "nobody", B: ukr}, graph.ErrNotFound},
	} {
		if _, err := s.Timeline(ctx, tc.q); !errors.Is(err, tc.want) {
			t.Errorf("Timeline with %s: err = %v, want %v", tc.name, err, tc.want)
		}
	}
}

// testTimelineRollup checks that a timeline counts a state's government's and military's claims
// as the state's with roll-up, and leaves undated claims out.
func testTimelineRollup(t *testing.T, s graph.Store) {
	ctx := context.Background()
	mustSave(t, s, rollupFixture())
	undated := graph.Article{ID: "wire-undated-rollup", Title: "Kyiv and Washington talk"}
	mustSave(t, s, []graph.Extraction{{Article: undated, Claims: []graph.Claim{
		claim(undated, graph.Claim{Source: rollUKR, Target: rollUSA, Type: graph.Consult, Predicate: "talked to",
			SourceText: "Kyiv", TargetText: "Washington", Sentence: "Kyiv talked to Washington.", Confidence: 0.9}),
	}}})
	support := graph.DyadCounts{Type: graph.Support, AToB: 1}
	for _, tc := range []struct {
		name string
		q    graph.TimelineQuery
		want []graph.TimelineBucket
	}{
		{"Ukraine and the United States", graph.TimelineQuery{A: rollUKR, B: rollUSA},
			[]graph.TimelineBucket{bucket(day(2024, 3, 1), support)}},
		{"rolled up", graph.TimelineQuery{A: rollUKR, B: rollUSA, Filter: graph.RelationFilter{Rollup: true}},
			[]graph.TimelineBucket{bucket(day(2024, 2, 1), support), bucket(day(2024, 3, 1), support)}},
		{"Ukraine's military rolled up", graph.TimelineQuery{A: rollRUS, B: rollUKR, Filter: graph.RelationFilter{Rollup: true}},
			[]graph.TimelineBucket{bucket(day(2024, 2, 1), graph.DyadCounts{Type: graph.Assault, BToA: 1})}},
		{"Ukraine's military not rolled up", graph.TimelineQuery{A: rollRUS, B: rollUKR}, nil},
	} {
		got, err := s.Timeline(ctx, tc.q)
		if err != nil {
			t.Errorf("Timeline %s: %v", tc.name, err)
			continue
		}
		checkTimeline(t, "Timeline "+tc.name, got, tc.want)
	}
}
