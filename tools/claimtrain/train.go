package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/loader"
	"github.com/dyadgraph/dyad/loader/classify"
	"github.com/dyadgraph/dyad/loader/eval"
	"github.com/dyadgraph/dyad/loader/events"
)

// heldOut reports whether a record belongs to the held-out split.
func heldOut(id string) bool { return events.HeldOut(id) }

// labelled is a corpus sentence with its candidates and their classes.
type labelled struct {
	rec      eval.Record
	examples []classify.Example
	reached  int // gold events some candidate matched
}

// classes are the model's classes: NONE first, then PLOVER's types in their order.
func classes() []string {
	out := []string{events.NoClaim}
	for _, t := range graph.Types {
		if t.Type != graph.Affiliation {
			out = append(out, string(t.Type))
		}
	}
	return out
}

// occurrences returns the byte spans where s occurs in text.
func occurrences(text, s string) [][2]int {
	var out [][2]int
	if s == "" {
		return nil
	}
	for at := 0; ; {
		i := strings.Index(text[at:], s)
		if i < 0 {
			return out
		}
		out = append(out, [2]int{at + i, at + i + len(s)})
		at += i + 1
	}
}

func overlaps(from, to int, spans [][2]int) bool {
	for _, s := range spans {
		if from < s[1] && s[0] < to {
			return true
		}
	}
	return false
}

// label runs the loader's candidate finder over a record and labels each candidate.
func label(g *loader.Gazetteer, rec eval.Record, index map[string]int) (labelled, error) {
	doc := loader.Document{ID: rec.ID, Text: rec.Text, Published: rec.Published, File: rec.File, Line: rec.Line}
	cands, err := loader.Candidates(g, doc)
	if err != nil {
		return labelled{}, err
	}
	l := labelled{rec: rec}
	reached := make([]bool, len(rec.Events))
	for _, c := range cands {
		matched := false
		for i, e := range rec.Events {
			if !overlaps(c.SourceFrom, c.SourceTo, occurrences(rec.Text, e.SourceText)) ||
				!overlaps(c.TargetFrom, c.TargetTo, occurrences(rec.Text, e.TargetText)) {
				continue
			}
			code, _, _ := strings.Cut(e.Code, "|")
			class, ok := index[strings.ToUpper(strings.TrimSpace(code))]
			if !ok {
				continue
			}
			l.examples = append(l.examples, classify.Example{Features: c.Features, Class: class})
			matched, reached[i] = true, true
		}
		if !matched {
			l.examples = append(l.examples, classify.Example{Features: c.Features, Class: 0})
		}
	}
	for _, r := range reached {
		if r {
			l.reached++
		}
	}
	return l, nil
}

func readCorpus(dir string) ([]eval.Record, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no *.jsonl files in %s", dir)
	}
	slices.Sort(files)
	var all []eval.Record
	for _, f := range files {
		recs, err := eval.ReadGoldFile(f)
		if err != nil {
			return nil, err
		}
		all = append(all, recs...)
	}
	return all, nil
}

// setting is one choice of training options, scored on the held-out split.
type setting struct {
	opts     classify.Options
	logLoss  float64
	accuracy float64
}

func run(corpusDir, out, reportPath, heldoutPath string) error {
	ctx := context.Background()
	recs, err := readCorpus(corpusDir)
	if err != nil {
		return err
	}
	g, err := loader.LoadGazetteer()
	if err != nil {
		return err
	}
	cls := classes()
	index := map[string]int{}
	for i, c := range cls {
		index[c] = i
	}
	var train, held []classify.Example
	var heldRecs []eval.Record
	events, reached := 0, 0
	for _, rec := range recs {
		l, err := label(g, rec, index)
		if err != nil {
			return fmt.Errorf("%s:%d: %w", rec.File, rec.Line, err)
		}
		events += len(rec.Events)
		reached += l.reached
		if heldOut(rec.ID) {
			held = append(held, l.examples...)
			heldRecs = append(heldRecs, rec)
		} else {
			train = append(train, l.examples...)
		}
	}
	var rep bytes.Buffer
	w := io.MultiWriter(os.Stdout, &rep)
	fmt.Fprintf(w, "corpus: %d sentences (%d held out), %d events, %d (%.1f%%) reachable as a candidate pair\n",
		len(recs), len(heldRecs), events, reached, 100*float64(reached)/float64(max(events, 1)))
	fmt.Fprintf(w, "examples: %d training, %d held out\n\n", len(train), len(held))

	// Choose the settings on the held-out split by log-loss.
	var tried []setting
	for _, l2 := range []float64{1e-6, 1e-5, 1e-4} {
		for _, epochs := range []int{6, 12, 20} {
			opts := classify.Options{Epochs: epochs, L2: l2}
			m, err := classify.Train(cls, train, opts)
			if err != nil {
				return err
			}
			m.Calibrate(held)
			s := setting{opts: opts}
			s.logLoss, s.accuracy = m.Evaluate(held)
			tried = append(tried, s)
			fmt.Fprintf(w, "L2=%-6g epochs=%-3d held-out log-loss %.4f, accuracy %.4f\n", l2, epochs, s.logLoss, s.accuracy)
		}
	}
	best := slices.MinFunc(tried, func(a, b setting) int { return cmp.Compare(a.logLoss, b.logLoss) })
	m, err := classify.Train(cls, train, best.opts)
	if err != nil {
		return err
	}
	temp := m.Calibrate(held)
	fmt.Fprintf(w, "\nchosen: L2=%g epochs=%d, temperature %.3f, %d features\n", best.opts.L2, best.opts.Epochs, temp, m.Features())

	// End to end on the held-out sentences, scored as `dyad eval` scores, at three thresholds.
	for _, thr := range []float64{0.3, 0.5, 0.7} {
		ex := loader.NewRuleExtractor(g, loader.WithClaimModel(m, thr))
		pred := eval.Predictions{}
		for _, r := range heldRecs {
			x, err := ex.Extract(ctx, loader.Document{ID: r.ID, Text: r.Text, Published: r.Published})
			if err != nil {
				return err
			}
			id, rels := eval.FromExtraction(x)
			pred.Add(id, rels...)
		}
		sr := eval.Score(heldRecs, pred)
		c := sr.DyadType
		fmt.Fprintf(w, "\nthreshold %.1f: dyad+type P=%.3f R=%.3f F1=%.3f (tp=%d fp=%d fn=%d)\n", thr, c.Precision(), c.Recall(), c.F1(), c.TP, c.FP, c.FN)
		if thr == 0.5 {
			sr.PrintTypes(w)
		}
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		return err
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stdout, "\nwrote %s (%d bytes)\n", out, buf.Len())
	if reportPath != "" {
		if err := os.WriteFile(reportPath, rep.Bytes(), 0o644); err != nil {
			return err
		}
	}
	if heldoutPath != "" {
		var hb bytes.Buffer
		for _, r := range heldRecs {
			rec := map[string]any{"id": r.ID, "text": r.Text, "events": goldEvents(r.Events)}
			if !r.Published.IsZero() {
				rec["published"] = r.Published.Format("2006-01-02")
			}
			line, _ := json.Marshal(rec)
			hb.Write(line)
			hb.WriteByte('\n')
		}
		if err := os.WriteFile(heldoutPath, hb.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func goldEvents(es []eval.Event) []map[string]any {
	out := []map[string]any{}
	for _, e := range es {
		m := map[string]any{"source": e.Source, "target": e.Target, "code": e.Code}
		if len(e.SourceNames) > 0 {
			m["source_names"] = e.SourceNames
		}
		if len(e.TargetNames) > 0 {
			m["target_names"] = e.TargetNames
		}
		out = append(out, m)
	}
	return out
}
