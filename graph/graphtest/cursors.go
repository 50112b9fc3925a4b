package graphtest

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/graph"
)

// A positioned list is a list whose items the test makes from numbers: each item sorts by
// its position, and its id ends with the position (see positionID). It lets testStableCursors
// insert items before, between and after the pages it has read.
type positionedList struct {
	name string
	// save stores the items at the positions.
	save func(t *testing.T, s graph.Store, positions []float64)
	// read reads one page: the positions of its items, their cursors, the total and whether
	// items precede and follow it.
	read func(t *testing.T, s graph.Store, p graph.Page) listPage
}

type listPage struct {
	positions        []float64
	cursors          []string
	total            int
	hasPrev, hasNext bool
}

// positionID is the id of the item at a position: fixed-width digits, so that ids, names and
// times made from positions sort as the positions do.
func positionID(p float64) string { return fmt.Sprintf("cur/%013.6f", p) }

func positionOf(t *testing.T, id string) float64 {
	t.Helper()
	p, err := strconv.ParseFloat(id[strings.LastIndex(id, "/")+1:], 64)
	if err != nil {
		t.Fatalf("an item %q that the test did not make", id)
	}
	return p
}

// positionTime is the time of the claim at a position: a day a unit.
func positionTime(p float64) time.Time {
	return time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(p * float64(24*time.Hour)))
}

// positionActor is the actor at a position. Names sort as positions do, and so do search ranks
// for the search "actor": below 10 the name is "Actor" itself (rank 0, then ordered by id), from
// 1000 on it does not start with the search (rank 2).
func positionActor(p float64) graph.Actor {
	id := positionID(p)
	name := "Actor " + id[4:]
	switch {
	case p < 10:
		name = "Actor"
	case p >= 1000:
		name = "Last actor " + id[4:]
	}
	return graph.Actor{ID: id, Name: name, Kind: graph.KindPerson}
}

// positionedLists are the paged lists of a Store: relations, articles, actors with and without
// search, and evidence.
func positionedLists() []positionedList {
	src := graph.Actor{ID: "cur/src", Name: "Source", Kind: graph.KindState}
	dst := graph.Actor{ID: "cur/dst", Name: "Target", Kind: graph.KindState}
	evidenceKey := graph.RelationKey{Source: src.ID, Type: graph.Assault, Target: dst.ID}
	article := func(p float64) graph.Article {
		return graph.Article{ID: "cur-article-" + positionID(p)[4:], Title: "Item " + positionID(p), Published: positionTime(p)}
	}
	saveActors := func(t *testing.T, s graph.Store, ps []float64) {
		var batch []graph.Extraction
		for _, p := range ps {
			batch = append(batch, graph.Extraction{Article: article(p), Actors: []graph.Actor{positionActor(p)}})
		}
		mustSave(t, s, batch)
	}
	readActors := func(search string) func(t *testing.T, s graph.Store, p graph.Page) listPage {
		return func(t *testing.T, s graph.Store, p graph.Page) listPage {
			t.Helper()
			page, err := s.Actors(context.Background(), graph.ActorQuery{Search: search, Page: p})
			if err != nil {
				t.Fatalf("Actors(%q, %+v): %v", search, p, err)
			}
			out := listPage{total: page.Total, hasPrev: page.HasPrev, hasNext: page.HasNext}
			for _, a := range page.Actors {
				out.positions = append(out.positions, positionOf(t, a.ID))
				out.cursors = append(out.cursors, graph.ActorCursor(a, search))
			}
			checkEndCursor(t, out, page.EndCursor)
			return out
		}
	}
	return []positionedList{
		{
			name: "Relations",
			save: func(t *testing.T, s graph.Store, ps []float64) {
				var batch []graph.Extraction
				for _, p := range ps {
					a, target := article(p), positionActor(p)
					batch = append(batch, graph.Extraction{Article: a, Actors: []graph.Actor{src, target},
						Claims: []graph.Claim{claim(a, graph.Claim{Source: src.ID, Target: target.ID, Type: graph.Support,
							Predicate: "backs", SourceText: "Source", TargetText: "Target",
							Sentence: "Source backs " + target.ID + ".", Confidence: 0.8, Time: positionTime(p)})}})
				}
				mustSave(t, s, batch)
			},
			read: func(t *testing.T, s graph.Store, p graph.Page) listPage {
				t.Helper()
				page, err := s.Relations(context.Background(), graph.RelationQuery{Source: src.ID, Page: p})
				if err != nil {
					t.Fatalf("Relations(%+v): %v", p, err)
				}
				out := listPage{total: page.Total, hasPrev: page.HasPrev, hasNext: page.HasNext}
				for _, r := range page.Relations {
					out.positions = append(out.positions, positionOf(t, r.Target))
					out.cursors = append(out.cursors, graph.RelationCursor(r))
				}
				checkEndCursor(t, out, page.EndCursor)
				return out
			},
		},
		{
			// Newest first, undated last: a higher position is an older article, from 1000 on undated.
			name: "Articles",
			save: func(t *testing.T, s graph.Store, ps []float64) {
				var batch []graph.Extraction
				for _, p := range ps {
					a := graph.Article{ID: positionID(p), Title: "Item " + positionID(p)}
					if p < 1000 {
						a.Published = positionTime(-p)
					}
					batch = append(batch, graph.Extraction{Article: a})
				}
				mustSave(t, s, batch)
			},
			read: func(t *testing.T, s graph.Store, p graph.Page) listPage {
				t.Helper()
				page, err := s.Articles(context.Background(), graph.ArticleQuery{Page: p})
				if err != nil {
					t.Fatalf("Articles(%+v): %v", p, err)
				}
				out := listPage{total: page.Total, hasPrev: page.HasPrev, hasNext: page.HasNext}
				for _, a := range page.Articles {
					out.positions = append(out.positions, positionOf(t, a.Article.ID))
					out.cursors = append(out.cursors, graph.ArticleCursor(a.Article))
				}
				checkEndCursor(t, out, page.EndCursor)
				return out
			},
		},
		{name: "Actors", save: saveActors, read: readActors("")},
		{name: "ActorSearch", save: saveActors, read: readActors("actor")},
		{
			name: "Evidence",
			save: func(t *testing.T, s graph.Store, ps []float64) {
				var batch []graph.Extraction
				for _, p := range ps {
					a := article(p)
					batch = append(batch, graph.Extraction{Article: a, Actors: []graph.Actor{src, dst},
						Claims: []graph.Claim{claim(a, graph.Claim{ID: positionID(p), Source: src.ID, Target: dst.ID,
							Type: graph.Assault, Predicate: "struck", SourceText: "Source", TargetText: "Target",
							Sentence: "Source struck Target.", Confidence: 0.8, Time: positionTime(p)})}})
				}
				mustSave(t, s, batch)
			},
			read: func(t *testing.T, s graph.Store, p graph.Page) listPage {
				t.Helper()
				pages, err := s.Evidence(context.Background(), []graph.RelationKey{evidenceKey}, graph.RelationFilter{}, p)
				if err != nil {
					t.Fatalf("Evidence(%+v): %v", p, err)
				}
				page := pages[evidenceKey]
				out := listPage{total: page.Total, hasPrev: page.HasPrev, hasNext: page.HasNext}
				for _, e := range page.Evidence {
					out.positions = append(out.positions, positionOf(t, e.Claim.ID))
					out.cursors = append(out.cursors, graph.EvidenceCursor(e.Claim))
				}
				checkEndCursor(t, out, page.EndCursor)
				return out
			},
		},
	}
}

func checkEndCursor(t *testing.T, p listPage, end string) {
	t.Helper()
	if n := len(p.cursors); n > 0 && end != p.cursors[n-1] {
		t.Errorf("EndCursor %q is not the cursor of the page's last item, %q", end, p.cursors[n-1])
	}
}

// testStableCursors pages through each list, forward and then backward, and after each of the
// first pages saves new items that sort before all, between items already read, right beside the cursor
// on the unread side, and after all. Paging on from the old cursor must return every item that
// was there once, in order, with the new items on the unread side and none of the others.
func testStableCursors(t *testing.T, open func(t *testing.T) graph.Store) {
	for _, list := range positionedLists() {
		for _, backward := range []bool{false, true} {
			name := list.name + "/Forward"
			if backward {
				name = list.name + "/Backward"
			}
			t.Run(name, func(t *testing.T) {
				withStore(t, open, func(t *testing.T, s graph.Store) { walkWhileAdding(t, s, list, backward) })
			})
		}
	}
}

func walkWhileAdding(t *testing.T, s graph.Store, list positionedList, backward bool) {
	// Items are added after each of the first addingRounds pages (a Save each: slow on Neo4j);
	// the walk then reads on to the end.
	const pageSize, addingRounds = 3, 3
	var stored []float64 // sorted
	add := func(ps ...float64) {
		list.save(t, s, ps)
		stored = append(stored, ps...)
		slices.Sort(stored)
	}
	// between is a new position strictly between a and b.
	between := func(a, b float64) float64 {
		for {
			x := math.Round((a+b)/2*1e6) / 1e6
			if x <= a || x >= b {
				t.Fatalf("no room between %v and %v", a, b)
			}
			if !slices.Contains(stored, x) {
				return x
			}
			b = x
		}
	}
	for p := 10.0; p <= 120; p += 10 {
		add(p)
	}
	want := slices.Clone(stored) // what the walk must return: what was there and what comes beyond the cursor
	var walked []float64         // in list order
	page := graph.Page{First: pageSize}
	if backward {
		page = graph.Page{Last: pageSize}
	}
	for round := 1; ; round++ {
		if round > 40 {
			t.Fatalf("the walk does not end: %v", walked)
		}
		got := list.read(t, s, page)
		if got.total != len(stored) {
			t.Errorf("page %d: total %d, want %d", round, got.total, len(stored))
		}
		if len(got.positions) == 0 {
			t.Fatalf("page %d (%+v) is empty", round, page)
		}
		hasMore, hasSeen := got.hasNext, got.hasPrev
		if backward {
			walked = append(slices.Clone(got.positions), walked...)
			hasMore, hasSeen = got.hasPrev, got.hasNext
		} else {
			walked = append(walked, got.positions...)
		}
		if hasSeen != (round > 1) {
			t.Errorf("page %d: the page says items precede it on the side already read: %v", round, hasSeen)
		}
		if !hasMore {
			break
		}
		page = graph.Page{First: pageSize, After: got.cursors[len(got.cursors)-1]}
		if backward {
			page = graph.Page{Last: pageSize, Before: got.cursors[0]}
		}
		if round > addingRounds {
			continue
		}
		// The new items: before all, between two read items, beside the cursor, after all.
		cursor := got.positions[len(got.positions)-1]
		if backward {
			cursor = got.positions[0]
		}
		seen := between(walked[0], walked[1])
		var beside float64
		i, _ := slices.BinarySearch(stored, cursor)
		if backward {
			beside = between(stored[i-1], cursor)
		} else {
			beside = between(cursor, stored[i+1])
		}
		fresh := []float64{float64(round) / 100, seen, beside, 1000 + float64(round)}
		add(fresh...)
		for _, p := range fresh {
			if (p > cursor) != backward {
				want = append(want, p)
			}
		}
	}
	slices.Sort(want)
	if !slices.Equal(walked, want) {
		t.Errorf("walking %s while adding items returned\n%v\nwant (what was there, and the items added beyond the cursor)\n%v", list.name, walked, want)
	}
}

// testForgedCursors asks for pages with cursors no server made, or made for another list: each
// is ErrInvalid. A cursor whose key sorts after every item gives an empty last page with the
// total.
func testForgedCursors(t *testing.T, s graph.Store) {
	ctx := context.Background()
	key := graph.RelationKey{Source: "RUS", Type: graph.Assault, Target: "UKR"}
	b64 := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	relation := graph.RelationCursor(graph.Relation{Source: "RUS", Type: graph.Assault, Target: "UKR", Count: 2})
	actor := graph.ActorCursor(graph.Actor{ID: "UKR", Name: "Ukraine"}, "")
	claim := graph.EvidenceCursor(graph.Claim{ID: "x", Time: t1})
	forged := map[string]string{
		"garbage":          "garbage!",
		"an old position":  b64("o:5"),
		"another version":  b64(`k0.rel:[1,"A","ASSAULT","B"]`),
		"too few values":   b64(`k1.rel:[1,"A","ASSAULT"]`),
		"a fraction":       b64(`k1.rel:[1.5,"A","ASSAULT","B"]`),
		"a negative count": b64(`k1.rel:[-1,"A","ASSAULT","B"]`),
		"an unknown type":  b64(`k1.rel:[1,"A","HUGS","B"]`),
		"a null":           b64(`k1.actor:[null,"UKR"]`),
		"a bad rank":       b64(`k1.match:[7,"Ukraine","UKR"]`),
		"a bad time":       b64(`k1.claim:["yesterday","x"]`),
		"an unknown kind":  b64(`k1.node:["x"]`),
		"not JSON":         b64(`k1.rel:[1,"A"`),
		"a long one":       b64(`k1.actor:["` + strings.Repeat("x", graph.MaxCursorBytes) + `","UKR"]`),
	}
	check := func(what string, err error) {
		t.Helper()
		if !errors.Is(err, graph.ErrInvalid) || !strings.Contains(err.Error(), "cursor") {
			t.Errorf("%s: err = %v, want ErrInvalid about the cursor", what, err)
		}
	}
	for name, c := range forged {
		for _, p := range []graph.Page{{After: c}, {Before: c}} {
			_, err := s.Actors(ctx, graph.ActorQuery{Page: p})
			check("Actors with "+name, err)
			_, err = s.Relations(ctx, graph.RelationQuery{Page: p})
			check("Relations with "+name, err)
			_, err = s.Evidence(ctx, []graph.RelationKey{key}, graph.RelationFilter{}, p)
			check("Evidence with "+name, err)
			_, err = s.Articles(ctx, graph.ArticleQuery{Page: p})
			check("Articles with "+name, err)
		}
	}
	// Cursors of another list.
	_, err := s.Actors(ctx, graph.ActorQuery{Page: graph.Page{After: relation}})
	check("Actors after a relation cursor", err)
	_, err = s.Actors(ctx, graph.ActorQuery{Search: "ukr", Page: graph.Page{After: actor}})
	check("an actor search after the cursor of actors by name", err)
	_, err = s.Relations(ctx, graph.RelationQuery{Page: graph.Page{After: claim}})
	check("Relations after an evidence cursor", err)
	_, err = s.Evidence(ctx, []graph.RelationKey{key}, graph.RelationFilter{}, graph.Page{Before: actor})
	check("Evidence before an actor cursor", err)
	_, err = s.Articles(ctx, graph.ArticleQuery{Page: graph.Page{After: claim}})
	check("Articles after an evidence cursor", err)
	_, err = s.Relations(ctx, graph.RelationQuery{Page: graph.Page{First: 2, Before: relation}})
	if !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("a page both ways: err = %v, want ErrInvalid", err)
	}

	// Keys past every item: an empty last page, with the total.
	pastActors := graph.Page{After: graph.ActorCursor(graph.Actor{ID: "~", Name: "\U0010FFFF"}, "")}
	if ap, err := s.Actors(ctx, graph.ActorQuery{Page: pastActors}); err != nil || len(ap.Actors) != 0 || ap.HasNext || !ap.HasPrev || ap.Total == 0 {
		t.Errorf("Actors past the end: %+v, %v; want an empty last page with the total", ap, err)
	}
	pastRelations := graph.Page{After: graph.RelationCursor(graph.Relation{Count: 0, Source: "~", Type: graph.Assault, Target: "~"})}
	if rp, err := s.Relations(ctx, graph.RelationQuery{Page: pastRelations}); err != nil || len(rp.Relations) != 0 || rp.HasNext || !rp.HasPrev || rp.Total == 0 {
		t.Errorf("Relations past the end: %+v, %v; want an empty last page with the total", rp, err)
	}
	since := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	if rp, err := s.Relations(ctx, graph.RelationQuery{Page: pastRelations, Filter: graph.RelationFilter{Since: &since}}); err != nil || len(rp.Relations) != 0 || rp.Total == 0 {
		t.Errorf("filtered Relations past the end: %+v, %v; want an empty last page with the total", rp, err)
	}
	pastClaims := graph.Page{After: graph.EvidenceCursor(graph.Claim{ID: "~", Time: time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)})}
	ev, err := s.Evidence(ctx, []graph.RelationKey{key}, graph.RelationFilter{}, pastClaims)
	if ep := ev[key]; err != nil || len(ep.Evidence) != 0 || ep.HasNext || !ep.HasPrev || ep.Total == 0 {
		t.Errorf("Evidence past the end: %+v, %v; want an empty last page with the total", ep, err)
	}
}
