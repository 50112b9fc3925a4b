package llm

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/loader"
)

// ActorResolver resolves an actor's name as written ("the United States", "Kremlin",
// "Jens Stoltenberg") to a canonical actor. It must be safe for concurrent use.
type ActorResolver interface {
	Resolve(text string) (graph.Actor, bool)
}

// Config says which model to ask and how. BaseURL and Model are required.
type Config struct {
	BaseURL string // the API root that /chat/completions is appended to: "http://localhost:11434/v1"
	Model   string // the model's name at that endpoint: "qwen2.5:7b-instruct"
	APIKey  string // sent as "Authorization: Bearer APIKEY" when set

	Timeout       time.Duration // the longest one request may take; 0 means DefaultTimeout
	MaxRetries    int           // retries after a failed request; 0 means DefaultMaxRetries, < 0 none
	RetryBackoff  time.Duration // the wait before the first retry, doubled for each next; 0 means DefaultRetryBackoff
	MaxChunkChars int           // the most code points of text sent in one request; 0 means DefaultMaxChunkChars

	HTTPClient *http.Client // nil means a client of its own
	Logger     *slog.Logger // receives a debug record for each dropped relation; nil discards them
}

// Defaults for the zero values of Config.
const (
	DefaultTimeout       = 2 * time.Minute
	DefaultMaxRetries    = 3
	DefaultRetryBackoff  = time.Second
	DefaultMaxChunkChars = 6000
)

// Limits and factors.
const (
	// CandidateFactor scales the confidence of a claim for each end that is a candidate actor.
	CandidateFactor = 0.6
	// DefaultConfidence is a claim's confidence when the model gives none (zero).
	DefaultConfidence = 0.5
	// maxRetryWait caps the wait a Retry-After header may ask for.
	maxRetryWait = 5 * time.Minute
	// maxBackoff caps the doubling backoff.
	maxBackoff = time.Minute
	// minEvidenceWords is the fewest words an evidence sentence may have.
	minEvidenceWords = 3
)

// Name is the extractor name every claim of this package carries.
const Name = "llm"

// promptVersion changes whenever the prompt or the schema does; it is part of Version.
const promptVersion = "1"

// Extractor asks a model for the relations in a document. It is safe for concurrent use.
type Extractor struct {
	cfg      Config
	endpoint string
	resolver ActorResolver
	client   *http.Client
	log      *slog.Logger
	sleep    func(ctx context.Context, d time.Duration) error // replaced in tests
	stats    counters
}

var _ loader.Extractor = (*Extractor)(nil)

// New returns an Extractor for the model that cfg names. Names resolve through resolver; a nil
// resolver makes every actor a candidate.
func New(cfg Config, resolver ActorResolver) (*Extractor, error) {
	if strings.TrimSpace(cfg.BaseURL) == "" {
		return nil, errors.New("llm: no base URL configured")
	}
	if strings.TrimSpace(cfg.Model) == "" {
		return nil, errors.New("llm: no model configured")
	}
	u, err := url.Parse(strings.TrimSpace(cfg.BaseURL))
	if err != nil {
		return nil, fmt.Errorf("llm: base URL %q: %w", cfg.BaseURL, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("llm: base URL %q: want http://HOST[:PORT]/PATH or https://...", cfg.BaseURL)
	}
	if cfg.Timeout < 0 || cfg.RetryBackoff < 0 || cfg.MaxChunkChars < 0 {
		return nil, errors.New("llm: Timeout, RetryBackoff and MaxChunkChars must not be negative")
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = DefaultTimeout
	}
	switch {
	case cfg.MaxRetries == 0:
		cfg.MaxRetries = DefaultMaxRetries
	case cfg.MaxRetries < 0:
		cfg.MaxRetries = 0
	}
	if cfg.RetryBackoff == 0 {
		cfg.RetryBackoff = DefaultRetryBackoff
	}
	if cfg.MaxChunkChars == 0 {
		cfg.MaxChunkChars = DefaultMaxChunkChars
	}
	cfg.Model = strings.TrimSpace(cfg.Model)
	e := &Extractor{
		cfg:      cfg,
		endpoint: strings.TrimRight(u.String(), "/") + "/chat/completions",
		resolver: resolver,
		client:   cfg.HTTPClient,
		log:      cfg.Logger,
		sleep:    sleepCtx,
	}
	if e.client == nil {
		e.client = &http.Client{}
	}
	if e.log == nil {
		e.log = slog.New(slog.DiscardHandler)
	}
	return e, nil
}

// Name returns "llm".
func (e *Extractor) Name() string { return Name }

// Version names the model and the prompt's version: "llm/MODEL/pN".
func (e *Extractor) Version() string { return Name + "/" + e.cfg.Model + "/p" + promptVersion }

// Extract asks the model for the relations in doc, chunk by chunk, and returns the claims whose
// evidence it finds verbatim in the text, with the actors they name. It fails, returning no
// claims, when any chunk's request fails or its answer is malformed.
func (e *Extractor) Extract(ctx context.Context, doc loader.Document) (graph.Extraction, error) {
	art := doc.Article()
	if art.ID == "" {
		art.ID = graph.ContentID(doc.Text)
	}
	x := graph.Extraction{Article: art}
	blank := loader.Blank(doc.Text)
	chunks := chunkText(blank, e.cfg.MaxChunkChars)
	b := builder{e: e, doc: doc, articleID: art.ID, actorAt: map[string]int{}, claimIDs: map[string]bool{}}
	for i, ch := range chunks {
		rels, err := e.ask(ctx, ch.text)
		if err != nil {
			return graph.Extraction{}, e.articleError(doc, art.ID, i, len(chunks), err)
		}
		hay := normalize(blank[ch.start:ch.end], ch.start)
		for _, r := range rels {
			b.add(r, &hay)
		}
	}
	x.Actors, x.Claims = b.actors, b.claims
	return x, nil
}

// articleError names the document, its file and line, and the chunk in err.
func (e *Extractor) articleError(doc loader.Document, id string, chunk, chunks int, err error) error {
	where := ""
	if doc.File != "" {
		where = fmt.Sprintf("%s:%d: ", doc.File, doc.Line)
	}
	part := ""
	if chunks > 1 {
		part = fmt.Sprintf(", chunk %d of %d", chunk+1, chunks)
	}
	return fmt.Errorf("%sllm: article %q%s: %w", where, id, part, err)
}

// Stats counts what an Extractor has done since it was made.
type Stats struct {
	Requests        int64 // HTTP requests sent, retries included
	Retries         int64 // of those, retries
	Relations       int64 // relations the model returned
	Claims          int64 // claims kept
	DroppedEvidence int64 // relations dropped because their sentence is not in the text verbatim, or too short
	DroppedType     int64 // relations dropped because their type is unknown
	DroppedActors   int64 // relations dropped for a missing end, or the same actor at both ends
	Duplicates      int64 // relations dropped because an identical claim was already kept
	Candidates      int64 // claim ends that resolved to a candidate actor
}

type counters struct {
	requests, retries, relations, claims, droppedEvidence, droppedType, droppedActors, duplicates,
	candidates atomic.Int64
}

// Stats returns the counts so far.
func (e *Extractor) Stats() Stats {
	c := &e.stats
	return Stats{
		Requests: c.requests.Load(), Retries: c.retries.Load(), Relations: c.relations.Load(),
		Claims: c.claims.Load(), DroppedEvidence: c.droppedEvidence.Load(),
		DroppedType: c.droppedType.Load(), DroppedActors: c.droppedActors.Load(),
		Duplicates: c.duplicates.Load(), Candidates: c.candidates.Load(),
	}
}
