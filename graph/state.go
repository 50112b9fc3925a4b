package graph

import "context"

// StateKeeper keeps small named values for the programs that feed a store, so that they resume
// where they stopped after a restart: the feed watcher keeps each feed's validators and the
// items it has read. Both stores implement it beside Store; the values are not part of the
// graph (no query, export or Stats sees them).
type StateKeeper interface {
	// LoadState returns the value saved under key, or nil when there is none.
	LoadState(ctx context.Context, key string) ([]byte, error)
	// SaveState replaces the value under key.
	SaveState(ctx context.Context, key string, value []byte) error
}

// MaxStateBytes bounds one state value.
const MaxStateBytes = 4 << 20
