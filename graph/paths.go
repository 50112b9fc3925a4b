package graph

import (
	"cmp"
	"context"
	"fmt"
	"slices"
)

// Path limits.
const (
	DefaultPaths = 5  // how many paths Paths returns when the query does not say
	MaxPaths     = 20 // the most paths Paths returns
)

// ClampPaths clamps the number of paths asked for to 1..MaxPaths, DefaultPaths when unset.
func ClampPaths(n int) int {
	if n <= 0 {
		return DefaultPaths
	}
	return min(n, MaxPaths)
}

// PathQuery asks for the shortest simple paths between two actors.
type PathQuery struct {
	From, To string
	MaxHops  int // the longest path to look for, clamped to 1..MaxPathHops
	Limit    int // how many paths, clamped by ClampPaths
	Filter   RelationFilter
}

// ComparePaths orders chains of ids as Store.Paths orders paths: shorter first, and among paths
// of equal length by their ids compared one by one, byte by byte.
func ComparePaths(a, b []string) int {
	return cmp.Or(cmp.Compare(len(a), len(b)), slices.Compare(a, b))
}

// LocalGraph is the part of the graph that a path search needs, fetched through an Adjacency
// and kept for the rest of the request: each actor's neighbours are asked of the store at most
// once, in one call per breadth-first level.
type LocalGraph struct {
	adj  Adjacency
	near map[string][]string // fetched actors' neighbours, sorted, without the actor itself
	// seen holds, for actors not fetched, the fetched actors known to touch them.
	seen map[string][]string
}

// NewLocalGraph starts an empty local graph over adj.
func NewLocalGraph(adj Adjacency) *LocalGraph {
	return &LocalGraph{adj: adj, near: map[string][]string{}, seen: map[string][]string{}}
}

// expand fetches, in one call, the neighbours of the actors of frontier not fetched yet.
func (g *LocalGraph) expand(ctx context.Context, frontier []string) error {
	var missing []string
	for _, id := range frontier {
		if _, ok := g.near[id]; !ok {
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	got, err := g.adj(ctx, missing)
	if err != nil {
		return err
	}
	for _, id := range missing {
		var ns []string
		for _, n := range got[id] {
			if n != id {
				ns = append(ns, n)
			}
		}
		slices.Sort(ns)
		g.near[id] = slices.Compact(ns)
	}
	// Adjacency goes both ways: what a fetched actor touches touches it.
	for _, id := range missing {
		delete(g.seen, id)
		for _, n := range g.near[id] {
			if _, fetched := g.near[n]; !fetched {
				i, found := slices.BinarySearch(g.seen[n], id)
				if !found {
					g.seen[n] = slices.Insert(g.seen[n], i, id)
				}
			}
		}
	}
	return nil
}

// neighbours returns, in id order, an actor's neighbours: all of them once it is fetched, else
// the fetched actors known to touch it.
func (g *LocalGraph) neighbours(id string) []string {
	if ns, ok := g.near[id]; ok {
		return ns
	}
	return g.seen[id]
}

// ball walks breadth-first from start for up to depth levels, fetching each level's actors, and
// returns every actor reached with its distance.
func (g *LocalGraph) ball(ctx context.Context, start string, depth int) (map[string]int, error) {
	dist := map[string]int{start: 0}
	frontier := []string{start}
	for d := 1; d <= depth && len(frontier) > 0; d++ {
		if err := g.expand(ctx, frontier); err != nil {
			return nil, err
		}
		var level []string
		for _, id := range frontier {
			for _, n := range g.neighbours(id) {
				if _, seen := dist[n]; !seen {
					dist[n] = d
					level = append(level, n)
				}
			}
		}
		slices.Sort(level)
		frontier = level
	}
	return dist, nil
}

// KShortestPaths returns up to k simple (loopless) chains of ids from one actor to another of at
// most maxHops steps, in ComparePaths' order: the first k of all such paths in that order.
//
// It asks adj for at most maxHops levels of neighbours: breadth-first from `from` for
// ceil(maxHops/2) levels and from `to` for the rest. Every step of a path of at most maxHops
// steps then has an end whose neighbours were fetched, so the local graph holds every such path,
// and Yen's algorithm runs on it without further calls. Yen's algorithm yields paths in the
// order of any path order under which two paths with the same first actors compare as their
// remainders do; ComparePaths is such an order, and the spur searches return the least
// remainder under it.
func KShortestPaths(ctx context.Context, from, to string, maxHops, k int, adj Adjacency) ([][]string, error) {
	if k <= 0 {
		return nil, nil
	}
	if from == to {
		return [][]string{{from}}, nil
	}
	g := NewLocalGraph(adj)
	fromDepth := (maxHops + 1) / 2
	if _, err := g.ball(ctx, from, fromDepth); err != nil {
		return nil, err
	}
	if _, err := g.ball(ctx, to, maxHops-fromDepth); err != nil {
		return nil, err
	}
	y := yen{g: g, to: to, maxHops: maxHops}
	first := y.spur(from, nil, nil)
	if first == nil {
		return nil, nil
	}
	found := [][]string{first}
	var candidates [][]string
	for len(found) < k {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		last := found[len(found)-1]
		for i := 0; i < len(last)-1; i++ {
			root := last[:i+1]
			removedEdges := map[[2]string]bool{}
			for _, p := range found {
				if len(p) > i+1 && slices.Equal(p[:i+1], root) {
					removedEdges[[2]string{p[i], p[i+1]}] = true
					removedEdges[[2]string{p[i+1], p[i]}] = true
				}
			}
			removedNodes := map[string]bool{}
			for _, id := range root[:i] {
				removedNodes[id] = true
			}
			rest := y.spurWithin(root[i], removedNodes, removedEdges, maxHops-i)
			if rest == nil {
				continue
			}
			p := append(slices.Clone(root[:i]), rest...)
			if !slices.ContainsFunc(candidates, func(c []string) bool { return slices.Equal(c, p) }) &&
				!slices.ContainsFunc(found, func(c []string) bool { return slices.Equal(c, p) }) {
				candidates = append(candidates, p)
			}
		}
		if len(candidates) == 0 {
			break
		}
		best := 0
		for i := range candidates {
			if ComparePaths(candidates[i], candidates[best]) < 0 {
				best = i
			}
		}
		found = append(found, candidates[best])
		candidates = slices.Delete(candidates, best, best+1)
	}
	return found, nil
}

// yen holds what the spur searches of KShortestPaths share.
type yen struct {
	g       *LocalGraph
	to      string
	maxHops int
}

func (y yen) spur(from string, nodes map[string]bool, edges map[[2]string]bool) []string {
	return y.spurWithin(from, nodes, edges, y.maxHops)
}

// spurWithin returns the least path under ComparePaths from one actor to y.to of at most hops
// steps in the local graph without the removed actors and steps, or nil if there is none: a
// breadth-first search back from y.to gives each actor's distance to it, then the path takes at
// each step the neighbour of lowest id that is one step nearer.
func (y yen) spurWithin(from string, nodes map[string]bool, edges map[[2]string]bool, hops int) []string {
	usable := func(a, b string) bool { return !nodes[b] && !edges[[2]string{a, b}] }
	dist := map[string]int{y.to: 0}
	frontier := []string{y.to}
	for d := 1; d <= hops && len(frontier) > 0; d++ {
		if _, ok := dist[from]; ok {
			break
		}
		var level []string
		for _, id := range frontier {
			for _, n := range y.g.neighbours(id) {
				if _, seen := dist[n]; !seen && usable(n, id) {
					dist[n] = d
					level = append(level, n)
				}
			}
		}
		frontier = level
	}
	d, ok := dist[from]
	if !ok {
		return nil
	}
	path := []string{from}
	for cur := from; d > 0; d-- {
		next := ""
		for _, n := range y.g.neighbours(cur) {
			if dn, ok := dist[n]; ok && dn == d-1 && usable(cur, n) {
				next = n
				break
			}
		}
		if next == "" {
			return nil // cannot happen: dist came from these very steps
		}
		path = append(path, next)
		cur = next
	}
	return path
}

// AssemblePaths builds Store.Paths' answer from the chains of ids, the actors they name and the
// relations among those actors (self-relations and relations between actors that no step joins
// are ignored): each step gets the relations between its two actors, either way, in Relations'
// order. It reports an error if an actor is missing, as when one vanished during the request.
func AssemblePaths(chains [][]string, actors map[string]Actor, rels []Relation) ([]Path, error) {
	type pair struct{ a, b string }
	between := map[pair][]Relation{}
	for _, r := range rels {
		if r.Source != r.Target {
			between[pair{r.Source, r.Target}] = append(between[pair{r.Source, r.Target}], r)
		}
	}
	out := make([]Path, 0, len(chains))
	for _, ids := range chains {
		p := Path{Actors: make([]Actor, len(ids)), Steps: make([][]Relation, len(ids)-1)}
		for i, id := range ids {
			a, ok := actors[id]
			if !ok {
				return nil, fmt.Errorf("path from %q to %q: actor %q vanished", ids[0], ids[len(ids)-1], id)
			}
			p.Actors[i] = a
			if i > 0 {
				step := slices.Concat(between[pair{ids[i-1], id}], between[pair{id, ids[i-1]}])
				SortRelations(step)
				p.Steps[i-1] = step
			}
		}
		out = append(out, p)
	}
	return out, nil
}

// PathActors lists, once each, the actors that the chains name.
func PathActors(chains [][]string) []string {
	var ids []string
	for _, c := range chains {
		ids = append(ids, c...)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// CheckPathQuery reports ErrInvalid for a bad filter, and returns the query with its hops and
// limit clamped.
func CheckPathQuery(q PathQuery) (PathQuery, error) {
	if err := q.Filter.Validate(); err != nil {
		return q, err
	}
	q.MaxHops, q.Limit = ClampPathHops(q.MaxHops), ClampPaths(q.Limit)
	return q, nil
}
