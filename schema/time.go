package schema

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/dyadgraph/dyad/graph"
)

// MarshalTime writes the scalar Time as an RFC 3339 string in UTC.
func MarshalTime(t time.Time) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		io.WriteString(w, strconv.Quote(t.UTC().Format(time.RFC3339Nano)))
	})
}

// UnmarshalTime reads the scalar Time: an RFC 3339 string, or a plain date (YYYY-MM-DD) taken as
// its start in UTC. Anything else is a graph.ErrInvalid that says what was expected.
func UnmarshalTime(v any) (time.Time, error) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, graph.Errorf(graph.ErrInvalid, "Time must be a string such as \"2024-02-24\" or \"2024-02-24T06:00:00Z\", not %s", describe(v))
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	return time.Time{}, graph.Errorf(graph.ErrInvalid, "Time %q is neither a date (2024-02-24) nor an RFC 3339 time (2024-02-24T06:00:00Z)", s)
}

// describe names the kind of a JSON value that is not a string, for messages.
func describe(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case int, int64, float64, json.Number:
		return "a number"
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("a %T", v)
}
