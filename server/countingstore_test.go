package server_test

import (
	"context"
	"fmt"
	"sync"

	"github.com/dyadgraph/dyad/graph"
)

// countingStore counts the calls made to a store, by method. It counts every method that reads,
// so that a call the server makes cannot slip past uncounted to the embedded graph.Store.
type countingStore struct {
	graph.Store
	mu    sync.Mutex
	calls map[string]int
}

func newCountingStore(s graph.Store) *countingStore {
	return &countingStore{Store: s, calls: map[string]int{}}
}

func (c *countingStore) count(method string) {
	c.mu.Lock()
	c.calls[method]++
	c.mu.Unlock()
}

func (c *countingStore) total() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, v := range c.calls {
		n += v
	}
	return n
}

func (c *countingStore) String() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return fmt.Sprint(c.calls)
}

func (c *countingStore) Actor(ctx context.Context, id string) (graph.Actor, error) {
	c.count("Actor")
	return c.Store.Actor(ctx, id)
}

func (c *countingStore) ActorsByID(ctx context.Context, ids []string) (map[string]graph.Actor, error) {
	c.count("ActorsByID")
	return c.Store.ActorsByID(ctx, ids)
}

func (c *countingStore) Actors(ctx context.Context, q graph.ActorQuery) (graph.ActorPage, error) {
	c.count("Actors")
	return c.Store.Actors(ctx, q)
}

func (c *countingStore) Article(ctx context.Context, id string) (graph.Article, error) {
	c.count("Article")
	return c.Store.Article(ctx, id)
}

func (c *countingStore) Stats(ctx context.Context) (graph.Stats, error) {
	c.count("Stats")
	return c.Store.Stats(ctx)
}

func (c *countingStore) Relations(ctx context.Context, q graph.RelationQuery) (graph.RelationPage, error) {
	c.count("Relations")
	return c.Store.Relations(ctx, q)
}

func (c *countingStore) Neighborhood(ctx context.Context, actor string, hops int, f graph.RelationFilter, limit int) (graph.Subgraph, error) {
	c.count("Neighborhood")
	return c.Store.Neighborhood(ctx, actor, hops, f, limit)
}

func (c *countingStore) Neighbors(ctx context.Context, q graph.NeighborQuery) (graph.Neighbors, error) {
	c.count("Neighbors")
	return c.Store.Neighbors(ctx, q)
}

func (c *countingStore) ShortestPath(ctx context.Context, from, to string, maxHops int, f graph.RelationFilter) (graph.Path, bool, error) {
	c.count("ShortestPath")
	return c.Store.ShortestPath(ctx, from, to, maxHops, f)
}

func (c *countingStore) Evidence(ctx context.Context, keys []graph.RelationKey, f graph.RelationFilter, p graph.Page) (map[graph.RelationKey]graph.EvidencePage, error) {
	c.count("Evidence")
	return c.Store.Evidence(ctx, keys, f, p)
}

func (c *countingStore) Paths(ctx context.Context, q graph.PathQuery) ([]graph.Path, error) {
	c.count("Paths")
	return c.Store.Paths(ctx, q)
}

func (c *countingStore) Subgraph(ctx context.Context, q graph.SubgraphQuery) (graph.Subgraph, error) {
	c.count("Subgraph")
	return c.Store.Subgraph(ctx, q)
}

func (c *countingStore) Timeline(ctx context.Context, q graph.TimelineQuery) (graph.Timeline, error) {
	c.count("Timeline")
	return c.Store.Timeline(ctx, q)
}

func (c *countingStore) Articles(ctx context.Context, q graph.ArticleQuery) (graph.ArticlePage, error) {
	c.count("Articles")
	return c.Store.Articles(ctx, q)
}
