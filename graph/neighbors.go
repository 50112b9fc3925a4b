package graph

import (
	"cmp"
	"slices"
)

// NeighborRank says how Store.Neighbors ranks an actor's neighbours.
type NeighborRank string

// The ways to rank neighbours.
const (
	// RankByCount ranks by the claims of the relations between the neighbour and the centre,
	// both directions and every type that passes the filter summed.
	RankByCount NeighborRank = "COUNT"
	// RankByScore ranks by the highest score among those relations.
	RankByScore NeighborRank = "SCORE"
)

// Valid reports whether r is a known rank ("" is not).
func (r NeighborRank) Valid() bool { return r == RankByCount || r == RankByScore }

// Neighbour limits.
const (
	DefaultNeighbors = 50 // the default cap on the neighbours Neighbors returns
)

// NeighborQuery asks for an actor's strongest neighbours: those joined to it by a relation that
// passes Filter, in either direction, ranked by Rank, at most Limit of them (<= 0 means
// DefaultNeighbors; clamped to MaxLimit).
//
// Without Among the answer is a star: only the relations between the centre and the neighbours
// kept. With Among it also holds the relations that pass the filter between two neighbours kept.
type NeighborQuery struct {
	Actor  string
	Filter RelationFilter
	Rank   NeighborRank // "" for RankByCount; another unknown rank is ErrInvalid
	Limit  int
	Among  bool
}

// Neighbor is one neighbour with the weight it was ranked by.
type Neighbor struct {
	Actor Actor
	Count int     // the claims of the passing relations between it and the centre, summed
	Score float64 // the highest score among those relations
}

// Neighbors is an actor's ranked neighbourhood.
type Neighbors struct {
	Center    Actor
	Neighbors []Neighbor // best first (highest count or score), then by id
	// Relations are those between the centre and the neighbours kept, and with Among those
	// among the neighbours kept, in Relations' order.
	Relations []Relation
	Total     int  // the neighbours in all, before the cut
	Truncated bool // whether Total > len(Neighbors)
	// CenterRelations counts the relations between the centre and all its neighbours, kept or
	// not (self-relations of the centre excluded).
	CenterRelations int
}

// RankedNeighbor is a neighbour id with its weight, as RankNeighbors returns them.
type RankedNeighbor struct {
	ID    string
	Count int
	Score float64
}

// RankNeighbors ranks the neighbours of center found in rels (relations with center at one end;
// others and self-relations are ignored) by rank, and returns the first limit of them, how many
// there are in all, and how many of rels join center to a neighbour. Stores share it, so that
// every store ranks alike.
func RankNeighbors(center string, rels []Relation, rank NeighborRank, limit int) (kept []RankedNeighbor, total, centerRelations int) {
	at := map[string]int{}
	var all []RankedNeighbor
	for _, r := range rels {
		var other string
		switch {
		case r.Source == r.Target:
			continue
		case r.Source == center:
			other = r.Target
		case r.Target == center:
			other = r.Source
		default:
			continue
		}
		centerRelations++
		i, ok := at[other]
		if !ok {
			i = len(all)
			at[other] = i
			all = append(all, RankedNeighbor{ID: other})
		}
		all[i].Count += r.Count
		all[i].Score = max(all[i].Score, r.Score)
	}
	slices.SortFunc(all, func(a, b RankedNeighbor) int {
		if rank == RankByScore {
			if c := cmp.Compare(b.Score, a.Score); c != 0 {
				return c
			}
			if c := cmp.Compare(b.Count, a.Count); c != 0 {
				return c
			}
		} else {
			if c := cmp.Compare(b.Count, a.Count); c != 0 {
				return c
			}
			if c := cmp.Compare(b.Score, a.Score); c != 0 {
				return c
			}
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return all[:min(len(all), limit)], len(all), centerRelations
}

// ClampNeighbors is the number of neighbours a NeighborQuery's Limit asks for.
func ClampNeighbors(limit int) int {
	if limit <= 0 {
		return DefaultNeighbors
	}
	return min(limit, MaxLimit)
}

// CheckNeighborQuery reports ErrInvalid for an unknown rank or a bad filter, and returns the
// query with its rank defaulted and its limit clamped.
func CheckNeighborQuery(q NeighborQuery) (NeighborQuery, error) {
	if q.Rank == "" {
		q.Rank = RankByCount
	}
	if !q.Rank.Valid() {
		return q, Errorf(ErrInvalid, "unknown neighbour rank %q", q.Rank)
	}
	if err := q.Filter.Validate(); err != nil {
		return q, err
	}
	q.Limit = ClampNeighbors(q.Limit)
	return q, nil
}

// AssembleNeighbors builds the answer from the centre, its ranked neighbours, their actors and
// the relations to keep (those of the centre, and with among those among the neighbours); it
// keeps only the relations between the centre and a neighbour kept, or between two neighbours
// kept when among is set, in Relations' order.
func AssembleNeighbors(center Actor, kept []RankedNeighbor, total, centerRelations int, actors map[string]Actor, rels []Relation, among bool) Neighbors {
	out := Neighbors{Center: center, Total: total, Truncated: total > len(kept), CenterRelations: centerRelations,
		Neighbors: make([]Neighbor, 0, len(kept))}
	in := map[string]bool{}
	for _, k := range kept {
		in[k.ID] = true
		out.Neighbors = append(out.Neighbors, Neighbor{Actor: actors[k.ID], Count: k.Count, Score: k.Score})
	}
	for _, r := range rels {
		star := r.Source == center.ID && in[r.Target] || r.Target == center.ID && in[r.Source]
		if star || among && in[r.Source] && in[r.Target] {
			out.Relations = append(out.Relations, r)
		}
	}
	SortRelations(out.Relations)
	out.Relations = slices.CompactFunc(out.Relations, func(a, b Relation) bool { return a.Key() == b.Key() })
	return out
}
