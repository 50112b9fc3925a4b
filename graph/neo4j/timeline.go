package neo4j

import (
	"context"
	"fmt"
	"strings"

	"github.com/dyadgraph/dyad/graph"
	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// truncUnits are the units of datetime.truncate for each interval: Neo4j's weeks start on
// Monday, as ISO weeks do.
var truncUnits = map[graph.Interval]string{graph.Day: "day", graph.Week: "week", graph.Month: "month"}

// Timeline counts the claims between two actors by bucket; see graph.Store.Timeline. It costs
// one read of two queries: the two actors, and the claims between them aggregated in Cypher by
// bucket, type and direction (found through the Claim(source, target) index, or under roll-up
// through the actors that stand for the two).
func (s *Store) Timeline(ctx context.Context, q graph.TimelineQuery) (graph.Timeline, error) {
	q, err := graph.CheckTimelineQuery(q)
	if err != nil {
		return graph.Timeline{}, err
	}
	types := q.Filter.AllowedTypes()
	params := map[string]any{"a": q.A, "b": q.B, "unit": truncUnits[q.Interval], "types": typeStrings(types)}
	conds := strings.Join(append([]string{"c.type IN $types", "c.time > $undated"}, claimConds(q.Filter, false, params)...), " AND ")
	query := `
CALL {
  MATCH (c:Claim) USING INDEX c:Claim(source, target) WHERE c.source = $a AND c.target = $b RETURN c
  UNION ALL
  MATCH (c:Claim) USING INDEX c:Claim(source, target) WHERE c.source = $b AND c.target = $a RETURN c
}
WITH c WHERE ` + conds + `
RETURN datetime.truncate($unit, c.time) AS start, c.type AS type, c.source = $a AS aToB, count(c) AS n`
	if q.Filter.Rollup {
		// The two actors and the governments and militaries that may stand for them, then the
		// claims among those, regrouped under rolled-up ends.
		query = `
MATCH (x:Actor) WHERE x.id IN [$a, $b] OR (x.kind IN $rollupKinds AND x.country IN [$a, $b])
WITH collect(x.id) AS ids
MATCH (c:Claim) WHERE c.source IN ids AND c.target IN ids AND ` + conds + `
WITH DISTINCT c
` + rollupEnds("", params) + `  AND ((source = $a AND target = $b) OR (source = $b AND target = $a))
RETURN datetime.truncate($unit, c.time) AS start, c.type AS type, source = $a AS aToB, count(c) AS n`
	}
	type result struct {
		actors map[string]graph.Actor
		counts []graph.TimelineCount
	}
	res, err := read(ctx, s, func(tx driver.ManagedTransaction) (result, error) {
		actors, err := actorsByID(ctx, tx, []string{q.A, q.B})
		if err != nil || len(actors) < 2 || len(types) == 0 {
			return result{actors: actors}, err
		}
		recs, err := collect(ctx, tx, query, params)
		if err != nil {
			return result{}, err
		}
		counts := make([]graph.TimelineCount, len(recs))
		for i, r := range recs {
			counts[i] = graph.TimelineCount{Start: asTime(get(r, "start")), Type: graph.RelationType(asString(get(r, "type"))),
				AToB: asBool(get(r, "aToB")), Count: int(asInt(get(r, "n")))}
		}
		return result{actors, counts}, nil
	})
	if err != nil {
		return graph.Timeline{}, fmt.Errorf("neo4j: timeline: %w", err)
	}
	for _, id := range []string{q.A, q.B} {
		if _, ok := res.actors[id]; !ok {
			return graph.Timeline{}, graph.Errorf(graph.ErrNotFound, "actor %q", id)
		}
	}
	return graph.AssembleTimeline(res.actors[q.A], res.actors[q.B], q.Interval, res.counts), nil
}
