package server

import (
	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/schema"
)

// storeCallCost is what a field that calls the store once costs beyond its result. Fields whose
// store calls are batched across a list (Relation.source, Relation.evidence, ...) cost none.
const storeCallCost = 10

// relationsPerActor is how many relations a neighbourhood is assumed to hold per actor when a
// query is weighed (the densest ones in our data hold about 9).
const relationsPerActor = 8

// bucketsPerTimeline is how many buckets a timeline is assumed to hold when a query is weighed:
// five years of months. Buckets hold only counts, so a longer timeline costs the store nothing
// more per bucket.
const bucketsPerTimeline = 60

// complexity weighs list fields by how many items they may return, so that the complexity limit
// refuses queries that nest big lists in big lists. A field costs 1 and a list of up to n items
// costs n times what each item's selection costs. The arithmetic saturates (satAdd, satMul):
// a nested query's cost grows to math.MaxInt, never wraps around to a small number.
func complexity() schema.ComplexityRoot {
	var c schema.ComplexityRoot
	c.Query.Actors = func(child int, _ *string, _ *graph.ActorKind, first *int, _ *string, last *int, _ *string) int {
		return satAdd(storeCallCost, satMul(child, pageSize(firstOrLast(first, last), 20)))
	}
	c.Query.Relations = func(child int, _, _, _ *string, _ []string, _ *graph.RelationFilter, first *int, _ *string, last *int, _ *string) int {
		return satAdd(storeCallCost, satMul(child, pageSize(firstOrLast(first, last), graph.DefaultPageSize)))
	}
	c.Query.Neighborhood = func(child int, _ string, _ *int, _ *graph.RelationFilter, limit *int) int {
		n := graph.DefaultLimit
		if limit != nil {
			n = graph.ClampLimit(*limit)
		}
		return satAdd(storeCallCost, satMul(child, n))
	}
	c.Query.ShortestPath = func(child int, _, _ string, maxHops *int, _ *graph.RelationFilter) int {
		n := 4
		if maxHops != nil {
			n = graph.ClampPathHops(*maxHops)
		}
		return satAdd(storeCallCost, satMul(child, n))
	}
	c.Query.Paths = func(child int, _, _ string, maxHops, limit *int, _ *graph.RelationFilter) int {
		hops, n := 4, graph.DefaultPaths
		if maxHops != nil {
			hops = graph.ClampPathHops(*maxHops)
		}
		if limit != nil {
			n = graph.ClampPaths(*limit)
		}
		return satAdd(storeCallCost, satMul(child, satMul(hops, n)))
	}
	c.Query.Subgraph = func(child int, _ []string, _ *int, _ *graph.RelationFilter, limit *int) int {
		n := graph.DefaultLimit
		if limit != nil {
			n = graph.ClampLimit(*limit)
		}
		return satAdd(storeCallCost, satMul(child, n))
	}
	c.Query.Articles = func(child int, _ *schema.ArticleFilter, first *int, _ *string, last *int, _ *string) int {
		return satAdd(storeCallCost, satMul(child, pageSize(firstOrLast(first, last), 20)))
	}
	c.Article.Claims = func(child int, first *int) int { return satAdd(1, satMul(child, pageSize(first, 20))) }
	c.Actor.Relations = func(child int, _ *schema.Direction, _ *graph.RelationFilter, first *int, _ *string, last *int, _ *string) int {
		return satAdd(storeCallCost, satMul(child, pageSize(firstOrLast(first, last), graph.DefaultPageSize)))
	}
	// A neighbourhood's edges are not bounded by its actor limit: weigh them at relationsPerActor
	// for every actor the neighbourhood may hold.
	c.Subgraph.Edges = func(child int) int { return satAdd(1, satMul(child, relationsPerActor)) }
	c.ActorSubgraph.Edges = c.Subgraph.Edges
	c.Timeline.Buckets = func(child int) int { return satAdd(1, satMul(child, bucketsPerTimeline)) }
	c.Relation.Evidence = func(child int, _ *graph.RelationFilter, first *int, _ *string, last *int, _ *string) int {
		return satAdd(1, satMul(child, pageSize(firstOrLast(first, last), 10)))
	}
	return c
}

// pageSize is the number of items a first argument may bring, for weighing.
func pageSize(first *int, def int) int {
	if first == nil {
		return def
	}
	return max(1, min(*first, graph.MaxPageSize))
}

// firstOrLast is the page size a connection asks for, forward or backward.
func firstOrLast(first, last *int) *int {
	if last != nil {
		return last
	}
	return first
}
