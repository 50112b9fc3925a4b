package neo4j

import (
	"context"

	"strings"

	"github.com/dyadgraph/dyad/graph"
	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// edgeCountIndexes are the range indexes on the derived edges' count, one per relation type
// (Neo4j indexes a relationship property per type): they give the busiest relations of the
// whole graph without reading every edge.
func edgeCountIndexes() []string {
	out := make([]string, 0, len(graph.Types))
	for _, t := range allTypes() {
		p, err := typePattern([]graph.RelationType{t})
		if err != nil {
			panic(err) // graph.Types itself is malformed: a programming error caught by every test
		}
		out = append(out, "CREATE INDEX dyad_edge_count_"+strings.ToLower(p)+" IF NOT EXISTS FOR ()-[r:"+p+"]-() ON (r.count)")
	}
	return out
}

// wholeGraph reports whether the scope selects every relation, which topRelations answers.
func (sc scope) wholeGraph() bool {
	return sc.actor == "" && sc.source == "" && sc.target == "" && !sc.hasBetween
}

// topRelations answers Relations over the whole graph for a filter of types only: the limit
// relations after skip in Relations' order, and how many there are. It reads no more edges than
// the page needs, where a plain ORDER BY reads and sorts them all (1.3 s a page at 100,000
// claims; see BENCHMARKS.md):
//
//  1. the count store gives the total;
//  2. each type's count index, read in descending order, gives its k = skip+limit highest
//     counts; the k-th highest of them all is a threshold that at least k relations reach;
//  3. the relations whose count reaches the threshold (each type's index again, a range seek)
//     hold the page, ties included; they alone are sorted in Relations' full order.
//
// Deep pages into the relations seen once cost as much as the plain sort, no more.
func topRelations(ctx context.Context, tx driver.ManagedTransaction, types []graph.RelationType, skip, limit int) ([]graph.Relation, int, error) {
	var counts, tops, edges []string
	for _, t := range types {
		p, err := typePattern([]graph.RelationType{t})
		if err != nil {
			return nil, 0, err
		}
		counts = append(counts, "MATCH ()-[r:"+p+"]->() RETURN count(r) AS n")
		tops = append(tops, "MATCH ()-[r:"+p+"]->() WHERE r.count IS NOT NULL RETURN r.count AS c ORDER BY r.count DESC LIMIT $k")
		edges = append(edges, "WITH threshold MATCH (s)-[r:"+p+"]->(t) WHERE r.count >= threshold RETURN s, r, t")
	}
	from, end := sliceBounds(skip, limit)
	query := `
CALL { ` + strings.Join(counts, "\n  UNION ALL ") + ` }
WITH sum(n) AS total
CALL {
  CALL { ` + strings.Join(tops, "\n    UNION ALL ") + ` }
  WITH c ORDER BY c DESC LIMIT $k
  RETURN min(c) AS threshold
}
CALL {
  WITH threshold
  CALL { ` + strings.Join(edges, "\n    UNION ALL ") + ` }
  WITH s.id AS source, s.idKey AS sourceKey, type(r) AS type, t.id AS target, t.idKey AS targetKey,
    r.count AS count, r.firstSeen AS firstSeen, r.lastSeen AS lastSeen, r.score AS score
  ORDER BY count DESC, sourceKey, type, targetKey
  SKIP $skip LIMIT $limit
  RETURN collect({source: source, type: type, target: target, count: count, firstSeen: firstSeen,
    lastSeen: lastSeen, score: score}) AS page
}
RETURN total, page`
	recs, err := collect(ctx, tx, query, map[string]any{"k": end, "skip": from, "limit": end - from})
	if err != nil || len(recs) != 1 {
		return nil, 0, wrap("relations", err, len(recs))
	}
	var out []graph.Relation
	for _, m := range asList(get(recs[0], "page")) {
		out = append(out, relationFrom(asMap(m)))
	}
	return out, int(asInt(get(recs[0], "total"))), nil
}
