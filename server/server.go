package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/schema"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/vektah/gqlparser/v2/ast"
)

// DefaultComplexityLimit is the most complex query the server runs unless WithComplexityLimit
// says otherwise. A field costs 1 and a list costs its page size times its items' cost (see
// complexity), so a page of 50 relations with their actors and 10 claims each costs about 5,000,
// and 1000 actors with 1000 relations each is refused.
const DefaultComplexityLimit = 100_000

// maxRequestBytes bounds the body of a GraphQL request.
const maxRequestBytes = 1 << 20

// DefaultTimeout is how long a GraphQL request or an export may run unless WithTimeout says
// otherwise; its store calls are canceled then.
const DefaultTimeout = time.Minute

// DefaultExportTimeout is how long a GET /export may run unless WithExportTimeout says
// otherwise: a whole-graph export streams for as long as the graph takes to read.
const DefaultExportTimeout = 30 * time.Minute

// Option configures the server.
type Option func(*options)

type options struct {
	log             *slog.Logger
	complexityLimit int
	timeout         time.Duration
	exportTimeout   time.Duration
	ingest          *ingester // nil: ingest is off
	ingestLimits    IngestLimits
	heavyQueries    int      // 0: DefaultHeavyQueries
	cors            []string // origins allowed to call from browsers
	registry        *prometheus.Registry
	sendTimeout     time.Duration
	hostCheck       bool
	allowedHosts    []string
	storeName       string // for exports' provenance
	live            *liveFeed
}

// WithStoreName says which store the server reads ("embedded store in ./data"), for the
// provenance that its exports carry. It must not hold a password.
func WithStoreName(name string) Option {
	return func(o *options) { o.storeName = name }
}

// WithLogger sends the server's logs (requests, internal errors with their detail, panics) to
// log. The default discards them.
func WithLogger(log *slog.Logger) Option {
	return func(o *options) { o.log = log }
}

// WithComplexityLimit sets the most complex query the server runs; see DefaultComplexityLimit.
func WithComplexityLimit(limit int) Option {
	return func(o *options) { o.complexityLimit = limit }
}

// WithTimeout sets how long a GraphQL request or an export may run; see DefaultTimeout.
func WithTimeout(d time.Duration) Option {
	return func(o *options) { o.timeout = d }
}

// WithExportTimeout sets how long a GET /export may run; see DefaultExportTimeout.
func WithExportTimeout(d time.Duration) Option {
	return func(o *options) { o.exportTimeout = d }
}

// New returns dyad's HTTP handler over a store:
//
//	POST, GET /graphql           the GraphQL API (schema/*.graphqls), introspection on
//	GET /                        the GraphiQL playground (see server/ui)
//	GET /explore                 the graph explorer (see server/ui)
//	GET /healthz                 200 while the process serves (liveness)
//	GET /readyz                  200 when the store answers, 503 when it does not (readiness)
//	GET /metrics                 Prometheus metrics: requests, operations, store calls, ingest
//	GET /export                  a selection in a researchers' format (see package export)
//	GET /export/datapackage      the datapackage.json (column types, meanings, provenance) of the
//	                             table that GET /export with the same query gives
//	GET /export/neighborhood     the first export, of a neighbourhood: /export with an actor
//	POST /ingest                 articles to extract and save, with the token (WithIngest)
//
// Every request is bounded: its query's shape and cost (see MaxQueryTokens, MaxQueryFields,
// MaxQueryDepth, WithComplexityLimit), its time (WithTimeout; its work stops when the client
// goes), the time its answer takes to reach the client (WithSendTimeout), and for exports how
// many run at once (MaxConcurrentExports). WithAllowedHosts adds a Host and Origin check.
//
// The handler never lets a panic through: a panicking resolver yields a GraphQL error, and any
// other handler a 500, both logged with their stack.
func New(store graph.Store, opts ...Option) http.Handler {
	o := options{log: slog.New(slog.DiscardHandler), complexityLimit: DefaultComplexityLimit, timeout: DefaultTimeout,
		exportTimeout: DefaultExportTimeout, sendTimeout: DefaultSendTimeout}
	for _, opt := range opts {
		opt(&o)
	}
	m := newMetrics(o.registry)
	if o.ingest != nil {
		o.ingest.log, o.ingest.metrics = o.log, m
		o.ingest.limits = o.ingestLimits.withDefaults()
		o.ingest.pool = newPool(o.ingest.limits)
		o.ingest.readOnly = readOnly(store)
	}
	store = measuredStore{Store: store, m: m}
	o.live = newLiveFeed(store, o.log)
	store = publishingStore{Store: store, feed: o.live}
	mux := http.NewServeMux()
	gql := untimedSubscriptions(o.timeout, limitBody(withIngestAuth(o.ingest, newGraphQLHandler(store, o))))
	mux.Handle("GET /graphql", gql)
	mux.Handle("POST /graphql", gql)
	mux.Handle("GET /healthz", healthz())
	mux.Handle("GET /readyz", readyz(store, o.log))
	mux.Handle("GET /metrics", m.handler())
	exports := exportSlots(o.log) // the two export routes share MaxConcurrentExports
	mux.Handle("GET /export", exports(withTimeout(o.exportTimeout, exportHandler(store, o))))
	mux.Handle("GET /export/datapackage", withTimeout(o.timeout, dataPackageHandler(store, o)))
	mux.Handle("GET /export/neighborhood", exports(withTimeout(o.timeout, exportNeighborhood(store, o))))
	ui := playgroundFiles()
	mux.Handle("GET /{$}", playgroundPage(ui))
	mux.Handle("GET /ui/", playgroundAssets(ui))
	mux.Handle("GET /explore", explorePage(ui))
	mux.Handle("POST /ingest", ingestHandler(o.ingest, store))
	return recoverPanics(o.log, observe(o.log, m, cors(o.cors, guardHosts(o, sendDeadline(o.sendTimeout, mux)))))
}

// newGraphQLHandler is gqlgen's handler over the resolvers, with dyad's error handling, query
// complexity limit and per-operation batching.
func newGraphQLHandler(store graph.Store, o options) *handler.Server {
	r := &Resolver{Store: store, Log: o.log, ingest: o.ingest, live: o.live}
	srv := handler.New(schema.NewExecutableSchema(schema.Config{Resolvers: r, Complexity: complexity()}))
	// Subscriptions: server-sent events first (a POST that accepts text/event-stream), and
	// websockets (graphql-transport-ws and graphql-ws), pinged so that idle proxies keep them.
	srv.AddTransport(guardedTransport{Transport: transport.SSE{}, streaming: true})
	srv.AddTransport(guardedTransport{Transport: transport.Websocket{KeepAlivePingInterval: 15 * time.Second}, streaming: true})
	srv.AddTransport(guardedTransport{Transport: transport.GET{}})
	srv.AddTransport(guardedTransport{Transport: transport.POST{}})
	srv.SetParserTokenLimit(MaxQueryTokens)
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.Use(extension.Introspection{})
	// Automatic persisted queries (Apollo's protocol): a client sends a query's SHA-256 alone,
	// and the query itself only the first time or when the server asks for it.
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](1000)})
	srv.Use(&complexityLimit{limit: o.complexityLimit})
	srv.SetErrorPresenter(recordCodes(errorPresenter(o.log)))
	srv.SetRecoverFunc(recoverFunc(o.log))
	srv.AroundOperations(noteOperation)
	srv.AroundOperations(newAdmission(o.heavyQueries).around)
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		return next(withBatches(ctx, newBatches(store)))
	})
	return srv
}

// untimedSubscriptions gives a request d, as withTimeout does, unless it opens a subscription
// (a websocket, or server-sent events), which lasts as long as its client stays; the live feed
// bounds how many are open.
func untimedSubscriptions(d time.Duration, next http.Handler) http.Handler {
	timed := withTimeout(d, next)
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.Header.Get("Upgrade") != "" || strings.Contains(req.Header.Get("Accept"), "text/event-stream") {
			// The server's read deadline would end the stream; the body is 1 MiB at most.
			_ = http.NewResponseController(w).SetReadDeadline(time.Time{})
			next.ServeHTTP(upgradeWriter{w}, req)
			return
		}
		timed.ServeHTTP(w, req)
	})
}

// upgradeWriter clears the connection's deadlines once it switches to a websocket: the write
// deadline that each answer's writes get would outlive the hijack and cut the socket.
type upgradeWriter struct{ http.ResponseWriter }

func (w upgradeWriter) WriteHeader(code int) {
	w.ResponseWriter.WriteHeader(code)
	if code == http.StatusSwitchingProtocols {
		rc := http.NewResponseController(w.ResponseWriter)
		_ = rc.SetReadDeadline(time.Time{})
		_ = rc.SetWriteDeadline(time.Time{})
	}
}

func (w upgradeWriter) Flush() { _ = http.NewResponseController(w.ResponseWriter).Flush() }

// Unwrap lets http.ResponseController and the websocket library reach the underlying writer.
func (w upgradeWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// withTimeout cancels a request's context after d.
func withTimeout(d time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		ctx, cancel := context.WithTimeout(req.Context(), d)
		defer cancel()
		next.ServeHTTP(w, req.WithContext(ctx))
	})
}

// limitBody refuses a request body larger than maxRequestBytes with 413 Content Too Large and a
// GraphQL error of code REQUEST_TOO_LARGE: at once when its Content-Length says so, else once
// reading it passes the limit (a body of unknown length is read here, at most the limit, before
// the request goes on).
func limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.ContentLength > maxRequestBytes {
			tooLarge(w)
			return
		}
		if req.Body != nil && req.Body != http.NoBody {
			body, err := io.ReadAll(http.MaxBytesReader(w, req.Body, maxRequestBytes))
			var big *http.MaxBytesError
			switch {
			case errors.As(err, &big):
				tooLarge(w)
				return
			case err != nil:
				writeJSON(w, http.StatusBadRequest, map[string]any{"errors": []map[string]any{{
					"message": "could not read the request body: " + err.Error(), "extensions": map[string]any{"code": codeBadRequest}}}})
				return
			}
			req.Body = io.NopCloser(bytes.NewReader(body))
		}
		next.ServeHTTP(w, req)
	})
}

// codeRequestTooLarge is the code of the error that refuses a body over maxRequestBytes.
const codeRequestTooLarge = "REQUEST_TOO_LARGE"

func tooLarge(w http.ResponseWriter) {
	w.Header().Set("Connection", "close") // the rest of the body is not read
	writeJSON(w, http.StatusRequestEntityTooLarge, map[string]any{"errors": []map[string]any{{
		"message":    fmt.Sprintf("the request body is larger than %d bytes; send a smaller query or fewer variables", maxRequestBytes),
		"extensions": map[string]any{"code": codeRequestTooLarge}}}})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// recoverPanics turns a panic in a handler into a 500 and a log line, so that one bad request
// never takes the server down, and the client gets an answer rather than a dropped connection.
func recoverPanics(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v) // net/http's own way to abort a response, which it handles quietly
			}
			ref := errorRef()
			log.Error("http: panic", "ref", ref, "method", req.Method, "path", req.URL.Path,
				"panic", v, "stack", string(debug.Stack()))
			http.Error(w, "internal error (ref "+ref+")", http.StatusInternalServerError)
		}()
		next.ServeHTTP(w, req)
	})
}

// statusRecorder notes the status and size of a response.
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (r *statusRecorder) WriteHeader(status int) {
	r.status = status
	r.ResponseWriter.WriteHeader(status)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	return n, err
}

// ReadFrom keeps io.Copy's fast path for file responses.
func (r *statusRecorder) ReadFrom(src io.Reader) (int64, error) {
	n, err := io.Copy(r.ResponseWriter, src)
	r.bytes += n
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
