package neo4j

import "github.com/dyadgraph/dyad/graph"

// rollupEnds is the Cypher that, after a clause binding claims to c, binds source, sourceKey,
// target and targetKey to the ends c counts under with graph.RelationFilter.Rollup set: a
// government or military stands for its state when that state is stored, as graph.RollupID
// says. Claims that roll-up turns into a self-relation are dropped. carry names the variables
// to keep besides c (may be empty; then it starts with no comma).
func rollupEnds(carry string, params map[string]any) string {
	params["rollupKinds"] = rollupKinds()
	keep := "c"
	if carry != "" {
		keep = carry + ", c"
	}
	return `MATCH (sa:Actor {id: c.source}), (ta:Actor {id: c.target})
OPTIONAL MATCH (ss:Actor {id: sa.country}) WHERE sa.kind IN $rollupKinds
OPTIONAL MATCH (ts:Actor {id: ta.country}) WHERE ta.kind IN $rollupKinds
WITH ` + keep + `, CASE WHEN ss IS NULL THEN sa ELSE ss END AS s, CASE WHEN ts IS NULL THEN ta ELSE ts END AS t
WITH ` + keep + `, s.id AS source, s.idKey AS sourceKey, t.id AS target, t.idKey AS targetKey
WHERE (source <> target OR c.source = c.target)
`
}

// rollupKinds lists graph.RollupKinds as strings, for a query parameter.
func rollupKinds() []string {
	out := make([]string, len(graph.RollupKinds))
	for i, k := range graph.RollupKinds {
		out[i] = string(k)
	}
	return out
}
