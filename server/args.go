package server

import (
	"context"
	"time"

	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/schema"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// The codes in a GraphQL error's extensions that say what went wrong.
const (
	codeNotFound     = "NOT_FOUND"      // the actor or article asked for does not exist
	codeBadUserInput = "BAD_USER_INPUT" // an argument is out of range or malformed
	codeInternal     = "INTERNAL"       // the server failed; the detail is logged, not shown
	codeTimeout      = "TIMEOUT"        // the request ran longer than the server allows
)

// badInput is a GraphQL error about an argument, with code BAD_USER_INPUT.
func badInput(format string, args ...any) *gqlerror.Error {
	err := gqlerror.Errorf(format, args...)
	errcode.Set(err, codeBadUserInput)
	return err
}

// pageArgs turns a connection's first and after into a graph.Page. first may be 0, to ask only
// for totalCount: the page then asks the store for one item, which the connection leaves out.
func pageArgs(first *int, after *string, def int) (p graph.Page, countOnly bool, err error) {
	n := def
	if first != nil {
		n = *first
	}
	if n < 0 || n > graph.MaxPageSize {
		return p, false, badInput("first must be between 0 and %d, not %d", graph.MaxPageSize, n)
	}
	if after != nil {
		p.After = *after
	}
	if err := p.Check(); err != nil {
		return p, false, badInput("after: %s; pass a pageInfo.endCursor", trimKind(err))
	}
	p.First = max(n, 1)
	return p, n == 0, nil
}

// filterArg checks a RelationFilter argument; nil means no filter.
func filterArg(f *graph.RelationFilter) (graph.RelationFilter, error) {
	if f == nil {
		return graph.RelationFilter{}, nil
	}
	if !(f.MinConfidence >= 0 && f.MinConfidence <= 1) { // also refuses NaN, which a variable may carry as "NaN"
		return *f, badInput("filter.minConfidence must be between 0 and 1, not %g", f.MinConfidence)
	}
	if f.Since != nil && f.Until != nil && f.Until.Before(*f.Since) {
		return *f, badInput("filter.until (%s) is before filter.since (%s)",
			f.Until.Format(time.RFC3339), f.Since.Format(time.RFC3339))
	}
	if err := f.Validate(); err != nil {
		return *f, badInput("filter: %s", trimKind(err))
	}
	return *f, nil
}

// intArg returns an optional integer argument, or def, after checking that it lies in lo..hi.
func intArg(name string, v *int, def, lo, hi int) (int, error) {
	n := def
	if v != nil {
		n = *v
	}
	if n < lo || n > hi {
		return n, badInput("%s must be between %d and %d, not %d", name, lo, hi, n)
	}
	return n, nil
}

// trimKind drops the "invalid input: " that graph.Errorf puts before a message, where the error
// code already says it.
func trimKind(err error) string {
	msg := err.Error()
	for _, kind := range []error{graph.ErrInvalid, graph.ErrNotFound} {
		if p := kind.Error() + ": "; len(msg) > len(p) && msg[:len(p)] == p {
			return msg[len(p):]
		}
	}
	return msg
}

// window describes the page a store returned, for its connection.
type window struct {
	n                int // the items the connection shows
	got              int // the items the store returned
	hasPrev, hasNext bool
	backward         bool
	countOnly        bool
	cursor           func(i int) string // the cursor of the page's i-th item
}

func newWindow(p graph.Page, got int, hasPrev, hasNext, countOnly bool, cursor func(i int) string) window {
	w := window{n: got, got: got, hasPrev: hasPrev, hasNext: hasNext, backward: p.Backward(), countOnly: countOnly, cursor: cursor}
	if countOnly {
		w.n = 0
	}
	return w
}

func (w window) pageInfo() schema.PageInfo {
	info := schema.PageInfo{HasNextPage: w.hasNext, HasPreviousPage: w.hasPrev}
	if w.countOnly {
		// The store was asked for one item, which is left out: whether it found one says
		// whether items lie beyond the cursor.
		if w.backward {
			info.HasPreviousPage = w.got > 0
		} else {
			info.HasNextPage = w.got > 0
		}
		return info
	}
	if w.n > 0 {
		start, end := w.cursor(0), w.cursor(w.n-1)
		info.StartCursor, info.EndCursor = &start, &end
	}
	return info
}

func actorConnection(page graph.ActorPage, p graph.Page, countOnly bool, search string) *schema.ActorConnection {
	w := newWindow(p, len(page.Actors), page.HasPrev, page.HasNext, countOnly, func(i int) string {
		return graph.ActorCursor(page.Actors[i], search)
	})
	c := &schema.ActorConnection{PageInfo: w.pageInfo(), TotalCount: page.Total,
		Edges: make([]schema.ActorEdge, w.n), Nodes: page.Actors[:w.n]}
	for i := range w.n {
		c.Edges[i] = schema.ActorEdge{Cursor: w.cursor(i), Node: page.Actors[i]}
	}
	return c
}

// relationConnection makes a page of relations, their actors loaded through the batches.
func relationConnection(ctx context.Context, b *batches, page graph.RelationPage, p graph.Page, countOnly bool) *schema.RelationConnection {
	w := newWindow(p, len(page.Relations), page.HasPrev, page.HasNext, countOnly, func(i int) string {
		return graph.RelationCursor(page.Relations[i])
	})
	nodes := b.relations(ctx, page.Relations[:w.n])
	c := &schema.RelationConnection{PageInfo: w.pageInfo(), TotalCount: page.Total,
		Edges: make([]schema.RelationEdge, w.n), Nodes: nodes}
	for i := range w.n {
		c.Edges[i] = schema.RelationEdge{Cursor: w.cursor(i), Node: nodes[i]}
	}
	return c
}

func claimConnection(page graph.EvidencePage, p graph.Page, countOnly bool) *schema.ClaimConnection {
	w := newWindow(p, len(page.Evidence), page.HasPrev, page.HasNext, countOnly, func(i int) string {
		return graph.EvidenceCursor(page.Evidence[i].Claim)
	})
	c := &schema.ClaimConnection{PageInfo: w.pageInfo(), TotalCount: page.Total,
		Edges: make([]schema.ClaimEdge, w.n), Nodes: make([]schema.Claim, w.n)}
	for i := range w.n {
		c.Nodes[i] = schema.ClaimOf(page.Evidence[i])
		c.Edges[i] = schema.ClaimEdge{Cursor: w.cursor(i), Node: c.Nodes[i]}
	}
	return c
}

// optional turns an empty string into null.
func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// span is a mention's offsets, or null when they are not known (an empty span).
func span(start, end int) *schema.Span {
	if end <= start {
		return nil
	}
	return &schema.Span{Start: start, End: end}
}

// optionalTime turns the zero time into null.
func optionalTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// Article.text gives at most maxTextRunes code points at once, defaultTextRunes unless asked.
const (
	defaultTextRunes = 20000
	maxTextRunes     = 100000
)

// runeSlice is n code points of s from the code point at from, as much of that as s holds.
func runeSlice(s string, from, n int) string {
	start := len(s)
	i := 0
	for b := range s {
		if i == from {
			start = b
			break
		}
		i++
	}
	end := len(s)
	i = 0
	for b := range s[start:] {
		if i == n {
			end = start + b
			break
		}
		i++
	}
	return s[start:end]
}
