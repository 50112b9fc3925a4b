package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/loader"
)

func runLoad(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "load", "PATH...", "Load extracts claims from news articles and stores them. PATH is a file, a\n"+
		"directory (read recursively) or - for standard input; files are text (first line the title)\n"+
		"or JSONL with id, url, title, published, source and text. Bad input is reported with its\n"+
		"file and line, the rest still loads, and the exit status is 1 if anything failed.")
	var sf storeFlags
	sf.register(fs, e)
	var xf extractorFlags
	xf.register(fs, e)
	batch := fs.Int("batch", 64, "articles per store write")
	retryFor := fs.Duration("retry-for", 0, "how long failing store writes are retried in all before the load stops\n"+
		"(default 60s with Neo4j, which may come back; 0 with the embedded store, whose failures last)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageErr("no PATH given; try dyad load loader/samples")
	}
	ex, err := xf.build(e)
	if err != nil {
		return err
	}
	if *retryFor == 0 && sf.uri != "" && !flagSet(fs, "retry-for") {
		*retryFor = time.Minute
	}
	// The driver's own retries of one transaction take a part of the budget.
	sf.retryTime = min(max(*retryFor/4, time.Second), 10*time.Second)
	st, where, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()

	start := time.Now()
	res := loadInto(ctx, e, st, ex, fs.Args(), max(1, *batch), *retryFor)
	reportStop(e, res)
	fmt.Fprintf(e.stderr, "dyad load: %d articles, %d claims into %s in %s; %d failed\n",
		res.articles, res.claims, where, time.Since(start).Round(time.Millisecond), res.failed+len(res.unsaved))
	if res.failed > 0 || res.stopped != nil {
		return errFailed
	}
	return ctx.Err()
}

type loadResult struct {
	articles, claims, failed int
	// stopped says why the load ended before its input did: the store failed past the retry
	// budget, or a signal came. nil when the input was read to its end.
	stopped error
	// unsaved are the articles read but not saved when the load stopped, as FILE:LINE (id),
	// in the order they were read.
	unsaved []string
}

// errStoreDown reports that the store kept failing for the whole retry budget.
type errStoreDown struct {
	err   error
	tried time.Duration
}

func (e *errStoreDown) Error() string {
	return fmt.Sprintf("the store failed and kept failing for %s: %v", e.tried.Round(time.Second), e.err)
}

func (e *errStoreDown) Unwrap() error { return e.err }

// loadInto reads documents, extracts them on every core and saves them in batches. A document
// that cannot be read or extracted is reported and the rest go on. A batch the store refuses
// as invalid is retried article by article, so that only the bad ones are lost. A batch that
// fails otherwise (the store is down, the disk is full) is retried with backoff while the
// failures last less than retryFor in all; past that, the load stops and says what it did not
// save. It stops too, at once and without waiting for an extraction in progress, when ctx ends.
func loadInto(ctx context.Context, e *env, st graph.Store, ex loader.Extractor, paths []string, batchSize int, retryFor time.Duration) loadResult {
	var res loadResult
	fail := func(err error) {
		res.failed++
		fmt.Fprintln(e.stderr, err)
	}
	type item struct {
		x     graph.Extraction
		where string
		err   error
	}
	work, abandon := context.WithCancel(ctx)
	defer abandon() // the reader and the extractors stop with the load
	docs := make(chan loader.Document)
	out := make(chan item)
	readErrs := make(chan error)
	// read holds the articles read and not yet saved or failed, with their order of reading.
	var read struct {
		sync.Mutex
		n      int
		places map[string]int
	}
	read.places = map[string]int{}
	done := func(where string) {
		read.Lock()
		delete(read.places, where)
		read.Unlock()
	}
	go func() {
		defer close(docs)
		defer close(readErrs)
		for doc, err := range loader.Documents(work, e.stdin, paths...) {
			if err != nil {
				select {
				case readErrs <- err:
				case <-work.Done():
					return
				}
				continue
			}
			read.Lock()
			read.n++
			read.places[where(doc)] = read.n
			read.Unlock()
			select {
			case docs <- doc:
			case <-work.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for doc := range docs {
				x, err := extract(work, e, ex, doc)
				select {
				case out <- item{x, where(doc), err}:
				case <-work.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(out) }()

	var failing time.Duration // time spent on failed saves, against retryFor
	save := func(batch []graph.Extraction) error {
		backoff := 250 * time.Millisecond
		for {
			start := time.Now()
			err := st.Save(ctx, batch)
			if err == nil || errors.Is(err, graph.ErrInvalid) || ctx.Err() != nil {
				return err
			}
			failing += time.Since(start)
			if failing+backoff > retryFor {
				return &errStoreDown{err, failing}
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
	saved := func(it item) {
		res.articles++
		res.claims += len(it.x.Claims)
		done(it.where)
	}
	// flush saves the pending batch and returns an error that ends the load.
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		batch := make([]graph.Extraction, len(pending))
		for i, it := range pending {
			batch[i] = it.x
		}
		err := save(batch)
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
					fail(fmt.Errorf("article %s: %w", it.x.Article.ID, err))
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
		return nil
	}
	stop := func(err error) loadResult {
		abandon()
		res.stopped = err
		read.Lock()
		defer read.Unlock()
		for where := range read.places {
			res.unsaved = append(res.unsaved, where)
		}
		slices.SortFunc(res.unsaved, func(a, b string) int { return read.places[a] - read.places[b] })
		return res
	}
	for out != nil || readErrs != nil {
		select {
		case <-ctx.Done():
			return stop(ctx.Err())
		case err, ok := <-readErrs:
			if !ok {
				readErrs = nil
				continue
			}
			if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
				continue // ctx ended: the case above reports it
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
			pending = append(pending, it)
			if len(pending) >= batchSize {
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
	return res
}

// where names a document by its place and id: FILE:LINE (ID).
func where(doc loader.Document) string {
	file := doc.File
	if file == "-" {
		file = "stdin"
	}
	return fmt.Sprintf("%s:%d (%s)", file, doc.Line, doc.ID)
}

// reportStop tells the user why a load stopped early, what it did not save and how to finish.
func reportStop(e *env, res loadResult) {
	if res.stopped == nil {
		return
	}
	why := res.stopped.Error()
	if errors.Is(res.stopped, context.Canceled) {
		why = "interrupted (" + res.stopped.Error() + ")"
	}
	fmt.Fprintf(e.stderr, "dyad load: stopped: %s\n", why)
	const shown = 10
	if n := len(res.unsaved); n > 0 {
		list := res.unsaved[:min(n, shown)]
		more := ""
		if n > shown {
			more = fmt.Sprintf(" and %d more", n-shown)
		}
		fmt.Fprintf(e.stderr, "dyad load: not saved: %d articles read: %s%s; nor what came after them\n", n, strings.Join(list, ", "), more)
	}
	fmt.Fprintln(e.stderr, "dyad load: run the same command again to finish: what was saved is saved, and loading it again changes nothing")
}

// flagSet reports whether the flag was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}
