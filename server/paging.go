package server

import (
	"context"

	"github.com/dyadgraph/dyad/graph"
)

// connArgs are a connection's paging arguments: forward (first, after) or backward (last,
// before), as Relay's cursor connections define them.
type connArgs struct {
	first, last   *int
	after, before *string
}

// page turns the arguments into the graph.Page to ask the store for. Backward paging asks for
// the last items before the cursor `before`, or of the whole list: then count, which asks the
// store for the list's length, is called once. countOnly is true when the page holds no item.
func (a connArgs) page(ctx context.Context, def int, count func(context.Context) (int, error)) (p graph.Page, countOnly bool, err error) {
	if a.last == nil && a.before == nil {
		return pageArgs(a.first, a.after, def)
	}
	if a.first != nil || a.after != nil {
		return p, false, badInput("page forward (first, after) or backward (last, before), not both")
	}
	n := def
	if a.last != nil {
		n = *a.last
	}
	if n < 0 || n > graph.MaxPageSize {
		return p, false, badInput("last must be between 0 and %d, not %d", graph.MaxPageSize, n)
	}
	var end int // the position of the item before which the page ends
	if a.before != nil {
		off, err := graph.Page{After: *a.before}.Offset()
		if err != nil || *a.before == "" {
			return p, false, badInput("before: %q is not a cursor this server made; pass a pageInfo.startCursor", *a.before)
		}
		end = off - 1
	} else if end, err = count(ctx); err != nil {
		return p, false, err
	}
	start := max(0, end-n)
	p.First = max(end-start, 1)
	if start > 0 {
		p.After = graph.Cursor(start - 1)
	}
	return p, end == start, nil
}
