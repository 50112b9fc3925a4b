package server

import (
	"context"
	"log/slog"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/schema"
)

// Resolver resolves dyad's GraphQL schema against a store: the place where its dependencies are
// injected. gqlgen's generated code (package schema) calls it through the interfaces of
// schema.ResolverRoot; the resolvers themselves are in *.resolvers.go, one file per schema file.
//
// Every resolver costs at most one store call, and fields of listed items never cost one each:
// the actors and evidence of a page of relations are fetched for the whole page at once (see
// batches).
type Resolver struct {
	Store  graph.Store
	Log    *slog.Logger
	ingest *ingester // nil: the ingestArticle mutation says that ingest is off
	live   *liveFeed // nil: claimAdded says there is no live feed
}

var _ schema.ResolverRoot = (*Resolver)(nil)

// relations answers Query.relations and Actor.relations.
func (r *Resolver) relations(ctx context.Context, q graph.RelationQuery, filter *graph.RelationFilter, args connArgs) (*schema.RelationConnection, error) {
	var err error
	if q.Filter, err = filterArg(filter); err != nil {
		return nil, err
	}
	p, countOnly, err := args.page(graph.DefaultPageSize)
	if err != nil {
		return nil, err
	}
	q.Page = p
	page, err := r.Store.Relations(ctx, q)
	if err != nil {
		return nil, err
	}
	return relationConnection(ctx, r.batchesFrom(ctx), page, p, countOnly), nil
}

// actorRef returns a loaded actor as the generated code wants it.
func actorRef(a graph.Actor, err error) (*graph.Actor, error) {
	if err != nil {
		return nil, err
	}
	return &a, nil
}
