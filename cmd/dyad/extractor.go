package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/loader"
	"github.com/dyadgraph/dyad/loader/classify"
	"github.com/dyadgraph/dyad/loader/events"
	"github.com/dyadgraph/dyad/loader/llm"
)

// extractorFlags choose the extractors: the rule-based one always, over the built-in gazetteer
// and any extra files, and a model-based one beside it when an endpoint and model are given.
type extractorFlags struct {
	gazetteer        string
	llmURL, llmModel string
	claimModel       string
	claimMode        string
	minProbability   float64
	frameFloor       float64
}

func (x *extractorFlags) register(fs *flag.FlagSet, e *env) {
	fs.StringVar(&x.gazetteer, "gazetteer", "", "extra gazetteer `files`, comma-separated: actors, countries or relation patterns that add to or override the built-in ones")
	fs.StringVar(&x.llmURL, "llm-url", e.getenv("DYAD_LLM_URL"), "OpenAI-compatible chat-completions base `URL` (e.g. http://localhost:11434/v1) for the optional model-based extractor (env DYAD_LLM_URL); API key from DYAD_LLM_API_KEY")
	fs.StringVar(&x.llmModel, "llm-model", e.getenv("DYAD_LLM_MODEL"), "`model` for the model-based extractor (env DYAD_LLM_MODEL)")
	fs.StringVar(&x.claimModel, "claim-model", "", "the claim `model`: \"builtin\" (the default), a file written by tools/claimtrain, or \"none\" to let the hand frames decide every claim")
	fs.StringVar(&x.claimMode, "claim-mode", "fill", "how the claim model takes part: \"fill\" claims where the hand frames claimed nothing in a sentence, keeping all of theirs;\n\"decide\" decides every pair of actors, the frames' claims being its evidence")
	fs.Float64Var(&x.minProbability, "min-probability", 0, "claim a type when the claim model gives it at least `p` (0: the threshold chosen in training)")
	fs.Float64Var(&x.frameFloor, "frame-floor", 0, "keep a hand frame's claim when the claim model gives it at least `p` (0: the floor chosen in training; above 1: never on the frames' word alone)")
}

func (x *extractorFlags) build(e *env) (loader.Extractor, error) {
	var extra []string
	for _, f := range strings.Split(x.gazetteer, ",") {
		if f = strings.TrimSpace(f); f != "" {
			extra = append(extra, f)
		}
	}
	g, err := loader.LoadGazetteer(extra...)
	if err != nil {
		return nil, err
	}
	var opts []loader.RuleOption
	if x.claimMode != "" && x.claimMode != "fill" && x.claimMode != "decide" {
		return nil, usageErr("--claim-mode must be fill or decide, not %q", x.claimMode)
	}
	modelOpts := events.Options{Fill: x.claimMode != "decide", MinProbability: x.minProbability, FrameFloor: x.frameFloor}
	switch x.claimModel {
	case "builtin", "":
		m, err := events.DefaultModel()
		if err != nil {
			return nil, err
		}
		opts = append(opts, loader.WithClaimModel(m, modelOpts))
	case "none":
		opts = append(opts, loader.WithClaimModel(nil, events.Options{}))
	default:
		f, err := os.Open(x.claimModel)
		if err != nil {
			return nil, err
		}
		m, err := classify.Read(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", x.claimModel, err)
		}
		opts = append(opts, loader.WithClaimModel(m, modelOpts))
	}
	rules := loader.NewRuleExtractor(g, opts...)
	if x.llmURL == "" && x.llmModel == "" {
		return rules, nil
	}
	if x.llmURL == "" || x.llmModel == "" {
		return nil, usageErr("the model-based extractor needs both --llm-url and --llm-model")
	}
	m, err := llm.New(llm.Config{BaseURL: x.llmURL, Model: x.llmModel, APIKey: e.getenv("DYAD_LLM_API_KEY")}, g)
	if err != nil {
		return nil, err
	}
	return loader.Combine(rules, m), nil
}

// extract runs the extractor on one document. When only some of several extractors fail, it
// reports them and keeps what the others found; any other failure is an error naming the
// document's file and line.
func extract(ctx context.Context, e *env, ex loader.Extractor, doc loader.Document) (graph.Extraction, error) {
	x, err := ex.Extract(ctx, doc)
	file := doc.File
	if file == "-" {
		file = "stdin" // as the readers call it
	}
	var partial *loader.PartialError
	switch {
	case err == nil:
		return x, nil
	case errors.As(err, &partial):
		fmt.Fprintln(e.stderr, err)
		return x, nil
	case strings.HasPrefix(err.Error(), fmt.Sprintf("%s:%d", doc.File, doc.Line)): // it names the place already
		return x, err
	}
	return x, fmt.Errorf("%s:%d: %s: %w", file, doc.Line, doc.ID, err)
}
