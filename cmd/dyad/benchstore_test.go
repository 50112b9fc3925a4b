package main

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/graph/embedded"
)

// TestGenWritesTheCorpusOnce checks that dyad gen writes the claims asked for, and that a second
// run with the same flags changes nothing (the corpus is deterministic and saves replace).
func TestGenWritesTheCorpusOnce(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	args := []string{"gen", "--data", data, "--actors", "60", "--claims", "700", "--seed", "2", "--batch", "40"}
	r := dyad(t, runOpts{}, args...)
	wantCode(t, r, 0, "dyad gen")
	if !regexp.MustCompile(`^\d+ articles, 700 claims in [\d.]+ s: \d+ claims/s\n$`).MatchString(r.stdout) {
		t.Fatalf("dyad gen printed %q", r.stdout)
	}
	stats := func() (actors, articles, claims int) {
		t.Helper()
		st, err := embedded.Open(data)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		s, err := st.Stats(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return s.Actors, s.Articles, s.Claims
	}
	a1, ar1, c1 := stats()
	if c1 != 700 || a1 == 0 || a1 > 60 || ar1 < 700/9 {
		t.Fatalf("after gen: %d actors, %d articles, %d claims; want 700 claims among at most 60 actors", a1, ar1, c1)
	}
	wantCode(t, dyad(t, runOpts{}, args...), 0, "dyad gen again")
	if a2, ar2, c2 := stats(); a2 != a1 || ar2 != ar1 || c2 != c1 {
		t.Fatalf("gen twice: %d, %d, %d; then %d, %d, %d", a1, ar1, c1, a2, ar2, c2)
	}
	wantCode(t, dyad(t, runOpts{}, "gen", "--data", data, "--claims", "0"), 2, "dyad gen --claims 0")
}

// benchRows are the rows that dyad bench store prints, each with a figure.
var benchRows = []string{`ingest, one article per Save \(first \d+ claims\) \| \d+ claims/s`,
	`ingest, \d+ articles per Save \(\d+ claims\) \| \d+ claims/s`, `batched / one per Save \| [\d.]+×`,
	`search: p50 / p99`, `neighbourhood, 1 hop: p50 / p99`, `neighbourhood, 2 hops: p50 / p99`,
	`neighbors, top 50 with the edges among them: p50 / p99`, `shortest path, 4 hops: p50 / p99`, `paths, 5 of at most 4 hops: p50 / p99`, `timeline by month: p50 / p99`,
	`relations page, 50 with 3 evidence: p50 / p99`, `stats: p50 / p99`,
	`mixed, 4 clients, 1s \| \d+ req/s \|`, `server RSS after the load / peak \| [\d.]+ [KM]?B / [\d.]+ [KM]?B`}

func checkBenchTable(t *testing.T, r result) {
	t.Helper()
	wantCode(t, r, 0, "dyad bench store")
	for _, row := range benchRows {
		if !regexp.MustCompile(`(?m)^\| ` + row).MatchString(r.stdout) {
			t.Errorf("no row matching %q in:\n%s", row, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "failed") {
		t.Errorf("requests failed:\n%s\nstderr:\n%s", r.stdout, r.stderr)
	}
}

func TestBenchStoreEmbedded(t *testing.T) {
	r := dyad(t, runOpts{}, "bench", "store", "--actors", "80", "--claims", "900", "--per-tx-claims", "100",
		"--batch", "50", "--requests", "3", "--concurrency", "4", "--duration", "1s")
	checkBenchTable(t, r)
	if !strings.Contains(r.stdout, "stored: ") || !strings.Contains(r.stdout, " 900 claims, ") {
		t.Errorf("the table does not say 900 claims were stored:\n%s", r.stdout)
	}

	data := filepath.Join(t.TempDir(), "data")
	wantCode(t, dyad(t, runOpts{}, "gen", "--data", data, "--claims", "20"), 0, "dyad gen")
	r = dyad(t, runOpts{}, "bench", "store", "--data", data, "--claims", "20")
	wantCode(t, r, 1, "dyad bench store on a store that is not empty")
	if !strings.Contains(r.stderr, "not empty") {
		t.Errorf("stderr does not say the store is not empty:\n%s", r.stderr)
	}
}

func TestBenchStoreNeo4j(t *testing.T) {
	flags := neo4jFlags(t)
	args := append([]string{"bench", "store"}, flags...)
	args = append(args, "--clear", "--actors", "80", "--claims", "600", "--per-tx-claims", "60",
		"--batch", "50", "--requests", "3", "--concurrency", "4", "--duration", "1s")
	// a shared Neo4j on a busy machine has taken over a minute for these 600 claims
	checkBenchTable(t, dyad(t, runOpts{limit: 4 * time.Minute}, args...))
}
