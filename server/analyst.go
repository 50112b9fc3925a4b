package server

import (
	"context"
	"fmt"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/schema"
)

// pathsOf turns a store's paths into GraphQL Paths, and lets the batches know their actors and
// relations all at once, so that the relations' evidence of every path loads in one call. A
// path's edges are its steps' relations, one after the other.
func (r *Resolver) pathsOf(ctx context.Context, paths ...graph.Path) ([]schema.Path, error) {
	out := make([]schema.Path, len(paths))
	var actors []graph.Actor
	var edges []graph.Relation
	for _, p := range paths {
		if len(p.Steps) != max(len(p.Actors)-1, 0) {
			return nil, fmt.Errorf("a path has %d actors but %d steps", len(p.Actors), len(p.Steps))
		}
		actors = append(actors, p.Actors...)
		for _, rels := range p.Steps {
			edges = append(edges, rels...)
		}
	}
	b := r.batchesFrom(ctx)
	b.knowActors(actors...)
	rest := b.relations(ctx, edges) // the relations of every path, in order
	for i, p := range paths {
		n := 0
		for _, rels := range p.Steps {
			n += len(rels)
		}
		path := schema.Path{Actors: p.Actors, Length: len(p.Steps), Steps: make([]schema.PathStep, len(p.Steps)), Edges: rest[:n:n]}
		off := 0
		for j, rels := range p.Steps {
			path.Steps[j] = schema.PathStep{From: p.Actors[j], To: p.Actors[j+1], Relations: path.Edges[off : off+len(rels) : off+len(rels)]}
			off += len(rels)
		}
		rest = rest[n:]
		out[i] = path
	}
	return out, nil
}

// subgraphArgs checks the arguments that neighborhood and subgraph share.
func subgraphArgs(hops, limit *int, filter *graph.RelationFilter) (h, n int, f graph.RelationFilter, err error) {
	if h, err = intArg("hops", hops, 1, 0, graph.MaxHops); err != nil {
		return 0, 0, f, err
	}
	if n, err = limitArg(limit, graph.DefaultLimit); err != nil {
		return 0, 0, f, err
	}
	f, err = filterArg(filter)
	return h, n, f, err
}

// subgraphNodes turns a store's subgraph into GraphQL nodes, and lets the batches know its
// actors.
func (r *Resolver) subgraphNodes(ctx context.Context, sg graph.Subgraph) []schema.SubgraphNode {
	nodes := make([]schema.SubgraphNode, len(sg.Actors))
	for i, a := range sg.Actors {
		nodes[i] = schema.SubgraphNode{Actor: a, Distance: sg.Distance[a.ID]}
	}
	r.batchesFrom(ctx).knowActors(sg.Actors...)
	return nodes
}

func articleConnection(page graph.ArticlePage, p graph.Page, countOnly bool) *schema.ArticleConnection {
	w := newWindow(p, len(page.Articles), page.HasPrev, page.HasNext, countOnly, func(i int) string {
		return graph.ArticleCursor(page.Articles[i].Article)
	})
	c := &schema.ArticleConnection{PageInfo: w.pageInfo(), TotalCount: page.Total,
		Edges: make([]schema.ArticleEdge, w.n), Nodes: make([]graph.Article, w.n)}
	for i := range w.n {
		c.Nodes[i] = page.Articles[i].Article
		c.Edges[i] = schema.ArticleEdge{Cursor: w.cursor(i), Node: c.Nodes[i]}
	}
	return c
}
