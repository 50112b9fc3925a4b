package embedded

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/dyadgraph/dyad/graph"
)

// reader answers queries from one read transaction: a snapshot of the file that a Save
// running at the same time does not change.
type reader struct {
	tx                                               *bolt.Tx
	meta, actors, articles, articleClaims, adjacency *bolt.Bucket
	// rollup is the roll-up map when the query rolls up, nil otherwise.
	rollup *rollupMap
	// seen holds the aggregates keysOf read with the outgoing adjacency entries, so that
	// deriving those relations reads nothing more. It lives as long as the query.
	seen map[graph.RelationKey]aggregate
	// counted holds, for the incoming adjacency entries keysOf read, whether the key has a
	// claim that the empty filter counts, so that a walk tests keys without their aggregate.
	counted map[graph.RelationKey]bool
	// rawOf holds, for the keys of a rolled-up view that keysFrom found, the stored keys that
	// count under each.
	rawOf map[graph.RelationKey][]graph.RelationKey
}

// view runs fn in a read transaction. It turns a page of the file that does not read back
// into ErrDamaged rather than a crash.
func (s *Store) view(ctx context.Context, fn func(r *reader) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return errClosed
	}
	return guarded(s.path, func() error {
		return s.db.View(func(tx *bolt.Tx) error {
			return fn(&reader{tx: tx, meta: tx.Bucket(bucketMeta), actors: tx.Bucket(bucketActors),
				articles: tx.Bucket(bucketArticles), articleClaims: tx.Bucket(bucketArticleClaims),
				adjacency: tx.Bucket(bucketAdjacency)})
		})
	})
}

// withRollup returns a reader that rolls up when the filter asks for it.
func (r *reader) withRollup(s *Store, f graph.RelationFilter) *reader {
	if !f.Rollup {
		if r.rollup == nil {
			return r
		}
		c := *r
		c.rollup = nil
		return &c
	}
	c := *r
	c.rollup = s.rollupOf(r.tx)
	return &c
}

func (r *reader) count(key []byte) int { return int(getCount(r.meta.Get(key))) }

// actor reads an actor.
func (r *reader) actor(id string) (graph.Actor, bool, error) {
	v := r.actors.Get([]byte(id))
	if v == nil {
		return graph.Actor{}, false, nil
	}
	var a graph.Actor
	if err := json.Unmarshal(v, &a); err != nil {
		return graph.Actor{}, false, fmt.Errorf("actor %q: corrupt record: %w", id, err)
	}
	return a, true, nil
}

func (r *reader) hasActor(id string) bool { return r.actors.Get([]byte(id)) != nil }

// mustActor reads an actor that a relation names, so it is stored.
func (r *reader) mustActor(id string) (graph.Actor, error) {
	a, ok, err := r.actor(id)
	if err == nil && !ok {
		err = fmt.Errorf("actor %q: a relation names it, but it is not stored", id)
	}
	return a, err
}

func (r *reader) article(id string) (graph.Article, bool, error) {
	v := r.articles.Get([]byte(id))
	if v == nil {
		return graph.Article{}, false, nil
	}
	var a graph.Article
	if err := json.Unmarshal(v, &a); err != nil {
		return graph.Article{}, false, fmt.Errorf("article %q: corrupt record: %w", id, err)
	}
	return a, true, nil
}

// claim reads the record of a claim, stored under its article.
func (r *reader) claim(article, id string) (graph.Claim, error) {
	var c graph.Claim
	v := r.articleClaims.Get(articleClaimKey(article, id))
	if v == nil {
		return c, fmt.Errorf("claim %q of article %q: indexed, but not stored", id, article)
	}
	if err := json.Unmarshal(v, &c); err != nil {
		return c, fmt.Errorf("claim %q: corrupt record: %w", id, err)
	}
	return c, nil
}

// up is the id an actor stands under in this view.
func (r *reader) up(id string) string {
	if r.rollup != nil {
		if state, ok := r.rollup.up[id]; ok {
			return state
		}
	}
	return id
}

// members lists the stored ids that stand under id in this view: id itself unless it rolls
// up into a state, and with roll-up the actors that roll up into it.
func (r *reader) members(id string) []string {
	if r.rollup == nil {
		return []string{id}
	}
	var out []string
	if _, away := r.rollup.up[id]; !away {
		out = append(out, id)
	}
	return append(out, r.rollup.members[id]...)
}

// keysOf lists the relation keys of this view with the actor at either end, each once, in
// no particular order. They are read from the adjacency index of the actor (and, with roll-up,
// of the actors that stand under it): keys with a claim, passing the filter or not.
func (r *reader) keysOf(id string) []graph.RelationKey {
	var out []graph.RelationKey
	var seen map[graph.RelationKey]bool
	if r.rollup != nil {
		seen = map[graph.RelationKey]bool{}
	}
	if r.seen == nil {
		r.seen = map[graph.RelationKey]aggregate{}
	}
	if r.counted == nil {
		r.counted = map[graph.RelationKey]bool{}
	}
	cur := r.adjacency.Cursor()
	for _, m := range r.members(id) {
		prefix := append([]byte(m), 0)
		for k, v := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = cur.Next() {
			raw, outgoing, ok := adjacencyRelation(k)
			if !ok {
				continue
			}
			switch {
			case outgoing && len(v) == aggregateSize:
				r.seen[raw] = decodeAggregate(v)
			case !outgoing && len(v) == 1:
				r.counted[raw] = v[0] == 1
			}
			if r.rollup == nil {
				out = append(out, raw)
				continue
			}
			v, ok := graph.RollupKey(graph.Claim{Source: raw.Source, Type: raw.Type, Target: raw.Target}, r.up)
			if !ok || seen[v] {
				continue
			}
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// foundKey is a relation key that keysFrom found, with its stored aggregate when it read it
// (without roll-up), so that deriving the relation reads nothing more.
type foundKey struct {
	key    graph.RelationKey
	agg    aggregate
	hasAgg bool
}

// found derives the relation of a key keysFrom found, as relation does.
func (r *reader) found(fk foundKey, f graph.RelationFilter) (graph.Relation, bool) {
	if fk.hasAgg && r.rollup == nil && byAggregate(f) {
		if !f.AllowsType(fk.key.Type) || fk.agg.count == 0 {
			return graph.Relation{}, false
		}
		return fk.agg.relation(fk.key), true
	}
	return r.relation(fk.key, f)
}

// keysFrom lists the relation keys of this view from the actor whose target want accepts
// (nil for any), each once. It reads only the outgoing adjacency entries of the actor (and,
// with roll-up, of the actors that stand under it), and tests the target before it builds the
// key, so that a busy actor's entries cost little when few are wanted.
func (r *reader) keysFrom(id string, want func(target string) bool) []foundKey {
	var out []foundKey
	var dedupe map[graph.RelationKey]bool
	var found map[graph.RelationKey][]graph.RelationKey
	if r.rollup != nil {
		dedupe = map[graph.RelationKey]bool{}
		found = map[graph.RelationKey][]graph.RelationKey{}
		if r.rawOf == nil {
			r.rawOf = map[graph.RelationKey][]graph.RelationKey{}
		}
	}
	if r.seen == nil && r.rollup != nil {
		r.seen = map[graph.RelationKey]aggregate{}
	}
	cur := r.adjacency.Cursor()
	for _, m := range r.members(id) {
		prefix := join(m, dirOut, "")
		for k, v := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = cur.Next() {
			rest := k[len(prefix):]
			j := bytes.IndexByte(rest, 0)
			if j < 0 {
				continue
			}
			typ, other := rest[:j], rest[j+1:]
			if bytes.IndexByte(other, 0) >= 0 {
				continue // a claim entry, under its key's outgoing entry
			}
			if r.rollup == nil {
				if want != nil && !want(string(other)) {
					continue
				}
				fk := foundKey{key: graph.RelationKey{Source: id, Type: graph.RelationType(typ), Target: string(other)}}
				if len(v) == aggregateSize {
					fk.agg, fk.hasAgg = decodeAggregate(v), true
				}
				out = append(out, fk)
				continue
			}
			raw := graph.RelationKey{Source: m, Type: graph.RelationType(typ), Target: string(other)}
			if len(v) == aggregateSize {
				r.seen[raw] = decodeAggregate(v)
			}
			key := graph.RelationKey{Source: id, Type: raw.Type, Target: r.up(raw.Target)}
			if (key.Target == id && raw.Target != m) || (want != nil && !want(key.Target)) {
				continue // roll-up drops a self-relation it makes
			}
			if !dedupe[key] {
				dedupe[key] = true
				out = append(out, foundKey{key: key})
			}
			found[key] = append(found[key], raw)
		}
	}
	// Every stored key that counts under a key found was read: remember which, so that
	// deriving the relation reads only those rather than every pair of the ends' members.
	for key, raws := range found {
		if _, known := r.rawOf[key]; !known {
			r.rawOf[key] = raws
		}
	}
	return out
}

// rawKeys lists the stored relation keys whose claims count under a key of this view.
func (r *reader) rawKeys(k graph.RelationKey) []graph.RelationKey {
	if r.rollup == nil {
		return []graph.RelationKey{k}
	}
	if raws, ok := r.rawOf[k]; ok {
		return raws
	}
	var out []graph.RelationKey
	for _, s := range r.members(k.Source) {
		for _, t := range r.members(k.Target) {
			// Roll-up drops claims between two actors that it turns into a self-relation.
			if k.Source == k.Target && s != t {
				continue
			}
			out = append(out, graph.RelationKey{Source: s, Type: k.Type, Target: t})
		}
	}
	return out
}

// eachSummary calls fn with the summary of every claim under a key of this view, stopping
// when fn returns false.
func (r *reader) eachSummary(k graph.RelationKey, fn func(summary) bool) {
	cur := r.adjacency.Cursor()
	for _, raw := range r.rawKeys(k) {
		prefix := keyClaimPrefix(raw)
		for ck, v := cur.Seek(prefix); ck != nil && bytes.HasPrefix(ck, prefix); ck, v = cur.Next() {
			if !fn(decodeSummary(string(ck[len(prefix):]), v)) {
				return
			}
		}
	}
}

// aggregateOf returns the stored aggregate of a key of this view (roll-up merges those of the
// keys it groups); false when the key has no claim.
func (r *reader) aggregateOf(k graph.RelationKey) (aggregate, bool) {
	agg, found := newAggregate(), false
	for _, raw := range r.rawKeys(k) {
		if a, ok := r.rawAggregate(raw); ok {
			agg.merge(a)
			found = true
		}
	}
	return agg, found
}

// rawAggregate returns the aggregate of a stored relation key, from what keysOf and keysFrom
// read already or from its outgoing adjacency entry.
func (r *reader) rawAggregate(raw graph.RelationKey) (aggregate, bool) {
	if a, ok := r.seen[raw]; ok {
		return a, true
	}
	if v := r.adjacency.Get(outKey(raw)); len(v) == aggregateSize {
		return decodeAggregate(v), true
	}
	return aggregate{}, false
}

// byAggregate reports whether relations under the filter are the stored aggregates: when it
// narrows by type alone (roll-up aside), so that every non-negated claim of a confidence of
// at least 0 passes.
func byAggregate(f graph.RelationFilter) bool {
	return f.Since == nil && f.Until == nil && f.MinConfidence == 0
}

// relation derives the relation of a key of this view under the filter, as graph.Aggregate
// does; false if no claim passes.
func (r *reader) relation(k graph.RelationKey, f graph.RelationFilter) (graph.Relation, bool) {
	if !f.AllowsType(k.Type) {
		return graph.Relation{}, false
	}
	if byAggregate(f) {
		agg, ok := r.aggregateOf(k)
		if !ok || agg.count == 0 {
			return graph.Relation{}, false
		}
		return agg.relation(k), true
	}
	var buf [16]float64
	confidences := buf[:0]
	rel := graph.Relation{Source: k.Source, Type: k.Type, Target: k.Target}
	r.eachSummary(k, func(s summary) bool {
		if f.Passes(s.claim(k.Type)) {
			rel.Seen(s.time)
			rel.Count++
			confidences = append(confidences, s.confidence)
		}
		return true
	})
	if rel.Count == 0 {
		return graph.Relation{}, false
	}
	rel.Score = graph.ScoreOf(confidences)
	return rel, true
}

// passes reports whether any claim of the key passes the filter, without deriving the relation.
func (r *reader) passes(k graph.RelationKey, f graph.RelationFilter) bool {
	if !f.AllowsType(k.Type) {
		return false
	}
	if byAggregate(f) {
		for _, raw := range r.rawKeys(k) {
			if counted, ok := r.counted[raw]; ok {
				if counted {
					return true
				}
				continue
			}
			if a, ok := r.rawAggregate(raw); ok && a.count > 0 {
				return true
			}
		}
		return false
	}
	found := false
	r.eachSummary(k, func(s summary) bool {
		found = f.Passes(s.claim(k.Type))
		return !found
	})
	return found
}

// compareKeys orders relation keys by source, type and target.
func compareKeys(a, b graph.RelationKey) int {
	return cmp.Or(strings.Compare(a.Source, b.Source), strings.Compare(string(a.Type), string(b.Type)),
		strings.Compare(a.Target, b.Target))
}

// compareRelations orders relations as graph.SortRelations does: count (highest first), then
// source, type and target. A test holds the two to the same order.
func compareRelations(a, b graph.Relation) int {
	return cmp.Or(cmp.Compare(b.Count, a.Count), compareKeys(a.Key(), b.Key()))
}

// eachRelation calls fn with every relation of this view that passes the filter, in key
// order, starting after the key after (nil for the first), until fn returns false.
//
// Without roll-up it reads the outgoing adjacency entries, which hold the aggregates (filters by type alone) or the claim summaries by
// key (other filters), both already in key order, skipping the keys of types the filter
// leaves out. With roll-up it walks the actors in id order and derives the relations each is
// the source of from the adjacency index.
func (r *reader) eachRelation(ctx context.Context, f graph.RelationFilter, after *graph.RelationKey, fn func(graph.Relation) bool) error {
	var n int
	tick := func() error {
		if n++; n%4096 == 0 {
			return ctx.Err()
		}
		return nil
	}
	switch {
	case r.rollup != nil:
		cur := r.actors.Cursor()
		var k []byte
		if after != nil {
			k, _ = cur.Seek([]byte(after.Source))
		} else {
			k, _ = cur.First()
		}
		for ; k != nil; k, _ = cur.Next() {
			id := string(k)
			if r.up(id) != id {
				continue
			}
			r.seen, r.rawOf = nil, nil // what the last actor's keys read: no longer needed
			var keys []graph.RelationKey
			for _, fk := range r.keysFrom(id, nil) {
				if key := fk.key; f.AllowsType(key.Type) && (after == nil || compareKeys(key, *after) > 0) {
					keys = append(keys, key)
				}
			}
			slices.SortFunc(keys, compareKeys)
			for _, key := range keys {
				if err := tick(); err != nil {
					return err
				}
				if rel, ok := r.relation(key, f); ok && !fn(rel) {
					return nil
				}
			}
		}
	case byAggregate(f):
		// The outgoing adjacency entries, which hold the aggregates, in key order.
		cur := r.adjacency.Cursor()
		var k, v []byte
		if after != nil {
			start := outKey(*after)
			if k, v = cur.Seek(start); bytes.Equal(k, start) {
				k, v = cur.Next()
			}
		} else {
			k, v = cur.First()
		}
		for k != nil {
			if err := tick(); err != nil {
				return err
			}
			key, out, ok := adjacencyRelation(k)
			switch {
			case ok && !out: // past the actor's incoming entries, to its outgoing ones
				k, v = cur.Seek(join(key.Target, dirOut))
				continue
			case ok && f.AllowsType(key.Type):
				if agg := decodeAggregate(v); agg.count > 0 && !fn(agg.relation(key)) {
					return nil
				}
			}
			k, v = cur.Next()
		}
	default:
		// Each outgoing adjacency entry is followed by its key's claim entries.
		cur := r.adjacency.Cursor()
		var k, v []byte
		if after != nil {
			k, v = cur.Seek(append(outKey(*after), 1)) // past after and its claims
		} else {
			k, v = cur.First()
		}
		var buf []float64
		for k != nil {
			if err := tick(); err != nil {
				return err
			}
			key, outgoing, ok := adjacencyRelation(k)
			switch {
			case !ok:
				k, v = cur.Next()
				continue
			case !outgoing: // past the actor's incoming entries, to its outgoing ones
				k, v = cur.Seek(join(key.Target, dirOut))
				continue
			}
			prefix := append(bytes.Clone(k), 0)
			if !f.AllowsType(key.Type) {
				prefix[len(prefix)-1] = 1
				k, v = cur.Seek(prefix)
				continue
			}
			rel := graph.Relation{Source: key.Source, Type: key.Type, Target: key.Target}
			buf = buf[:0]
			for k, v = cur.Next(); k != nil && bytes.HasPrefix(k, prefix); k, v = cur.Next() {
				s := decodeSummary("", v)
				if f.Passes(s.claim(key.Type)) {
					rel.Seen(s.time)
					rel.Count++
					buf = append(buf, s.confidence)
				}
			}
			if rel.Count > 0 {
				rel.Score = graph.ScoreOf(buf)
				if !fn(rel) {
					return nil
				}
			}
		}
	}
	return nil
}

// topRelations keeps the best n relations it is given in graph.SortRelations order, in a heap
// with the worst of them at its root, and counts all it is given.
// With last set it keeps the last n instead, for a page read backward.
type topRelations struct {
	n     int
	last  bool
	heap  []graph.Relation
	total int
}

func (t *topRelations) add(rel graph.Relation) {
	t.total++
	if t.n == 0 {
		return
	}
	compare := compareRelations
	if t.last {
		compare = func(a, b graph.Relation) int { return compareRelations(b, a) }
	}
	worse := func(i, j int) bool { return compare(t.heap[i], t.heap[j]) > 0 }
	if len(t.heap) < t.n {
		t.heap = append(t.heap, rel)
		for i := len(t.heap) - 1; i > 0; {
			p := (i - 1) / 2
			if !worse(i, p) {
				break
			}
			t.heap[i], t.heap[p] = t.heap[p], t.heap[i]
			i = p
		}
		return
	}
	if compare(rel, t.heap[0]) >= 0 {
		return
	}
	t.heap[0] = rel
	for i := 0; ; {
		w := i
		if l := 2*i + 1; l < len(t.heap) && worse(l, w) {
			w = l
		}
		if r := 2*i + 2; r < len(t.heap) && worse(r, w) {
			w = r
		}
		if w == i {
			break
		}
		t.heap[i], t.heap[w] = t.heap[w], t.heap[i]
		i = w
	}
}

// sorted returns the relations kept, in graph.SortRelations order.
func (t *topRelations) sorted() []graph.Relation {
	graph.SortRelations(t.heap)
	return t.heap
}

// otherEnd returns the end of the key that is not id (id itself for a loop).
func otherEnd(k graph.RelationKey, id string) string {
	if k.Source == id {
		return k.Target
	}
	return k.Source
}
