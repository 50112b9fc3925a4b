// Package ingest runs articles through an extractor into a store: documents are read in order,
// extracted on every core, and saved in batches, so that new claims are visible as soon as their
// batch commits. `dyad load` uses it on files, and the server's POST /ingest on request bodies.
//
// Nothing here stops at bad input: a document that cannot be read or extracted, or an article
// that the store refuses as invalid, is reported and the rest goes on. A store that fails for
// another reason is retried within a budget, and then the run stops and names what it did not
// save, so that running it again finishes the job.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/loader"
)

// Extract extracts one document; cmd/dyad and the server wrap loader.Extractor.Extract with
// their own reporting of partial failures.
type Extract func(ctx context.Context, doc loader.Document) (graph.Extraction, error)

// Options tune a run. The zero value is usable.
type Options struct {
	// BatchSize is how many articles each store write holds (default 64); BatchClaims and
	// BatchBytes bound it further by the claims it holds (default DefaultBatchClaims) and their
	// size (see Size; default DefaultBatchBytes), so that a batch of claim-dense articles is
	// written in pieces a store takes in one stride. An article larger than the bounds is saved
	// alone.
	BatchSize   int
	BatchClaims int
	BatchBytes  int
	// SaveLock, when set, is held from asking the store what a batch changes until the batch is
	// saved, so that runs sharing it (the server's concurrent ingest requests) count
	// New/Changed/Unchanged exactly: an article sent by two of them counts new once.
	SaveLock sync.Locker
	// Workers is how many documents are extracted at once (default GOMAXPROCS).
	Workers int
	// Fail is told of each document or article that failed, with an error naming its file and
	// line where known. Nil ignores them (they are still counted).
	Fail func(error)
	// Progress, when not nil, is called after each batch commits and at most every
	// ProgressEvery in between (default 2s), with the counts so far; from the goroutine that
	// called Run.
	Progress      func(Counts)
	ProgressEvery time.Duration
	// RetryFor is how long, in all, store writes that fail for another reason than bad input
	// (the store is down, the disk is full) are retried with backoff before the run stops. 0
	// stops at the first such failure.
	RetryFor time.Duration
}

// Counts says how far a run got.
type Counts struct {
	// Read is how many documents were read (including those that then failed); Articles how
	// many were saved, with Claims claims; Failed how many documents or articles failed.
	Read, Articles, Claims, Failed int
	// New, Changed and Unchanged tell the saved articles apart by what the store held under
	// their ids before: nothing; another description or other claims; the same article with the
	// same claims, so that saving it changed nothing. They add up to Articles, unless the store
	// could not be asked (the articles then count in Articles only).
	New, Changed, Unchanged int
	// Elapsed is the time since the run started.
	Elapsed time.Duration
	// Stopped says why the run ended before its input did: the store kept failing past
	// RetryFor (a *StoreDownError), or ctx ended. nil when the input was read to its end.
	Stopped error
	// Unsaved are the documents read but neither saved nor failed when the run stopped, as
	// "FILE:LINE (ID)", in the order they were read.
	Unsaved []string
}

// StoreDownError reports that the store kept failing for the whole retry budget, or that it
// refused with graph.ErrReadOnly, which no retry mends.
type StoreDownError struct {
	Err   error
	Tried time.Duration
}

func (e *StoreDownError) Error() string {
	if errors.Is(e.Err, graph.ErrReadOnly) {
		return "the store takes no writes: " + e.Err.Error()
	}
	return fmt.Sprintf("the store failed and kept failing for %s: %v", e.Tried.Round(time.Second), e.Err)
}

func (e *StoreDownError) Unwrap() error { return e.Err }

// Where names a document by its place and id: FILE:LINE (ID).
func Where(doc loader.Document) string {
	file := doc.File
	if file == "-" {
		file = "stdin"
	}
	return fmt.Sprintf("%s:%d (%s)", file, doc.Line, doc.ID)
}

// Run reads docs, extracts them and saves them into st, each article with its text, and returns
// what it did. A document that cannot be read or extracted is reported and the rest go on. A
// batch the store refuses as invalid is saved again article by article, so that only the bad
// ones are lost. A batch that fails otherwise is retried with backoff within opt.RetryFor; past
// that the run stops and Counts.Unsaved says what it did not save. When ctx ends the run stops at once, without
// waiting for an extraction in progress; the batch being written is saved whole or not at all.
func Run(ctx context.Context, st graph.Store, extract Extract, docs iter.Seq2[loader.Document, error], opt Options) Counts {
	if opt.BatchSize <= 0 {
		opt.BatchSize = 64
	}
	if opt.BatchClaims <= 0 {
		opt.BatchClaims = DefaultBatchClaims
	}
	if opt.BatchBytes <= 0 {
		opt.BatchBytes = DefaultBatchBytes
	}
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	if opt.ProgressEvery <= 0 {
		opt.ProgressEvery = 2 * time.Second
	}
	start := time.Now()
	var res Counts
	fail := func(err error) {
		res.Failed++
		if opt.Fail != nil {
			opt.Fail(err)
		}
	}
	type item struct {
		x      graph.Extraction
		where  string
		err    error
		change change
	}
	work, abandon := context.WithCancel(ctx)
	defer abandon() // the reader and the extractors stop with the run
	in := make(chan loader.Document)
	out := make(chan item)
	readErrs := make(chan error)
	// pendingDocs holds the documents read and not yet saved or failed, with their order.
	var pendingDocs struct {
		sync.Mutex
		n      int
		places map[string]int
	}
	pendingDocs.places = map[string]int{}
	done := func(where string) {
		pendingDocs.Lock()
		delete(pendingDocs.places, where)
		pendingDocs.Unlock()
	}
	var read atomic.Int64
	go func() {
		defer close(in)
		defer close(readErrs)
		for doc, err := range docs {
			read.Add(1)
			if err != nil {
				if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
					return
				}
				select {
				case readErrs <- err:
				case <-work.Done():
					return
				}
				continue
			}
			pendingDocs.Lock()
			pendingDocs.n++
			pendingDocs.places[Where(doc)] = pendingDocs.n
			pendingDocs.Unlock()
			select {
			case in <- doc:
			case <-work.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range opt.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for doc := range in {
				x, err := extract(work, doc)
				if x.Text == "" {
					x.Text = doc.Text // kept with the article, so that its claims' offsets can be read
				}
				select {
				case out <- item{x: x, where: Where(doc), err: err}:
				case <-work.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(out) }()

	last := time.Now()
	progress := func(force bool) {
		if opt.Progress == nil || (!force && time.Since(last) < opt.ProgressEvery) {
			return
		}
		last = time.Now()
		res.Read = int(read.Load())
		res.Elapsed = time.Since(start)
		opt.Progress(res)
	}
	var failing time.Duration // time spent on failed saves, against RetryFor
	save := func(batch []graph.Extraction) error {
		backoff := 250 * time.Millisecond
		for {
			t := time.Now()
			err := st.Save(ctx, batch)
			if err == nil || errors.Is(err, graph.ErrInvalid) || ctx.Err() != nil {
				return err
			}
			if errors.Is(err, graph.ErrReadOnly) {
				return &StoreDownError{Err: err} // no retry makes it writable
			}
			failing += time.Since(t)
			if failing+backoff > opt.RetryFor {
				return &StoreDownError{err, failing}
			}
			select {
			case <-time.After(backoff):
				failing += backoff
			case <-ctx.Done():
				return ctx.Err()
			}
			backoff = min(2*backoff, 4*time.Second)
		}
	}
	var pending []item
	var pendingClaims, pendingBytes int
	saved := func(it item) {
		res.Articles++
		res.Claims += len(it.x.Claims)
		switch it.change {
		case changeNew:
			res.New++
		case changeChanged:
			res.Changed++
		case changeNone:
			res.Unchanged++
		}
		done(it.where)
	}
	// flush saves the pending batch and returns an error that ends the run.
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		batch := make([]graph.Extraction, len(pending))
		for i, it := range pending {
			batch[i] = it.x
		}
		if opt.SaveLock != nil {
			opt.SaveLock.Lock()
		}
		for i, c := range changes(ctx, st, batch) {
			pending[i].change = c
		}
		err := save(batch)
		if opt.SaveLock != nil {
			opt.SaveLock.Unlock()
		}
		switch {
		case err == nil:
			for _, it := range pending {
				saved(it)
			}
		case errors.Is(err, graph.ErrInvalid):
			for len(pending) > 0 {
				it := pending[0]
				if err := save([]graph.Extraction{it.x}); err != nil {
					if !errors.Is(err, graph.ErrInvalid) {
						return err
					}
					fail(&ArticleError{Article: it.x.Article.ID, Err: err})
					done(it.where)
				} else {
					saved(it)
				}
				pending = pending[1:]
			}
		default:
			return err
		}
		pending = pending[:0]
		pendingClaims, pendingBytes = 0, 0
		progress(true)
		return nil
	}
	stop := func(err error) Counts {
		abandon()
		res.Stopped = err
		pendingDocs.Lock()
		for where := range pendingDocs.places {
			res.Unsaved = append(res.Unsaved, where)
		}
		places := pendingDocs.places
		pendingDocs.Unlock()
		slices.SortFunc(res.Unsaved, func(a, b string) int { return places[a] - places[b] })
		res.Read = int(read.Load())
		res.Elapsed = time.Since(start)
		return res
	}
	ticker := time.NewTicker(opt.ProgressEvery)
	defer ticker.Stop()
	for out != nil || readErrs != nil {
		select {
		case <-ctx.Done():
			return stop(ctx.Err())
		case <-ticker.C:
			progress(false)
		case err, ok := <-readErrs:
			if !ok {
				readErrs = nil
				continue
			}
			fail(err)
		case it, ok := <-out:
			if !ok {
				out = nil
				continue
			}
			if it.err != nil {
				if ctx.Err() == nil {
					fail(it.err)
					done(it.where)
				}
				continue
			}
			// An article that would take the batch past a bound goes into the next one.
			claims, size := len(it.x.Claims), Size(it.x)
			if len(pending) > 0 && (pendingClaims+claims > opt.BatchClaims || pendingBytes+size > opt.BatchBytes) {
				if err := flush(); err != nil {
					return stop(err)
				}
			}
			pending = append(pending, it)
			pendingClaims += claims
			pendingBytes += size
			if len(pending) >= opt.BatchSize || pendingClaims >= opt.BatchClaims || pendingBytes >= opt.BatchBytes {
				if err := flush(); err != nil {
					return stop(err)
				}
			}
		}
	}
	if ctx.Err() != nil {
		return stop(ctx.Err())
	}
	if err := flush(); err != nil {
		return stop(err)
	}
	res.Read = int(read.Load())
	res.Elapsed = time.Since(start)
	return res
}

// Defaults of Options.BatchClaims and Options.BatchBytes: a store writes this much in about a
// second on a small machine, and holds it in memory meanwhile.
const (
	DefaultBatchClaims = 4096
	DefaultBatchBytes  = 8 << 20
)

// Size estimates the bytes an extraction takes to store: its article's description, its
// actors' names and its claims' text (sentences, mentions, predicates, ids), with a fixed
// overhead for each record's numbers and keys.
func Size(x graph.Extraction) int {
	const record = 64
	a := x.Article
	n := record + len(a.ID) + len(a.URL) + len(a.Title) + len(a.Source)
	for _, ac := range x.Actors {
		n += record + len(ac.ID) + len(ac.Name) + len(ac.Country)
		for _, alias := range ac.Aliases {
			n += len(alias)
		}
	}
	for _, c := range x.Claims {
		n += record + len(c.ID) + len(c.ArticleID) + len(c.Source) + len(c.Target) + len(c.Type) + len(c.CAMEO) +
			len(c.Predicate) + len(c.SourceText) + len(c.TargetText) + len(c.Role) + len(c.Sentence) +
			len(c.Extractor) + len(c.ExtractorVers)
	}
	return n
}

// ArticleError is an article that the store refused.
type ArticleError struct {
	Article string
	Err     error
}

func (e *ArticleError) Error() string { return "article " + e.Article + ": " + e.Err.Error() }
func (e *ArticleError) Unwrap() error { return e.Err }

// change is what saving an article changes in the store.
type change int8

const (
	changeUnknown change = iota // the store could not be asked
	changeNew                   // nothing was stored under the article's id
	changeChanged               // another description or other claims were
	changeNone                  // the same article with the same claims was
)

// changes tells, for each extraction of a batch, what saving it will change, with one store
// query for the whole batch. A store that cannot answer leaves every change unknown: the save
// that follows reports the failure, if it lasts.
func changes(ctx context.Context, st graph.Store, batch []graph.Extraction) []change {
	out := make([]change, len(batch))
	ids := make([]string, len(batch))
	for i, x := range batch {
		ids[i] = x.Article.ID
	}
	page, err := st.Articles(ctx, graph.ArticleQuery{IDs: ids, Page: graph.Page{First: len(ids)}})
	if err != nil {
		return out
	}
	stored := make(map[string]graph.ArticleClaims, len(page.Articles))
	for _, a := range page.Articles {
		stored[a.Article.ID] = a
	}
	for i, x := range batch {
		old, ok := stored[x.Article.ID]
		switch {
		case !ok:
			out[i] = changeNew
		case graph.SameArticle(old.Article, x.Article) && sameClaims(old.Claims, x.Claims):
			out[i] = changeNone
		default:
			out[i] = changeChanged
		}
	}
	return out
}

// sameClaims reports whether an extraction's claims are the ones stored, in any order. A claim
// without an id has the id the store gives it (graph.ClaimID), and of claims with one id the
// store keeps the last.
func sameClaims(stored, found []graph.Claim) bool {
	byID := make(map[string]graph.Claim, len(found))
	for _, c := range found {
		if c.ID == "" {
			c.ID = graph.ClaimID(c)
		}
		byID[c.ID] = c
	}
	if len(byID) != len(stored) {
		return false
	}
	for _, c := range stored {
		if f, ok := byID[c.ID]; !ok || !graph.SameClaim(c, f) {
			return false
		}
	}
	return true
}
