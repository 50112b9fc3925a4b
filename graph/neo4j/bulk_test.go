package neo4j

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	osexec "os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/graph/graphtest"
)

// launcher is tools/neo4j.sh, seen from this package's directory (where go test runs).
var launcher = filepath.Join("..", "..", "tools", "neo4j.sh")

// importedStore imports b with Neo4j's bulk importer into a Neo4j home of its own (not the
// shared test database), starts a server on it on a free port and opens it; the server is
// stopped when the test ends.
func importedStore(t *testing.T, b *Bulk) *Store {
	t.Helper()
	options(t) // skips (or fails under CI) without Neo4j, like the other suites
	csvDir, home := t.TempDir(), t.TempDir()
	files, err := b.WriteCSV(csvDir)
	if err != nil {
		t.Fatalf("WriteCSV: %v", err)
	}
	admin := osexec.Command(launcher, append([]string{"admin", home}, files.AdminArgs("neo4j", false)...)...)
	if out, err := admin.CombinedOutput(); err != nil {
		t.Fatalf("neo4j-admin database import: %v\n%s", err, out)
	}
	start := osexec.Command(launcher, "start", home)
	start.Env = append(os.Environ(), "NEO4J_PORT=0")
	var stderr strings.Builder
	start.Stderr = &stderr
	out, err := start.Output()
	if err != nil {
		t.Fatalf("starting Neo4j on the imported database: %v\n%s", err, stderr.String())
	}
	t.Cleanup(func() {
		if out, err := osexec.Command(launcher, "stop", home).CombinedOutput(); err != nil {
			t.Errorf("stopping Neo4j in %s: %v\n%s", home, err, out)
		}
	})
	var uri string
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "export NEO4J_URI="); ok {
			uri = strings.Trim(v, "'")
		}
	}
	if uri == "" {
		t.Fatalf("tools/neo4j.sh start printed no NEO4J_URI: %q", out)
	}
	s, err := Open(context.Background(), Options{URI: uri})
	if err != nil {
		t.Fatalf("Open(%s): %v", uri, err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.CompleteImport(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}

// bulkBatches is a corpus saved in batches: the fixture of the conformance suite, a generated
// corpus (hubs with many claims a dyad, negated claims), and saves that change what was saved
// (an article saved again with other claims, a claim id moving to another article, an actor
// given again with more aliases, an article that loses its text).
func bulkBatches() [][]graph.Extraction {
	fixture := graphtest.Fixture()
	generated := graphtest.Generated(400, 11)
	var batches [][]graph.Extraction
	batches = append(batches, fixture)
	for len(generated) > 0 {
		n := min(70, len(generated))
		batches = append(batches, generated[:n])
		generated = generated[n:]
	}
	again := graphtest.Generated(400, 11)[:30]
	var changed []graph.Extraction
	for i, x := range again {
		x.Actors = slices.Clone(x.Actors)
		for j := range x.Actors {
			x.Actors[j].Aliases = append(slices.Clone(x.Actors[j].Aliases), fmt.Sprintf("more %d", i))
		}
		x.Claims = slices.Clone(x.Claims)
		switch i % 3 {
		case 0: // fewer claims
			x.Claims = x.Claims[:len(x.Claims)/2]
		case 1: // a claim changes, keeping its id
			x.Claims[0].Confidence = 0.123456789
			x.Claims[0].Time = time.Time{}
			x.Text = ""
		case 2: // the claims of another article move here
			other := again[i-1]
			for _, c := range other.Claims {
				if c.ID == "" { // the id it was saved under
					c.ArticleID = other.Article.ID
					c.ID = graph.ClaimID(c)
				}
				c.ArticleID = x.Article.ID
				x.Claims = append(x.Claims, c)
			}
			x.Actors = append(x.Actors, other.Actors...)
		}
		changed = append(changed, x)
	}
	return append(batches, changed)
}

// dump lists every node (labels and properties, but not the internal element id) and every
// relationship (its type, its ends' keys and its properties), sorted, as text.
func dump(t *testing.T, s *Store) []string {
	t.Helper()
	var out []string
	for _, r := range records(t, s, "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props") {
		out = append(out, fmt.Sprintf("node %v %s", r["labels"], formatProps(asMap(r["props"]))))
	}
	for _, r := range records(t, s, `MATCH (a)-[r]->(b)
RETURN type(r) AS type, coalesce(a.id, a.article) AS a, coalesce(b.id, b.article) AS b, properties(r) AS props`) {
		out = append(out, fmt.Sprintf("rel %v %v->%v %s", r["type"], r["a"], r["b"], formatProps(asMap(r["props"]))))
	}
	slices.Sort(out)
	return out
}

func formatProps(m map[string]any) string {
	var parts []string
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}) {
		v := m[k]
		if tm, ok := v.(time.Time); ok {
			v = tm.UTC().Format(time.RFC3339Nano) + " " + tm.Location().String()
		}
		parts = append(parts, fmt.Sprintf("%s=%#v", k, v))
	}
	return "{" + strings.Join(parts, " ") + "}"
}

// TestBulkImportWritesWhatSaveWrites saves one corpus with Store.Save and imports it with Bulk
// and neo4j-admin, then compares the two databases: every node and relationship with every
// property, and what the stores answer.
func TestBulkImportWritesWhatSaveWrites(t *testing.T) {
	saved := openEmpty(t)
	ctx := context.Background()
	b := NewBulk()
	for i, batch := range bulkBatches() {
		if err := saved.Save(ctx, batch); err != nil {
			t.Fatalf("Save batch %d: %v", i, err)
		}
		if err := b.Save(ctx, batch); err != nil {
			t.Fatalf("Bulk.Save batch %d: %v", i, err)
		}
	}
	imported := importedStore(t, b)

	want, got := dump(t, saved), dump(t, imported)
	if len(want) < 1000 {
		t.Fatalf("the saved database holds only %d nodes and relationships; the corpus is too small to prove anything", len(want))
	}
	if !slices.Equal(got, want) {
		var plus, minus []string
		for _, l := range got {
			if _, found := slices.BinarySearch(want, l); !found {
				plus = append(plus, "+ "+l)
			}
		}
		for _, l := range want {
			if _, found := slices.BinarySearch(got, l); !found {
				minus = append(minus, "- "+l)
			}
		}
		diff := append(plus[:min(len(plus), 20)], minus[:min(len(minus), 20)]...)
		t.Errorf("the imported database differs from the saved one (+ imported only, - saved only), %d lines:\n%s",
			len(plus)+len(minus), strings.Join(diff, "\n"))
	}

	// Open, run on the imported database, made the same constraints and indexes, all online.
	schema := func(s *Store) []string {
		var out []string
		for _, r := range records(t, s, "SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, state, owningConstraint") {
			out = append(out, fmt.Sprint(r["name"], r["type"], r["entityType"], r["labelsOrTypes"], r["properties"], r["state"], r["owningConstraint"]))
		}
		slices.Sort(out)
		return out
	}
	if w, g := schema(saved), schema(imported); !slices.Equal(w, g) {
		t.Errorf("indexes of the imported database:\n%s\nof the saved one:\n%s", strings.Join(g, "\n"), strings.Join(w, "\n"))
	}

	graphtest.SameAnswers(t, saved, imported)
	if st, _ := imported.Stats(ctx); st != b.Stats() {
		t.Errorf("Bulk.Stats = %+v, the imported store counts %+v", b.Stats(), st)
	}
}

// TestBulkSaveChecksAsSaveDoes: a batch Save would reject is rejected whole.
func TestBulkSaveChecksAsSaveDoes(t *testing.T) {
	ctx := context.Background()
	b := NewBulk()
	ok := graph.Extraction{Article: graph.Article{ID: "a1"}, Actors: []graph.Actor{{ID: "x", Name: "X"}, {ID: "y", Name: "Y"}},
		Claims: []graph.Claim{{Source: "x", Target: "y", Type: graph.Types[0].Type, Confidence: 0.5}}}
	bad := graph.Extraction{Article: graph.Article{ID: "a2"},
		Claims: []graph.Claim{{Source: "x", Target: "nobody", Type: graph.Types[0].Type, Confidence: 0.5}}}
	err := b.Save(ctx, []graph.Extraction{ok, bad})
	if !errors.Is(err, graph.ErrInvalid) || !strings.Contains(err.Error(), `"nobody"`) {
		t.Fatalf("Save with a claim naming an unknown actor: %v, want ErrInvalid naming it", err)
	}
	if st := b.Stats(); st != (graph.Stats{}) {
		t.Fatalf("a rejected batch left %+v", st)
	}
	if err := b.Save(ctx, []graph.Extraction{ok}); err != nil {
		t.Fatal(err)
	}
	// Now x is stored: a later batch may name it without giving it.
	bad.Claims[0].Target = "y"
	if err := b.Save(ctx, []graph.Extraction{bad}); err != nil {
		t.Fatalf("a claim naming actors saved before: %v", err)
	}
	if st := b.Stats(); st != (graph.Stats{Actors: 2, Articles: 2, Claims: 2, Relations: 1}) {
		t.Fatalf("Stats = %+v", st)
	}
}
