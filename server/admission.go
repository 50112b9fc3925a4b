package server

import (
	"context"
	"runtime"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Cost-aware admission: GraphQL queries that walk the graph or list much (neighbourhoods, paths,
// pages of relations with their evidence) share a bounded pool of slots, one a core by default,
// and wait for a slot in turn; cheap ones (an actor, a search page, the stats) are never held,
// so that they answer in milliseconds however many heavy queries are waiting. Holding the heavy
// ones back also keeps the work in progress, and the memory it takes, proportional to the cores
// rather than to the clients.

// cheapRootFields are the Query fields that read a handful of records by key or from the head of
// an index: an operation whose root fields are all among these, and whose cost is at most
// maxCheapCost, is cheap.
var cheapRootFields = map[string]bool{
	"actor": true, "actors": true, "article": true, "node": true, "stats": true,
	"relationTypes": true, "dyad": true, "__typename": true, "__schema": true, "__type": true,
}

// maxCheapCost is the most a cheap operation may cost (see complexity): an actor with a few
// fields costs under 10, a search page of 10 actors about 30, and a page of 20 relations with
// their actors and evidence several hundred.
const maxCheapCost = 100

// DefaultHeavyQueries is how many heavy queries run at once unless WithHeavyQueries says
// otherwise: one a core (GOMAXPROCS), at least 2.
func DefaultHeavyQueries() int { return max(2, runtime.GOMAXPROCS(0)) }

// WithHeavyQueries sets how many heavy GraphQL queries run at once; the others wait for a slot
// for as long as their request may run (WithTimeout). Cheap queries never wait.
func WithHeavyQueries(n int) Option {
	return func(o *options) { o.heavyQueries = n }
}

// costKey is the operation statistics' key under which complexityLimit leaves an operation's
// cost for the admission.
const costKey = "dyadCost"

// admission holds the heavy queries' slots.
type admission struct {
	slots chan struct{}
}

func newAdmission(n int) *admission {
	if n <= 0 {
		n = DefaultHeavyQueries()
	}
	return &admission{slots: make(chan struct{}, n)}
}

// heavy reports whether an operation must take a slot: a query (mutations have their own
// bounds) whose root fields are not all cheap or whose cost is over maxCheapCost.
func heavy(op *graphql.OperationContext) bool {
	if op == nil || op.Operation == nil || op.Operation.Operation != ast.Query {
		return false
	}
	if cost, ok := op.Stats.GetExtension(costKey).(int); !ok || cost > maxCheapCost {
		return true
	}
	return !cheapSelection(op.Doc, op.Operation.SelectionSet)
}

// cheapSelection reports whether every root field of set, through fragments, is cheap.
func cheapSelection(doc *ast.QueryDocument, set ast.SelectionSet) bool {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if !cheapRootFields[s.Name] {
				return false
			}
		case *ast.InlineFragment:
			if !cheapSelection(doc, s.SelectionSet) {
				return false
			}
		case *ast.FragmentSpread:
			def := doc.Fragments.ForName(s.Name)
			if def == nil || !cheapSelection(doc, def.SelectionSet) {
				return false
			}
		}
	}
	return true
}

// around is the operation middleware: a heavy operation takes a slot before it runs (its
// resolvers and the marshalling of its answer, which gqlgen does when the response handler is
// first called) and gives it back when its answer is made.
func (a *admission) around(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	if !heavy(graphql.GetOperationContext(ctx)) {
		return next(ctx)
	}
	h := next(ctx)
	first, refused := true, false
	return func(ctx context.Context) *graphql.Response {
		switch {
		case refused:
			return nil
		case !first:
			return h(ctx)
		}
		first = false
		select {
		case a.slots <- struct{}{}:
		case <-ctx.Done():
			refused = true
			return &graphql.Response{Errors: gqlerror.List{refusal(codeTimeout,
				"the request ended while it waited for the server to finish other large queries: %v", ctx.Err())}}
		}
		defer func() { <-a.slots }()
		return h(ctx)
	}
}
