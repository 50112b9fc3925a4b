package syntax

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
)

// Score counts a parse's agreement with the gold trees over all words, punctuation included
// (as the CoNLL 2018 shared task counts).
type Score struct {
	Words     int
	Head      int // right head
	HeadLabel int // right head and label, subtype included
	HeadUniv  int // right head and label without its subtype (CoNLL 2018's LAS)
}

func (s Score) pct(n int) float64 {
	if s.Words == 0 {
		return 0
	}
	return 100 * float64(n) / float64(s.Words)
}

// UAS is the percentage of words with the right head.
func (s Score) UAS() float64 { return s.pct(s.Head) }

// LAS is the percentage of words with the right head and the right full label.
func (s Score) LAS() float64 { return s.pct(s.HeadLabel) }

// LASUniversal is LAS comparing labels without their subtypes.
func (s Score) LASUniversal() float64 { return s.pct(s.HeadUniv) }

func (s Score) String() string {
	return fmt.Sprintf("UAS %.2f LAS %.2f (universal labels %.2f) over %d words", s.UAS(), s.LAS(), s.LASUniversal(), s.Words)
}

// Evaluate parses each sentence (with its Tags) and scores it against its gold tree.
func Evaluate(p *Parser, sents []Sentence) Score {
	var sc Score
	for _, s := range sents {
		t := p.Parse(s.Words, s.Tags)
		for i := range s.Words {
			sc.Words++
			if t.Head[i] != s.Head[i] {
				continue
			}
			sc.Head++
			if t.Label[i] == s.Label[i] {
				sc.HeadLabel++
			}
			if universal(t.Label[i]) == universal(s.Label[i]) {
				sc.HeadUniv++
			}
		}
	}
	return sc
}

func universal(l string) string {
	if i := strings.IndexByte(l, ':'); i >= 0 {
		return l[:i]
	}
	return l
}

// Retag returns copies of the sentences with the tagger's tags in place of the treebank's, and
// how many of the tagger's tags agree with the treebank's.
func Retag(tg *Tagger, sents []Sentence) (out []Sentence, correct, total int) {
	out = make([]Sentence, len(sents))
	for i, s := range sents {
		tags := make([]string, len(s.Words))
		tg.Tag(s.Words, tags)
		for k, t := range tags {
			if t == s.XPOS[k] {
				correct++
			}
		}
		total += len(tags)
		s.Tags = tags
		out[i] = s
	}
	return out, correct, total
}

// TrainOptions are the settings of Train.
type TrainOptions struct {
	Epochs      int     // the most epochs to train; the best on dev is kept
	Seed        uint64  // for the order of sentences and for exploration
	ExploreFrom int     // the first epoch (from 1) in which the dynamic oracle follows the model's mistakes
	ExploreP    float64 // how often it follows a mistake then
	ActionBits  uint    // the action table has 1<<ActionBits rows
	LabelBits   uint    // the label table has 1<<LabelBits rows
	RetagEpochs int     // epochs of the retaggers (0: none, the parser reads the given tags)
	RetagBits   uint    // the retaggers' tables have 1<<RetagBits rows
	RetagFolds  int     // the training sentences' parser tags come from this many jackknifed retaggers
	Prune       int     // weights under this level (1..127, see levels) are dropped
	Models      int     // learners trained side by side, each in its own order, whose weights are summed
	Log         io.Writer
}

func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)) }

// perceptron is an averaged perceptron over a hashed table of rows of weights, averaged with
// the "sum of time-weighted updates" trick: average = w - u/t.
type perceptron struct {
	classes int
	bits    uint
	w       []int32
	u       []int64
}

func newPerceptron(classes int, bits uint) *perceptron {
	n := (1 << bits) * classes
	return &perceptron{classes: classes, bits: bits, w: make([]int32, n), u: make([]int64, n)}
}

func (p *perceptron) scores(f []uint64, sc []int64) {
	clear(sc)
	for _, h := range f {
		r := int(h>>(64-p.bits)) * p.classes
		for k, x := range p.w[r : r+p.classes] {
			sc[k] += int64(x)
		}
	}
}

func (p *perceptron) update(f []uint64, good, bad int, t int64) {
	for _, h := range f {
		r := int(h>>(64-p.bits)) * p.classes
		p.w[r+good]++
		p.u[r+good] += t
		p.w[r+bad]--
		p.u[r+bad] -= t
	}
}

// quantize returns the averaged weights at time t, scaled so that the largest is 32767 and
// rounded to the nearest of the 255 weight levels (see levels); those under level floor
// become 0.
func (p *perceptron) quantize(t int64, floor int) []int16 {
	return quantize([]*perceptron{p}, []int64{t}, floor)
}

// quantize quantizes the sum of the perceptrons' averaged weights (at times t).
func quantize(ps []*perceptron, t []int64, floor int) []int16 {
	avg := func(i int) float64 {
		var a float64
		for k, p := range ps {
			a += float64(p.w[i]) - float64(p.u[i])/float64(t[k])
		}
		return a
	}
	n := len(ps[0].w)
	var maxAbs float64
	for i := range n {
		maxAbs = max(maxAbs, math.Abs(avg(i)))
	}
	out := make([]int16, n)
	if maxAbs == 0 {
		return out
	}
	scale := 32767 / maxAbs
	for i := range n {
		out[i] = levelOf(avg(i)*scale, floor)
	}
	return out
}

// Train trains a parser on the sentences' trees, seeing the sentences' Tags (give it the
// tagger's tags, as at parse time), and returns the parser of the epoch with the best LAS on
// dev, with each epoch's dev score. Sentences whose tree is not projective are left out.
// Training is deterministic.
func Train(train, dev []Sentence, opt TrainOptions) (*Parser, []Score, error) {
	if opt.Epochs <= 0 {
		return nil, nil, fmt.Errorf("syntax: train for at least one epoch")
	}
	labelSet := map[string]bool{"root": true}
	var proj []Sentence
	for _, s := range train {
		if !s.projective() {
			continue
		}
		proj = append(proj, s)
		for _, l := range s.Label {
			labelSet[l] = true
		}
	}
	if len(proj) == 0 {
		return nil, nil, fmt.Errorf("syntax: no projective training sentence")
	}
	labels := make([]string, 0, len(labelSet))
	for l := range labelSet {
		labels = append(labels, l)
	}
	slices.Sort(labels)
	if len(labels) > 250 {
		return nil, nil, fmt.Errorf("syntax: %d labels, at most 250", len(labels))
	}
	labelID := map[string]int{}
	for i, l := range labels {
		labelID[l] = i
	}
	rootLabel := labelID["root"]
	logf := func(format string, args ...any) {
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, format, args...)
		}
	}
	logf("%d of %d training sentences are projective; %d labels\n", len(proj), len(train), len(labels))

	// the retagger, and the tags the parser sees in training: each sentence's from a retagger
	// that was not trained on it
	var rt *retagger
	ptags := make([][]string, len(proj))
	for i, s := range proj {
		ptags[i] = s.Tags
	}
	var ut *retagger
	putags := make([][]string, len(proj))
	if opt.RetagEpochs > 0 {
		xpos, upos := make([][]string, len(proj)), make([][]string, len(proj))
		for i, s := range proj {
			xpos[i], upos[i] = s.XPOS, s.UPOS
		}
		var err error
		if rt, ptags, err = jackknife(false, proj, nil, xpos, opt, logf); err != nil {
			return nil, nil, err
		}
		if ut, putags, err = jackknife(true, proj, ptags, upos, opt, logf); err != nil {
			return nil, nil, err
		}
		if len(dev) > 0 {
			p := &Parser{rt: rt, ut: ut}
			var okX, okU, n int
			var st state
			b := &parseBuf{feats: make([]uint64, 0, maxFeatures), scores: make([]int32, 256)}
			for _, s := range dev {
				st.init(len(s.Words))
				st.setWords(s.Words, s.Tags)
				p.retag(b, &st)
				for w := range s.Words {
					n++
					if st.t[w+1] == hashTag(s.XPOS[w]) {
						okX++
					}
					if st.u[w+1] == hashTag(s.UPOS[w]) {
						okU++
					}
				}
			}
			logf("retaggers agree with the dev XPOS on %.2f%%, UPOS on %.2f%% of the words\n", 100*float64(okX)/float64(n), 100*float64(okU)/float64(n))
		}
	}
	// Models learners, each with its own order of sentences; the parser sums their averaged
	// weights (an ensemble that costs nothing at parse time)
	type learner struct {
		act, lab *perceptron
		rng      *rand.Rand
		order    []int
		t        int64
	}
	learners := make([]*learner, max(opt.Models, 1))
	for k := range learners {
		l := &learner{act: newPerceptron(nActions, opt.ActionBits), lab: newPerceptron(len(labels), opt.LabelBits),
			rng: newRand(opt.Seed + uint64(k)*0x9e3779b9), order: make([]int, len(proj))}
		for i := range l.order {
			l.order[i] = i
		}
		learners[k] = l
	}
	var (
		st     state
		feats  = make([]uint64, 0, maxFeatures)
		lfeats = make([]uint64, 0, maxFeatures)
		asc    = make([]int64, nActions)
		lsc    = make([]int64, len(labels))
		gold   []int32
		glab   []uint8
	)
	var best *Parser
	var bestLAS float64 = -1
	var scores []Score
	for epoch := 1; epoch <= opt.Epochs; epoch++ {
		explore := epoch >= opt.ExploreFrom && opt.ExploreFrom > 0
		var steps, errs int
		for _, ln := range learners {
			act, lab, rng, order := ln.act, ln.lab, ln.rng, ln.order
			rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
			for _, si := range order {
				s := &proj[si]
				n := len(s.Words)
				st.init(n)
				st.setWords(s.Words, s.Tags)
				for i, tg := range ptags[si] {
					st.t[i+1] = hashTag(tg)
				}
				for i, tg := range putags[si] {
					st.u[i+1] = hashTag(tg)
				}
				gold = resize(gold, n+2)
				glab = resizeU8(glab, n+2)
				for i := range n {
					gold[i+1] = int32(s.Head[i] + 1)
					glab[i+1] = uint8(labelID[s.Label[i]])
				}
				var ok [nActions]bool
				var cost [nActions]int
				for !st.terminal() {
					ln.t++
					t := ln.t
					steps++
					feats = st.actionFeatures(feats[:0])
					act.scores(feats, asc)
					st.valid(&ok)
					st.costs(gold, &ok, &cost)
					pred, g := -1, -1
					minCost := math.MaxInt
					for a := range nActions {
						if ok[a] {
							minCost = min(minCost, cost[a])
						}
					}
					for a := range nActions {
						if !ok[a] {
							continue
						}
						if pred < 0 || asc[a] > asc[pred] {
							pred = a
						}
						if cost[a] == minCost && (g < 0 || asc[a] > asc[g]) {
							g = a
						}
					}
					next := g
					if cost[pred] > minCost {
						errs++
						act.update(feats, g, pred, t)
						if explore && rng.Float64() < opt.ExploreP {
							next = pred
						}
					}
					var l uint8
					if next != shift {
						h, d := arcOf(&st, next)
						if h == 0 {
							l = uint8(rootLabel)
						} else {
							lfeats = st.labelFeatures(lfeats[:0], h, d, next)
							lab.scores(lfeats, lsc)
							lp := -1
							for k, v := range lsc {
								if k != rootLabel && (lp < 0 || v > lsc[lp]) {
									lp = k
								}
							}
							l = uint8(lp)
							if gold[d] == h {
								if lp != int(glab[d]) {
									lab.update(lfeats, int(glab[d]), lp, t)
								}
								l = glab[d]
							}
						}
					}
					st.apply(next, l)
				}
			}
		}
		acts, labs, ts := make([]*perceptron, len(learners)), make([]*perceptron, len(learners)), make([]int64, len(learners))
		for k, ln := range learners {
			acts[k], labs[k], ts[k] = ln.act, ln.lab, ln.t
		}
		p := &Parser{labels: labels, rootLabel: rootLabel, actBits: opt.ActionBits, labBits: opt.LabelBits,
			act: codes(quantize(acts, ts, opt.Prune)), lab: newSparse(quantize(labs, ts, opt.Prune), len(labels), opt.LabelBits), rt: rt, ut: ut}
		sc := Evaluate(p, dev)
		scores = append(scores, sc)
		logf("epoch %d: %.2f%% of %d transitions wrong; dev %v\n", epoch, 100*float64(errs)/float64(steps), steps, sc)
		if len(dev) == 0 || sc.LAS() > bestLAS {
			best, bestLAS = p, sc.LAS()
		}
	}
	return best, scores, nil
}
