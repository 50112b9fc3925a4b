package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/graph/graphtest"
	"github.com/dyadgraph/dyad/graph/neo4j"
	neo4jdriver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// neo4jFlags are the flags that point dyad at the Neo4j of NEO4J_URI (NEO4J_USER,
// NEO4J_PASSWORD, NEO4J_DATABASE when set). Without NEO4J_URI the test skips, and under CI=true
// it fails.
func neo4jFlags(t *testing.T) []string {
	t.Helper()
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI requires NEO4J_URI: start Neo4j with tools/neo4j.sh")
		}
		t.Skip("NEO4J_URI is not set: start Neo4j with `eval \"$(tools/neo4j.sh start DIR)\"` to test dyad on Neo4j")
	}
	flags := []string{"--neo4j", uri}
	for flag, env := range map[string]string{"--neo4j-user": "NEO4J_USER", "--neo4j-password": "NEO4J_PASSWORD", "--neo4j-database": "NEO4J_DATABASE"} {
		if v := os.Getenv(env); v != "" {
			flags = append(flags, flag, v)
		}
	}
	return flags
}

// emptyNeo4j deletes everything in the database: the graph/neo4j tests use the same one, and
// may have left data there.
func emptyNeo4j(t *testing.T) {
	t.Helper()
	auth := neo4jdriver.NoAuth()
	if user := os.Getenv("NEO4J_USER"); user != "" {
		auth = neo4jdriver.BasicAuth(user, os.Getenv("NEO4J_PASSWORD"), "")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	drv, err := neo4jdriver.NewDriverWithContext(os.Getenv("NEO4J_URI"), auth)
	if err != nil {
		t.Fatalf("neo4j driver: %v", err)
	}
	defer drv.Close(ctx)
	_, err = neo4jdriver.ExecuteQuery(ctx, drv, "MATCH (n) DETACH DELETE n", nil, neo4jdriver.EagerResultTransformer,
		neo4jdriver.ExecuteQueryWithDatabase(os.Getenv("NEO4J_DATABASE")))
	if err != nil {
		t.Fatalf("emptying the Neo4j database: %v", err)
	}
}

func TestNeo4jAnswersAsTheEmbeddedStore(t *testing.T) {
	flags := neo4jFlags(t)
	emptyNeo4j(t)
	t.Cleanup(func() { emptyNeo4j(t) })

	want := expectGraph(extractSamples(t))
	houthis := ""
	for id, name := range want.actors {
		if name == "Houthis" {
			houthis = id
		}
	}
	loadNeo4j := append(append([]string{"load"}, flags...), samplesDir)
	first := dyad(t, runOpts{}, loadNeo4j...)
	wantCode(t, first, 0, "dyad load --neo4j")
	if s := parseSummary(t, first.stderr); s.where != "neo4j at "+flags[1] || s.claims != want.claims {
		t.Errorf("summary %+v, want %d claims into neo4j at %s", s, want.claims, flags[1])
	}
	again := dyad(t, runOpts{}, loadNeo4j...)
	wantCode(t, again, 0, "dyad load --neo4j, again")
	if s := parseSummary(t, again.stderr); !s.nothing {
		t.Errorf("loading the samples into Neo4j again should say \"nothing changed\": %q", again.stderr)
	}
	data := t.TempDir()
	wantCode(t, dyad(t, runOpts{}, "load", "--data", data, samplesDir), 0, "dyad load --data")

	onNeo4j := startServe(t, flags...)
	onEmbedded := startServe(t, "--data", data)

	queries := []struct {
		name, query string
		vars        map[string]any
	}{
		{"stats", `{ stats { actors articles claims relations } }`, nil},
		{"actors", `{ actors(search: "nato", first: 5) { totalCount nodes { id name kind country qid } } }`, nil},
		{"relations", `query($a: ID!) { relations(actor: $a, first: 1000) { totalCount nodes { id type count source { id } target { id } } } }`,
			map[string]any{"a": "igo/nato"}},
		{"evidence", `query($id: ID!) { relation(id: $id) { count evidence(first: 100) { totalCount nodes { sentence start end negated article { id title } } } } }`,
			map[string]any{"id": "igo/nato|SUPPORT|EST"}},
		{"neighborhood", `query($a: ID!) { neighborhood(actor: $a, hops: 3) { center { id } nodes { actor { id } distance } truncated } }`,
			map[string]any{"a": "igo/nato"}},
		{"shortestPath", `query($f: ID!, $t: ID!) { shortestPath(from: $f, to: $t, maxHops: 6) { length } }`,
			map[string]any{"f": "igo/nato", "t": houthis}},
	}
	for _, q := range queries {
		var fromNeo4j, fromEmbedded any
		onNeo4j.graphQL(t, q.query, q.vars, &fromNeo4j)
		onEmbedded.graphQL(t, q.query, q.vars, &fromEmbedded)
		a, _ := json.Marshal(fromNeo4j)
		b, _ := json.Marshal(fromEmbedded)
		if string(a) != string(b) {
			t.Errorf("%s: Neo4j answers\n%s\nthe embedded store\n%s", q.name, a, b)
		}
	}
	// Neighbourhood edges come in no promised order: compare them as sets.
	edges := func(s *runningServer) []string {
		var got struct {
			Neighborhood struct{ Edges []struct{ ID string } }
		}
		s.graphQL(t, `{ neighborhood(actor: "igo/nato", hops: 3) { edges { id } } }`, nil, &got)
		var ids []string
		for _, e := range got.Neighborhood.Edges {
			ids = append(ids, e.ID)
		}
		slices.Sort(ids)
		return ids
	}
	if a, b := edges(onNeo4j), edges(onEmbedded); !slices.Equal(a, b) || len(a) == 0 {
		t.Errorf("neighbourhood edges: Neo4j %v, embedded %v", a, b)
	}

	var before struct{ Stats graph.Stats }
	onNeo4j.graphQL(t, `{ stats { actors articles claims relations } }`, nil, &before)
	wantStats := graph.Stats{Actors: len(want.actors), Articles: before.Stats.Articles, Claims: want.claims, Relations: len(want.relations)}
	if before.Stats != wantStats || before.Stats.Articles == 0 {
		t.Errorf("Neo4j holds %+v, want %+v", before.Stats, wantStats)
	}
	// Loading again, while the server runs (Neo4j is shared, unlike the embedded file), changes
	// nothing.
	wantCode(t, dyad(t, runOpts{}, loadNeo4j...), 0, "second dyad load --neo4j")
	var after struct{ Stats graph.Stats }
	onNeo4j.graphQL(t, `{ stats { actors articles claims relations } }`, nil, &after)
	if after.Stats != before.Stats {
		t.Errorf("loading the samples into Neo4j again changed it: %+v, then %+v", before.Stats, after.Stats)
	}

	for name, s := range map[string]*runningServer{"neo4j": onNeo4j, "embedded": onEmbedded} {
		if code, took := s.stop(t); code != 0 || took > 10*time.Second {
			t.Errorf("dyad serve on %s: exit status %d %s after SIGTERM, want 0 promptly", name, code, took)
		}
	}
}

// TestNeo4jImport builds a Neo4j database from the samples with dyad load --neo4j-import (a Neo4j
// home of its own, not the shared test database), loads the same samples through transactions
// into the shared one, and checks that the two answer alike; then that the import refuses a
// running server and a database that is not empty, and imports into an empty one.
func TestNeo4jImport(t *testing.T) {
	flags := neo4jFlags(t)
	emptyNeo4j(t)
	t.Cleanup(func() { emptyNeo4j(t) })
	launcher := filepath.Join(repoRoot, "tools", "neo4j.sh")
	home := t.TempDir()
	t.Cleanup(func() { exec.Command(launcher, "stop", home).Run() })
	slow := runOpts{limit: 5 * time.Minute}

	imported := dyad(t, slow, "load", "--neo4j-import", home, "--neo4j-launcher", launcher, samplesDir)
	wantCode(t, imported, 0, "dyad load --neo4j-import")
	if !strings.Contains(imported.stderr, "into a new Neo4j database in "+home) {
		t.Errorf("dyad load --neo4j-import does not say where it imported: %q", imported.stderr)
	}
	wantCode(t, dyad(t, runOpts{}, append(append([]string{"load"}, flags...), samplesDir)...), 0, "dyad load --neo4j")

	ctx := context.Background()
	saved, err := neo4j.Open(ctx, neo4j.Options{URI: flags[1], User: os.Getenv("NEO4J_USER"), Password: os.Getenv("NEO4J_PASSWORD"),
		Database: os.Getenv("NEO4J_DATABASE")})
	if err != nil {
		t.Fatal(err)
	}
	defer saved.Close()
	uri := startNeo4jHome(t, launcher, home)
	fromImport, err := neo4j.Open(ctx, neo4j.Options{URI: uri})
	if err != nil {
		t.Fatal(err)
	}
	defer fromImport.Close()
	if st, _ := fromImport.Stats(ctx); st.Claims == 0 || st.Relations == 0 {
		t.Fatalf("the imported database holds %+v", st)
	}
	graphtest.SameAnswers(t, saved, fromImport)

	// The server runs on home: the import refuses, and says how to stop it.
	running := dyad(t, slow, "load", "--neo4j-import", home, "--neo4j-launcher", launcher, samplesDir)
	wantCode(t, running, 1, "dyad load --neo4j-import on a running server")
	if !strings.Contains(running.stderr, "Neo4j is running on "+home) || !strings.Contains(running.stderr, "stop "+home) {
		t.Errorf("the refusal does not say that Neo4j runs and how to stop it: %q", running.stderr)
	}
	fromImport.Close()
	if out, err := exec.Command(launcher, "stop", home).CombinedOutput(); err != nil {
		t.Fatalf("stopping Neo4j: %v\n%s", err, out)
	}
	// Stopped, but not empty: refused, and the data stays.
	full := dyad(t, slow, "load", "--neo4j-import", home, "--neo4j-launcher", launcher, samplesDir)
	wantCode(t, full, 1, "dyad load --neo4j-import on a database that is not empty")
	if !strings.Contains(full.stderr, "is not empty") {
		t.Errorf("the refusal does not say the database is not empty: %q", full.stderr)
	}

	// A home whose database exists but is empty (started once, never written) is imported into.
	empty := t.TempDir()
	t.Cleanup(func() { exec.Command(launcher, "stop", empty).Run() })
	startNeo4jHome(t, launcher, empty)
	if out, err := exec.Command(launcher, "stop", empty).CombinedOutput(); err != nil {
		t.Fatalf("stopping Neo4j: %v\n%s", err, out)
	}
	wantCode(t, dyad(t, slow, "load", "--neo4j-import", empty, "--neo4j-launcher", launcher, samplesDir), 0,
		"dyad load --neo4j-import into an empty database")
}

// startNeo4jHome starts the launcher's server on home on a free port and returns its URI; it is
// stopped when the test ends.
func startNeo4jHome(t *testing.T, launcher, home string) string {
	t.Helper()
	cmd := exec.Command(launcher, "start", home)
	cmd.Env = append(os.Environ(), "NEO4J_PORT=0")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("tools/neo4j.sh start %s: %v\n%s", home, err, stderr.String())
	}
	t.Cleanup(func() { exec.Command(launcher, "stop", home).Run() })
	for _, line := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(line, "export NEO4J_URI="); ok {
			return strings.Trim(v, "'")
		}
	}
	t.Fatalf("tools/neo4j.sh start printed no NEO4J_URI: %q", out)
	return ""
}
