package schema

// Node is what the GraphQL interface Node binds to: graph.Actor, graph.Relation or
// graph.Article, which are domain types of package graph and cannot carry GraphQL's marker
// methods, so the interface is empty and the generated code tells them apart by type.
type Node interface{}
