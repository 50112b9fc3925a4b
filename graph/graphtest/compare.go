package graphtest

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/graph"
)

// scoreTolerance is how far a store's relation score may stray from the exact product; stores may
// multiply in a different order or in another language.
const scoreTolerance = 1e-9

// rel builds an expected relation.
func rel(source string, typ graph.RelationType, target string, count int, first, last time.Time, score float64) graph.Relation {
	return graph.Relation{Source: source, Type: typ, Target: target, Count: count, FirstSeen: first, LastSeen: last, Score: score}
}

// sameTime compares times as instants, whatever their location.
func sameTime(a, b time.Time) bool { return a.UTC().Equal(b.UTC()) }

func sameRelation(a, b graph.Relation) bool {
	return a.Key() == b.Key() && a.Count == b.Count && sameTime(a.FirstSeen, b.FirstSeen) &&
		sameTime(a.LastSeen, b.LastSeen) && math.Abs(a.Score-b.Score) <= scoreTolerance
}

func formatRelation(r graph.Relation) string {
	return fmt.Sprintf("%s count=%d first=%s last=%s score=%.6f", r.Key(), r.Count,
		r.FirstSeen.UTC().Format(time.RFC3339), r.LastSeen.UTC().Format(time.RFC3339), r.Score)
}

func formatRelations(rs []graph.Relation) string {
	if len(rs) == 0 {
		return "  (none)\n"
	}
	var b strings.Builder
	for i, r := range rs {
		fmt.Fprintf(&b, "  %2d %s\n", i+1, formatRelation(r))
	}
	return b.String()
}

// checkRelations reports a difference between two lists of relations, order included.
func checkRelations(t testing.TB, what string, got, want []graph.Relation) {
	t.Helper()
	if !slices.EqualFunc(got, want, sameRelation) {
		t.Errorf("%s: got\n%swant\n%s", what, formatRelations(got), formatRelations(want))
	}
}

// sameClaim compares claims field by field, times as instants.
func sameClaim(a, b graph.Claim) bool { return graph.SameClaim(a, b) }

func sameArticle(a, b graph.Article) bool { return graph.SameArticle(a, b) }

func sameEvidence(a, b graph.Evidence) bool {
	return sameClaim(a.Claim, b.Claim) && sameArticle(a.Article, b.Article)
}

func formatEvidence(es []graph.Evidence) string {
	if len(es) == 0 {
		return "  (none)\n"
	}
	var b strings.Builder
	for i, e := range es {
		fmt.Fprintf(&b, "  %2d %+v\n     in %+v\n", i+1, e.Claim, e.Article)
	}
	return b.String()
}

// checkEvidence reports a difference between two lists of evidence, order included.
func checkEvidence(t testing.TB, what string, got, want []graph.Evidence) {
	t.Helper()
	if !slices.EqualFunc(got, want, sameEvidence) {
		t.Errorf("%s: got\n%swant\n%s", what, formatEvidence(got), formatEvidence(want))
	}
}

// evidence is the expected evidence for a fixture claim: the claim as stored and its article.
func evidence(c graph.Claim, a graph.Article) graph.Evidence {
	return graph.Evidence{Claim: withID(c), Article: a}
}

func sameActor(a, b graph.Actor) bool {
	return a.ID == b.ID && a.Name == b.Name && a.Kind == b.Kind && a.Country == b.Country &&
		a.QID == b.QID && slices.Equal(a.Aliases, b.Aliases)
}

func actorIDs(as []graph.Actor) []string {
	ids := make([]string, len(as))
	for i, a := range as {
		ids[i] = a.ID
	}
	return ids
}

// checkPath reports a difference between a path and the expected actor ids and steps.
func checkPath(t testing.TB, what string, got graph.Path, wantIDs []string, wantSteps [][]graph.Relation) {
	t.Helper()
	if ids := actorIDs(got.Actors); !slices.Equal(ids, wantIDs) {
		t.Errorf("%s: actors %v, want %v", what, ids, wantIDs)
		return
	}
	if len(got.Steps) != len(wantSteps) {
		t.Errorf("%s: %d steps, want %d", what, len(got.Steps), len(wantSteps))
		return
	}
	for i := range wantSteps {
		checkRelations(t, fmt.Sprintf("%s: step %d (%s - %s)", what, i, wantIDs[i], wantIDs[i+1]), got.Steps[i], wantSteps[i])
	}
}

// timePtr returns a pointer to a copy of the time, for RelationFilter's bounds.
func timePtr(t time.Time) *time.Time { return &t }
