package neo4j

import (
	"context"
	"fmt"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/dyadgraph/dyad/graph"
)

// States are :DyadState nodes {key, value}, and articles' texts :ArticleText nodes {article,
// text}, apart from the graph: no query or export of the graph reads them.

// LoadState returns the value saved under key, or nil.
func (s *Store) LoadState(ctx context.Context, key string) ([]byte, error) {
	recs, err := read(ctx, s, func(tx driver.ManagedTransaction) ([]*driver.Record, error) {
		return collect(ctx, tx, "MATCH (s:DyadState {key: $key}) RETURN s.value AS v", map[string]any{"key": key})
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: state %q: %w", key, err)
	}
	if len(recs) == 0 {
		return nil, nil
	}
	v, _ := get(recs[0], "v").([]byte)
	return v, nil
}

// SaveState replaces the value under key.
func (s *Store) SaveState(ctx context.Context, key string, value []byte) error {
	if key == "" {
		return graph.Errorf(graph.ErrInvalid, "a state needs a key")
	}
	if len(value) > graph.MaxStateBytes {
		return graph.Errorf(graph.ErrInvalid, "state %q: %d bytes, over the limit of %d", key, len(value), graph.MaxStateBytes)
	}
	if value == nil {
		value = []byte{}
	}
	_, err := write(ctx, s, func(tx driver.ManagedTransaction) (struct{}, error) {
		return struct{}{}, exec(ctx, tx, "MERGE (s:DyadState {key: $key}) SET s.value = $value", map[string]any{"key": key, "value": value})
	})
	if err != nil {
		return fmt.Errorf("neo4j: saving state %q: %w", key, err)
	}
	return nil
}

// ArticleText returns the article's text; see graph.Store.
func (s *Store) ArticleText(ctx context.Context, id string) (string, bool, error) {
	recs, err := read(ctx, s, func(tx driver.ManagedTransaction) ([]*driver.Record, error) {
		return collect(ctx, tx, "MATCH (x:ArticleText {article: $id}) RETURN x.text AS text", map[string]any{"id": id})
	})
	if err != nil {
		return "", false, fmt.Errorf("neo4j: text of article %q: %w", id, err)
	}
	if len(recs) == 0 {
		return "", false, nil
	}
	text, ok := get(recs[0], "text").(string)
	return text, ok, nil
}
