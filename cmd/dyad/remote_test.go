package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/graph/embedded"
	"github.com/dyadgraph/dyad/loader"
	"github.com/dyadgraph/dyad/server"
)

// TestLoadThroughRunningServer loads the samples into the embedded store of a running dyad serve
// with dyad load --server: refused without the token and with a wrong one (nothing is saved),
// accepted with it, and then the claims are what a local load gives, visible to queries at once.
// The token never shows in the server's output.
func TestLoadThroughRunningServer(t *testing.T) {
	want := expectGraph(extractSamples(t))
	docs := readDocuments(t, samplesDir)
	const token = "t0ken-for-the-test-3f9c"
	tokenFile := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(tokenFile, []byte(token+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	srv := startServe(t, "--data", t.TempDir(), "--ingest-token-file", tokenFile)
	if !strings.Contains(srv.stderr.String(), srv.url+"/ingest (token from "+tokenFile+")") {
		t.Errorf("dyad serve does not say where ingest is:\n%s", srv.stderr.String())
	}
	articles := func() int {
		var got struct{ Stats graph.Stats }
		srv.graphQL(t, `{ stats { actors articles claims relations } }`, nil, &got)
		return got.Stats.Articles
	}

	noToken := dyad(t, runOpts{}, "load", "--server", srv.url, samplesDir)
	wantCode(t, noToken, 1, "load --server without a token")
	if !strings.Contains(noToken.stderr, "needs the ingest token") {
		t.Errorf("without a token, load says:\n%s", noToken.stderr)
	}
	wrong := dyad(t, runOpts{env: []string{"DYAD_INGEST_TOKEN=not-the-token"}}, "load", "--server", srv.url, samplesDir)
	wantCode(t, wrong, 1, "load --server with a wrong token")
	if !strings.Contains(wrong.stderr, "refused the ingest token") {
		t.Errorf("with a wrong token, load says:\n%s", wrong.stderr)
	}
	if n := articles(); n != 0 {
		t.Fatalf("refused loads saved %d articles", n)
	}

	ok := dyad(t, runOpts{env: []string{"DYAD_INGEST_TOKEN=" + token}}, "load", "--server", srv.url, samplesDir)
	wantCode(t, ok, 0, "load --server with the token")
	s := parseSummary(t, ok.stderr)
	if s.articles != len(docs) || s.claims != want.claims || s.failed != 0 || s.where != srv.url {
		t.Errorf("summary %+v, want %d articles and %d claims into %s", s, len(docs), want.claims, srv.url)
	}
	var got struct{ Stats graph.Stats }
	srv.graphQL(t, `{ stats { actors articles claims relations } }`, nil, &got)
	wantStats := graph.Stats{Actors: len(want.actors), Articles: len(docs), Claims: want.claims, Relations: len(want.relations)}
	if got.Stats != wantStats {
		t.Errorf("after load --server the server holds %+v, want %+v", got.Stats, wantStats)
	}

	// One more article through the GraphQL mutation, with the token file's token.
	body, _ := json.Marshal(map[string]any{
		"query": `mutation($a: ArticleInput!) { ingestArticle(article: $a) { claims article { id } } }`,
		"variables": map[string]any{"a": map[string]any{"id": "mutation-1", "title": "Sanctions",
			"text": "The European Union imposed sanctions on Iran on Tuesday.", "published": "2025-03-04"}},
	})
	req, _ := http.NewRequest(http.MethodPost, srv.url+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(raw), `"id":"mutation-1"`) || strings.Contains(string(raw), `"errors"`) {
		t.Errorf("ingestArticle answered %s", raw)
	}
	if n := articles(); n != len(docs)+1 {
		t.Errorf("after the mutation the server holds %d articles, want %d", n, len(docs)+1)
	}
	code, _ := srv.stop(t)
	if code != 0 {
		t.Errorf("dyad serve exited with %d", code)
	}
	if strings.Contains(srv.stderr.String(), token) {
		t.Errorf("the token appears in the server's output:\n%s", srv.stderr.String())
	}
}

// TestIngestIsOffWithoutAToken: a server started without a token refuses ingest and says how to
// turn it on, and reads still work.
func TestIngestIsOffWithoutAToken(t *testing.T) {
	srv := startServe(t, "--data", t.TempDir())
	if !strings.Contains(srv.stderr.String(), "ingest      off") {
		t.Errorf("dyad serve does not say that ingest is off:\n%s", srv.stderr.String())
	}
	r := dyad(t, runOpts{env: []string{"DYAD_INGEST_TOKEN=anything"}}, "load", "--server", srv.url, samplesDir)
	wantCode(t, r, 1, "load --server into a server without ingest")
	if !strings.Contains(r.stderr, "ingest is off") || !strings.Contains(r.stderr, "DYAD_INGEST_TOKEN") {
		t.Errorf("load --server into a server without ingest says:\n%s", r.stderr)
	}
	var got struct{ Stats graph.Stats }
	srv.graphQL(t, `{ stats { articles } }`, nil, &got)
	if got.Stats.Articles != 0 {
		t.Errorf("a server without ingest saved %d articles", got.Stats.Articles)
	}
}

// TestShutdownLetsIngestFinish: SIGTERM while an ingest request is still arriving lets it finish
// (its articles are saved and it is answered) before dyad serve exits cleanly.
func TestShutdownLetsIngestFinish(t *testing.T) {
	const token = "shutdown-token"
	tokenFile := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(tokenFile, []byte(token), 0o600); err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	// a grace period well above what the ingest needs on a loaded machine: the test is about
	// in-flight work finishing, not about the default's 1.5 s
	srv := startServe(t, "--data", data, "--ingest-token-file", tokenFile, "--shutdown-timeout", "20s")
	pr, pw := io.Pipe()
	req, _ := http.NewRequest(http.MethodPost, srv.url+"/ingest?name=slow.jsonl", pr)
	req.Header.Set("Authorization", "Bearer "+token)
	type answer struct {
		code int
		body string
		err  error
	}
	done := make(chan answer, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			done <- answer{err: err}
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		done <- answer{code: resp.StatusCode, body: string(b)}
	}()
	io.WriteString(pw, `{"id": "s1", "title": "One", "text": "Russia attacked Ukraine on Monday."}`+"\n")
	time.Sleep(300 * time.Millisecond) // the request is in flight
	stopped := make(chan int, 1)
	go func() { code, _ := srv.stop(t); stopped <- code }()
	time.Sleep(300 * time.Millisecond) // the server has the signal and waits
	io.WriteString(pw, `{"id": "s2", "title": "Two", "text": "France pledged support for Ukraine."}`+"\n")
	pw.Close()
	a := <-done
	if a.err != nil || a.code != http.StatusOK || !strings.Contains(a.body, `"articles":2`) {
		t.Errorf("the in-flight ingest answered %d %s (%v), want both articles saved", a.code, a.body, a.err)
	}
	if code := <-stopped; code != 0 {
		t.Errorf("dyad serve exited with %d after SIGTERM:\n%s", code, srv.stderr.String())
	}
	if !strings.Contains(srv.stderr.String(), "shutting down") {
		t.Errorf("dyad serve did not log its shutdown:\n%s", srv.stderr.String())
	}
	if stats := storeStats(t, data); stats.Articles != 2 {
		t.Errorf("after the shutdown the store holds %d articles, want 2", stats.Articles)
	}
}

// gatedExtractor is the rule extractor behind a gate that each extraction takes a value from.
type gatedExtractor struct {
	loader.Extractor
	gate  chan struct{}
	calls atomic.Int32
}

func (g *gatedExtractor) Extract(ctx context.Context, doc loader.Document) (graph.Extraction, error) {
	g.calls.Add(1)
	select {
	case <-g.gate:
	case <-ctx.Done():
		return graph.Extraction{}, ctx.Err()
	}
	return g.Extractor.Extract(ctx, doc)
}

// TestLoadRemoteWaitsForABusyServer: a server at its ingest capacity answers 503 with a
// Retry-After; the client waits that long and sends the articles again, and they are saved.
func TestLoadRemoteWaitsForABusyServer(t *testing.T) {
	st, err := embedded.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ex := &gatedExtractor{Extractor: loader.NewRuleExtractor(nil), gate: make(chan struct{}, 10)}
	ts := httptest.NewServer(server.New(st, server.WithIngest(ex, "tok"),
		server.WithIngestLimits(server.IngestLimits{Extractors: 1, Queue: 1, RetryAfter: time.Second})))
	defer ts.Close()
	// two requests take the server's whole capacity, waiting at the gate
	held := make(chan error, 2)
	for i := range 2 {
		body := fmt.Sprintf(`{"id": "held-%d", "title": "t", "text": "Russia attacked Ukraine."}`+"\n", i)
		go func() {
			_, err := postIngest(context.Background(), http.DefaultClient, ts.URL+"/ingest", "tok", "held.jsonl", []byte(body), nil)
			held <- err
		}()
	}
	for deadline := time.Now().Add(10 * time.Second); ex.calls.Load() < 1; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the first request never reached the extractor")
		}
	}
	time.Sleep(200 * time.Millisecond) // the second one waits for the extractor
	go func() {
		time.Sleep(1500 * time.Millisecond) // past the first Retry-After
		for range 3 {
			ex.gate <- struct{}{}
		}
	}()
	start := time.Now()
	rep, err := postIngest(context.Background(), http.DefaultClient, ts.URL+"/ingest", "tok", "late.jsonl",
		[]byte(`{"id": "late", "title": "t", "text": "France supported Ukraine."}`+"\n"), nil)
	if err != nil || rep.Articles != 1 {
		t.Fatalf("the request sent to a busy server: %+v %v", rep, err)
	}
	if time.Since(start) < time.Second {
		t.Errorf("the client did not wait: answered after %s", time.Since(start))
	}
	resp, err := http.Get(ts.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	metrics, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !regexp.MustCompile(`(?m)^dyad_ingest_refused_total [1-9]`).Match(metrics) {
		t.Errorf("the server never refused the request, so the client's waiting was not tried")
	}
	for range 2 {
		if err := <-held; err != nil {
			t.Error(err)
		}
	}
}
