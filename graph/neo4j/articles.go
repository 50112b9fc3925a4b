package neo4j

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/dyadgraph/dyad/graph"
	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Articles lists articles with their claims; see graph.Store.Articles. Asked by ids, it costs one
// query, which returns the articles with their claims (through REPORTED_IN). Otherwise it costs
// two in one read transaction: the matching articles' ids and dates, which are ordered and cut in
// Go (Neo4j would compare ids by UTF-16 code units, not byte by byte), then that query for the
// page.
func (s *Store) Articles(ctx context.Context, q graph.ArticleQuery) (graph.ArticlePage, error) {
	if err := graph.CheckArticleQuery(q); err != nil {
		return graph.ArticlePage{}, err
	}
	params := map[string]any{"undated": dbTime(time.Time{})}
	articleConds := []string{"true"}
	if q.Since != nil || q.Until != nil {
		articleConds = append(articleConds, "a.published > $undated")
	}
	if q.Since != nil {
		articleConds = append(articleConds, "a.published >= $since")
		params["since"] = dbTime(*q.Since)
	}
	if q.Until != nil {
		articleConds = append(articleConds, "a.published <= $until")
		params["until"] = dbTime(*q.Until)
	}
	claimConds := []string{"true"}
	if q.Actor != "" {
		claimConds = append(claimConds, "(c.source = $actor OR c.target = $actor)")
		params["actor"] = q.Actor
	}
	if len(q.Types) > 0 {
		claimConds = append(claimConds, "c.type IN $types")
		params["types"] = typeStrings(q.Types)
	}
	aWhere, cWhere := strings.Join(articleConds, " AND "), strings.Join(claimConds, " AND ")

	page, err := read(ctx, s, func(tx driver.ManagedTransaction) (graph.ArticlePage, error) {
		if q.IDs != nil {
			params["ids"] = q.IDs
			match := "MATCH (a:Article) WHERE a.id IN $ids AND " + aWhere
			if q.Actor != "" || len(q.Types) > 0 {
				match += "\n  AND EXISTS { MATCH (c:Claim)-[:REPORTED_IN]->(a) WHERE " + cWhere + " }"
			}
			found, err := articlesWithClaims(ctx, tx, match, params)
			if err != nil {
				return graph.ArticlePage{}, err
			}
			slices.SortFunc(found, func(a, b graph.ArticleClaims) int { return graph.CompareArticles(a.Article, b.Article) })
			b, err := q.Page.CutArticles(len(found), func(i int) graph.Article { return found[i].Article })
			out := graph.ArticlePage{Articles: found[b.Lo:b.Hi], Total: len(found), HasPrev: b.HasPrev, HasNext: b.HasNext}
			if b.Hi > b.Lo {
				out.EndCursor = graph.ArticleCursor(found[b.Hi-1].Article)
			}
			return out, err
		}
		var match string
		switch {
		case q.Actor != "":
			match = `CALL {
  MATCH (c:Claim) WHERE c.source = $actor RETURN c
  UNION ALL
  MATCH (c:Claim) WHERE c.target = $actor RETURN c
}
WITH c WHERE ` + cWhere + `
WITH DISTINCT c.article AS id
MATCH (a:Article {id: id}) WHERE ` + aWhere
		case len(q.Types) > 0:
			match = "MATCH (c:Claim) WHERE " + cWhere + "\nWITH DISTINCT c.article AS id\nMATCH (a:Article {id: id}) WHERE " + aWhere
		default:
			match = "MATCH (a:Article) WHERE " + aWhere
		}
		recs, err := collect(ctx, tx, match+"\nRETURN a.id AS id, a.published AS published", params)
		if err != nil {
			return graph.ArticlePage{}, err
		}
		all := make([]graph.Article, len(recs))
		for i, r := range recs {
			all[i] = graph.Article{ID: asString(get(r, "id")), Published: asTime(get(r, "published"))}
		}
		slices.SortFunc(all, graph.CompareArticles)
		b, err := q.Page.CutArticles(len(all), func(i int) graph.Article { return all[i] })
		if err != nil {
			return graph.ArticlePage{}, err
		}
		out := graph.ArticlePage{Total: len(all), HasPrev: b.HasPrev, HasNext: b.HasNext}
		lo, hi := b.Lo, b.Hi
		if hi == lo {
			return out, nil
		}
		ids := make([]string, 0, hi-lo)
		for _, a := range all[lo:hi] {
			ids = append(ids, a.ID)
		}
		found, err := articlesWithClaims(ctx, tx, "MATCH (a:Article) WHERE a.id IN $ids", map[string]any{"ids": ids})
		if err != nil {
			return graph.ArticlePage{}, err
		}
		byID := make(map[string]graph.ArticleClaims, len(found))
		for _, f := range found {
			byID[f.Article.ID] = f
		}
		for _, id := range ids {
			if f, ok := byID[id]; ok {
				out.Articles = append(out.Articles, f)
			}
		}
		if n := len(out.Articles); n > 0 {
			out.EndCursor = graph.ArticleCursor(out.Articles[n-1].Article)
		}
		return out, nil
	})
	if err != nil {
		return graph.ArticlePage{}, fmt.Errorf("neo4j: articles: %w", err)
	}
	return page, nil
}

// articlesWithClaims runs match, which binds articles to a, and returns each with its claims.
func articlesWithClaims(ctx context.Context, tx driver.ManagedTransaction, match string, params map[string]any) ([]graph.ArticleClaims, error) {
	recs, err := collect(ctx, tx, match+"\nRETURN properties(a) AS a, [(c:Claim)-[:REPORTED_IN]->(a) | properties(c)] AS claims", params)
	if err != nil {
		return nil, err
	}
	out := make([]graph.ArticleClaims, len(recs))
	for i, r := range recs {
		out[i].Article = articleFrom(asMap(get(r, "a")))
		for _, c := range asList(get(r, "claims")) {
			out[i].Claims = append(out[i].Claims, claimFrom(asMap(c)))
		}
		graph.SortClaims(out[i].Claims)
	}
	return out, nil
}
