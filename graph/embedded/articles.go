package embedded

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/dyadgraph/dyad/graph"
)

// Articles lists articles with their claims; see graph.Store.Articles. The articles to
// consider are those asked; or, when the query names an actor or types, those of the claims
// that pass, read from the claim entries of the actor's relation keys or of every key (whose
// summaries name their article); or every article. Each is then read, checked and ordered, and
// only the page's claim records are decoded.
func (s *Store) Articles(ctx context.Context, q graph.ArticleQuery) (graph.ArticlePage, error) {
	if err := graph.CheckArticleQuery(q); err != nil {
		return graph.ArticlePage{}, err
	}
	var page graph.ArticlePage
	err := s.view(ctx, func(r *reader) error {
		candidates := map[string]bool{}
		check := false
		switch {
		case q.IDs != nil:
			for _, id := range q.IDs {
				candidates[id] = true
			}
			check = q.Actor != "" || len(q.Types) > 0
		case q.Actor != "":
			for _, k := range r.keysOf(q.Actor) {
				r.eachSummary(k, func(s summary) bool {
					if q.ClaimPasses(graph.Claim{Source: k.Source, Type: k.Type, Target: k.Target}) {
						candidates[s.articleID()] = true
					}
					return true
				})
			}
		case len(q.Types) > 0:
			cur := r.adjacency.Cursor()
			for k, v := cur.First(); k != nil; k, v = cur.Next() {
				p := bytes.Split(k, []byte{0})
				if len(p) == 5 && slices.Contains(q.Types, graph.RelationType(p[2])) { // a claim entry
					candidates[decodeSummary("", v).articleID()] = true
				}
			}
		default:
			cur := r.articles.Cursor()
			for k, _ := cur.First(); k != nil; k, _ = cur.Next() {
				candidates[string(k)] = true
			}
		}
		var matches []graph.Article
		for id := range candidates {
			a, ok, err := r.article(id)
			if err != nil {
				return err
			}
			if !ok || !q.PublishedWithin(a) {
				continue
			}
			if check {
				claims, err := r.articleClaimList(id)
				if err != nil {
					return err
				}
				if !slices.ContainsFunc(claims, q.ClaimPasses) {
					continue
				}
			}
			matches = append(matches, a)
		}
		slices.SortFunc(matches, graph.CompareArticles)
		b, err := q.Page.CutArticles(len(matches), func(i int) graph.Article { return matches[i] })
		if err != nil {
			return err
		}
		page = graph.ArticlePage{Total: len(matches), HasPrev: b.HasPrev, HasNext: b.HasNext}
		if b.Hi > b.Lo {
			page.EndCursor = graph.ArticleCursor(matches[b.Hi-1])
		}
		for _, a := range matches[b.Lo:b.Hi] {
			claims, err := r.articleClaimList(a.ID)
			if err != nil {
				return err
			}
			page.Articles = append(page.Articles, graph.ArticleClaims{Article: a, Claims: claims})
		}
		return nil
	})
	if err != nil {
		return graph.ArticlePage{}, err
	}
	return page, nil
}

// articleClaimList reads an article's claim records, in graph.SortClaims' order.
func (r *reader) articleClaimList(id string) ([]graph.Claim, error) {
	var out []graph.Claim
	prefix := articlePrefix(id)
	cur := r.articleClaims.Cursor()
	for k, v := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = cur.Next() {
		var c graph.Claim
		if err := json.Unmarshal(v, &c); err != nil {
			return nil, fmt.Errorf("claim %q: corrupt record: %w", k[len(prefix):], err)
		}
		out = append(out, c)
	}
	graph.SortClaims(out)
	return out, nil
}
