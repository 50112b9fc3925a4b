package server

import (
	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/schema"
)

// storeCallCost is what a field that calls the store once costs beyond its result. Fields whose
// store calls are batched across a list (Relation.source, Relation.evidence, ...) cost none.
const storeCallCost = 10

// relationsPerActor is how many relations a neighbourhood is assumed to hold per actor when a
// query is weighed (the densest ones in our data hold about 9; a generated corpus's three-hop
// neighbourhoods of 1000 and 5000 actors hold 9.2 and 9.4).
const relationsPerActor = 8

// bucketsPerTimeline is how many buckets a timeline is assumed to hold when a query is weighed:
// five years of months. Buckets hold only counts, so a longer timeline costs the store nothing
// more per bucket.
const bucketsPerTimeline = 60

// starRelations is how many relations a neighbour of `neighbors` is assumed to share with the
// centre (1.0 to 1.3 in a generated corpus: a relation per type and direction at most).
const starRelations = 2

// maxGraphLimit is the most actors that neighborhood, subgraph and neighbors return over GraphQL: with
// relationsPerActor relations each, the explorer's neighbourhood query (four fields an actor,
// ten a relation) costs 97,010 at 1000 actors, within DefaultComplexityLimit, and about 485,000
// at graph.MaxLimit (5000 actors, 47,000 relations, 11 MB of JSON). Bigger neighbourhoods
// stream from /export/neighborhood, up to graph.MaxLimit.
const maxGraphLimit = 1000

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
		return satAdd(storeCallCost, satMul(child, graphLimit(limit, graph.DefaultLimit)))
	}
	// A neighbour costs its own fields and those of its starRelations relations with the
	// centre (Neighbors.Edges); with among, relationsPerActor relations, as in a neighbourhood.
	c.Query.Neighbors = func(child int, _ string, _ *graph.RelationFilter, _ *graph.NeighborRank, limit *int, among *bool) int {
		n := graphLimit(limit, graph.DefaultNeighbors)
		if among != nil && *among {
			n = satMul(n, relationsPerActor/starRelations)
		}
		return satAdd(storeCallCost, satMul(child, n))
	}
	c.Neighbors.Edges = func(child int) int { return satAdd(1, satMul(child, starRelations)) }
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
		return satAdd(storeCallCost, satMul(child, graphLimit(limit, graph.DefaultLimit)))
	}
	c.Query.Articles = func(child int, _ *schema.ArticleFilter, first *int, _ *string, last *int, _ *string) int {
		return satAdd(storeCallCost, satMul(child, pageSize(firstOrLast(first, last), 20)))
	}
	c.Article.Claims = func(child int, first *int) int { return satAdd(1, satMul(child, pageSize(first, 20))) }
	// Each article's text is one store read of up to a megabyte.
	c.Article.Text = func(int, *int, *int) int { return storeCallCost }
	c.Article.TextLength = func(int) int { return storeCallCost }
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

// graphLimit is the number of actors a limit argument may bring, for weighing.
func graphLimit(limit *int, def int) int {
	if limit == nil {
		return def
	}
	return max(1, min(*limit, maxGraphLimit))
}

// limitArg checks the limit argument of neighborhood or neighbors (1..maxGraphLimit, def when
// unset), pointing a client that asks for more to the export.
func limitArg(limit *int, def int) (int, error) {
	if limit != nil && *limit > maxGraphLimit && *limit <= graph.MaxLimit {
		return 0, badInput("limit must be between 1 and %d, not %d; GET /export/neighborhood streams up to %d actors", maxGraphLimit, *limit, graph.MaxLimit)
	}
	return intArg("limit", limit, def, 1, maxGraphLimit)
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
