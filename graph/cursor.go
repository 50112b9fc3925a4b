package graph

import (
	"bytes"
	"cmp"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Paging is by keyset: a cursor holds the sort key of the item it stands for, not its
// position, so that a page boundary stays where it was while items are added before it. The
// page after a cursor starts at the first item whose key sorts after the cursor's; the page
// before it ends at the last item whose key sorts before it. An item that a cursor stands for
// need not exist any more.
//
// A cursor is opaque to clients: the base64url of the version, the kind of list and the key as
// a JSON array ("k1.rel:[3,\"RUS\",\"ASSAULT\",\"UKR\"]"). A cursor that is malformed, of an
// older version or of another kind of list is ErrInvalid.

// cursorVersion starts every cursor; a change of the encoding changes it.
const cursorVersion = "k1"

// MaxCursorBytes bounds the length of a cursor, so that a forged one cannot make a store
// compare megabytes. The longest key a cursor holds is an actor's name and id.
const MaxCursorBytes = 4096

// The kinds of list a cursor may belong to.
const (
	relationList = "rel"     // relations: count, source, type, target
	actorList    = "actor"   // actors by name: name, id
	matchList    = "match"   // actors found by a search: rank, name, id
	claimList    = "claim"   // evidence: time, claim id
	articleList  = "article" // articles: publication time (newest first, undated last), id
)

var listNames = map[string]string{relationList: "relations", actorList: "actors by name",
	matchList: "actors found by a search", claimList: "evidence", articleList: "articles"}

// Size is the number of items the page asks for, clamped to 1..MaxPageSize: Last when paging
// backward, First otherwise; DefaultPageSize when unset.
func (p Page) Size() int {
	n := p.First
	if p.Backward() {
		n = p.Last
	}
	switch {
	case n <= 0:
		return DefaultPageSize
	case n > MaxPageSize:
		return MaxPageSize
	}
	return n
}

// Backward reports whether the page is the last items of the list, or those before Before.
func (p Page) Backward() bool { return p.Last > 0 || p.Before != "" }

// Check reports ErrInvalid for a page that asks both ways, or whose cursor is malformed or of
// an older version. It does not know the kind of list: the stores check that when they read
// the cursor's key.
func (p Page) Check() error {
	if p.Backward() && (p.First > 0 || p.After != "") {
		return Errorf(ErrInvalid, "a page goes forward (first, after) or backward (last, before), not both")
	}
	if c := p.cursor(); c != "" {
		if _, _, err := splitCursor(c); err != nil {
			return err
		}
	}
	return nil
}

// cursor is the cursor the page starts after, or ends before when paging backward.
func (p Page) cursor() string {
	if p.Backward() {
		return p.Before
	}
	return p.After
}

// encodeCursor makes the cursor of an item of a list of the kind, from its key.
func encodeCursor(kind string, key ...any) string {
	b, err := json.Marshal(key)
	if err != nil {
		panic(fmt.Sprintf("graph: a cursor key of %T that JSON cannot encode: %v", key, err))
	}
	return base64.RawURLEncoding.EncodeToString(append([]byte(cursorVersion+"."+kind+":"), b...))
}

// splitCursor decodes a cursor into its kind and key.
func splitCursor(c string) (kind string, key []json.RawMessage, err error) {
	quoted := c
	if len(quoted) > 40 {
		quoted = quoted[:40] + "…"
	}
	bad := func(why string) error { return Errorf(ErrInvalid, "cursor %q %s", quoted, why) }
	if len(c) > MaxCursorBytes {
		return "", nil, bad(fmt.Sprintf("is longer than %d bytes: not a cursor this server made", MaxCursorBytes))
	}
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return "", nil, bad("is not a cursor this server made")
	}
	if bytes.HasPrefix(raw, []byte("o:")) {
		return "", nil, bad("is a position from an older dyad, not a cursor this server made; start again from the first page")
	}
	version, rest, _ := bytes.Cut(raw, []byte("."))
	kindBytes, body, ok := bytes.Cut(rest, []byte(":"))
	switch {
	case string(version) != cursorVersion && ok:
		return "", nil, bad(fmt.Sprintf("is of version %q, not a cursor this server made (%s); start again from the first page", version, cursorVersion))
	case string(version) != cursorVersion || listNames[string(kindBytes)] == "":
		return "", nil, bad("is not a cursor this server made")
	}
	if err := json.Unmarshal(body, &key); err != nil {
		return "", nil, bad("is damaged: not a cursor this server made")
	}
	return string(kindBytes), key, nil
}

// decodeCursor reads the key of a cursor of a list of the kind into fields (pointers to an int,
// a string or a time.Time, in order).
func decodeCursor(c, kind string, fields ...any) error {
	got, key, err := splitCursor(c)
	if err != nil {
		return err
	}
	if got != kind {
		return Errorf(ErrInvalid, "the cursor belongs to a list of %s, not to this list of %s", listNames[got], listNames[kind])
	}
	if len(key) != len(fields) {
		return Errorf(ErrInvalid, "the cursor of a list of %s holds %d values, not %d: not a cursor this server made", listNames[kind], len(key), len(fields))
	}
	for i, f := range fields {
		var err error
		switch f := f.(type) {
		case *time.Time:
			var s string
			if err = json.Unmarshal(key[i], &s); err == nil {
				*f, err = time.Parse(time.RFC3339Nano, s)
			}
		default:
			if string(key[i]) == "null" {
				err = fmt.Errorf("null")
			} else {
				err = json.Unmarshal(key[i], f)
			}
		}
		if err != nil {
			return Errorf(ErrInvalid, "value %d of the cursor is malformed: not a cursor this server made", i+1)
		}
	}
	return nil
}

// RelationMark is a relation's sort key, what a relation cursor holds: relations are ordered by
// count (highest first), then source, type and target.
type RelationMark struct {
	Count int
	Key   RelationKey
}

// MarkOf is the sort key of a relation.
func MarkOf(r Relation) RelationMark { return RelationMark{r.Count, r.Key()} }

// Compare orders marks as SortRelations orders relations.
func (m RelationMark) Compare(o RelationMark) int {
	return cmp.Or(cmp.Compare(o.Count, m.Count), strings.Compare(m.Key.Source, o.Key.Source),
		strings.Compare(string(m.Key.Type), string(o.Key.Type)), strings.Compare(m.Key.Target, o.Key.Target))
}

// RelationCursor is the cursor of a relation in a list of relations.
func RelationCursor(r Relation) string {
	return encodeCursor(relationList, r.Count, r.Source, r.Type, r.Target)
}

// RelationMark reads the key of the page's cursor in a list of relations; false when the page
// has no cursor.
func (p Page) RelationMark() (m RelationMark, ok bool, err error) {
	if err := p.Check(); err != nil || p.cursor() == "" {
		return m, false, err
	}
	var typ string
	if err := decodeCursor(p.cursor(), relationList, &m.Count, &m.Key.Source, &typ, &m.Key.Target); err != nil {
		return m, false, err
	}
	m.Key.Type = RelationType(typ)
	if m.Count < 0 || !m.Key.Type.Valid() {
		return m, false, Errorf(ErrInvalid, "the cursor names a relation no store holds: not a cursor this server made")
	}
	return m, true, nil
}

// ActorMark is an actor's sort key in a list of actors: Rank (SearchRank, 0 without a search),
// then name and id.
type ActorMark struct {
	Rank     int
	Name, ID string
}

// ActorMarkOf is the sort key of an actor in a list of actors found by search ("" for none).
func ActorMarkOf(a Actor, search string) ActorMark {
	m := ActorMark{Name: a.Name, ID: a.ID}
	if strings.TrimSpace(search) != "" {
		m.Rank = SearchRank(a, search)
	}
	return m
}

// Compare orders marks as ActorQuery orders actors.
func (m ActorMark) Compare(o ActorMark) int {
	return cmp.Or(cmp.Compare(m.Rank, o.Rank), strings.Compare(m.Name, o.Name), strings.Compare(m.ID, o.ID))
}

// ActorCursor is the cursor of an actor in a list of actors found by search ("" for none).
func ActorCursor(a Actor, search string) string {
	m := ActorMarkOf(a, search)
	if strings.TrimSpace(search) == "" {
		return encodeCursor(actorList, m.Name, m.ID)
	}
	return encodeCursor(matchList, m.Rank, m.Name, m.ID)
}

// ActorMark reads the key of the page's cursor in a list of actors found by search ("" for
// none); false when the page has no cursor.
func (p Page) ActorMark(search string) (m ActorMark, ok bool, err error) {
	if err := p.Check(); err != nil || p.cursor() == "" {
		return m, false, err
	}
	if strings.TrimSpace(search) == "" {
		err = decodeCursor(p.cursor(), actorList, &m.Name, &m.ID)
	} else {
		err = decodeCursor(p.cursor(), matchList, &m.Rank, &m.Name, &m.ID)
	}
	if err != nil {
		return m, false, err
	}
	if m.Rank < 0 || m.Rank > 2 {
		return m, false, Errorf(ErrInvalid, "the cursor holds a search rank of %d: not a cursor this server made", m.Rank)
	}
	return m, true, nil
}

// ClaimMark is a claim's sort key in a list of evidence: its time (zero when undated), then id.
type ClaimMark struct {
	Time time.Time
	ID   string
}

// Compare orders marks as Store.Evidence orders claims.
func (m ClaimMark) Compare(o ClaimMark) int {
	return cmp.Or(m.Time.Compare(o.Time), strings.Compare(m.ID, o.ID))
}

// ClaimMarkOf is the sort key of a claim.
func ClaimMarkOf(c Claim) ClaimMark { return ClaimMark{c.Time.UTC(), c.ID} }

// EvidenceCursor is the cursor of a claim in a list of evidence.
func EvidenceCursor(c Claim) string {
	return encodeCursor(claimList, c.Time.UTC().Format(time.RFC3339Nano), c.ID)
}

// ClaimMark reads the key of the page's cursor in a list of evidence; false when the page has
// no cursor.
func (p Page) ClaimMark() (m ClaimMark, ok bool, err error) {
	if err := p.Check(); err != nil || p.cursor() == "" {
		return m, false, err
	}
	if err := decodeCursor(p.cursor(), claimList, &m.Time, &m.ID); err != nil {
		return m, false, err
	}
	m.Time = m.Time.UTC()
	return m, true, nil
}

// ArticleMark is an article's sort key in a list of articles: its publication time (zero when
// undated), then id, ordered as CompareArticles orders articles.
type ArticleMark struct {
	Published time.Time
	ID        string
}

// ArticleMarkOf is the sort key of an article.
func ArticleMarkOf(a Article) ArticleMark { return ArticleMark{a.Published.UTC(), a.ID} }

// Compare orders marks as CompareArticles orders articles.
func (m ArticleMark) Compare(o ArticleMark) int {
	return CompareArticles(Article{ID: m.ID, Published: m.Published}, Article{ID: o.ID, Published: o.Published})
}

// ArticleCursor is the cursor of an article in a list of articles.
func ArticleCursor(a Article) string {
	return encodeCursor(articleList, a.Published.UTC().Format(time.RFC3339Nano), a.ID)
}

// ArticleMark reads the key of the page's cursor in a list of articles; false when the page has
// no cursor.
func (p Page) ArticleMark() (m ArticleMark, ok bool, err error) {
	if err := p.Check(); err != nil || p.cursor() == "" {
		return m, false, err
	}
	if err := decodeCursor(p.cursor(), articleList, &m.Published, &m.ID); err != nil {
		return m, false, err
	}
	m.Published = m.Published.UTC()
	return m, true, nil
}

// CutArticles finds the page in a list of n articles sorted by CompareArticles, at(i) being the
// i-th; it reports ErrInvalid for a cursor that is not an article cursor.
func (p Page) CutArticles(n int, at func(i int) Article) (Bounds, error) {
	m, ok, err := p.ArticleMark()
	if err != nil {
		return Bounds{}, err
	}
	return p.Cut(n, ok, func(i int) int { return ArticleMarkOf(at(i)).Compare(m) }), nil
}

// Bounds is where a page lies in a list.
type Bounds struct {
	Lo, Hi           int // the page is items [Lo, Hi) of the list
	HasPrev, HasNext bool
}

// Cut finds the page in a sorted list of n items. With a cursor (hasMark), compare(i) compares
// the key of item i with the cursor's: negative when the item sorts before it.
// The page holds the first Size items after the cursor, or the last ones before it.
func (p Page) Cut(n int, hasMark bool, compare func(i int) int) Bounds {
	var b Bounds
	if p.Backward() {
		b.Hi = n
		if hasMark {
			b.Hi = sort.Search(n, func(i int) bool { return compare(i) >= 0 })
		}
		b.Lo = max(0, b.Hi-p.Size())
	} else {
		if hasMark {
			b.Lo = sort.Search(n, func(i int) bool { return compare(i) > 0 })
		}
		b.Hi = min(n, b.Lo+p.Size())
	}
	b.HasPrev, b.HasNext = b.Lo > 0, b.Hi < n
	return b
}

// Beyond reports, for a list of total items of which past lie beyond the cursor in the page's
// direction (after it, or before it when paging backward; all of them without a cursor),
// whether items precede and follow the page.
func (p Page) Beyond(total, past int) (hasPrev, hasNext bool) {
	if p.Backward() {
		return past > p.Size(), past < total
	}
	return past < total, past > p.Size()
}

// beyond reports whether an item that compares c with the cursor's key lies beyond the cursor
// in the page's direction: after it, or before it when paging backward.
func (p Page) beyond(c int) bool {
	if p.Backward() {
		return c < 0
	}
	return c > 0
}

// RelationsBeyond keeps, in place, the relations of rs that lie beyond the page's cursor in its
// direction (all of them without a cursor), in any order. It reports ErrInvalid for a cursor
// that is not a relation cursor.
func (p Page) RelationsBeyond(rs []Relation) ([]Relation, error) {
	m, ok, err := p.RelationMark()
	if err != nil || !ok {
		return rs, err
	}
	out := rs[:0]
	for _, r := range rs {
		if p.beyond(MarkOf(r).Compare(m)) {
			out = append(out, r)
		}
	}
	return out, nil
}

// RelationPageOf makes the page of relations from the relations beyond the cursor, sorted
// (past of them), and the total.
func (p Page) RelationPageOf(sorted []Relation, past, total int) RelationPage {
	page := RelationPage{Relations: sorted, Total: total}
	page.HasPrev, page.HasNext = p.Beyond(total, past)
	if len(sorted) > 0 {
		page.EndCursor = RelationCursor(sorted[len(sorted)-1])
	}
	return page
}
