package graph

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// forwardShortestPath is the plain breadth-first search from `from` whose answers ShortestPath
// must give: each level's actors and their neighbours visited in id order.
func forwardShortestPath(ctx context.Context, from, to string, maxHops int, adj Adjacency) ([]string, error) {
	if from == to {
		return []string{from}, nil
	}
	parent := map[string]string{from: ""}
	frontier := []string{from}
	for d := 1; d <= maxHops && len(frontier) > 0; d++ {
		next, err := adj(ctx, frontier)
		if err != nil {
			return nil, err
		}
		var level []string
		for _, id := range frontier {
			ns := slices.Clone(next[id])
			slices.Sort(ns)
			for _, n := range ns {
				if _, seen := parent[n]; seen {
					continue
				}
				parent[n] = id
				if n == to {
					path := []string{to}
					for p := id; p != ""; p = parent[p] {
						path = append(path, p)
					}
					slices.Reverse(path)
					return path, nil
				}
				level = append(level, n)
			}
		}
		slices.Sort(level)
		frontier = level
	}
	return nil, nil
}

// TestShortestPathAsForwardSearch compares the two-ended search with the plain one on random
// graphs, sparse and dense, with self-loops and ids whose order is not their number's, for every
// pair of a sample and every bound, and checks that it asks adj at most maxHops times.
func TestShortestPathAsForwardSearch(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(7, 11))
	for g := 0; g < 40; g++ {
		n := 5 + rng.IntN(60)
		ids := make([]string, n)
		for i := range ids {
			ids[i] = fmt.Sprintf("a%d", rng.IntN(1000)*1000+i)
		}
		edges := map[string][]string{}
		m := rng.IntN(n * (1 + g%4))
		for range m {
			u, v := ids[rng.IntN(n)], ids[rng.IntN(n)]
			edges[u] = append(edges[u], v)
			if u != v {
				edges[v] = append(edges[v], u)
			}
		}
		calls := 0
		adj := func(_ context.Context, frontier []string) (map[string][]string, error) {
			calls++
			out := map[string][]string{}
			for _, id := range frontier {
				out[id] = edges[id]
			}
			return out, nil
		}
		for p := 0; p < 60; p++ {
			from, to := ids[rng.IntN(n)], ids[rng.IntN(n)]
			for hops := 1; hops <= MaxPathHops; hops++ {
				want, _ := forwardShortestPath(ctx, from, to, hops, adj)
				calls = 0
				got, err := ShortestPath(ctx, from, to, hops, adj)
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(got, want) {
					t.Fatalf("graph %d, %s to %s within %d: got %v, want %v", g, from, to, hops, got, want)
				}
				if calls > hops {
					t.Fatalf("graph %d, %s to %s within %d: %d calls of adj", g, from, to, hops, calls)
				}
			}
		}
	}
}
