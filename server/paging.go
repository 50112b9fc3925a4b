package server

import (
	"github.com/dyadgraph/dyad/graph"
)

// connArgs are a connection's paging arguments: forward (first, after) or backward (last,
// before), as Relay's cursor connections define them.
type connArgs struct {
	first, last   *int
	after, before *string
}

// page turns the arguments into the graph.Page to ask the store for: the first items after the
// cursor `after` (of the whole list without one), or the last items before the cursor `before`
// (of the whole list without one). A page size of 0 asks for totalCount and pageInfo alone: the
// store is asked for one item, which the connection leaves out (countOnly).
func (a connArgs) page(def int) (p graph.Page, countOnly bool, err error) {
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
	if a.before != nil {
		p.Before = *a.before
		if *a.before == "" {
			return p, false, badInput("before: \"\" is not a cursor; pass a pageInfo.startCursor")
		}
		if err := p.Check(); err != nil {
			return p, false, badInput("before: %s; pass a pageInfo.startCursor", trimKind(err))
		}
	}
	p.Last = max(n, 1)
	return p, n == 0, nil
}
