// Package embedded is the store dyad uses when no database server is configured: the graph lives
// in process and is persisted to one file, dyad.db, in a data directory.
//
// # Design
//
// The file is a bbolt database. bbolt gives ACID transactions with crash safety (copy-on-write
// pages and a meta page switched at commit, fsynced), so a process killed at any instant leaves a
// file that opens and holds exactly the transactions that committed. It also takes an exclusive
// lock on the file: a second process that opens the same directory waits two seconds, then gets
// ErrInUse ("store is in use by another process") rather than hanging.
//
// Buckets hold the actors, articles and claims by id, as JSON (readable with any bbolt browser),
// and an index of claims by article (keys ARTICLE-ID NUL CLAIM-ID) that finds the claims to drop
// when an article is saved again.
//
// Each Save is one transaction, whatever the size of its batch. A crash during a Save therefore
// leaves every article of that batch as it was before the Save, and all earlier Saves complete:
// whole articles only, never part of one. One transaction per batch rather than per article costs
// one fsync per batch, which makes a batched load many times faster (see the benchmarks). The
// batch is checked whole before anything is written: a claim that names an actor neither given
// nor stored, or an unknown relation type, rejects the batch with graph.ErrInvalid.
//
// Open reads the whole file into memory: actors, articles, claims grouped by (source, type,
// target), the claims of each article and, for each actor, the relations it takes part in.
// Queries run on memory under a read lock and share their semantics with every other store
// through package graph: graph.Aggregate derives relations, graph.Reach and graph.ShortestPath
// walk them, RelationFilter.Passes and Page.Cut (cursor.go) filter and page. Save writes the file first
// and applies the same change to memory after the commit, so a query never sees what a failed
// Save tried to write. Values handed in are copied and values handed out are copies.
//
// Sizes, from BenchmarkLarge on a 2-core machine: a hundred thousand claims among ten thousand
// actors take a 125 MB file and about 100 MB of memory, open in about a second and a half, and
// answer an unfiltered Relations page in about 50 ms, a Relations page about one busy actor in a
// few milliseconds and its 2-hop neighbourhood in about 10 ms.
package embedded
