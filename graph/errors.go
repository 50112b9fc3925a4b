package graph

import (
	"errors"
	"fmt"
)

// The kinds of error a Store reports. Test for them with errors.Is.
var (
	ErrNotFound = errors.New("not found")     // the actor, article or relation does not exist
	ErrInvalid  = errors.New("invalid input") // the request or the data is malformed
	ErrReadOnly = errors.New("read-only")     // the store takes no writes: Save cannot succeed
)

// ReadOnlyStore is implemented by stores that may be opened for reading only, so that a caller
// about to write (the server's ingest) can refuse at once instead of failing at the first Save.
type ReadOnlyStore interface {
	ReadOnly() bool
}

// Errorf wraps kind with a formatted message, so that errors.Is(err, kind) holds.
func Errorf(kind error, format string, args ...any) error {
	return fmt.Errorf("%w: %s", kind, fmt.Sprintf(format, args...))
}
