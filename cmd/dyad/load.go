package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"iter"
	"strings"
	"time"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/graph/neo4j"
	"github.com/dyadgraph/dyad/ingest"
	"github.com/dyadgraph/dyad/loader"
)

func runLoad(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "load", "PATH...", "Load extracts claims from news articles and stores them. PATH is a file, a\n"+
		"directory (read recursively), - for standard input, or an http(s) URL; files are text (first\n"+
		"line the title), JSONL with id, url, title, published, source and text, HTML pages (the main\n"+
		"text and the page's metadata are read) or RSS/Atom feeds (each item's page is read). Bad input is reported with its\n"+
		"file and line, the rest still loads, and the exit status is 1 if anything failed.\n"+
		"With --server, the articles go to a running dyad serve, which extracts and saves them\n"+
		"(the embedded store has one writer: the server); it needs the server's ingest token.")
	var sf storeFlags
	sf.register(fs, e)
	var xf extractorFlags
	xf.register(fs, e)
	batch := fs.Int("batch", 64, "articles per store write")
	retryFor := fs.Duration("retry-for", 0, "how long failing store writes are retried in all before the load stops\n"+
		"(default 60s with Neo4j, which may come back; 0 with the embedded store, whose failures last)")
	serverURL := fs.String("server", e.getenv("DYAD_SERVER"), "send the articles to the dyad serve at this `URL` (env DYAD_SERVER) instead of opening a store")
	var tf tokenFlags
	tf.register(fs, e, "for --server")
	quiet := fs.Bool("quiet", false, "no progress lines, only failures and the summary")
	var web sourceFlags
	web.register(fs)
	var imp importFlags
	imp.register(fs, e)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageErr("no PATH given; try dyad load loader/samples")
	}
	var home *neo4jHome
	if imp.home != "" {
		if *serverURL != "" || flagSet(fs, "neo4j") || flagSet(fs, "data") {
			return usageErr("--neo4j-import builds a new database itself: not with --server, --neo4j or --data")
		}
		var err error
		if home, err = imp.check(ctx, e); err != nil {
			return err
		}
	}
	var prog *progress
	docs := documents(ctx, e.stdin, web.fetcher(), fs.Args(), func(msg string) { prog.report(e.stderr, msg) })
	start := time.Now()
	finish := func(res loadResult, where string) error {
		prog.finish()
		reportStop(e, res)
		fmt.Fprintf(e.stderr, "dyad load: %d articles (%s), %d claims into %s in %s; %d failed\n",
			res.articles, res.changes(), res.claims, where, time.Since(start).Round(time.Millisecond), res.failed+len(res.unsaved))
		if res.failed > 0 || res.stopped != nil {
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
		res, err := loadRemote(ctx, e, *serverURL, token, docs, prog)
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
	if home != nil {
		if !*quiet {
			prog = newProgress(ctx, e.stderr, fs.Args())
		}
		bulk := neo4j.NewBulk()
		res := loadInto(ctx, e, bulkStore{bulk: bulk}, ex, docs, max(1, *batch), 0, prog)
		if res.stopped != nil || ctx.Err() != nil {
			err := finish(res, "memory, for a Neo4j import")
			fmt.Fprintln(e.stderr, "dyad load: nothing was imported into Neo4j")
			return err
		}
		prog.finish()
		prog = nil
		times, err := home.build(ctx, bulk)
		if err != nil {
			return err
		}
		st := bulk.Stats()
		fmt.Fprintf(e.stderr, "dyad load: imported %d actors, %d articles, %d claims, %d relations into a new Neo4j database in %s "+
			"(files %s, neo4j-admin %s, indexes %s); serve it with %s start %s\n",
			st.Actors, st.Articles, st.Claims, st.Relations, home.dir, times.csv.Round(time.Millisecond),
			times.admin.Round(time.Millisecond), times.schema.Round(time.Millisecond), home.launcher, home.dir)
		return finish(res, "a new Neo4j database in "+home.dir)
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
	if !*quiet {
		prog = newProgress(ctx, e.stderr, fs.Args())
	}
	res := loadInto(ctx, e, st, ex, docs, max(1, *batch), *retryFor, prog)
	return finish(res, where)
}

type loadResult struct {
	articles, claims, failed int
	// newArticles, changed and unchanged tell the saved articles apart (see ingest.Counts).
	newArticles, changed, unchanged int
	// stopped says why the load ended before its input did: the store failed past the retry
	// budget, or a signal came. nil when the input was read to its end.
	stopped error
	// unsaved are the articles read but not saved when the load stopped, as FILE:LINE (id),
	// in the order they were read.
	unsaved []string
}

// errStoreDown reports that the store kept failing for the whole retry budget.
type errStoreDown = ingest.StoreDownError

// loadInto takes documents, extracts them on every core and saves them in batches (package
// ingest), reporting each failure on stderr. A store that keeps failing past retryFor, or a
// signal, stops the load; the result then names what was read and not saved.
func loadInto(ctx context.Context, e *env, st graph.Store, ex loader.Extractor, docs iter.Seq2[loader.Document, error], batchSize int, retryFor time.Duration, prog *progress) loadResult {
	c := ingest.Run(ctx, st, func(ctx context.Context, doc loader.Document) (graph.Extraction, error) {
		return extract(ctx, e, ex, doc)
	}, docs, ingest.Options{
		BatchSize:     batchSize,
		RetryFor:      retryFor,
		Fail:          func(err error) { prog.report(e.stderr, err) },
		Progress:      func(c ingest.Counts) { prog.set(c.Read, c.Articles, c.Claims, c.Failed) },
		ProgressEvery: 200 * time.Millisecond,
	})
	return loadResult{articles: c.Articles, claims: c.Claims, failed: c.Failed, stopped: c.Stopped, unsaved: c.Unsaved,
		newArticles: c.New, changed: c.Changed, unchanged: c.Unchanged}
}

// changes says what the saved articles changed: "nothing changed" when every one was stored
// already as it is, else how many were new, changed and unchanged.
func (r loadResult) changes() string {
	if r.articles > 0 && r.unchanged == r.articles {
		return "nothing changed"
	}
	s := fmt.Sprintf("%d new, %d changed, %d unchanged", r.newArticles, r.changed, r.unchanged)
	if unknown := r.articles - r.newArticles - r.changed - r.unchanged; unknown > 0 {
		s += fmt.Sprintf(", %d not compared", unknown)
	}
	return s
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
