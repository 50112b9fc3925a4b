package server_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/graph/embedded"
	"github.com/dyadgraph/dyad/graph/graphtest"
	"github.com/dyadgraph/dyad/loader"
	"github.com/dyadgraph/dyad/server"
)

const ingestToken = "limits-token"

// gatedExtractor is the rule extractor behind a gate: while the gate is set, each extraction
// waits for a value from it. It counts extractions and the most that ran at once.
type gatedExtractor struct {
	inner         loader.Extractor
	gate          chan struct{}
	calls         atomic.Int32
	running, most atomic.Int32
}

func newGatedExtractor(gate chan struct{}) *gatedExtractor {
	return &gatedExtractor{inner: loader.NewRuleExtractor(nil), gate: gate}
}

func (g *gatedExtractor) Name() string    { return g.inner.Name() }
func (g *gatedExtractor) Version() string { return g.inner.Version() }

func (g *gatedExtractor) Extract(ctx context.Context, doc loader.Document) (graph.Extraction, error) {
	g.calls.Add(1)
	n := g.running.Add(1)
	defer g.running.Add(-1)
	for m := g.most.Load(); n > m && !g.most.CompareAndSwap(m, n); m = g.most.Load() {
	}
	if g.gate != nil {
		select {
		case <-g.gate:
		case <-ctx.Done():
			return graph.Extraction{}, ctx.Err()
		}
	}
	return g.inner.Extract(ctx, doc)
}

// ingestServer serves store with ingest on, through ex, within limits.
func ingestServer(t *testing.T, store graph.Store, ex loader.Extractor, limits server.IngestLimits) *httptest.Server {
	t.Helper()
	ts := httptest.NewServer(server.New(store, server.WithLogger(testLogger(t)),
		server.WithIngest(ex, ingestToken), server.WithIngestLimits(limits)))
	t.Cleanup(ts.Close)
	return ts
}

// jsonlArticles renders articles as JSONL, each {"id": ID, "title": ID, "text": TEXT}.
func jsonlArticles(ids []string, text func(id string) string) string {
	var b strings.Builder
	for _, id := range ids {
		line, _ := json.Marshal(map[string]string{"id": id, "title": id, "text": text(id)})
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.String()
}

// ingestRequest is a POST /ingest of body with the token.
func ingestRequest(t *testing.T, url, query, body string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url+"/ingest?"+query, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-ndjson")
	req.Header.Set("Authorization", "Bearer "+ingestToken)
	return req
}

// inProgress reads the ingest requests in progress from /metrics.
func inProgress(t *testing.T, url string) int {
	t.Helper()
	_, body := do(t, must(http.NewRequest(http.MethodGet, url+"/metrics", nil)))
	m := regexp.MustCompile(`(?m)^dyad_ingest_requests_in_progress (\d+)`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("/metrics has no dyad_ingest_requests_in_progress:\n%s", body)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// Extraction is bounded across requests: with one extractor and a queue of one, a first request
// extracts, a second waits, a third (and an ingestArticle) is refused at once with 503 and a
// Retry-After, and no two extractions ever run together.
func TestIngestCapacityIsBounded(t *testing.T) {
	gate := make(chan struct{})
	ex := newGatedExtractor(gate)
	ts := ingestServer(t, openStore(t), ex, server.IngestLimits{Extractors: 1, Queue: 1, RetryAfter: 3 * time.Second})
	article := func(id string) string {
		return jsonlArticles([]string{id}, func(string) string { return "Russia attacked Ukraine." })
	}

	type answer struct {
		code int
		body string
	}
	answers := make(chan answer, 2)
	for _, id := range []string{"first", "second"} {
		req := ingestRequest(t, ts.URL, "", article(id))
		go func() {
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				answers <- answer{0, err.Error()}
				return
			}
			defer resp.Body.Close()
			raw, _ := io.ReadAll(resp.Body)
			answers <- answer{resp.StatusCode, string(raw)}
		}()
	}
	deadline := time.Now().Add(10 * time.Second)
	for inProgress(t, ts.URL) < 2 || ex.calls.Load() < 1 {
		if time.Now().After(deadline) {
			t.Fatalf("two ingest requests never were in progress together (%d extraction calls)", ex.calls.Load())
		}
		time.Sleep(10 * time.Millisecond)
	}

	resp, body := do(t, ingestRequest(t, ts.URL, "", article("third")))
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") != "3" ||
		!strings.Contains(body, "send again after 3s") {
		t.Errorf("a third request past the capacity: %d Retry-After %q %s", resp.StatusCode, resp.Header.Get("Retry-After"), body)
	}
	mutation := `{"query": "mutation { ingestArticle(article: {title: \"t\", text: \"France supported Ukraine.\"}) { claims } }"}`
	req := must(http.NewRequest(http.MethodPost, ts.URL+"/graphql", strings.NewReader(mutation)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+ingestToken)
	if _, body := do(t, req); !strings.Contains(body, `"code":"SERVER_BUSY"`) || !strings.Contains(body, `"retryAfter":3`) {
		t.Errorf("ingestArticle past the capacity: %s", body)
	}

	close(gate)
	for range 2 {
		a := <-answers
		if a.code != http.StatusOK || !strings.Contains(a.body, `"articles":1`) {
			t.Errorf("an admitted request: %d %s", a.code, a.body)
		}
	}
	if most := ex.most.Load(); most != 1 {
		t.Errorf("%d extractions ran at once with one extractor", most)
	}
	if resp, body := do(t, ingestRequest(t, ts.URL, "", article("fourth"))); resp.StatusCode != http.StatusOK {
		t.Errorf("once the others finished, a request is taken again: %d %s", resp.StatusCode, body)
	}
	if _, body := do(t, must(http.NewRequest(http.MethodGet, ts.URL+"/metrics", nil))); !strings.Contains(body, "dyad_ingest_refused_total 2") {
		t.Errorf("the two refusals are not counted in /metrics")
	}
}

// savesRecorder records the claims and articles of each Save.
type savesRecorder struct {
	graph.Store
	mu    sync.Mutex
	saves [][2]int // articles, claims
}

func (s *savesRecorder) Save(ctx context.Context, batch []graph.Extraction) error {
	claims := 0
	for _, x := range batch {
		claims += len(x.Claims)
	}
	s.mu.Lock()
	s.saves = append(s.saves, [2]int{len(batch), claims})
	s.mu.Unlock()
	return s.Store.Save(ctx, batch)
}

// claimDense is an article of three claims.
func claimDense(string) string {
	return "Russia attacked Ukraine. France supported Ukraine. Germany criticized Russia."
}

// A batch is bounded by claims and by bytes as well as articles: claim-dense articles are saved
// a few at a time, and nothing is lost.
func TestIngestBatchesAreBoundedByClaimsAndBytes(t *testing.T) {
	ids := make([]string, 12)
	for i := range ids {
		ids[i] = fmt.Sprintf("dense-%02d", i)
	}
	body := jsonlArticles(ids, claimDense)
	for _, tc := range []struct {
		name   string
		limits server.IngestLimits
		most   func(articles, claims int) bool
	}{
		{"claims", server.IngestLimits{BatchClaims: 7}, func(_, claims int) bool { return claims <= 7 }},
		{"bytes", server.IngestLimits{BatchBytes: 1}, func(articles, _ int) bool { return articles == 1 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := &savesRecorder{Store: openStore(t)}
			ts := ingestServer(t, rec, loader.NewRuleExtractor(nil), tc.limits)
			resp, out := do(t, ingestRequest(t, ts.URL, "name=dense.jsonl", body))
			var rep server.IngestReport
			mustDecode(t, []byte(out), &rep)
			if resp.StatusCode != http.StatusOK || rep.Articles != len(ids) || rep.Claims < 3*len(ids) {
				t.Fatalf("POST /ingest: %d %s", resp.StatusCode, out)
			}
			rec.mu.Lock()
			defer rec.mu.Unlock()
			articles, claims := 0, 0
			for _, s := range rec.saves {
				if !tc.most(s[0], s[1]) {
					t.Errorf("a batch of %d articles and %d claims is past the bound %+v", s[0], s[1], tc.limits)
				}
				articles += s[0]
				claims += s[1]
			}
			if articles != rep.Articles || claims != rep.Claims || len(rec.saves) < 2 {
				t.Errorf("%d saves held %d articles and %d claims; the report says %d and %d", len(rec.saves), articles, claims, rep.Articles, rep.Claims)
			}
		})
	}
}

// A long POST /ingest asked for its progress streams it as JSON lines while it runs: a line
// comes after the first batch is saved, while later articles still wait to be extracted.
func TestIngestStreamsProgress(t *testing.T) {
	gate := make(chan struct{}, 10)
	ex := newGatedExtractor(gate)
	ts := ingestServer(t, openStore(t), ex, server.IngestLimits{Extractors: 1, BatchArticles: 1})
	body := jsonlArticles([]string{"p1", "p2", "p3"}, claimDense)
	gate <- struct{}{} // the first article only
	resp, err := http.DefaultClient.Do(ingestRequest(t, ts.URL, "name=feed.jsonl&progress=lines", body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/x-ndjson" {
		t.Fatalf("streamed ingest: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	lines := bufio.NewScanner(resp.Body)
	next := func() server.IngestReport {
		t.Helper()
		if !lines.Scan() {
			t.Fatalf("the stream ended early: %v", lines.Err())
		}
		var rep server.IngestReport
		mustDecode(t, lines.Bytes(), &rep)
		return rep
	}
	first := next()
	if first.Final || first.Articles != 1 || first.Claims < 3 {
		t.Fatalf("the first line should be the progress of the first batch: %+v", first)
	}
	if ex.calls.Load() > 2 {
		t.Fatalf("the progress line came after %d extractions, not while they waited", ex.calls.Load())
	}
	gate <- struct{}{}
	gate <- struct{}{}
	var last server.IngestReport
	for rep := next(); ; rep = next() {
		if rep.Articles < first.Articles {
			t.Errorf("progress went back: %+v after %+v", rep, first)
		}
		if rep.Final {
			last = rep
			break
		}
	}
	if last.Status != http.StatusOK || last.Articles != 3 || last.New != 3 || last.Read != 3 {
		t.Errorf("the final line: %+v", last)
	}
	if lines.Scan() {
		t.Errorf("a line after the final one: %s", lines.Text())
	}
}

// Concurrent requests that send the same articles count each new once: the reports' new counts
// add up to the articles stored, and the rest are unchanged.
func TestIngestCountsAreExactUnderConcurrency(t *testing.T) {
	store := openStore(t)
	ts := ingestServer(t, store, loader.NewRuleExtractor(nil), server.IngestLimits{Queue: 16, BatchArticles: 3})
	ids := make([]string, 9)
	for i := range ids {
		ids[i] = fmt.Sprintf("shared-%d", i)
	}
	body := jsonlArticles(ids, claimDense)
	const requests = 8
	reports := make([]server.IngestReport, requests)
	req := make([]*http.Request, requests)
	for i := range req {
		req[i] = ingestRequest(t, ts.URL, "", body)
	}
	var wg sync.WaitGroup
	for i := range requests {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := http.DefaultClient.Do(req[i])
			if err != nil {
				t.Errorf("request %d: %v", i, err)
				return
			}
			defer resp.Body.Close()
			out, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != http.StatusOK || json.Unmarshal(out, &reports[i]) != nil {
				t.Errorf("request %d: %d %s", i, resp.StatusCode, out)
			}
		}()
	}
	wg.Wait()
	var sum server.IngestReport
	for _, r := range reports {
		sum.Articles += r.Articles
		sum.New += r.New
		sum.Changed += r.Changed
		sum.Unchanged += r.Unchanged
	}
	if sum.Articles != requests*len(ids) || sum.New != len(ids) || sum.Changed != 0 || sum.Unchanged != (requests-1)*len(ids) {
		t.Errorf("%d requests of the same %d articles counted %+v in all", requests, len(ids), sum)
	}
	stats, err := store.Stats(context.Background())
	if err != nil || stats.Articles != len(ids) {
		t.Errorf("the store holds %+v (%v)", stats, err)
	}
}

// A server whose store is read-only refuses ingest at once, without extracting anything, on
// both routes.
func TestReadOnlyServerRefusesIngest(t *testing.T) {
	dir := t.TempDir()
	w, err := embedded.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Save(context.Background(), graphtest.Fixture()); err != nil {
		t.Fatal(err)
	}
	w.Close()
	ro, err := embedded.OpenReadOnly(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	ex := newGatedExtractor(nil)
	ts := ingestServer(t, ro, ex, server.IngestLimits{})

	resp, body := do(t, ingestRequest(t, ts.URL, "", jsonlArticles([]string{"a"}, claimDense)))
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "reading only") {
		t.Errorf("POST /ingest on a read-only store: %d %s", resp.StatusCode, body)
	}
	mutation := `{"query": "mutation { ingestArticle(article: {title: \"t\", text: \"France supported Ukraine.\"}) { claims } }"}`
	req := must(http.NewRequest(http.MethodPost, ts.URL+"/graphql", strings.NewReader(mutation)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+ingestToken)
	if _, body := do(t, req); !strings.Contains(body, `"code":"READ_ONLY"`) {
		t.Errorf("ingestArticle on a read-only store: %s", body)
	}
	if n := ex.calls.Load(); n != 0 {
		t.Errorf("%d articles were extracted for a store that takes no writes", n)
	}
}

// failingAtOnceStore fails a whole-graph export before its first relation or claim.
type failingAtOnceStore struct{ graph.Store }

func (failingAtOnceStore) EachRelation(context.Context, graph.RelationFilter, func(graph.Relation) error) error {
	return errors.New("the store went away")
}

// Articles fails too: a whole-graph events table reads every stored claim, article by article.
func (failingAtOnceStore) Articles(context.Context, graph.ArticleQuery) (graph.ArticlePage, error) {
	return graph.ArticlePage{}, errors.New("the store went away")
}

// An export that fails before its first byte is a 500 with a message, not a dropped
// connection.
func TestExportFailingBeforeItBeginsIs500(t *testing.T) {
	srv := httptest.NewServer(server.New(failingAtOnceStore{seededStore(t)}, server.WithLogger(testLogger(t))))
	defer srv.Close()
	resp, body, err := httpGet(t, srv.URL+"/export?format=events-csv")
	if err != nil {
		t.Fatalf("the answer broke off instead of a status: %v", err)
	}
	if resp.StatusCode != http.StatusInternalServerError || !bytes.Contains(body, []byte("failed before it began")) ||
		resp.Header.Get("Content-Disposition") != "" {
		t.Errorf("an export failing at once: %d %v %s", resp.StatusCode, resp.Header, body)
	}
}
