package main

import (
	"context"
	"fmt"
	"runtime"

	"github.com/dyadgraph/dyad/loader/bench"
)

func runBench(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 && args[0] == "store" {
		return runBenchStore(ctx, e, args[1:])
	}
	fs := newFlags(e, "bench", "extract", "Bench extract measures the rule-based extractor's throughput on one core over a corpus\n"+
		"of shuffled sentences, built in memory from shared/eval (the sample article and the\n"+
		"development set) when present, else from loader/samples, and prints a table.")
	size := fs.Int("mb", bench.DefaultMinBytes>>20, "corpus size in `MiB`")
	seed := fs.Uint64("seed", 1, "shuffle seed")
	shared := fs.String("shared", "../shared/eval", "`directory` of the shared evaluation texts")
	samples := fs.String("samples", "loader/samples", "fallback corpus `path` when the shared texts are absent")
	cpus := fs.Int("cpu", 1, "GOMAXPROCS while extracting")
	var xf extractorFlags
	xf.register(fs, e)
	// "dyad bench extract --mb 1", as the usage writes it: the flag package stops at the first
	// argument, so the subcommand is taken off before the flags are parsed. Flags before it
	// ("dyad bench --mb 1 extract") work too.
	named := len(args) > 0 && args[0] == "extract"
	if named {
		args = args[1:]
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	if named && fs.NArg() != 0 || !named && (fs.NArg() != 1 || fs.Arg(0) != "extract") {
		return usageErr("want: dyad bench extract [flags]")
	}
	ex, err := xf.build(e)
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
