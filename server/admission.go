package server

import (
	"context"
	"runtime"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Cost-aware admission: GraphQL queries fall into three classes by their root fields and cost.
// Cheap ones (an actor, a search page, the stats) are never held, so that they answer in
// milliseconds however many others are waiting. Walks of the graph (neighbourhoods, subgraphs,
// paths, neighbours), which take seconds on a large store, share a bounded pool of slots, one a
// core by default, and wait for a slot in turn; so do the queries in between (pages of relations
// with their evidence, shortest paths, timelines), in a pool of their own, so that they never
// wait behind the walks either. Holding queries back also keeps the work in progress, and the
// memory it takes, proportional to the cores rather than to the clients.

// cheapRootFields are the Query fields that read a handful of records by key or from the head of
// an index: an operation whose root fields are all among these, and whose cost is at most
// maxCheapCost, is cheap.
var cheapRootFields = map[string]bool{
	"actor": true, "actors": true, "article": true, "node": true, "stats": true,
	"relationTypes": true, "dyad": true, "__typename": true, "__schema": true, "__type": true,
}

// walkRootFields are the Query fields that walk the graph from an actor outward: an operation
// with one of these, or costing more than minWalkCost, is a walk.
var walkRootFields = map[string]bool{"neighborhood": true, "subgraph": true, "paths": true, "neighbors": true}

// maxCheapCost is the most a cheap operation may cost (see complexity): an actor with a few
// fields costs under 10, a search page of 10 actors about 30, and a page of 20 relations with
// their actors and evidence several hundred. minWalkCost is where any operation counts as a
// walk: the explorer's neighbourhood costs about 97,000, a page of 200 relations with 10
// claims each about 40,000.
const (
	maxCheapCost = 100
	minWalkCost  = 20_000
)

// DefaultHeavyQueries is how many walks, and how many queries between cheap and walks, run at
// once unless WithHeavyQueries says otherwise: one a core (GOMAXPROCS), at least 2.
func DefaultHeavyQueries() int { return max(2, runtime.GOMAXPROCS(0)) }

// WithHeavyQueries sets how many walks of the graph, and how many queries between cheap ones and
// walks, run at once (n of each); the others wait for a slot for as long as their request may
// run (WithTimeout). Cheap queries never wait.
func WithHeavyQueries(n int) Option {
	return func(o *options) { o.heavyQueries = n }
}

// costKey is the operation statistics' key under which complexityLimit leaves an operation's
// cost for the admission.
const costKey = "dyadCost"

// queryClass is what admission makes of an operation.
type queryClass int8

const (
	classCheap  queryClass = iota // never held
	classMedium                   // waits for a slot of its own pool
	classWalk                     // waits for a slot of the walks' pool
)

// admission holds the slots of the medium queries and of the walks.
type admission struct {
	medium, walks chan struct{}
}

func newAdmission(n int) *admission {
	if n <= 0 {
		n = DefaultHeavyQueries()
	}
	return &admission{medium: make(chan struct{}, n), walks: make(chan struct{}, n)}
}

// classify tells an operation's class: mutations (which have their own bounds) and cheap
// queries are cheap, queries with a walk among their root fields or costing over minWalkCost
// are walks, the rest medium.
func classify(op *graphql.OperationContext) queryClass {
	if op == nil || op.Operation == nil || op.Operation.Operation != ast.Query {
		return classCheap
	}
	cost, ok := op.Stats.GetExtension(costKey).(int)
	switch {
	case !ok || cost > minWalkCost || rootFieldAmong(op.Doc, op.Operation.SelectionSet, walkRootFields):
		return classWalk
	case cost <= maxCheapCost && !rootFieldNotAmong(op.Doc, op.Operation.SelectionSet, cheapRootFields):
		return classCheap
	}
	return classMedium
}

// rootFieldAmong reports whether a root field of set, through fragments, is among names.
func rootFieldAmong(doc *ast.QueryDocument, set ast.SelectionSet, names map[string]bool) bool {
	found := false
	eachRootField(doc, set, func(name string) {
		found = found || names[name]
	})
	return found
}

// rootFieldNotAmong reports whether a root field of set, through fragments, is not among names.
func rootFieldNotAmong(doc *ast.QueryDocument, set ast.SelectionSet, names map[string]bool) bool {
	found := false
	eachRootField(doc, set, func(name string) {
		found = found || !names[name]
	})
	return found
}

// eachRootField calls fn with the name of each root field of set, through fragments; a
// fragment that is not defined counts as a field named "".
func eachRootField(doc *ast.QueryDocument, set ast.SelectionSet, fn func(string)) {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			fn(s.Name)
		case *ast.InlineFragment:
			eachRootField(doc, s.SelectionSet, fn)
		case *ast.FragmentSpread:
			if def := doc.Fragments.ForName(s.Name); def != nil {
				eachRootField(doc, def.SelectionSet, fn)
			} else {
				fn("")
			}
		}
	}
}

// around is the operation middleware: a heavy operation takes a slot before it runs (its
// resolvers and the marshalling of its answer, which gqlgen does when the response handler is
// first called) and gives it back when its answer is made.
func (a *admission) around(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	var slots chan struct{}
	switch classify(graphql.GetOperationContext(ctx)) {
	case classCheap:
		return next(ctx)
	case classMedium:
		slots = a.medium
	default:
		slots = a.walks
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
		case slots <- struct{}{}:
		case <-ctx.Done():
			refused = true
			return &graphql.Response{Errors: gqlerror.List{refusal(codeTimeout,
				"the request ended while it waited for the server to finish other large queries: %v", ctx.Err())}}
		}
		defer func() { <-slots }()
		return h(ctx)
	}
}
