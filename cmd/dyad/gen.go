package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/graph/neo4j"
	"github.com/dyadgraph/dyad/graph/synth"
)

// DefaultGenBatch is how many articles dyad gen hands the store in one Save: about 5,000 claims,
// where Neo4j's batched writes level off (see BENCHMARKS.md).
const DefaultGenBatch = 1000

func runGen(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "gen", "", "Gen writes a synthetic, news-like corpus straight into a store, for load tests and benchmarks:\n"+
		"actors named with a power-law skew, the sixteen PLOVER types, five years of claims. The\n"+
		"same flags always give the same corpus.")
	var sf storeFlags
	sf.register(fs, e)
	actors := fs.Int("actors", 5000, "how many `actors`")
	claims := fs.Int("claims", 100000, "how many `claims`")
	seed := fs.Uint64("seed", 1, "random `seed`")
	batch := fs.Int("batch", DefaultGenBatch, "`articles` per store write")
	var imp importFlags
	imp.register(fs, e)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErr("gen takes no arguments")
	}
	if *actors < 10 || *claims < 1 || *batch < 1 {
		return usageErr("want --actors >= 10, --claims >= 1 and --batch >= 1")
	}
	corpus := synth.Corpus{Actors: *actors, Claims: *claims, Seed: *seed}
	if imp.home != "" {
		if flagSet(fs, "neo4j") || flagSet(fs, "data") {
			return usageErr("--neo4j-import builds a new database itself: not with --neo4j or --data")
		}
		return genImport(ctx, e, &imp, corpus, *batch)
	}
	st, where, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	fmt.Fprintf(e.stderr, "dyad gen: %d claims among %d actors (seed %d) into the %s\n", *claims, *actors, *seed, where)
	res, err := generate(ctx, st, corpus, *batch, 0, 0, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d articles, %d claims in %.1f s: %.0f claims/s\n", res.articles, res.claims,
		res.elapsed.Seconds(), float64(res.claims)/res.elapsed.Seconds())
	return st.Close()
}

// genImport generates the corpus into a new Neo4j database with the bulk importer
// (--neo4j-import) and prints the claims a second of the whole: the saves into memory, the
// import files, neo4j-admin, and the server start that creates the indexes.
func genImport(ctx context.Context, e *env, imp *importFlags, corpus synth.Corpus, batch int) error {
	home, err := imp.check(ctx, e)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "dyad gen: %d claims among %d actors (seed %d) into a new Neo4j database in %s\n",
		corpus.Claims, corpus.Actors, corpus.Seed, home.dir)
	bulk := neo4j.NewBulk()
	res, err := generate(ctx, bulkStore{bulk: bulk}, corpus, batch, 0, 0, nil)
	if err != nil {
		return err
	}
	times, err := home.build(ctx, bulk)
	if err != nil {
		return err
	}
	total := res.elapsed + times.total()
	fmt.Fprintf(e.stdout, "%d articles, %d claims in %.1f s: %.0f claims/s (in memory %.1f s, files %.1f s, neo4j-admin %.1f s, indexes %.1f s)\n",
		res.articles, res.claims, total.Seconds(), float64(res.claims)/total.Seconds(),
		res.elapsed.Seconds(), times.csv.Seconds(), times.admin.Seconds(), times.schema.Seconds())
	return nil
}

// errEnough stops a generation that has written what was asked.
var errEnough = errors.New("enough")

// genResult is what a generation wrote and how long the writes took.
type genResult struct {
	articles, claims int
	elapsed          time.Duration
}

// generate writes the corpus into st, batch articles per Save, skipping its first skip articles
// and stopping after the article that brings the claims written to limit (0: no limit).
// progress, when set, is called after each Save.
func generate(ctx context.Context, st graph.Store, c synth.Corpus, batch, skip, limit int, progress func(genResult)) (genResult, error) {
	var res genResult
	var pending []graph.Extraction
	pendingClaims := 0
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		start := time.Now()
		if err := st.Save(ctx, pending); err != nil {
			return err
		}
		res.elapsed += time.Since(start)
		res.articles += len(pending)
		res.claims += pendingClaims
		pending, pendingClaims = pending[:0], 0
		if progress != nil {
			progress(res)
		}
		return nil
	}
	seen := 0
	err := c.Each(ctx, func(x graph.Extraction) error {
		seen++
		if seen <= skip {
			return nil
		}
		if limit > 0 && res.claims+pendingClaims >= limit {
			return errEnough
		}
		pending = append(pending, x)
		pendingClaims += len(x.Claims)
		if len(pending) >= batch {
			return flush()
		}
		return nil
	})
	if err == nil || errors.Is(err, errEnough) {
		err = flush()
	}
	return res, err
}
