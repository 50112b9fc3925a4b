package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/graph/embedded"
	"github.com/dyadgraph/dyad/loader"
)

// The tests run dyad as a user does: TestMain builds the real binary once, and each test runs it
// with os/exec, reading its exit status, stdout and stderr.

// dyadBin is the binary TestMain built.
var dyadBin string

// repoRoot is the repository's root, where a user runs dyad from.
var repoRoot = func() string {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		panic(err)
	}
	return root
}()

// samplesDir is the bundled sample articles.
var samplesDir = filepath.Join(repoRoot, "loader", "samples")

// sharedEval is the project's shared evaluation data, beside the repository.
var sharedEval = filepath.Join(repoRoot, "..", "shared", "eval")

func TestMain(m *testing.M) {
	os.Exit(buildAndRun(m))
}

func buildAndRun(m *testing.M) int {
	dir, err := os.MkdirTemp("", "dyad-cmd-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "dyad tests:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	goTool, err := exec.LookPath("go")
	if err != nil {
		fmt.Fprintln(os.Stderr, "dyad tests: the go command is needed to build dyad:", err)
		return 1
	}
	dyadBin = filepath.Join(dir, "dyad")
	build := exec.Command(goTool, "build", "-o", dyadBin, ".")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "dyad tests: go build:", err)
		return 1
	}
	return m.Run()
}

// result is what one run of dyad did.
type result struct {
	stdout, stderr string
	code           int
	took           time.Duration
}

// runOpts are the optional settings of one run of dyad.
type runOpts struct {
	dir   string    // working directory; the test's temporary directory when empty
	stdin io.Reader // nil: no input
	env   []string  // added to the cleaned environment
	// limit is how long the run may take; a minute when zero
	limit time.Duration
}

// cleanEnv is the test process's environment without the variables that choose dyad's store or
// address, so that a test's flags alone decide them (NEO4J_URI would otherwise send every load
// to Neo4j).
func cleanEnv(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "NEO4J_") || strings.HasPrefix(name, "DYAD_") {
			continue
		}
		env = append(env, kv)
	}
	return append(env, extra...)
}

// dyad runs the binary to completion (at most o.limit, a minute by default) and checks that no
// panic reached the user.
func dyad(t *testing.T, o runOpts, args ...string) result {
	t.Helper()
	if o.limit == 0 {
		o.limit = time.Minute
	}
	ctx, cancel := context.WithTimeout(context.Background(), o.limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, dyadBin, args...)
	cmd.WaitDelay = 5 * time.Second
	cmd.Dir = o.dir
	if cmd.Dir == "" {
		cmd.Dir = t.TempDir()
	}
	cmd.Env = cleanEnv(o.env...)
	cmd.Stdin = o.stdin
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	r := result{stdout: stdout.String(), stderr: stderr.String(), took: time.Since(start)}
	if ctx.Err() != nil {
		t.Fatalf("dyad %s did not finish within %s; stderr:\n%s", strings.Join(args, " "), o.limit, r.stderr)
	}
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		r.code = exit.ExitCode()
	default:
		t.Fatalf("dyad %s: %v", strings.Join(args, " "), err)
	}
	assertNoCrash(t, strings.Join(args, " "), r.stdout+r.stderr)
	return r
}

// assertNoCrash fails when output shows a panic or a stack trace.
func assertNoCrash(t *testing.T, what, output string) {
	t.Helper()
	for _, sign := range []string{"panic:", "goroutine ", "internal error", "runtime error"} {
		if strings.Contains(output, sign) {
			t.Errorf("dyad %s: the output shows a crash (%q):\n%s", what, sign, output)
			return
		}
	}
}

// wantCode fails the test when a run did not exit with code.
func wantCode(t *testing.T, r result, code int, what string) {
	t.Helper()
	if r.code != code {
		t.Fatalf("%s: exit status %d, want %d\nstdout:\n%s\nstderr:\n%s", what, r.code, code, r.stdout, r.stderr)
	}
}

// loadSummary matches the line dyad load ends with.
var loadSummary = regexp.MustCompile(`^dyad load: (\d+) articles \((nothing changed|(\d+) new, (\d+) changed, (\d+) unchanged)\), (\d+) claims into (.+) in \S+; (\d+) failed$`)

// summary is dyad load's last stderr line, read.
type summary struct {
	articles, claims, failed int
	// newArticles, changed, unchanged: what the articles changed; nothing says "nothing changed"
	newArticles, changed, unchanged int
	nothing                         bool
	where                           string
}

// parseSummary reads the summary line, which must be the last line of stderr.
func parseSummary(t *testing.T, stderr string) summary {
	t.Helper()
	lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n")
	m := loadSummary.FindStringSubmatch(lines[len(lines)-1])
	if m == nil {
		t.Fatalf("stderr does not end with a load summary:\n%s", stderr)
	}
	var s summary
	fmt.Sscan(m[1], &s.articles)
	if m[2] == "nothing changed" {
		s.nothing, s.unchanged = true, s.articles
	} else {
		fmt.Sscan(m[3], &s.newArticles)
		fmt.Sscan(m[4], &s.changed)
		fmt.Sscan(m[5], &s.unchanged)
	}
	fmt.Sscan(m[6], &s.claims)
	fmt.Sscan(m[8], &s.failed)
	s.where = m[7]
	return s
}

// storeStats opens the embedded store in dir (no dyad may hold it) and counts what it holds.
func storeStats(t *testing.T, dir string) graph.Stats {
	t.Helper()
	st, err := embedded.Open(dir)
	if err != nil {
		t.Fatalf("opening the embedded store in %s: %v", dir, err)
	}
	defer st.Close()
	stats, err := st.Stats(context.Background())
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	return stats
}

// readDocuments reads articles as dyad does, so that tests know their ids and texts.
func readDocuments(t *testing.T, paths ...string) []loader.Document {
	t.Helper()
	var docs []loader.Document
	for doc, err := range loader.Documents(context.Background(), nil, paths...) {
		if err != nil {
			t.Fatalf("reading %v: %v", paths, err)
		}
		docs = append(docs, doc)
	}
	return docs
}

// The extract contract as README.md documents it, decoded with pointers so that a missing field
// shows.
type (
	contractLine struct {
		Article     *string             `json:"article"`
		Relations   *[]contractRelation `json:"relations"`
		OtherActors []contractActor     `json:"other_actors"`
	}
	contractRelation struct {
		Source     *contractActor `json:"source"`
		Target     *contractActor `json:"target"`
		Type       *string        `json:"type"`
		CAMEO      *string        `json:"cameo"`
		Predicate  *string        `json:"predicate"`
		Sentence   *string        `json:"sentence"`
		Start      *int           `json:"start"`
		End        *int           `json:"end"`
		Confidence *float64       `json:"confidence"`
		Negated    *bool          `json:"negated"`
		Role       string         `json:"role"`
	}
	contractActor struct {
		ID      *string `json:"id"`
		Name    *string `json:"name"`
		Kind    *string `json:"kind"`
		Country string  `json:"country"`
		QID     string  `json:"qid"`
	}
)

// triple is a relation's key: source, type and target.
type triple struct{ source, typ, target string }

func (r contractRelation) key() triple { return triple{*r.Source.ID, *r.Type, *r.Target.ID} }

// parseContract decodes dyad extract's output, failing on a line that is not a complete
// contract record.
func parseContract(t *testing.T, out string) []contractLine {
	t.Helper()
	var lines []contractLine
	for n, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if line == "" && n == 0 && out == "" {
			break
		}
		var l contractLine
		if err := json.Unmarshal([]byte(line), &l); err != nil {
			t.Fatalf("extract output line %d is not JSON: %v\n%s", n+1, err, line)
		}
		if l.Article == nil || *l.Article == "" || l.Relations == nil {
			t.Fatalf("extract output line %d lacks article or relations:\n%s", n+1, line)
		}
		for i, r := range *l.Relations {
			if r.Source == nil || r.Target == nil || r.Type == nil || r.CAMEO == nil || r.Predicate == nil ||
				r.Sentence == nil || r.Start == nil || r.End == nil || r.Confidence == nil || r.Negated == nil {
				t.Fatalf("extract output line %d, relation %d lacks a contract field:\n%s", n+1, i, line)
			}
			for _, a := range []*contractActor{r.Source, r.Target} {
				if a.ID == nil || a.Name == nil || a.Kind == nil {
					t.Fatalf("extract output line %d, relation %d: an actor lacks id, name or kind:\n%s", n+1, i, line)
				}
			}
		}
		lines = append(lines, l)
	}
	return lines
}

// expectedGraph is what a store should hold after loading articles, worked out from dyad
// extract's output on the same articles.
type expectedGraph struct {
	claims    int
	relations map[triple]int    // triples with at least one claim that is not negated -> how many
	actors    map[string]string // id -> name, of every actor a claim names and every candidate
	evidence  map[triple][]string
}

func expectGraph(lines []contractLine) expectedGraph {
	g := expectedGraph{relations: map[triple]int{}, actors: map[string]string{}, evidence: map[triple][]string{}}
	for _, l := range lines {
		for _, a := range l.OtherActors {
			g.actors[*a.ID] = *a.Name
		}
		for _, r := range *l.Relations {
			g.claims++
			g.actors[*r.Source.ID] = *r.Source.Name
			g.actors[*r.Target.ID] = *r.Target.Name
			if !*r.Negated {
				g.relations[r.key()]++
			}
			g.evidence[r.key()] = append(g.evidence[r.key()], *r.Sentence)
		}
	}
	return g
}

// neighbours are the actors joined to id by a relation (either way), AFFILIATION excluded as
// traversals without a filter leave it out unless asked.
func (g expectedGraph) neighbours(id string, withAffiliation bool) []string {
	var out []string
	for k := range g.relations {
		if k.typ == "AFFILIATION" && !withAffiliation {
			continue
		}
		switch id {
		case k.source:
			out = append(out, k.target)
		case k.target:
			out = append(out, k.source)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// distance is the length of a shortest undirected chain of relations from one actor to another,
// or -1.
func (g expectedGraph) distance(from, to string, withAffiliation bool) int {
	dist := map[string]int{from: 0}
	queue := []string{from}
	for len(queue) > 0 {
		a := queue[0]
		queue = queue[1:]
		if a == to {
			return dist[a]
		}
		for _, b := range g.neighbours(a, withAffiliation) {
			if _, seen := dist[b]; !seen {
				dist[b] = dist[a] + 1
				queue = append(queue, b)
			}
		}
	}
	return -1
}

// runningServer is a running dyad serve.
type runningServer struct {
	cmd    *exec.Cmd
	url    string // http://HOST:PORT, without a trailing slash
	stderr *syncBuffer
	done   chan struct{}
	err    error // cmd.Wait's error, once done is closed
}

// syncBuffer is a bytes.Buffer that the process's output goroutine and the test share.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// servedURL finds the GraphQL address dyad serve prints.
var servedURL = regexp.MustCompile(`GraphQL\s+(http://\S+)/graphql`)

// startServe starts dyad serve on a free port and waits until it prints its address. The server
// is killed when the test ends if it is still running.
func startServe(t *testing.T, args ...string) *runningServer {
	t.Helper()
	s := startDyad(t, nil, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	deadline := time.After(30 * time.Second)
	for {
		if m := servedURL.FindStringSubmatch(s.stderr.String()); m != nil {
			s.url = m[1]
			return s
		}
		select {
		case <-s.done:
			t.Fatalf("dyad serve exited before printing its address (%v):\n%s", s.err, s.stderr.String())
		case <-deadline:
			t.Fatalf("dyad serve printed no address within 30s:\n%s", s.stderr.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// stop sends SIGTERM and returns the exit status and how long the server took to exit.
func (s *runningServer) stop(t *testing.T) (int, time.Duration) {
	t.Helper()
	start := time.Now()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatalf("SIGTERM: %v", err)
	}
	select {
	case <-s.done:
	case <-time.After(15 * time.Second):
		t.Fatalf("dyad serve did not exit within 15s of SIGTERM:\n%s", s.stderr.String())
	}
	took := time.Since(start)
	assertNoCrash(t, "serve", s.stderr.String())
	return s.cmd.ProcessState.ExitCode(), took
}

// graphQL posts a query and decodes its data into out, failing on any GraphQL error.
func (s *runningServer) graphQL(t *testing.T, query string, vars map[string]any, out any) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	resp, err := http.Post(s.url+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatalf("POST /graphql: %v", err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading the /graphql answer: %v", err)
	}
	var answer struct {
		Data   json.RawMessage `json:"data"`
		Errors []struct {
			Message string `json:"message"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(raw, &answer); err != nil {
		t.Fatalf("POST /graphql: status %d, not JSON: %v\n%s", resp.StatusCode, err, raw)
	}
	if resp.StatusCode != http.StatusOK || len(answer.Errors) > 0 {
		t.Fatalf("POST /graphql %s: status %d, errors %+v", query, resp.StatusCode, answer.Errors)
	}
	if err := json.Unmarshal(answer.Data, out); err != nil {
		t.Fatalf("decoding %s: %v", answer.Data, err)
	}
}
