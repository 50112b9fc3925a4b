// Package server serves dyad's graph over HTTP: the GraphQL API whose schema is in package
// schema, a GraphiQL playground at /, a health check and an export of neighbourhoods for network
// analysis tools. New builds the handler over any graph.Store.
//
// # Resolvers
//
// Resolver (resolver.go) holds the store; the resolvers are in schema.resolvers.go and
// types.resolvers.go, which gqlgen keeps in step with the schema (go generate ./schema).
//
// A request costs a small number of store calls however many rows it returns. Relations carry
// only their actors' ids, so Relation.source and Relation.target go through a per-operation
// loader, and Relation.evidence through another that asks graph.Store.Evidence for many
// relations at once. The resolver that lists relations announces them to the loaders first, so
// the first item to ask loads for the whole list (see loader.go): one call per list rather than
// one per row, without waiting for requests to pile up: a page of relations with their source,
// target and evidence costs one Relations, one ActorsByID and one Evidence call per distinct set
// of evidence arguments, however long the page.
// Actor.relations costs one call per actor it is asked on; the complexity limit weighs such
// nesting.
//
// # Errors
//
// Every GraphQL error carries a code in its extensions: NOT_FOUND when neighborhood or
// shortestPath name an actor that does not exist (actor and article lookups answer null),
// BAD_USER_INPUT for arguments out of range or malformed, GRAPHQL_VALIDATION_FAILED and
// GRAPHQL_PARSE_FAILED for queries gqlgen refuses, COMPLEXITY_LIMIT_EXCEEDED, TIMEOUT when a
// request runs past WithTimeout, and INTERNAL for anything else, whose detail goes to the log
// under a reference that the message gives.
//
// # Playground
//
// server/ui holds the playground's source: GraphiQL with a default query. Its bundle is built
// with npm into server/ui/dist, which is not committed, and embedded into the binary:
//
//	npm --prefix server/ui ci && npm --prefix server/ui run build
//	go build ./cmd/dyad
//
// A binary built without it serves a plain page at / that says so and still runs queries.
package server
