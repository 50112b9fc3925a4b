package events

// The dependency tree of a sentence, as the frames read it: a sentence is parsed on first use,
// and only when it can hold a claim; a word of the tree maps to the actor mention it names.

import (
	"strings"

	"github.com/dyadgraph/dyad/loader/actors"
	"github.com/dyadgraph/dyad/loader/lexicon"
	"github.com/dyadgraph/dyad/loader/syntax"
)

// maxParseTokens bounds the sentences that are parsed: a longer "sentence" is a run-on text
// without sentence breaks (a table, a list), where a tree says little and costs much.
const maxParseTokens = 160

// maxGroup bounds a coordinated group of mentions ("X, Y, Z and W").
const maxGroup = 8

// tree returns the sentence's dependency tree, or nil when the sentence cannot hold a claim
// (fewer than two actor mentions, and not one with an event word), is too long, or there is
// no parser. Its word i is the sentence's token s.From+i.
func (d *docAnalysis) tree(sa *sentAnalysis) *syntax.Tree {
	if sa.parsed {
		return sa.tree
	}
	sa.parsed = true
	n := sa.s.To - sa.s.From
	if d.frameParser == nil || d.tagger == nil || n == 0 || n > maxParseTokens || !d.claimable(sa) {
		return nil
	}
	d.tagAt(sa, sa.s.From)
	words, tags := make([]string, n), make([]string, n)
	for k := range n {
		words[k] = d.toks[sa.s.From+k].Text
		tags[k] = sa.tags.At(k)
	}
	t := d.frameParser.Parse(words, tags)
	sa.tree = &t
	return sa.tree
}

// claimable reports whether a sentence can hold a claim the frames read from a tree: a word of
// the lexicon that names an event and an actor mention with another party (a second mention,
// a pronoun, a speaker, or the members of the mention), or two actor mentions and a modal that
// asks something of one ("X said Y must ..."). Other sentences are not parsed: their claims,
// if any, come from words alone (compounds, named protests).
func (d *docAnalysis) claimable(sa *sentAnalysis) bool {
	// a lone mention holds a claim only with another party: a pronoun that resolves to a
	// speaker, the several actors it stands for ("the two sides"), or a speaker who reports
	// an attack on their state
	one, other := false, sa.twoActors()
	for i := range sa.ms {
		m := &sa.ms[i]
		one = one || len(m.Actors) > 0
		other = other || m.Form == actors.FormPronoun || len(m.Actors) > 1
	}
	for _, p := range sa.preds {
		other = other || p.e.Flags.Has(lexicon.FlagSpeech)
	}
	if !one || !other {
		return false
	}
	for _, p := range sa.preds {
		if p.e.Type != "" {
			return true
		}
	}
	if !sa.twoActors() {
		return false
	}
	for k := sa.s.From; k < sa.s.To; k++ {
		if w := d.toks[k].Lower; modalRequest[w] || w == "has" || w == "have" || w == "need" || w == "needs" || w == "ought" {
			return true
		}
	}
	return false
}

// The tree's accessors in document token positions: k is a token of the sentence.

func (sa *sentAnalysis) head(k int) int {
	h := sa.tree.Head[k-sa.s.From]
	if h < 0 {
		return -1
	}
	return h + sa.s.From
}

func (sa *sentAnalysis) label(k int) string { return sa.tree.Label[k-sa.s.From] }

// deps returns the dependents of token k whose relation is label (with its subtypes).
func (sa *sentAnalysis) deps(k int, label string) []int {
	var out []int
	for i, h := range sa.tree.Head {
		if h == k-sa.s.From && matchLabel(sa.tree.Label[i], label) {
			out = append(out, i+sa.s.From)
		}
	}
	return out
}

// dep returns the first dependent of k with the relation label, or -1.
func (sa *sentAnalysis) dep(k int, label string) int {
	if ds := sa.deps(k, label); len(ds) > 0 {
		return ds[0]
	}
	return -1
}

func matchLabel(l, want string) bool {
	return l == want || (len(l) > len(want) && l[len(want)] == ':' && l[:len(want)] == want)
}

// caseOf returns the lowercased case word (preposition) of token k: "on" for "on Ukraine", "" if none.
func (d *docAnalysis) caseOf(sa *sentAnalysis, k int) string {
	if c := sa.dep(k, "case"); c >= 0 && c < k {
		return d.toks[c].Lower
	}
	return ""
}

// dominates reports whether token a is k or an ancestor of k.
func (sa *sentAnalysis) dominates(a, k int) bool {
	for n := 0; k >= 0 && n < 64; n++ {
		if k == a {
			return true
		}
		k = sa.head(k)
	}
	return false
}

// deepCases introduce the prepositional modifiers of an object that may name its actor: "the
// assets of Iranian officials", "the coup in Niger", "attacks on Y"; not "leaders at a Beijing
// summit".
var deepCases = map[string]bool{"of": true, "in": true, "on": true, "against": true, "into": true}

// modifierLabels lead from a noun to the words that say whose it is or what kind it is:
// "Russian troops", "Israel's air raids", "Houthi rebels".
var modifierLabels = []string{"amod", "compound", "nmod:poss", "flat", "det:poss"}

// mentionAt maps a word of the tree to an actor mention: the mention whose span holds the
// word, or else one in apposition to it ("Kenya's neighbour, Uganda,"), one that modifies it
// ("Chinese hackers" names China), or one after "of"
// ("the convoy of Sudan"); with deep, a mention in any prepositional modifier of the word
// ("sanctions on Iranian banks"), nearest first. It returns the mention's index and the number of words between, or -1.
func (d *docAnalysis) mentionAt(sa *sentAnalysis, k int, deep bool) (int, int) {
	if k < sa.s.From || k >= sa.s.To {
		return -1, 0
	}
	if mi := sa.mAt[k-sa.s.From]; mi >= 0 {
		if len(sa.ms[mi].Actors) == 0 {
			return -1, 0
		}
		return mi, 0
	}
	// an apposition names the word's referent: "the regional bloc, the African Union,"
	for _, c := range sa.deps(k, "appos") {
		if mi := sa.mAt[c-sa.s.From]; mi >= 0 && len(sa.ms[mi].Actors) > 0 && !sa.ms[mi].Locative {
			return mi, 1
		}
	}
	for _, l := range modifierLabels {
		for _, c := range sa.deps(k, l) {
			if mi := sa.mAt[c-sa.s.From]; mi >= 0 && len(sa.ms[mi].Actors) > 0 {
				return mi, 1
			}
		}
	}
	for _, c := range sa.deps(k, "nmod") {
		if cs := d.caseOf(sa, c); cs != "of" && !(deep && deepCases[cs]) {
			continue // without deep, only "the convoy of Sudan", "the army of Y"
		}
		if mi, n := d.mentionAt(sa, c, false); mi >= 0 {
			return mi, n + 2
		}
	}
	return -1, 0
}

// group returns the mention of word k and the mentions of the words coordinated with it
// ("Russia, China and Iran"), bounded by maxGroup. Apposition adds no party: "Egypt, a
// mediator," is one.
func (d *docAnalysis) group(sa *sentAnalysis, k int, deep bool) ([]int, int) {
	mi, noise := d.mentionAt(sa, k, deep)
	if mi < 0 {
		// a list whose first member names no actor ("the Fordow, Natanz and Isfahan sites"):
		// the members that do
		for _, c := range sa.deps(k, "conj") {
			if !d.predicateVerb(sa, c) {
				if g, n := d.group(sa, c, false); len(g) > 0 {
					return g, n + 1
				}
			}
		}
		return nil, noise
	}
	out := []int{mi}
	// the conjuncts of the word, of the mention's words and of the modifier that named it:
	// "Russia, China and Iran", "Chinese and Russian warships", "the Mali, Burkina Faso and
	// Niger juntas"; a chain of conjuncts hangs on its first word or each on the one before
	seen := map[int]bool{}
	var walk func(k, depth int)
	walk = func(k, depth int) {
		if seen[k] || depth > maxGroup {
			return
		}
		seen[k] = true
		for _, c := range sa.deps(k, "conj") {
			if len(out) == maxGroup {
				return
			}
			if d.predicateVerb(sa, c) {
				continue // "X attacked Y and shelled Z": a coordinated verb, not a party
			}
			if mj, _ := d.mentionAt(sa, c, false); mj >= 0 && !contains(out, mj) && !sa.ms[mj].Locative {
				out = append(out, mj)
			}
			walk(c, depth+1)
		}
	}
	starts := []int{k}
	for j := sa.ms[mi].From; j < sa.ms[mi].To; j++ {
		starts = append(starts, j)
	}
	for _, j := range starts {
		r := j
		for n := 0; n < maxGroup && sa.label(r) == "conj" && !d.predicateVerb(sa, r); n++ {
			r = sa.head(r)
		}
		if r != j {
			if mj, _ := d.mentionAt(sa, r, false); mj >= 0 && !contains(out, mj) && !sa.ms[mj].Locative && len(out) < maxGroup {
				out = append(out, mj)
			}
		}
		walk(r, 0)
	}
	return out, noise
}

// predicateVerb reports a token the tagger reads as a verb.
func (d *docAnalysis) predicateVerb(sa *sentAnalysis, k int) bool {
	return strings.HasPrefix(d.tagAt(sa, k), "VB")
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
