package loader

// Events, stage 1: lexicon phrases found in a sentence, read as verbs, nouns or participles.

import (
	"slices"
	"strings"
)

// predicate is a lexicon phrase found in a sentence.
type predicate struct {
	from, to int // token span
	e        *lexEntry
	tslot    int // the mention bound by {T}, or -1
	passive  bool
	consumed bool  // part of another predicate's complement ("urged X to donate")
	subject  []int // the mentions found as its subject
	done     bool
}

// timeAt returns the end of a time expression at k ("today", "on Tuesday", "last week",
// "Friday"), or k when there is none.
func (d *docAnalysis) timeAt(sa *sentAnalysis, k int) int {
	s := sa.s
	if k >= s.to {
		return k
	}
	w := d.toks[k].lower
	switch {
	case w == "today" || w == "yesterday" || w == "tonight" || w == "overnight":
		return k + 1
	case d.toks[k].cap && weekdays[w] != 0 || w == "sunday" && d.toks[k].cap:
		return k + 1
	case w == "on" && k+1 < s.to && d.toks[k+1].cap && (weekdays[d.toks[k+1].lower] != 0 || d.toks[k+1].lower == "sunday"):
		return k + 2
	case (w == "last" || w == "this" || w == "next") && k+1 < s.to && d.toks[k+1].is("week", "month", "year", "weekend", "morning", "night"):
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
	case j+1 < s.to && (d.toks[j].is("more", "fewer", "less") && d.toks[j+1].is("than") ||
		d.toks[j].is("up") && d.toks[j+1].is("to") || d.toks[j].is("at") && d.toks[j+1].is("least", "most")):
		j += 2
	case d.toks[j].is("nearly", "almost", "about", "around", "some", "over", "roughly", "approximately", "just"):
		j++
	}
	if j < s.to && (d.toks[j].kind == tokNumber || numberWords[d.toks[j].lower]) {
		j++
		for j < s.to && (d.toks[j].kind == tokNumber || numberWords[d.toks[j].lower]) {
			j++
		}
		return j
	}
	return k
}

// gapBlockers end a phrase's gap: nouns that undo or stop the act the phrase names.
var gapBlockers = toSet("lifting", "easing", "removal", "cessation", "suspension", "end", "ending", "halt",
	"withdrawal", "relaxation", "repeal", "cancellation")

// currencySigns stand before an amount ("$4.5 billion in aid").
var currencySigns = toSet("$", "€", "£", "¥")

var numberWords = toSet("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	"eleven", "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "hundreds", "thousand",
	"thousands", "million", "millions", "dozens", "dozen", "scores", "tens", "several")

// findPredicates matches the lexicon in a sentence, taking the longest match at each place.
func (d *docAnalysis) findPredicates(sa *sentAnalysis) {
	s := sa.s
	sa.pAt = make([]int, s.to-s.from)
	for k := range sa.pAt {
		sa.pAt[k] = -1
	}
	lx := d.lex
	for i := s.from; i < s.to; {
		if sa.mAt[i-s.from] >= 0 || d.toks[i].kind != tokWord {
			i++
			continue
		}
		// hand-curated entries first; the derived CAMEO entries only where none matches
		var best *predicate
		try := func(p *lexPattern) {
			end, slot, ok := d.matchPattern(sa, p, 0, i)
			if ok && (best == nil || end > best.to) {
				best = &predicate{from: i, to: end, e: p.entry, tslot: slot}
			}
		}
		for _, p := range lx.byFirst[d.toks[i].lower] {
			if !p.entry.derived {
				try(p)
			}
		}
		if best == nil {
			for _, p := range lx.byFirst[d.toks[i].lower] {
				if p.entry.derived {
					try(p)
				}
			}
			if lemmas := lx.derivedLemmas[d.toks[i].lower]; lemmas != nil {
				for k := i + 1; k < s.to && k <= i+anchorWindow; k++ {
					for _, p := range lx.derivedBy[d.toks[k].lower] {
						if slices.Contains(lemmas, p.lemma) {
							try(p)
						}
					}
				}
			}
		}
		if best == nil {
			i++
			continue
		}
		// a verb form glued after a hyphen is a compound ("Tehran-backed"), not a predicate
		if d.toks[i].glued && i > s.from && d.toks[i-1].text == "-" {
			i++
			continue
		}
		if best.e.derived && !d.taggedVerb(sa, best.from) {
			// the derived lexicon's words are verbs ("ready" as in "readied troops"): where the
			// tagger reads an adjective or a noun, they are not this entry
			i++
			continue
		}
		best.passive = !best.e.flags.has(flagNoun) && (d.isPassive(sa, best) || d.reducedRelative(sa, best))
		if !best.e.flags.has(flagNoun) && (d.isNounUse(sa, best) || d.taggedNoun(sa, best.from)) {
			// the word is a noun here: a noun entry of the lexicon may still fit ("talks with")
			best = nil
			for _, p := range lx.byFirst[d.toks[i].lower] {
				if p.entry.flags.has(flagNoun) && !p.entry.derived {
					try(p)
				}
			}
			if best == nil {
				i++
				continue
			}
		}
		sa.preds = append(sa.preds, best)
		for k := best.from; k < best.to; k++ {
			if sa.mAt[k-s.from] < 0 {
				sa.pAt[k-s.from] = len(sa.preds) - 1
			}
		}
		i = best.to
	}
}

// matchPattern matches the pattern's elements from element ei at token i, and returns the end
// and the mention bound by {T}.
func (d *docAnalysis) matchPattern(sa *sentAnalysis, p *lexPattern, ei, i int) (int, int, bool) {
	s := sa.s
	if ei == len(p.elems) {
		return i, -1, true
	}
	el := &p.elems[ei]
	switch {
	case el.gap:
		for n := 0; n <= 6; n++ {
			if end, slot, ok := d.matchPattern(sa, p, ei+1, i+n); ok {
				return end, slot, true
			}
			if i+n >= s.to {
				break
			}
			if t := &d.toks[i+n]; gapBlockers[t.lower] {
				break // "announced the lifting of sanctions on X" is no sanction
			} else if t.text == "-" && t.glued || t.lower == "and" && n > 0 || currencySigns[t.text] {
				continue // "day-old", "political and territorial", "$4.5 billion"
			} else if t.kind == tokPunct || breakWords[t.lower] {
				break
			}
			// a possessive pronoun, or an unknown name that is no actor ("another Patriot
			// battery"), belongs to the gap
			if mi := sa.mAt[i+n-s.from]; mi >= 0 && !(sa.ms[mi].form == formPronoun && sa.ms[mi].possessive) &&
				!(sa.ms[mi].form == formCandidate && len(sa.ms[mi].actors) == 0) {
				break
			}
		}
		return 0, 0, false
	case el.target:
		k := i
		for k < s.to && determiners[d.toks[k].lower] && sa.mAt[k-s.from] < 0 {
			k++
		}
		if k >= s.to || sa.mAt[k-s.from] < 0 {
			return 0, 0, false
		}
		mi := sa.mAt[k-s.from]
		group := d.groupForward(sa, mi)
		after := sa.ms[group[len(group)-1]].to
		// an apposition: "drove the aid agency, XYZ, out of"
		if after+2 < s.to && d.toks[after].text == "," && sa.mAt[after+1-s.from] >= 0 {
			if m2 := sa.ms[sa.mAt[after+1-s.from]]; m2.to < s.to && d.toks[m2.to].text == "," {
				after = m2.to + 1
			}
		}
		end, _, ok := d.matchPattern(sa, p, ei+1, after)
		return end, mi, ok
	}
	if ei > 0 {
		i = d.timeAt(sa, i) // "lifted Friday a blockade", "opened its borders today to"
	}
	for _, alt := range el.alts {
		if i+len(alt) > s.to {
			continue
		}
		ok := true
		for k, w := range alt {
			t := &d.toks[i+k]
			if mi := sa.mAt[i+k-s.from]; t.lower != w || mi >= 0 && !(sa.ms[mi].form == formPronoun && sa.ms[mi].possessive) {
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
	if el.optional {
		return d.matchPattern(sa, p, ei+1, i)
	}
	return 0, 0, false
}

// isPassive reports a passive verb: a form of "be" (or "get") before it, or a participle
// directly after a noun phrase and followed by "by".
func (d *docAnalysis) isPassive(sa *sentAnalysis, p *predicate) bool {
	head := d.toks[p.from].lower
	if !(strings.HasSuffix(head, "ed") || strings.HasSuffix(head, "en") || strings.HasSuffix(head, "wn") ||
		isIrregularParticiple(head)) {
		return false
	}
	for k := p.from - 1; k >= sa.s.from && k >= p.from-4; k-- {
		w := d.toks[k].lower
		switch {
		case w == "was" || w == "were" || w == "been" || w == "being" || w == "is" || w == "are" || w == "be" || w == "got" || w == "get" || w == "gets":
			return true
		case strings.HasSuffix(w, "ly") || w == "not" || w == "also" || w == "reportedly" || w == "allegedly" || w == "n't" || w == "never":
			continue
		}
		break
	}
	// "militias armed by Iran": a participle right after a mention, with "by" after
	if p.from-1 >= sa.s.from && sa.mAt[p.from-1-sa.s.from] >= 0 && p.to < sa.s.to && d.toks[p.to].lower == "by" {
		return true
	}
	return false
}

// irregularParticiples holds the past participles of irregularVerbs.
// isNounUse reports a verb pattern used as a noun: a single word after a determiner or an
// adjective-like word and not followed by an object ("the strikes", "a rocket attack").
func (d *docAnalysis) isNounUse(sa *sentAnalysis, p *predicate) bool {
	if p.to-p.from > 1 || p.from == sa.s.from {
		return false
	}
	prev := d.toks[p.from-1].lower
	if determiners[prev] && prev != "all" && prev != "both" && prev != "that" || prev == "'s" {
		return true
	}
	// "a heavily armed minority": a participle as an adjective
	if strings.HasSuffix(prev, "ly") && p.from-2 >= sa.s.from && determiners[d.toks[p.from-2].lower] {
		return true
	}
	return d.isNounAfterName(sa, p)
}

// isNounAfterName reports a plural noun after a name that modifies it, where the name itself
// stands as an object ("struck Houthi targets in Yemen", "against Russian attacks"): the
// name follows a verb, a preposition or a determiner, so the word after it cannot be its verb.
func (d *docAnalysis) isNounAfterName(sa *sentAnalysis, p *predicate) bool {
	s := sa.s
	w := d.toks[p.from].lower
	if !strings.HasSuffix(w, "s") || strings.HasSuffix(w, "ss") {
		return false
	}
	mi := sa.mAt[p.from-1-s.from]
	if mi < 0 {
		return false
	}
	m := &sa.ms[mi]
	if m.possessive || m.form == formPronoun || m.from <= s.from {
		return false
	}
	// what follows must not be an object: the end, punctuation, a preposition or a clause word
	if p.to < s.to {
		next := &d.toks[p.to]
		if !(next.kind == tokPunct || prepositions[next.lower] || breakWords[next.lower]) {
			return false
		}
	}
	before := m.from - 1 - s.from
	if pi := sa.pAt[before]; pi >= 0 {
		return sa.preds[pi].e.typ != "" // after "said", the name starts a clause
	}
	w0 := d.toks[m.from-1].lower
	return determiners[w0] || prepositions[w0] && !breakWords[w0]
}
