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
// steps. Among paths of equal length it returns the one a breadth-first search from `from`
// finds when it visits each level's actors and their neighbours in id order: each actor's
// predecessor is the least id, one step nearer to `from`, joined to it.
//
// It searches from both ends (bidirectional breadth-first search), each time widening the side
// whose frontier is smaller, so that a path between two actors three hops apart costs the
// neighbours of a few actors rather than of the thousands two hops from either end; it asks adj
// at most maxHops times. Adj must be symmetric (the relations are walked in either direction).
func ShortestPath(ctx context.Context, from, to string, maxHops int, adj Adjacency) ([]string, error) {
	if from == to {
		return []string{from}, nil
	}
	type side struct {
		dist   map[string]int
		levels [][]string
	}
	fwd := &side{dist: map[string]int{from: 0}, levels: [][]string{{from}}}
	bwd := &side{dist: map[string]int{to: 0}, levels: [][]string{{to}}}
	nbrs := map[string][]string{} // the neighbours of every actor whose side was widened from it
	for len(fwd.levels)+len(bwd.levels)-2 < maxHops {
		this, other := fwd, bwd
		if len(bwd.levels[len(bwd.levels)-1]) < len(fwd.levels[len(fwd.levels)-1]) {
			this, other = bwd, fwd
		}
		frontier := this.levels[len(this.levels)-1]
		if len(frontier) == 0 {
			return nil, nil
		}
		next, err := adj(ctx, frontier)
		if err != nil {
			return nil, err
		}
		d := len(this.levels)
		var level []string
		met := false
		for _, id := range frontier {
			nbrs[id] = next[id]
			for _, n := range next[id] {
				if _, seen := this.dist[n]; !seen {
					this.dist[n] = d
					level = append(level, n)
					_, inOther := other.dist[n]
					met = met || inOther
				}
			}
		}
		slices.Sort(level)
		this.levels = append(this.levels, level)
		if met {
			return pathThrough(fwd.levels, bwd.levels, nbrs), nil
		}
	}
	return nil, nil
}

// pathThrough picks, once the two searches of ShortestPath have met, the path a breadth-first
// search from the first actor would find. The searches met after a levels from the start and b
// from the end, so the path is d = a+b steps long and its actor k steps from the start is one
// at distance k from it: for k <= a the start's levels say which actors those are; beyond, they
// are the actors of the end's level d-k joined to one such actor at step k-1. Walking back from
// the end, each step takes the least id among them joined to the actor after it, as the
// one-ended search would have made it that actor's predecessor.
func pathThrough(flevels [][]string, blevels [][]string, nbrs map[string][]string) []string {
	a, b := len(flevels)-1, len(blevels)-1
	d := a + b
	sets := make([]map[string]bool, d+1) // sets[k]: the actors that can stand k steps from the start
	for k := 0; k <= a; k++ {
		sets[k] = make(map[string]bool, len(flevels[k]))
		for _, id := range flevels[k] {
			sets[k][id] = true
		}
	}
	for k := a + 1; k <= d; k++ {
		sets[k] = map[string]bool{}
		for _, id := range blevels[d-k] {
			if slices.ContainsFunc(nbrs[id], func(n string) bool { return sets[k-1][n] }) {
				sets[k][id] = true
			}
		}
	}
	path := make([]string, d+1)
	path[d] = blevels[0][0]
	for k := d; k > 0; k-- {
		best := ""
		consider := func(id string) {
			if sets[k-1][id] && (best == "" || id < best) {
				best = id
			}
		}
		if ns, ok := nbrs[path[k]]; ok {
			for _, id := range ns {
				consider(id)
			}
		} else { // the actor where the searches met, which neither widened from: ask its candidates
			for id := range sets[k-1] {
				if slices.Contains(nbrs[id], path[k]) {
					consider(id)
				}
			}
		}
		path[k-1] = best
	}
	return path
}
