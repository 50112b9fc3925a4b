// Package export writes a selection of dyad's graph in the formats that researchers' tools
// read: an events table (one row per claim, as GDELT and ICEWS rows are, in CSV or JSON
// Lines), GraphML (NetworkX, igraph, Cytoscape desktop), GEXF 1.3 (Gephi, with each edge's time
// interval), neo4j-admin import CSV (a nodes file and a relationships file), Cytoscape.js JSON,
// dyad's own JSON, and a relations table in CSV.
//
// A Selection is the same for every format and every caller (dyad export, GET /export): an
// actor and the hops around it, a list of actors and the relations among them, or the whole
// graph; plus a graph.RelationFilter. Each field has one name in every format; fields.go lists
// them, and README.md's researcher section documents them in one table.
//
// Exports stream: a whole-graph export reads actors and relations through graph.Scanner and
// the claims behind relations a batch at a time through Store.Evidence, and writes as it reads,
// so its memory does not grow with the graph (the relations table alone keeps each actor's
// name, which grows with the actors, not the claims).
package export
