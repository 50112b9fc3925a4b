package server_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"
)

type pagedIDs struct {
	Edges []struct {
		Cursor string
		Node   struct{ ID string }
	}
	PageInfo struct {
		HasNextPage, HasPreviousPage bool
		StartCursor, EndCursor       *string
	}
	TotalCount int
}

// TestBackwardPaging: last/before page backward through actors, relations and evidence: walking
// from the end with last and each page's startCursor as before yields the whole list, in order.
func TestBackwardPaging(t *testing.T) {
	c := newClient(t, seededStore(t))
	for _, list := range []struct{ name, query string }{
		{"relations", `relations(%s) { %s }`},
		{"actors", `actors(%s) { %s }`},
		{"evidence", `relation(id: "RUS|ASSAULT|UKR") { evidence(%s) { %s } }`},
	} {
		t.Run(list.name, func(t *testing.T) {
			const fields = `totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`
			page := func(args string) pagedIDs {
				t.Helper()
				data, errs := post(t, c, "{ "+fmt.Sprintf(list.query, args, fields)+" }")
				if len(errs) > 0 {
					t.Fatalf("%s(%s): %v", list.name, args, errs)
				}
				var raw map[string]json.RawMessage
				mustDecode(t, data, &raw)
				conn := raw[list.name]
				if list.name == "evidence" {
					var rel struct {
						Relation struct{ Evidence json.RawMessage }
					}
					mustDecode(t, data, &rel)
					conn = rel.Relation.Evidence
				}
				var p pagedIDs
				mustDecode(t, conn, &p)
				return p
			}
			ids := func(p pagedIDs) []string {
				var out []string
				for _, e := range p.Edges {
					out = append(out, e.Node.ID)
				}
				return out
			}
			all := ids(page("first: 1000"))
			if len(all) < 2 {
				t.Fatalf("the seeded %s are too few to page: %v", list.name, all)
			}
			var back []string
			p := page("last: 2")
			if p.PageInfo.HasNextPage || p.PageInfo.HasPreviousPage != (len(all) > 2) || p.TotalCount != len(all) {
				t.Errorf("last: 2 of %d: pageInfo %+v, totalCount %d", len(all), p.PageInfo, p.TotalCount)
			}
			for steps := 0; ; steps++ {
				back = append(ids(p), back...)
				if !p.PageInfo.HasPreviousPage || steps > len(all) {
					break
				}
				p = page(fmt.Sprintf("last: 2, before: %q", *p.PageInfo.StartCursor))
				if !p.PageInfo.HasNextPage {
					t.Errorf("a page before another says nothing follows it: %+v", p.PageInfo)
				}
			}
			if !slices.Equal(back, all) {
				t.Errorf("paging backward gave %v, forward %v", back, all)
			}
			// Cursors work both ways: the items after the first page's end are the rest.
			first := page("first: 1")
			rest := ids(page(fmt.Sprintf("first: 1000, after: %q", first.Edges[0].Cursor)))
			if !slices.Equal(rest, all[1:]) {
				t.Errorf("after the first item: %v, want %v", rest, all[1:])
			}
		})
	}
	if _, errs := post(t, c, `{ actors(first: 2, last: 2) { totalCount } }`); len(errs) == 0 || errs[0].Extensions["code"] != "BAD_USER_INPUT" {
		t.Errorf("first with last: %v, want BAD_USER_INPUT", errs)
	}
	if _, errs := post(t, c, `{ actors(last: 2, before: "bogus") { totalCount } }`); len(errs) == 0 || errs[0].Extensions["code"] != "BAD_USER_INPUT" {
		t.Errorf("a forged before: %v, want BAD_USER_INPUT", errs)
	}
}
