package export

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/dyadgraph/dyad/graph"
)

// Selection says what to export: the neighbourhood of Actor within Hops (at most Limit
// actors), or the Actors listed and the relations among them, or, when both are empty, the
// whole graph; in each case only the relations that pass Filter, with their counts, dates and
// scores computed over the claims that pass it (see graph.RelationFilter).
type Selection struct {
	Actor  string
	Hops   int // 0 to graph.MaxHops
	Limit  int // the most actors of a neighbourhood, as graph.ClampLimit clamps it
	Actors []string
	Filter graph.RelationFilter
}

// MaxActors is the most actors a list may name.
const MaxActors = graph.MaxLimit

// Validate reports graph.ErrInvalid for a selection that names both a centre and a list, hops
// out of range, a list that is too long, or a bad filter.
func (s Selection) Validate() error {
	switch {
	case s.Actor != "" && len(s.Actors) > 0:
		return graph.Errorf(graph.ErrInvalid, "choose an actor with hops or a list of actors, not both")
	case s.Hops < 0 || s.Hops > graph.MaxHops:
		return graph.Errorf(graph.ErrInvalid, "hops must be between 0 and %d, not %d", graph.MaxHops, s.Hops)
	case len(s.Actors) > MaxActors:
		return graph.Errorf(graph.ErrInvalid, "at most %d actors may be listed, not %d", MaxActors, len(s.Actors))
	case slices.Contains(s.Actors, ""):
		return graph.Errorf(graph.ErrInvalid, "an actor id in the list is empty")
	}
	return s.Filter.Validate()
}

// Whole reports whether the selection is the whole graph.
func (s Selection) Whole() bool { return s.Actor == "" && len(s.Actors) == 0 }

// Name describes the selection in a file name: "UKR-2hops", "3-actors" or "graph".
func (s Selection) Name() string {
	switch {
	case s.Actor != "":
		return fmt.Sprintf("%s-%dhops", safeName(s.Actor), s.Hops)
	case len(s.Actors) == 1:
		return safeName(s.Actors[0])
	case len(s.Actors) > 0:
		return fmt.Sprintf("%d-actors", len(s.Actors))
	}
	return "graph"
}

func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r == '.' || r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' {
			return r
		}
		return '_'
	}, s)
}

// selected is a resolved selection: what a format writes, read on demand.
type selected struct {
	store graph.Store
	sel   Selection
	// filter is the selection's, with every type named for a whole graph that names none, so
	// that a whole-graph export holds AFFILIATION too.
	filter graph.RelationFilter
	// For a neighbourhood or a list, the actors and relations, which graph.MaxLimit bounds;
	// nil for the whole graph, which streams.
	actors    []graph.Actor
	distance  map[string]int
	relations []graph.Relation
	truncated bool
}

// resolve looks the selection up. It reports graph.ErrNotFound for a centre or a listed actor
// that does not exist, and graph.ErrInvalid for a bad selection, before anything is written.
func resolve(ctx context.Context, store graph.Store, sel Selection) (*selected, error) {
	if err := sel.Validate(); err != nil {
		return nil, err
	}
	s := &selected{store: store, sel: sel, filter: sel.Filter}
	if sel.Whole() && len(sel.Filter.Types) == 0 {
		for _, t := range graph.Types {
			s.filter.Types = append(s.filter.Types, t.Type)
		}
	}
	switch {
	case sel.Actor != "":
		sg, err := store.Neighborhood(ctx, sel.Actor, sel.Hops, sel.Filter, sel.Limit)
		if err != nil {
			return nil, err
		}
		s.actors, s.distance, s.relations, s.truncated = sg.Actors, sg.Distance, sg.Relations, sg.Truncated
	case len(sel.Actors) > 0:
		ids := slices.Clone(sel.Actors)
		slices.Sort(ids)
		ids = slices.Compact(ids)
		found, err := store.ActorsByID(ctx, ids)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			a, ok := found[id]
			if !ok {
				return nil, graph.Errorf(graph.ErrNotFound, "actor %q", id)
			}
			s.actors = append(s.actors, a)
		}
		q := graph.RelationQuery{Between: ids, Filter: sel.Filter, Page: graph.Page{First: graph.MaxPageSize}}
		for {
			page, err := store.Relations(ctx, q)
			if err != nil {
				return nil, err
			}
			s.relations = append(s.relations, page.Relations...)
			if !page.HasNext {
				break
			}
			q.Page.After = page.EndCursor
		}
	default:
		return s, nil
	}
	slices.SortFunc(s.actors, func(a, b graph.Actor) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(s.relations, compareKeys)
	return s, nil
}

// compareKeys orders relations by source, type and target, as graph.Scanner does.
func compareKeys(a, b graph.Relation) int {
	return cmp.Or(strings.Compare(a.Source, b.Source), strings.Compare(string(a.Type), string(b.Type)),
		strings.Compare(a.Target, b.Target))
}

// eachActor calls fn with the selection's actors, ordered by id.
func (s *selected) eachActor(ctx context.Context, fn func(graph.Actor) error) error {
	if s.sel.Whole() {
		return s.store.EachActor(ctx, fn)
	}
	for _, a := range s.actors {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	return nil
}

// eachRelation calls fn with the selection's relations, ordered by key.
func (s *selected) eachRelation(ctx context.Context, fn func(graph.Relation) error) error {
	if s.sel.Whole() {
		return s.store.EachRelation(ctx, s.filter, fn)
	}
	for _, r := range s.relations {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

// evidenceBatch bounds the claims asked of the store at once when the events table reads the
// claims behind relations: keys are grouped until their counts reach it.
const evidenceBatch = 2000

// eachEvent calls fn with the claims behind the selection's relations, as Store.Evidence gives
// them (negated claims included), relation by relation in key order and, within a relation,
// by time and id; and with the actors each claim names. For the whole graph it calls fn with
// every stored claim that passes the filter, negated or not (see eachClaim), so that the claims
// of a pair whose claims are all negated, which make no relation, are there too.
func (s *selected) eachEvent(ctx context.Context, fn func(graph.RelationKey, graph.Evidence, map[string]graph.Actor) error) error {
	if s.sel.Whole() {
		return s.eachClaim(ctx, fn)
	}
	var keys []graph.RelationKey
	claims := 0
	flush := func() error {
		defer func() { keys, claims = keys[:0], 0 }()
		return s.events(ctx, keys, fn)
	}
	err := s.eachRelation(ctx, func(r graph.Relation) error {
		keys = append(keys, r.Key())
		if claims += r.Count; claims >= evidenceBatch || len(keys) >= graph.MaxPageSize {
			return flush()
		}
		return nil
	})
	if err != nil {
		return err
	}
	return flush()
}

// events gives fn the claims behind one batch of keys, paging through a key's claims when it
// has more than a page of them.
func (s *selected) events(ctx context.Context, keys []graph.RelationKey, fn func(graph.RelationKey, graph.Evidence, map[string]graph.Actor) error) error {
	if len(keys) == 0 {
		return nil
	}
	pages, err := s.store.Evidence(ctx, keys, s.filter, graph.Page{First: graph.MaxPageSize})
	if err != nil {
		return err
	}
	actors, err := s.actorsOf(ctx, pages)
	if err != nil {
		return err
	}
	for _, k := range keys {
		page := pages[k]
		for {
			for _, e := range page.Evidence {
				if err := fn(k, e, actors); err != nil {
					return err
				}
			}
			if !page.HasNext {
				break
			}
			more, err := s.store.Evidence(ctx, []graph.RelationKey{k}, s.filter, graph.Page{First: graph.MaxPageSize, After: page.EndCursor})
			if err != nil {
				return err
			}
			page = more[k]
			if actors, err = s.actorsOf(ctx, more); err != nil {
				return err
			}
		}
	}
	return nil
}

// actorsOf fetches, in one store call, the actors that the claims of some pages name.
func (s *selected) actorsOf(ctx context.Context, pages map[graph.RelationKey]graph.EvidencePage) (map[string]graph.Actor, error) {
	var ids []string
	for _, p := range pages {
		for _, e := range p.Evidence {
			ids = append(ids, e.Claim.Source, e.Claim.Target)
		}
	}
	slices.Sort(ids)
	return s.store.ActorsByID(ctx, slices.Compact(ids))
}

// eachClaim calls fn with every stored claim that passes the selection's filter but for its
// negation, article by article as Store.Articles lists them (newest first), and within an
// article by position; with the key of the relation each counts under (rolled up when the
// filter says so) and the actors it names.
func (s *selected) eachClaim(ctx context.Context, fn func(graph.RelationKey, graph.Evidence, map[string]graph.Actor) error) error {
	q := graph.ArticleQuery{Page: graph.Page{First: graph.MaxPageSize}}
	if len(s.sel.Filter.Types) > 0 {
		q.Types = s.filter.Types
	}
	for {
		page, err := s.store.Articles(ctx, q)
		if err != nil {
			return err
		}
		var ids []string
		for _, a := range page.Articles {
			for _, c := range a.Claims {
				ids = append(ids, c.Source, c.Target)
			}
		}
		actors, err := s.actorsWithStates(ctx, ids)
		if err != nil {
			return err
		}
		id := func(x string) string { return x }
		if s.filter.Rollup {
			id = func(x string) string {
				if r := graph.RollupID(actors[x]); r != x && actors[r].ID == r {
					return r
				}
				return x
			}
		}
		for _, a := range page.Articles {
			for _, c := range a.Claims {
				passing := c
				passing.Negated = false
				if !s.filter.Passes(passing) {
					continue
				}
				k, ok := graph.RollupKey(c, id)
				if !ok {
					continue
				}
				if err := fn(k, graph.Evidence{Claim: c, Article: a.Article}, actors); err != nil {
					return err
				}
			}
		}
		if !page.HasNext {
			return nil
		}
		q.Page.After = page.EndCursor
	}
}

// actorsWithStates fetches the actors of ids and, for roll-up, the states they stand for.
func (s *selected) actorsWithStates(ctx context.Context, ids []string) (map[string]graph.Actor, error) {
	slices.Sort(ids)
	actors, err := s.store.ActorsByID(ctx, slices.Compact(ids))
	if err != nil || !s.filter.Rollup {
		return actors, err
	}
	var states []string
	for _, a := range actors {
		if r := graph.RollupID(a); r != a.ID {
			if _, ok := actors[r]; !ok {
				states = append(states, r)
			}
		}
	}
	if len(states) == 0 {
		return actors, nil
	}
	slices.Sort(states)
	more, err := s.store.ActorsByID(ctx, slices.Compact(states))
	for id, a := range more {
		actors[id] = a
	}
	return actors, err
}
