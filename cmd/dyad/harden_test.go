package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/graph/embedded"
	"github.com/dyadgraph/dyad/loader"
	neo4jdriver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// signalBound is how long dyad may take to end after SIGTERM or Ctrl-C.
const signalBound = 2 * time.Second

// silentBolt listens on a free loopback port, accepts connections and never answers: a port
// that looks like Neo4j's and is not. Closed when the test ends.
func silentBolt(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	return "bolt://" + ln.Addr().String()
}

// startDyad starts dyad in the background, killed when the test ends if it still runs.
func startDyad(t *testing.T, stdin io.Reader, args ...string) *runningServer {
	t.Helper()
	cmd := exec.Command(dyadBin, args...)
	cmd.Dir = t.TempDir()
	cmd.Env = cleanEnv()
	cmd.Stdin = stdin
	s := &runningServer{cmd: cmd, stderr: &syncBuffer{}, done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = s.stderr, s.stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting dyad %s: %v", args[0], err)
	}
	go func() { s.err = cmd.Wait(); close(s.done) }()
	t.Cleanup(func() {
		select {
		case <-s.done:
		default:
			cmd.Process.Kill()
			<-s.done
		}
	})
	return s
}

// signal sends sig and returns how long dyad took to exit, failing past signalBound.
func (s *runningServer) signal(t *testing.T, sig os.Signal, what string) time.Duration {
	t.Helper()
	start := time.Now()
	if err := s.cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	select {
	case <-s.done:
	case <-time.After(15 * time.Second):
		t.Fatalf("%s: still running 15 s after %v:\n%s", what, sig, s.stderr.String())
	}
	took := time.Since(start)
	if took > signalBound {
		t.Errorf("%s: exited %s after %v, want within %s", what, took.Round(time.Millisecond), sig, signalBound)
	}
	assertNoCrash(t, what, s.stderr.String())
	return took
}

// Ctrl-C and SIGTERM end load and serve within two seconds, whatever they wait on.
func TestSignalsEndLoadAndServe(t *testing.T) {
	t.Run("load against a Bolt port that never answers", func(t *testing.T) {
		s := startDyad(t, nil, "load", "--neo4j", silentBolt(t), samplesDir)
		time.Sleep(500 * time.Millisecond)
		s.signal(t, syscall.SIGTERM, "load")
	})
	t.Run("serve against a Bolt port that never answers", func(t *testing.T) {
		s := startDyad(t, nil, "serve", "--addr", "127.0.0.1:0", "--neo4j", silentBolt(t))
		time.Sleep(500 * time.Millisecond)
		s.signal(t, os.Interrupt, "serve")
	})
	t.Run("load busy extracting large articles", func(t *testing.T) {
		dir := t.TempDir()
		para := strings.Repeat("Russia attacked Ukraine. NATO condemned Russia. Iran backs the Houthis. ", 200) + "\n\n"
		text := strings.Repeat(para, 60) // about 850 KB, under the article limit
		for i := range 40 {
			os.WriteFile(filepath.Join(dir, fmt.Sprintf("big-%02d.txt", i)), []byte(fmt.Sprintf("Article %d\n%s", i, text)), 0o644)
		}
		data := t.TempDir()
		s := startDyad(t, nil, "load", "--batch", "1", "--data", data, dir)
		// Wait until something is saved, so that the signal comes mid-load.
		deadline := time.Now().Add(30 * time.Second)
		for !strings.Contains(s.stderr.String(), "dyad load") && time.Now().Before(deadline) {
			if info, err := os.Stat(filepath.Join(data, embedded.FileName)); err == nil && info.Size() > 0 {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		time.Sleep(time.Second)
		s.signal(t, syscall.SIGTERM, "load")
		out := s.stderr.String()
		if s.cmd.ProcessState.ExitCode() != 1 || !strings.Contains(out, "stopped: interrupted") ||
			!strings.Contains(out, "run the same command again") {
			t.Errorf("exit %d; stderr does not say the load was interrupted and how to finish:\n%s", s.cmd.ProcessState.ExitCode(), out)
		}
		sum := parseSummary(t, out)
		if st := storeStats(t, data); st.Articles != sum.articles || sum.articles == 40 {
			t.Errorf("the store holds %d articles, the summary says %d saved (of 40)", st.Articles, sum.articles)
		}
	})
}

// A named pipe given to load is refused at once: opening it would wait for a writer for ever,
// holding the store.
func TestLoadRefusesANamedPipe(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "articles.jsonl")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	r := dyad(t, runOpts{}, "load", "--data", t.TempDir(), fifo, samplesDir)
	wantCode(t, r, 1, "load of a named pipe")
	if !strings.Contains(r.stderr, fifo+": not a regular file (a named pipe)") {
		t.Errorf("stderr does not name the pipe:\n%s", r.stderr)
	}
	if s := parseSummary(t, r.stderr); s.articles == 0 {
		t.Errorf("the samples after the pipe did not load:\n%s", r.stderr)
	}
}

// A damaged store file is one line that says what to do, for load and serve alike; an empty
// file is not taken for a store.
func TestDamagedStoreIsOneClearError(t *testing.T) {
	for _, tc := range []struct {
		name string
		data func(good []byte) []byte
	}{
		{"empty", func([]byte) []byte { return nil }},
		{"cut to half", func(good []byte) []byte { return good[:len(good)/2] }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			good := t.TempDir()
			wantCode(t, dyad(t, runOpts{}, "load", "--data", good, samplesDir), 0, "load")
			raw, err := os.ReadFile(filepath.Join(good, embedded.FileName))
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, embedded.FileName), tc.data(raw), 0o644)
			for _, args := range [][]string{{"load", "--data", dir, samplesDir}, {"serve", "--addr", "127.0.0.1:0", "--data", dir}} {
				r := dyad(t, runOpts{}, args...)
				wantCode(t, r, 1, args[0])
				if lines := strings.Count(strings.TrimSpace(r.stderr), "\n"); lines != 0 ||
					!strings.Contains(r.stderr, "store file is damaged") || !strings.Contains(r.stderr, "restore it from a backup or delete it") {
					t.Errorf("dyad %s of a damaged store: stderr\n%s\nwant one line that says the file is damaged and what to do", args[0], r.stderr)
				}
			}
		})
	}
}

// serve --read-only serves a store without writing to it, beside a second reader.
func TestServeReadOnly(t *testing.T) {
	data := t.TempDir()
	wantCode(t, dyad(t, runOpts{}, "load", "--data", data, samplesDir), 0, "load")
	path := filepath.Join(data, embedded.FileName)
	before, _ := os.ReadFile(path)
	a := startServe(t, "--read-only", "--data", data)
	b := startServe(t, "--read-only", "--data", data)
	for _, s := range []*runningServer{a, b} {
		var out struct{ Stats struct{ Articles int } }
		s.graphQL(t, `{ stats { articles } }`, nil, &out)
		if out.Stats.Articles == 0 {
			t.Errorf("a read-only server answers %d articles", out.Stats.Articles)
		}
		if code, _ := s.stop(t); code != 0 {
			t.Errorf("read-only serve exit status %d:\n%s", code, s.stderr.String())
		}
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("serving read-only changed the store file")
	}
	r := dyad(t, runOpts{}, "serve", "--read-only", "--addr", "127.0.0.1:0", "--data", t.TempDir())
	wantCode(t, r, 1, "serve --read-only without a store")
	if !strings.Contains(r.stderr, "load articles first") {
		t.Errorf("serve --read-only of an empty directory: %s", r.stderr)
	}
}

// boltProxy forwards a loopback port to Neo4j until down is called, after which the port
// refuses connections: Neo4j going away in the middle of a load.
type boltProxy struct {
	ln    net.Listener
	mu    sync.Mutex
	conns []net.Conn
}

func newBoltProxy(t *testing.T, target string) *boltProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &boltProxy{ln: ln}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			up, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, up)
			p.mu.Unlock()
			go func() { io.Copy(up, c); up.Close() }()
			go func() { io.Copy(c, up); c.Close() }()
		}
	}()
	t.Cleanup(p.down)
	return p
}

func (p *boltProxy) down() {
	p.ln.Close()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
}

// neo4jArticles counts the articles in the Neo4j of NEO4J_URI.
func neo4jArticles(t *testing.T) int {
	t.Helper()
	auth := neo4jdriver.NoAuth()
	if user := os.Getenv("NEO4J_USER"); user != "" {
		auth = neo4jdriver.BasicAuth(user, os.Getenv("NEO4J_PASSWORD"), "")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	drv, err := neo4jdriver.NewDriverWithContext(os.Getenv("NEO4J_URI"), auth)
	if err != nil {
		t.Fatal(err)
	}
	defer drv.Close(ctx)
	res, err := neo4jdriver.ExecuteQuery(ctx, drv, "MATCH (a:Article) RETURN count(a) AS n", nil, neo4jdriver.EagerResultTransformer,
		neo4jdriver.ExecuteQueryWithDatabase(os.Getenv("NEO4J_DATABASE")))
	if err != nil {
		t.Fatal(err)
	}
	n, _ := res.Records[0].Get("n")
	return int(n.(int64))
}

// With Neo4j gone in the middle of a load, the load stops within its retry budget, names what
// it did not save (once, not a line per article), and a second run finishes the work.
func TestLoadWithNeo4jDownFailsFast(t *testing.T) {
	flags := neo4jFlags(t)
	emptyNeo4j(t)
	uri := os.Getenv("NEO4J_URI")
	proxy := newBoltProxy(t, strings.TrimPrefix(strings.TrimPrefix(uri, "bolt://"), "neo4j://"))
	article := func(i int) string {
		return fmt.Sprintf(`{"id": "outage-%02d", "text": "Norway sent aid to Ukraine on day %d. Russia warned Norway."}`+"\n", i, i)
	}
	pr, pw := io.Pipe()
	defer pw.Close()
	proxied := append(append([]string{}, flags...), "--neo4j", "bolt://"+proxy.ln.Addr().String())
	s := startDyad(t, pr, append([]string{"load", "--batch", "1", "--retry-for", "3s"}, append(proxied[2:], "-")...)...)
	// The reader decides the format from the first 8 KiB: blank lines fill them, and the
	// articles follow on lines 8001 on.
	io.WriteString(pw, strings.Repeat("\n", 8000))
	for i := 1; i <= 3; i++ {
		io.WriteString(pw, article(i))
	}
	deadline := time.Now().Add(60 * time.Second)
	for neo4jArticles(t) < 3 {
		if time.Now().After(deadline) {
			t.Fatalf("three articles were not saved within 60 s:\n%s", s.stderr.String())
		}
		time.Sleep(300 * time.Millisecond)
	}
	proxy.down()
	downAt := time.Now()
	for i := 4; i <= 12; i++ {
		io.WriteString(pw, article(i))
	}
	pw.Close()
	select {
	case <-s.done:
	case <-time.After(45 * time.Second):
		t.Fatalf("the load still runs 45 s after Neo4j went away:\n%s", s.stderr.String())
	}
	took := time.Since(downAt)
	out := s.stderr.String()
	assertNoCrash(t, "load", out)
	t.Logf("the load stopped %s after Neo4j went away:\n%s", took.Round(time.Millisecond), out)
	if code := s.cmd.ProcessState.ExitCode(); code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	if !strings.Contains(out, "stopped: the store failed") || !strings.Contains(out, "not saved: ") ||
		!strings.Contains(out, "stdin:8004 (outage-04)") || !strings.Contains(out, "run the same command again") {
		t.Errorf("stderr does not say that the store failed and what was not saved:\n%s", out)
	}
	if lines := strings.Count(out, "\n"); lines > 8 {
		t.Errorf("stderr has %d lines; want a few, not one per article", lines)
	}
	// Run again with Neo4j back: everything is saved, once.
	var all strings.Builder
	for i := 1; i <= 12; i++ {
		all.WriteString(article(i))
	}
	r := dyad(t, runOpts{stdin: strings.NewReader(all.String())}, append([]string{"load"}, append(flags, "-")...)...)
	wantCode(t, r, 0, "the load again")
	if n := neo4jArticles(t); n != 12 {
		t.Errorf("Neo4j holds %d articles after the second load, want 12", n)
	}
}

// dyad loadtest soaks a server with mixed queries and reports percentiles; it tests only this
// machine, within its bounds.
func TestLoadTest(t *testing.T) {
	data := t.TempDir()
	wantCode(t, dyad(t, runOpts{}, "load", "--data", data, samplesDir), 0, "load")
	r := dyad(t, runOpts{}, "loadtest", "--data", data, "--clients", "8", "--duration", "2s")
	wantCode(t, r, 0, "loadtest")
	var all []string
	for _, line := range strings.Split(r.stdout, "\n") {
		if f := strings.Fields(line); len(f) == 8 && f[0] == "all" {
			all = f
		}
	}
	if all == nil || all[1] == "0" || all[2] != "0" || !strings.Contains(r.stdout, "p50") || !strings.Contains(r.stdout, "p99") {
		t.Errorf("loadtest printed no 'all' row with requests and 0 errors, or no p50/p99:\n%s\n%s", r.stdout, r.stderr)
	}
	for _, args := range [][]string{
		{"--url", "http://192.0.2.1:8080"},
		{"--clients", "100000"},
		{"--duration", "24h"},
	} {
		r := dyad(t, runOpts{}, append([]string{"loadtest", "--data", data}, args...)...)
		wantCode(t, r, 2, "loadtest "+strings.Join(args, " "))
	}
}

// failingStore fails every Save after the first with a disk-full error.
type failingStore struct {
	graph.Store
	saves int
}

func (s *failingStore) Save(ctx context.Context, batch []graph.Extraction) error {
	s.saves++
	if s.saves > 1 {
		return fmt.Errorf("save to dyad.db: write: %w", syscall.ENOSPC)
	}
	return s.Store.Save(ctx, batch)
}

// A store that fails for good (a full disk) stops the load with one message that names what
// was not saved, not one line per remaining article.
func TestFailingStoreStopsTheLoadOnce(t *testing.T) {
	st, err := embedded.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	fs := &failingStore{Store: st}
	var stderr syncBuffer
	e := &env{stdout: io.Discard, stderr: &stderr, getenv: func(string) string { return "" }}
	ex, err := (&extractorFlags{}).build(e)
	if err != nil {
		t.Fatal(err)
	}
	res := loadInto(context.Background(), e, fs, ex, loader.Documents(context.Background(), nil, samplesDir), 1, 0, nil)
	reportStop(e, res)
	out := stderr.String()
	var down *errStoreDown
	if !errors.As(res.stopped, &down) || !errors.Is(res.stopped, syscall.ENOSPC) {
		t.Fatalf("the load ended with %v, want the store failure", res.stopped)
	}
	if res.articles != 1 || len(res.unsaved) == 0 || fs.saves != 2 {
		t.Errorf("saved %d, unsaved %v after %d saves; want 1 saved, the rest read named unsaved, no more saves tried", res.articles, res.unsaved, fs.saves)
	}
	if lines := strings.Count(out, "\n"); lines > 4 || !strings.Contains(out, "no space left on device") ||
		!strings.Contains(out, fmt.Sprintf("not saved: %d articles read: ", len(res.unsaved))) {
		t.Errorf("stderr (%d lines):\n%s\nwant a few lines naming the failure and the unsaved article", lines, out)
	}
}
