package server_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/server"
)

// Cursors stay put while data is added: a client pages through relations, actors and evidence
// over HTTP, forward and backward, while articles are saved that add items before, between and
// after the pages it has read. Paging on from its old cursors returns every item that was there
// once, in order, plus the new items on the side it has not read yet.
func TestCursorsStableWhileDataIsAdded(t *testing.T) {
	lists := []struct {
		name, field string // the connection's query, with %s for its arguments and fields
	}{
		{"relations", `relations(source: "cur/src", %s) { %s }`},
		{"articles", `articles(%s) { %s }`},
		{"actors", `actors(kind: PERSON, %s) { %s }`},
		{"evidence", `relation(id: "cur/src|ASSAULT|cur/dst") { evidence(%s) { %s } }`},
	}
	for _, list := range lists {
		for _, backward := range []bool{false, true} {
			name := list.name + "/forward"
			if backward {
				name = list.name + "/backward"
			}
			t.Run(name, func(t *testing.T) {
				s := openStore(t)
				ts := httptest.NewServer(server.New(s, server.WithLogger(testLogger(t))))
				defer ts.Close()
				walkOverHTTP(t, s, ts.URL, list.name, list.field, backward)
			})
		}
	}
}

func walkOverHTTP(t *testing.T, s graph.Store, url, list, field string, backward bool) {
	var stored []float64 // sorted
	add := func(ps ...float64) {
		t.Helper()
		if err := s.Save(context.Background(), positionedBatch(list, ps)); err != nil {
			t.Fatal(err)
		}
		stored = append(stored, ps...)
		slices.Sort(stored)
	}
	// between is a new position strictly between a and b.
	between := func(a, b float64) float64 {
		for {
			x := math.Round((a+b)/2*1e6) / 1e6 // as its id spells it
			if x <= a || x >= b {
				t.Fatalf("no room between %v and %v", a, b)
			}
			if !slices.Contains(stored, x) {
				return x
			}
			b = x
		}
	}
	read := func(args string) pagedIDs {
		t.Helper()
		const fields = `totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`
		body, _ := json.Marshal(map[string]string{"query": "{ " + fmt.Sprintf(field, args, fields) + " }"})
		resp, err := http.Post(url+"/graphql", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out struct {
			Data   map[string]json.RawMessage
			Errors []gqlError
		}
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || len(out.Errors) > 0 {
			t.Fatalf("%s(%s): %v %+v", list, args, err, out.Errors)
		}
		conn := out.Data[list]
		if list == "evidence" {
			var rel struct{ Evidence json.RawMessage }
			mustDecode(t, out.Data["relation"], &rel)
			conn = rel.Evidence
		}
		var p pagedIDs
		mustDecode(t, conn, &p)
		return p
	}
	for p := 10.0; p <= 100; p += 10 {
		add(p)
	}
	want := slices.Clone(stored)
	var walked []float64
	args := "first: 3"
	if backward {
		args = "last: 3"
	}
	for round := 1; ; round++ {
		if round > 30 {
			t.Fatalf("the walk does not end: %v", walked)
		}
		p := read(args)
		if p.TotalCount != len(stored) || len(p.Edges) == 0 {
			t.Fatalf("page %d: %d items, totalCount %d; want some of %d", round, len(p.Edges), p.TotalCount, len(stored))
		}
		var got []float64
		for _, e := range p.Edges {
			got = append(got, positionOfID(t, e.Node.ID, list))
		}
		more, start, end := p.PageInfo.HasNextPage, *p.PageInfo.StartCursor, *p.PageInfo.EndCursor
		if start != p.Edges[0].Cursor || end != p.Edges[len(p.Edges)-1].Cursor {
			t.Errorf("page %d: pageInfo's cursors are not its edges'", round)
		}
		if backward {
			walked, more = append(got, walked...), p.PageInfo.HasPreviousPage
		} else {
			walked = append(walked, got...)
		}
		if !more {
			break
		}
		cursor := got[len(got)-1]
		if backward {
			cursor = got[0]
		}
		// beside sorts right next to the cursor's item, on the side not read yet.
		i, beside := slices.Index(stored, cursor), 0.0
		switch {
		case backward && i == 0:
			beside = between(0, cursor)
		case backward:
			beside = between(stored[i-1], cursor)
		case i+1 == len(stored):
			beside = between(cursor, cursor+1)
		default:
			beside = between(cursor, stored[i+1])
		}
		fresh := []float64{float64(round) / 10, between(walked[0], walked[1]), beside, 1000 + float64(round)}
		add(fresh...)
		for _, f := range fresh {
			if (f > cursor) != backward {
				want = append(want, f)
			}
		}
		args = fmt.Sprintf("first: 3, after: %q", end)
		if backward {
			args = fmt.Sprintf("last: 3, before: %q", start)
		}
	}
	slices.Sort(want)
	if !slices.Equal(walked, want) {
		t.Errorf("walked\n%v\nwant what was there and what was added beyond the cursor\n%v", walked, want)
	}
}

// positionedBatch saves, for each position, an item of the list that sorts by the position:
// a relation from cur/src, an article (newest first: a higher position is older, and undated
// from 1000 on), a person, or a claim of cur/src ASSAULT cur/dst.
func positionedBatch(list string, ps []float64) []graph.Extraction {
	src := graph.Actor{ID: "cur/src", Name: "Source", Kind: graph.KindState}
	dst := graph.Actor{ID: "cur/dst", Name: "Target", Kind: graph.KindState}
	var batch []graph.Extraction
	for _, p := range ps {
		label := fmt.Sprintf("%013.6f", p)
		when := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(p * float64(time.Hour)))
		art := graph.Article{ID: "cur-article-" + label, Title: "Item " + label, Published: when}
		person := graph.Actor{ID: "cur/" + label, Name: "Person " + label, Kind: graph.KindPerson}
		c := graph.Claim{ArticleID: art.ID, Source: src.ID, Target: person.ID, Type: graph.Support, CAMEO: "05",
			Predicate: "backs", SourceText: "Source", TargetText: "Person", Sentence: "Source backs a person.",
			Confidence: 0.8, Modality: graph.Asserted, Time: when, Extractor: "test", ExtractorVers: "1"}
		c.End = len(c.Sentence)
		x := graph.Extraction{Article: art, Actors: []graph.Actor{src, dst, person}}
		switch list {
		case "articles":
			x.Article.ID, x.Article.Published = "cur/"+label, time.Time{}
			if p < 1000 {
				x.Article.Published = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Add(-time.Duration(p * float64(time.Hour)))
			}
		case "relations":
			x.Claims = []graph.Claim{c}
		case "evidence":
			c.ID, c.Target, c.Type, c.CAMEO = "cur/"+label, dst.ID, graph.Assault, "19"
			x.Claims = []graph.Claim{c}
		}
		batch = append(batch, x)
	}
	return batch
}

// positionOfID reads the position back from an item's id: a relation's target, an actor's id
// or a claim's id end with it.
func positionOfID(t *testing.T, id, list string) float64 {
	t.Helper()
	if list == "relations" {
		id = strings.TrimPrefix(id, "cur/src|SUPPORT|")
	}
	p, err := strconv.ParseFloat(strings.TrimPrefix(id, "cur/"), 64)
	if err != nil {
		t.Fatalf("an item %q the test did not make", id)
	}
	return p
}

// A cursor of another list, or from the offset cursors of an older dyad, is refused with a
// message that says so.
func TestForeignCursorsAreBadInput(t *testing.T) {
	c := newClient(t, seededStore(t))
	var rels struct{ Relations pagedIDs }
	mustQuery(t, c, `{ relations(first: 1) { edges { cursor node { id } } } }`, &rels)
	relation := rels.Relations.Edges[0].Cursor
	old := base64.RawURLEncoding.EncodeToString([]byte("o:3"))
	for _, tc := range []struct{ query, want string }{
		{fmt.Sprintf(`{ actors(after: %q) { totalCount } }`, relation), "belongs to a list of relations, not to this list of actors by name"},
		{fmt.Sprintf(`{ actors(search: "ukr", last: 2, before: %q) { totalCount } }`, relation), "belongs to a list of relations"},
		{fmt.Sprintf(`{ relation(id: "RUS|ASSAULT|UKR") { evidence(after: %q) { totalCount } } }`, relation), "not to this list of evidence"},
		{fmt.Sprintf(`{ relations(after: %q) { totalCount } }`, old), "a position from an older dyad"},
		{`{ relations(last: 1, before: "") { totalCount } }`, "pass a pageInfo.startCursor"},
	} {
		if e := wantCode(t, c, tc.query, "BAD_USER_INPUT"); !strings.Contains(e.Message, tc.want) {
			t.Errorf("%s: message %q, want it to say %q", tc.query, e.Message, tc.want)
		}
	}
}
