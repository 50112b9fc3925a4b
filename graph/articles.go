package graph

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// ArticleQuery selects articles. The conditions combine: an article passes when it is among IDs
// (when given), was published within [Since, Until] (either bound optional; an undated article
// is in no time range), and, when Actor or Types is set, has a claim (negated ones included) with
// Actor as its source or target and a type among Types (any if empty). Roll-up does not apply.
type ArticleQuery struct {
	IDs          []string // only these articles (nil for any); at most MaxPageSize different ids
	Actor        string
	Types        []RelationType
	Since, Until *time.Time
	Page
}

// ArticlePage is one page of articles, each with its claims.
type ArticlePage struct {
	Articles  []ArticleClaims
	Total     int
	EndCursor string
	HasNext   bool
	HasPrev   bool
}

// ArticleClaims is an article with every claim found in it, whatever the query's conditions,
// ordered by where their sentences start, then by id.
type ArticleClaims struct {
	Article Article
	Claims  []Claim
}

// CheckArticleQuery reports ErrInvalid for more than MaxPageSize ids, an unknown type, an inverted
// time range or a cursor this package did not make.
func CheckArticleQuery(q ArticleQuery) error {
	if ids := slices.Compact(slices.Sorted(slices.Values(q.IDs))); len(ids) > MaxPageSize {
		return Errorf(ErrInvalid, "at most %d article ids may be asked at once; %d were given", MaxPageSize, len(ids))
	}
	for _, t := range q.Types {
		if !t.Valid() {
			return Errorf(ErrInvalid, "unknown relation type %q", t)
		}
	}
	if q.Since != nil && q.Until != nil && q.Until.Before(*q.Since) {
		return Errorf(ErrInvalid, "until %s is before since %s", q.Until, q.Since)
	}
	_, _, err := q.Page.ArticleMark()
	return err
}

// PublishedWithin reports whether an article passes the query's time range.
func (q ArticleQuery) PublishedWithin(a Article) bool {
	if q.Since == nil && q.Until == nil {
		return true
	}
	return !a.Published.IsZero() && (q.Since == nil || !a.Published.Before(*q.Since)) &&
		(q.Until == nil || !a.Published.After(*q.Until))
}

// ClaimPasses reports whether a claim makes its article pass the query's Actor and Types.
func (q ArticleQuery) ClaimPasses(c Claim) bool {
	return (q.Actor == "" || c.Source == q.Actor || c.Target == q.Actor) &&
		(len(q.Types) == 0 || slices.Contains(q.Types, c.Type))
}

// CompareArticles orders articles as Store.Articles lists them: newest first, undated last, then
// by id, byte by byte.
func CompareArticles(a, b Article) int {
	switch {
	case a.Published.IsZero() != b.Published.IsZero():
		if a.Published.IsZero() {
			return 1
		}
		return -1
	case !a.Published.Equal(b.Published):
		return b.Published.Compare(a.Published)
	}
	return strings.Compare(a.ID, b.ID)
}

// SortClaims orders an article's claims as ArticleClaims holds them: by start, then id.
func SortClaims(cs []Claim) {
	slices.SortFunc(cs, func(a, b Claim) int { return cmp.Or(cmp.Compare(a.Start, b.Start), strings.Compare(a.ID, b.ID)) })
}
