package server_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/server"
)

// Walks of the graph share the server's slots and wait for one in turn; other queries never
// wait behind them: with the one slot held by a neighbourhood that the store has not answered,
// two more neighbourhoods wait without reaching the store, while stats, an actor, a search
// (cheap) and a page of relations with their evidence and a shortest path (medium) answer.
func TestCheapQueriesNeverWaitBehindHeavyOnes(t *testing.T) {
	st := blockingStore{seededStore(t), make(chan struct{}, 10), make(chan struct{})}
	ts := httptest.NewServer(server.New(st, server.WithLogger(testLogger(t)), server.WithHeavyQueries(1)))
	defer ts.Close()

	heavy := `{ neighborhood(actor: "UKR", hops: 2) { nodes { actor { id } } edges { source { id } target { id } } } }`
	var wg sync.WaitGroup
	bodies := make(chan string, 3)
	for range 3 {
		req := gqlRequest(t, ts.URL, heavy)
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			bodies <- string(b)
		}()
	}
	select {
	case <-st.entered:
	case <-time.After(10 * time.Second):
		t.Fatal("no neighbourhood reached the store")
	}

	for _, cheap := range []string{`{ stats { actors claims } }`, `{ actor(id: "UKR") { id name } }`,
		`{ actors(search: "uk", first: 5) { nodes { id } } }`,
		`{ relations(actor: "UKR", first: 20) { nodes { source { id } target { id } evidence(first: 2) { nodes { sentence } } } } }`,
		`{ shortestPath(from: "UKR", to: "RUS") { length } }`} {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		resp, body := do(t, gqlRequest(t, ts.URL, cheap).WithContext(ctx))
		cancel()
		if resp.StatusCode != http.StatusOK || strings.Contains(body, `"errors"`) {
			t.Errorf("%s while heavy queries wait: %d %s", cheap, resp.StatusCode, body)
		}
	}
	if n := len(st.entered); n != 0 {
		t.Errorf("%d more neighbourhoods reached the store while the only slot was held", n)
	}

	close(st.release)
	wg.Wait()
	close(bodies)
	for b := range bodies {
		if !strings.Contains(b, `"neighborhood"`) || strings.Contains(b, `"errors"`) {
			t.Errorf("a heavy query that waited its turn: %s", b)
		}
	}
}

// stubbornStore answers Neighborhood only when released, even past its context's end, so that
// a query holds its slot for as long as the test wants.
type stubbornStore struct{ blockingStore }

func (s stubbornStore) Neighborhood(ctx context.Context, actor string, hops int, f graph.RelationFilter, limit int) (graph.Subgraph, error) {
	s.entered <- struct{}{}
	<-s.release
	return s.Store.Neighborhood(context.WithoutCancel(ctx), actor, hops, f, limit)
}

// A heavy query whose request ends while it waits for a slot is told so, with code TIMEOUT.
func TestHeavyQueryWaitingPastItsTimeout(t *testing.T) {
	st := stubbornStore{blockingStore{seededStore(t), make(chan struct{}, 10), make(chan struct{})}}
	ts := httptest.NewServer(server.New(st, server.WithLogger(testLogger(t)), server.WithHeavyQueries(1),
		server.WithTimeout(time.Second)))
	defer ts.Close()
	heavy := `{ neighborhood(actor: "UKR") { nodes { actor { id } } } }`
	first := make(chan struct{}, 1)
	req := gqlRequest(t, ts.URL, heavy)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		first <- struct{}{}
	}()
	<-st.entered
	_, body := do(t, gqlRequest(t, ts.URL, heavy))
	if !strings.Contains(body, `"code":"TIMEOUT"`) || !strings.Contains(body, "waited for the server to finish other large queries") {
		t.Errorf("a heavy query past its time in the queue: %s", body)
	}
	if n := len(st.entered); n != 0 {
		t.Errorf("the query that timed out in the queue reached the store")
	}
	close(st.release)
	<-first
}
