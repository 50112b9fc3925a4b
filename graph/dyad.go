package graph

import (
	"context"
	"slices"
)

// Dyad is what two actors do to each other: the relations each way that pass a filter, and the
// claims behind them counted by type.
type Dyad struct {
	A, B       Actor
	AToB, BToA []Relation   // in Relations' order
	Types      []DyadCounts // one per type with a relation either way, in the order of Types
}

// DyadCounts counts one relation type's claims each way between the two actors of a Dyad.
type DyadCounts struct {
	Type       RelationType
	AToB, BToA int
}

// DyadOf answers a Dyad from any store in two calls (ActorsByID and one page of Relations): the
// relations between two actors number at most two per type. It reports ErrNotFound if either
// actor does not exist, and ErrInvalid if a and b are the same actor.
func DyadOf(ctx context.Context, s Store, a, b string, f RelationFilter) (Dyad, error) {
	if a == b {
		return Dyad{}, Errorf(ErrInvalid, "a dyad needs two actors; %q was given twice", a)
	}
	if err := f.Validate(); err != nil {
		return Dyad{}, err
	}
	actors, err := s.ActorsByID(ctx, []string{a, b})
	if err != nil {
		return Dyad{}, err
	}
	for _, id := range []string{a, b} {
		if _, ok := actors[id]; !ok {
			return Dyad{}, Errorf(ErrNotFound, "actor %q", id)
		}
	}
	// Between also holds each actor's relations to itself: 4 per type at most, within a page.
	page, err := s.Relations(ctx, RelationQuery{Between: []string{a, b}, Filter: f, Page: Page{First: MaxPageSize}})
	if err != nil {
		return Dyad{}, err
	}
	out := Dyad{A: actors[a], B: actors[b]}
	counts := map[RelationType]*DyadCounts{}
	for _, r := range page.Relations {
		var n *int
		switch {
		case r.Source == a && r.Target == b:
			out.AToB = append(out.AToB, r)
		case r.Source == b && r.Target == a:
			out.BToA = append(out.BToA, r)
		default:
			continue
		}
		c := counts[r.Type]
		if c == nil {
			c = &DyadCounts{Type: r.Type}
			counts[r.Type] = c
		}
		if r.Source == a {
			n = &c.AToB
		} else {
			n = &c.BToA
		}
		*n += r.Count
	}
	for _, info := range Types {
		if c := counts[info.Type]; c != nil {
			out.Types = append(out.Types, *c)
		}
	}
	out.AToB, out.BToA = slices.Clip(out.AToB), slices.Clip(out.BToA)
	return out, nil
}
