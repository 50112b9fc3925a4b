package main

import (
	"context"
	"encoding/json"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/graph"
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
