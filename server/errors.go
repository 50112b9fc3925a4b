package server

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/dyadgraph/dyad/graph"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// errorPresenter gives every error a code in its extensions:
//
//   - graph.ErrNotFound: NOT_FOUND (actor and article lookups answer null instead);
//   - graph.ErrInvalid and arguments out of range: BAD_USER_INPUT;
//   - the request running out of time (WithTimeout): TIMEOUT;
//   - errors that gqlgen makes itself (a query that does not parse or validate, a complexity
//     over the limit) keep their own code and message;
//   - anything else: INTERNAL, with a reference to the log line that holds the detail, which the
//     client never sees.
func errorPresenter(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := graphql.DefaultErrorPresenter(ctx, err)
		if _, ok := gqlErr.Extensions["code"]; ok {
			return gqlErr
		}
		switch {
		case errors.Is(err, graph.ErrNotFound):
			errcode.Set(gqlErr, codeNotFound)
			return gqlErr
		case errors.Is(err, graph.ErrInvalid):
			gqlErr.Message = trimKind(madeBy(err, graph.ErrInvalid))
			errcode.Set(gqlErr, codeBadUserInput)
			return gqlErr
		case errors.Is(err, context.DeadlineExceeded):
			gqlErr.Message = "the request took longer than the server allows; ask for less (smaller pages, fewer hops)"
			errcode.Set(gqlErr, codeTimeout)
			return gqlErr
		case gqlErr.Unwrap() == nil:
			return gqlErr // made by gqlgen or gqlparser for the client to read
		}
		ref := errorRef()
		attrs := []any{"ref", ref, "path", gqlErr.Path.String(), "err", err}
		var p *panicError
		if errors.As(err, &p) {
			attrs = append(attrs, "stack", string(p.stack))
		}
		if errors.Is(err, context.Canceled) {
			log.Warn("graphql: request canceled", attrs...)
		} else {
			log.Error("graphql: internal error", attrs...)
		}
		return internalError(gqlErr, ref)
	}
}

// madeBy returns the error in err's chain that graph.Errorf made for kind, whose message says
// what is wrong without the prefixes that wrappers add; err itself if there is none.
func madeBy(err, kind error) error {
	for e := err; e != nil; e = errors.Unwrap(e) {
		if errors.Unwrap(e) == kind {
			return e
		}
	}
	return err
}

// recoverFunc turns a panic in a resolver into an INTERNAL error, logging it with its stack.
func recoverFunc(log *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, v any) error {
		ref := errorRef()
		log.Error("graphql: panic", "ref", ref, "path", graphql.GetPath(ctx).String(),
			"panic", fmt.Sprint(v), "stack", string(debug.Stack()))
		return internalError(&gqlerror.Error{Path: graphql.GetPath(ctx)}, ref)
	}
}

// internalError is what the client sees of an internal error: its place and a reference.
func internalError(at *gqlerror.Error, ref string) *gqlerror.Error {
	return &gqlerror.Error{
		Message:    "internal error (ref " + ref + "); the server log has the detail",
		Path:       at.Path,
		Locations:  at.Locations,
		Extensions: map[string]any{"code": codeInternal, "ref": ref},
	}
}

// errorRef is a short random reference that ties an error shown to a client to its log line.
func errorRef() string { return rand.Text()[:10] }
