// Package graph is dyad's domain: the actors, articles, claims and relations that make up a
// geopolitical relationship graph, the Store interface every backend implements, and the errors
// they report.
//
// Here "graph" means the domain model, not GraphQL: the GraphQL schema and gqlgen's generated
// code live in package schema, and the resolvers in package server.
//
// # The model
//
// An Article is one news story. A Claim is one assertion that one article makes: a source actor
// did something of a given RelationType to a target actor, with the evidence sentence and its
// character offsets, a confidence, a negation flag and a modality. Claims are the truth. Their ids
// are derived from their content, so loading the same article twice changes nothing.
//
// A Relation (a dyad edge) is derived from claims, one per (source, type, target): how many
// non-negated claims support it, when it was first and last seen and a score. Traversals such as
// neighbourhoods and shortest paths run over relations; evidence drills down from a relation to
// its claims and their articles.
//
// The relation vocabulary is PLOVER's event types, each with its CAMEO root code, quad class and
// a cooperation–conflict score, plus AFFILIATION for a person's link to a state or organisation.
//
// # Stores
//
// This package imports nothing but the standard library. Implementations live beneath it, one
// package per dependency: graph/embedded keeps the graph in process and persists it to a data
// directory, graph/neo4j keeps it in Neo4j. graph/graphtest is the conformance suite that every
// Store must pass with the same answers. Only cmd/dyad chooses and wires a concrete store.
package graph
