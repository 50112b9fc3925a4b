package events

import (
	"strings"

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
