package server

import (
	"context"
	"fmt"
	"runtime"
	"strconv"
	"time"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/ingest"
	articles "github.com/dyadgraph/dyad/loader"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// IngestLimits bound what ingest may take of the server, across all requests: POST /ingest and
// the ingestArticle mutation share them. The zero value of a field takes its default.
type IngestLimits struct {
	// Extractors is how many documents are extracted at once, whatever the number of requests
	// (default GOMAXPROCS: extraction is CPU work, more at once only takes memory).
	Extractors int
	// Queue is how many ingest requests may be in progress beyond Extractors, waiting for an
	// extractor or sharing them (default 2×Extractors). A request past that is answered 503
	// with a Retry-After at once, before its body is read.
	Queue int
	// BatchArticles, BatchClaims and BatchBytes bound each store write of a POST /ingest (see
	// ingest.Options; defaults 64 articles, ingest.DefaultBatchClaims, ingest.DefaultBatchBytes).
	BatchArticles, BatchClaims, BatchBytes int
	// RetryAfter is what a refused request is told to wait (default 2 s).
	RetryAfter time.Duration
}

// WithIngestLimits sets the bounds of ingest; see IngestLimits. It applies with WithIngest,
// whichever comes first.
func WithIngestLimits(l IngestLimits) Option {
	return func(o *options) { o.ingestLimits = l }
}

// withDefaults fills the fields left zero.
func (l IngestLimits) withDefaults() IngestLimits {
	if l.Extractors <= 0 {
		l.Extractors = runtime.GOMAXPROCS(0)
	}
	if l.Queue <= 0 {
		l.Queue = 2 * l.Extractors
	}
	if l.BatchArticles <= 0 {
		l.BatchArticles = 64
	}
	if l.BatchClaims <= 0 {
		l.BatchClaims = ingest.DefaultBatchClaims
	}
	if l.BatchBytes <= 0 {
		l.BatchBytes = ingest.DefaultBatchBytes
	}
	if l.RetryAfter <= 0 {
		l.RetryAfter = 2 * time.Second
	}
	return l
}

// retryAfter is the Retry-After header's value: whole seconds, at least 1.
func (l IngestLimits) retryAfter() string {
	return strconv.Itoa(max(1, int((l.RetryAfter+time.Second-1)/time.Second)))
}

// pool holds the server's ingest capacity: requests admitted and extractors.
type pool struct {
	admitted   chan struct{} // one token per request in progress
	extractors chan struct{} // one token per extraction running
}

func newPool(l IngestLimits) *pool {
	return &pool{admitted: make(chan struct{}, l.Extractors+l.Queue), extractors: make(chan struct{}, l.Extractors)}
}

// admit takes a place for a request if one is free, and counts it in the metrics; release
// gives it back.
func (in *ingester) admit() bool {
	select {
	case in.pool.admitted <- struct{}{}:
		if in.metrics != nil {
			in.metrics.ingestBusy.Inc()
		}
		return true
	default:
		if in.metrics != nil {
			in.metrics.ingestRef.Inc()
		}
		return false
	}
}

func (in *ingester) release() {
	<-in.pool.admitted
	if in.metrics != nil {
		in.metrics.ingestBusy.Dec()
	}
}

// busyMessage is what a refused request is told.
func (in *ingester) busyMessage() string {
	return fmt.Sprintf("the server is extracting as many articles as it can (%d requests in progress, the most it takes); "+
		"send again after %s", cap(in.pool.admitted), in.limits.retryAfter()+"s")
}

// extract runs the extractor on one document when an extractor is free, waiting for one
// until ctx ends; when only some of several extractors fail, it logs them and keeps what the
// others found.
func (in *ingester) extract(ctx context.Context, doc articles.Document) (graph.Extraction, error) {
	select {
	case in.pool.extractors <- struct{}{}:
	case <-ctx.Done():
		return graph.Extraction{}, ctx.Err()
	}
	defer func() { <-in.pool.extractors }()
	return in.extractNow(ctx, doc)
}

// readOnly reports whether the store takes no writes, so that ingest is refused before any
// work is done.
func readOnly(store graph.Store) bool {
	ro, ok := store.(graph.ReadOnlyStore)
	return ok && ro.ReadOnly()
}

// readOnlyMessage is what ingest answers on a store opened for reading only.
const readOnlyMessage = "the server's store is open for reading only (dyad serve --read-only): it takes no ingest; " +
	"load into it with a server or dyad load that opens it for writing"

// codeServerBusy and codeReadOnly are the GraphQL error codes of an ingestArticle refused for
// the server's load or its store.
const (
	codeServerBusy = "SERVER_BUSY"
	codeReadOnly   = "READ_ONLY"
)

// busyError is the ingestArticle mutation's refusal when the server takes no more ingest
// requests; its extensions carry retryAfter in seconds, as the Retry-After header would.
func (in *ingester) busyError() *gqlerror.Error {
	return &gqlerror.Error{Message: in.busyMessage(),
		Extensions: map[string]any{"code": codeServerBusy, "retryAfter": int(max(time.Second, in.limits.RetryAfter) / time.Second)}}
}
