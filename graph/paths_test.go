package graph_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/dyadgraph/dyad/graph"
)

// adjacencyOf serves an undirected graph given as edges, counting the calls.
func adjacencyOf(edges [][2]string, calls *int) graph.Adjacency {
	near := map[string][]string{}
	for _, e := range edges {
		near[e[0]] = append(near[e[0]], e[1])
		near[e[1]] = append(near[e[1]], e[0])
	}
	return func(_ context.Context, frontier []string) (map[string][]string, error) {
		*calls++
		out := map[string][]string{}
		for _, id := range frontier {
			out[id] = near[id]
		}
		return out, nil
	}
}

// allSimplePaths enumerates every simple path of at most maxHops steps, the slow way.
func allSimplePaths(edges [][2]string, from, to string, maxHops int) [][]string {
	near := map[string][]string{}
	for _, e := range edges {
		near[e[0]] = append(near[e[0]], e[1])
		near[e[1]] = append(near[e[1]], e[0])
	}
	var out [][]string
	var walk func(path []string)
	walk = func(path []string) {
		last := path[len(path)-1]
		if last == to {
			out = append(out, slices.Clone(path))
			return
		}
		if len(path)-1 == maxHops {
			return
		}
		for _, n := range near[last] {
			if !slices.Contains(path, n) {
				walk(append(path, n))
			}
		}
	}
	walk([]string{from})
	slices.SortFunc(out, graph.ComparePaths)
	return slices.CompactFunc(out, slices.Equal)
}

func TestKShortestPathsMatchesEnumeration(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(7, 11))
	for round := range 300 {
		n := 4 + rng.IntN(9)
		var edges [][2]string
		for range rng.IntN(3 * n) {
			a, b := fmt.Sprint("n", rng.IntN(n)), fmt.Sprint("n", rng.IntN(n))
			if a != b {
				edges = append(edges, [2]string{a, b})
			}
		}
		maxHops := 1 + rng.IntN(graph.MaxPathHops)
		k := 1 + rng.IntN(graph.MaxPaths)
		from, to := "n0", fmt.Sprint("n", 1+rng.IntN(n-1))
		want := allSimplePaths(edges, from, to, maxHops)
		want = want[:min(k, len(want))]
		calls := 0
		got, err := graph.KShortestPaths(ctx, from, to, maxHops, k, adjacencyOf(edges, &calls))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("round %d: %d hops, k=%d, edges %v:\n got %v\nwant %v", round, maxHops, k, edges, got, want)
		}
		if calls > maxHops {
			t.Errorf("round %d: %d adjacency calls for %d hops", round, calls, maxHops)
		}
	}
}

func TestKShortestPathsOfOneActor(t *testing.T) {
	calls := 0
	got, err := graph.KShortestPaths(context.Background(), "a", "a", 3, 5, adjacencyOf(nil, &calls))
	if err != nil || !slices.EqualFunc(got, [][]string{{"a"}}, slices.Equal) || calls != 0 {
		t.Errorf("paths from an actor to itself: %v, %v, %d calls", got, err, calls)
	}
}
