package embedded

import (
	"bytes"
	"cmp"
	"context"
	"maps"
	"math"
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
	mark, hasMark, err := q.Page.ActorMark(q.Search) // refuse a bad cursor before any work
	if err != nil {
		return graph.ActorPage{}, err
	}
	if err := graph.CheckSearch(q.Search); err != nil {
		return graph.ActorPage{}, err
	}
	search := strings.TrimSpace(q.Search)
	var page graph.ActorPage
	err = s.view(ctx, func(r *reader) error {
		if search == "" {
			return r.actorsByName(q, mark, hasMark, &page)
		}
		return r.searchActors(q, search, mark, hasMark, &page)
	})
	if n := len(page.Actors); n > 0 {
		page.EndCursor = graph.ActorCursor(page.Actors[n-1], q.Search)
	}
	return page, err
}

// actorsByName reads a page of actors from the name index (name NUL id), whose order is the
// list's: it seeks to the cursor and reads on, forward or backward, one item more than the page
// to know whether more follow.
func (r *reader) actorsByName(q graph.ActorQuery, mark graph.ActorMark, hasMark bool, page *graph.ActorPage) error {
	total := r.count(keyActors)
	if q.Kind != "" {
		total = r.count(keyKind(q.Kind))
	}
	*page = graph.ActorPage{Total: total}
	fits := func(kind []byte) bool { return q.Kind == "" || string(kind) == string(q.Kind) }
	cur := r.tx.Bucket(bucketNames).Cursor()
	markKey := join(mark.Name, mark.ID)
	// atOrBefore and atOrAfter position the cursor on the last key <= the mark, or the first
	// key >= it.
	atOrAfter := func() ([]byte, []byte) { return cur.Seek(markKey) }
	atOrBefore := func() ([]byte, []byte) {
		k, v := cur.Seek(markKey)
		switch {
		case k == nil:
			return cur.Last()
		case bytes.Equal(k, markKey):
			return k, v
		}
		return cur.Prev()
	}
	n := q.Page.Size()
	var ids []string
	collect := func(k, v []byte, step func() ([]byte, []byte)) {
		for ; k != nil && len(ids) <= n; k, v = step() {
			if fits(v) {
				ids = append(ids, string(k[bytes.LastIndexByte(k, 0)+1:]))
			}
		}
	}
	// any reports whether an actor of the kind is at or beyond a position.
	any := func(k, v []byte, step func() ([]byte, []byte)) bool {
		for ; k != nil; k, v = step() {
			if fits(v) {
				return true
			}
		}
		return false
	}
	if !q.Page.Backward() {
		k, v := cur.First()
		if hasMark {
			if k, v = atOrAfter(); k != nil && bytes.Equal(k, markKey) {
				k, v = cur.Next()
			}
		}
		collect(k, v, cur.Next)
		page.HasNext = len(ids) > n
		ids = ids[:min(n, len(ids))]
		if hasMark {
			k, v := atOrBefore()
			page.HasPrev = any(k, v, cur.Prev)
		}
	} else {
		k, v := cur.Last()
		if hasMark {
			if k, v = atOrBefore(); k != nil && bytes.Equal(k, markKey) {
				k, v = cur.Prev()
			}
		}
		collect(k, v, cur.Prev)
		page.HasPrev = len(ids) > n
		ids = ids[:min(n, len(ids))]
		slices.Reverse(ids)
		if hasMark {
			k, v := atOrAfter()
			page.HasNext = any(k, v, cur.Next)
		}
	}
	for _, id := range ids {
		a, err := r.mustActor(id)
		if err != nil {
			return err
		}
		page.Actors = append(page.Actors, a)
	}
	return nil
}

func (r *reader) searchActors(q graph.ActorQuery, search string, mark graph.ActorMark, hasMark bool, page *graph.ActorPage) error {
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
	b := q.Page.Cut(len(hits), hasMark, func(i int) int {
		return graph.ActorMark{Rank: hits[i].rank, Name: hits[i].actor.Name, ID: hits[i].actor.ID}.Compare(mark)
	})
	*page = graph.ActorPage{Total: len(hits), HasPrev: b.HasPrev, HasNext: b.HasNext}
	for _, h := range hits[b.Lo:b.Hi] {
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
	mark, hasMark, err := q.Page.RelationMark() // refuse a bad cursor before any work
	if err != nil {
		return graph.RelationPage{}, err
	}
	var page graph.RelationPage
	err = s.view(ctx, func(r *reader) error {
		r = r.withRollup(s, q.Filter)
		anchor := cmp.Or(q.Source, q.Target, q.Actor)
		if anchor == "" && q.Between == nil {
			if !q.Filter.Rollup && byAggregate(q.Filter) && !q.Page.Backward() {
				return r.orderedRelations(ctx, q, mark, hasMark, &page)
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
		total := len(rs)
		if rs, err = q.Page.RelationsBeyond(rs); err != nil {
			return err
		}
		top := topRelations{n: q.Page.Size(), last: q.Page.Backward()}
		for _, rel := range rs {
			top.add(rel)
		}
		page = q.Page.RelationPageOf(slices.Clip(top.sorted()), len(rs), total)
		return nil
	})
	return page, err
}

// orderedRelations reads a page of the whole graph's relations under a filter by type alone,
// forward, in the order asked: the order index for relations of two claims or more, then the
// outgoing adjacency entries of one claim, which are in key order. A cursor is a seek: into
// the order index for a count of two or more, into the adjacency entries for a count of one.
func (r *reader) orderedRelations(ctx context.Context, q graph.RelationQuery, mark graph.RelationMark, hasMark bool, page *graph.RelationPage) error {
	total := 0
	for _, t := range q.Filter.AllowedTypes() {
		total += r.count(keyOrdered(t))
	}
	n := q.Page.Size()
	var rels []graph.Relation
	take := func(rel graph.Relation) bool {
		rels = append(rels, rel)
		return len(rels) <= n // one more than the page, to know whether more follow
	}
	cur := r.tx.Bucket(bucketOrder).Cursor()
	var k, v []byte
	var after *graph.RelationKey // where the entries of one claim start
	switch {
	case !hasMark || mark.Count > math.MaxUint32:
		k, v = cur.First()
	case mark.Count >= 2:
		mk := orderKey(uint32(mark.Count), mark.Key)
		if k, v = cur.Seek(mk); k != nil && bytes.Equal(k, mk) {
			k, v = cur.Next()
		}
	case mark.Count == 1:
		after = &mark.Key // every relation of two claims or more lies before the cursor
	default:
		*page = q.Page.RelationPageOf(nil, 0, total) // no relation counts fewer than one claim
		return nil
	}
	more := true
	for ; k != nil && more; k, v = cur.Next() {
		if _, key, ok := parseOrderKey(k); ok && q.Filter.AllowsType(key.Type) {
			more = take(decodeAggregate(v).relation(key))
		}
	}
	if more {
		single := graph.RelationFilter{Types: q.Filter.AllowedTypes()}
		err := r.eachRelation(ctx, single, after, func(rel graph.Relation) bool {
			return rel.Count != 1 || take(rel)
		})
		if err != nil {
			return err
		}
	}
	hasNext := len(rels) > n
	rels = rels[:min(n, len(rels))]
	*page = graph.RelationPage{Relations: slices.Clip(rels), Total: total, HasNext: hasNext}
	if hasMark {
		// the list's first relation lies at or before the cursor when there is one
		first, err := r.firstOrdered(ctx, q.Filter)
		if err != nil {
			return err
		}
		page.HasPrev = first != nil && graph.MarkOf(*first).Compare(mark) <= 0
	}
	if len(rels) > 0 {
		page.EndCursor = graph.RelationCursor(rels[len(rels)-1])
	}
	return nil
}

// firstOrdered returns the first relation of the whole graph under a filter by type alone, or
// nil when there is none.
func (r *reader) firstOrdered(ctx context.Context, f graph.RelationFilter) (*graph.Relation, error) {
	cur := r.tx.Bucket(bucketOrder).Cursor()
	for k, v := cur.First(); k != nil; k, v = cur.Next() {
		if _, key, ok := parseOrderKey(k); ok && f.AllowsType(key.Type) {
			rel := decodeAggregate(v).relation(key)
			return &rel, nil
		}
	}
	var first *graph.Relation
	err := r.eachRelation(ctx, graph.RelationFilter{Types: f.AllowedTypes()}, nil, func(rel graph.Relation) bool {
		if rel.Count == 1 {
			first = &rel
		}
		return first == nil
	})
	return first, err
}

// streamedRelations derives a page of the whole graph's relations under any filter, or read
// backward, from every relation: it keeps those beyond the cursor in a heap of the page's size.
func (r *reader) streamedRelations(ctx context.Context, q graph.RelationQuery, page *graph.RelationPage) error {
	mark, hasMark, err := q.Page.RelationMark()
	if err != nil {
		return err
	}
	top := topRelations{n: q.Page.Size(), last: q.Page.Backward()}
	total := 0
	err = r.eachRelation(ctx, q.Filter, nil, func(rel graph.Relation) bool {
		total++
		if c := graph.MarkOf(rel).Compare(mark); !hasMark || (q.Page.Backward() && c < 0) || (!q.Page.Backward() && c > 0) {
			top.add(rel)
		}
		return true
	})
	if err != nil {
		return err
	}
	*page = q.Page.RelationPageOf(slices.Clip(top.sorted()), top.total, total)
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
	mark, hasMark, err := page.ClaimMark() // refuse a bad cursor before any work
	if err != nil {
		return nil, err
	}
	out := make(map[graph.RelationKey]graph.EvidencePage, len(keys))
	err = s.view(ctx, func(r *reader) error {
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
			b := page.Cut(len(hits), hasMark, func(i int) int {
				return graph.ClaimMark{Time: hits[i].time.UTC(), ID: hits[i].id}.Compare(mark)
			})
			ep := graph.EvidencePage{Total: len(hits), HasPrev: b.HasPrev, HasNext: b.HasNext}
			for _, h := range hits[b.Lo:b.Hi] {
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
			if n := len(ep.Evidence); n > 0 {
				ep.EndCursor = graph.EvidenceCursor(ep.Evidence[n-1].Claim)
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
