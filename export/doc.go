// Package export writes a selection of dyad's graph in the formats that researchers' tools
// read: an events table (one row per claim, as GDELT and ICEWS rows are, in CSV, JSON Lines or
// Parquet), GraphML (NetworkX, igraph, Cytoscape desktop), GEXF 1.3 (Gephi, with each edge's time
// interval), neo4j-admin import CSV (a nodes file and a relationships file), Cytoscape.js JSON,
// dyad's own JSON, and a relations table in CSV.
//
// A Selection is the same for every format and every caller (dyad export, GET /export): an
// actor and the hops around it, a list of actors and the relations among them, or the whole
// graph; plus a graph.RelationFilter. Each field has one name in every format; fields.go lists
// them, and README.md's researcher section documents them in one table.
//
// A whole-graph export holds every relation type when it names none (AFFILIATION too), and its
// events table holds every stored claim that passes the filter, read a page of articles at a
// time through Store.Articles, so that the claims of pairs whose claims are all negated are
// there and the table can rebuild the store. The events table is also written as Parquet
// (events-parquet); the tables get a Frictionless datapackage.json (WriteDataPackage); every
// format carries its Provenance.
//
// Exports stream: a whole-graph export reads actors and relations through graph.Scanner, and the
// claims of a neighbourhood or a list a batch at a time through Store.Evidence, and writes as it
// reads, so its memory does not grow with the graph (the relations table alone keeps each
// actor's name, which grows with the actors, not the claims).
package export
