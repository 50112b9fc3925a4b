// Package ingest runs articles through an extractor into a store: documents are read in order,
// extracted on every core, and saved in batches, so that new claims are visible as soon as their
// batch commits. `dyad load` uses it on files, and the server's POST /ingest on request bodies.
//
// Nothing here stops at bad input: a document that cannot be read or extracted, or a batch that
// the store refuses, is reported and the rest goes on; a refused batch is retried article by
// article so that only the bad ones are lost.
package ingest

import (
	"context"
	"errors"
	"iter"
	"runtime"
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
	// BatchSize is how many articles each store write holds (default 64).
	BatchSize int
	// Workers is how many documents are extracted at once (default GOMAXPROCS).
	Workers int
	// Fail is told of each document or batch that failed, with an error naming its file and
	// line where known. Nil ignores them (they are still counted).
	Fail func(error)
	// Progress, when not nil, is called after each batch commits and at most every
	// ProgressEvery in between (default 2s), with the counts so far; from the goroutine that
	// called Run.
	Progress      func(Counts)
	ProgressEvery time.Duration
}

// Counts says how far a run got.
type Counts struct {
	// Read is how many documents were read (including those that then failed); Articles how
	// many were saved, with Claims claims; Failed how many documents or articles failed.
	Read, Articles, Claims, Failed int
	// Elapsed is the time since the run started.
	Elapsed time.Duration
}

// Run reads docs, extracts them and saves them into st, and returns what it did. It stops early
// only when ctx is done; then the batch being written is either saved whole or not at all.
func Run(ctx context.Context, st graph.Store, extract Extract, docs iter.Seq2[loader.Document, error], opt Options) Counts {
	if opt.BatchSize <= 0 {
		opt.BatchSize = 64
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
		x   graph.Extraction
		err error
	}
	in := make(chan loader.Document)
	out := make(chan item)
	readErrs := make(chan error)
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
				case <-ctx.Done():
					return
				}
				continue
			}
			select {
			case in <- doc:
			case <-ctx.Done():
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
				x, err := extract(ctx, doc)
				out <- item{x, err}
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
	var pending []graph.Extraction
	flush := func() {
		if len(pending) == 0 || ctx.Err() != nil {
			pending = pending[:0]
			return
		}
		if err := st.Save(ctx, pending); err != nil {
			for _, x := range pending {
				if err := st.Save(ctx, []graph.Extraction{x}); err != nil {
					fail(&ArticleError{Article: x.Article.ID, Err: err})
					continue
				}
				res.count(x)
			}
		} else {
			for _, x := range pending {
				res.count(x)
			}
		}
		pending = pending[:0]
		progress(true)
	}
	ticker := time.NewTicker(opt.ProgressEvery)
	defer ticker.Stop()
	for out != nil || readErrs != nil {
		select {
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
				fail(it.err)
				continue
			}
			pending = append(pending, it.x)
			if len(pending) >= opt.BatchSize {
				flush()
			}
		}
	}
	flush()
	res.Read = int(read.Load())
	res.Elapsed = time.Since(start)
	return res
}

func (c *Counts) count(x graph.Extraction) {
	c.Articles++
	c.Claims += len(x.Claims)
}

// ArticleError is an article that the store refused.
type ArticleError struct {
	Article string
	Err     error
}

func (e *ArticleError) Error() string { return "article " + e.Article + ": " + e.Err.Error() }
func (e *ArticleError) Unwrap() error { return e.Err }
