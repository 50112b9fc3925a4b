package server

import (
	"context"
	"fmt"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/schema"
)

// pathsOf turns a store's paths into GraphQL Paths, and lets the batches know their actors and
// relations all at once, so that the relations' evidence of every path loads in one call.
func (r *Resolver) pathsOf(ctx context.Context, paths ...graph.Path) ([]schema.Path, error) {
	out := make([]schema.Path, len(paths))
	var actors []graph.Actor
	var edges []graph.Relation
	for i, p := range paths {
		sp, err := pathOf(p)
		if err != nil {
			return nil, err
		}
		out[i] = *sp
		actors = append(actors, p.Actors...)
		edges = append(edges, sp.Edges...)
	}
	b := r.batchesFrom(ctx)
	b.knowActors(actors...)
	b.listedRelations(edges)
	return out, nil
}

// pathOf turns a store's path into the GraphQL Path.
func pathOf(path graph.Path) (*schema.Path, error) {
	if len(path.Steps) != max(len(path.Actors)-1, 0) {
		return nil, fmt.Errorf("a path has %d actors but %d steps", len(path.Actors), len(path.Steps))
	}
	out := &schema.Path{Actors: path.Actors, Length: len(path.Steps), Steps: make([]schema.PathStep, len(path.Steps))}
	for i, rels := range path.Steps {
		out.Steps[i] = schema.PathStep{From: path.Actors[i], To: path.Actors[i+1], Relations: rels}
		out.Edges = append(out.Edges, rels...)
	}
	if out.Edges == nil {
		out.Edges = []graph.Relation{}
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

// subgraphNodes turns a store's subgraph into GraphQL nodes, and lets the batches know its actors
// and relations.
func (r *Resolver) subgraphNodes(ctx context.Context, sg graph.Subgraph) []schema.SubgraphNode {
	nodes := make([]schema.SubgraphNode, len(sg.Actors))
	for i, a := range sg.Actors {
		nodes[i] = schema.SubgraphNode{Actor: a, Distance: sg.Distance[a.ID]}
	}
	b := r.batchesFrom(ctx)
	b.knowActors(sg.Actors...)
	b.listedRelations(sg.Relations)
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
