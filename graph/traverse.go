package graph

import (
	"context"
	"slices"
)

// Adjacency returns, for each actor id in the frontier, the ids of the actors joined to it by a
// relation that passes the traversal's filter, in either direction. Stores supply it (one query
// per call) and share the traversal logic below, so that every store walks the graph alike.
type Adjacency func(ctx context.Context, frontier []string) (map[string][]string, error)

// Reach walks breadth-first from start for up to hops steps. It returns the ids reached, ordered
// by distance and then id, cut to limit, with each one's distance and whether any were cut.
func Reach(ctx context.Context, start string, hops, limit int, adj Adjacency) ([]string, map[string]int, bool, error) {
	return ReachFrom(ctx, []string{start}, hops, limit, adj)
}

// ReachFrom is Reach from several actors at once: the starts are at distance 0 and every other
// actor at its distance from the nearest start. Repeated starts count once.
func ReachFrom(ctx context.Context, starts []string, hops, limit int, adj Adjacency) ([]string, map[string]int, bool, error) {
	dist := make(map[string]int, len(starts))
	frontier := slices.Clone(starts)
	slices.Sort(frontier)
	frontier = slices.Compact(frontier)
	for _, id := range frontier {
		dist[id] = 0
	}
	order := slices.Clone(frontier)
	for d := 1; d <= hops && len(frontier) > 0 && len(order) <= limit; d++ {
		next, err := adj(ctx, frontier)
		if err != nil {
			return nil, nil, false, err
		}
		var level []string
		for _, id := range frontier {
			for _, n := range next[id] {
				if _, seen := dist[n]; !seen {
					dist[n] = d
					level = append(level, n)
				}
			}
		}
		slices.Sort(level)
		order = append(order, level...)
		frontier = level
	}
	truncated := len(order) > limit
	if truncated {
		for _, id := range order[limit:] {
			delete(dist, id)
		}
		order = order[:limit]
	}
	return order, dist, truncated, nil
}

// ShortestPath finds a shortest chain of ids from one actor to another of at most maxHops
// steps, breadth-first, visiting each level's actors and their neighbours in id order; among
// paths of equal length it is the first that order finds. It returns nil if there is none.
func ShortestPath(ctx context.Context, from, to string, maxHops int, adj Adjacency) ([]string, error) {
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
