package syntax

// The transition system is arc-hybrid (Kuhlmann, Gómez-Rodríguez and Satta 2011) with an
// artificial root at the bottom of the stack. Internally words are numbered 1..n, 0 is the
// root and n+1 a "none" sentinel whose word, tag, children and label are all "none", so that
// features need no bounds checks.

const (
	shift = iota
	left  // s0 becomes a dependent of b0 and is popped
	right // s0 becomes a dependent of s1 and is popped
	nActions
)

// state is a parser configuration over one sentence.
type state struct {
	n     int32
	none  int32
	stack []int32
	b     int32 // the buffer is b..n
	head  []int32
	label []uint8 // noLabel until the word has a head
	// the two leftmost and two rightmost children, valencies and label sets of each word
	l1, l2, r1, r2 []int32
	nl, nr         []uint8
	lset, rset     []uint64
	// the sentence's words and tags as hashes (index 0: root, n+1: none)
	w, t []uint64
	// the words' last three letters and shapes (capitals, digits, punctuation) as hashes
	sfx, shp []uint64
	// for the retagger: the given tags, the case-kept words, three-letter prefixes, two-letter suffixes
	pt, raw, pre, sfx2 []uint64
	// the UPOS retagger's tags
	u []uint64
	// clause clues from the given tags (see verbContext)
	vc []uint64
}

const noLabel = 255

func (s *state) init(n int) {
	s.n, s.none = int32(n), int32(n+1)
	m := n + 2
	s.stack = append(s.stack[:0], 0)
	s.b = 1
	s.head = resize(s.head, m)
	s.l1, s.l2, s.r1, s.r2 = resize(s.l1, m), resize(s.l2, m), resize(s.r1, m), resize(s.r2, m)
	s.label = resizeU8(s.label, m)
	s.nl, s.nr = resizeU8(s.nl, m), resizeU8(s.nr, m)
	s.lset, s.rset = resizeU64(s.lset, m), resizeU64(s.rset, m)
	s.w, s.t = resizeU64(s.w, m), resizeU64(s.t, m)
	s.sfx, s.shp = resizeU64(s.sfx, m), resizeU64(s.shp, m)
	s.u, s.vc = resizeU64(s.u, m), resizeU64(s.vc, m)
	s.pt, s.raw, s.pre, s.sfx2 = resizeU64(s.pt, m), resizeU64(s.raw, m), resizeU64(s.pre, m), resizeU64(s.sfx2, m)
	for i := range m {
		s.head[i] = -1
		s.label[i] = noLabel
		s.l1[i], s.l2[i], s.r1[i], s.r2[i] = s.none, s.none, s.none, s.none
		s.nl[i], s.nr[i] = 0, 0
		s.lset[i], s.rset[i] = 0, 0
	}
}

func resize(a []int32, n int) []int32 {
	if cap(a) < n {
		return make([]int32, n)
	}
	return a[:n]
}

func resizeU8(a []uint8, n int) []uint8 {
	if cap(a) < n {
		return make([]uint8, n)
	}
	return a[:n]
}

func resizeU64(a []uint64, n int) []uint64 {
	if cap(a) < n {
		return make([]uint64, n)
	}
	return a[:n]
}

func (s *state) terminal() bool { return s.b > s.n && len(s.stack) == 1 }

// st returns the i-th word from the top of the stack, or none.
func (s *state) st(i int) int32 {
	if i < len(s.stack) {
		return s.stack[len(s.stack)-1-i]
	}
	return s.none
}

// buf returns the i-th word of the buffer, or none.
func (s *state) buf(i int32) int32 {
	if s.b+i <= s.n {
		return s.b + i
	}
	return s.none
}

// valid sets ok[a] for the actions allowed now. The root takes one dependent, at the very end.
func (s *state) valid(ok *[nActions]bool) {
	bufFull := s.b <= s.n
	ok[shift] = bufFull
	ok[left] = bufFull && len(s.stack) >= 2
	ok[right] = len(s.stack) >= 3 || (len(s.stack) == 2 && !bufFull)
}

func (s *state) apply(a int, lab uint8) {
	switch a {
	case shift:
		s.stack = append(s.stack, s.b)
		s.b++
	case left:
		d := s.stack[len(s.stack)-1]
		s.stack = s.stack[:len(s.stack)-1]
		s.attach(s.b, d, lab)
	case right:
		d := s.stack[len(s.stack)-1]
		s.stack = s.stack[:len(s.stack)-1]
		s.attach(s.stack[len(s.stack)-1], d, lab)
	}
}

func (s *state) attach(h, d int32, lab uint8) {
	s.head[d] = h
	s.label[d] = lab
	bit := uint64(1) << min(lab, 63)
	if d < h {
		if s.l1[h] == s.none || d < s.l1[h] {
			s.l2[h], s.l1[h] = s.l1[h], d
		} else if s.l2[h] == s.none || d < s.l2[h] {
			s.l2[h] = d
		}
		s.nl[h]++
		s.lset[h] |= bit
	} else {
		if s.r1[h] == s.none || d > s.r1[h] {
			s.r2[h], s.r1[h] = s.r1[h], d
		} else if s.r2[h] == s.none || d > s.r2[h] {
			s.r2[h] = d
		}
		s.nr[h]++
		s.rset[h] |= bit
	}
}

// costs gives each valid action the number of gold arcs it makes unreachable (the dynamic
// oracle of Goldberg and Nivre 2013 for arc-hybrid); gold[i] is word i's gold head (0 = root).
func (s *state) costs(gold []int32, ok *[nActions]bool, cost *[nActions]int) {
	s0 := s.st(0)
	s1 := s.st(1)
	b0 := s.b
	if ok[shift] {
		c := 0
		// b0's head deeper in the stack than s0, or b0's dependents in the stack
		for i, k := range s.stack {
			if gold[b0] == k && i != len(s.stack)-1 {
				c++
			}
			if k != 0 && gold[k] == b0 {
				c++
			}
		}
		cost[shift] = c
	}
	if ok[left] || ok[right] {
		// s0's dependents still in the buffer are lost either way
		deps := 0
		for k := b0; k <= s.n; k++ {
			if gold[k] == s0 {
				deps++
			}
		}
		g := gold[s0]
		if ok[left] {
			c := deps
			if g != b0 && (g == s1 || (g > b0 && g <= s.n)) {
				c++
			}
			cost[left] = c
		}
		if ok[right] {
			c := deps
			if g != s1 && g >= b0 && g <= s.n {
				c++
			}
			cost[right] = c
		}
	}
}
