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

// topRelations answers a page of Relations over the whole graph for a filter of types only. It
// reads no more edges than the page needs, where a plain ORDER BY reads and sorts them all (1.3 s
// a page at 100,000 claims; see BENCHMARKS.md):
//
//  1. the count store gives the total;
//  2. each type's count index, read from the page's side of the cursor's count (descending
//     after it, ascending before it when paging backward), gives its k = size+1 nearest counts;
//     the k-th nearest of them all is a threshold that at least k relations reach;
//  3. the relations whose count lies between the cursor's and the threshold (each type's index
//     again, a range seek) hold the page, ties included; they alone are sorted in Relations' full
//     order and cut at the cursor's key (graph.RelationMark);
//  4. whether items lie on the cursor's other side: one edge of a count beyond the cursor's, or
//     one of the cursor's own count cut off in step 3.
//
// Deep pages into the relations seen once cost as much as the plain sort, no more.
func topRelations(ctx context.Context, tx driver.ManagedTransaction, types []graph.RelationType, page *graph.Page) (graph.RelationPage, error) {
	mark, hasMark, err := page.RelationMark()
	if err != nil {
		return graph.RelationPage{}, err
	}
	backward := page.Backward()
	// The page's side of the cursor's count (near), and the other side (far).
	near, far, order, nearest, within := "<", ">", "DESC", "min", ">="
	if backward {
		near, far, order, nearest, within = ">", "<", "ASC", "max", "<="
	}
	params := map[string]any{"k": int64(page.Size() + 1), "size": int64(page.Size())}
	nearCond, rangeCond, farCond := "r.count IS NOT NULL", "r.count "+within+" threshold", "false"
	beyond := "true"
	if hasMark {
		nearCond = "r.count " + near + " $markCount"
		rangeCond += " AND r.count " + map[bool]string{false: "<=", true: ">="}[backward] + " $markCount"
		farCond = "r.count " + far + " $markCount"
		beyond = keyset(relationKey, backward)
		params["markCount"], params["markSource"] = int64(mark.Count), sortKey(mark.Key.Source)
		params["markType"], params["markTarget"] = string(mark.Key.Type), sortKey(mark.Key.Target)
	}
	var counts, tops, edges, others []string
	for _, t := range types {
		p, err := typePattern([]graph.RelationType{t})
		if err != nil {
			return graph.RelationPage{}, err
		}
		counts = append(counts, "MATCH ()-[r:"+p+"]->() RETURN count(r) AS n")
		tops = append(tops, "MATCH ()-[r:"+p+"]->() WHERE "+nearCond+" RETURN r.count AS c ORDER BY r.count "+order+" LIMIT $k")
		edges = append(edges, "WITH threshold MATCH (s)-[r:"+p+"]->(t) WHERE "+rangeCond+" RETURN s, r, t")
		others = append(others, "MATCH ()-[r:"+p+"]->() WHERE "+farCond+" RETURN r.count AS c LIMIT 1")
	}
	fallback := "null"
	if hasMark {
		fallback = "$markCount" // nothing lies past the cursor's count: its ties alone may
	}
	query := `
CALL { ` + strings.Join(counts, "\n  UNION ALL ") + ` }
WITH sum(n) AS total
CALL {
  CALL { ` + strings.Join(tops, "\n    UNION ALL ") + ` }
  WITH c ORDER BY c ` + order + ` LIMIT $k
  RETURN coalesce(` + nearest + `(c), ` + fallback + `) AS threshold
}
CALL {
  WITH threshold
  CALL { ` + strings.Join(edges, "\n    UNION ALL ") + ` }
  WITH s.id AS source, s.idKey AS sourceKey, type(r) AS type, t.id AS target, t.idKey AS targetKey,
    r.count AS count, r.firstSeen AS firstSeen, r.lastSeen AS lastSeen, r.score AS score
  ORDER BY ` + orderBy(relationKey, false) + `
  RETURN collect(CASE WHEN ` + beyond + ` THEN {source: source, type: type, target: target, count: count,
    firstSeen: firstSeen, lastSeen: lastSeen, score: score} END) AS past,
    count(CASE WHEN NOT (` + beyond + `) THEN 1 END) AS cut
}
CALL { CALL { ` + strings.Join(others, "\n    UNION ALL ") + ` } RETURN count(c) AS farther }
RETURN total, ` + pageOf("past", backward) + ` AS page, size(past) > $size AS more, cut + farther > 0 AS other`
	recs, err := collect(ctx, tx, query, params)
	if err != nil || len(recs) != 1 {
		return graph.RelationPage{}, wrap("relations", err, len(recs))
	}
	rels := relationsFrom(get(recs[0], "page"))
	out := graph.RelationPage{Relations: rels, Total: int(asInt(get(recs[0], "total")))}
	more, other := asBool(get(recs[0], "more")), asBool(get(recs[0], "other"))
	out.HasNext, out.HasPrev = more, other
	if backward {
		out.HasNext, out.HasPrev = other, more
	}
	if len(rels) > 0 {
		out.EndCursor = graph.RelationCursor(rels[len(rels)-1])
	}
	return out, nil
}
