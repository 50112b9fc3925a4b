package graph_test

import (
	"testing"
	"time"

	"github.com/dyadgraph/dyad/graph"
)

func TestBucketStart(t *testing.T) {
	kyiv := time.FixedZone("UTC+3", 3*3600)
	for _, tc := range []struct {
		interval graph.Interval
		at, want time.Time
	}{
		// Sunday 1 January 2023 belongs to the ISO week that began on Monday 26 December 2022.
		{graph.Week, time.Date(2023, 1, 1, 23, 59, 0, 0, time.UTC), time.Date(2022, 12, 26, 0, 0, 0, 0, time.UTC)},
		{graph.Week, time.Date(2024, 2, 5, 0, 0, 0, 0, time.UTC), time.Date(2024, 2, 5, 0, 0, 0, 0, time.UTC)},
		// 01:00 in Kyiv on 1 March is still February in UTC.
		{graph.Month, time.Date(2024, 3, 1, 1, 0, 0, 0, kyiv), time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)},
		{graph.Day, time.Date(2024, 3, 1, 1, 0, 0, 0, kyiv), time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)},
	} {
		if got := tc.interval.BucketStart(tc.at); !got.Equal(tc.want) || got.Location() != time.UTC {
			t.Errorf("%s bucket of %s = %s, want %s", tc.interval, tc.at, got, tc.want)
		}
	}
}
