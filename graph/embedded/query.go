package embedded

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/dyadgraph/dyad/graph"
)

// read takes the index for a query; the caller calls done when it is through with it.
func (s *Store) read(ctx context.Context) (ix *index, done func(), err error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	s.mu.RLock()
	if s.closed {
		s.mu.RUnlock()
		return nil, nil, errClosed
	}
	return s.ix, s.mu.RUnlock, nil
}

// Actor returns the actor with the id, or graph.ErrNotFound.
func (s *Store) Actor(ctx context.Context, id string) (graph.Actor, error) {
	ix, done, err := s.read(ctx)
	if err != nil {
		return graph.Actor{}, err
	}
	defer done()
	a, ok := ix.actors[id]
	if !ok {
		return graph.Actor{}, graph.Errorf(graph.ErrNotFound, "actor %q", id)
	}
	return copyActor(a), nil
}

// ActorsByID returns, by id, copies of the actors that exist among ids; see
// graph.Store.ActorsByID.
func (s *Store) ActorsByID(ctx context.Context, ids []string) (map[string]graph.Actor, error) {
	ix, done, err := s.read(ctx)
	if err != nil {
		return nil, err
	}
	defer done()
	out := make(map[string]graph.Actor, len(ids))
	for _, id := range ids {
		if _, have := out[id]; have {
			continue
		}
		if a, ok := ix.actors[id]; ok {
			out[id] = copyActor(a)
		}
	}
	return out, nil
}

// Actors lists the actors that match the query, in the order graph.ActorQuery documents.
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
	ix, done, err := s.read(ctx)
	if err != nil {
		return graph.ActorPage{}, err
	}
	defer done()
	type hit struct {
		id   string
		rank int
	}
	search := strings.TrimSpace(q.Search)
	var hits []hit
	for _, id := range ix.actorsByName() {
		a := ix.actors[id]
		if q.Kind != "" && a.Kind != q.Kind {
			continue
		}
		rank := 0
		if search != "" {
			if !graph.MatchesSearch(a, search) {
				continue
			}
			rank = graph.SearchRank(a, search)
		}
		hits = append(hits, hit{id, rank})
	}
	// The hits are in name and id order already; a stable sort by rank keeps it among equals.
	slices.SortStableFunc(hits, func(a, b hit) int { return cmp.Compare(a.rank, b.rank) })
	b := q.Page.Cut(len(hits), hasMark, func(i int) int {
		a := ix.actors[hits[i].id]
		return graph.ActorMark{Rank: hits[i].rank, Name: a.Name, ID: a.ID}.Compare(mark)
	})
	page := graph.ActorPage{Total: len(hits), HasPrev: b.HasPrev, HasNext: b.HasNext}
	for _, h := range hits[b.Lo:b.Hi] {
		page.Actors = append(page.Actors, copyActor(ix.actors[h.id]))
	}
	if n := len(page.Actors); n > 0 {
		page.EndCursor = graph.ActorCursor(page.Actors[n-1], q.Search)
	}
	return page, nil
}

// Article returns the article with the id, or graph.ErrNotFound.
func (s *Store) Article(ctx context.Context, id string) (graph.Article, error) {
	ix, done, err := s.read(ctx)
	if err != nil {
		return graph.Article{}, err
	}
	defer done()
	a, ok := ix.articles[id]
	if !ok {
		return graph.Article{}, graph.Errorf(graph.ErrNotFound, "article %q", id)
	}
	return a, nil
}

// Relations lists the relations that match the query, ordered as graph.SortRelations orders.
func (s *Store) Relations(ctx context.Context, q graph.RelationQuery) (graph.RelationPage, error) {
	if err := q.Filter.Validate(); err != nil {
		return graph.RelationPage{}, err
	}
	if _, _, err := q.Page.RelationMark(); err != nil { // refuse a bad cursor before any work
		return graph.RelationPage{}, err
	}
	ix, done, err := s.read(ctx)
	if err != nil {
		return graph.RelationPage{}, err
	}
	defer done()
	v := ix.view(q.Filter)
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
	var rs []graph.Relation
	consider := func(k graph.RelationKey, claims []graph.Claim) {
		if wanted(k) {
			if r, ok := relationOf(k, claims, q.Filter); ok {
				rs = append(rs, r)
			}
		}
	}
	// Start from the fewest keys the query allows: those of one actor, of a set, or all.
	switch anchor := cmp.Or(q.Source, q.Target, q.Actor); {
	case anchor != "":
		for k := range v.actorKeys[anchor] {
			consider(k, v.claims[k])
		}
	case between != nil:
		for id := range between {
			for k := range v.actorKeys[id] {
				if k.Source == id {
					consider(k, v.claims[k])
				}
			}
		}
	default:
		rs = make([]graph.Relation, 0, len(v.claims))
		for k, claims := range v.claims {
			consider(k, claims)
		}
	}
	total := len(rs)
	if rs, err = q.Page.RelationsBeyond(rs); err != nil {
		return graph.RelationPage{}, err
	}
	var page []graph.Relation
	if n := q.Page.Size(); q.Page.Backward() {
		graph.SortRelations(rs)
		page = rs[max(0, len(rs)-n):]
	} else {
		page = firstRelations(rs, n)
	}
	return q.Page.RelationPageOf(slices.Clip(page), len(rs), total), nil
}

// adjacency walks the index for graph.Reach and graph.ShortestPath: the actors joined to each
// actor of the frontier by a relation that passes the filter, in either direction.
func (ix *index) adjacency(f graph.RelationFilter) graph.Adjacency {
	v := ix.view(f)
	return func(ctx context.Context, frontier []string) (map[string][]string, error) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		out := make(map[string][]string, len(frontier))
		for _, id := range frontier {
			var near []string
			seen := map[string]bool{}
			for k := range v.actorKeys[id] {
				n := otherEnd(k, id)
				if n == id || seen[n] || !v.passes(k, f) {
					continue
				}
				seen[n] = true
				near = append(near, n)
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
	ix, done, err := s.read(ctx)
	if err != nil {
		return graph.Path{}, false, err
	}
	defer done()
	for _, id := range []string{from, to} {
		if _, ok := ix.actors[id]; !ok {
			return graph.Path{}, false, graph.Errorf(graph.ErrNotFound, "actor %q", id)
		}
	}
	ids, err := graph.ShortestPath(ctx, from, to, graph.ClampPathHops(maxHops), ix.adjacency(f))
	if err != nil || ids == nil {
		return graph.Path{}, false, err
	}
	v := ix.view(f)
	path := graph.Path{Actors: make([]graph.Actor, len(ids)), Steps: make([][]graph.Relation, len(ids)-1)}
	for i, id := range ids {
		path.Actors[i] = copyActor(ix.actors[id])
		if i == len(ids)-1 {
			break
		}
		next := ids[i+1]
		for k := range v.actorKeys[id] {
			if otherEnd(k, id) == next && k.Source != k.Target {
				if r, ok := v.relation(k, f); ok {
					path.Steps[i] = append(path.Steps[i], r)
				}
			}
		}
		graph.SortRelations(path.Steps[i])
	}
	return path, true, nil
}

// Evidence returns a page of the claims behind each relation key; see graph.Store.Evidence.
// Every key asked gets a page, empty for a key without claims.
func (s *Store) Evidence(ctx context.Context, keys []graph.RelationKey, f graph.RelationFilter, page graph.Page) (map[graph.RelationKey]graph.EvidencePage, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	mark, hasMark, err := page.ClaimMark() // refuse a bad cursor before any work
	if err != nil {
		return nil, err
	}
	ix, done, err := s.read(ctx)
	if err != nil {
		return nil, err
	}
	defer done()
	v := ix.view(f)
	out := make(map[graph.RelationKey]graph.EvidencePage, len(keys))
	for _, k := range keys {
		var claims []graph.Claim
		if f.AllowsType(k.Type) {
			for _, c := range v.claims[k] {
				// Negated claims are evidence too: test the rest of the filter on them.
				asserted := c
				asserted.Negated = false
				if f.Passes(asserted) {
					claims = append(claims, c)
				}
			}
		}
		slices.SortFunc(claims, func(a, b graph.Claim) int {
			return graph.ClaimMarkOf(a).Compare(graph.ClaimMarkOf(b))
		})
		b := page.Cut(len(claims), hasMark, func(i int) int { return graph.ClaimMarkOf(claims[i]).Compare(mark) })
		ep := graph.EvidencePage{Total: len(claims), HasPrev: b.HasPrev, HasNext: b.HasNext}
		for _, c := range claims[b.Lo:b.Hi] {
			ep.Evidence = append(ep.Evidence, graph.Evidence{Claim: c, Article: ix.articles[c.ArticleID]})
		}
		if b.Hi > b.Lo {
			ep.EndCursor = graph.EvidenceCursor(claims[b.Hi-1])
		}
		out[k] = ep
	}
	return out, nil
}

// Stats counts what is stored. Relations counts the relation keys with a non-negated claim,
// AFFILIATION included.
func (s *Store) Stats(ctx context.Context) (graph.Stats, error) {
	ix, done, err := s.read(ctx)
	if err != nil {
		return graph.Stats{}, err
	}
	defer done()
	st := graph.Stats{Actors: len(ix.actors), Articles: len(ix.articles), Claims: len(ix.claimKey)}
	for _, claims := range ix.claims {
		if slices.ContainsFunc(claims, func(c graph.Claim) bool { return !c.Negated }) {
			st.Relations++
		}
	}
	return st, nil
}
