package events

import (
	"strings"

	"github.com/dyadgraph/dyad/loader/actors"
	"github.com/dyadgraph/dyad/loader/text"
)

// The syntactic layer's use in the frames: part-of-speech tags (loader/syntax) decide whether a
// lexicon word is used as a verb, a noun or a participle.

// tagAt returns token k's part-of-speech tag, or "" when there is no tagger. A sentence is
// tagged on first use and only as far as asked: the frames ask where a lexicon word stands
// between two actor mentions, which keeps tagging off most of the text of long articles.
func (d *docAnalysis) tagAt(sa *sentAnalysis, k int) string {
	if d.tagger == nil {
		return ""
	}
	if sa.tags == nil {
		words := make([]string, sa.s.To-sa.s.From)
		for j := range words {
			words[j] = d.toks[sa.s.From+j].Text
		}
		sa.tags = d.tagger.Sequence(words)
	}
	return sa.tags.At(k - sa.s.From)
}

// twoActors reports whether the sentence names at least two actors, the least a relation needs.
func (sa *sentAnalysis) twoActors() bool {
	n := 0
	for i := range sa.ms {
		if len(sa.ms[i].Actors) > 0 {
			if n++; n == 2 {
				return true
			}
		}
	}
	return false
}

// taggedNoun reports a verb pattern's head word tagged as a noun: "the strike", "Houthi
// attacks". A noun is never read as a verb.
func (d *docAnalysis) taggedNoun(sa *sentAnalysis, k int) bool {
	if !sa.twoActors() || !strings.HasPrefix(d.tagAt(sa, k), "NN") {
		return false
	}
	// The tagger, trained on older wire text, reads a verb in -s after a name as a plural noun
	// ("Beijing opposes sanctions"): a word after an actor that is followed by the start of a
	// noun phrase rather than a preposition or a verb is a verb after all.
	s := sa.s
	w := d.toks[k].Lower
	if k > s.From && verbBefore[d.toks[k-1].Lower] {
		return false // "will share intelligence": after a modal, a verb
	}
	if k > s.From && k+1 < s.To && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
		if mi := sa.mAt[k-1-s.From]; mi >= 0 && !sa.ms[mi].Possessive && len(sa.ms[mi].Actors) > 0 {
			next := d.tagAt(sa, k+1)
			if sa.mAt[k+1-s.From] >= 0 || next == "DT" || next == "JJ" || strings.HasPrefix(next, "NN") || next == "PRP$" || next == "CD" {
				return false
			}
		}
	}
	return true
}

// taggedVerb reports a word the tagger reads as a verb, in a sentence that names two actors.
func (d *docAnalysis) taggedVerb(sa *sentAnalysis, k int) bool {
	return sa.twoActors() && strings.HasPrefix(d.tagAt(sa, k), "VB")
}

// infinitive reports a "to" at k that marks an infinitive ("ready to hold"), not a
// preposition: the tagger reads the word after it as a verb's base form, or it is part of a
// lexicon phrase such as "willing to".
func (d *docAnalysis) infinitive(sa *sentAnalysis, k int) bool {
	if sa.pAt[k-sa.s.From] >= 0 {
		return true
	}
	return k+1 < sa.s.To && d.tagAt(sa, k+1) == "VB"
}

// reducedRelative reports a past participle that modifies the noun before it rather than
// being its verb: "soldiers killed in the fighting", "troops stationed in Syria". Its subject
// is what the participle happened to, so the frame is passive.
func (d *docAnalysis) reducedRelative(sa *sentAnalysis, p *predicate) bool {
	if p.from == sa.s.From || !sa.twoActors() || d.tagAt(sa, p.from) != "VBN" {
		return false
	}
	prev := d.tagAt(sa, p.from-1)
	if !strings.HasPrefix(prev, "NN") && sa.mAt[p.from-1-sa.s.From] < 0 {
		return false
	}
	// a participle that takes an object is a verb in the past tense after all ("the army
	// lifted Friday a blockade"): a modifier is followed by a preposition, "by", or the end
	// of its phrase
	k := d.timeAt(sa, p.to)
	if k >= sa.s.To {
		return true
	}
	next := &d.toks[k]
	return next.Kind == text.TokPunct || text.Prepositions[next.Lower] || text.BreakWords[next.Lower]
}

// weaponNouns head a noun phrase that names an attack or the means of one; the actor that
// modifies such a phrase ("Russian drone strikes", "Israel's air raids") carries it out.
var weaponNouns = text.Set("strike", "strikes", "airstrike", "airstrikes", "attack", "attacks", "raid", "raids",
	"missile", "missiles", "rocket", "rockets", "drone", "drones", "shelling", "bombardment",
	"bombardments", "bombing", "bombings", "barrage", "barrages", "artillery", "fire", "shells",
	"offensive", "incursion", "incursions", "assault", "assaults", "warplanes", "jets", "bombs")

// weaponAgent finds the agent of a verb whose subject is an attack rather than an actor: the
// noun phrase ending right before the verb (over auxiliaries) is headed by a weapon noun, and an
// actor modifies it as a demonym, a name or a possessive. It returns the mention, or -1.
func (d *docAnalysis) weaponAgent(sa *sentAnalysis, verb int) int {
	s := sa.s
	k := verb - 1
	for k >= s.From && text.AuxWords[d.toks[k].Lower] && sa.mAt[k-s.From] < 0 {
		k--
	}
	if k < s.From || !weaponNouns[d.toks[k].Lower] {
		return -1
	}
	// back over the phrase's modifiers: nouns, adjectives, "and", hyphens
	for j, n := k-1, 0; j >= s.From && n < 6; j, n = j-1, n+1 {
		if mi := sa.mAt[j-s.From]; mi >= 0 {
			m := &sa.ms[mi]
			if len(m.Actors) > 0 && !m.Locative && (m.Form == actors.FormDemonym || m.Possessive || m.To == j+1) {
				return mi
			}
			return -1
		}
		t := &d.toks[j]
		tag := d.tagAt(sa, j)
		if t.Lower == "and" || t.Text == "-" || strings.HasPrefix(tag, "NN") || tag == "JJ" || t.Lower == "'s" {
			continue
		}
		return -1
	}
	return -1
}

// directObject reports whether the words from k to end could open a verb's direct object
// before its head: determiners, possessive pronouns, adjectives, adverbs and numbers only
// ("announced its immediate", "confirmed").
func (d *docAnalysis) directObject(sa *sentAnalysis, k, end int) bool {
	for ; k < end; k++ {
		// adverbials between the verb and its object: "announced on Monday the ...", "confirmed
		// in Geneva today that ..."
		if j := d.timeAt(sa, k); j > k && j <= end {
			k = j - 1
			continue
		}
		if j := d.placePhrase(sa, k); j > k && j < end {
			k = j - 1
			continue
		}
		if sa.mAt[k-sa.s.From] >= 0 && !(sa.ms[sa.mAt[k-sa.s.From]].Form == actors.FormPronoun && sa.ms[sa.mAt[k-sa.s.From]].Possessive) {
			return false
		}
		t := &d.toks[k]
		switch tag := d.tagAt(sa, k); {
		case determiners[t.Lower], tag == "PRP$", tag == "JJ", tag == "RB", tag == "CD", tag == "DT":
		default:
			return false
		}
	}
	return true
}

// placePhrase returns the end of a place adverbial at k ("in Geneva", "at the UN headquarters in
// New York" is not one: only a preposition of place and a place name), or k when there is none.
func (d *docAnalysis) placePhrase(sa *sentAnalysis, k int) int {
	if k+1 >= sa.s.To || !d.toks[k].Is("in", "at", "from") {
		return k
	}
	if mi := sa.mAt[k+1-sa.s.From]; mi >= 0 && sa.ms[mi].Locative {
		return sa.ms[mi].To
	}
	// a place the gazetteer does not know: a proper noun that names no actor ("in Ottawa")
	j := k + 1
	for j < sa.s.To && d.tagAt(sa, j) == "NNP" && sa.mAt[j-sa.s.From] < 0 && text.Weekdays[d.toks[j].Lower] == 0 {
		j++
	}
	if j > k+1 {
		return j
	}
	return k
}

// gerundAfterPreposition reports a verb in -ing right after a preposition ("of preparing",
// "after meeting"): the head of a clause without a subject of its own.
func (d *docAnalysis) gerundAfterPreposition(sa *sentAnalysis, k int) bool {
	prev := d.toks[k-1].Lower
	return (text.Prepositions[prev] || prev == "of") && prev != "to" && strings.HasSuffix(d.toks[k].Lower, "ing") &&
		d.tagAt(sa, k) == "VBG"
}

// isQuote reports a quotation mark token.
func isQuote(s string) bool {
	switch s {
	case "\"", "“", "”", "‘", "’", "'", "«", "»", "``", "''":
		return true
	}
	return false
}

// verbBefore are words after which a word of the lexicon is a verb whatever the tagger says.
var verbBefore = text.Set("will", "would", "shall", "should", "can", "could", "may", "might", "must", "to",
	"did", "does", "do", "'ll", "not", "n't", "never")
