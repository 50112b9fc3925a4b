// Package syntax is the loader's syntactic layer: part-of-speech tags for the loader's own
// tokens, the noun-phrase and verb-group chunks built from them, and dependency trees.
//
// The dependency parser (DefaultParser, Parser.Parse, Tree) is a greedy arc-hybrid transition
// parser with averaged perceptrons over hashed Zhang and Nivre (2011) features, trained with a
// dynamic oracle on Universal Dependencies English EWT by tools/parsetrain. It takes the
// words and the Tagger's tags and gives each word its head and UD relation ("nsubj:pass",
// "obl:agent", "acl:relcl", ...). Its model is embedded (model/parser.gz; model/README.md says
// what it is derived from, under which licence, and how well it parses).
//
// The tagger is an averaged perceptron (Collins 2002, in Honnibal's "fast and accurate"
// formulation) whose trained model comes from github.com/jdkato/prose/v2, read once through
// that package's public asset API. prose's own pipeline (its tokenizer, sentence splitter and
// entity extractor) is slow and would disagree with the loader's offsets, so this package
// runs the model over the loader's tokens itself, with the same features, without
// building feature strings (features are looked up by hash): BenchmarkTag and BenchmarkProse
// compare the two in one run.
package syntax

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/jdkato/prose/v2"
)

// Tagger assigns Penn Treebank part-of-speech tags. It is safe for concurrent use.
type Tagger struct {
	classes []string
	dict    map[string]uint8 // words whose tag is (almost) always the same
	feats   featureTable     // feature (its FNV-1a hash) -> its weights
	weights []classWeight
}

type span struct{ from, to uint32 }

type classWeight struct {
	class uint8
	w     float32
}

var loadOnce = sync.OnceValues(load)

// Default returns the tagger over prose's English model, loaded on first use.
func Default() (*Tagger, error) { return loadOnce() }

func load() (*Tagger, error) {
	var classes []string
	var dict map[string]string
	var weights map[string]map[string]float64
	for _, a := range []struct {
		name string
		into any
	}{
		{"model/AveragedPerceptron/classes.gob", &classes},
		{"model/AveragedPerceptron/tags.gob", &dict},
		{"model/AveragedPerceptron/weights.gob", &weights},
	} {
		data, err := prose.Asset(a.name)
		if err != nil {
			return nil, fmt.Errorf("syntax: tagger model %s: %w", a.name, err)
		}
		if err := gob.NewDecoder(bytes.NewReader(data)).Decode(a.into); err != nil {
			return nil, fmt.Errorf("syntax: tagger model %s: %w", a.name, err)
		}
	}
	if len(classes) == 0 || len(classes) > 255 {
		return nil, fmt.Errorf("syntax: tagger model has %d classes", len(classes))
	}
	t := &Tagger{classes: classes, dict: make(map[string]uint8, len(dict)), feats: newFeatureTable(len(weights))}
	index := map[string]uint8{}
	for i, c := range classes {
		index[c] = uint8(i)
	}
	for w, c := range dict {
		if i, ok := index[c]; ok {
			t.dict[w] = i
		}
	}
	for f, ws := range weights {
		from := uint32(len(t.weights))
		for c, w := range ws {
			if i, ok := index[c]; ok && w != 0 {
				t.weights = append(t.weights, classWeight{i, float32(w)})
			}
		}
		h := hashString(fnvOffset, f)
		if !t.feats.insert(h, span{from, uint32(len(t.weights))}) {
			return nil, fmt.Errorf("syntax: two tagger features share a hash: %q", f)
		}
	}
	return t, nil
}

// Tag writes the tag of each word into tags, which must be as long as words. The words are one
// sentence's tokens as written.
func (t *Tagger) Tag(words []string, tags []string) {
	seq := t.Sequence(words)
	for i := range words {
		tags[i] = seq.At(i)
	}
}

// Sequence tags a sentence's words from left to right, only as far as it is asked: a caller
// that needs the tags of the first few words of a long sentence pays for those.
type Sequence struct {
	t      *Tagger
	words  []string
	ctx    []string // the normalized words, with two boundary marks on each side
	tags   []string
	done   int // words tagged so far
	p1, p2 string
	scores []float32
}

// CommonWord reports whether a word is one the model has seen, in any case, and whose own weights
// favour a tag other than a proper noun: "nice", "reading" and "split" are, "chicago" is not,
// and neither is a word the model never saw. Data tools use it to keep place names out of a
// gazetteer when they are also everyday words.
func (t *Tagger) CommonWord(w string) bool {
	sp, ok := t.feats.get(hashString(hWord, normalize(w)))
	if !ok {
		return false
	}
	// the class the word itself votes for most, whatever its neighbours
	best, bestW := "", float32(0)
	for _, cw := range t.weights[sp.from:sp.to] {
		if best == "" || cw.w > bestW {
			best, bestW = t.classes[cw.class], cw.w
		}
	}
	return !strings.HasPrefix(best, "NNP")
}

// Sequence starts tagging a sentence's words (its tokens as written).
func (t *Tagger) Sequence(words []string) *Sequence {
	n := len(words)
	ctx := make([]string, n+4)
	ctx[0], ctx[1] = "-START-", "-START2-"
	for i, w := range words {
		ctx[i+2] = normalize(w)
	}
	ctx[n+2], ctx[n+3] = "-END-", "-END2-"
	return &Sequence{t: t, words: words, ctx: ctx, tags: make([]string, n), p1: "-START-", p2: "-START2-",
		scores: make([]float32, len(t.classes))}
}

// At returns word i's tag, tagging the words before it first.
func (s *Sequence) At(i int) string {
	for s.done <= i {
		w := s.words[s.done]
		var tag string
		switch {
		case w == "":
			tag = "NN"
		case w == "-":
			tag = ":"
		default:
			if c, ok := s.t.dict[w]; ok {
				tag = s.t.classes[c]
			} else {
				tag = s.t.predict(s.scores, s.done, s.ctx, w, s.p1, s.p2)
			}
		}
		s.tags[s.done] = tag
		s.p2, s.p1 = s.p1, tag
		s.done++
	}
	return s.tags[i]
}

// predict scores the classes for word i with the model's features. A feature is its name and
// values joined by spaces ("i-1 tag+i word DT army"); it is looked up by the 64-bit FNV-1a hash
// of that string, computed without building it (load checks that no two features collide).
func (t *Tagger) predict(scores []float32, i int, ctx []string, w, p1, p2 string) string {
	for k := range scores {
		scores[k] = 0
	}
	j := i + 2
	add := func(h uint64) {
		if s, ok := t.feats.get(h); ok {
			for _, cw := range t.weights[s.from:s.to] {
				scores[cw.class] += cw.w
			}
		}
	}
	f1 := func(prefix uint64, a string) uint64 { return hashString(prefix, a) }
	f2 := func(prefix uint64, a, b string) uint64 { return hashString(hashSpace(hashString(prefix, a)), b) }
	add(hBias)
	add(f1(hSuffix, suffix(w)))
	add(f1(hPref1, w[:1]))
	add(f1(hPrevTag, p1))
	add(f1(hPrev2Tag, p2))
	add(f2(hTagTag, p1, p2))
	add(f1(hWord, ctx[j]))
	add(f2(hTagWord, p1, ctx[j]))
	add(f1(hPrevWord, ctx[j-1]))
	add(f1(hPrevSuffix, suffix(ctx[j-1])))
	add(f1(hPrev2Word, ctx[j-2]))
	add(f1(hNextWord, ctx[j+1]))
	add(f1(hNextSuffix, suffix(ctx[j+1])))
	add(f1(hNext2Word, ctx[j+2]))
	best := 0
	for k := 1; k < len(scores); k++ {
		if scores[k] > scores[best] {
			best = k
		}
	}
	return t.classes[best]
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

func hashSpace(h uint64) uint64 { return (h ^ ' ') * fnvPrime }

// The hashes of the features' names, each followed by the space before its first value.
var (
	hBias       = hashString(fnvOffset, "bias")
	hSuffix     = prefixHash("i suffix")
	hPref1      = prefixHash("i pref1")
	hPrevTag    = prefixHash("i-1 tag")
	hPrev2Tag   = prefixHash("i-2 tag")
	hTagTag     = prefixHash("i tag+i-2 tag")
	hWord       = prefixHash("i word")
	hTagWord    = prefixHash("i-1 tag+i word")
	hPrevWord   = prefixHash("i-1 word")
	hPrevSuffix = prefixHash("i-1 suffix")
	hPrev2Word  = prefixHash("i-2 word")
	hNextWord   = prefixHash("i+1 word")
	hNextSuffix = prefixHash("i+1 suffix")
	hNext2Word  = prefixHash("i+2 word")
)

func prefixHash(name string) uint64 { return hashSpace(hashString(fnvOffset, name)) }

func suffix(w string) string {
	if len(w) > 3 {
		return w[len(w)-3:]
	}
	return w
}

// normalize is the model's view of a context word: lower case, with hyphenated words, years
// and numbers folded into classes.
func normalize(w string) string {
	switch {
	case w == "":
		return w
	case strings.Contains(w, "-") && w[0] != '-':
		return "!HYPHEN"
	case len(w) == 4 && isInt(w):
		return "!YEAR"
	case w[0] >= '0' && w[0] <= '9':
		return "!DIGITS"
	}
	return strings.ToLower(w)
}

func isInt(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}

// featureTable is an open-addressing hash table from feature hashes to weight spans, sized to a
// quarter full so that a lookup is one or two probes into two flat arrays. The tagger makes
// fourteen lookups a word; a Go map costs several times as much here.
type featureTable struct {
	keys  []uint64 // 0 marks an empty slot (no FNV-1a hash of a feature name is 0 in practice)
	spans []span
	mask  uint64
}

func newFeatureTable(n int) featureTable {
	size := 1
	for size < 4*n {
		size <<= 1
	}
	return featureTable{keys: make([]uint64, size), spans: make([]span, size), mask: uint64(size - 1)}
}

func slot(h uint64) uint64 { return h ^ h>>29 }

// insert adds a feature; it reports false if the hash is there already (or is 0).
func (t *featureTable) insert(h uint64, s span) bool {
	if h == 0 {
		return false
	}
	for i := slot(h) & t.mask; ; i = (i + 1) & t.mask {
		switch t.keys[i] {
		case 0:
			t.keys[i], t.spans[i] = h, s
			return true
		case h:
			return false
		}
	}
}

func (t *featureTable) get(h uint64) (span, bool) {
	for i := slot(h) & t.mask; ; i = (i + 1) & t.mask {
		switch t.keys[i] {
		case h:
			return t.spans[i], true
		case 0:
			return span{}, false
		}
	}
}
