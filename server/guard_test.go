package server_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/server"
)

// A DNS-rebinding page reaches a loopback server under its own name: with the host check on,
// only IP addresses, localhost and the allowed names are answered, and a cross-origin request
// only from an allowed origin.
func TestHostAndOriginCheck(t *testing.T) {
	ts := httptest.NewServer(server.New(seededStore(t), server.WithLogger(testLogger(t)),
		server.WithAllowedHosts("dyad.example.org")))
	defer ts.Close()
	_, port, _ := net.SplitHostPort(ts.Listener.Addr().String())
	for _, tc := range []struct {
		host, origin string
		want         int
	}{
		{"127.0.0.1:" + port, "", 200},
		{"localhost:" + port, "", 200},
		{"[::1]:" + port, "", 200},
		{"dyad.example.org", "", 200},
		{"DYAD.example.org:" + port, "", 200},
		{"evil.example.com:" + port, "", 403},
		{"attacker.test", "", 403},
		{"localhost:" + port, "http://localhost:" + port, 200}, // the playground itself
		{"localhost:" + port, "http://dyad.example.org", 200},  // an allowed origin
		{"localhost:" + port, "http://evil.example.com", 403},  // a page elsewhere
		{"127.0.0.1:" + port, "http://6.6.6.6:" + port, 403},   // a page on another address
		{"127.0.0.1:" + port, "null", 403},                     // a sandboxed page
		{"127.0.0.1:" + port, "http://127.0.0.1:" + port, 200}, // same origin by address
	} {
		req, _ := http.NewRequest(http.MethodGet, ts.URL+"/graphql?query=%7Bstats%7Bactors%7D%7D", nil)
		req.Host = tc.host
		if tc.origin != "" {
			req.Header.Set("Origin", tc.origin)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.want {
			t.Errorf("Host %q, Origin %q: %d %s, want %d", tc.host, tc.origin, resp.StatusCode, body, tc.want)
		}
		if tc.want == 403 && !strings.Contains(string(body), "--allow-host") {
			t.Errorf("Host %q, Origin %q: refusal %q does not say how to allow it", tc.host, tc.origin, body)
		}
	}
}

// blockingStore answers Neighborhood only when released (or its context ends).
type blockingStore struct {
	graph.Store
	entered chan struct{}
	release chan struct{}
}

func (s blockingStore) Neighborhood(ctx context.Context, actor string, hops int, f graph.RelationFilter, limit int) (graph.Subgraph, error) {
	s.entered <- struct{}{}
	select {
	case <-s.release:
		return s.Store.Neighborhood(ctx, actor, hops, f, limit)
	case <-ctx.Done():
		return graph.Subgraph{}, ctx.Err()
	}
}

// At most MaxConcurrentExports exports run at once; the next is told to come back.
func TestExportsAreBounded(t *testing.T) {
	st := blockingStore{seededStore(t), make(chan struct{}, 100), make(chan struct{})}
	ts := httptest.NewServer(server.New(st, server.WithLogger(testLogger(t))))
	defer ts.Close()
	url := ts.URL + "/export/neighborhood?actor=UKR&format=csv"
	var wg sync.WaitGroup
	statuses := make(chan int, server.MaxConcurrentExports)
	for range server.MaxConcurrentExports {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := http.Get(url)
			if err != nil {
				t.Error(err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			statuses <- resp.StatusCode
		}()
	}
	for range server.MaxConcurrentExports {
		<-st.entered
	}
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
		t.Errorf("export %d while %d run: %d %s (Retry-After %q), want 503 with Retry-After",
			server.MaxConcurrentExports+1, server.MaxConcurrentExports, resp.StatusCode, body, resp.Header.Get("Retry-After"))
	}
	close(st.release)
	wg.Wait()
	close(statuses)
	for s := range statuses {
		if s != 200 {
			t.Errorf("an admitted export answered %d", s)
		}
	}
	resp, err = http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("an export after the others ended: %d, want 200", resp.StatusCode)
	}
}

// goneStore answers Relations only when its context ends, and says when that was.
type goneStore struct {
	graph.Store
	ended chan struct{}
}

func (s goneStore) Relations(ctx context.Context, _ graph.RelationQuery) (graph.RelationPage, error) {
	<-ctx.Done()
	close(s.ended)
	return graph.RelationPage{}, ctx.Err()
}

// A request's work stops when its client goes, long before the request timeout.
func TestClientGoneStopsTheWork(t *testing.T) {
	st := goneStore{seededStore(t), make(chan struct{})}
	ts := httptest.NewServer(server.New(st, server.WithLogger(testLogger(t))))
	defer ts.Close()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, ts.URL+"/graphql",
		strings.NewReader(`{"query":"{ relations { totalCount } }"}`))
	req.Header.Set("Content-Type", "application/json")
	time.AfterFunc(200*time.Millisecond, cancel)
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		t.Fatal("the request answered although its store call waits for its end")
	}
	select {
	case <-st.ended:
	case <-time.After(5 * time.Second):
		t.Fatal("the store call still runs 5 s after the client went")
	}
}
