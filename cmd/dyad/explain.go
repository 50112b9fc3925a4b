package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/dyadgraph/dyad/loader"
	"github.com/dyadgraph/dyad/loader/events"
)

// explainer is an extractor that can say what it read (the rule-based one).
type explainer interface {
	Explain(ctx context.Context, doc loader.Document) ([]events.Explanation, error)
}

func runExplain(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "explain", "[PATH|URL...]", "Explain prints, sentence by sentence, what the rule-based extractor read in articles:\n"+
		"each word's part of speech, its head and relation in the dependency tree (CoNLL-U\n"+
		"numbering: words from 1, the root's head 0), the actors of the mention and the\n"+
		"lexicon entry it is part of, then the claims made in the sentence. Use it to see why\n"+
		"a claim was made or missed. --text explains one text given on the command line.")
	textArg := fs.String("text", "", "explain this `text` instead of files")
	format := fs.String("format", "text", "output `format`: text (a table a sentence) or jsonl (one JSON object a sentence)")
	var xf extractorFlags
	xf.register(fs, e)
	var web sourceFlags
	web.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if *format != "jsonl" && *format != "text" {
		return usageErr("--format must be text or jsonl, not %q", *format)
	}
	if (*textArg == "") == (fs.NArg() == 0) {
		return usageErr("give either --text TEXT or PATH... (- for standard input)")
	}
	ex, err := xf.build(e)
	if err != nil {
		return err
	}
	rx, ok := ex.(explainer)
	if !ok {
		return usageErr("explain reads the rule-based extractor only: drop --llm-url and --llm-model")
	}
	w := bufio.NewWriter(e.stdout)
	defer w.Flush()
	explain := func(doc loader.Document) error {
		xs, err := rx.Explain(ctx, doc)
		if err != nil {
			return err
		}
		if *format == "text" {
			fmt.Fprintf(w, "# article %s\n", doc.ID)
		}
		for i, x := range xs {
			if err := writeExplanation(w, i+1, x, *format); err != nil {
				return err
			}
		}
		return nil
	}
	if *textArg != "" {
		return explain(loader.Document{ID: "text", Text: *textArg})
	}
	docs := documents(ctx, e.stdin, web.fetcher(), fs.Args(), func(msg string) { fmt.Fprintln(e.stderr, msg) })
	return eachDocument(ctx, e, w, "explain", docs, explain)
}

// writeExplanation writes sentence n's explanation as a table or as one JSON line.
func writeExplanation(w *bufio.Writer, n int, x events.Explanation, format string) error {
	if format == "jsonl" {
		line, err := json.Marshal(x)
		if err != nil {
			return err
		}
		w.Write(line)
		return w.WriteByte('\n')
	}
	parsed := "parsed"
	if !x.Parsed {
		parsed = "not parsed: it cannot hold a claim, or is too long"
	}
	fmt.Fprintf(w, "# sentence %d (%s)\n# text = %s\n", n, parsed, x.Sentence)
	for i, wd := range x.Words {
		head, rel := "_", "_"
		if x.Parsed {
			head, rel = fmt.Sprint(wd.Head+1), wd.Relation
		}
		actors := "_"
		if wd.Mention {
			actors = "mention"
			if len(wd.Actors) > 0 {
				actors = strings.Join(wd.Actors, ",")
			}
		}
		pred := wd.Predicate
		if pred == "" {
			pred = "_"
		}
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", i+1, wd.Text, wd.Tag, head, rel, actors, pred)
	}
	for _, c := range x.Claims {
		neg := ""
		if c.Negated {
			neg = " negated"
		}
		fmt.Fprintf(w, "# claim: %s %s %s (%.2f%s) %q\n", c.Source, c.Type, c.Target, c.Confidence, neg, c.Predicate)
	}
	return w.WriteByte('\n')
}
