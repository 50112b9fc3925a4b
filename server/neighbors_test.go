package server_test

import (
	"slices"
	"strings"
	"testing"
)

func TestNeighbors(t *testing.T) {
	c := newClient(t, seededStore(t))
	type node struct {
		Actor struct{ ID string }
		Count int
		Score float64
	}
	var resp struct {
		Star struct {
			Center              struct{ Name string }
			Nodes               []node
			Edges               []relationRow
			TotalCount          int
			Truncated           bool
			CenterRelationCount int
		}
		Among, ByScore struct {
			Nodes     []node
			Edges     []relationRow
			Truncated bool
		}
	}
	mustQuery(t, c, `{
		star: neighbors(actor: "UKR") { center { name } nodes { actor { id } count score } edges { `+relationFields+` }
			totalCount truncated centerRelationCount }
		among: neighbors(actor: "UKR", limit: 2, among: true) { nodes { actor { id } count } edges { `+relationFields+` } truncated }
		byScore: neighbors(actor: "UKR", rankBy: SCORE) { nodes { actor { id } } }
	}`, &resp)
	ids := func(ns []node) []string {
		var out []string
		for _, n := range ns {
			out = append(out, n.Actor.ID)
		}
		return out
	}
	s := resp.Star
	if want := []string{"RUS", "USA", "igo/nato", "CAN"}; s.Center.Name != "Ukraine" || !slices.Equal(ids(s.Nodes), want) ||
		s.TotalCount != 4 || s.Truncated || s.CenterRelationCount != 4 || s.Nodes[0].Count != 3 {
		t.Errorf("neighbours of UKR: %+v; want centre Ukraine, %q, 4 in all, 4 relations, RUS with 3 claims", s, want)
	}
	if got, want := rows(s.Edges), []string{"RUS ASSAULT UKR ×3", "USA SUPPORT UKR ×3", "igo/nato SUPPORT UKR ×2", "UKR REQUEST CAN ×1"}; !slices.Equal(got, want) {
		t.Errorf("star edges = %q, want %q", got, want)
	}
	a := resp.Among
	if got, want := rows(a.Edges), []string{"RUS ASSAULT UKR ×3", "USA SUPPORT UKR ×3", "USA THREATEN RUS ×1"}; !slices.Equal(ids(a.Nodes), []string{"RUS", "USA"}) ||
		!a.Truncated || !slices.Equal(got, want) {
		t.Errorf("2 neighbours with the edges among them: %q, truncated %v, edges %q; want RUS, USA, true, %q", ids(a.Nodes), a.Truncated, got, want)
	}
	if got, want := ids(resp.ByScore.Nodes), []string{"RUS", "igo/nato", "USA", "CAN"}; !slices.Equal(got, want) {
		t.Errorf("neighbours by score = %q, want %q", got, want)
	}

	e := wantCode(t, c, `{ neighbors(actor: "UKR", limit: 0) { truncated } }`, "BAD_USER_INPUT")
	if !strings.Contains(e.Message, "limit") {
		t.Errorf("limit 0: message %q", e.Message)
	}
	wantCode(t, c, `{ neighbors(actor: "XXX") { truncated } }`, "NOT_FOUND")
}

func TestDyad(t *testing.T) {
	c := newClient(t, seededStore(t))
	var resp struct {
		Dyad struct {
			A, B       struct{ Name string }
			AToB, BToA []relationRow
			Types      []struct {
				Type       string
				AToB, BToA int
			}
		}
	}
	mustQuery(t, c, `{ dyad(a: "USA", b: "ag/houthis") { a { name } b { name } aToB { `+relationFields+` } bToA { `+relationFields+` }
		types { type aToB bToA } } }`, &resp)
	d := resp.Dyad
	if d.A.Name != "United States" || len(d.Types) != 1 || d.Types[0].Type != "ASSAULT" || d.Types[0].AToB != 1 || d.Types[0].BToA != 1 ||
		!slices.Equal(rows(d.AToB), []string{"USA ASSAULT ag/houthis ×1"}) || !slices.Equal(rows(d.BToA), []string{"ag/houthis ASSAULT USA ×1"}) {
		t.Errorf("dyad of USA and the Houthis: %+v", d)
	}
	wantCode(t, c, `{ dyad(a: "USA", b: "XXX") { types { type } } }`, "NOT_FOUND")
	wantCode(t, c, `{ dyad(a: "USA", b: "USA") { types { type } } }`, "BAD_USER_INPUT")
}
