package syntax

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/bits"
	"slices"
	"sync"
)

// Tree is one sentence's dependency tree over the words given to Parse (0-based). Head[i] is
// the index of word i's head, or -1 for the root; Label[i] is its Universal Dependencies
// relation with its subtype, if any ("nsubj", "nsubj:pass", "obl:agent", "acl:relcl", "root").
type Tree struct {
	Head  []int
	Label []string
}

// Root returns the index of the word whose head is the root, or -1 for an empty tree.
func (t Tree) Root() int {
	for i, h := range t.Head {
		if h == -1 {
			return i
		}
	}
	return -1
}

// Children returns the dependents of word i in order.
func (t Tree) Children(i int) []int {
	var out []int
	for k, h := range t.Head {
		if h == i {
			out = append(out, k)
		}
	}
	return out
}

// Dependents returns the dependents of word i whose relation is label, in order. A label
// without a subtype also matches its subtypes: "nsubj" gives nsubj and nsubj:pass dependents,
// "nsubj:pass" only the latter.
func (t Tree) Dependents(i int, label string) []int {
	var out []int
	for k, h := range t.Head {
		if h == i && matchLabel(t.Label[k], label) {
			out = append(out, k)
		}
	}
	return out
}

func matchLabel(l, want string) bool {
	return l == want || (len(l) > len(want) && l[len(want)] == ':' && l[:len(want)] == want)
}

// Parser is a greedy transition-based dependency parser (arc-hybrid, averaged perceptron). It
// is safe for concurrent use.
type Parser struct {
	labels    []string
	rootLabel int
	actBits   uint
	labBits   uint
	act       []uint8   // 1<<actBits rows of nActions weights (bytes, see levels)
	lab       sparse    // 1<<labBits rows of len(labels) weights
	rt, ut    *retagger // XPOS and UPOS retaggers
	pool      sync.Pool
}

//go:embed model/parser.gz
var embeddedModel []byte

var parserOnce = sync.OnceValues(func() (*Parser, error) {
	if len(embeddedModel) == 0 {
		return nil, errors.New("syntax: no parser model was embedded (run tools/parsetrain)")
	}
	return ReadParser(bytes.NewReader(embeddedModel))
})

// DefaultParser returns the parser of the embedded model (see model/README.md), loaded on first
// use.
func DefaultParser() (*Parser, error) { return parserOnce() }

type parseBuf struct {
	st     state
	feats  []uint64
	scores []int32
}

func (p *Parser) buf() *parseBuf {
	if b, ok := p.pool.Get().(*parseBuf); ok {
		return b
	}
	n := len(p.labels)
	for _, r := range []*retagger{p.rt, p.ut} {
		if r != nil {
			n = max(n, len(r.classes))
		}
	}
	return &parseBuf{feats: make([]uint64, 0, maxFeatures), scores: make([]int32, n)}
}

// Parse parses one sentence's words, given their Penn Treebank tags as the Tagger gives them
// (one a word). With nil tags (or tags not one a word) it tags the words with Default's tagger
// first.
func (p *Parser) Parse(words []string, tags []string) Tree {
	n := len(words)
	tree := Tree{Head: make([]int, n), Label: make([]string, n)}
	if n == 0 {
		return tree
	}
	if len(tags) != n {
		tg, err := Default()
		tags = make([]string, n)
		if err == nil {
			tg.Tag(words, tags)
		}
	}
	b := p.buf()
	defer p.pool.Put(b)
	st := &b.st
	st.init(n)
	st.setWords(words, tags)
	p.retag(b, st)
	var ok [nActions]bool
	for !st.terminal() {
		st.valid(&ok)
		var sc [nActions]int32
		if ok[0] && ok[1] || ok[0] && ok[2] || ok[1] && ok[2] {
			// a choice to make (when only one action is allowed, as at the end of the buffer,
			// there is nothing to score)
			b.feats = st.actionFeatures(b.feats[:0])
			p.scoreActions(b.feats, &sc)
		}
		a := bestAction(&sc, &ok)
		var l uint8
		if a != shift {
			l = p.label(b, st, a)
		}
		st.apply(a, l)
	}
	for i := range n {
		tree.Head[i] = int(st.head[i+1]) - 1
		tree.Label[i] = p.labels[st.label[i+1]]
	}
	return tree
}

// Tags returns the tags the parser reads for a sentence: its retaggers' Penn Treebank tags
// (EWT's conventions) and Universal POS tags, from the words and their Tagger tags. Without
// retaggers in the model, xpos is tags and upos nil.
func (p *Parser) Tags(words, tags []string) (xpos, upos []string) {
	if p.rt == nil {
		return tags, nil
	}
	b := p.buf()
	defer p.pool.Put(b)
	st := &b.st
	st.init(len(words))
	st.setWords(words, tags)
	out := make([]uint8, len(words)+2)
	b.feats = p.rt.tag(st, b.feats, b.scores, out)
	xpos = make([]string, len(words))
	for i := range words {
		xpos[i] = p.rt.classes[out[i+1]]
	}
	if p.ut != nil {
		b.feats = p.ut.tag(st, b.feats, b.scores, out)
		upos = make([]string, len(words))
		for i := range words {
			upos[i] = p.ut.classes[out[i+1]]
		}
	}
	return xpos, upos
}

// retag runs the retaggers over the state's words.
func (p *Parser) retag(b *parseBuf, st *state) {
	if p.rt != nil {
		b.feats = p.rt.tag(st, b.feats, b.scores, nil)
	}
	if p.ut != nil {
		b.feats = p.ut.tag(st, b.feats, b.scores, nil)
	}
}

func bestAction(sc *[nActions]int32, ok *[nActions]bool) int {
	best := -1
	for a := range nActions {
		if ok[a] && (best < 0 || sc[a] > sc[best]) {
			best = a
		}
	}
	return best
}

func (p *Parser) scoreActions(f []uint64, sc *[nActions]int32) {
	shiftBits := 64 - p.actBits
	for _, h := range f {
		r := int(h>>shiftBits) * nActions
		w := p.act[r : r+nActions : r+nActions]
		sc[0] += weightOf[w[0]]
		sc[1] += weightOf[w[1]]
		sc[2] += weightOf[w[2]]
	}
}

// label chooses the label of the arc that action a (left or right) is about to make.
func (p *Parser) label(b *parseBuf, st *state, a int) uint8 {
	h, d := arcOf(st, a)
	if h == 0 {
		return uint8(p.rootLabel)
	}
	b.feats = st.labelFeatures(b.feats[:0], h, d, a)
	sc := b.scores[:len(p.labels)]
	clear(sc)
	for _, f := range b.feats {
		p.lab.add(sc, f)
	}
	best := -1
	for k, v := range sc {
		if k != p.rootLabel && (best < 0 || v > sc[best]) {
			best = k
		}
	}
	return uint8(best)
}

// sparse is a table of weights whose rows are mostly zeros (the label and tag tables: about
// 4 of 50 weights are not). The model file keeps each row's non-zero weights; in memory each
// row is a slot of slotWidth entries (class<<8 | the weight's byte, see levels), padded with
// zero weights, so that a feature costs one memory access and a fixed loop without branches:
// what bounds the parser's speed. A row with more entries than a slot holds (about 5% of
// the rows that are not empty) keeps them in an overflow list that its slot points to.
type sparse struct {
	c     int // classes
	bits  uint
	slots [][slotWidth]uint16
	over  []uint16 // the entries of the rows that overflow their slot
}

// slotWidth is the number of entries a row keeps in its slot.
const slotWidth = 8

// overflowMark in a slot's first entry says that the row's entries are over[x:x+n], where x
// is the second and third entries and n the fourth. It is no entry: class 255 is beyond the
// 250 classes a table may have.
const overflowMark = 0xffff

// newSparse makes a sparse table of a dense one of 1<<bits rows of c weights.
func newSparse(dense []int16, c int, bits uint) sparse {
	t := sparse{c: c, bits: bits, slots: make([][slotWidth]uint16, 1<<bits)}
	var row []uint16
	for r := range 1 << bits {
		row = row[:0]
		for k, x := range dense[r*c : (r+1)*c] {
			if x != 0 {
				row = append(row, uint16(k)<<8|uint16(codeOf(x)))
			}
		}
		t.setRow(r, row)
	}
	return t
}

// setRow sets row r's entries (class<<8 | byte).
func (t *sparse) setRow(r int, e []uint16) {
	if len(e) <= slotWidth {
		copy(t.slots[r][:], e)
		return
	}
	x := len(t.over)
	t.over = append(t.over, e...)
	t.slots[r] = [slotWidth]uint16{overflowMark, uint16(x), uint16(x >> 16), uint16(len(e))}
}

// entries returns row r's entries, the padding included.
func (t *sparse) entries(r int) []uint16 {
	s := &t.slots[r]
	if s[0] == overflowMark {
		from, to := overflowOf(s)
		return t.over[from:to]
	}
	return s[:]
}

// add adds the weights of feature h's row to the scores.
// The slot's own loop is kept apart from the overflow's: over a fixed array it is the parser's
// hottest loop, and measurably faster than over the slice entries returns.
func (t *sparse) add(sc []int32, h uint64) {
	s := &t.slots[h>>(64-t.bits)]
	if s[0] == overflowMark {
		from, to := overflowOf(s)
		for _, e := range t.over[from:to] {
			sc[e>>8] += weightOf[e&0xff]
		}
		return
	}
	for _, e := range s {
		sc[e>>8] += weightOf[e&0xff]
	}
}

// overflowOf returns the bounds in over of the entries of a slot that overflows.
func overflowOf(s *[slotWidth]uint16) (from, to int) {
	x := int(s[1]) | int(s[2])<<16
	return x, x + int(s[3])
}

// arcOf returns the head and dependent of the arc that action a makes.
func arcOf(st *state, a int) (h, d int32) {
	d = st.st(0)
	if a == left {
		return st.b, d
	}
	return st.st(1), d
}

// The model file is gzip-compressed: a magic line, the two table sizes (bits), the labels, then
// each table's non-zero rows as a row-number delta (a varint), then, for a table of up to 8
// classes, a byte whose bits say which weights are non-zero, and their bytes (see levels);
// for a larger one, the number of non-zero weights (a varint) and each as its class and byte. Then the XPOS and UPOS retaggers: each's number of tags (0
// if none), its table size, its tags and its table.
const modelMagic = "dyad-parser-4\n"

// WriteTo writes the parser's model.
func (p *Parser) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	zw, err := gzip.NewWriterLevel(cw, gzip.BestCompression)
	if err != nil {
		return 0, err
	}
	bw := bufio.NewWriter(zw)
	var tmp [binary.MaxVarintLen64]byte
	uv := func(x uint64) { bw.Write(tmp[:binary.PutUvarint(tmp[:], x)]) }
	bw.WriteString(modelMagic)
	uv(uint64(p.actBits))
	uv(uint64(p.labBits))
	uv(uint64(len(p.labels)))
	for _, l := range p.labels {
		uv(uint64(len(l)))
		bw.WriteString(l)
	}
	writeTable := func(t table) {
		rows := len(t.w) / t.c
		nz := 0
		for r := range rows {
			if !zeroRow(t.w[r*t.c : (r+1)*t.c]) {
				nz++
			}
		}
		uv(uint64(nz))
		last := 0
		for r := range rows {
			row := t.w[r*t.c : (r+1)*t.c]
			if zeroRow(row) {
				continue
			}
			uv(uint64(r - last))
			last = r
			var mask byte
			for c, x := range row {
				if x != 0 {
					mask |= 1 << c
				}
			}
			bw.WriteByte(mask)
			for _, x := range row {
				if x != 0 {
					bw.WriteByte(x)
				}
			}
		}
	}
	writeSparse := func(t *sparse) {
		nz := 0
		for r := range 1 << t.bits {
			if t.nonZero(r) > 0 {
				nz++
			}
		}
		uv(uint64(nz))
		last := 0
		for r := range 1 << t.bits {
			k := t.nonZero(r)
			if k == 0 {
				continue
			}
			uv(uint64(r - last))
			last = r
			uv(uint64(k))
			for _, x := range t.entries(r) {
				if x&0xff != 0 {
					bw.WriteByte(byte(x >> 8))
					bw.WriteByte(byte(x))
				}
			}
		}
	}
	writeTable(table{p.act, nActions})
	writeSparse(&p.lab)
	for _, r := range []*retagger{p.rt, p.ut} {
		if r == nil {
			uv(0)
			continue
		}
		uv(uint64(len(r.classes)))
		uv(uint64(r.w.bits))
		for _, c := range r.classes {
			uv(uint64(len(c)))
			bw.WriteString(c)
		}
		writeSparse(&r.w)
	}
	if err := bw.Flush(); err != nil {
		return cw.n, err
	}
	if err := zw.Close(); err != nil {
		return cw.n, err
	}
	return cw.n, nil
}

// table is a dense table of weight bytes (see levels): rows of c, at most 8.
type table struct {
	w []uint8
	c int
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}

// nonZero returns the number of non-zero weights of row r.
func (t *sparse) nonZero(r int) int {
	n := 0
	for _, x := range t.entries(r) {
		if x&0xff != 0 {
			n++
		}
	}
	return n
}

func zeroRow(w []uint8) bool {
	for _, x := range w {
		if x != 0 {
			return false
		}
	}
	return true
}

// ReadParser reads a model written by WriteTo.
func ReadParser(r io.Reader) (*Parser, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("syntax: parser model: %w", err)
	}
	var raw bytes.Buffer
	raw.Grow(16 << 20)
	if _, err := raw.ReadFrom(zr); err != nil {
		return nil, fmt.Errorf("syntax: parser model: %w", err)
	}
	d := &decoder{b: raw.Bytes()}
	if !bytes.HasPrefix(d.b, []byte(modelMagic)) {
		return nil, errors.New("syntax: not a parser model (or one of another version)")
	}
	d.b = d.b[len(modelMagic):]
	p := &Parser{rootLabel: -1}
	p.actBits, p.labBits = uint(d.uv()), uint(d.uv())
	nl := d.uv()
	if d.err != nil || p.actBits > 26 || p.labBits > 24 || nl == 0 || nl > 250 {
		return nil, errors.New("syntax: parser model header is damaged")
	}
	p.labels = d.strings(nl)
	for i, l := range p.labels {
		if l == "root" {
			p.rootLabel = i
		}
	}
	if d.err == nil && p.rootLabel < 0 {
		return nil, errors.New("syntax: parser model has no root label")
	}
	p.act = make([]uint8, (1<<p.actBits)*nActions)
	d.table(table{p.act, nActions})
	p.lab = d.sparse(len(p.labels), p.labBits)
	for _, upos := range []bool{false, true} {
		nc := d.uv()
		if nc == 0 || d.err != nil {
			continue
		}
		bits := uint(d.uv())
		if nc > 250 || bits > 24 {
			return nil, errors.New("syntax: parser model retagger is damaged")
		}
		classes := d.strings(nc)
		if d.err != nil {
			break
		}
		r := newRetagger(upos, classes, d.sparse(len(classes), bits))
		if upos {
			p.ut = r
		} else {
			p.rt = r
		}
	}
	if d.err == nil && len(d.b) != 0 {
		d.err = errors.New("trailing bytes")
	}
	if d.err != nil {
		return nil, fmt.Errorf("syntax: parser model is damaged: %w", d.err)
	}
	return p, nil
}

// decoder reads the varints of a decompressed model; its first error sticks.
type decoder struct {
	b   []byte
	err error
}

var errShort = errors.New("truncated")

func (d *decoder) uv() uint64 { return decodeVarint(d, binary.Uvarint) }

func (d *decoder) sv() int64 { return decodeVarint(d, binary.Varint) }

// decodeVarint reads one varint with read; a short or bad one sets d.err and ends the input.
func decodeVarint[T uint64 | int64](d *decoder, read func([]byte) (T, int)) T {
	x, n := read(d.b)
	if n <= 0 {
		if d.err == nil {
			d.err = errShort
		}
		d.b = nil
		return 0
	}
	d.b = d.b[n:]
	return x
}

func (d *decoder) strings(n uint64) []string {
	var out []string
	for range n {
		l := d.uv()
		if d.err != nil || l > uint64(len(d.b)) || l > 100 {
			d.err = errors.New("bad string")
			return nil
		}
		out = append(out, string(d.b[:l]))
		d.b = d.b[l:]
	}
	return out
}

func (d *decoder) table(t table) {
	nz := d.uv()
	r := 0
	for range nz {
		r += int(d.uv())
		if d.err != nil || r < 0 || (r+1)*t.c > len(t.w) {
			if d.err == nil {
				d.err = errors.New("bad row")
			}
			return
		}
		row := t.w[r*t.c : (r+1)*t.c]
		if len(d.b) == 0 {
			d.err = errShort
			return
		}
		mask := d.b[0]
		d.b = d.b[1:]
		if mask == 0 || len(d.b) < bits.OnesCount8(mask) || mask>>t.c != 0 {
			d.err = errors.New("bad row")
			return
		}
		for c := range t.c {
			if mask&(1<<c) != 0 {
				if d.b[0] == 0 || d.b[0] == 0x80 {
					d.err = errors.New("bad weight")
					return
				}
				row[c] = d.b[0]
				d.b = d.b[1:]
			}
		}
	}
}

// sparse reads a table of more than 8 classes written by WriteTo's writeSparse.
func (d *decoder) sparse(c int, bits uint) sparse {
	t := sparse{c: c, bits: bits, slots: make([][slotWidth]uint16, 1<<bits)}
	rows := 1 << bits
	nz := d.uv()
	r, first := 0, true
	row := make([]uint16, 0, c)
	for range nz {
		delta := int(d.uv())
		r += delta
		k := d.uv()
		if d.err != nil || (delta == 0 && !first) || r >= rows || k == 0 || k > uint64(c) || uint64(len(d.b)) < 2*k {
			if d.err == nil {
				d.err = errors.New("bad row")
			}
			return t
		}
		first = false
		row = row[:0]
		for range k {
			if int(d.b[0]) >= c || d.b[1]&0x7f == 0 {
				d.err = errors.New("bad weight")
				return t
			}
			row = append(row, uint16(d.b[0])<<8|uint16(d.b[1]))
			d.b = d.b[2:]
		}
		t.setRow(r, row)
	}
	return t
}

// Weights are kept as one of 255 levels: 0 and ±32767·2^((k-127)/10) for k in 1..127, each
// about 7% from the next, down to about 5 (weights smaller than that, relative to the largest,
// are dropped). In the model file a weight is one byte: k, with the top bit for the sign.
var levels = func() (l [128]int16) {
	for k := 1; k < 128; k++ {
		l[k] = int16(math.Round(32767 * math.Exp2(float64(k-127)/10)))
	}
	return l
}()

// levelOf returns the level nearest to x (in the log domain), or 0 under level floor.
func levelOf(x float64, floor int) int16 {
	a := math.Abs(x)
	if a == 0 {
		return 0
	}
	k := int(math.Round(127 + 10*math.Log2(a/32767)))
	if k < max(floor, 1) {
		return 0
	}
	k = min(k, 127)
	if x < 0 {
		return -levels[k]
	}
	return levels[k]
}

// codeOf returns the byte of a level (the smallest k, where two round to the same integer).
func codeOf(x int16) byte {
	a := x
	if a < 0 {
		a = -a
	}
	k, _ := slices.BinarySearch(levels[:], a)
	if x < 0 {
		return byte(k) | 0x80
	}
	return byte(k)
}

// weightOf is the weight of each byte.
var weightOf = func() (w [256]int32) {
	for b := range 256 {
		w[b] = int32(levels[b&0x7f])
		if b&0x80 != 0 {
			w[b] = -w[b]
		}
	}
	return w
}()

// codes returns the bytes of levels.
func codes(w []int16) []uint8 {
	out := make([]uint8, len(w))
	for i, x := range w {
		out[i] = codeOf(x)
	}
	return out
}
