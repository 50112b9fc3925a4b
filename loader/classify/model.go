// Package classify is a multinomial logistic regression over sparse binary features, the model
// behind dyad's learned claim decision: given the features of an ordered pair of actor mentions,
// it gives a probability for each class (a PLOVER type, or NONE).
//
// Features are strings hashed to 64 bits (FNV-1a); the model keeps a row of class weights only
// for the features it was trained on and kept after pruning, so it stays small and needs no
// fixed hashing dimension. Training is deterministic stochastic gradient descent with AdaGrad
// step sizes and L2 regularisation over a seeded shuffle; a temperature fitted on held-out data
// makes the probabilities calibrated, so that a threshold on them trades recall for precision
// on a scale that means what it says.
package classify

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
)

// Hash returns a feature's 64-bit FNV-1a hash.
func Hash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// Example is one training instance: its features and its class.
type Example struct {
	Features []uint64
	Class    int
}

// Options set how a model is trained. The zero value of a field takes its default.
type Options struct {
	Epochs       int     // passes over the data (default 12)
	L2           float64 // L2 penalty per example on the touched weights (default 1e-5)
	LearningRate float64 // AdaGrad's base step (default 0.2)
	Seed         uint64  // the shuffle's seed (default 1)
	Prune        float64 // rows whose largest |weight| is below this are dropped (default 1e-3)
}

func (o Options) withDefaults() Options {
	if o.Epochs == 0 {
		o.Epochs = 12
	}
	if o.L2 == 0 {
		o.L2 = 1e-5
	}
	if o.LearningRate == 0 {
		o.LearningRate = 0.2
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Prune == 0 {
		o.Prune = 1e-3
	}
	return o
}

// Model is a trained classifier. It is safe for concurrent use once trained.
type Model struct {
	Classes     []string
	Temperature float64 // divides the scores before the softmax (1 = none)
	// Params are the decision settings the trainer chose on held-out data for the model's user
	// ("threshold", ...), kept with the weights so that they change together.
	Params  map[string]float64
	bias    []float32
	rows    map[uint64]int32 // feature hash -> first index of its row in weights
	weights []float32        // len(rows) rows of len(Classes)
	scales  []float32        // per row: the weights are its scale times a signed byte
}

// Train fits a model to the examples. The same examples and options give the same model.
func Train(classes []string, examples []Example, opts Options) (*Model, error) {
	opts = opts.withDefaults()
	k := len(classes)
	if k < 2 {
		return nil, errors.New("classify: need at least two classes")
	}
	m := &Model{Classes: slices.Clone(classes), Temperature: 1, bias: make([]float32, k), rows: map[uint64]int32{}}
	for i, e := range examples {
		if e.Class < 0 || e.Class >= k {
			return nil, fmt.Errorf("classify: example %d has class %d of %d", i, e.Class, k)
		}
		for _, f := range e.Features {
			if _, ok := m.rows[f]; !ok {
				m.rows[f] = int32(len(m.weights))
				m.weights = append(m.weights, make([]float32, k)...)
			}
		}
	}
	// AdaGrad accumulators, one per weight and bias.
	gw := make([]float64, len(m.weights))
	gb := make([]float64, k)
	order := make([]int, len(examples))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15))
	p := make([]float64, k)
	rows := make([]int32, 0, 64)
	for epoch := 0; epoch < opts.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			e := examples[i]
			rows = rows[:0]
			for _, f := range e.Features {
				rows = append(rows, m.rows[f])
			}
			m.scores(rows, p)
			softmax(p, 1)
			for c := 0; c < k; c++ {
				g := p[c]
				if c == e.Class {
					g -= 1
				}
				gb[c] += g * g
				m.bias[c] -= float32(opts.LearningRate * g / (math.Sqrt(gb[c]) + 1e-8))
				for _, r := range rows {
					j := int(r) + c
					w := float64(m.weights[j])
					gj := g + opts.L2*w
					gw[j] += gj * gj
					m.weights[j] = float32(w - opts.LearningRate*gj/(math.Sqrt(gw[j])+1e-8))
				}
			}
		}
	}
	m.prune(opts.Prune)
	return m, nil
}

// prune drops the rows whose weights are all near zero (features that carry no evidence) and
// quantises the others: each row becomes a scale and one signed byte a weight (its weights
// within 1/254 of the row's largest), zero under eps, so that the model file is about a
// quarter of its float size and what is written is exactly what was evaluated.
func (m *Model) prune(eps float64) {
	k := len(m.Classes)
	keys := slices.Sorted(maps.Keys(m.rows))
	rows := make(map[uint64]int32, len(keys))
	var weights, scales []float32
	q := make([]int8, k)
	for _, f := range keys {
		row := m.weights[m.rows[f] : int(m.rows[f])+k]
		var top float64
		for _, w := range row {
			top = max(top, math.Abs(float64(w)))
		}
		if top < eps {
			continue
		}
		scale := float32(top / 127)
		for c, w := range row {
			if math.Abs(float64(w)) < eps {
				q[c] = 0
			} else {
				q[c] = int8(math.Round(float64(w) / float64(scale)))
			}
		}
		rows[f] = int32(len(weights))
		weights = appendDequantised(weights, scale, q)
		scales = append(scales, scale)
	}
	m.rows, m.weights, m.scales = rows, weights, scales
}

// appendDequantised appends the weights of a quantised row: scale times each byte.
func appendDequantised(w []float32, scale float32, q []int8) []float32 {
	for _, x := range q {
		w = append(w, scale*float32(x))
	}
	return w
}

// quantised returns the bytes of row r of a pruned model, whose weights are its scale times
// them (see prune).
func (m *Model) quantised(r int32, q []int8) []int8 {
	k := int32(len(m.Classes))
	scale := m.scales[r/k]
	for c, w := range m.weights[r : r+k] {
		q[c] = int8(math.Round(float64(w / scale)))
	}
	return q
}

// scores writes the raw class scores of the given rows into p.
func (m *Model) scores(rows []int32, p []float64) {
	for c := range p {
		p[c] = float64(m.bias[c])
	}
	for _, r := range rows {
		if r < 0 {
			continue
		}
		row := m.weights[r : int(r)+len(p)]
		for c, w := range row {
			p[c] += float64(w)
		}
	}
}

func softmax(p []float64, temperature float64) {
	max := math.Inf(-1)
	for _, v := range p {
		max = math.Max(max, v)
	}
	sum := 0.0
	for c, v := range p {
		p[c] = math.Exp((v - max) / temperature)
		sum += p[c]
	}
	for c := range p {
		p[c] /= sum
	}
}

// Probabilities returns the calibrated probability of each class for the features, written into
// out when it is long enough.
func (m *Model) Probabilities(features []uint64, out []float64) []float64 {
	k := len(m.Classes)
	if cap(out) < k {
		out = make([]float64, k)
	}
	out = m.rawScores(features, out[:k])
	softmax(out, m.Temperature)
	return out
}

// rawScores writes the class scores of the features, before the softmax, into out (of the
// classes' length) and returns it.
func (m *Model) rawScores(features []uint64, out []float64) []float64 {
	k := len(m.Classes)
	for c := range out {
		out[c] = float64(m.bias[c])
	}
	for _, f := range features {
		if r, ok := m.rows[f]; ok {
			for c, w := range m.weights[r : int(r)+k] {
				out[c] += float64(w)
			}
		}
	}
	return out
}

// Evaluate returns the model's mean log-loss and its accuracy (the most probable class being
// the example's) on examples.
func (m *Model) Evaluate(examples []Example) (logLoss, accuracy float64) {
	if len(examples) == 0 {
		return 0, 0
	}
	right := 0
	p := make([]float64, len(m.Classes))
	for _, e := range examples {
		p = m.Probabilities(e.Features, p)
		logLoss -= math.Log(math.Max(p[e.Class], 1e-12))
		if argmax(p) == e.Class {
			right++
		}
	}
	return logLoss / float64(len(examples)), float64(right) / float64(len(examples))
}

func argmax(p []float64) int {
	best := 0
	for c := range p {
		if p[c] > p[best] {
			best = c
		}
	}
	return best
}

// Calibrate sets the temperature that minimises the negative log-likelihood of the held-out
// examples (a golden-section search over [0.25, 8]), and returns it.
func (m *Model) Calibrate(heldout []Example) float64 {
	if len(heldout) == 0 {
		return m.Temperature
	}
	k := len(m.Classes)
	raw := make([][]float64, len(heldout))
	for i, e := range heldout {
		raw[i] = m.rawScores(e.Features, make([]float64, k))
	}
	nll := func(t float64) float64 {
		sum := 0.0
		p := make([]float64, k)
		for i, e := range heldout {
			copy(p, raw[i])
			softmax(p, t)
			sum -= math.Log(math.Max(p[e.Class], 1e-12))
		}
		return sum
	}
	lo, hi := math.Log(0.25), math.Log(8.0)
	phi := (math.Sqrt(5) - 1) / 2
	a, b := hi-phi*(hi-lo), lo+phi*(hi-lo)
	fa, fb := nll(math.Exp(a)), nll(math.Exp(b))
	for i := 0; i < 40; i++ {
		if fa < fb {
			hi, b, fb = b, a, fa
			a = hi - phi*(hi-lo)
			fa = nll(math.Exp(a))
		} else {
			lo, a, fa = a, b, fb
			b = lo + phi*(hi-lo)
			fb = nll(math.Exp(b))
		}
	}
	m.Temperature = math.Exp((lo + hi) / 2)
	return m.Temperature
}

// Features is the number of features the model keeps weights for.
func (m *Model) Features() int { return len(m.rows) }

const magic = "dyad-classify-3\n"

// WriteTo writes the model, gzip-compressed, in a form Read takes back. Rows are written in the
// order of their hashes, so the same model always gives the same bytes.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	cw := &countingWriter{w: w}
	zw, err := gzip.NewWriterLevel(cw, gzip.BestCompression)
	if err != nil {
		return 0, err
	}
	bw := bufio.NewWriter(zw)
	bw.WriteString(magic)
	put := func(v any) { binary.Write(bw, binary.LittleEndian, v) }
	putString := func(s string) { // as readString reads it
		put(uint32(len(s)))
		bw.WriteString(s)
	}
	put(uint32(len(m.Classes)))
	for _, c := range m.Classes {
		putString(c)
	}
	put(m.Temperature)
	names := slices.Sorted(maps.Keys(m.Params))
	put(uint32(len(names)))
	for _, k := range names {
		putString(k)
		put(m.Params[k])
	}
	put(m.bias)
	keys := slices.Sorted(maps.Keys(m.rows))
	put(uint64(len(keys)))
	k := len(m.Classes)
	q := make([]int8, k)
	for _, f := range keys {
		put(f)
		r := m.rows[f]
		put(m.scales[int(r)/k])
		put(m.quantised(r, q))
	}
	if err := bw.Flush(); err != nil {
		return cw.n, err
	}
	if err := zw.Close(); err != nil {
		return cw.n, err
	}
	return cw.n, nil
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// Read reads a model written by WriteTo.
func Read(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("classify: model: %w", err)
	}
	br := bufio.NewReader(zr)
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return nil, errors.New("classify: not a dyad classifier model")
	}
	get := func(v any) error { return binary.Read(br, binary.LittleEndian, v) }
	var nc uint32
	if err := get(&nc); err != nil || nc < 2 || nc > 1024 {
		return nil, fmt.Errorf("classify: model: bad class count (%v)", err)
	}
	m := &Model{Classes: make([]string, nc)}
	for i := range m.Classes {
		if m.Classes[i], err = readString(br); err != nil {
			return nil, err
		}
	}
	if err := get(&m.Temperature); err != nil {
		return nil, fmt.Errorf("classify: model: %w", err)
	}
	var np uint32
	if err := get(&np); err != nil || np > 64 {
		return nil, fmt.Errorf("classify: model: bad parameter count (%v)", err)
	}
	m.Params = make(map[string]float64, np)
	for range np {
		name, err := readString(br)
		if err != nil {
			return nil, err
		}
		var v float64
		if err := get(&v); err != nil {
			return nil, fmt.Errorf("classify: model: %w", err)
		}
		m.Params[name] = v
	}
	m.bias = make([]float32, nc)
	if err := get(m.bias); err != nil {
		return nil, fmt.Errorf("classify: model: %w", err)
	}
	var n uint64
	if err := get(&n); err != nil || n > 1<<26 {
		return nil, fmt.Errorf("classify: model: bad feature count (%v)", err)
	}
	// The rows are read whole and decoded here: binary.Read a row at a time took most of the
	// load (BenchmarkLoadModel in loader/events).
	rowSize := 8 + 4 + int(nc)
	rest, err := io.ReadAll(br)
	if err != nil {
		return nil, fmt.Errorf("classify: model: %w", err)
	}
	if len(rest) != int(n)*rowSize {
		return nil, fmt.Errorf("classify: model: %d bytes of rows, want %d for %d rows", len(rest), int(n)*rowSize, n)
	}
	m.rows = make(map[uint64]int32, n)
	m.weights = make([]float32, 0, int(n)*int(nc))
	m.scales = make([]float32, 0, n)
	q := make([]int8, nc)
	for i := 0; i < int(n); i++ {
		row := rest[i*rowSize : (i+1)*rowSize]
		f := binary.LittleEndian.Uint64(row)
		scale := math.Float32frombits(binary.LittleEndian.Uint32(row[8:]))
		if !(scale > 0) || math.IsInf(float64(scale), 0) {
			return nil, fmt.Errorf("classify: model: bad row scale %v", scale)
		}
		for c, b := range row[12:] {
			q[c] = int8(b)
		}
		m.rows[f] = int32(len(m.weights))
		m.weights = appendDequantised(m.weights, scale, q)
		m.scales = append(m.scales, scale)
	}
	return m, nil
}

// readString reads a length-prefixed name.
func readString(r io.Reader) (string, error) {
	var n uint32
	if err := binary.Read(r, binary.LittleEndian, &n); err != nil || n > 256 {
		return "", fmt.Errorf("classify: model: bad name (%v)", err)
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(r, b); err != nil {
		return "", fmt.Errorf("classify: model: %w", err)
	}
	return string(b), nil
}
