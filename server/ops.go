package server

import (
	"context"
	"crypto/rand"
	"log/slog"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/dyadgraph/dyad/graph"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// This file holds what operators watch: metrics at /metrics, /healthz and /readyz, one log line
// per request, and CORS for browser apps on other origins.

// WithCORS lets browser apps on these origins call the server (GraphQL, exports, ingest): their
// requests get Access-Control-Allow-Origin and preflight requests are answered. "*" allows any
// origin, for development. None (the default) sends no CORS headers, so browsers refuse
// cross-origin calls.
func WithCORS(origins ...string) Option {
	return func(o *options) { o.cors = append(o.cors, origins...) }
}

// WithMetrics registers the server's metrics with reg instead of a registry of its own; /metrics
// then serves reg's gatherer when it is a *prometheus.Registry.
func WithMetrics(reg *prometheus.Registry) Option {
	return func(o *options) { o.registry = reg }
}

// metrics are the server's Prometheus metrics.
type metrics struct {
	registry   *prometheus.Registry
	requests   *prometheus.CounterVec   // route, method, status
	latency    *prometheus.HistogramVec // route
	operations *prometheus.CounterVec   // operation, outcome
	opLatency  *prometheus.HistogramVec // operation
	storeCalls *prometheus.CounterVec   // method
	storeErrs  *prometheus.CounterVec   // method
	storeTime  *prometheus.HistogramVec // method
	ingestArts prometheus.Counter
	ingestClms prometheus.Counter
	ingestFail prometheus.Counter
	ingestBusy prometheus.Gauge   // ingest requests in progress
	ingestRef  prometheus.Counter // ingest requests refused at capacity

	mu    sync.Mutex
	names map[string]bool // operation names seen, at most maxOperationNames
}

// maxOperationNames bounds the operation label's values: names past it count as "other", so that
// clients cannot grow the metrics without bound.
const maxOperationNames = 200

func newMetrics(reg *prometheus.Registry) *metrics {
	if reg == nil {
		reg = prometheus.NewRegistry()
		reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	}
	buckets := []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60}
	m := &metrics{
		registry: reg,
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "dyad_http_requests_total",
			Help: "HTTP requests by route, method and status code."}, []string{"route", "method", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "dyad_http_request_duration_seconds",
			Help: "How long HTTP requests took, by route.", Buckets: buckets}, []string{"route"}),
		operations: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "dyad_graphql_operations_total",
			Help: "GraphQL operations by operation name and outcome (ok, or the first error's code)."}, []string{"operation", "outcome"}),
		opLatency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "dyad_graphql_operation_duration_seconds",
			Help: "How long GraphQL operations took, by operation name.", Buckets: buckets}, []string{"operation"}),
		storeCalls: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "dyad_store_calls_total",
			Help: "Store calls by method."}, []string{"method"}),
		storeErrs: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "dyad_store_errors_total",
			Help: "Store calls that failed, by method (not found is no failure)."}, []string{"method"}),
		storeTime: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "dyad_store_call_duration_seconds",
			Help: "How long store calls took, by method.", Buckets: buckets}, []string{"method"}),
		ingestArts: prometheus.NewCounter(prometheus.CounterOpts{Name: "dyad_ingest_articles_total",
			Help: "Articles saved through POST /ingest and the ingestArticle mutation."}),
		ingestClms: prometheus.NewCounter(prometheus.CounterOpts{Name: "dyad_ingest_claims_total",
			Help: "Claims saved through ingest."}),
		ingestFail: prometheus.NewCounter(prometheus.CounterOpts{Name: "dyad_ingest_failures_total",
			Help: "Documents or articles that ingest could not read, extract or save."}),
		ingestBusy: prometheus.NewGauge(prometheus.GaugeOpts{Name: "dyad_ingest_requests_in_progress",
			Help: "Ingest requests (POST /ingest, ingestArticle) extracting or waiting for an extractor."}),
		ingestRef: prometheus.NewCounter(prometheus.CounterOpts{Name: "dyad_ingest_refused_total",
			Help: "Ingest requests answered 503 because the server had as many in progress as it takes."}),
		names: map[string]bool{},
	}
	reg.MustRegister(m.requests, m.latency, m.operations, m.opLatency, m.storeCalls, m.storeErrs, m.storeTime,
		m.ingestArts, m.ingestClms, m.ingestFail, m.ingestBusy, m.ingestRef)
	return m
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}

var operationName = regexp.MustCompile(`^[_A-Za-z][_0-9A-Za-z]{0,63}$`)

// operationLabel is the label for an operation name: "anonymous" for none, "other" past the
// bound or for a name that GraphQL would not accept.
func (m *metrics) operationLabel(name string) string {
	if name == "" {
		return "anonymous"
	}
	if !operationName.MatchString(name) {
		return "other"
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.names[name] {
		if len(m.names) >= maxOperationNames {
			return "other"
		}
		m.names[name] = true
	}
	return name
}

// ingested counts what ingest saved and what failed.
func (m *metrics) ingested(articles, claims, failed int) {
	if m == nil {
		return
	}
	m.ingestArts.Add(float64(articles))
	m.ingestClms.Add(float64(claims))
	m.ingestFail.Add(float64(failed))
}

// requestInfo is what a request's log line and metrics need from deeper down: the GraphQL
// operation's name and the codes of its errors.
type requestInfo struct {
	id        string
	mu        sync.Mutex
	graphQL   bool
	operation string
	codes     []string
}

type requestInfoKey struct{}

func infoFrom(ctx context.Context) *requestInfo {
	info, _ := ctx.Value(requestInfoKey{}).(*requestInfo)
	return info
}

// noteOperation records the GraphQL operation's name for the request's log line.
func noteOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	if info := infoFrom(ctx); info != nil {
		name := graphql.GetOperationContext(ctx).OperationName
		if name == "" && graphql.GetOperationContext(ctx).Operation != nil {
			name = graphql.GetOperationContext(ctx).Operation.Name
		}
		info.mu.Lock()
		info.graphQL, info.operation = true, name
		info.mu.Unlock()
	}
	return next(ctx)
}

// recordCodes wraps an error presenter so that the codes of the errors it presents reach the
// request's log line and metrics.
func recordCodes(present graphql.ErrorPresenterFunc) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		e := present(ctx, err)
		if info := infoFrom(ctx); info != nil {
			code, _ := e.Extensions["code"].(string)
			if code == "" {
				code = "ERROR"
			}
			info.mu.Lock()
			info.graphQL = true
			if !slices.Contains(info.codes, code) {
				info.codes = append(info.codes, code)
			}
			info.mu.Unlock()
		}
		return e
	}
}

// requestID is the client's X-Request-ID when it is a short token, else a new random one.
func requestID(req *http.Request) string {
	id := req.Header.Get("X-Request-ID")
	if len(id) > 0 && len(id) <= 64 && strings.Trim(id, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:") == "" {
		return id
	}
	return rand.Text()[:16]
}

// methodLabel is the method label of a request: an HTTP method of RFC 9110 or PATCH, or "other",
// so that invented methods (any token is a valid method) cannot grow a series each.
func methodLabel(method string) string {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodConnect, http.MethodOptions, http.MethodTrace:
		return method
	}
	return "other"
}

// observe logs one line per request (method, path, status, bytes, duration, request id and, for
// GraphQL, the operation and its error codes; never headers, so no token) and counts it in the
// metrics. It answers X-Request-ID with the request's id.
func observe(log *slog.Logger, m *metrics, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		start := time.Now()
		info := &requestInfo{id: requestID(req)}
		w.Header().Set("X-Request-ID", info.id)
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		req = req.WithContext(context.WithValue(req.Context(), requestInfoKey{}, info))
		defer func() {
			took := time.Since(start)
			route := req.Pattern // set by the mux on this request
			if route == "" {
				route = "unmatched"
			} else if _, path, ok := strings.Cut(route, " "); ok {
				route = path
			}
			status := rec.status
			if v := recover(); v != nil {
				status = http.StatusInternalServerError
				defer panic(v) // recoverPanics, outside, answers and logs it
			}
			m.requests.WithLabelValues(route, methodLabel(req.Method), strconv.Itoa(status)).Inc()
			m.latency.WithLabelValues(route).Observe(took.Seconds())
			info.mu.Lock()
			defer info.mu.Unlock()
			attrs := []any{"id", info.id, "method", req.Method, "path", req.URL.Path, "status", status,
				"bytes", rec.bytes, "duration", took.Round(time.Microsecond)}
			if info.graphQL {
				op := m.operationLabel(info.operation)
				outcome := "ok"
				if len(info.codes) > 0 {
					outcome = info.codes[0]
				}
				m.operations.WithLabelValues(op, outcome).Inc()
				m.opLatency.WithLabelValues(op).Observe(took.Seconds())
				attrs = append(attrs, "operation", info.operation, "errors", strings.Join(info.codes, ","))
			}
			log.Info("http", attrs...)
		}()
		next.ServeHTTP(rec, req)
	})
}

// cors answers preflight requests and marks the answers to allowed origins; without origins it
// is next itself.
func cors(origins []string, next http.Handler) http.Handler {
	if len(origins) == 0 {
		return next
	}
	anyOrigin := slices.Contains(origins, "*")
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		origin := req.Header.Get("Origin")
		allowed := origin != "" && (anyOrigin || slices.Contains(origins, origin))
		h := w.Header()
		h.Add("Vary", "Origin")
		if allowed {
			if anyOrigin {
				h.Set("Access-Control-Allow-Origin", "*")
			} else {
				h.Set("Access-Control-Allow-Origin", origin)
			}
			h.Set("Access-Control-Expose-Headers", "X-Request-ID")
		}
		if req.Method == http.MethodOptions && req.Header.Get("Access-Control-Request-Method") != "" {
			if allowed {
				h.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
				h.Set("Access-Control-Allow-Headers", "Content-Type, Authorization, X-Request-ID")
				h.Set("Access-Control-Max-Age", "600")
			}
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, req)
	})
}

// healthz answers 200 while the process serves: liveness, with no store call.
func healthz() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
}

// readyz answers 200 with the store's counts when the store answers within two seconds, and 503
// otherwise: readiness, for a load balancer.
func readyz(store graph.Store, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		ctx, cancel := context.WithTimeout(req.Context(), 2*time.Second)
		defer cancel()
		stats, err := store.Stats(ctx)
		if err != nil {
			log.Error("readyz: the store does not answer", "err", err)
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"status": "ok", "actors": stats.Actors,
			"articles": stats.Articles, "claims": stats.Claims, "relations": stats.Relations})
	})
}
