package server

import (
	"context"
	"errors"
	"time"

	"github.com/dyadgraph/dyad/graph"
)

// measuredStore counts a store's calls, failures and durations in the metrics.
type measuredStore struct {
	graph.Store
	m *metrics
}

// observe records one call of method that started at start and ended with err; not found is an
// answer, not a failure.
func (s measuredStore) observe(method string, start time.Time, err error) {
	s.m.storeCalls.WithLabelValues(method).Inc()
	s.m.storeTime.WithLabelValues(method).Observe(time.Since(start).Seconds())
	if err != nil && !errors.Is(err, graph.ErrNotFound) {
		s.m.storeErrs.WithLabelValues(method).Inc()
	}
}

func (s measuredStore) Save(ctx context.Context, batch []graph.Extraction) (err error) {
	defer func(start time.Time) { s.observe("Save", start, err) }(time.Now())
	return s.Store.Save(ctx, batch)
}

func (s measuredStore) Actor(ctx context.Context, id string) (a graph.Actor, err error) {
	defer func(start time.Time) { s.observe("Actor", start, err) }(time.Now())
	return s.Store.Actor(ctx, id)
}

func (s measuredStore) ActorsByID(ctx context.Context, ids []string) (m map[string]graph.Actor, err error) {
	defer func(start time.Time) { s.observe("ActorsByID", start, err) }(time.Now())
	return s.Store.ActorsByID(ctx, ids)
}

func (s measuredStore) Actors(ctx context.Context, q graph.ActorQuery) (p graph.ActorPage, err error) {
	defer func(start time.Time) { s.observe("Actors", start, err) }(time.Now())
	return s.Store.Actors(ctx, q)
}

func (s measuredStore) Article(ctx context.Context, id string) (a graph.Article, err error) {
	defer func(start time.Time) { s.observe("Article", start, err) }(time.Now())
	return s.Store.Article(ctx, id)
}

func (s measuredStore) Relations(ctx context.Context, q graph.RelationQuery) (p graph.RelationPage, err error) {
	defer func(start time.Time) { s.observe("Relations", start, err) }(time.Now())
	return s.Store.Relations(ctx, q)
}

func (s measuredStore) Neighborhood(ctx context.Context, actor string, hops int, f graph.RelationFilter, limit int) (g graph.Subgraph, err error) {
	defer func(start time.Time) { s.observe("Neighborhood", start, err) }(time.Now())
	return s.Store.Neighborhood(ctx, actor, hops, f, limit)
}

func (s measuredStore) ShortestPath(ctx context.Context, from, to string, maxHops int, f graph.RelationFilter) (p graph.Path, ok bool, err error) {
	defer func(start time.Time) { s.observe("ShortestPath", start, err) }(time.Now())
	return s.Store.ShortestPath(ctx, from, to, maxHops, f)
}

func (s measuredStore) Evidence(ctx context.Context, keys []graph.RelationKey, f graph.RelationFilter, page graph.Page) (m map[graph.RelationKey]graph.EvidencePage, err error) {
	defer func(start time.Time) { s.observe("Evidence", start, err) }(time.Now())
	return s.Store.Evidence(ctx, keys, f, page)
}

func (s measuredStore) Stats(ctx context.Context) (st graph.Stats, err error) {
	defer func(start time.Time) { s.observe("Stats", start, err) }(time.Now())
	return s.Store.Stats(ctx)
}

func (s measuredStore) Neighbors(ctx context.Context, q graph.NeighborQuery) (n graph.Neighbors, err error) {
	defer func(start time.Time) { s.observe("Neighbors", start, err) }(time.Now())
	return s.Store.Neighbors(ctx, q)
}

func (s measuredStore) Subgraph(ctx context.Context, q graph.SubgraphQuery) (g graph.Subgraph, err error) {
	defer func(start time.Time) { s.observe("Subgraph", start, err) }(time.Now())
	return s.Store.Subgraph(ctx, q)
}

func (s measuredStore) Paths(ctx context.Context, q graph.PathQuery) (p []graph.Path, err error) {
	defer func(start time.Time) { s.observe("Paths", start, err) }(time.Now())
	return s.Store.Paths(ctx, q)
}

func (s measuredStore) Timeline(ctx context.Context, q graph.TimelineQuery) (t graph.Timeline, err error) {
	defer func(start time.Time) { s.observe("Timeline", start, err) }(time.Now())
	return s.Store.Timeline(ctx, q)
}

func (s measuredStore) Articles(ctx context.Context, q graph.ArticleQuery) (p graph.ArticlePage, err error) {
	defer func(start time.Time) { s.observe("Articles", start, err) }(time.Now())
	return s.Store.Articles(ctx, q)
}
