package syntax

// The parser's retagger: the tags the parser reads are not the Tagger's as they come, but those
// of a second averaged perceptron, trained on the treebank, that sees the words and the Tagger's
// tags (Tagger's model was trained on other text, with other conventions: it agrees with EWT's
// tags on about 86% of words). Its classes are the treebank's tags.

// retagFeatures writes the features for tagging word i (1-based in the state's arrays) given
// the tags already chosen for the words before it (prev1, prev2).
func (s *state) retagFeatures(f []uint64, i int32, prev1, prev2 uint64) []uint64 {
	w, p := s.w, s.t
	at := func(k int32) int32 {
		if k < 1 || k > s.n {
			return s.none
		}
		return k
	}
	m1, m2, p1, p2 := at(i-1), at(i-2), at(i+1), at(i+2)
	return append(f,
		f1(200, 0),
		f1(201, w[i]), f1(202, s.sfx[i]), f1(203, s.shp[i]), f1(204, s.pre[i]), f1(205, s.sfx2[i]),
		f1(206, p[i]), f2(207, p[i], w[i]), f2(208, p[i], s.shp[i]), f2(209, p[i], s.sfx[i]),
		f1(210, w[m1]), f1(211, w[p1]), f1(212, w[m2]), f1(213, w[p2]),
		f2(214, p[m1], p[i]), f2(215, p[i], p[p1]), f1(216, p[m1]), f1(217, p[p1]),
		f1(218, prev1), f2(219, prev1, prev2), f2(220, prev1, w[i]), f2(221, prev1, p[i]),
		f1(222, s.sfx[p1]), f1(223, s.sfx[m1]), f2(224, w[i], w[p1]), f2(225, w[m1], w[i]),
		f3(226, p[m1], p[i], p[p1]), f2(227, s.raw[i], p[i]),
	)
}

// retagger is a trained retagger: its classes (tags) and their hashes, and its weights.
type retagger struct {
	classes []string
	hashes  []uint64
	bits    uint
	w       []int16 // 1<<bits rows of len(classes) weights
}

// tag replaces the state's tags (st.t) with the retagger's, left to right. It returns the
// chosen classes in out (1-based like the state), if out is not nil.
func (r *retagger) tag(st *state, feats []uint64, sc []int32, out []uint8) []uint64 {
	C := len(r.classes)
	sc = sc[:C]
	shiftBits := 64 - r.bits
	prev1, prev2 := tagRoot, tagRoot
	for i := int32(1); i <= st.n; i++ {
		feats = st.retagFeatures(feats[:0], i, prev1, prev2)
		clear(sc)
		for _, f := range feats {
			row := int(f>>shiftBits) * C
			for k, x := range r.w[row : row+C : row+C] {
				sc[k] += int32(x)
			}
		}
		best := 0
		for k, v := range sc {
			if v > sc[best] {
				best = k
			}
		}
		st.t[i] = r.hashes[best]
		if out != nil {
			out[i] = uint8(best)
		}
		prev2, prev1 = prev1, st.t[i]
	}
	return feats
}

func newRetagger(classes []string, bits uint, w []int16) *retagger {
	r := &retagger{classes: classes, bits: bits, w: w}
	for _, c := range classes {
		r.hashes = append(r.hashes, hashTag(c))
	}
	return r
}

// trainRetagger trains a retagger on sentences whose Tags are the input tags and whose gold
// tags are gold[i], for a number of epochs, in an order drawn from seed.
func trainRetagger(sents []Sentence, gold [][]string, classes []string, bits uint, epochs int, seed uint64) *retagger {
	classID := map[string]int{}
	for i, c := range classes {
		classID[c] = i
	}
	hashes := newRetagger(classes, bits, nil).hashes
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
			prev1, prev2 := tagRoot, tagRoot
			for i := range s.Words {
				t++
				feats = st.retagFeatures(feats[:0], int32(i+1), prev1, prev2)
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
	return newRetagger(classes, bits, pc.quantize(t))
}
