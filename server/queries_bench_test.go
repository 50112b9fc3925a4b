package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/graph/synth"
	"github.com/dyadgraph/dyad/server"
)

// BenchmarkQueries runs the kinds of query that dyad loadtest mixes through the server's
// handler, one at a time, against 20,000 synthetic claims, for the CPU and allocations each
// costs the server: go test ./server -run '^$' -bench Queries -benchmem.
func BenchmarkQueries(b *testing.B) {
	st := openStore(b)
	corpus := synth.Corpus{Actors: 1000, Claims: 20_000, Seed: 1}
	var batch []graph.Extraction
	err := corpus.Each(context.Background(), func(x graph.Extraction) error {
		batch = append(batch, x)
		if len(batch) == 500 {
			err := st.Save(context.Background(), batch)
			batch = batch[:0]
			return err
		}
		return nil
	})
	if err == nil {
		err = st.Save(context.Background(), batch)
	}
	if err != nil {
		b.Fatal(err)
	}
	h := server.New(st)
	hub := corpus.ActorsOf()[0].ID
	other := corpus.ActorsOf()[37].ID
	for _, q := range []struct{ name, query string }{
		{"actor", `{ actor(id: "` + hub + `") { id name kind country aliases } }`},
		{"stats", `{ stats { actors articles claims relations } }`},
		{"search", `{ actors(search: "ka", first: 10) { totalCount nodes { id name } } }`},
		{"relations", `{ relations(actor: "` + hub + `", first: 20) { totalCount edges { node {
			source { name } type target { name } count score evidence(first: 2) { nodes { sentence article { title } } } } } } }`},
		{"neighborhood", `{ neighborhood(actor: "` + hub + `", hops: 2, limit: 200) {
			nodes { distance actor { id name } } edges { source { id } type target { id } count } } }`},
		{"path", `{ shortestPath(from: "` + hub + `", to: "` + other + `", maxHops: 4) { length actors { id } } }`},
	} {
		body, _ := json.Marshal(map[string]any{"query": q.query})
		b.Run(q.name, func(b *testing.B) {
			for b.Loop() {
				req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(string(body)))
				req.Header.Set("Content-Type", "application/json")
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if w.Code != http.StatusOK || strings.Contains(w.Body.String(), `"errors"`) {
					b.Fatalf("%d %.300s", w.Code, w.Body.String())
				}
			}
		})
	}
}
