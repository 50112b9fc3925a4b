// Command parsetrain trains loader/syntax's dependency parser on a Universal Dependencies
// treebank, or evaluates a model on one.
//
// Training tags the training and dev sentences with loader/syntax's tagger (the parser sees the
// tagger's tags at parse time, so it learns from them), trains for up to -epochs epochs,
// printing the dev scores of each, and writes the model of the best epoch:
//
//	go run ./tools/parsetrain -train ../shared/treebanks/en_ewt/en_ewt-ud-train.conllu \
//	    -dev ../shared/treebanks/en_ewt/en_ewt-ud-dev.conllu -out loader/syntax/model/parser.gz
//
// The same inputs and flags give the same model, byte for byte.
//
// With -eval it scores a model (-model, or the embedded one) on CoNLL-U files instead, with the
// tagger's tags and the files' own words:
//
//	go run ./tools/parsetrain -eval ../shared/treebanks/en_ewt/en_ewt-ud-test.conllu
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/dyadgraph/dyad/loader/syntax"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "parsetrain:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("parsetrain", flag.ContinueOnError)
	var (
		train       = fs.String("train", "", "CoNLL-U file to train on")
		dev         = fs.String("dev", "", "CoNLL-U file to choose the epoch on")
		out         = fs.String("out", "", "where to write the model")
		eval        = fs.String("eval", "", "CoNLL-U files to evaluate a model on, comma-separated (instead of training)")
		model       = fs.String("model", "", "the model -eval scores (default: the embedded one)")
		goldTags    = fs.Bool("goldtags", false, "parse with the treebank's tags instead of the tagger's")
		epochs      = fs.Int("epochs", 15, "the most epochs to train")
		seed        = fs.Uint64("seed", 1, "seed of the sentence order and of exploration")
		exploreFrom = fs.Int("explore-from", 2, "first epoch in which the oracle follows the model's mistakes (0: never)")
		exploreP    = fs.Float64("explore-p", 0.7, "how often it follows a mistake")
		actBits     = fs.Uint("action-bits", 22, "log2 of the action table's rows")
		labBits     = fs.Uint("label-bits", 18, "log2 of the label table's rows")
		retagEpochs = fs.Int("retag-epochs", 5, "epochs of the retagger (0: none; the parser reads the tagger's tags)")
		retagBits   = fs.Uint("retag-bits", 18, "log2 of the retagger table's rows")
		retagFolds  = fs.Int("retag-folds", 2, "folds of the jackknifed retaggers that tag the training sentences")
		models      = fs.Int("models", 2, "learners trained side by side in different orders, their weights summed")
		prune       = fs.Int("prune", 70, "drop weights under this level (1-127; level k is 32767·2^((k-127)/10) of the largest)")
	)
	if err := fs.Parse(args); err != nil {
		return err
	}
	tg, err := syntax.Default()
	if err != nil {
		return err
	}
	read := func(path string) ([]syntax.Sentence, error) {
		s, err := syntax.ReadCoNLLU(path)
		if err != nil {
			return nil, err
		}
		if *goldTags {
			return s, nil
		}
		tagged, ok, n := syntax.Retag(tg, s)
		fmt.Fprintf(stdout, "%s: %d sentences, %d words, tagger agrees with XPOS on %.2f%%\n", path, len(s), n, 100*float64(ok)/float64(n))
		return tagged, nil
	}
	if *eval != "" {
		var p *syntax.Parser
		if *model != "" {
			b, err := os.ReadFile(*model)
			if err != nil {
				return err
			}
			if p, err = syntax.ReadParser(bytes.NewReader(b)); err != nil {
				return err
			}
		} else if p, err = syntax.DefaultParser(); err != nil {
			return err
		}
		for _, f := range strings.Split(*eval, ",") {
			s, err := read(f)
			if err != nil {
				return err
			}
			var okX, okU, n int
			for _, x := range s {
				xpos, upos := p.Tags(x.Words, x.Tags)
				for i := range x.Words {
					n++
					if xpos[i] == x.XPOS[i] {
						okX++
					}
					if upos != nil && upos[i] == x.UPOS[i] {
						okU++
					}
				}
			}
			fmt.Fprintf(stdout, "%s: the parser's retaggers agree with XPOS on %.2f%%, UPOS on %.2f%%\n", f, 100*float64(okX)/float64(n), 100*float64(okU)/float64(n))
			start := time.Now()
			sc := syntax.Evaluate(p, s)
			el := time.Since(start)
			fmt.Fprintf(stdout, "%s: %v (%.0f words/s)\n", f, sc, float64(sc.Words)/el.Seconds())
		}
		return nil
	}
	if *train == "" || *out == "" {
		return fmt.Errorf("give -train and -out (and -dev), or -eval")
	}
	tr, err := read(*train)
	if err != nil {
		return err
	}
	var dv []syntax.Sentence
	if *dev != "" {
		if dv, err = read(*dev); err != nil {
			return err
		}
	}
	start := time.Now()
	p, scores, err := syntax.Train(tr, dv, syntax.TrainOptions{
		Epochs: *epochs, Seed: *seed, ExploreFrom: *exploreFrom, ExploreP: *exploreP,
		ActionBits: *actBits, LabelBits: *labBits, Log: stdout,
		RetagEpochs: *retagEpochs, RetagBits: *retagBits, RetagFolds: *retagFolds, Prune: *prune, Models: *models,
	})
	if err != nil {
		return err
	}
	bestEpoch, best := 0, -1.0
	for i, s := range scores {
		if s.LAS() > best {
			bestEpoch, best = i+1, s.LAS()
		}
	}
	var buf bytes.Buffer
	if _, err := p.WriteTo(&buf); err != nil {
		return err
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "trained in %v; kept epoch %d (dev LAS %.2f); wrote %s (%d bytes)\n",
		time.Since(start).Round(time.Second), bestEpoch, best, *out, buf.Len())
	return nil
}
