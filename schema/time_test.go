package schema

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/graph"
)

func TestTimeRoundTrips(t *testing.T) {
	for in, want := range map[string]time.Time{
		"2024-02-24":                time.Date(2024, 2, 24, 0, 0, 0, 0, time.UTC),
		"2024-02-24T06:00:00Z":      time.Date(2024, 2, 24, 6, 0, 0, 0, time.UTC),
		"2024-02-24T08:00:00+02:00": time.Date(2024, 2, 24, 6, 0, 0, 0, time.UTC),
		"2024-02-24T06:00:00.5Z":    time.Date(2024, 2, 24, 6, 0, 0, 5e8, time.UTC),
	} {
		got, err := UnmarshalTime(in)
		if err != nil || !got.Equal(want) {
			t.Errorf("UnmarshalTime(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	var buf bytes.Buffer
	MarshalTime(time.Date(2024, 2, 24, 8, 0, 0, 0, time.FixedZone("EET", 7200))).MarshalGQL(&buf)
	if buf.String() != `"2024-02-24T06:00:00Z"` {
		t.Errorf("MarshalTime wrote %s, want UTC RFC 3339", buf.String())
	}
}

func TestTimeRejectsOtherInput(t *testing.T) {
	for _, in := range []any{"yesterday", "24/02/2024", "2024-02-30", 1708758000, nil, true} {
		if _, err := UnmarshalTime(in); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("UnmarshalTime(%#v) = %v, want ErrInvalid", in, err)
		}
	}
}
