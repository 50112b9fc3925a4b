package server

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/dyadgraph/dyad/graph"
)

// fetchArticleClaims loads the claims of many articles: one Store.Articles call by ids for each
// MaxPageSize of them. An article that is not stored has no entry.
func (b *batches) fetchArticleClaims(ctx context.Context, ids []string) (map[string][]graph.Claim, error) {
	out := make(map[string][]graph.Claim, len(ids))
	for lo := 0; lo < len(ids); lo += graph.MaxPageSize {
		chunk := ids[lo:min(lo+graph.MaxPageSize, len(ids))]
		page, err := b.store.Articles(ctx, graph.ArticleQuery{IDs: chunk, Page: graph.Page{First: graph.MaxPageSize}})
		if err != nil {
			return nil, err
		}
		for _, a := range page.Articles {
			out[a.Article.ID] = a.Claims
		}
		b.announceClaimActors(page.Articles)
	}
	return out, nil
}

// knowArticles primes the article claims loader with a list of articles and their claims. When
// the query asks for the claims, it announces their actors as one list, so that they load in
// one call however the articles' fields are scheduled.
func (b *batches) knowArticles(articles []graph.ArticleClaims, claimsAsked bool) {
	for _, a := range articles {
		b.articleClaims.prime(a.Article.ID, a.Claims)
	}
	if claimsAsked {
		b.announceClaimActors(articles)
	}
}

// announceClaimActors announces the actors of the articles' claims as one list.
func (b *batches) announceClaimActors(articles []graph.ArticleClaims) {
	var actors []string
	for _, a := range articles {
		for _, c := range a.Claims {
			actors = append(actors, c.Source, c.Target)
		}
	}
	b.actorSiblings.announce(actors)
}

// claimsOf loads the claims of an article, with those of the articles listed with it.
func (b *batches) claimsOf(ctx context.Context, article graph.Article) ([]graph.Claim, error) {
	claims, _, err := b.articleClaims.load(ctx, article.ID)
	return claims, err
}

// selects reports whether the field being resolved selects a field of this name anywhere
// beneath it, through fragments too.
func selects(ctx context.Context, name string) bool {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil {
		return false
	}
	var walk func(ast.SelectionSet) bool
	walk = func(set ast.SelectionSet) bool {
		for _, sel := range set {
			switch s := sel.(type) {
			case *ast.Field:
				if s.Name == name || walk(s.SelectionSet) {
					return true
				}
			case *ast.InlineFragment:
				if walk(s.SelectionSet) {
					return true
				}
			case *ast.FragmentSpread:
				if s.Definition != nil && walk(s.Definition.SelectionSet) {
					return true
				}
			}
		}
		return false
	}
	return walk(fc.Field.Selections)
}

// listedEvidence announces the articles of a batch of evidence pages, whose claims will then be
// loaded together.
func (b *batches) listedEvidence(pages map[graph.RelationKey]graph.EvidencePage) {
	var ids []string
	for _, p := range pages {
		for _, e := range p.Evidence {
			ids = append(ids, e.Article.ID)
		}
	}
	b.articleSiblings.announce(ids)
}
