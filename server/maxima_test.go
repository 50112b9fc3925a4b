package server_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dyadgraph/dyad/server"
)

// The largest queries the schema's documentation promises run under the default complexity
// limit, the documented costs are the ones the server computes, and the next step up is
// refused: for its complexity, or for its limit with a pointer to the export.
func TestDocumentedMaximaRun(t *testing.T) {
	const (
		explorerActor = `distance actor { id name kind country }`
		explorerEdge  = `id type quad count score firstSeen lastSeen source { id } target { id }`
	)
	evidence := func(n int) string {
		return fmt.Sprintf(`{ relations(first: 200) { nodes { type evidence(first: %d) { nodes { sentence article { title url published } } } } } }`, n)
	}
	neighbourhood := func(limit int, edge string) string {
		return fmt.Sprintf(`{ neighborhood(actor: "UKR", hops: 3, limit: %d) { truncated nodes { %s } edges { %s } } }`, limit, explorerActor, edge)
	}
	cases := []struct {
		name, query string
		cost        int  // as documented in the schema and README; 0: not documented
		runs        bool // under the default limit
	}{
		{"relations(first: 200) with evidence(first: 50)", evidence(50), 60_610, true},
		{"relations(first: 200) with evidence(first: 100)", evidence(100), 120_610, false},
		{"neighborhood(limit: 1000), the explorer's fields", neighbourhood(1000, explorerEdge), 97_010, true},
		{"neighborhood(limit: 1000), one more field a relation", neighbourhood(1000, explorerEdge+" cameo"), 0, false},
		{"subgraph(limit: 1000), the explorer's fields", `{ subgraph(actors: ["UKR", "RUS"], hops: 3, limit: 1000) {
			truncated nodes { ` + explorerActor + ` } edges { ` + explorerEdge + ` } } }`, 97_010, true},
		{"neighbors(limit: 1000) with nodes and edges", `{ neighbors(actor: "UKR", limit: 1000) { totalCount
			nodes { count score actor { id name kind country } } edges { ` + explorerEdge + ` } } }`, 0, true},
		{"neighbors(limit: 1000, among: true), ids only", `{ neighbors(actor: "UKR", limit: 1000, among: true) {
			nodes { actor { id } } edges { type count source { id } target { id } } } }`, 0, true},
	}
	c := newClient(t, seededStore(t))
	weigher := newClient(t, seededStore(t), server.WithComplexityLimit(1))
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.cost != 0 {
				e := wantCode(t, weigher, tc.query, "COMPLEXITY_LIMIT_EXCEEDED")
				if want := fmt.Sprintf("complexity %d,", tc.cost); !strings.Contains(e.Message, want) {
					t.Errorf("weighed as %q; the documentation says %s", e.Message, want)
				}
			}
			if !tc.runs {
				wantCode(t, c, tc.query, "COMPLEXITY_LIMIT_EXCEEDED")
				return
			}
			var out map[string]any
			mustQuery(t, c, tc.query, &out)
		})
	}
	for _, q := range []string{neighbourhood(1001, "type"), `{ neighbors(actor: "UKR", limit: 5000) { totalCount } }`,
		`{ subgraph(actors: ["UKR"], limit: 1001) { truncated } }`} {
		e := wantCode(t, c, q, "BAD_USER_INPUT")
		if !strings.Contains(e.Message, "between 1 and 1000") || !strings.Contains(e.Message, "/export/neighborhood") {
			t.Errorf("over the limit: %q", e.Message)
		}
	}
}
