package server

import (
	"context"

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
	}
	return out, nil
}

// knowArticles primes the article claims loader with articles listed with their claims, and
// announces the claims' actors, which then load together.
func (b *batches) knowArticles(articles []graph.ArticleClaims) {
	var actors []string
	for _, a := range articles {
		b.articleClaims.prime(a.Article.ID, a.Claims)
		for _, c := range a.Claims {
			actors = append(actors, c.Source, c.Target)
		}
	}
	b.actorSiblings.announce(actors)
}

// claimsOf loads the claims of an article, with those of the articles listed with it.
func (b *batches) claimsOf(ctx context.Context, article graph.Article) ([]graph.Claim, error) {
	claims, _, err := b.articleClaims.load(ctx, article.ID)
	if err != nil {
		return nil, err
	}
	if len(claims) > 0 {
		var actors []string
		for _, c := range claims {
			actors = append(actors, c.Source, c.Target)
		}
		b.actorSiblings.announce(actors)
	}
	return claims, nil
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
