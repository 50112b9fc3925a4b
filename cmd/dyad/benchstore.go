package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/graph/neo4j"
	"github.com/dyadgraph/dyad/graph/synth"
)

// runBenchStore measures a store end to end: it writes a synthetic corpus (one article per
// transaction for a first slice, batched for the rest, so the two rates compare within one run),
// then starts `dyad serve` on the store as a child process and times GraphQL requests over HTTP
// on 127.0.0.1, one kind at a time and then mixed at a fixed concurrency, and reads the server's
// memory from /proc. It prints a Markdown table.
func runBenchStore(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "bench store", "", "Bench store writes a synthetic corpus into a store (a new temporary embedded store unless\n"+
		"--data or --neo4j is given), serves it with dyad serve and times GraphQL requests over HTTP\n"+
		"on 127.0.0.1. It prints a Markdown table. A Neo4j database must be empty, or --clear given.")
	var sf storeFlags
	sf.register(fs, e)
	data := fs.Lookup("data")
	data.DefValue, sf.data = "", "" // a temporary directory unless given
	actors := fs.Int("actors", 5000, "how many `actors`")
	claims := fs.Int("claims", 100000, "how many `claims`")
	seed := fs.Uint64("seed", 1, "random `seed`")
	batch := fs.Int("batch", DefaultGenBatch, "`articles` per Save when batched")
	perTx := fs.Int("per-tx-claims", 2000, "`claims` of the first articles, saved one article per Save")
	requests := fs.Int("requests", 200, "requests of each kind, one at a time")
	conc := fs.Int("concurrency", 32, "concurrent clients for the mixed load")
	dur := fs.Duration("duration", 5*time.Second, "how long the mixed load runs")
	clear := fs.Bool("clear", false, "delete everything in the Neo4j database first")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErr("bench store takes no arguments")
	}
	if *actors < 10 || *claims < 1 || *batch < 1 || *perTx < 0 || *requests < 1 || *conc < 1 || *dur <= 0 {
		return usageErr("want --actors >= 10, --claims >= 1, --batch >= 1, --per-tx-claims >= 0, --requests >= 1, --concurrency >= 1, --duration > 0")
	}
	if sf.uri == "" && sf.data == "" {
		dir, err := os.MkdirTemp("", "dyad-bench-store-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		sf.data = dir
	}
	st, where, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	if *clear {
		n, ok := st.(*neo4j.Store)
		if !ok {
			return usageErr("--clear is for Neo4j; give the embedded store a new --data directory instead")
		}
		if err := n.DeleteAll(ctx); err != nil {
			return err
		}
	}
	if stats, err := st.Stats(ctx); err != nil {
		return err
	} else if stats.Articles > 0 || stats.Actors > 0 {
		return fmt.Errorf("the %s is not empty (%d articles); bench store needs an empty store (--clear for Neo4j)", where, stats.Articles)
	}
	corpus := synth.Corpus{Actors: *actors, Claims: *claims, Seed: *seed}
	fmt.Fprintf(e.stderr, "dyad bench store: %d claims among %d actors (seed %d) into the %s\n", *claims, *actors, *seed, where)

	// Ingest: the first articles one per Save, the rest batched.
	perTxRes, err := generate(ctx, st, corpus, 1, 0, *perTx, nil)
	if err != nil {
		return err
	}
	progress := time.Now()
	batched, err := generate(ctx, st, corpus, *batch, perTxRes.articles, 0, func(r genResult) {
		if time.Since(progress) > 10*time.Second {
			progress = time.Now()
			fmt.Fprintf(e.stderr, "  %d claims written\n", perTxRes.claims+r.claims)
		}
	})
	if err != nil {
		return err
	}
	named := map[string]bool{}
	if err := corpus.Each(ctx, func(x graph.Extraction) error {
		for _, c := range x.Claims {
			named[c.Source], named[c.Target] = true, true
		}
		return nil
	}); err != nil {
		return err
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		return err
	}
	if err := st.Close(); err != nil { // the embedded store allows one process at a time
		return err
	}

	srv, err := startServer(ctx, sf)
	if err != nil {
		return err
	}
	defer srv.stop()

	var ids []string
	names := map[string]string{}
	for _, a := range corpus.ActorsOf() {
		if named[a.ID] {
			ids = append(ids, a.ID)
			names[a.ID] = a.Name
		}
	}
	rng := rand.New(rand.NewPCG(*seed, 7))
	anyActor := func() string { return ids[rng.IntN(len(ids))] }
	kinds := []queryKind{
		{"search", func() (string, map[string]any) {
			n := strings.ToLower(names[anyActor()])
			return `query($q: String) { actors(search: $q, first: 10) { totalCount edges { node { id name } } } }`,
				map[string]any{"q": n[:min(3, len(n))]}
		}},
		{"neighbourhood, 1 hop", func() (string, map[string]any) {
			return `query($a: ID!) { neighborhood(actor: $a, hops: 1) { truncated nodes { distance actor { id name } } edges { source { id } type target { id } count score } } }`,
				map[string]any{"a": anyActor()}
		}},
		{"neighbourhood, 2 hops", func() (string, map[string]any) {
			return `query($a: ID!) { neighborhood(actor: $a, hops: 2) { truncated nodes { distance actor { id name } } edges { source { id } type target { id } count score } } }`,
				map[string]any{"a": anyActor()}
		}},
		{"neighbors, top 50 with the edges among them", func() (string, map[string]any) {
			return `query($a: ID!) { neighbors(actor: $a, limit: 50, among: true) { totalCount truncated nodes { count score actor { id name } } edges { source { id } type target { id } count score } } }`,
				map[string]any{"a": anyActor()}
		}},
		{"shortest path, 4 hops", func() (string, map[string]any) {
			return `query($a: ID!, $b: ID!) { shortestPath(from: $a, to: $b, maxHops: 4) { length actors { id name } } }`,
				map[string]any{"a": anyActor(), "b": anyActor()}
		}},
		{"paths, 5 of at most 4 hops", func() (string, map[string]any) {
			return `query($a: ID!, $b: ID!) { paths(from: $a, to: $b, maxHops: 4, limit: 5) { length actors { id name } steps { relations { type count } } } }`,
				map[string]any{"a": anyActor(), "b": anyActor()}
		}},
		{"timeline by month", func() (string, map[string]any) {
			a, b := anyActor(), anyActor()
			for b == a {
				b = anyActor()
			}
			return `query($a: ID!, $b: ID!) { timeline(a: $a, b: $b, interval: MONTH) { buckets { start aToB bToA goldstein types { type aToB bToA } } } }`,
				map[string]any{"a": a, "b": b}
		}},
		{"relations page, 50 with 3 evidence", func() (string, map[string]any) {
			return `{ relations(first: 50) { totalCount edges { node { id count score source { name } target { name }
  evidence(first: 3) { totalCount edges { node { sentence article { title url } } } } } } } }`, nil
		}},
		{"stats", func() (string, map[string]any) {
			return `{ stats { actors articles claims relations } }`, nil
		}},
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: *conc}, Timeout: time.Minute}
	type row struct {
		name     string
		p50, p99 time.Duration
		bytes    int
		errs     int
	}
	var rows []row
	for _, k := range kinds {
		var lat []time.Duration
		errs, bytes := 0, 0
		for range *requests {
			q, v := k.make()
			d, n, err := srv.query(ctx, client, q, v)
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if err != nil {
				errs++
				fmt.Fprintf(e.stderr, "  %s: %v\n", k.name, err)
			}
			lat = append(lat, d)
			bytes += n
		}
		slices.Sort(lat)
		rows = append(rows, row{k.name, percentile(lat, 50), percentile(lat, 99), bytes / len(lat), errs})
		fmt.Fprintf(e.stderr, "  %s: p50 %s, p99 %s\n", k.name, ms(rows[len(rows)-1].p50), ms(rows[len(rows)-1].p99))
	}

	// Mixed load: each request is of a kind drawn at random, all kinds alike.
	var done, failed atomic.Int64
	var mu sync.Mutex
	loadCtx, cancel := context.WithTimeout(ctx, *dur)
	defer cancel()
	var wg sync.WaitGroup
	start := time.Now()
	for range *conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for loadCtx.Err() == nil {
				mu.Lock() // the kinds' parameter makers share rng
				k := kinds[rng.IntN(len(kinds))]
				q, v := k.make()
				mu.Unlock()
				if _, _, err := srv.query(loadCtx, client, q, v); err != nil {
					if loadCtx.Err() != nil {
						return
					}
					failed.Add(1)
				}
				done.Add(1)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	rss, peak, err := srv.memory()
	if err != nil {
		return err
	}

	w := e.stdout
	fmt.Fprintf(w, "dyad bench store: %s, %d actors, %d claims (seed %d), %s\n\n", storeName(sf), *actors, *claims, *seed, time.Now().UTC().Format("2006-01-02 15:04 UTC"))
	fmt.Fprintf(w, "stored: %d actors, %d articles, %d claims, %d relations\n\n", stats.Actors, stats.Articles, stats.Claims, stats.Relations)
	fmt.Fprintf(w, "| what | result |\n|---|---|\n")
	fmt.Fprintf(w, "| ingest, one article per Save (first %d claims) | %.0f claims/s |\n", perTxRes.claims, rate(perTxRes))
	fmt.Fprintf(w, "| ingest, %d articles per Save (%d claims) | %.0f claims/s |\n", *batch, batched.claims, rate(batched))
	if rate(perTxRes) > 0 {
		fmt.Fprintf(w, "| batched / one per Save | %.1f× |\n", rate(batched)/rate(perTxRes))
	}
	for _, r := range rows {
		fmt.Fprintf(w, "| %s: p50 / p99 (%d requests, %s a response%s) | %s / %s |\n", r.name, *requests, size(r.bytes), errNote(r.errs), ms(r.p50), ms(r.p99))
	}
	fmt.Fprintf(w, "| mixed, %d clients, %s | %.0f req/s%s |\n", *conc, dur.String(), float64(done.Load())/elapsed.Seconds(), errNote(int(failed.Load())))
	fmt.Fprintf(w, "| server RSS after the load / peak | %s / %s |\n", size(rss), size(peak))
	return nil
}

// queryKind is one kind of request and how to make one with random parameters.
type queryKind struct {
	name string
	make func() (string, map[string]any)
}

func rate(r genResult) float64 {
	if r.elapsed <= 0 {
		return 0
	}
	return float64(r.claims) / r.elapsed.Seconds()
}

func percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[min(len(sorted)-1, (len(sorted)*p+99)/100-1)]
}

func ms(d time.Duration) string {
	return strconv.FormatFloat(float64(d.Microseconds())/1000, 'f', 1, 64) + " ms"
}

func size(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

func errNote(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(", %d failed", n)
}

func storeName(sf storeFlags) string {
	if sf.uri != "" {
		return "Neo4j"
	}
	return "embedded"
}

// benchServer is a `dyad serve` child process.
type benchServer struct {
	cmd  *exec.Cmd
	url  string
	done chan struct{}
}

var graphQLURL = regexp.MustCompile(`GraphQL\s+(http://\S+/graphql)`)

// startServer starts this program's serve command on 127.0.0.1 with the store flags, and waits
// until it says where it listens.
func startServer(ctx context.Context, sf storeFlags) (*benchServer, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	args := []string{"serve", "--addr", "127.0.0.1:0"}
	if sf.uri != "" {
		args = append(args, "--neo4j", sf.uri, "--neo4j-user", sf.user, "--neo4j-database", sf.dbNm)
	} else {
		args = append(args, "--neo4j", "", "--data", sf.data)
	}
	cmd := exec.CommandContext(ctx, self, args...)
	cmd.Env = append(os.Environ(), "NEO4J_PASSWORD="+sf.pass)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &benchServer{cmd: cmd, done: make(chan struct{})}
	found := make(chan string, 1)
	go func() {
		defer close(s.done)
		sc := bufio.NewScanner(stderr)
		var said []string
		for sc.Scan() {
			if m := graphQLURL.FindStringSubmatch(sc.Text()); m != nil && s.url == "" {
				found <- m[1]
				break
			}
			said = append(said, sc.Text())
		}
		close(found)
		io.Copy(io.Discard, stderr) // the server's request log
	}()
	select {
	case url, ok := <-found:
		if !ok {
			cmd.Wait()
			return nil, errors.New("dyad serve stopped before listening")
		}
		s.url = url
	case <-time.After(2 * time.Minute):
		s.stop()
		return nil, errors.New("dyad serve did not say where it listens within 2 minutes")
	}
	return s, nil
}

func (s *benchServer) stop() {
	if s.cmd.Process != nil {
		s.cmd.Process.Signal(os.Interrupt)
		t := time.AfterFunc(10*time.Second, func() { s.cmd.Process.Kill() })
		s.cmd.Wait()
		t.Stop()
	}
}

// query posts one GraphQL request and returns how long it took and how many bytes came back.
// A GraphQL error is an error.
func (s *benchServer) query(ctx context.Context, c *http.Client, query string, vars map[string]any) (time.Duration, int, error) {
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return 0, 0, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.url, bytes.NewReader(body))
	if err != nil {
		return 0, 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	start := time.Now()
	resp, err := c.Do(req)
	if err != nil {
		return time.Since(start), 0, err
	}
	out, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	took := time.Since(start)
	if err != nil {
		return took, len(out), err
	}
	var r struct {
		Errors []struct{ Message string } `json:"errors"`
	}
	if err := json.Unmarshal(out, &r); err != nil {
		return took, len(out), fmt.Errorf("HTTP %d: %v", resp.StatusCode, err)
	}
	if len(r.Errors) > 0 {
		return took, len(out), fmt.Errorf("HTTP %d: %s", resp.StatusCode, r.Errors[0].Message)
	}
	return took, len(out), nil
}

// memory reads the server's resident set now and at its peak, from /proc (Linux).
func (s *benchServer) memory() (rss, peak int, err error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0, 0, fmt.Errorf("reading the server's memory: %w", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.Atoi(f[1])
		switch f[0] {
		case "VmRSS:":
			rss = kb << 10
		case "VmHWM:":
			peak = kb << 10
		}
	}
	return rss, peak, nil
}
