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
	// each event's class (-1 when not a model class) and where its actors' words stand
	classes := make([]int, len(rec.Events))
	sources, targets := make([][][2]int, len(rec.Events)), make([][][2]int, len(rec.Events))
	for i, e := range rec.Events {
		code, _, _ := strings.Cut(e.Code, "|")
		class, ok := index[strings.ToUpper(strings.TrimSpace(code))]
		if !ok {
			class = -1
		}
		classes[i] = class
		sources[i], targets[i] = occurrences(rec.Text, e.SourceText), occurrences(rec.Text, e.TargetText)
	}
	for _, c := range cands {
		matched := false
		for i, class := range classes {
			if class < 0 || !overlaps(c.SourceFrom, c.SourceTo, sources[i]) || !overlaps(c.TargetFrom, c.TargetTo, targets[i]) {
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
	nEvents, reached := 0, 0
	for _, rec := range recs {
		l, err := label(g, rec, index)
		if err != nil {
			return fmt.Errorf("%s:%d: %w", rec.File, rec.Line, err)
		}
		nEvents += len(rec.Events)
		reached += l.reached
		if heldOut(rec.ID) {
			held = append(held, l.examples...)
			heldRecs = append(heldRecs, rec)
		} else {
			train = append(train, l.examples...)
		}
	}
	var logBuf bytes.Buffer
	w := io.MultiWriter(os.Stdout, &logBuf)
	fmt.Fprintf(w, "corpus: %d sentences (%d held out), %d events, %d (%.1f%%) reachable as a candidate pair\n",
		len(recs), len(heldRecs), nEvents, reached, 100*float64(reached)/float64(max(nEvents, 1)))
	fmt.Fprintf(w, "examples: %d training, %d held out\n\n", len(train), len(held))

	// Choose the settings on the held-out split by log-loss.
	var tried []setting
	for _, l2 := range []float64{1e-3, 3e-3, 1e-2, 3e-2} {
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

	// Pair by pair: is each labelled pair given its type?
	for _, thr := range []float64{0.3, 0.5, 0.7} {
		c := pairCounts(m, held, thr)
		fmt.Fprintf(w, "pairs at %.1f: P=%.3f R=%.3f F1=%.3f\n", thr, c.Precision(), c.Recall(), c.F1())
	}

	// End to end on the held-out sentences, scored as `dyad eval` scores: choose the threshold
	// and the frame floor with the best dyad+type F1.
	endToEnd := func(m *classify.Model, opts events.Options) (eval.Report, error) {
		ex := loader.NewRuleExtractor(g, loader.WithClaimModel(m, opts))
		pred := eval.Predictions{}
		for _, r := range heldRecs {
			x, err := ex.Extract(ctx, loader.Document{ID: r.ID, Text: r.Text, Published: r.Published})
			if err != nil {
				return eval.Report{}, err
			}
			id, rels := eval.FromExtraction(x)
			pred.Add(id, rels...)
		}
		return eval.Score(heldRecs, pred), nil
	}
	frames, err := endToEnd(nil, events.Options{})
	if err != nil {
		return err
	}
	c := frames.DyadType
	fmt.Fprintf(w, "\nheld out, the hand frames alone: dyad+type P=%.3f R=%.3f F1=%.3f\n", c.Precision(), c.Recall(), c.F1())
	fmt.Fprintf(w, "\nheld out, the model (frame floor: a frame's claim is kept at this probability; >1: never)\n%-9s %-6s %6s %6s %6s\n", "threshold", "floor", "P", "R", "F1")
	bestF1, bestThr, bestFloor := -1.0, 0.0, 0.0
	for _, floor := range []float64{2, 0.1, 0.03, 0.01} {
		for _, thr := range []float64{0.2, 0.3, 0.4, 0.5, 0.6, 0.7} {
			rep, err := endToEnd(m, events.Options{MinProbability: thr, FrameFloor: floor})
			if err != nil {
				return err
			}
			c := rep.DyadType
			fmt.Fprintf(w, "%-9.2f %-6.2f %6.3f %6.3f %6.3f\n", thr, floor, c.Precision(), c.Recall(), c.F1())
			if c.F1() > bestF1 {
				bestF1, bestThr, bestFloor = c.F1(), thr, floor
			}
		}
	}
	m.Params = map[string]float64{"threshold": bestThr, "frame-floor": bestFloor}
	fmt.Fprintf(w, "\nchosen: threshold %.2f, frame floor %.2f (held-out dyad+type F1 %.3f)\n\n", bestThr, bestFloor, bestF1)

	// Filling the frames' silences (the extractor's default): the frames' claims stay and the
	// model claims in the sentences where they claimed nothing. The threshold is the lowest at
	// which the claims the model adds are right more often than not on the held-out sentences:
	// an added claim must be likelier true than false.
	fmt.Fprintf(w, "held out, the frames with the model filling their silences (added: what the model adds to the frames)\n%-9s %6s %6s %6s %8s %8s\n",
		"threshold", "P", "R", "F1", "added", "added P")
	fillThr := 0.0
	fillGrid := []float64{0.2, 0.3, 0.4, 0.5, 0.6, 0.7}
	for _, thr := range fillGrid {
		rep, err := endToEnd(m, events.Options{Fill: true, MinProbability: thr})
		if err != nil {
			return err
		}
		c := rep.DyadType
		addTP, addFP := c.TP-frames.DyadType.TP, c.FP-frames.DyadType.FP
		addP := 0.0
		if addTP+addFP > 0 {
			addP = float64(addTP) / float64(addTP+addFP)
		}
		fmt.Fprintf(w, "%-9.2f %6.3f %6.3f %6.3f %8d %8.3f\n", thr, c.Precision(), c.Recall(), c.F1(), addTP+addFP, addP)
		if fillThr == 0 && addP >= 0.5 {
			fillThr = thr
		}
	}
	if fillThr == 0 {
		fillThr = fillGrid[len(fillGrid)-1]
	}
	m.Params["fill-threshold"] = fillThr
	fmt.Fprintf(w, "\nchosen fill threshold: %.2f\n\n", fillThr)
	rep, err := endToEnd(m, events.Options{})
	if err != nil {
		return err
	}
	rep.PrintTypes(w)
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
		if err := os.WriteFile(reportPath, logBuf.Bytes(), 0o644); err != nil {
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

// pairCounts counts, at threshold thr, the labelled pairs given their type (true positives),
// pairs given a wrong type or one they lack (false positives), and pairs with a type not given
// it (false negatives).
func pairCounts(m *classify.Model, examples []classify.Example, thr float64) eval.Counts {
	var c eval.Counts
	p := make([]float64, len(m.Classes))
	for _, e := range examples {
		p = m.Probabilities(e.Features, p)
		best := 1
		for k := 1; k < len(p); k++ {
			if p[k] > p[best] {
				best = k
			}
		}
		predicted := p[best] >= thr
		switch {
		case predicted && best == e.Class:
			c.TP++
		case predicted:
			c.FP++
			if e.Class != 0 {
				c.FN++
			}
		case e.Class != 0:
			c.FN++
		}
	}
	return c
}
