package server

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"strings"

	gqlcomplexity "github.com/99designs/gqlgen/complexity"
	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
)

// The limits on a query's shape, checked on the text of every request before gqlgen parses
// and validates it (its validation is quadratic in the number of fields: thousands of copies of
// one field would keep a core busy for minutes) and before the complexity is weighed (which,
// like execution, expands every fragment spread).
const (
	// MaxQueryTokens bounds the tokens of a query document (names, punctuation, values). The
	// playground's introspection query has about 400.
	MaxQueryTokens = 5_000
	// MaxQueryFields bounds the fields of a query document, counting a fragment's fields once
	// for every place it is spread. The playground's introspection query has about 200.
	MaxQueryFields = 500
	// MaxQueryDepth bounds the nesting of selections, through fragments. Introspection's
	// type references nest about 13 deep; dyad's deepest useful query about 10.
	MaxQueryDepth = 20
)

// introspectionCost is what a __schema field adds to a query's complexity: its answer is the
// whole schema (about 60 KB), as large as a page of 50 relations with their evidence. A __type
// field costs a fiftieth of it. gqlgen's complexity does not count introspection at all.
const (
	introspectionCost = 5_000
	typeFieldCost     = introspectionCost / 50
)

// Codes of the errors that refuse a query for its shape.
const (
	codeQueryTooLarge   = "QUERY_TOO_LARGE"           // too many tokens or fields
	codeQueryTooDeep    = "QUERY_TOO_DEEP"            // selections nested too deep
	codeComplexityLimit = "COMPLEXITY_LIMIT_EXCEEDED" // gqlgen's own code for it
	codeBadRequest      = "BAD_REQUEST"               // a body that is not a GraphQL request
)

// satAdd and satMul add and multiply non-negative costs, saturating at math.MaxInt rather than
// wrapping: a cost that wrapped around would let a deeply nested query through the limit.
func satAdd(a, b int) int {
	if a > math.MaxInt-b {
		return math.MaxInt
	}
	return a + b
}

func satMul(a, b int) int {
	if a == 0 || b == 0 {
		return 0
	}
	if a > math.MaxInt/b {
		return math.MaxInt
	}
	return a * b
}

// shape is what checkShape measures of a selection set: its fields (fragments counted where
// they are spread), its depth and its introspection fields.
type shape struct {
	fields, depth       int
	schemas, typeFields int
}

// shapeMeter measures the selection sets of one document, each fragment once.
type shapeMeter struct {
	doc       *ast.QueryDocument
	fragments map[string]shape
	visiting  map[string]bool
	cycle     string // a fragment that spreads itself, if one was found
}

func (m *shapeMeter) selections(set ast.SelectionSet) shape {
	var s shape
	for _, sel := range set {
		var sub shape
		switch sel := sel.(type) {
		case *ast.Field:
			sub = m.selections(sel.SelectionSet)
			sub.fields = satAdd(sub.fields, 1)
			sub.depth = satAdd(sub.depth, 1)
			switch sel.Name {
			case "__schema":
				sub.schemas = satAdd(sub.schemas, 1)
			case "__type":
				sub.typeFields = satAdd(sub.typeFields, 1)
			}
		case *ast.InlineFragment:
			sub = m.selections(sel.SelectionSet)
			sub.depth = satAdd(sub.depth, 1) // it nests as a field does
		case *ast.FragmentSpread:
			sub = m.fragment(sel.Name)
		}
		s.fields = satAdd(s.fields, sub.fields)
		s.schemas = satAdd(s.schemas, sub.schemas)
		s.typeFields = satAdd(s.typeFields, sub.typeFields)
		s.depth = max(s.depth, sub.depth)
	}
	return s
}

func (m *shapeMeter) fragment(name string) shape {
	if s, ok := m.fragments[name]; ok {
		return s
	}
	def := m.doc.Fragments.ForName(name)
	if def == nil {
		return shape{} // validation reports it
	}
	if m.visiting[name] {
		m.cycle = name
		return shape{}
	}
	m.visiting[name] = true
	s := m.selections(def.SelectionSet)
	delete(m.visiting, name)
	m.fragments[name] = s
	return s
}

// measure returns the shape of the whole document: every operation, and every fragment
// definition (validated even where it is not spread).
func measure(doc *ast.QueryDocument) (shape, string) {
	m := &shapeMeter{doc: doc, fragments: map[string]shape{}, visiting: map[string]bool{}}
	var total shape
	add := func(s shape) {
		total.fields = satAdd(total.fields, s.fields)
		total.schemas = satAdd(total.schemas, s.schemas)
		total.typeFields = satAdd(total.typeFields, s.typeFields)
		total.depth = max(total.depth, s.depth)
	}
	for _, op := range doc.Operations {
		add(m.selections(op.SelectionSet))
	}
	for _, f := range doc.Fragments {
		add(m.fragment(f.Name))
	}
	return total, m.cycle
}

// checkShape refuses a query over MaxQueryTokens, MaxQueryFields or MaxQueryDepth. A query
// that does not parse passes, for gqlgen to report as it does. It parses with a token limit,
// so its work is bounded whatever the query.
func checkShape(query string) *gqlerror.Error {
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: query}, MaxQueryTokens)
	if err != nil {
		if strings.Contains(err.Error(), "exceeded token limit") {
			return refusal(codeQueryTooLarge, "the query has more than %d tokens; ask for less in one request", MaxQueryTokens)
		}
		return nil
	}
	s, cycle := measure(doc)
	switch {
	case cycle != "":
		return refusal(errcode.ValidationFailed, "fragment %q spreads itself", cycle)
	case s.fields > MaxQueryFields:
		return refusal(codeQueryTooLarge, "the query has %d fields (fragments counted where they are spread); the limit is %d", s.fields, MaxQueryFields)
	case s.depth > MaxQueryDepth:
		return refusal(codeQueryTooDeep, "the query nests %d levels deep; the limit is %d", s.depth, MaxQueryDepth)
	}
	return nil
}

func refusal(code, format string, args ...any) *gqlerror.Error {
	e := gqlerror.Errorf(format, args...)
	errcode.Set(e, code)
	return e
}

// guardedTransport is a gqlgen transport whose requests pass checkShape before gqlgen parses
// them, and whose undecodable bodies are not echoed back to the client.
type guardedTransport struct {
	graphql.Transport
	streaming bool // a subscription's transport: its writer flushes and hijacks as it is
}

func (t guardedTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	if !t.streaming {
		w = overHTTPStatus{w}
	}
	t.Transport.Do(w, r, guardedExecutor{exec})
}

// overHTTPStatus answers as the GraphQL-over-HTTP specification says for each media type: a
// well-formed request answered as application/json gets 200 even when its query does not parse
// or validate (gqlgen sends 422, which common clients take for a network failure), while
// application/graphql-response+json keeps gqlgen's 400. A body that is not JSON stays a 400.
type overHTTPStatus struct{ http.ResponseWriter }

func (w overHTTPStatus) WriteHeader(code int) {
	if code == http.StatusUnprocessableEntity && strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") {
		code = http.StatusOK
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w overHTTPStatus) Unwrap() http.ResponseWriter { return w.ResponseWriter }

type guardedExecutor struct{ graphql.GraphExecutor }

func (e guardedExecutor) CreateOperationContext(ctx context.Context, params *graphql.RawParams) (*graphql.OperationContext, gqlerror.List) {
	if err := ctx.Err(); err != nil {
		return nil, gqlerror.List{refusal(codeTimeout, "the request ended before its query was read: %v", err)}
	}
	if err := checkShape(params.Query); err != nil {
		return nil, gqlerror.List{err}
	}
	return e.GraphExecutor.CreateOperationContext(ctx, params)
}

// DispatchError drops the request body that gqlgen quotes when a body is not JSON: up to a
// megabyte that the client already has.
func (e guardedExecutor) DispatchError(ctx context.Context, list gqlerror.List) *graphql.Response {
	for _, err := range list {
		switch msg, _, cut := strings.Cut(err.Message, " body:"); {
		case strings.HasPrefix(msg, "json request body could not be decoded"):
			if cut {
				err.Message = msg
			}
			errcode.Set(err, codeBadRequest)
		case strings.HasPrefix(err.Message, "could not read request body"):
			err.Message = fmt.Sprintf("could not read the request body; a request may hold at most %d bytes", maxRequestBytes)
			errcode.Set(err, codeBadRequest)
		}
	}
	return e.GraphExecutor.DispatchError(ctx, list)
}

// complexityLimit is gqlgen's complexity limit with introspection counted (see
// introspectionCost), under the same error code.
type complexityLimit struct {
	limit int
	es    graphql.ExecutableSchema
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = (*complexityLimit)(nil)

func (c *complexityLimit) ExtensionName() string { return "ComplexityLimit" }

func (c *complexityLimit) Validate(es graphql.ExecutableSchema) error {
	c.es = es
	return nil
}

func (c *complexityLimit) MutateOperationContext(ctx context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	op := opCtx.Doc.Operations.ForName(opCtx.OperationName)
	if op == nil {
		return nil // gqlgen reports it
	}
	cost := gqlcomplexity.Calculate(ctx, c.es, op, opCtx.Variables)
	m := &shapeMeter{doc: opCtx.Doc, fragments: map[string]shape{}, visiting: map[string]bool{}}
	s := m.selections(op.SelectionSet)
	cost = satAdd(cost, satMul(s.schemas, introspectionCost))
	cost = satAdd(cost, satMul(s.typeFields, typeFieldCost))
	opCtx.Stats.SetExtension(costKey, cost) // for the admission of heavy queries
	if cost > c.limit {
		return refusal(codeComplexityLimit, "operation has complexity %s, which exceeds the limit of %d", costString(cost), c.limit)
	}
	return nil
}

func costString(cost int) string {
	if cost == math.MaxInt {
		return "beyond counting"
	}
	return fmt.Sprint(cost)
}
