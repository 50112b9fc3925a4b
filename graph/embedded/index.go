package embedded

import (
	"cmp"
	"slices"
	"strings"
	"sync"

	"github.com/dyadgraph/dyad/graph"
)

// index is the whole graph in memory, the form every query reads. Claims are kept once, grouped
// by relation key, so that a relation is derived from one short slice.
type index struct {
	actors   map[string]graph.Actor
	articles map[string]graph.Article
	// claims holds every claim, by relation key, in no particular order.
	claims map[graph.RelationKey][]graph.Claim
	// claimKey finds a claim's relation key by claim id.
	claimKey map[string]graph.RelationKey
	// articleClaims lists the ids of each article's claims.
	articleClaims map[string][]string
	// actorKeys holds, for each actor, the keys of the relations with it at either end.
	actorKeys map[string]map[graph.RelationKey]struct{}
	// interned holds one copy of each id and each short repeated string of the claims (type,
	// CAMEO code, modality, extractor), so that claims share them: less memory, fewer cache misses.
	interned map[string]string
	// byName caches actor ids ordered by name and id; nil when an actor has changed since.
	// Readers share the index, so the cache has a lock of its own.
	byNameMu sync.Mutex
	byName   []string
	// rollup caches the claims grouped under rolled-up keys; every write drops it.
	rollup rollupCache
}

func newIndex() *index {
	return &index{
		actors:        map[string]graph.Actor{},
		articles:      map[string]graph.Article{},
		claims:        map[graph.RelationKey][]graph.Claim{},
		claimKey:      map[string]graph.RelationKey{},
		articleClaims: map[string][]string{},
		actorKeys:     map[string]map[graph.RelationKey]struct{}{},
		interned:      map[string]string{},
	}
}

// intern returns the index's copy of s.
func (ix *index) intern(s string) string {
	if v, ok := ix.interned[s]; ok {
		return v
	}
	ix.interned[s] = s
	return s
}

// putActor stores an actor as it is (merging is done before).
func (ix *index) putActor(a graph.Actor) {
	ix.rollup.invalidate()
	if old, ok := ix.actors[a.ID]; !ok || old.Name != a.Name {
		ix.byNameMu.Lock()
		ix.byName = nil
		ix.byNameMu.Unlock()
	}
	ix.actors[a.ID] = a
}

// replaceArticle stores an article with the claims found in it, dropping the claims it had.
func (ix *index) replaceArticle(a graph.Article, claims []graph.Claim) {
	// Take the article's list first, so that removeClaim does not edit it while it is walked.
	old := ix.articleClaims[a.ID]
	delete(ix.articleClaims, a.ID)
	for _, id := range old {
		ix.removeClaim(id)
	}
	ix.articles[a.ID] = a
	for _, c := range claims {
		ix.addClaim(c)
	}
}

// addClaim stores a claim, taking it from another article that held a claim of the same id.
func (ix *index) addClaim(c graph.Claim) {
	ix.rollup.invalidate()
	if _, ok := ix.claimKey[c.ID]; ok {
		ix.removeClaim(c.ID)
	}
	for _, f := range []*string{&c.ArticleID, &c.Source, &c.Target, &c.CAMEO, &c.Extractor, &c.ExtractorVers} {
		*f = ix.intern(*f)
	}
	c.Type = graph.RelationType(ix.intern(string(c.Type)))
	c.Modality = graph.Modality(ix.intern(string(c.Modality)))
	k := graph.RelationKey{Source: c.Source, Type: c.Type, Target: c.Target}
	ix.claims[k] = append(ix.claims[k], c)
	ix.claimKey[c.ID] = k
	ix.articleClaims[c.ArticleID] = append(ix.articleClaims[c.ArticleID], c.ID)
	for _, end := range []string{c.Source, c.Target} {
		keys := ix.actorKeys[end]
		if keys == nil {
			keys = map[graph.RelationKey]struct{}{}
			ix.actorKeys[end] = keys
		}
		keys[k] = struct{}{}
	}
}

// removeClaim drops a claim from every index, and its relation key once no claim is left.
func (ix *index) removeClaim(id string) {
	ix.rollup.invalidate()
	k, ok := ix.claimKey[id]
	if !ok {
		return
	}
	delete(ix.claimKey, id)
	claims := ix.claims[k]
	i := slices.IndexFunc(claims, func(c graph.Claim) bool { return c.ID == id })
	article := claims[i].ArticleID
	claims[i] = claims[len(claims)-1]
	claims[len(claims)-1] = graph.Claim{}
	claims = claims[:len(claims)-1]
	if len(claims) > 0 {
		ix.claims[k] = claims
	} else {
		delete(ix.claims, k)
		for _, end := range []string{k.Source, k.Target} {
			delete(ix.actorKeys[end], k)
			if len(ix.actorKeys[end]) == 0 {
				delete(ix.actorKeys, end)
			}
		}
	}
	ids := ix.articleClaims[article]
	if j := slices.Index(ids, id); j >= 0 {
		ids = slices.Delete(ids, j, j+1)
	}
	if len(ids) > 0 {
		ix.articleClaims[article] = ids
	} else {
		delete(ix.articleClaims, article)
	}
}

// actorsByName returns the actor ids ordered by name, then id.
func (ix *index) actorsByName() []string {
	ix.byNameMu.Lock()
	defer ix.byNameMu.Unlock()
	if ix.byName == nil {
		ids := make([]string, 0, len(ix.actors))
		for id := range ix.actors {
			ids = append(ids, id)
		}
		slices.SortFunc(ids, func(a, b string) int { return compareByName(ix.actors[a], ix.actors[b]) })
		ix.byName = ids
	}
	return ix.byName
}

// relation derives the relation of one key of the view under the filter; false if no claim passes.
func (v view) relation(k graph.RelationKey, f graph.RelationFilter) (graph.Relation, bool) {
	return relationOf(k, v.claims[k], f)
}

// relationOf derives a relation from its claims as graph.Aggregate does, without Aggregate's
// map: queries derive tens of thousands of relations, one key at a time. A test holds the two
// to the same answers.
func relationOf(k graph.RelationKey, claims []graph.Claim, f graph.RelationFilter) (graph.Relation, bool) {
	if !f.AllowsType(k.Type) {
		return graph.Relation{}, false
	}
	r := graph.Relation{Source: k.Source, Type: k.Type, Target: k.Target}
	var buf [16]float64
	confidences := buf[:0]
	for _, c := range claims {
		if !f.Passes(c) {
			continue
		}
		r.Seen(c.Time)
		r.Count++
		confidences = append(confidences, c.Confidence)
	}
	if r.Count == 0 {
		return graph.Relation{}, false
	}
	r.Score = graph.ScoreOf(confidences)
	return r, true
}

// compareRelations orders relations as graph.SortRelations does: count (highest first), then
// source, type and target. A test holds the two to the same order.
func compareRelations(a, b graph.Relation) int {
	return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(a.Source, b.Source),
		strings.Compare(string(a.Type), string(b.Type)), strings.Compare(a.Target, b.Target))
}

// firstRelations returns the first n relations of rs in graph.SortRelations order. It reorders
// rs. For a short page of a long list it keeps the best n in a heap rather than sorting all.
func firstRelations(rs []graph.Relation, n int) []graph.Relation {
	n = min(n, len(rs))
	if n == 0 {
		return nil
	}
	if n > len(rs)/8 {
		graph.SortRelations(rs)
		return rs[:n]
	}
	// rs[:n] becomes a heap with the worst of the best n at its root.
	worse := func(i, j int) bool { return compareRelations(rs[i], rs[j]) > 0 }
	down := func(i int) {
		for {
			w := i
			if l := 2*i + 1; l < n && worse(l, w) {
				w = l
			}
			if r := 2*i + 2; r < n && worse(r, w) {
				w = r
			}
			if w == i {
				return
			}
			rs[i], rs[w] = rs[w], rs[i]
			i = w
		}
	}
	for i := n/2 - 1; i >= 0; i-- {
		down(i)
	}
	for i := n; i < len(rs); i++ {
		if compareRelations(rs[i], rs[0]) < 0 {
			rs[0], rs[i] = rs[i], rs[0]
			down(0)
		}
	}
	best := rs[:n]
	graph.SortRelations(best)
	return best
}

// passes reports whether any claim of the key passes the filter, without deriving the relation.
func (v view) passes(k graph.RelationKey, f graph.RelationFilter) bool {
	return f.AllowsType(k.Type) && slices.ContainsFunc(v.claims[k], f.Passes)
}

// otherEnd returns the end of the key that is not id (id itself for a loop).
func otherEnd(k graph.RelationKey, id string) string {
	if k.Source == id {
		return k.Target
	}
	return k.Source
}
