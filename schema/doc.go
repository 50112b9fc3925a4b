// Package schema is dyad's GraphQL API: the schema in *.graphqls, the few Go types that the
// schema binds to beyond the domain types of package graph, and the executable schema that
// gqlgen generates from both (generated.go, models_gen.go).
//
// The GraphQL types Actor, Article, Relation and Stats bind to graph.Actor, graph.Article,
// graph.Relation and graph.Stats; Claim binds to Claim here, a graph.Claim with its article. The
// enums bind to graph's string types, so a value that graph does not define cannot arise.
// Resolvers live in package server.
//
// After editing a .graphqls file or gqlgen.yml, regenerate with
//
//	go generate ./schema
package schema

//go:generate go tool gqlgen generate
