package main

import (
	"bufio"
	"context"
	"fmt"
	"iter"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/loader"
)

func runExtract(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "extract", "PATH...", "Extract prints the relations found in articles, without storing them: one JSON line\n"+
		"per article (the extract contract in README.md), or a readable table with --format text.")
	format := fs.String("format", "jsonl", "output `format`: jsonl or text")
	var xf extractorFlags
	xf.register(fs, e)
	var web sourceFlags
	web.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if *format != "jsonl" && *format != "text" {
		return usageErr("--format must be jsonl or text, not %q", *format)
	}
	if fs.NArg() == 0 {
		return usageErr("no PATH given (use - for standard input)")
	}
	ex, err := xf.build(e)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(e.stdout)
	defer w.Flush()
	docs := documents(ctx, e.stdin, web.fetcher(), fs.Args(), func(msg string) { fmt.Fprintln(e.stderr, msg) })
	return eachDocument(ctx, e, w, "extract", docs, func(doc loader.Document) error {
		x, err := extract(ctx, e, ex, doc)
		if err == nil {
			err = writeExtraction(w, x, *format)
		}
		return err
	})
}

// eachDocument runs do on each document, reporting each failure (a file that cannot be read,
// a bad line, an article that fails) on stderr and going on; it ends with the count of
// failures, if any, after flushing w.
func eachDocument(ctx context.Context, e *env, w *bufio.Writer, command string, docs iter.Seq2[loader.Document, error], do func(loader.Document) error) error {
	failed := 0
	for doc, err := range docs {
		if err == nil {
			err = do(doc)
		}
		if err != nil {
			failed++
			fmt.Fprintln(e.stderr, err)
		}
	}
	if failed > 0 {
		w.Flush()
		fmt.Fprintf(e.stderr, "dyad %s: %d failed\n", command, failed)
		return errFailed
	}
	return ctx.Err()
}

func writeExtraction(w *bufio.Writer, x graph.Extraction, format string) error {
	if format == "jsonl" {
		line, err := loader.ContractLine(x)
		if err != nil {
			return err
		}
		w.Write(line)
		return w.WriteByte('\n')
	}
	names := map[string]string{}
	for _, a := range x.Actors {
		names[a.ID] = a.Name
	}
	fmt.Fprintf(w, "# %s %s\n", x.Article.ID, x.Article.Title)
	for _, c := range x.Claims {
		neg := ""
		if c.Negated {
			neg = " (negated)"
		}
		fmt.Fprintf(w, "%-24s %-11s %-24s %.2f %q%s\n", names[c.Source], c.Type, names[c.Target], c.Confidence, c.Predicate, neg)
	}
	return nil
}
