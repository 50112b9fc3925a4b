package graphtest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/dyadgraph/dyad/graph"
)

// fixtureArticles returns the fixture's articles with their claims as Articles lists them, by id.
func fixtureArticles() map[string]graph.ArticleClaims {
	out := map[string]graph.ArticleClaims{}
	for _, x := range Fixture() {
		ac := graph.ArticleClaims{Article: x.Article}
		for _, c := range x.Claims {
			ac.Claims = append(ac.Claims, withID(c))
		}
		graph.SortClaims(ac.Claims)
		out[x.Article.ID] = ac
	}
	return out
}

// checkArticles reports a difference between a page's articles and the expected ones (by id,
// each with its claims), order included.
func checkArticles(t testing.TB, what string, got []graph.ArticleClaims, ids []string) {
	t.Helper()
	all := fixtureArticles()
	var gotIDs []string
	for _, a := range got {
		gotIDs = append(gotIDs, a.Article.ID)
	}
	if !slices.Equal(gotIDs, ids) {
		t.Errorf("%s: articles %q, want %q", what, gotIDs, ids)
		return
	}
	for _, a := range got {
		want := all[a.Article.ID]
		if !sameArticle(a.Article, want.Article) {
			t.Errorf("%s: article %+v, want %+v", what, a.Article, want.Article)
		}
		if !slices.EqualFunc(a.Claims, want.Claims, sameClaim) {
			t.Errorf("%s: the claims of %s:\n%s\nwant\n%s", what, a.Article.ID, formatClaims(a.Claims), formatClaims(want.Claims))
		}
	}
}

func formatClaims(cs []graph.Claim) string {
	var out string
	for _, c := range cs {
		out += fmt.Sprintf("  %s %d %s %s %s\n", c.ID, c.Start, c.Source, c.Type, c.Target)
	}
	return out
}

// testArticles checks Store.Articles on the fixture: the order (newest first, undated last),
// paging, each condition and their combinations, and errors.
func testArticles(t *testing.T, s graph.Store) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		q    graph.ArticleQuery
		want []string
	}{
		{"all, newest first, the undated last", graph.ArticleQuery{}, []string{a4, a3, a2, a1, a5}},
		{"by ids, some unknown or repeated", graph.ArticleQuery{IDs: []string{a5, a1, "nope", a1}}, []string{a1, a5}},
		{"no ids", graph.ArticleQuery{IDs: []string{}}, nil},
		{"an actor", graph.ArticleQuery{Actor: kremlin}, []string{a4, a5}},
		{"an actor's assaults, negated ones too", graph.ArticleQuery{Actor: rus, Types: []graph.RelationType{graph.Assault}},
			[]string{a4, a2, a1, a5}},
		{"a type", graph.ArticleQuery{Types: []graph.RelationType{graph.Affiliation}}, []string{a1}},
		{"a time range leaves the undated out", graph.ArticleQuery{Since: timePtr(t2), Until: timePtr(t3)}, []string{a3, a2}},
		{"an actor since April", graph.ArticleQuery{Actor: usa, Since: timePtr(t3.AddDate(0, 0, -19))}, []string{a3}},
		{"until February", graph.ArticleQuery{Until: timePtr(t1)}, []string{a1}},
		{"ids and an actor", graph.ArticleQuery{IDs: []string{a1, a3, a4}, Actor: houthis}, []string{a3}},
		{"ids and a type", graph.ArticleQuery{IDs: []string{a1, a3, a5}, Types: []graph.RelationType{graph.Sanction, graph.Aid}},
			[]string{a3, a5}},
		{"an unknown actor", graph.ArticleQuery{Actor: "nobody"}, nil},
	} {
		page, err := s.Articles(ctx, tc.q)
		if err != nil {
			t.Errorf("Articles %s: %v", tc.name, err)
			continue
		}
		checkArticles(t, "Articles "+tc.name, page.Articles, tc.want)
		if page.Total != len(tc.want) || page.HasNext {
			t.Errorf("Articles %s: Total %d, HasNext %v; want %d, false", tc.name, page.Total, page.HasNext, len(tc.want))
		}
	}

	// Page by page, by ids as well.
	for _, ids := range [][]string{nil, {a1, a2, a3, a4, a5}} {
		q := graph.ArticleQuery{IDs: ids, Page: graph.Page{First: 2}}
		for i, want := range [][]string{{a4, a3}, {a2, a1}, {a5}} {
			page, err := s.Articles(ctx, q)
			if err != nil {
				t.Fatalf("Articles page %d: %v", i, err)
			}
			checkArticles(t, fmt.Sprintf("Articles page %d", i), page.Articles, want)
			if last := i == 2; page.Total != 5 || page.HasNext == last || page.EndCursor == "" {
				t.Errorf("Articles page %d: Total %d, HasNext %v, EndCursor %q; want 5, %v, a cursor", i, page.Total, page.HasNext, page.EndCursor, !last)
			}
			q.After = page.EndCursor
		}
	}

	tooMany := make([]string, graph.MaxPageSize+1)
	for i := range tooMany {
		tooMany[i] = fmt.Sprint("article-", i)
	}
	for _, tc := range []struct {
		name string
		q    graph.ArticleQuery
	}{
		{"too many ids", graph.ArticleQuery{IDs: tooMany}},
		{"an unknown type", graph.ArticleQuery{Types: []graph.RelationType{"HUGS"}}},
		{"until before since", graph.ArticleQuery{Since: timePtr(t3), Until: timePtr(t2)}},
		{"a foreign cursor", graph.ArticleQuery{Page: graph.Page{After: "not a cursor"}}},
	} {
		if _, err := s.Articles(ctx, tc.q); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("Articles with %s: err = %v, want ErrInvalid", tc.name, err)
		}
	}
}
