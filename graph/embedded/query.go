package embedded

import (
	"bytes"
	"cmp"
	"context"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/dyadgraph/dyad/graph"
)

// Actor returns the actor with the id, or graph.ErrNotFound.
func (s *Store) Actor(ctx context.Context, id string) (graph.Actor, error) {
	var a graph.Actor
	err := s.view(ctx, func(r *reader) error {
		var ok bool
		var err error
		if a, ok, err = r.actor(id); err == nil && !ok {
			err = graph.Errorf(graph.ErrNotFound, "actor %q", id)
		}
		return err
	})
	return a, err
}

// ActorsByID returns, by id, the actors that exist among ids; see graph.Store.ActorsByID.
func (s *Store) ActorsByID(ctx context.Context, ids []string) (map[string]graph.Actor, error) {
	out := make(map[string]graph.Actor, len(ids))
	err := s.view(ctx, func(r *reader) error {
		for _, id := range ids {
			if _, have := out[id]; have {
				continue
			}
			a, ok, err := r.actor(id)
			if err != nil {
				return err
			}
			if ok {
				out[id] = a
			}
		}
		return nil
	})
	return out, err
}

// Actors lists the actors that match the query, in the order graph.ActorQuery documents.
// Without a search it walks the name index (name NUL id, valued by kind), whose order is the
// answer's, and takes the total from the counters kept on write. With one it reads from the
// word index the actors that have, for each word of the search, a word starting with it, then
// checks and ranks those.
func (s *Store) Actors(ctx context.Context, q graph.ActorQuery) (graph.ActorPage, error) {
	if q.Kind != "" && !q.Kind.Valid() {
		return graph.ActorPage{}, graph.Errorf(graph.ErrInvalid, "unknown actor kind %q", q.Kind)
	}
	if _, err := q.Page.Offset(); err != nil { // refuse a bad cursor before any work
		return graph.ActorPage{}, err
	}
	if err := graph.CheckSearch(q.Search); err != nil {
		return graph.ActorPage{}, err
	}
	search := strings.TrimSpace(q.Search)
	var page graph.ActorPage
	err := s.view(ctx, func(r *reader) error {
		if search == "" {
			return r.actorsByName(q, &page)
		}
		return r.searchActors(q, search, &page)
	})
	return page, err
}

func (r *reader) actorsByName(q graph.ActorQuery, page *graph.ActorPage) error {
	total := r.count(keyActors)
	if q.Kind != "" {
		total = r.count(keyKind(q.Kind))
	}
	lo, hi, end, more, err := q.Page.Window(total)
	if err != nil {
		return err
	}
	*page = graph.ActorPage{Total: total, EndCursor: end, HasNext: more}
	cur := r.tx.Bucket(bucketNames).Cursor()
	i := 0
	for k, kind := cur.First(); k != nil && i < hi; k, kind = cur.Next() {
		if q.Kind != "" && string(kind) != string(q.Kind) {
			continue
		}
		if i >= lo {
			id := k[bytes.LastIndexByte(k, 0)+1:]
			a, err := r.mustActor(string(id))
			if err != nil {
				return err
			}
			page.Actors = append(page.Actors, a)
		}
		i++
	}
	return nil
}

func (r *reader) searchActors(q graph.ActorQuery, search string, page *graph.ActorPage) error {
	type hit struct {
		actor graph.Actor
		rank  int
	}
	var hits []hit
	consider := func(id string) error {
		a, err := r.mustActor(id)
		if err != nil {
			return err
		}
		if (q.Kind == "" || a.Kind == q.Kind) && graph.MatchesSearch(a, search) {
			hits = append(hits, hit{a, graph.SearchRank(a, search)})
		}
		return nil
	}
	words := graph.SearchWords(search)
	if len(words) == 0 { // a search of no words matches every actor
		cur := r.actors.Cursor()
		for k, _ := cur.First(); k != nil; k, _ = cur.Next() {
			if err := consider(string(k)); err != nil {
				return err
			}
		}
	} else {
		// The actors with a word starting with each word of the search, from the word index:
		// the words' sets intersected, so that only actors that may match are decoded.
		var ids map[string]bool
		cur := r.tx.Bucket(bucketWords).Cursor()
		for _, w := range words {
			found := map[string]bool{}
			prefix := []byte(w)
			for k, _ := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = cur.Next() {
				id := k[bytes.IndexByte(k, 0)+1:]
				if ids == nil || ids[string(id)] {
					found[string(id)] = true
				}
			}
			if ids = found; len(ids) == 0 {
				break
			}
		}
		for _, id := range slices.Sorted(maps.Keys(ids)) {
			if err := consider(id); err != nil {
				return err
			}
		}
	}
	slices.SortFunc(hits, func(a, b hit) int { return cmp.Or(cmp.Compare(a.rank, b.rank), compareByName(a.actor, b.actor)) })
	lo, hi, end, more, err := q.Page.Window(len(hits))
	if err != nil {
		return err
	}
	*page = graph.ActorPage{Total: len(hits), EndCursor: end, HasNext: more}
	for _, h := range hits[lo:hi] {
		page.Actors = append(page.Actors, h.actor)
	}
	return nil
}

// Article returns the article with the id, or graph.ErrNotFound.
func (s *Store) Article(ctx context.Context, id string) (graph.Article, error) {
	var a graph.Article
	err := s.view(ctx, func(r *reader) error {
		var ok bool
		var err error
		if a, ok, err = r.article(id); err == nil && !ok {
			err = graph.Errorf(graph.ErrNotFound, "article %q", id)
		}
		return err
	})
	return a, err
}

// Relations lists the relations that match the query, ordered as graph.SortRelations orders.
//
// A whole-graph query that filters by type alone reads the order index, which is in the order
// asked, and stops at the end of the page; its total is the sum of the counters of the types
// it lets through. A query about actors reads their adjacency entries and derives the relations
// of those keys only. Other whole-graph queries stream every relation and keep the page in a
// bounded heap.
func (s *Store) Relations(ctx context.Context, q graph.RelationQuery) (graph.RelationPage, error) {
	if err := q.Filter.Validate(); err != nil {
		return graph.RelationPage{}, err
	}
	if _, err := q.Page.Offset(); err != nil { // refuse a bad cursor before any work
		return graph.RelationPage{}, err
	}
	var page graph.RelationPage
	err := s.view(ctx, func(r *reader) error {
		r = r.withRollup(s, q.Filter)
		anchor := cmp.Or(q.Source, q.Target, q.Actor)
		if anchor == "" && q.Between == nil {
			if !q.Filter.Rollup && byAggregate(q.Filter) {
				return r.orderedRelations(ctx, q, &page)
			}
			return r.streamedRelations(ctx, q, &page)
		}
		var between map[string]bool
		if q.Between != nil {
			between = make(map[string]bool, len(q.Between))
			for _, id := range q.Between {
				between[id] = true
			}
		}
		wanted := func(k graph.RelationKey) bool {
			return (q.Source == "" || k.Source == q.Source) && (q.Target == "" || k.Target == q.Target) &&
				(q.Actor == "" || k.Source == q.Actor || k.Target == q.Actor) &&
				(between == nil || between[k.Source] && between[k.Target])
		}
		var keys []foundKey
		switch {
		case q.Source != "":
			keys = r.keysFrom(q.Source, nil)
		case anchor != "":
			for _, k := range r.keysOf(anchor) {
				keys = append(keys, foundKey{key: k})
			}
		default:
			for id := range between {
				keys = append(keys, r.keysFrom(id, func(target string) bool { return between[target] })...)
			}
		}
		var rs []graph.Relation
		for _, fk := range keys {
			if wanted(fk.key) {
				if rel, ok := r.found(fk, q.Filter); ok {
					rs = append(rs, rel)
				}
			}
		}
		lo, hi, end, more, err := q.Page.Window(len(rs))
		if err != nil {
			return err
		}
		top := topRelations{n: hi}
		for _, rel := range rs {
			top.add(rel)
		}
		page = graph.RelationPage{Relations: slices.Clip(top.sorted()[lo:hi]), Total: len(rs), EndCursor: end, HasNext: more}
		return nil
	})
	return page, err
}

// orderedRelations reads a page of the whole graph's relations under a filter by type alone
// in the order asked: the order index for relations of two claims or more, then the outgoing
// adjacency entries of one claim, which are in key order.
func (r *reader) orderedRelations(ctx context.Context, q graph.RelationQuery, page *graph.RelationPage) error {
	total := 0
	for _, t := range q.Filter.AllowedTypes() {
		total += r.count(keyOrdered(t))
	}
	lo, hi, end, more, err := q.Page.Window(total)
	if err != nil {
		return err
	}
	*page = graph.RelationPage{Total: total, EndCursor: end, HasNext: more}
	i := 0
	take := func(rel graph.Relation) bool {
		if i >= lo {
			page.Relations = append(page.Relations, rel)
		}
		i++
		return i < hi
	}
	cur := r.tx.Bucket(bucketOrder).Cursor()
	for k, v := cur.First(); k != nil && i < hi; k, v = cur.Next() {
		if _, key, ok := parseOrderKey(k); ok && q.Filter.AllowsType(key.Type) && !take(decodeAggregate(v).relation(key)) {
			return nil
		}
	}
	if i >= hi {
		return nil
	}
	single := graph.RelationFilter{Types: q.Filter.AllowedTypes()}
	return r.eachRelation(ctx, single, nil, func(rel graph.Relation) bool {
		return rel.Count != 1 || take(rel)
	})
}

// streamedRelations derives a page of the whole graph's relations under any filter from every
// relation, keeping the best in a heap of the page's end.
func (r *reader) streamedRelations(ctx context.Context, q graph.RelationQuery, page *graph.RelationPage) error {
	lo, err := q.Page.Offset()
	if err != nil {
		return err
	}
	top := topRelations{n: lo + q.Page.Size()}
	if err := r.eachRelation(ctx, q.Filter, nil, func(rel graph.Relation) bool { top.add(rel); return true }); err != nil {
		return err
	}
	lo, hi, end, more, err := q.Page.Window(top.total)
	if err != nil {
		return err
	}
	*page = graph.RelationPage{Relations: slices.Clip(top.sorted()[lo:hi]), Total: top.total, EndCursor: end, HasNext: more}
	return nil
}

// adjacencyOf walks the store for graph.Reach and graph.ShortestPath: the actors joined to
// each actor of the frontier by a relation that passes the filter, in either direction. It
// reads the actors' adjacency entries; under a filter by type alone the entries' values say
// whether a key counts, so that no other read is needed.
func (r *reader) adjacencyOf(f graph.RelationFilter) graph.Adjacency {
	allowed := map[string]bool{}
	for _, t := range f.AllowedTypes() {
		allowed[string(t)] = true
	}
	return func(ctx context.Context, frontier []string) (map[string][]string, error) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		out := make(map[string][]string, len(frontier))
		for _, id := range frontier {
			var near []string
			seen := map[string]bool{}
			if r.rollup != nil {
				for _, k := range r.keysOf(id) {
					n := otherEnd(k, id)
					if n == id || seen[n] || !r.passes(k, f) {
						continue
					}
					seen[n] = true
					near = append(near, n)
				}
				out[id] = near
				continue
			}
			cur := r.adjacency.Cursor()
			prefix := join(id, "")
			for k, v := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = cur.Next() {
				key, outgoing, ok := adjacencyRelation(k)
				if !ok {
					continue
				}
				other := key.Target
				if !outgoing {
					other = key.Source
				}
				if other == id || seen[other] || !allowed[string(key.Type)] {
					continue
				}
				var passes bool
				switch {
				case byAggregate(f) && outgoing && len(v) == aggregateSize:
					passes = decodeAggregate(v).count > 0
				case byAggregate(f) && !outgoing && len(v) == 1:
					passes = v[0] == 1
				default:
					passes = r.passes(key, f)
				}
				if passes {
					seen[other] = true
					near = append(near, other)
				}
			}
			out[id] = near
		}
		return out, nil
	}
}

// Neighborhood returns the actors within hops of the actor and the relations among them; see
// graph.Store.Neighborhood. It is Subgraph from one actor.
func (s *Store) Neighborhood(ctx context.Context, actor string, hops int, f graph.RelationFilter, limit int) (graph.Subgraph, error) {
	return s.Subgraph(ctx, graph.SubgraphQuery{Actors: []string{actor}, Hops: hops, Filter: f, Limit: limit})
}

// ShortestPath returns a shortest path between two actors; see graph.Store.ShortestPath.
func (s *Store) ShortestPath(ctx context.Context, from, to string, maxHops int, f graph.RelationFilter) (graph.Path, bool, error) {
	if err := f.Validate(); err != nil {
		return graph.Path{}, false, err
	}
	var path graph.Path
	var found bool
	err := s.view(ctx, func(r *reader) error {
		r = r.withRollup(s, f)
		for _, id := range []string{from, to} {
			if !r.hasActor(id) {
				return graph.Errorf(graph.ErrNotFound, "actor %q", id)
			}
		}
		ids, err := graph.ShortestPath(ctx, from, to, graph.ClampPathHops(maxHops), r.adjacencyOf(f))
		if err != nil || ids == nil {
			return err
		}
		found = true
		path = graph.Path{Actors: make([]graph.Actor, len(ids)), Steps: make([][]graph.Relation, len(ids)-1)}
		for i, id := range ids {
			if path.Actors[i], err = r.mustActor(id); err != nil {
				return err
			}
			if i == len(ids)-1 {
				break
			}
			next := ids[i+1]
			for _, k := range r.keysOf(id) {
				if otherEnd(k, id) == next && k.Source != k.Target {
					if rel, ok := r.relation(k, f); ok {
						path.Steps[i] = append(path.Steps[i], rel)
					}
				}
			}
			graph.SortRelations(path.Steps[i])
		}
		return nil
	})
	if err != nil || !found {
		return graph.Path{}, false, err
	}
	return path, true, nil
}

// Evidence returns a page of the claims behind each relation key; see graph.Store.Evidence.
// Every key asked gets a page, empty for a key without claims. It filters the claims' summaries
// and decodes only the claims of the page.
func (s *Store) Evidence(ctx context.Context, keys []graph.RelationKey, f graph.RelationFilter, page graph.Page) (map[graph.RelationKey]graph.EvidencePage, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	if _, err := page.Offset(); err != nil { // refuse a bad cursor before any work
		return nil, err
	}
	out := make(map[graph.RelationKey]graph.EvidencePage, len(keys))
	err := s.view(ctx, func(r *reader) error {
		r = r.withRollup(s, f)
		for _, k := range keys {
			var hits []evidenceHit
			if f.AllowsType(k.Type) {
				r.eachSummary(k, func(s summary) bool {
					// Negated claims are evidence too: test the rest of the filter on them.
					c := s.claim(k.Type)
					c.Negated = false
					if f.Passes(c) {
						hits = append(hits, evidenceHit{s.id, s.articleID(), s.time})
					}
					return true
				})
			}
			slices.SortFunc(hits, func(a, b evidenceHit) int {
				return cmp.Or(a.time.Compare(b.time), strings.Compare(a.id, b.id))
			})
			lo, hi, end, more, err := page.Window(len(hits))
			if err != nil {
				return err
			}
			ep := graph.EvidencePage{Total: len(hits), EndCursor: end, HasNext: more}
			for _, h := range hits[lo:hi] {
				c, err := r.claim(h.article, h.id)
				if err != nil {
					return err
				}
				a, _, err := r.article(c.ArticleID)
				if err != nil {
					return err
				}
				ep.Evidence = append(ep.Evidence, graph.Evidence{Claim: c, Article: a})
			}
			out[k] = ep
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// evidenceHit is a claim that Evidence found for a key, before its record is read.
type evidenceHit struct {
	id, article string
	time        time.Time
}

// Stats counts what is stored, from the counters every Save keeps. Relations counts the
// relation keys with a non-negated claim, AFFILIATION included.
func (s *Store) Stats(ctx context.Context) (graph.Stats, error) {
	var st graph.Stats
	err := s.view(ctx, func(r *reader) error {
		st = graph.Stats{Actors: r.count(keyActors), Articles: r.count(keyArticles), Claims: r.count(keyClaims),
			Relations: r.count(keyRelations)}
		return nil
	})
	return st, err
}
