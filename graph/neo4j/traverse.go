package neo4j

import (
	"context"
	"fmt"
	"strings"

	"github.com/dyadgraph/dyad/graph"
	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// adjacency returns the graph.Adjacency of relations that pass f: one query per call, over the
// derived edges when f restricts only types, else over the passing claims.
func (s *Store) adjacency(f graph.RelationFilter) (graph.Adjacency, error) {
	types := f.AllowedTypes()
	if len(types) == 0 {
		return func(context.Context, []string) (map[string][]string, error) { return nil, nil }, nil
	}
	params := map[string]any{}
	var query string
	switch {
	case f.Rollup:
		// The frontier's actors and the governments and militaries that stand for them, then
		// their claims, regrouped under rolled-up ends: one query per hop.
		conds := strings.Join(append([]string{"c.type IN $types"}, claimConds(f, false, params)...), " AND ")
		params["types"] = typeStrings(types)
		query = `
MATCH (x:Actor) WHERE x.id IN $frontier OR (x.kind IN $rollupKinds AND x.country IN $frontier)
WITH collect(x.id) AS ids
MATCH (c:Claim) WHERE (c.source IN ids OR c.target IN ids) AND ` + conds + `
WITH DISTINCT c
` + rollupEnds("", params) + `  AND (source IN $frontier OR target IN $frontier)
RETURN DISTINCT source AS a, target AS b`
	case onlyTypes(f):
		pattern, err := typePattern(types)
		if err != nil {
			return nil, err
		}
		query = fmt.Sprintf(`
MATCH (a:Actor)-[:%[1]s]->(b:Actor) WHERE a.id IN $frontier RETURN DISTINCT a.id AS a, b.id AS b
UNION
MATCH (a:Actor)-[:%[1]s]->(b:Actor) WHERE b.id IN $frontier RETURN DISTINCT a.id AS a, b.id AS b`, pattern)
	default:
		conds := strings.Join(append([]string{"c.type IN $types"}, claimConds(f, false, params)...), " AND ")
		params["types"] = typeStrings(types)
		query = `
MATCH (c:Claim) WHERE c.source IN $frontier AND ` + conds + ` RETURN DISTINCT c.source AS a, c.target AS b
UNION
MATCH (c:Claim) WHERE c.target IN $frontier AND ` + conds + ` RETURN DISTINCT c.source AS a, c.target AS b`
	}
	return func(ctx context.Context, frontier []string) (map[string][]string, error) {
		p := make(map[string]any, len(params)+1)
		for k, v := range params {
			p[k] = v
		}
		p["frontier"] = frontier
		recs, err := read(ctx, s, func(tx driver.ManagedTransaction) ([]*driver.Record, error) {
			return collect(ctx, tx, query, p)
		})
		if err != nil {
			return nil, fmt.Errorf("neo4j: neighbours: %w", err)
		}
		in := make(map[string]bool, len(frontier))
		for _, id := range frontier {
			in[id] = true
		}
		out := map[string][]string{}
		for _, r := range recs {
			a, b := asString(get(r, "a")), asString(get(r, "b"))
			if in[a] {
				out[a] = append(out[a], b)
			}
			if in[b] && a != b {
				out[b] = append(out[b], a)
			}
		}
		return out, nil
	}, nil
}

// among fetches, in one read transaction, the actors with the ids and every relation that passes
// f between two of them, in Relations' order.
func (s *Store) among(ctx context.Context, ids []string, f graph.RelationFilter) (map[string]graph.Actor, []graph.Relation, error) {
	type result struct {
		actors map[string]graph.Actor
		rels   []graph.Relation
	}
	res, err := read(ctx, s, func(tx driver.ManagedTransaction) (result, error) {
		actors, err := actorsByID(ctx, tx, ids)
		if err != nil {
			return result{}, err
		}
		rels, _, err := relations(ctx, tx, scope{between: ids, hasBetween: true}, f)
		return result{actors, rels}, err
	})
	return res.actors, res.rels, err
}

// Neighborhood returns the actors within hops of actor along relations that pass the filter, in
// either direction, and the relations among them; see graph.Store.Neighborhood. It is Subgraph
// from one actor.
func (s *Store) Neighborhood(ctx context.Context, actor string, hops int, f graph.RelationFilter, limit int) (graph.Subgraph, error) {
	return s.Subgraph(ctx, graph.SubgraphQuery{Actors: []string{actor}, Hops: hops, Filter: f, Limit: limit})
}

// ShortestPath returns a shortest path from one actor to another along relations that pass the
// filter, in either direction; see graph.Store.ShortestPath.
func (s *Store) ShortestPath(ctx context.Context, from, to string, maxHops int, f graph.RelationFilter) (graph.Path, bool, error) {
	if err := f.Validate(); err != nil {
		return graph.Path{}, false, err
	}
	ends, err := read(ctx, s, func(tx driver.ManagedTransaction) (map[string]graph.Actor, error) {
		return actorsByID(ctx, tx, []string{from, to})
	})
	if err != nil {
		return graph.Path{}, false, fmt.Errorf("neo4j: shortest path: %w", err)
	}
	for _, id := range []string{from, to} {
		if _, ok := ends[id]; !ok {
			return graph.Path{}, false, graph.Errorf(graph.ErrNotFound, "actor %q", id)
		}
	}
	adj, err := s.adjacency(f)
	if err != nil {
		return graph.Path{}, false, err
	}
	ids, err := graph.ShortestPath(ctx, from, to, graph.ClampPathHops(maxHops), adj)
	if err != nil || ids == nil {
		return graph.Path{}, false, err
	}
	actors, rels, err := s.among(ctx, ids, f)
	if err != nil {
		return graph.Path{}, false, fmt.Errorf("neo4j: shortest path: %w", err)
	}
	path := graph.Path{Steps: make([][]graph.Relation, len(ids)-1)}
	for i, id := range ids {
		a, ok := actors[id]
		if !ok {
			return graph.Path{}, false, fmt.Errorf("neo4j: shortest path: actor %q vanished", id)
		}
		path.Actors = append(path.Actors, a)
		if i == 0 {
			continue
		}
		prev := ids[i-1]
		for _, r := range rels {
			if (r.Source == prev && r.Target == id) || (r.Source == id && r.Target == prev) {
				path.Steps[i-1] = append(path.Steps[i-1], r)
			}
		}
	}
	return path, true, nil
}
