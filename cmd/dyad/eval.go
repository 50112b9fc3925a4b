package main

import (
	"context"
	"fmt"
	"slices"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/loader"
	"github.com/dyadgraph/dyad/loader/eval"
)

func runEval(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "eval", "GOLD.jsonl", "Eval runs extraction over the texts of a gold file and prints precision, recall and\n"+
		"F1 at two levels, dyad+type and dyad, with the matching rules of shared/eval/score.py.\n"+
		"The gold format is documented in loader/eval (go doc ./loader/eval).")
	article := fs.Bool("article", false, "score article-level gold: core recall and precision per record")
	errs := fs.Bool("errors", false, "also list each miss and each false positive with its sentence")
	types := fs.Bool("types", false, "also print precision and recall per type and the confusion matrix of types")
	predFile := fs.String("pred", "", "score this extract-contract JSONL `file` instead of extracting")
	minConf := fs.Float64("min-confidence", 0, "score only the relations whose confidence is at least `c` (0 to 1)")
	var xf extractorFlags
	xf.register(fs, e)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageErr("want exactly one GOLD.jsonl")
	}
	gold, err := eval.ReadGoldFile(fs.Arg(0))
	if err != nil {
		return err
	}
	var pred eval.Predictions
	if *predFile != "" {
		if pred, err = eval.ReadPredictionsFile(*predFile); err != nil {
			return err
		}
	} else {
		ex, err := xf.build(e)
		if err != nil {
			return err
		}
		pred = eval.Predictions{}
		for _, r := range gold {
			x, err := extract(ctx, e, ex, loader.Document{ID: r.ID, Text: r.Text, Published: r.Published, File: r.File, Line: r.Line})
			if err != nil {
				fmt.Fprintln(e.stderr, err)
				continue
			}
			x.Claims = slices.DeleteFunc(x.Claims, func(c graph.Claim) bool { return c.Confidence < *minConf })
			id, rels := eval.FromExtraction(x)
			pred.Add(id, rels...)
		}
	}
	if *article {
		rep := eval.ScoreArticles(gold, pred)
		if err := rep.Print(e.stdout); err != nil {
			return err
		}
		if *errs {
			return rep.PrintErrors(e.stdout)
		}
		return nil
	}
	rep := eval.Score(gold, pred)
	if err := rep.Print(e.stdout); err != nil {
		return err
	}
	if *types {
		fmt.Fprintln(e.stdout)
		if err := rep.PrintTypes(e.stdout); err != nil {
			return err
		}
	}
	if *errs {
		return rep.PrintErrors(e.stdout)
	}
	return nil
}
