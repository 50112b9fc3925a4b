// Package neo4j keeps dyad's graph in a Neo4j database (5.x, Community is enough; APOC is not
// needed). It implements graph.Store and passes the conformance suite in graph/graphtest. It is
// the only package that imports the Neo4j driver.
//
// # The model in Neo4j
//
//	(:Actor)-[:SOURCE_OF]->(:Claim)-[:TARGET]->(:Actor)
//	(:Claim)-[:REPORTED_IN]->(:Article)
//	(:Actor)-[:SUPPORT|ASSAULT|...|AFFILIATION {count, firstSeen, lastSeen, score}]->(:Actor)
//
// Claims are the truth. Each claim node also carries the ids of its article, source and target
// (article, source, target), so that claims can be found by index without walking. The edges
// between actors are derived: one per (source, type, target) with at least one non-negated
// claim, its type the PLOVER type name taken from the whitelist graph.Types, never from input.
// After every write they are recomputed from the claims of the (source, target) pairs the write
// touched; nothing is ever incremented, so saving the same article twice changes nothing.
//
// Actors keep their fields (id, name, kind, country, qid, aliases) and fields derived in Go for
// search: nameLower, searchWords (graph.SearchWords of the name and aliases) and searchText
// (those words joined by spaces); aliasText holds the aliases as one string. Open creates, if
// they do not exist, uniqueness constraints on Actor.id, Article.id and Claim.id, range indexes
// on Claim.article, Claim.source and Claim.target, one on each derived edge type's count (the
// busiest relations of the whole graph come from those without a sort of every edge), and the
// full-text index dyad_actor_names on
// Actor name, aliasText and searchText with Lucene's whitespace analyzer. Actor search asks that
// index for candidates (a prefix query per word, "+word*", which meets searchText's words
// exactly) and then applies graph.MatchesSearch's and graph.SearchRank's rules in Cypher over
// searchWords and nameLower, so that both stores answer alike.
//
// Lists are ordered as Go compares strings, byte by byte. Neo4j may compare strings by UTF-16
// code units, which differs for characters beyond U+FFFF, so actors and claims also carry sort
// keys (idKey, nameKey, sourceKey, targetKey: the hexadecimal of the UTF-8) and queries order
// by those.
//
// Times (claim time, firstSeen, lastSeen, article published) are Neo4j DATETIMEs in UTC with
// nanosecond precision; the zero time.Time is stored as 0001-01-01T00:00:00Z and comes back
// as the zero time. Times come back in UTC.
//
// # Writes
//
// Save checks the whole batch first (see Store.Save): an invalid article rejects the batch and
// nothing is written, as in the embedded store. It then writes in UNWIND batches inside managed
// transactions (ExecuteWrite), so the driver retries them on transient errors such as deadlocks.
// One transaction holds up to Options.BatchSize articles (DefaultBatchSize unless set), never
// part of one: each article is saved whole or not at all, and a failure part-way leaves the
// earlier transactions' articles complete and the later ones absent. Before the transactions,
// one read fetches every actor the batch gives or names: it checks that claims name known actors,
// and actors that the batch would not change (the common case once a corpus is loading) are not
// written at all. Each transaction then costs one statement (one round trip), plus two when it
// brings new or changed actors (merge them, read what is stored, write the merged fields). The
// statement merges the articles on their unique id, deletes the claims the articles no longer
// make, updates the claims already stored and CREATEs the new ones with their relationships,
// locks the touched dyads' actors in id order, and recomputes their derived edges set-based: one
// index seek per dyad on Claim(source, target), aggregated in Cypher with the score multiplied
// in claim id order as graph.ScoreOf does, created by one FOREACH per whitelisted type. Every
// MATCH names its index, because a plan cached on an empty database otherwise scans. Options.
// BatchSize and BENCHMARKS.md say how the transaction size was chosen.
//
// # Bulk import
//
// Bulk builds a new database without transactions: it takes batches as Save does, with the same
// checks, keeps in memory what they leave, and writes the CSV files of Neo4j's bulk importer
// (neo4j-admin database import full, run through tools/neo4j.sh admin) with the same nodes,
// relationships and properties, the derived edges computed as Save computes them. A server
// started on the imported database then gets its constraints and indexes from Open, and
// Store.CompleteImport adds what the importer cannot write (empty lists). A test compares such a
// database with a saved one node by node.
//
// # Reads
//
// Every value is a query parameter. Relationship types in a query string come only from
// graph.Types (through RelationFilter.AllowedTypes) and hop bounds only from graph.ClampHops and
// graph.ClampPathHops. A request costs a small constant number of queries: Relations, Actors,
// ActorsByID (all ids in one list parameter), Evidence (for all keys at once) and Stats one
// each; Neighborhood one per hop plus one for the actors and one for the relations among them;
// ShortestPath at most one per hop (graph.ShortestPath searches from both ends) plus three;
// Subgraph like Neighborhood (one more when the limit cuts a start); Paths at most maxHops
// adjacency queries plus three; Timeline two; Articles one when asked by ids, else two.
// Relations over the whole graph with a filter of types only reads the count indexes instead of
// sorting every edge (topRelations). A filter that
// restricts only types (and quad) reads the derived edges; one with since, until or
// minConfidence aggregates the passing claims.
package neo4j
