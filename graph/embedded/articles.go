package embedded

import (
	"context"
	"slices"

	"github.com/dyadgraph/dyad/graph"
)

// Articles lists articles with their claims; see graph.Store.Articles. It reads the index through
// a few primitives: an article by id (or every article), an article's claim ids and a claim by id
// (ix.articleClaimList), and, when the query names an actor or types, the claims of the actor's
// relation keys or of the keys of those types, which give the articles to consider.
func (s *Store) Articles(ctx context.Context, q graph.ArticleQuery) (graph.ArticlePage, error) {
	if err := graph.CheckArticleQuery(q); err != nil {
		return graph.ArticlePage{}, err
	}
	ix, done, err := s.read(ctx)
	if err != nil {
		return graph.ArticlePage{}, err
	}
	defer done()
	// The articles to consider: those asked, checked below; or those of the claims that pass, an
	// actor's or of the types asked; or all.
	candidates := map[string]bool{}
	check := false
	switch {
	case q.IDs != nil:
		for _, id := range q.IDs {
			candidates[id] = true
		}
		check = q.Actor != "" || len(q.Types) > 0
	case q.Actor != "" || len(q.Types) > 0:
		consider := func(claims []graph.Claim) {
			for _, c := range claims {
				if q.ClaimPasses(c) {
					candidates[c.ArticleID] = true
				}
			}
		}
		if q.Actor != "" {
			for k := range ix.actorKeys[q.Actor] {
				consider(ix.claims[k])
			}
		} else {
			for k, claims := range ix.claims {
				if slices.Contains(q.Types, k.Type) {
					consider(claims)
				}
			}
		}
	default:
		for id := range ix.articles {
			candidates[id] = true
		}
	}
	var matches []graph.Article
	for id := range candidates {
		a, ok := ix.articles[id]
		if !ok || !q.PublishedWithin(a) || check && !slices.ContainsFunc(ix.articleClaimList(id), q.ClaimPasses) {
			continue
		}
		matches = append(matches, a)
	}
	slices.SortFunc(matches, graph.CompareArticles)
	b, err := q.Page.CutArticles(len(matches), func(i int) graph.Article { return matches[i] })
	if err != nil {
		return graph.ArticlePage{}, err
	}
	page := graph.ArticlePage{Total: len(matches), HasPrev: b.HasPrev, HasNext: b.HasNext}
	for _, a := range matches[b.Lo:b.Hi] {
		page.Articles = append(page.Articles, graph.ArticleClaims{Article: a, Claims: ix.articleClaimList(a.ID)})
	}
	if b.Hi > b.Lo {
		page.EndCursor = graph.ArticleCursor(matches[b.Hi-1])
	}
	return page, nil
}

// articleClaimList returns copies of an article's claims, in graph.SortClaims' order.
func (ix *index) articleClaimList(id string) []graph.Claim {
	var out []graph.Claim
	for _, cid := range ix.articleClaims[id] {
		k := ix.claimKey[cid]
		if i := slices.IndexFunc(ix.claims[k], func(c graph.Claim) bool { return c.ID == cid }); i >= 0 {
			out = append(out, ix.claims[k][i])
		}
	}
	graph.SortClaims(out)
	return out
}
