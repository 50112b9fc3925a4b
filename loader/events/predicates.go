package events

// Events, stage 1: lexicon phrases found in a sentence, read as verbs, nouns or participles.

import (
	"slices"
	"strings"

	"github.com/dyadgraph/dyad/loader/actors"
	"github.com/dyadgraph/dyad/loader/lexicon"
	"github.com/dyadgraph/dyad/loader/text"
)

// predicate is a lexicon phrase found in a sentence.
type predicate struct {
	from, to int // token span
	e        *lexicon.Entry
	tslot    int // the mention bound by {T}, or -1
	// preps are the prepositions of a noun entry read apart from its noun ("the attack by X
	// on Y" for "attack on"): the tree gives the target after one of them; nil otherwise
	preps    []string
	passive  bool
	consumed bool  // part of another predicate's complement ("urged X to donate")
	subject  []int // the mentions found as its subject
	done     bool
}

// timeAt returns the end of a time expression at k ("today", "on Tuesday", "last week",
// "Friday"), or k when there is none.
func (d *docAnalysis) timeAt(sa *sentAnalysis, k int) int {
	s := sa.s
	if k >= s.To {
		return k
	}
	w := d.toks[k].Lower
	switch {
	case w == "today" || w == "yesterday" || w == "tonight" || w == "overnight":
		return k + 1
	case d.toks[k].Cap && text.Weekdays[w] != 0 || w == "sunday" && d.toks[k].Cap:
		return k + 1
	case w == "on" && k+1 < s.To && d.toks[k+1].Cap && (text.Weekdays[d.toks[k+1].Lower] != 0 || d.toks[k+1].Lower == "sunday"):
		return k + 2
	case (w == "last" || w == "this" || w == "next") && k+1 < s.To && d.toks[k+1].Is("week", "month", "year", "weekend", "morning", "night"):
		return k + 2
	}
	return k
}

// quantityAt returns the end of a quantity before a noun ("more than 100", "up to 1,000",
// "at least eight", "nearly 25,000"), or k when there is none.
func (d *docAnalysis) quantityAt(sa *sentAnalysis, k int) int {
	s := sa.s
	j := k
	switch {
	case j+1 < s.To && (d.toks[j].Is("more", "fewer", "less") && d.toks[j+1].Is("than") ||
		d.toks[j].Is("up") && d.toks[j+1].Is("to") || d.toks[j].Is("at") && d.toks[j+1].Is("least", "most")):
		j += 2
	case d.toks[j].Is("nearly", "almost", "about", "around", "some", "over", "roughly", "approximately", "just"):
		j++
	}
	if j < s.To && (d.toks[j].Kind == text.TokNumber || numberWords[d.toks[j].Lower]) {
		j++
		for j < s.To && (d.toks[j].Kind == text.TokNumber || numberWords[d.toks[j].Lower]) {
			j++
		}
		return j
	}
	return k
}

// gapBlockers end a phrase's gap: nouns that undo or stop the act the phrase names.
var gapBlockers = text.Set("lifting", "easing", "removal", "cessation", "suspension", "end", "ending", "halt",
	"withdrawal", "relaxation", "repeal", "cancellation")

// currencySigns stand before an amount ("$4.5 billion in aid").
var currencySigns = text.Set("$", "€", "£", "¥")

var numberWords = text.Set("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	"eleven", "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "hundreds", "thousand",
	"thousands", "million", "millions", "dozens", "dozen", "scores", "tens", "several")

// findPredicates matches the lexicon in a sentence, taking the longest match at each place.
func (d *docAnalysis) findPredicates(sa *sentAnalysis) {
	s := sa.s
	sa.pAt = make([]int, s.To-s.From)
	for k := range sa.pAt {
		sa.pAt[k] = -1
	}
	lx := d.lex
	for i := s.From; i < s.To; {
		if sa.mAt[i-s.From] >= 0 || d.toks[i].Kind != text.TokWord {
			i++
			continue
		}
		// hand-curated entries first; the derived CAMEO entries only where none matches
		var best *predicate
		try := func(p *lexicon.Pattern) {
			end, slot, ok := d.matchPattern(sa, p, 0, i)
			if ok && (best == nil || end > best.to) {
				best = &predicate{from: i, to: end, e: p.Entry, tslot: slot}
			}
		}
		for _, p := range lx.ByFirst[d.toks[i].Lower] {
			if !p.Entry.Derived {
				try(p)
			}
		}
		if best == nil {
			for _, p := range lx.ByFirst[d.toks[i].Lower] {
				if p.Entry.Derived {
					try(p)
				}
			}
			if lemmas := lx.DerivedLemmas[d.toks[i].Lower]; lemmas != nil {
				for k := i + 1; k < s.To && k <= i+lexicon.AnchorWindow; k++ {
					for _, p := range lx.DerivedBy[d.toks[k].Lower] {
						if slices.Contains(lemmas, p.Lemma) {
							try(p)
						}
					}
				}
			}
		}
		if best == nil {
			best = d.splitNoun(sa, i)
		}
		if best == nil {
			i++
			continue
		}
		// a verb form glued after a hyphen is a compound ("Tehran-backed"), not a predicate
		if d.toks[i].Glued && i > s.From && d.toks[i-1].Text == "-" {
			i++
			continue
		}
		if best.e.Derived && !d.taggedVerb(sa, best.from) {
			// the derived lexicon's words are verbs ("ready" as in "readied troops"): where the
			// tagger reads an adjective or a noun, they are not this entry
			i++
			continue
		}
		best.passive = !best.e.Flags.Has(lexicon.FlagNoun) && (d.isPassive(sa, best) || d.reducedRelative(sa, best))
		if !best.e.Flags.Has(lexicon.FlagNoun) && (d.isNounUse(sa, best) || d.taggedNoun(sa, best.from)) {
			// the word is a noun here: a noun entry of the lexicon may still fit ("talks with")
			best = nil
			for _, p := range lx.ByFirst[d.toks[i].Lower] {
				if p.Entry.Flags.Has(lexicon.FlagNoun) && !p.Entry.Derived {
					try(p)
				}
			}
			if best == nil {
				best = d.splitNoun(sa, i)
			}
			if best == nil {
				i++
				continue
			}
		}
		sa.preds = append(sa.preds, best)
		for k := best.from; k < best.to; k++ {
			if sa.mAt[k-s.From] < 0 {
				sa.pAt[k-s.From] = len(sa.preds) - 1
			}
		}
		i = best.to
	}
}

// matchPattern matches the pattern's elements from element ei at token i, and returns the end
// and the mention bound by {T}.
func (d *docAnalysis) matchPattern(sa *sentAnalysis, p *lexicon.Pattern, ei, i int) (int, int, bool) {
	s := sa.s
	if ei == len(p.Elems) {
		return i, -1, true
	}
	el := &p.Elems[ei]
	switch {
	case el.Gap:
		for n := 0; n <= 6; n++ {
			if end, slot, ok := d.matchPattern(sa, p, ei+1, i+n); ok {
				return end, slot, true
			}
			if i+n >= s.To {
				break
			}
			if t := &d.toks[i+n]; gapBlockers[t.Lower] {
				break // "announced the lifting of sanctions on X" is no sanction
			} else if t.Text == "-" && t.Glued || t.Lower == "and" && n > 0 || currencySigns[t.Text] {
				continue // "day-old", "political and territorial", "$4.5 billion"
			} else if t.Kind == text.TokPunct || text.BreakWords[t.Lower] {
				break
			}
			// a possessive pronoun, or an unknown name that is no actor ("another Patriot
			// battery"), belongs to the gap
			if mi := sa.mAt[i+n-s.From]; mi >= 0 && !(sa.ms[mi].Form == actors.FormPronoun && sa.ms[mi].Possessive) &&
				!(sa.ms[mi].Form == actors.FormCandidate && len(sa.ms[mi].Actors) == 0) {
				break
			}
		}
		return 0, 0, false
	case el.Target:
		k := i
		for k < s.To && determiners[d.toks[k].Lower] && sa.mAt[k-s.From] < 0 {
			k++
		}
		if k >= s.To || sa.mAt[k-s.From] < 0 {
			return 0, 0, false
		}
		mi := sa.mAt[k-s.From]
		group := d.groupForward(sa, mi)
		after := sa.ms[group[len(group)-1]].To
		// an apposition: "drove the aid agency, XYZ, out of"
		if after+2 < s.To && d.toks[after].Text == "," && sa.mAt[after+1-s.From] >= 0 {
			if m2 := sa.ms[sa.mAt[after+1-s.From]]; m2.To < s.To && d.toks[m2.To].Text == "," {
				after = m2.To + 1
			}
		}
		end, _, ok := d.matchPattern(sa, p, ei+1, after)
		return end, mi, ok
	}
	if ei > 0 {
		i = d.timeAt(sa, i) // "lifted Friday a blockade", "opened its borders today to"
	}
	for _, alt := range el.Alts {
		if i+len(alt) > s.To {
			continue
		}
		ok := true
		for k, w := range alt {
			t := &d.toks[i+k]
			if mi := sa.mAt[i+k-s.From]; t.Lower != w || mi >= 0 && !(sa.ms[mi].Form == actors.FormPronoun && sa.ms[mi].Possessive) {
				ok = false
				break
			}
		}
		if ok {
			if end, slot, ok := d.matchPattern(sa, p, ei+1, i+len(alt)); ok {
				return end, slot, true
			}
		}
	}
	if el.Optional {
		return d.matchPattern(sa, p, ei+1, i)
	}
	return 0, 0, false
}

// isPassive reports a passive verb: a form of "be" (or "get") before it, or a participle
// directly after a noun phrase and followed by "by".
func (d *docAnalysis) isPassive(sa *sentAnalysis, p *predicate) bool {
	head := d.toks[p.from].Lower
	if !(strings.HasSuffix(head, "ed") || strings.HasSuffix(head, "en") || strings.HasSuffix(head, "wn") ||
		lexicon.IsIrregularParticiple(head)) {
		return false
	}
	for k := p.from - 1; k >= sa.s.From && k >= p.from-4; k-- {
		w := d.toks[k].Lower
		switch {
		case w == "was" || w == "were" || w == "been" || w == "being" || w == "is" || w == "are" || w == "be" || w == "got" || w == "get" || w == "gets":
			return true
		case strings.HasSuffix(w, "ly") || w == "not" || w == "also" || w == "reportedly" || w == "allegedly" || w == "n't" || w == "never":
			continue
		}
		break
	}
	// "militias armed by Iran": a participle right after a mention, with "by" after
	if p.from-1 >= sa.s.From && sa.mAt[p.from-1-sa.s.From] >= 0 && p.to < sa.s.To && d.toks[p.to].Lower == "by" {
		return true
	}
	return false
}

// irregularParticiples holds the past participles of irregularVerbs.
// isNounUse reports a verb pattern used as a noun: a single word after a determiner or an
// adjective-like word and not followed by an object ("the strikes", "a rocket attack").
func (d *docAnalysis) isNounUse(sa *sentAnalysis, p *predicate) bool {
	if p.to-p.from > 1 || p.from == sa.s.From {
		return false
	}
	prev := d.toks[p.from-1].Lower
	if determiners[prev] && prev != "all" && prev != "both" && prev != "that" || prev == "'s" {
		return true
	}
	// "a heavily armed minority": a participle as an adjective
	if strings.HasSuffix(prev, "ly") && p.from-2 >= sa.s.From && determiners[d.toks[p.from-2].Lower] {
		return true
	}
	return d.isNounAfterName(sa, p)
}

// isNounAfterName reports a plural noun after a name that modifies it, where the name itself
// stands as an object ("struck Houthi targets in Yemen", "against Russian attacks"): the
// name follows a verb, a preposition or a determiner, so the word after it cannot be its verb.
func (d *docAnalysis) isNounAfterName(sa *sentAnalysis, p *predicate) bool {
	s := sa.s
	w := d.toks[p.from].Lower
	if !strings.HasSuffix(w, "s") || strings.HasSuffix(w, "ss") {
		return false
	}
	mi := sa.mAt[p.from-1-s.From]
	if mi < 0 {
		return false
	}
	m := &sa.ms[mi]
	if m.Possessive || m.Form == actors.FormPronoun || m.From <= s.From {
		return false
	}
	// what follows must not be an object: the end, punctuation, a preposition or a clause word
	if p.to < s.To {
		next := &d.toks[p.to]
		if !(next.Kind == text.TokPunct || text.Prepositions[next.Lower] || text.BreakWords[next.Lower]) {
			return false
		}
	}
	before := m.From - 1 - s.From
	if pi := sa.pAt[before]; pi >= 0 {
		return sa.preds[pi].e.Type != "" // after "said", the name starts a clause
	}
	w0 := d.toks[m.From-1].Lower
	return determiners[w0] || text.Prepositions[w0] && !text.BreakWords[w0]
}

// splitNoun reads a noun of the lexicon's "noun preposition" entries ("attack on", "sanctions
// against") whose preposition does not follow it: "the attack by X on Y", "the invasion last
// year of Y". The predicate is the noun alone; the nominal frame finds the preposition's phrase
// in the tree. It returns nil when the word heads no such entry or is not tagged a noun.
func (d *docAnalysis) splitNoun(sa *sentAnalysis, i int) *predicate {
	var p *predicate
	for _, pt := range d.lex.ByFirst[d.toks[i].Lower] {
		e := pt.Entry
		if !e.Flags.Has(lexicon.FlagNoun) || e.Derived || len(pt.Elems) != 2 || e.Flags.Has(lexicon.FlagReverse|lexicon.FlagReferent) {
			continue
		}
		el := &pt.Elems[1]
		if el.Gap || el.Target || el.Optional {
			continue
		}
		ok := false
		for _, alt := range pt.Elems[0].Alts {
			ok = ok || len(alt) == 1 && alt[0] == d.toks[i].Lower
		}
		if !ok {
			continue
		}
		for _, alt := range el.Alts {
			if len(alt) != 1 || !text.Prepositions[alt[0]] && alt[0] != "of" {
				continue
			}
			if p == nil {
				p = &predicate{from: i, to: i + 1, e: e, tslot: -1}
			}
			if !slices.Contains(p.preps, alt[0]) {
				p.preps = append(p.preps, alt[0])
			}
		}
	}
	if p == nil || !strings.HasPrefix(d.tagAt(sa, i), "NN") {
		return nil
	}
	return p
}
