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
	act       []int16 // 1<<actBits rows of nActions weights
	lab       []int16 // 1<<labBits rows of len(labels) weights
	rt        *retagger
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
	if p.rt != nil {
		n = max(n, len(p.rt.classes))
	}
	return &parseBuf{feats: make([]uint64, 0, maxFeatures), scores: make([]int32, n)}
}

// Parse parses one sentence's words, given their Penn Treebank tags as the Tagger gives them.
// With nil tags it tags the words with Default's tagger first.
func (p *Parser) Parse(words []string, tags []string) Tree {
	n := len(words)
	tree := Tree{Head: make([]int, n), Label: make([]string, n)}
	if n == 0 {
		return tree
	}
	if tags == nil {
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
	if p.rt != nil {
		b.feats = p.rt.tag(st, b.feats, b.scores, nil)
	}
	var ok [nActions]bool
	for !st.terminal() {
		b.feats = st.actionFeatures(b.feats[:0])
		var sc [nActions]int32
		p.scoreActions(b.feats, &sc)
		st.valid(&ok)
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
		sc[0] += int32(w[0])
		sc[1] += int32(w[1])
		sc[2] += int32(w[2])
	}
}

// label chooses the label of the arc that action a (left or right) is about to make.
func (p *Parser) label(b *parseBuf, st *state, a int) uint8 {
	h, d := arcOf(st, a)
	if h == 0 {
		return uint8(p.rootLabel)
	}
	b.feats = st.labelFeatures(b.feats[:0], h, d, a)
	L := len(p.labels)
	sc := b.scores[:L]
	clear(sc)
	shiftBits := 64 - p.labBits
	for _, f := range b.feats {
		r := int(f>>shiftBits) * L
		w := p.lab[r : r+L : r+L]
		for k, x := range w {
			sc[k] += int32(x)
		}
	}
	best := -1
	for k, v := range sc {
		if k != p.rootLabel && (best < 0 || v > sc[best]) {
			best = k
		}
	}
	return uint8(best)
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
// each table's non-zero rows as a row-number delta and the row's weights, all varints.
// Then the retagger: its number of tags (0 if none), its table size, its tags and its table.
const modelMagic = "dyad-parser-2\n"

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
	sv := func(x int64) { bw.Write(tmp[:binary.PutVarint(tmp[:], x)]) }
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
			for _, x := range row {
				sv(int64(x))
			}
		}
	}
	writeTable(table{p.act, nActions})
	writeTable(table{p.lab, len(p.labels)})
	if p.rt == nil {
		uv(0)
	} else {
		uv(uint64(len(p.rt.classes)))
		uv(uint64(p.rt.bits))
		for _, c := range p.rt.classes {
			uv(uint64(len(c)))
			bw.WriteString(c)
		}
		writeTable(table{p.rt.w, len(p.rt.classes)})
	}
	if err := bw.Flush(); err != nil {
		return cw.n, err
	}
	if err := zw.Close(); err != nil {
		return cw.n, err
	}
	return cw.n, nil
}

type table struct {
	w []int16
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

func zeroRow(w []int16) bool {
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
	br := bufio.NewReaderSize(zr, 1<<16)
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != modelMagic {
		return nil, errors.New("syntax: not a parser model")
	}
	var rerr error
	uv := func() uint64 {
		x, err := binary.ReadUvarint(br)
		if err != nil && rerr == nil {
			rerr = err
		}
		return x
	}
	p := &Parser{rootLabel: -1}
	p.actBits, p.labBits = uint(uv()), uint(uv())
	nl := uv()
	if rerr != nil || p.actBits > 26 || p.labBits > 24 || nl == 0 || nl > 250 {
		return nil, fmt.Errorf("syntax: parser model header is damaged (%v)", rerr)
	}
	readStrings := func(n uint64) ([]string, error) {
		var out []string
		for range n {
			l := uv()
			if rerr != nil || l > 100 {
				return nil, errors.New("syntax: parser model labels are damaged")
			}
			b := make([]byte, l)
			if _, err := io.ReadFull(br, b); err != nil {
				return nil, fmt.Errorf("syntax: parser model labels: %w", err)
			}
			out = append(out, string(b))
		}
		return out, nil
	}
	if p.labels, err = readStrings(nl); err != nil {
		return nil, err
	}
	for i, l := range p.labels {
		if l == "root" {
			p.rootLabel = i
		}
	}
	if p.rootLabel < 0 {
		return nil, errors.New("syntax: parser model has no root label")
	}
	p.act = make([]int16, (1<<p.actBits)*nActions)
	p.lab = make([]int16, (1<<p.labBits)*len(p.labels))
	readTable := func(t table) error {
		nz := uv()
		r := 0
		for range nz {
			r += int(uv())
			if r < 0 || (r+1)*t.c > len(t.w) {
				return errors.New("syntax: parser model rows are damaged")
			}
			for k := range t.c {
				x, err := binary.ReadVarint(br)
				if err != nil || x < math.MinInt16 || x > math.MaxInt16 {
					return fmt.Errorf("syntax: parser model weights are damaged (%v)", err)
				}
				t.w[r*t.c+k] = int16(x)
			}
		}
		return nil
	}
	if err := readTable(table{p.act, nActions}); err != nil {
		return nil, err
	}
	if err := readTable(table{p.lab, len(p.labels)}); err != nil {
		return nil, err
	}
	if nc := uv(); nc > 0 && rerr == nil {
		bits := uint(uv())
		if nc > 250 || bits > 24 {
			return nil, errors.New("syntax: parser model retagger is damaged")
		}
		classes, err := readStrings(nc)
		if err != nil {
			return nil, err
		}
		p.rt = newRetagger(classes, bits, make([]int16, (1<<bits)*len(classes)))
		if err := readTable(table{p.rt.w, len(classes)}); err != nil {
			return nil, err
		}
	}
	if rerr != nil {
		return nil, fmt.Errorf("syntax: parser model: %w", rerr)
	}
	return p, nil
}
