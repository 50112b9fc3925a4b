// Package embedded is the store dyad uses when no database server is configured: the graph is
// kept in one file, dyad.db, in a data directory, and read from it on demand.
//
// # Design
//
// The file is a bbolt database. bbolt gives ACID transactions with crash safety (copy-on-write
// pages and a meta page switched at commit, fsynced), so a process killed at any instant leaves a
// file that opens and holds exactly the transactions that committed. It also takes an exclusive
// lock on the file: a second process that opens the same directory waits two seconds, then gets
// ErrInUse ("store is in use by another process") rather than hanging.
//
// Nothing of the graph is held in memory between queries. Every query runs in one bbolt read
// transaction, a consistent snapshot of the file that a Save committing at the same time does
// not change (bbolt lets readers run alongside its one writer), and reads the indexes below on
// demand. Open reads the layout version and nothing else, so it takes the same time whatever
// the size of the store. The only cache is the roll-up map (which governments and militaries
// stand for which state), whose size is the number of such actors; it is rebuilt when a Save
// has changed actors.
//
// # Buckets (layout 2)
//
// Keys join their parts with NUL bytes; ids may not hold one (Save checks), so the byte order of
// keys is the order of their parts compared in turn. Counters and counts are big-endian.
//
//	meta            version; counters kept by every Save: actors, articles, claims, relations
//	                (keys with a non-negated claim), actors by kind, order entries by type,
//	                and the roll-up generation
//	actors          ID -> actor (JSON)
//	articles        ID -> article (JSON)
//	claims          CLAIM -> ARTICLE: where a claim's record is, to move a claim whose id another
//	                article gives
//	article_claims  ARTICLE NUL CLAIM -> claim (JSON): the claim records, an article's together
//	                (ids that arrive in order append rather than dirty pages all over the file),
//	                found by a prefix scan when the article is saved again
//	adjacency       ACTOR NUL DIR NUL TYPE NUL OTHER: each relation key with a claim, under both
//	                its ends (DIR "o" from the actor, "i" to it; a self-relation once).
//	                The outgoing entry, SOURCE NUL o NUL TYPE NUL TARGET, holds the key's
//	                aggregate: its claims (all, non-negated) and its relation under the empty
//	                filter: count, first and last seen over dated claims, and the product of
//	                misses (1 - confidence), whose complement is the score as graph.ScoreOf
//	                computes it. The outgoing entries are in key order (source, type, target).
//	                Right after it come the key's claims, SOURCE NUL o NUL TYPE NUL TARGET NUL
//	                CLAIM -> summary: flags (negated, dated), confidence, time, article id;
//	                filters read these without decoding JSON, and a claim added to a key dirties
//	                the page its aggregate is on anyway.
//	                The incoming entry holds one byte, 1 when the key's count is above 0, so that
//	                walks test an actor's keys without reading their aggregates.
//	order           (MaxUint32 - count) SOURCE NUL TYPE NUL TARGET -> aggregate: every key with
//	                two claims or more counted under the empty filter's rules, in
//	                graph.SortRelations' order; the keys of one such claim are the outgoing
//	                adjacency entries of count 1, in key order already. A whole-graph page reads
//	                one stretch of the two; a keyset cursor (the last relation's count and key)
//	                is a seek in one of them
//	names           NAME NUL ID -> kind: actors in name and id order
//	words           WORD NUL ID -> empty: the search words of names and aliases
//	rollup          ID -> COUNTRY for each government and military with a Country
//
// Aggregates are kept as Saves add claims (count, times and the product of misses); when a Save
// removes claims of a key (an article saved again), the key's aggregate is recomputed from its
// claims. The product is taken in another order than graph.Aggregate's, so scores may differ in
// the last bits (the conformance suite allows 1e-9).
//
// # Queries
//
// Pages are cut by keyset cursors (graph/cursor.go): a cursor holds the last item's sort key,
// and the next page starts after it, so pages stay put while articles are added.
// Relations of the whole graph under a filter by type alone read the order index, skipping the
// types left out, from the cursor's seek, and stop at the end of the page; the total is the sum
// of the types' counters (read backward, they are streamed like other whole-graph queries).
// Relations about an actor (or a set of actors) read its adjacency entries and derive those keys
// only: from the aggregates under a filter by type alone, else from the key's claim summaries.
// Other whole-graph queries (time window, minimum confidence) stream every key's summaries and
// keep the page in a heap bounded by its end; with roll-up they walk the actors in id order and
// derive the rolled-up keys each is the source of from its (and its government's and
// military's) outgoing entries. Stats reads the counters. Actors without a search seek the name index; with one they
// read the word index for the longest word of the search and check and rank the actors found.
// Evidence filters summaries and decodes only the claims of the page. Neighbourhoods and paths
// walk adjacency entries with graph.Reach and graph.ShortestPath. Semantics are shared with
// every other store through package graph (RelationFilter.Passes, Page.Cut, RankNeighbors).
//
// # Saves
//
// Each Save is one transaction, whatever the size of its batch. A crash during a Save therefore
// leaves every article of that batch as it was before the Save, and all earlier Saves complete:
// whole articles only, never part of one. One transaction per batch rather than per article costs
// one fsync per batch, which makes a batched load many times faster (see the benchmarks). The
// batch is checked whole, in the transaction, before anything is written: a claim that names an
// actor neither given nor stored, or an unknown relation type, rejects the batch with
// graph.ErrInvalid. Adjacency and order entries, which fall all over their buckets, are put in
// key order at the end of the transaction.
//
// Each Save rewrites every page it touches (bbolt is copy-on-write), and index entries fall on
// pages all over the file: at a million claims a batch of 1,000 articles dirties tens of MB, so
// ingest there is bound by page writes (see BENCHMARKS.md).
//
// A file of layout 1 (the records only, read whole into memory on Open) is refused with how to
// rebuild it: load the articles again into a new data directory.
package embedded
