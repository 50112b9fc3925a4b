package main

import (
	"context"
	"fmt"
	"runtime"

	"github.com/dyadgraph/dyad/loader/bench"
)

func runBench(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "bench", "extract", "Bench extract measures the rule-based extractor's throughput on one core over a corpus\n"+
		"of shuffled sentences, built in memory from shared/eval (the sample article and the\n"+
		"development set) when present, else from loader/samples, and prints a table.")
	size := fs.Int("mb", bench.DefaultMinBytes>>20, "corpus size in `MiB`")
	seed := fs.Uint64("seed", 1, "shuffle seed")
	shared := fs.String("shared", "../shared/eval", "`directory` of the shared evaluation texts")
	samples := fs.String("samples", "loader/samples", "fallback corpus `path` when the shared texts are absent")
	cpus := fs.Int("cpu", 1, "GOMAXPROCS while extracting")
	gaz := fs.String("gazetteer", "", "extra gazetteer `files`, comma-separated")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 || fs.Arg(0) != "extract" {
		return usageErr("want: dyad bench extract")
	}
	ex, err := newExtractor(*gaz)
	if err != nil {
		return err
	}
	docs, fromShared, err := bench.Build(ctx, *shared, []string{*samples}, max(1, *size)<<20, *seed)
	if err != nil {
		return err
	}
	src := *samples
	if fromShared {
		src = *shared
	}
	fmt.Fprintf(e.stdout, "corpus            %d documents shuffled from %s (seed %d)\n", len(docs), src, *seed)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(max(1, *cpus)))
	res, err := bench.Extract(ctx, ex, docs)
	if err != nil {
		return err
	}
	return res.WriteTable(e.stdout)
}
