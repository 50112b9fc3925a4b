package main

import (
	"context"
	"fmt"
	"runtime"
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
	st, where, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()

	start := time.Now()
	res := loadInto(ctx, e, st, ex, fs.Args(), max(1, *batch))
	fmt.Fprintf(e.stderr, "dyad load: %d articles, %d claims into %s in %s; %d failed\n",
		res.articles, res.claims, where, time.Since(start).Round(time.Millisecond), res.failed)
	if res.failed > 0 {
		return errFailed
	}
	return ctx.Err()
}

type loadResult struct{ articles, claims, failed int }

// loadInto reads documents, extracts them on every core and saves them in batches. A document
// that cannot be read or extracted, or a batch the store refuses, is reported and the rest go
// on; a refused batch is retried article by article so that only the bad ones are lost.
func loadInto(ctx context.Context, e *env, st graph.Store, ex loader.Extractor, paths []string, batchSize int) loadResult {
	var res loadResult
	fail := func(err error) {
		res.failed++
		fmt.Fprintln(e.stderr, err)
	}
	type item struct {
		x   graph.Extraction
		err error
	}
	docs := make(chan loader.Document)
	out := make(chan item)
	readErrs := make(chan error)
	go func() {
		defer close(docs)
		defer close(readErrs)
		for doc, err := range loader.Documents(ctx, e.stdin, paths...) {
			if err != nil {
				readErrs <- err
				continue
			}
			select {
			case docs <- doc:
			case <-ctx.Done():
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
				x, err := extract(ctx, e, ex, doc)
				out <- item{x, err}
			}
		}()
	}
	go func() { wg.Wait(); close(out) }()

	var pending []graph.Extraction
	flush := func() {
		if len(pending) == 0 {
			return
		}
		if err := st.Save(ctx, pending); err != nil {
			for _, x := range pending {
				if err := st.Save(ctx, []graph.Extraction{x}); err != nil {
					fail(fmt.Errorf("article %s: %w", x.Article.ID, err))
					continue
				}
				res.articles++
				res.claims += len(x.Claims)
			}
		} else {
			for _, x := range pending {
				res.articles++
				res.claims += len(x.Claims)
			}
		}
		pending = pending[:0]
	}
	for out != nil || readErrs != nil {
		select {
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
			if len(pending) >= batchSize {
				flush()
			}
		}
	}
	flush()
	return res
}
