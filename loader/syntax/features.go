package syntax

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Features are hashed: each is a template number and up to three values (word, tag and label
// hashes, counts, distances), mixed into 64 bits; the weight table row is the hash's top bits.
// Nothing is a string at parse time except the words, hashed once per sentence.

const (
	mulA = 0x9E3779B97F4A7C15
	mulB = 0xD6E8FEB86659FD93
)

func mix(h, v uint64) uint64 {
	h = (h ^ v) * mulA
	return h ^ h>>31
}

func f1(t, a uint64) uint64       { return mix(mix(t*mulB, a), 1) }
func f2(t, a, b uint64) uint64    { return mix(mix(mix(t*mulB, a), b), 2) }
func f3(t, a, b, c uint64) uint64 { return mix(mix(mix(mix(t*mulB, a), b), c), 3) }

// hashWord is the hash of a word's parser form: lower case, with digits folded to 0.
func hashWord(w string) uint64 {
	h := uint64(fnvOffset)
	for _, r := range w {
		switch {
		case r >= '0' && r <= '9':
			r = '0'
		case r < utf8.RuneSelf:
			if r >= 'A' && r <= 'Z' {
				r += 'a' - 'A'
			}
		default:
			r = unicode.ToLower(r)
		}
		if r < utf8.RuneSelf {
			h = (h ^ uint64(r)) * fnvPrime
		} else {
			var buf [4]byte
			n := utf8.EncodeRune(buf[:], r)
			for _, c := range buf[:n] {
				h = (h ^ uint64(c)) * fnvPrime
			}
		}
	}
	return h
}

func hashTag(t string) uint64 { return hashString(fnvOffset^0x5bd1e995, t) }

var (
	wordRoot = hashString(fnvOffset, "<ROOT>")
	wordNone = hashString(fnvOffset, "<NONE>")
	tagRoot  = hashTag("<ROOT>")
	tagNone  = hashTag("<NONE>")
)

// setWords fills the state's word and tag hashes.
func (s *state) setWords(words, tags []string) {
	for _, i := range []int32{0, s.none} {
		w, t := wordRoot, tagRoot
		if i != 0 {
			w, t = wordNone, tagNone
		}
		s.w[i], s.t[i], s.sfx[i], s.shp[i] = w, t, w, w
		s.pt[i], s.raw[i], s.pre[i], s.sfx2[i], s.u[i], s.vc[i] = t, w, w, w, t, 0
	}
	s.verbContext(words, tags)
	for i, w := range words {
		k := i + 1
		s.w[k] = hashWord(w)
		s.t[k] = hashTag(tags[i])
		s.pt[k] = s.t[k]
		s.u[k] = tagNone
		s.sfx[k] = hashWord(suffixOf(w))
		s.shp[k] = shape(w)
		s.raw[k] = hashString(fnvOffset, w)
		if len(w) > 3 {
			s.pre[k] = hashWord(w[:3])
		} else {
			s.pre[k] = s.w[k]
		}
		if len(w) > 2 {
			s.sfx2[k] = hashWord(w[len(w)-2:])
		} else {
			s.sfx2[k] = s.w[k]
		}
	}
}

// verbContext sets each word's clause clues: whether a finite verb (as the given tags say)
// comes before it in the sentence, whether one comes after it, and whether a form of "be",
// "have" or "get" is among the three words before it. They tell a past tense (a finite verb
// where there is no other) from a participle, which the tags alone often get wrong.
func (s *state) verbContext(words, tags []string) {
	finite := func(t string) bool { return t == "VBD" || t == "VBZ" || t == "VBP" || t == "MD" }
	seen := false
	for i, t := range tags {
		s.vc[i+1] = 0
		if seen {
			s.vc[i+1] |= 1
		}
		if finite(t) {
			seen = true
		}
		for k := max(0, i-3); k < i; k++ {
			if isAux(words[k]) {
				s.vc[i+1] |= 4
				break
			}
		}
	}
	seen = false
	for i := len(tags) - 1; i >= 0; i-- {
		if seen {
			s.vc[i+1] |= 2
		}
		if finite(tags[i]) {
			seen = true
		}
	}
}

func isAux(w string) bool {
	switch strings.ToLower(w) {
	case "be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re", "'m",
		"have", "has", "had", "having", "'ve", "'d", "get", "gets", "got", "gotten", "getting":
		return true
	}
	return false
}

// suffixOf returns a word's last three characters (bytes, as the tagger's suffix).
func suffixOf(w string) string {
	if len(w) > 3 {
		return w[len(w)-3:]
	}
	return w
}

// shape is a word's shape as a small number: its first letter's case, whether all its letters
// are capitals, whether it has digits, a hyphen or only punctuation, and its length up to 4.
func shape(w string) uint64 {
	var upper, lower, digit, hyphen, other bool
	for i, r := range w {
		switch {
		case r >= 'A' && r <= 'Z' || r >= utf8.RuneSelf && unicode.IsUpper(r):
			upper = true
		case r >= 'a' && r <= 'z' || r >= utf8.RuneSelf && unicode.IsLetter(r):
			lower = true
		case r >= '0' && r <= '9':
			digit = true
		case r == '-' && i > 0:
			hyphen = true
		default:
			other = true
		}
	}
	var x uint64
	if w != "" && w[0] >= 'A' && w[0] <= 'Z' {
		x |= 1
	}
	if upper && !lower {
		x |= 2
	}
	if digit {
		x |= 4
	}
	if hyphen {
		x |= 8
	}
	if other && !upper && !lower && !digit {
		x |= 16
	}
	return x | uint64(min(len(w), 4))<<5
}

func bucket(d int32) uint64 {
	switch {
	case d <= 4:
		return uint64(d)
	case d <= 6:
		return 5
	case d <= 9:
		return 6
	}
	return 7
}

func lab(s *state, x int32) uint64 { return uint64(s.label[x]) }

const maxFeatures = 128

// actionFeatures writes the features of the configuration for choosing the next transition:
// Zhang and Nivre's (2011) rich set, read for arc-hybrid (stack words have no head yet, so s1
// and s2 take the place of s0's head and grandparent).
func (s *state) actionFeatures(f []uint64) []uint64 {
	s0, s1, s2 := s.st(0), s.st(1), s.st(2)
	n0, n1, n2 := s.buf(0), s.buf(1), s.buf(2)
	w, t := s.w, s.t
	s0w, s0t, n0w, n0t := w[s0], t[s0], w[n0], t[n0]
	n1w, n1t, n2w, n2t := w[n1], t[n1], w[n2], t[n2]
	s1w, s1t, s2w, s2t := w[s1], t[s1], w[s2], t[s2]
	s0l, s0r, n0l, s1l, s1r := s.l1[s0], s.r1[s0], s.l1[n0], s.l1[s1], s.r1[s1]
	s0l2, s0r2, n0l2 := s.l2[s0], s.r2[s0], s.l2[n0]
	var d, d1 uint64 = 8, 8
	if s0 != s.none && n0 != s.none {
		d = bucket(n0 - s0)
	}
	if s1 != s.none && s0 != s.none {
		d1 = bucket(s0 - s1)
	}
	vl0, vr0, vln := uint64(s.nl[s0]), uint64(s.nr[s0]), uint64(s.nl[n0])
	f = append(f,
		f1(0, 0),
		// single words
		f1(1, s0w), f1(2, s0t), f2(3, s0w, s0t),
		f1(4, n0w), f1(5, n0t), f2(6, n0w, n0t),
		f1(7, n1w), f1(8, n1t), f2(9, n1w, n1t),
		f1(10, n2w), f1(11, n2t), f2(12, n2w, n2t),
		f1(13, s1w), f1(14, s1t), f2(15, s1w, s1t),
		f1(16, s2w), f1(17, s2t),
		// pairs
		f3(18, s0w, s0t, mix(n0w, n0t)), f3(19, s0w, s0t, n0w), f3(20, s0w, n0w, n0t),
		f3(21, s0w, s0t, n0t), f3(22, s0t, n0w, n0t), f2(23, s0w, n0w), f2(24, s0t, n0t),
		f2(25, n0t, n1t), f2(26, s1t, s0t), f2(27, s1w, s0w), f3(28, s1w, s1t, s0t),
		f3(29, s1t, s0w, s0t), f2(30, s1t, n0t), f2(31, s1w, n0w), f2(32, s0w, n1w),
		// triples of tags
		f3(33, n0t, n1t, n2t), f3(34, s0t, n0t, n1t), f3(35, s1t, s0t, n0t), f3(36, s2t, s1t, s0t),
		f3(37, s0t, t[s0l], n0t), f3(38, s0t, t[s0r], n0t), f3(39, s0t, n0t, t[n0l]),
		f3(40, s1t, s0t, t[s0l]), f3(41, s1t, s0t, t[s0r]), f3(42, s1t, t[s1r], s0t), f3(43, s1t, t[s1l], s0t),
		// distance
		f2(44, s0w, d), f2(45, s0t, d), f2(46, n0w, d), f2(47, n0t, d), f3(48, s0w, n0w, d), f3(49, s0t, n0t, d),
		f3(50, s1t, s0t, d1), f3(51, s1w, s0w, d1),
		// valency
		f2(52, s0w, vr0), f2(53, s0t, vr0), f2(54, s0w, vl0), f2(55, s0t, vl0), f2(56, n0w, vln), f2(57, n0t, vln),
		f2(58, s1t, uint64(s.nr[s1])), f2(59, s1t, uint64(s.nl[s1])),
		// children
		f1(60, w[s0l]), f1(61, t[s0l]), f1(62, lab(s, s0l)),
		f1(63, w[s0r]), f1(64, t[s0r]), f1(65, lab(s, s0r)),
		f1(66, w[n0l]), f1(67, t[n0l]), f1(68, lab(s, n0l)),
		f1(69, w[s1r]), f1(70, t[s1r]), f1(71, lab(s, s1r)),
		f1(72, w[s0l2]), f1(73, t[s0l2]), f1(74, lab(s, s0l2)),
		f1(75, w[s0r2]), f1(76, t[s0r2]), f1(77, lab(s, s0r2)),
		f1(78, w[n0l2]), f1(79, t[n0l2]), f1(80, lab(s, n0l2)),
		f3(81, s0t, t[s0l], t[s0l2]), f3(82, s0t, t[s0r], t[s0r2]), f3(83, n0t, t[n0l], t[n0l2]),
		// label sets
		f2(84, s0w, s.rset[s0]), f2(85, s0t, s.rset[s0]), f2(86, s0w, s.lset[s0]), f2(87, s0t, s.lset[s0]),
		f2(88, n0w, s.lset[n0]), f2(89, n0t, s.lset[n0]), f2(90, s1t, s.rset[s1]), f2(91, s1t, s.lset[s1]),
		f3(92, s0t, lab(s, s0l), lab(s, s0r)), f3(93, s1t, lab(s, s1l), lab(s, s1r)),
		// suffixes and shapes, which stand in for the tags when the tagger is wrong
		f2(94, s.sfx[s0], s0t), f2(95, s.sfx[n0], n0t), f1(96, s.sfx[n1]), f1(97, s.sfx[s1]),
		f2(98, s.shp[s0], s0t), f2(99, s.shp[n0], n0t), f3(140, s.shp[s0], s.shp[n0], d),
		// universal tags
		f2(141, s.u[s0], s0w), f2(142, s.u[n0], n0w), f1(143, s.u[n1]), f1(144, s.u[s1]),
		f2(145, s.u[s0], s.u[n0]), f3(146, s.u[s1], s.u[s0], s.u[n0]), f3(147, s.u[n0], s.u[n1], s.u[n2]),
		f3(148, s.u[s0], s.u[n0], d), f3(149, s.u[s0], s.u[s.l1[n0]], s.u[n0]),
		f2(150, s0t, s.vc[s0]), f2(151, n0t, s.vc[n0]), f3(152, s0t, n0t, mix(s.vc[s0], s.vc[n0])),
	)
	return f
}

// labelFeatures writes the features for labelling the arc h -> d (dir is left or right). d's
// subtree is complete when it is attached; h has the children it has so far.
func (s *state) labelFeatures(f []uint64, h, d int32, dir int) []uint64 {
	w, t := s.w, s.t
	dw, dt, hw, ht := w[d], t[d], w[h], t[h]
	dr := uint64(dir)
	var dist int32
	if h > d {
		dist = h - d
	} else {
		dist = d - h
	}
	dd := bucket(dist)
	dl, dr1, dl2 := s.l1[d], s.r1[d], s.l2[d]
	prev, next := d-1, d+1
	if prev < 1 {
		prev = s.none
	}
	if next > s.n {
		next = s.none
	}
	f = append(f,
		f1(100, dr),
		f2(101, dw, dr), f2(102, dt, dr), f3(103, dw, dt, dr),
		f2(104, hw, dr), f2(105, ht, dr), f3(106, hw, ht, dr),
		f3(107, dw, hw, dr), f3(108, dt, ht, dr), f3(109, dt, hw, dr), f3(110, dw, ht, dr),
		f3(111, dt, ht, mix(dd, dr)),
		f3(112, dt, w[dl], dr), f3(113, ht, w[dl], dr), f3(114, dt, t[dl], lab(s, dl)),
		f3(115, dt, t[dr1], lab(s, dr1)), f3(116, dt, s.lset[d], dr), f3(117, dt, s.rset[d], dr),
		f3(118, ht, s.lset[h], dr), f3(119, ht, s.rset[h], dr), f3(120, dt, s.lset[h], dr),
		f3(121, hw, s.lset[h], dr), f3(122, dt, ht, s.lset[h]), f3(123, dt, ht, s.rset[h]),
		f3(124, dt, ht, t[prev]), f3(125, dt, ht, t[next]), f3(126, w[dl], w[dl2], dt),
		f3(127, dw, w[dl], ht), f3(128, dt, t[dl], ht), f3(129, hw, dt, w[dl]),
		f3(130, dt, uint64(s.nl[d]), uint64(s.nr[d])), f3(131, dt, ht, lab(s, s.l1[h])),
		f3(132, dt, ht, lab(s, s.r1[h])), f2(133, w[prev], dt), f2(134, w[next], dt),
		f3(135, s.sfx[d], dt, dr), f3(136, s.sfx[h], ht, dr), f3(137, s.shp[d], dt, dr), f3(138, s.sfx[d], s.sfx[h], dr),
		f3(139, s.u[d], s.u[h], dr), f3(150, s.u[d], dw, dr), f3(151, s.u[h], hw, dr), f3(152, s.u[d], s.u[dl], dr),
		f3(153, s.u[d], s.u[h], mix(dd, dr)),
	)
	return f
}
