package classify

import (
	"strconv"
	"strings"
)

// Sentence is what the claim decision reads of one sentence: its words and their tags, its
// dependency tree when the parser ran, the actor mentions found in it and the event lexicon's
// matches (cues). Token indices are 0-based positions in Words.
type Sentence struct {
	Words    []string
	Tags     []string // Penn Treebank tags; nil when the sentence was not tagged
	Heads    []int    // each word's head, -1 for the root; nil without a parse
	Labels   []string // each word's dependency relation; nil without a parse
	Mentions []Mention
	Cues     []Cue
}

// Mention is an actor mention: its token span and what the actor is.
type Mention struct {
	From, To   int    // token span, half-open
	Kind       string // the actor's kind (STATE, GOVERNMENT, PERSON, IGO, ...)
	Country    string // its state, or ""
	Possessive bool   // "Russia's", "its"
	Locative   bool   // a place after "in", "at": the scene
	Pronoun    bool   // a pronoun or a stand-in resolved to an earlier mention
}

// Cue is a match of the event lexicon: a phrase whose type and CAMEO code are evidence, not the
// decision.
type Cue struct {
	From, To int    // token span, half-open
	Type     string // its PLOVER type ("" for a phrase that marks no event)
	CAMEO    string
	Derived  bool   // from the CAMEO verb dictionary rather than the curated lexicon
	Noun     bool   // read as a noun ("the attack on")
	Passive  bool   // read as a passive verb
	Tag      string // its first word's part-of-speech tag, when known
}

// Pair is a candidate: an ordered pair of mentions, by their index in Sentence.Mentions.
type Pair struct{ Source, Target int }

// Pairs lists the candidate pairs of a sentence: every ordered pair of distinct mentions that
// are not scenery, each mention paired only with its near nearest mentions on either side.
func Pairs(s *Sentence, near int) []Pair {
	var out []Pair
	for i, a := range s.Mentions {
		if a.Locative {
			continue
		}
		for j, b := range s.Mentions {
			if i == j || b.Locative {
				continue
			}
			d := i - j
			if d < 0 {
				d = -d
			}
			if d > near {
				continue
			}
			out = append(out, Pair{Source: i, Target: j})
		}
	}
	return out
}

// Words that negate, make hypothetical or only ask for what follows them.
var (
	negators   = map[string]bool{"not": true, "n't": true, "never": true, "no": true, "denied": true, "deny": true, "denies": true, "refused": true, "without": true}
	modals     = map[string]bool{"will": true, "would": true, "could": true, "may": true, "might": true, "should": true, "can": true, "must": true, "shall": true, "'ll": true}
	conditions = map[string]bool{"if": true, "unless": true, "whether": true}
)

// stem strips the commonest English inflections, so that "attacked", "attacks" and "attacking"
// share a feature.
func stem(w string) string {
	for _, suf := range []string{"ing", "ied", "ies", "ed", "es", "s"} {
		if len(w) > len(suf)+3 && strings.HasSuffix(w, suf) {
			if suf == "ied" || suf == "ies" {
				return w[:len(w)-3] + "y"
			}
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

func bucket(n int) string {
	switch {
	case n <= 3:
		return strconv.Itoa(n)
	case n <= 6:
		return "4-6"
	case n <= 10:
		return "7-10"
	case n <= 20:
		return "11-20"
	}
	return "21+"
}

// featureSet collects hashed features.
type featureSet struct{ out []uint64 }

// add adds the feature named by parts joined with "\x1f", hashed as Hash would hash the
// joined string, without building it.
func (f *featureSet) add(parts ...string) {
	h := uint64(14695981039346656037)
	for i, p := range parts {
		if i > 0 {
			h ^= 0x1f
			h *= 1099511628211
		}
		for j := 0; j < len(p); j++ {
			h ^= uint64(p[j])
			h *= 1099511628211
		}
	}
	f.out = append(f.out, h)
}

// PairFeatures appends the features of candidate p to out and returns it. extra are features
// the caller knows of the pair (for instance which hand patterns proposed it); each is added
// alone and with the pair's direction.
func PairFeatures(s *Sentence, p Pair, extra []string, out []uint64) []uint64 {
	f := featureSet{out: out}
	src, tgt := s.Mentions[p.Source], s.Mentions[p.Target]
	forward := src.From < tgt.From
	dir := "fwd"
	left, right := src, tgt
	if !forward {
		dir = "back"
		left, right = tgt, src
	}
	lower := func(i int) string { return strings.ToLower(s.Words[i]) }
	tag := func(i int) string {
		if s.Tags == nil || i < 0 || i >= len(s.Tags) {
			return ""
		}
		return s.Tags[i]
	}
	f.add("bias")
	f.add("dir", dir)
	gap := right.From - left.To
	if gap < 0 {
		gap = 0
	}
	f.add("gap", bucket(gap), dir)
	between := 0
	for _, m := range s.Mentions {
		if m.From >= left.To && m.To <= right.From {
			between++
		}
	}
	f.add("mentions-between", bucket(between))
	f.add("kinds", src.Kind, tgt.Kind)
	f.add("src-kind", src.Kind)
	f.add("tgt-kind", tgt.Kind)
	if src.Country != "" && src.Country == tgt.Country {
		f.add("same-country", dir)
	}
	if src.Possessive {
		f.add("src-possessive", dir)
	}
	if tgt.Possessive {
		f.add("tgt-possessive", dir)
	}
	if src.Pronoun {
		f.add("src-pronoun")
	}
	if tgt.Pronoun {
		f.add("tgt-pronoun")
	}
	// The words around the pair.
	if left.From > 0 {
		f.add("before-left", lower(left.From-1), dir)
	} else {
		f.add("before-left", "<s>", dir)
	}
	if right.To < len(s.Words) {
		f.add("after-right", lower(right.To), dir)
	}
	if src.From > 0 {
		f.add("before-src", lower(src.From-1))
	}
	if tgt.From > 0 {
		f.add("before-tgt", lower(tgt.From-1))
	}
	if gap > 0 {
		f.add("first-between", lower(left.To), dir)
		f.add("last-between", lower(right.From-1), dir)
	}
	neg, modal, cond := false, false, false
	if gap <= 12 {
		for k := left.To; k < right.From; k++ {
			w := lower(k)
			f.add("between", stem(w), dir)
			if t := tag(k); t != "" {
				f.add("between-tag", t, dir)
			}
			neg = neg || negators[w]
			modal = modal || modals[w]
		}
	} else {
		f.add("far", dir)
	}
	for k := 0; k < left.From; k++ {
		w := lower(k)
		cond = cond || conditions[w]
		if k >= left.From-4 {
			neg = neg || negators[w]
		}
	}
	if neg {
		f.add("negation", dir)
	}
	if modal {
		f.add("modal", dir)
	}
	if cond {
		f.add("condition-before")
	}
	// The lexicon's cues, by where they stand relative to the pair.
	for _, c := range s.Cues {
		var pos string
		switch {
		case c.To <= left.From:
			pos = "before"
		case c.From >= right.To:
			pos = "after"
		case c.From >= left.To && c.To <= right.From:
			pos = "between"
		default:
			pos = "inside"
		}
		words := make([]string, 0, c.To-c.From)
		for k := c.From; k < c.To; k++ {
			words = append(words, stem(lower(k)))
		}
		phrase := strings.Join(words, " ")
		typ := c.Type
		if typ == "" {
			typ = "-"
		}
		form := "verb"
		switch {
		case c.Noun:
			form = "noun"
		case c.Passive:
			form = "passive"
		case strings.HasPrefix(c.Tag, "NN"):
			form = "noun-use"
		case strings.HasPrefix(c.Tag, "JJ") || c.Tag == "VBN" && pos != "between":
			form = "modifier"
		}
		f.add("cue", typ, pos, dir)
		f.add("cue-form", typ, pos, dir, form)
		f.add("cue-phrase", phrase, pos, dir)
		f.add("cue-phrase-form", phrase, pos, dir, form)
		if len(c.CAMEO) >= 2 {
			f.add("cue-cameo", c.CAMEO[:2], pos, dir)
		}
		if c.Derived {
			f.add("cue-derived", typ, pos, dir)
		}
		if pos == "between" {
			f.add("cue-between-kinds", typ, src.Kind, tgt.Kind, dir)
			f.add("cue-between-gap", typ, bucket(gap), dir)
		}
		if pos == "before" && c.From > 0 && negators[lower(c.From-1)] {
			f.add("cue-negated", typ)
		}
		if c.From > 0 && negators[lower(c.From-1)] || c.From > 1 && negators[lower(c.From-2)] {
			f.add("cue-negated", typ, pos, dir)
		}
		if c.From > 0 && modals[lower(c.From-1)] || c.From > 1 && modals[lower(c.From-2)] {
			f.add("cue-modal", typ, pos, dir)
		}
	}
	if s.Heads != nil {
		treeFeatures(&f, s, src, tgt, lower)
	}
	for _, e := range extra {
		f.add("x", e)
		f.add("x", e, dir)
	}
	return f.out
}

// headOf returns the word of a span whose head lies outside it: the mention's syntactic head.
func headOf(s *Sentence, from, to int) int {
	for k := from; k < to; k++ {
		if h := s.Heads[k]; h < from || h >= to {
			return k
		}
	}
	return to - 1
}

// treeFeatures adds the dependency path between the two mentions' heads: the relations up from
// the source to their lowest common ancestor and down to the target, with that ancestor's word.
func treeFeatures(f *featureSet, s *Sentence, src, tgt Mention, lower func(int) string) {
	a, b := headOf(s, src.From, src.To), headOf(s, tgt.From, tgt.To)
	up := map[int]int{} // ancestor of a -> steps
	for k, n := a, 0; k >= 0 && n < 50; k, n = s.Heads[k], n+1 {
		up[k] = n
	}
	var down []string
	lca := -1
	for k, n := b, 0; k >= 0 && n < 50; k, n = s.Heads[k], n+1 {
		if _, ok := up[k]; ok {
			lca = k
			break
		}
		down = append(down, s.Labels[k])
	}
	if lca < 0 {
		f.add("no-path")
		return
	}
	var upPath []string
	var onPath []int // the words between the two heads on the path, the ancestor last
	for k := a; k != lca; k = s.Heads[k] {
		upPath = append(upPath, s.Labels[k])
		if k != a {
			onPath = append(onPath, k)
		}
	}
	for k := s.Heads[b]; k >= 0 && k != lca; k = s.Heads[k] {
		onPath = append(onPath, k)
	}
	if lca != a && lca != b {
		onPath = append(onPath, lca)
	}
	for i, j := 0, len(down)-1; i < j; i, j = i+1, j-1 {
		down[i], down[j] = down[j], down[i]
	}
	path := strings.Join(upPath, "^") + "|" + strings.Join(down, "v")
	word := stem(lower(lca))
	if len(upPath)+len(down) <= 6 {
		f.add("path", path)
		f.add("path-word", path, word)
	} else {
		f.add("path-long")
	}
	f.add("lca-word", word)
	// The lexicon's cues on the path: the tree says which predicate links the two, the
	// lexicon what kind of event it is.
	srcRel, tgtRel := s.Labels[a], s.Labels[b]
	for _, k := range onPath {
		role := "on-path"
		if k == lca {
			role = "lca"
		}
		for _, c := range s.Cues {
			if k >= c.From && k < c.To {
				f.add("path-cue", c.Type, role)
				f.add("path-cue-rels", c.Type, role, srcRel, tgtRel)
				if len(upPath)+len(down) <= 4 {
					f.add("path-cue-path", c.Type, path)
				}
			}
		}
	}
	if lca == a || lca == b {
		f.add("lca-is-mention")
	}
	f.add("src-rel", s.Labels[a])
	f.add("tgt-rel", s.Labels[b])
	f.add("rels", s.Labels[a], s.Labels[b], word)
	// The case word of the target ("on", "against", "with", "by") and of the source.
	for k := range s.Words {
		if s.Heads[k] == b && s.Labels[k] == "case" {
			f.add("tgt-case", lower(k), word)
		}
		if s.Heads[k] == a && s.Labels[k] == "case" {
			f.add("src-case", lower(k), word)
		}
		if s.Heads[k] == lca && (s.Labels[k] == "advmod" || s.Labels[k] == "aux") && (negators[lower(k)] || modals[lower(k)]) {
			f.add("lca-dep", lower(k))
		}
		if s.Heads[k] == lca && s.Labels[k] == "mark" && conditions[lower(k)] {
			f.add("lca-condition")
		}
	}
	if h := s.Heads[lca]; h >= 0 {
		f.add("lca-governor", s.Labels[lca], stem(lower(h)))
	}
}
