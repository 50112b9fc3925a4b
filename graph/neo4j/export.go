package neo4j

import (
	"context"
	"fmt"

	"github.com/dyadgraph/dyad/graph"
	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// EachActor calls fn with every actor, ordered by id; see graph.Scanner. The actors stream from
// one query, a batch of records at a time.
func (s *Store) EachActor(ctx context.Context, fn func(graph.Actor) error) error {
	err := stream(ctx, s, "MATCH (a:Actor) WITH a ORDER BY a.idKey RETURN properties(a) AS row", nil,
		func(row map[string]any) error { return fn(actorFrom(row)) })
	if err != nil {
		return fmt.Errorf("neo4j: each actor: %w", err)
	}
	return nil
}

// EachRelation calls fn with every relation that passes the filter, ordered by key; see
// graph.Scanner. Neo4j aggregates them in one query, which streams to fn a batch of records at
// a time, so that dyad's memory does not grow with the graph.
func (s *Store) EachRelation(ctx context.Context, f graph.RelationFilter, fn func(graph.Relation) error) error {
	if err := f.Validate(); err != nil {
		return err
	}
	if len(f.AllowedTypes()) == 0 {
		return nil
	}
	params := map[string]any{}
	rows, row, err := relationRows(scope{}, f, params)
	if err != nil {
		return err
	}
	query := rows + "WITH " + row + " AS row, sourceKey, type AS typeKey, targetKey\nORDER BY sourceKey, typeKey, targetKey\nRETURN row"
	err = stream(ctx, s, query, params, func(row map[string]any) error { return fn(relationFrom(row)) })
	if err != nil {
		return fmt.Errorf("neo4j: each relation: %w", err)
	}
	return nil
}

// stream runs a read query whose records have one map, row, and calls fn with each row as the
// records arrive. It runs in an unmanaged transaction, which the driver does not retry: a retry
// would give fn the rows again.
func stream(ctx context.Context, s *Store, query string, params map[string]any, fn func(map[string]any) error) error {
	session := s.session(ctx, driver.AccessModeRead)
	defer session.Close(ctx)
	tx, err := session.BeginTransaction(ctx)
	if err != nil {
		return err
	}
	defer tx.Close(ctx)
	res, err := tx.Run(ctx, query, params)
	if err != nil {
		return err
	}
	for res.Next(ctx) {
		if err := fn(asMap(get(res.Record(), "row"))); err != nil {
			return err
		}
	}
	if err := res.Err(); err != nil {
		return err
	}
	return tx.Commit(ctx)
}
