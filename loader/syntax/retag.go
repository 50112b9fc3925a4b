package syntax

import (
	"fmt"
	"slices"
)

// The parser's retaggers: the tags the parser reads are not the Tagger's as they come, but those
// of a second averaged perceptron, trained on the treebank, that sees the words and the Tagger's
// tags (Tagger's model was trained on other text, with other conventions: it agrees with EWT's
// tags on about 86% of words). Its classes are the treebank's tags (XPOS). A third one gives
// the Universal POS tags (UPOS), from the same and from the retagged XPOS: they tell apart what
// Penn tags do not (IN as ADP or SCONJ, VB* as AUX or VERB, DT as DET or PRON).

// retagFeatures writes the features for tagging word i (1-based in the state's arrays) given
// the tags already chosen for the words before it (prev1, prev2). upos adds the retagged XPOS.
func (s *state) retagFeatures(f []uint64, i int32, prev1, prev2 uint64, upos bool) []uint64 {
	w, p := s.w, s.pt
	at := func(k int32) int32 {
		if k < 1 || k > s.n {
			return s.none
		}
		return k
	}
	m1, m2, p1, p2 := at(i-1), at(i-2), at(i+1), at(i+2)
	f = append(f,
		f1(200, 0),
		f1(201, w[i]), f1(202, s.sfx[i]), f1(203, s.shp[i]), f1(204, s.pre[i]), f1(205, s.sfx2[i]),
		f1(206, p[i]), f2(207, p[i], w[i]), f2(208, p[i], s.shp[i]), f2(209, p[i], s.sfx[i]),
		f1(210, w[m1]), f1(211, w[p1]), f1(212, w[m2]), f1(213, w[p2]),
		f2(214, p[m1], p[i]), f2(215, p[i], p[p1]), f1(216, p[m1]), f1(217, p[p1]),
		f1(218, prev1), f2(219, prev1, prev2), f2(220, prev1, w[i]), f2(221, prev1, p[i]),
		f1(222, s.sfx[p1]), f1(223, s.sfx[m1]), f2(224, w[i], w[p1]), f2(225, w[m1], w[i]),
		f3(226, p[m1], p[i], p[p1]), f2(227, s.raw[i], p[i]),
		f2(228, p[i], s.vc[i]), f3(229, p[i], s.vc[i], s.sfx2[i]), f3(230, p[i], s.vc[i], prev1),
	)
	if upos {
		t := s.t
		f = append(f, f1(240, t[i]), f2(241, t[i], w[i]), f2(242, t[m1], t[i]), f2(243, t[i], t[p1]),
			f3(244, t[m1], t[i], t[p1]), f2(245, t[i], prev1))
	}
	return f
}

// retagger is a trained retagger: its classes (tags) and their hashes, and its weights.
type retagger struct {
	upos    bool // UPOS (into the state's u) rather than XPOS (into t)
	classes []string
	hashes  []uint64
	w       sparse // 1<<bits rows of len(classes) weights
}

// tag replaces the state's tags (st.t, or st.u for UPOS) with the retagger's, left to right. It
// returns the chosen classes in out (1-based like the state), if out is not nil.
func (r *retagger) tag(st *state, feats []uint64, sc []int32, out []uint8) []uint64 {
	C := len(r.classes)
	into := st.t
	if r.upos {
		into = st.u
	}
	sc = sc[:C]
	prev1, prev2 := tagRoot, tagRoot
	for i := int32(1); i <= st.n; i++ {
		feats = st.retagFeatures(feats[:0], i, prev1, prev2, r.upos)
		clear(sc)
		for _, f := range feats {
			r.w.add(sc, f)
		}
		best := 0
		for k, v := range sc {
			if v > sc[best] {
				best = k
			}
		}
		into[i] = r.hashes[best]
		if out != nil {
			out[i] = uint8(best)
		}
		prev2, prev1 = prev1, into[i]
	}
	return feats
}

func newRetagger(upos bool, classes []string, w sparse) *retagger {
	r := &retagger{upos: upos, classes: classes, w: w}
	for _, c := range classes {
		r.hashes = append(r.hashes, hashTag(c))
	}
	return r
}

// trainRetagger trains a retagger on sentences whose Tags are the given tags, whose retagged
// XPOS are input (for a UPOS retagger) and whose gold tags are gold, for a number of epochs, in an
// order drawn from seed.
func trainRetagger(upos bool, sents []Sentence, input, gold [][]string, classes []string, bits uint, epochs int, seed uint64, prune int) *retagger {
	classID := map[string]int{}
	for i, c := range classes {
		classID[c] = i
	}
	hashes := newRetagger(upos, classes, sparse{}).hashes
	pc := newPerceptron(len(classes), bits)
	rng := newRand(seed)
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	var st state
	feats := make([]uint64, 0, maxFeatures)
	sc := make([]int64, len(classes))
	var t int64
	for range epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, si := range order {
			s := &sents[si]
			st.init(len(s.Words))
			st.setWords(s.Words, s.Tags)
			if input != nil {
				for i, tg := range input[si] {
					st.t[i+1] = hashTag(tg)
				}
			}
			prev1, prev2 := tagRoot, tagRoot
			for i := range s.Words {
				t++
				feats = st.retagFeatures(feats[:0], int32(i+1), prev1, prev2, upos)
				pc.scores(feats, sc)
				best := 0
				for k, v := range sc {
					if v > sc[best] {
						best = k
					}
				}
				g, ok := classID[gold[si][i]]
				if !ok {
					g = best
				}
				if best != g {
					pc.update(feats, g, best, t)
				}
				prev2, prev1 = prev1, hashes[best]
			}
		}
	}
	return newRetagger(upos, classes, newSparse(pc.quantize(t, prune), len(classes), bits))
}

// jackknife trains a retagger on all the sentences, and one for each of k folds on the other
// folds, which tags its fold: it returns the first and the tags of the others.
func jackknife(upos bool, sents []Sentence, input, gold [][]string, opt TrainOptions, logf func(string, ...any)) (*retagger, [][]string, error) {
	classSet := map[string]bool{}
	for _, g := range gold {
		for _, c := range g {
			classSet[c] = true
		}
	}
	classes := make([]string, 0, len(classSet))
	for c := range classSet {
		classes = append(classes, c)
	}
	slices.Sort(classes)
	if len(classes) > 250 {
		return nil, nil, fmt.Errorf("syntax: %d tags, at most 250", len(classes))
	}
	full := trainRetagger(upos, sents, input, gold, classes, opt.RetagBits, opt.RetagEpochs, opt.Seed, opt.Prune)
	folds := max(opt.RetagFolds, 2)
	tags := make([][]string, len(sents))
	var st state
	feats := make([]uint64, 0, maxFeatures)
	sc := make([]int32, len(classes))
	var out []uint8
	ok, n := 0, 0
	for k := range folds {
		var inS []Sentence
		var inI, inG [][]string
		for i, s := range sents {
			if i%folds != k {
				inS = append(inS, s)
				inG = append(inG, gold[i])
				if input != nil {
					inI = append(inI, input[i])
				}
			}
		}
		fr := trainRetagger(upos, inS, inI, inG, classes, opt.RetagBits, opt.RetagEpochs, opt.Seed+uint64(k)+1, opt.Prune)
		for i, s := range sents {
			if i%folds != k {
				continue
			}
			st.init(len(s.Words))
			st.setWords(s.Words, s.Tags)
			if input != nil {
				for w, tg := range input[i] {
					st.t[w+1] = hashTag(tg)
				}
			}
			out = resizeU8(out, len(s.Words)+2)
			feats = fr.tag(&st, feats, sc, out)
			tags[i] = make([]string, len(s.Words))
			for w := range tags[i] {
				tags[i][w] = classes[out[w+1]]
				n++
				if tags[i][w] == gold[i][w] {
					ok++
				}
			}
		}
	}
	logf("%d jackknifed retaggers (UPOS %v) agree with the treebank on %.2f%% of the training words\n", folds, upos, 100*float64(ok)/float64(n))
	return full, tags, nil
}
