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
	session := s.session(ctx, driver.AccessModeWrite)
	defer session.Close(ctx)
	for _, q := range []string{
		"MATCH ()-[r]->() CALL { WITH r DELETE r } IN TRANSACTIONS OF 10000 ROWS",
		"MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS",
	} {
		res, err := session.Run(ctx, q, nil)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			return fmt.Errorf("neo4j: deleting everything: %w", err)
		}
	}
	return nil
}
