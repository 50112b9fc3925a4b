// Dyad turns news articles into a graph of geopolitical actors and what they do to each other,
// stores it, and serves it over GraphQL.
//
// Usage:
//
//	dyad load [flags] PATH...      extract claims from articles and store them
//	dyad serve [flags]             serve GraphQL and the playground
//	dyad extract [flags] PATH...   print the relations found, without storing them
//	dyad eval [flags] GOLD.jsonl   score extraction against a gold file
//	dyad bench extract [flags]     measure extraction throughput
//	dyad loadtest [flags]          soak a server on this machine with mixed queries
//
// PATH is a file, a directory (read recursively) or "-" for standard input. Files are plain
// text whose first line is the title, or JSONL with the fields id, url, title, published,
// source and text.
//
// The store is Neo4j when --neo4j (or NEO4J_URI) is given, with --neo4j-user and
// --neo4j-password (or NEO4J_USER and NEO4J_PASSWORD); otherwise it is the embedded store in
// --data (default ./data), which survives restarts.
//
// Run "dyad COMMAND --help" for the flags of each command.
package main
