package server

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/ingest"
	articles "github.com/dyadgraph/dyad/loader"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// maxIngestBytes bounds the body of one POST /ingest; `dyad load --server` sends a file per
// request.
const maxIngestBytes = 256 << 20

// ingestTimeout is how long one POST /ingest may take to read and save its articles.
const ingestTimeout = 30 * time.Minute

// ingestOff is what /ingest and the ingest mutation answer when the server has no token.
const ingestOff = "ingest is off: start dyad serve with DYAD_INGEST_TOKEN set, or with --ingest-token-file FILE"

// WithIngest lets clients that present token (as "Authorization: Bearer TOKEN") load articles
// into the store through the server: POST /ingest and the ingestArticle mutation, extracted by
// ex. Without it, or with an empty token, both answer that ingest is off. Reads need no token.
func WithIngest(ex articles.Extractor, token string) Option {
	return func(o *options) {
		if token == "" || ex == nil {
			o.ingest = nil
			return
		}
		sum := sha256.Sum256([]byte(token))
		o.ingest = &ingester{ex: ex, tokenSum: sum, log: o.log}
	}
}

// ingester extracts and saves articles sent to the server, within its limits.
type ingester struct {
	ex       articles.Extractor
	tokenSum [sha256.Size]byte
	log      *slog.Logger
	metrics  *metrics
	limits   IngestLimits
	pool     *pool
	readOnly bool // the store takes no writes: every ingest is refused at once
	// saveLock makes asking the store what a batch changes and saving it one step across
	// requests, so that the new/changed/unchanged counts are exact (see ingest.Options.SaveLock).
	saveLock sync.Mutex
}

// authorized reports whether the request carries the token. Both sides are hashed first, so
// that the comparison takes the same time whatever the token's length.
func (in *ingester) authorized(req *http.Request) bool {
	if in == nil {
		return false
	}
	auth := req.Header.Get("Authorization")
	token, ok := strings.CutPrefix(auth, "Bearer ")
	if !ok {
		return false
	}
	sum := sha256.Sum256([]byte(strings.TrimSpace(token)))
	return subtle.ConstantTimeCompare(sum[:], in.tokenSum[:]) == 1
}

// extractNow runs the extractor on one document; see extract.
func (in *ingester) extractNow(ctx context.Context, doc articles.Document) (graph.Extraction, error) {
	x, err := in.ex.Extract(ctx, doc)
	if x.Text == "" {
		x.Text = doc.Text // kept with the article, so that its claims' offsets can be read
	}
	var partial *articles.PartialError
	if errors.As(err, &partial) {
		in.log.Warn("ingest: partial extraction", "err", err)
		return x, nil
	}
	if err != nil && !strings.HasPrefix(err.Error(), fmt.Sprintf("%s:%d", doc.File, doc.Line)) {
		err = fmt.Errorf("%s:%d: %s: %w", doc.File, doc.Line, doc.ID, err)
	}
	return x, err
}

// ingestAuth is the context key under which withIngestAuth notes whether a GraphQL request
// carries the ingest token.
type ingestAuth struct{}

// withIngestAuth notes in the request's context whether it carries the ingest token, for the
// ingestArticle mutation.
func withIngestAuth(in *ingester, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		next.ServeHTTP(w, req.WithContext(context.WithValue(req.Context(), ingestAuth{}, in.authorized(req))))
	})
}

// ingestAllowed is nil when ingest is on and the request carries the token; otherwise an error
// with code FORBIDDEN (ingest is off) or UNAUTHENTICATED.
func ingestAllowed(ctx context.Context, in *ingester) error {
	if in == nil {
		return &gqlerror.Error{Message: ingestOff, Extensions: map[string]any{"code": "FORBIDDEN"}}
	}
	if ok, _ := ctx.Value(ingestAuth{}).(bool); !ok {
		return &gqlerror.Error{Message: "ingestArticle needs the server's ingest token: send the header Authorization: Bearer TOKEN",
			Extensions: map[string]any{"code": "UNAUTHENTICATED"}}
	}
	return nil
}

// saved counts what was ingested, for the metrics.
func (in *ingester) saved(articles, claims, failed int) {
	in.metrics.ingested(articles, claims, failed)
}

// IngestReport is what POST /ingest answers: how many documents it read, how many articles and
// claims it saved (and of the articles, how many were new, changed or stored as they are
// already), and what failed (the first 100 errors, each naming the request's file name and
// line).
//
// Asked with ?progress=lines, the answer streams as JSON lines (application/x-ndjson), one a
// report: the counts so far after each batch the store saves and every two seconds between
// (Final false, Errors empty), then the whole report with Final true and Status the HTTP status
// that the answer would have had unstreamed.
type IngestReport struct {
	Read      int      `json:"read"`
	Articles  int      `json:"articles"`
	New       int      `json:"new"`
	Changed   int      `json:"changed"`
	Unchanged int      `json:"unchanged"`
	Claims    int      `json:"claims"`
	Failed    int      `json:"failed"`
	Errors    []string `json:"errors"`
	Seconds   float64  `json:"seconds"`
	Final     bool     `json:"final,omitempty"`
	Status    int      `json:"status,omitempty"`
}

// maxReportedErrors bounds IngestReport.Errors.
const maxReportedErrors = 100

// ingestHandler is POST /ingest: the body holds articles as JSONL or as one plain-text article
// (first line the title), as `dyad load` reads files. The format comes from ?format=jsonl|text,
// else the name's extension (?name=FILE, used in error messages; default "request"), else the
// Content-Type (application/x-ndjson or application/jsonl: JSONL; text/plain: text), else the
// content. Articles are saved in batches as they are extracted (bounded by articles, claims and
// bytes; see IngestLimits), so their claims are visible as soon as their batch commits; the
// answer is an IngestReport, streamed with its progress if asked (?progress=lines).
//
// Refused at once, before the body is read: a request without the token (401), any request
// when ingest is off or the store is read-only (403), and a request past the server's ingest
// capacity (503 with Retry-After; see IngestLimits).
func ingestHandler(in *ingester, store graph.Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if in == nil {
			writeJSON(w, http.StatusForbidden, map[string]string{"error": ingestOff})
			return
		}
		if !in.authorized(req) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="dyad ingest"`)
			writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "ingest needs the server's token: send Authorization: Bearer TOKEN"})
			return
		}
		if in.readOnly {
			writeJSON(w, http.StatusForbidden, map[string]string{"error": readOnlyMessage})
			return
		}
		name, err := ingestName(req)
		if err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
			return
		}
		stream := false
		switch p := req.URL.Query().Get("progress"); p {
		case "lines":
			stream = true
		case "":
		default:
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": fmt.Sprintf("progress %q: the only value is lines", p)})
			return
		}
		if !in.admit() {
			in.log.Warn("ingest: refused, at capacity", "requests", cap(in.pool.admitted))
			w.Header().Set("Retry-After", in.limits.retryAfter())
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"error": in.busyMessage()})
			return
		}
		defer in.release()
		// Bodies may take longer to arrive than the server's read timeout allows other requests.
		rc := http.NewResponseController(w)
		_ = rc.SetReadDeadline(time.Now().Add(ingestTimeout))
		_ = rc.SetWriteDeadline(time.Now().Add(ingestTimeout + time.Minute))
		ctx, cancel := context.WithTimeout(req.Context(), ingestTimeout)
		defer cancel()
		body := http.MaxBytesReader(w, req.Body, maxIngestBytes)

		var lines *json.Encoder
		if stream {
			// HTTP/1 closes the request body when the response begins, unless told otherwise.
			if err := rc.EnableFullDuplex(); err != nil {
				writeJSON(w, http.StatusBadRequest, map[string]string{"error": "progress=lines needs a connection that reads and writes at once: " + err.Error()})
				return
			}
			w.Header().Set("Content-Type", "application/x-ndjson")
			w.Header().Set("Cache-Control", "no-store")
			w.WriteHeader(http.StatusOK)
			_ = rc.Flush() // the client knows at once that its request was taken
			lines = json.NewEncoder(w)
		}
		rep := IngestReport{Errors: []string{}}
		opt := ingest.Options{
			BatchSize:   in.limits.BatchArticles,
			BatchClaims: in.limits.BatchClaims,
			BatchBytes:  in.limits.BatchBytes,
			Workers:     in.limits.Extractors, // they take turns at the server's extractors
			SaveLock:    &in.saveLock,
			RetryFor:    10 * time.Second, // a store that blinks; a client waits for its answer
			Fail: func(err error) {
				if len(rep.Errors) < maxReportedErrors {
					rep.Errors = append(rep.Errors, err.Error())
				}
			},
		}
		if stream {
			opt.Progress = func(c ingest.Counts) {
				line := reportOf(c, []string{})
				if lines.Encode(line) == nil {
					_ = rc.Flush()
				}
			}
		}
		counts := ingest.Run(ctx, store, in.extract, articles.Read(ctx, name, body), opt)
		errs := rep.Errors
		rep = reportOf(counts, errs)
		in.saved(counts.Articles, counts.Claims, counts.Failed)
		in.log.Info("ingest", "name", name, "read", rep.Read, "articles", rep.Articles, "new", rep.New,
			"changed", rep.Changed, "unchanged", rep.Unchanged, "claims", rep.Claims,
			"failed", rep.Failed, "duration", counts.Elapsed.Round(time.Millisecond))
		status := http.StatusOK
		var down *ingest.StoreDownError
		switch {
		case errors.As(counts.Stopped, &down):
			// the store failed: say what was not saved, so that the client can send it again
			rep.Failed += len(counts.Unsaved)
			rep.Errors = append(rep.Errors, down.Error()+"; not saved: "+strings.Join(counts.Unsaved, ", "))
			status = http.StatusServiceUnavailable
		case ctx.Err() != nil && req.Context().Err() == nil:
			rep.Errors = append(rep.Errors, "ingest took longer than "+ingestTimeout.String()+"; the batches saved until then are kept")
			status = http.StatusServiceUnavailable
		}
		if stream {
			rep.Final, rep.Status = true, status
			_ = lines.Encode(rep)
			return
		}
		writeJSON(w, status, rep)
	})
}

// reportOf turns a run's counts into a report with errs as its errors.
func reportOf(c ingest.Counts, errs []string) IngestReport {
	return IngestReport{Read: c.Read, Articles: c.Articles, New: c.New, Changed: c.Changed, Unchanged: c.Unchanged,
		Claims: c.Claims, Failed: c.Failed, Errors: errs, Seconds: c.Elapsed.Seconds()}
}

// ingestName is the name that errors give for the request's body, with the extension that
// chooses its format.
func ingestName(req *http.Request) (string, error) {
	q := req.URL.Query()
	name := q.Get("name")
	if len(name) > 300 || strings.ContainsAny(name, "\x00\n\r") {
		return "", errors.New("name must be a file name of at most 300 characters on one line")
	}
	if name == "" {
		name = "request"
	}
	ext := strings.ToLower(path.Ext(name))
	switch q.Get("format") {
	case "jsonl":
		return strings.TrimSuffix(name, path.Ext(name)) + ".jsonl", nil
	case "text":
		return strings.TrimSuffix(name, path.Ext(name)) + ".txt", nil
	case "":
	default:
		return "", fmt.Errorf("format %q is not jsonl or text", q.Get("format"))
	}
	if ext != "" {
		return name, nil
	}
	ct, _, _ := mime.ParseMediaType(req.Header.Get("Content-Type"))
	switch ct {
	case "application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/json":
		return name + ".jsonl", nil
	case "text/plain":
		return name + ".txt", nil
	}
	return name, nil // the content decides
}
