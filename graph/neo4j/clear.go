package neo4j

import (
	"context"
	"fmt"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// DeleteAll deletes every node and relationship of the database, in transactions of 10,000
// rows, keeping the schema. It is for benchmarks and tests that need an empty database; it
// deletes what is not dyad's too.
func (s *Store) DeleteAll(ctx context.Context) error {
	session := s.session(ctx, driver.AccessModeWrite)
	defer session.Close(ctx)
	res, err := session.Run(ctx, "MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS", nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	if err != nil {
		return fmt.Errorf("neo4j: deleting everything: %w", err)
	}
	return nil
}
