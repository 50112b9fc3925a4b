package graph

import (
	"slices"
	"time"
)

// Interval is the width of a timeline's buckets.
type Interval string

// The intervals of a timeline. Buckets are in UTC.
const (
	Day   Interval = "DAY"
	Week  Interval = "WEEK" // ISO weeks, from Monday
	Month Interval = "MONTH"
)

// Valid reports whether i is a known interval ("" is not).
func (i Interval) Valid() bool { return i == Day || i == Week || i == Month }

// BucketStart returns the start, in UTC, of the bucket of the interval that holds t: midnight
// of its day, of the Monday of its ISO week, or of the first of its month.
func (i Interval) BucketStart(t time.Time) time.Time {
	t = t.UTC()
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	switch i {
	case Week:
		return day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7))
	case Month:
		return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	return day
}

// TimelineQuery asks what two actors did to each other over time: Store.Timeline.
type TimelineQuery struct {
	A, B     string
	Interval Interval // "" for Month
	Filter   RelationFilter
}

// Timeline is what two actors did to each other, bucket by bucket.
type Timeline struct {
	A, B     Actor
	Interval Interval
	Buckets  []TimelineBucket // the buckets with at least one claim, oldest first
}

// TimelineBucket counts the claims between the two actors of a Timeline in one bucket.
type TimelineBucket struct {
	Start      time.Time    // in UTC
	Types      []DyadCounts // one per type with a claim either way, in the order of Types
	AToB, BToA int          // the claims each way, all types
	// GoldsteinAToB and GoldsteinBToA sum each claim's type's Cooperation (Goldstein) value,
	// each way.
	GoldsteinAToB, GoldsteinBToA float64
}

// TimelineCount is what a store counts for a timeline: the claims of one type, one way, in the
// bucket that starts at Start.
type TimelineCount struct {
	Start time.Time
	Type  RelationType
	AToB  bool // from A to B, else from B to A
	Count int
}

// CheckTimelineQuery reports ErrInvalid for a and b the same actor, an unknown interval or a bad
// filter, and returns the query with its interval defaulted.
func CheckTimelineQuery(q TimelineQuery) (TimelineQuery, error) {
	if q.A == q.B {
		return q, Errorf(ErrInvalid, "a timeline needs two actors; %q was given twice", q.A)
	}
	if q.Interval == "" {
		q.Interval = Month
	}
	if !q.Interval.Valid() {
		return q, Errorf(ErrInvalid, "unknown interval %q", q.Interval)
	}
	return q, q.Filter.Validate()
}

// AssembleTimeline builds a Timeline from a store's counts (in any order; counts of the same
// bucket, type and way add up). Stores share it, so that every store sums alike.
func AssembleTimeline(a, b Actor, interval Interval, counts []TimelineCount) Timeline {
	out := Timeline{A: a, B: b, Interval: interval}
	type cell struct {
		start time.Time
		typ   RelationType
	}
	cells := map[cell]*DyadCounts{}
	var starts []time.Time
	for _, c := range counts {
		k := cell{c.Start.UTC(), c.Type}
		d := cells[k]
		if d == nil {
			d = &DyadCounts{Type: c.Type}
			cells[k] = d
			starts = append(starts, k.start)
		}
		if c.AToB {
			d.AToB += c.Count
		} else {
			d.BToA += c.Count
		}
	}
	slices.SortFunc(starts, func(x, y time.Time) int { return x.Compare(y) })
	starts = slices.CompactFunc(starts, time.Time.Equal)
	for _, start := range starts {
		bucket := TimelineBucket{Start: start}
		for _, info := range Types {
			d := cells[cell{start, info.Type}]
			if d == nil {
				continue
			}
			bucket.Types = append(bucket.Types, *d)
			bucket.AToB += d.AToB
			bucket.BToA += d.BToA
			bucket.GoldsteinAToB += float64(d.AToB) * info.Cooperation
			bucket.GoldsteinBToA += float64(d.BToA) * info.Cooperation
		}
		out.Buckets = append(out.Buckets, bucket)
	}
	return out
}

// CountTimeline counts claims for a timeline as a store without a query language does: the
// claims from A to B and those from B to A (those of the relation keys between the two, under
// roll-up of the rolled-up keys) that pass the filter and are dated, by bucket, type and way.
func CountTimeline(aToB, bToA []Claim, f RelationFilter, interval Interval) []TimelineCount {
	type key struct {
		start time.Time
		typ   RelationType
		aToB  bool
	}
	n := map[key]int{}
	var keys []key
	for _, way := range []struct {
		claims []Claim
		aToB   bool
	}{{aToB, true}, {bToA, false}} {
		for _, c := range way.claims {
			if c.Time.IsZero() || !f.Passes(c) {
				continue
			}
			k := key{interval.BucketStart(c.Time), c.Type, way.aToB}
			if n[k] == 0 {
				keys = append(keys, k)
			}
			n[k]++
		}
	}
	out := make([]TimelineCount, len(keys))
	for i, k := range keys {
		out[i] = TimelineCount{Start: k.start, Type: k.typ, AToB: k.aToB, Count: n[k]}
	}
	return out
}
