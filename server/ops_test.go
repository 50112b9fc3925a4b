package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/loader"
	"github.com/dyadgraph/dyad/server"
)

// lockedBuffer collects log lines written from several goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func do(t *testing.T, req *http.Request) (*http.Response, string) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

func gqlRequest(t *testing.T, url, query string) *http.Request {
	body, _ := json.Marshal(map[string]any{"query": query})
	req, _ := http.NewRequest(http.MethodPost, url+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	return req
}

// TestRequestLogsAndMetrics: one JSON log line per request with its id, operation and error
// codes; /metrics counts requests, operations by outcome, store calls and ingest.
func TestRequestLogsAndMetrics(t *testing.T) {
	var logs lockedBuffer
	log := slog.New(slog.NewJSONHandler(&logs, nil))
	const token = "metrics-token"
	ts := httptest.NewServer(server.New(seededStore(t), server.WithLogger(log),
		server.WithIngest(loader.NewRuleExtractor(nil), token)))
	t.Cleanup(ts.Close)

	req := gqlRequest(t, ts.URL, `query Overview { stats { actors } }`)
	req.Header.Set("X-Request-ID", "req-42")
	resp, _ := do(t, req)
	if resp.Header.Get("X-Request-ID") != "req-42" {
		t.Errorf("X-Request-ID answered %q, want the client's req-42", resp.Header.Get("X-Request-ID"))
	}
	do(t, gqlRequest(t, ts.URL, `query Broken { relations(first: -1) { totalCount } }`))
	ing, _ := http.NewRequest(http.MethodPost, ts.URL+"/ingest?name=a.txt", strings.NewReader("Attack\n\nRussia attacked Ukraine on Monday.\n"))
	ing.Header.Set("Authorization", "Bearer "+token)
	if resp, body := do(t, ing); resp.StatusCode != 200 {
		t.Fatalf("ingest: %d %s", resp.StatusCode, body)
	}

	var lines []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("a log line is not JSON: %q", l)
		}
		if m["msg"] == "http" {
			lines = append(lines, m)
		}
	}
	if len(lines) != 3 {
		t.Fatalf("want one log line per request, got %d:\n%s", len(lines), logs.String())
	}
	if lines[0]["id"] != "req-42" || lines[0]["operation"] != "Overview" || lines[0]["errors"] != "" || lines[0]["duration"] == nil {
		t.Errorf("first request's line: %v", lines[0])
	}
	if lines[1]["operation"] != "Broken" || lines[1]["errors"] != "BAD_USER_INPUT" {
		t.Errorf("failing request's line: %v", lines[1])
	}
	if strings.Contains(logs.String(), token) {
		t.Errorf("the token is in the logs")
	}

	_, metrics := do(t, must(http.NewRequest(http.MethodGet, ts.URL+"/metrics", nil)))
	for _, want := range []string{
		`dyad_graphql_operations_total{operation="Overview",outcome="ok"} 1`,
		`dyad_graphql_operations_total{operation="Broken",outcome="BAD_USER_INPUT"} 1`,
		`dyad_http_requests_total{method="POST",route="/graphql",status="200"} 2`,
		`dyad_http_requests_total{method="POST",route="/ingest",status="200"} 1`,
		`dyad_store_calls_total{method="Stats"} 1`,
		`dyad_store_calls_total{method="Save"} 1`,
		`dyad_ingest_articles_total 1`,
		`dyad_graphql_operation_duration_seconds_count{operation="Overview"} 1`,
		`go_goroutines`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestHealthAndReadiness: /healthz says the process is alive even when the store fails; /readyz
// says whether the store answers.
func TestHealthAndReadiness(t *testing.T) {
	ts := httptest.NewServer(server.New(statsFailingStore{seededStore(t)}, server.WithLogger(testLogger(t))))
	t.Cleanup(ts.Close)
	if resp, body := do(t, must(http.NewRequest(http.MethodGet, ts.URL+"/healthz", nil))); resp.StatusCode != 200 {
		t.Errorf("healthz with a failing store: %d %s, want 200", resp.StatusCode, body)
	}
	if resp, body := do(t, must(http.NewRequest(http.MethodGet, ts.URL+"/readyz", nil))); resp.StatusCode != 503 {
		t.Errorf("readyz with a failing store: %d %s, want 503", resp.StatusCode, body)
	}
}

// TestCORS: no CORS headers by default; with WithCORS, allowed origins get them and preflight
// requests are answered, other origins get nothing.
func TestCORS(t *testing.T) {
	store := seededStore(t)
	preflight := func(url, origin string) *http.Response {
		req := must(http.NewRequest(http.MethodOptions, url+"/graphql", nil))
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "content-type")
		resp, _ := do(t, req)
		return resp
	}
	post := func(url, origin string) *http.Response {
		req := gqlRequest(t, url, `{ stats { actors } }`)
		req.Header.Set("Origin", origin)
		resp, _ := do(t, req)
		return resp
	}
	off := httptest.NewServer(server.New(store, server.WithLogger(testLogger(t))))
	t.Cleanup(off.Close)
	if h := post(off.URL, "https://app.example.org").Header.Get("Access-Control-Allow-Origin"); h != "" {
		t.Errorf("CORS is on by default: %q", h)
	}

	on := httptest.NewServer(server.New(store, server.WithLogger(testLogger(t)), server.WithCORS("https://app.example.org")))
	t.Cleanup(on.Close)
	resp := preflight(on.URL, "https://app.example.org")
	if resp.StatusCode != http.StatusNoContent || resp.Header.Get("Access-Control-Allow-Origin") != "https://app.example.org" ||
		!strings.Contains(resp.Header.Get("Access-Control-Allow-Methods"), "POST") ||
		!strings.Contains(strings.ToLower(resp.Header.Get("Access-Control-Allow-Headers")), "content-type") {
		t.Errorf("preflight from an allowed origin: %d %v", resp.StatusCode, resp.Header)
	}
	if h := post(on.URL, "https://app.example.org").Header.Get("Access-Control-Allow-Origin"); h != "https://app.example.org" {
		t.Errorf("POST from an allowed origin: Access-Control-Allow-Origin %q", h)
	}
	if h := post(on.URL, "https://evil.example.com").Header.Get("Access-Control-Allow-Origin"); h != "" {
		t.Errorf("POST from another origin: Access-Control-Allow-Origin %q", h)
	}
	if h := preflight(on.URL, "https://evil.example.com").Header.Get("Access-Control-Allow-Methods"); h != "" {
		t.Errorf("preflight from another origin allowed %q", h)
	}

	dev := httptest.NewServer(server.New(store, server.WithLogger(testLogger(t)), server.WithCORS("*")))
	t.Cleanup(dev.Close)
	if h := post(dev.URL, "http://localhost:5173").Header.Get("Access-Control-Allow-Origin"); h != "*" {
		t.Errorf("with *, Access-Control-Allow-Origin %q", h)
	}
}

// statsFailingStore's Stats fails, as a store whose database went away.
type statsFailingStore struct{ graph.Store }

func (statsFailingStore) Stats(context.Context) (graph.Stats, error) {
	return graph.Stats{}, errors.New("connection refused")
}

// Invented HTTP methods all count under one label: a client cannot grow /metrics a series at a
// time.
func TestMetricLabelsAreBounded(t *testing.T) {
	ts := httptest.NewServer(server.New(seededStore(t)))
	defer ts.Close()
	for i := range 200 {
		method := "X" + strings.Repeat("Q", i%50) + string(rune('A'+i%26))
		do(t, must(http.NewRequest(method, ts.URL+"/graphql", nil)))
	}
	_, metrics := do(t, must(http.NewRequest(http.MethodGet, ts.URL+"/metrics", nil)))
	series := 0
	for _, line := range strings.Split(metrics, "\n") {
		if strings.HasPrefix(line, "dyad_http_requests_total{") {
			series++
			if strings.Contains(line, `method="X`) {
				t.Errorf("an invented method has its own series: %s", line)
			}
		}
	}
	if series == 0 || series > 10 || !strings.Contains(metrics, `method="other"`) {
		t.Errorf("%d request series after 200 invented methods; want a few, with method=\"other\":\n%s", series, metrics)
	}
}

// A body over a mebibyte is refused with 413, whether its length is announced or not.
func TestOversizedBodyIs413(t *testing.T) {
	ts := httptest.NewServer(server.New(seededStore(t)))
	defer ts.Close()
	query := `{ stats { actors } }`
	big, _ := json.Marshal(map[string]any{"query": query, "variables": map[string]string{"pad": strings.Repeat("x", 1<<20)}})
	for name, body := range map[string]io.Reader{
		"with Content-Length": bytes.NewReader(big),
		"chunked":             io.MultiReader(bytes.NewReader(big)), // no length: sent chunked
	} {
		req := must(http.NewRequest(http.MethodPost, ts.URL+"/graphql", body))
		req.Header.Set("Content-Type", "application/json")
		resp, text := do(t, req)
		if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(text, "REQUEST_TOO_LARGE") {
			t.Errorf("%s: %d %.200s, want 413 REQUEST_TOO_LARGE", name, resp.StatusCode, text)
		}
	}
	resp, text := do(t, gqlRequest(t, ts.URL, query))
	if resp.StatusCode != http.StatusOK || !strings.Contains(text, `"actors"`) {
		t.Errorf("a small request after them: %d %s", resp.StatusCode, text)
	}
}
