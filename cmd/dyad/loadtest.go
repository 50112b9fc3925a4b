package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"runtime/pprof"
	"slices"
	"sort"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/dyadgraph/dyad/server"
)

// Bounds of dyad loadtest: it is a soak test of one's own server, not a load generator.
const (
	maxLoadClients  = 256
	maxLoadDuration = 10 * time.Minute
)

func runLoadTest(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "loadtest", "", "Loadtest runs clients that send a mix of GraphQL queries (actors, search, relations with\n"+
		"evidence, neighbourhoods, paths, stats) to a dyad server on this machine for a while, then\n"+
		"prints the latency percentiles of each kind. It serves the chosen store itself on 127.0.0.1,\n"+
		"or tests a running dyad serve given with --url, which must be a loopback address. The exit\n"+
		"status is 1 if any request failed.")
	var sf storeFlags
	sf.register(fs, e)
	target := fs.String("url", "", "`URL` of a running dyad serve on this machine (default: serve the store in process)")
	clients := fs.Int("clients", 64, fmt.Sprintf("concurrent clients (at most %d)", maxLoadClients))
	duration := fs.Duration("duration", time.Minute, fmt.Sprintf("how long to run (at most %s)", maxLoadDuration))
	seed := fs.Uint64("seed", 1, "seed of the query mix")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the run (the in-process server and the clients) to `file`, for go tool pprof")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErr("loadtest takes no arguments")
	}
	if *clients < 1 || *clients > maxLoadClients {
		return usageErr("--clients %d: want 1 to %d", *clients, maxLoadClients)
	}
	if *duration <= 0 || *duration > maxLoadDuration {
		return usageErr("--duration %s: want more than 0 and at most %s", *duration, maxLoadDuration)
	}
	base := strings.TrimSuffix(*target, "/")
	where := base
	if base == "" {
		st, name, err := sf.open(ctx)
		if err != nil {
			return err
		}
		defer st.Close()
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return err
		}
		// Requests that the end of the run cuts short are logged as warnings: only errors matter here.
		log := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelError}))
		srv := server.NewHTTPServer(server.New(st, server.WithLogger(log)), server.DefaultTimeout, log)
		go srv.Serve(ln)
		defer srv.Close()
		base, where = "http://"+ln.Addr().String(), name
	} else if err := loopbackOnly(ctx, base); err != nil {
		return err
	}

	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: *clients}}
	ids, err := sampleActors(ctx, client, base)
	if err != nil {
		return fmt.Errorf("asking %s for actors: %w", base, err)
	}
	if len(ids) < 2 {
		return fmt.Errorf("%s holds %d actors; load articles first (dyad load loader/samples)", where, len(ids))
	}
	fmt.Fprintf(e.stderr, "dyad loadtest: %d clients for %s against %s (%d actors sampled)\n", *clients, *duration, where, len(ids))

	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	run, cancel := context.WithTimeout(ctx, *duration)
	defer cancel()
	var mu sync.Mutex
	latencies := map[string][]time.Duration{}
	failures := map[string]int{}
	var firstErrs []string
	var wg sync.WaitGroup
	for c := range *clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(*seed, uint64(c)))
			for run.Err() == nil {
				q := loadQueries[rng.IntN(len(loadQueries))]
				vars := q.vars(rng, ids)
				start := time.Now()
				err := postQuery(run, client, base, q.query, vars)
				took := time.Since(start)
				if run.Err() != nil && err != nil {
					return // the end of the run cut this request short
				}
				mu.Lock()
				latencies[q.name] = append(latencies[q.name], took)
				if err != nil {
					failures[q.name]++
					if len(firstErrs) < 5 {
						firstErrs = append(firstErrs, q.name+": "+err.Error())
					}
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if ctx.Err() != nil {
		return ctx.Err()
	}
	errs := writeLatencyTable(e.stdout, latencies, failures, *duration)
	for _, msg := range firstErrs {
		fmt.Fprintln(e.stderr, "dyad loadtest:", msg)
	}
	if errs > 0 {
		fmt.Fprintf(e.stderr, "dyad loadtest: %d requests failed\n", errs)
		return errFailed
	}
	return nil
}

// loopbackOnly refuses a URL whose host is not a loopback address: loadtest is for one's own
// server.
func loopbackOnly(ctx context.Context, raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "http" || u.Host == "" {
		return usageErr("--url %q: want http://127.0.0.1:PORT or http://localhost:PORT", raw)
	}
	addrs, err := net.DefaultResolver.LookupIPAddr(ctx, u.Hostname())
	if err != nil || len(addrs) == 0 {
		return usageErr("--url %q: cannot resolve %s", raw, u.Hostname())
	}
	for _, a := range addrs {
		if !a.IP.IsLoopback() {
			return usageErr("--url %q: %s is not a loopback address; loadtest only tests a server on this machine", raw, a.IP)
		}
	}
	return nil
}

// loadQuery is one kind of request in the mix.
type loadQuery struct {
	name  string
	query string
	vars  func(rng *rand.Rand, ids []string) map[string]any
}

func oneActor(rng *rand.Rand, ids []string) map[string]any {
	return map[string]any{"id": ids[rng.IntN(len(ids))]}
}

var loadQueries = []loadQuery{
	{"actor", `query($id: ID!) { actor(id: $id) { id name kind country aliases } }`, oneActor},
	{"search", `query($s: String) { actors(search: $s, first: 10) { totalCount nodes { id name } } }`,
		func(rng *rand.Rand, ids []string) map[string]any {
			return map[string]any{"s": []string{"uk", "ru", "nato", "iran", "united", "house", "x"}[rng.IntN(7)]}
		}},
	{"relations", `query($id: ID!) { relations(actor: $id, first: 20) { totalCount edges { node {
		source { name } type target { name } count score evidence(first: 2) { nodes { sentence article { title } } } } } } }`, oneActor},
	{"neighborhood", `query($id: ID!) { neighborhood(actor: $id, hops: 2, limit: 200) {
		nodes { distance actor { id name } } edges { source { id } type target { id } count } } }`, oneActor},
	{"path", `query($a: ID!, $b: ID!) { shortestPath(from: $a, to: $b, maxHops: 4) { length actors { id } } }`,
		func(rng *rand.Rand, ids []string) map[string]any {
			return map[string]any{"a": ids[rng.IntN(len(ids))], "b": ids[rng.IntN(len(ids))]}
		}},
	{"stats", `{ stats { actors articles claims relations } }`, func(*rand.Rand, []string) map[string]any { return nil }},
}

// postQuery sends one query; any GraphQL error or non-200 answer is an error.
func postQuery(ctx context.Context, c *http.Client, base, query string, vars map[string]any) error {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/graphql", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	var answer struct {
		Errors []struct{ Message string } `json:"errors"`
	}
	if err := json.Unmarshal(raw, &answer); err != nil {
		return fmt.Errorf("status %d, not JSON: %.100s", resp.StatusCode, raw)
	}
	if resp.StatusCode != http.StatusOK || len(answer.Errors) > 0 {
		return fmt.Errorf("status %d: %+v", resp.StatusCode, answer.Errors)
	}
	return nil
}

// sampleActors returns up to 200 actor ids of the server's store.
func sampleActors(ctx context.Context, c *http.Client, base string) ([]string, error) {
	body, _ := json.Marshal(map[string]any{"query": `{ actors(first: 200) { nodes { id } } }`})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/graphql", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var answer struct {
		Data struct {
			Actors struct{ Nodes []struct{ ID string } }
		}
		Errors []struct{ Message string }
	}
	if err := json.NewDecoder(resp.Body).Decode(&answer); err != nil {
		return nil, err
	}
	if len(answer.Errors) > 0 {
		return nil, errors.New(answer.Errors[0].Message)
	}
	var ids []string
	for _, n := range answer.Data.Actors.Nodes {
		ids = append(ids, n.ID)
	}
	return ids, nil
}

// writeLatencyTable prints, per kind of query and in all, the requests, failures, rate and
// latency percentiles, and returns the number of failures.
func writeLatencyTable(w io.Writer, latencies map[string][]time.Duration, failures map[string]int, d time.Duration) int {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "query\trequests\terrors\treq/s\tp50\tp90\tp99\tmax\t")
	names := make([]string, 0, len(latencies))
	var all []time.Duration
	total := 0
	for name, l := range latencies {
		names = append(names, name)
		all = append(all, l...)
		total += failures[name]
	}
	sort.Strings(names)
	row := func(name string, l []time.Duration, errs int) {
		slices.Sort(l)
		pct := func(p float64) string {
			if len(l) == 0 {
				return "-"
			}
			return l[min(len(l)-1, int(p*float64(len(l))))].Round(10 * time.Microsecond).String()
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.0f\t%s\t%s\t%s\t%s\t\n", name, len(l), errs, float64(len(l))/d.Seconds(),
			pct(0.5), pct(0.9), pct(0.99), pct(1))
	}
	for _, name := range names {
		row(name, latencies[name], failures[name])
	}
	row("all", all, total)
	tw.Flush()
	return total
}
