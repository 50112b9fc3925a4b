package main

import (
	"context"
	"fmt"
	"time"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/ingest"
	"github.com/dyadgraph/dyad/loader"
)

func runLoad(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "load", "PATH...", "Load extracts claims from news articles and stores them. PATH is a file, a\n"+
		"directory (read recursively) or - for standard input; files are text (first line the title)\n"+
		"or JSONL with id, url, title, published, source and text. Bad input is reported with its\n"+
		"file and line, the rest still loads, and the exit status is 1 if anything failed.\n"+
		"With --server, the articles go to a running dyad serve, which extracts and saves them\n"+
		"(the embedded store has one writer: the server); it needs the server's ingest token.")
	var sf storeFlags
	sf.register(fs, e)
	var xf extractorFlags
	xf.register(fs, e)
	batch := fs.Int("batch", 64, "articles per store write")
	serverURL := fs.String("server", e.getenv("DYAD_SERVER"), "send the articles to the dyad serve at this `URL` (env DYAD_SERVER) instead of opening a store")
	var tf tokenFlags
	tf.register(fs, e, "for --server")
	quiet := fs.Bool("quiet", false, "no progress lines, only failures and the summary")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageErr("no PATH given; try dyad load loader/samples")
	}
	var prog *progress
	start := time.Now()
	finish := func(res loadResult, where string) error {
		prog.finish()
		fmt.Fprintf(e.stderr, "dyad load: %d articles, %d claims into %s in %s; %d failed\n",
			res.articles, res.claims, where, time.Since(start).Round(time.Millisecond), res.failed)
		if res.failed > 0 {
			return errFailed
		}
		return ctx.Err()
	}
	if *serverURL != "" {
		if xf.gazetteer != "" || xf.llmURL != "" || xf.llmModel != "" {
			return usageErr("with --server, the server extracts: give --gazetteer and --llm-* to dyad serve")
		}
		token, _, err := tf.token(e)
		if err != nil {
			return err
		}
		if !*quiet {
			prog = newProgress(ctx, e.stderr, fs.Args())
		}
		res, err := loadRemote(ctx, e, *serverURL, token, fs.Args(), prog)
		if err != nil {
			prog.finish()
			return err
		}
		return finish(res, *serverURL)
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
	if !*quiet {
		prog = newProgress(ctx, e.stderr, fs.Args())
	}
	res := loadInto(ctx, e, st, ex, fs.Args(), max(1, *batch), prog)
	return finish(res, where)
}

type loadResult struct{ articles, claims, failed int }

// loadInto reads documents, extracts them on every core and saves them in batches (package
// ingest), reporting each failure on stderr.
func loadInto(ctx context.Context, e *env, st graph.Store, ex loader.Extractor, paths []string, batchSize int, prog *progress) loadResult {
	c := ingest.Run(ctx, st, func(ctx context.Context, doc loader.Document) (graph.Extraction, error) {
		return extract(ctx, e, ex, doc)
	}, loader.Documents(ctx, e.stdin, paths...), ingest.Options{
		BatchSize:     batchSize,
		Fail:          func(err error) { prog.report(e.stderr, err) },
		Progress:      func(c ingest.Counts) { prog.set(c.Read, c.Articles, c.Claims, c.Failed) },
		ProgressEvery: 200 * time.Millisecond,
	})
	return loadResult{articles: c.Articles, claims: c.Claims, failed: c.Failed}
}
