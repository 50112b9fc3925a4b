package neo4j

import (
	"context"
	"fmt"

	"github.com/dyadgraph/dyad/graph"
	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Neighbors returns an actor's ranked neighbours; see graph.Store.Neighbors. It costs four
// queries in one read transaction: the centre, the ranking, the neighbours kept and the
// relations to keep. When the filter restricts only types (and does not roll up), the ranking
// is done in Cypher over the derived edges and only the neighbours kept come back, so a busy
// actor's thousands of relations stay in the database; otherwise the centre's relations are
// read and ranked in Go by graph.RankNeighbors, which the Cypher ranking matches.
func (s *Store) Neighbors(ctx context.Context, q graph.NeighborQuery) (graph.Neighbors, error) {
	q, err := graph.CheckNeighborQuery(q)
	if err != nil {
		return graph.Neighbors{}, err
	}
	out, err := read(ctx, s, func(tx driver.ManagedTransaction) (graph.Neighbors, error) {
		centre, err := actorsByID(ctx, tx, []string{q.Actor})
		if err != nil {
			return graph.Neighbors{}, err
		}
		if _, ok := centre[q.Actor]; !ok {
			return graph.Neighbors{}, graph.Errorf(graph.ErrNotFound, "actor %q", q.Actor)
		}
		var (
			kept                   []graph.RankedNeighbor
			total, centerRelations int
			rels                   []graph.Relation
		)
		if onlyTypes(q.Filter) && !q.Filter.Rollup {
			kept, total, centerRelations, err = rankByEdges(ctx, tx, q)
		} else {
			rels, _, err = relations(ctx, tx, scope{actor: q.Actor}, q.Filter)
			kept, total, centerRelations = graph.RankNeighbors(q.Actor, rels, q.Rank, q.Limit)
		}
		if err != nil {
			return graph.Neighbors{}, err
		}
		ids := make([]string, len(kept))
		for i, n := range kept {
			ids[i] = n.ID
		}
		actors, err := actorsByID(ctx, tx, ids)
		if err != nil {
			return graph.Neighbors{}, err
		}
		if len(ids) > 0 && (q.Among || rels == nil) {
			sc := scope{between: append([]string{q.Actor}, ids...), hasBetween: true}
			if !q.Among {
				sc.actor = q.Actor // the star only
			}
			rels, _, err = relations(ctx, tx, sc, q.Filter)
			if err != nil {
				return graph.Neighbors{}, err
			}
		}
		return graph.AssembleNeighbors(centre[q.Actor], kept, total, centerRelations, actors, rels, q.Among), nil
	})
	if err != nil {
		return graph.Neighbors{}, fmt.Errorf("neo4j: neighbours: %w", err)
	}
	return out, nil
}

// rankByEdges ranks the centre's neighbours over the derived edges of the filter's types, in
// graph.RankNeighbors' order (count or score, then the other, then id byte by byte through
// idKey), and returns the first q.Limit, how many there are and how many edges join them to
// the centre.
func rankByEdges(ctx context.Context, tx driver.ManagedTransaction, q graph.NeighborQuery) ([]graph.RankedNeighbor, int, int, error) {
	types := q.Filter.AllowedTypes()
	if len(types) == 0 {
		return nil, 0, 0, nil
	}
	pattern, err := typePattern(types)
	if err != nil {
		return nil, 0, 0, err
	}
	order := "count DESC, score DESC, n.idKey"
	if q.Rank == graph.RankByScore {
		order = "score DESC, count DESC, n.idKey"
	}
	recs, err := collect(ctx, tx, fmt.Sprintf(`
MATCH (c:Actor {id: $actor})-[r:%s]-(n:Actor)
WHERE n <> c
WITH n, sum(r.count) AS count, max(r.score) AS score, count(r) AS edges
ORDER BY %s
WITH collect({id: n.id, count: count, score: score}) AS ranked, sum(edges) AS edges
RETURN size(ranked) AS total, edges, ranked[0..$limit] AS kept`, pattern, order),
		map[string]any{"actor": q.Actor, "limit": q.Limit})
	if err != nil || len(recs) != 1 {
		return nil, 0, 0, wrap("ranking neighbours", err, len(recs))
	}
	var kept []graph.RankedNeighbor
	for _, v := range asList(get(recs[0], "kept")) {
		m := asMap(v)
		kept = append(kept, graph.RankedNeighbor{ID: asString(m["id"]), Count: int(asInt(m["count"])), Score: asFloat(m["score"])})
	}
	return kept, int(asInt(get(recs[0], "total"))), int(asInt(get(recs[0], "edges"))), nil
}
