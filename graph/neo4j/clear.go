package neo4j

import (
	"context"
	"fmt"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// DeleteAll deletes every node and relationship of the database, in transactions of 10,000
// rows, keeping the schema. It is for benchmarks and tests that need an empty database; it
// deletes what is not dyad's too. Relationships go first: detaching a busy actor's thousands of
// relationships in the transaction that deletes it can exceed Neo4j's transaction memory.
func (s *Store) DeleteAll(ctx context.Context) error {
	if err := s.autoCommit(ctx,
		"MATCH ()-[r]->() CALL { WITH r DELETE r } IN TRANSACTIONS OF 10000 ROWS",
		"MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS",
	); err != nil {
		return fmt.Errorf("neo4j: deleting everything: %w", err)
	}
	return nil
}

// Empty reports whether the database holds no node at all, dyad's or not.
func (s *Store) Empty(ctx context.Context) (bool, error) {
	recs, err := read(ctx, s, func(tx driver.ManagedTransaction) ([]*driver.Record, error) {
		return collect(ctx, tx, "MATCH (n) RETURN 1 AS one LIMIT 1", nil)
	})
	if err != nil {
		return false, fmt.Errorf("neo4j: is the database empty: %w", err)
	}
	return len(recs) == 0, nil
}

// autoCommit runs queries one after the other, each in an implicit transaction, as CALL { }
// IN TRANSACTIONS needs.
func (s *Store) autoCommit(ctx context.Context, queries ...string) error {
	ctx, cancel := bounded(ctx)
	defer cancel()
	session := s.session(ctx, driver.AccessModeWrite)
	defer session.Close(ctx)
	for _, q := range queries {
		res, err := session.Run(ctx, q, nil)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			return err
		}
	}
	return nil
}
