package loader

import (
	"slices"
	"strings"

	"github.com/dyadgraph/dyad/graph"
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

// Word classes used by the frames.
var (
	// auxiliaries, modals, adverbs and time words that may stand between a subject and its verb
	auxWords = toSet("will", "would", "shall", "should", "can", "could", "may", "might", "must", "has",
		"have", "had", "is", "are", "was", "were", "be", "been", "being", "do", "does", "did", "not",
		"never", "also", "again", "still", "already", "now", "just", "then", "jointly", "reportedly",
		"allegedly", "today", "yesterday", "tonight", "here", "once", "further", "even", "only",
		"repeatedly", "recently", "later", "earlier", "too", "all", "both", "each", "to", "'ll", "'s",
		"'re", "'ve", "'d", "no", "longer", "formally", "officially", "publicly", "openly", "reportedly",
		"last", "this", "next", "week", "month", "year", "weekend", "morning", "evening", "night",
		"afternoon", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"on", "in", "early", "late", "flatly", "swiftly", "quickly", "immediately", "sharply",
		"strongly", "firmly", "again", "routinely", "sexually", "first", "finally", "ever",
		"wo", "ca", "n't", "up", "hard")
	// words that end a clause for the purpose of finding a verb's subject or object
	breakWords = toSet(",", ";", ":", "that", "which", "who", "whom", "whose", "because", "while",
		"when", "whereas", "although", "though", "if", "unless", "but", "and", "or", "as", "after",
		"before", "since", "until", "despite", "where", "whether", "so", "than", "(", ")", "\"", "“",
		"”", "‘", "’", "–", "—", "-", ".", "?", "!", "…", "nor", "yet", "amid", "says", "said", "say")
	prepositions = toSet("in", "on", "at", "from", "with", "by", "for", "into", "onto", "over", "under",
		"against", "about", "after", "before", "during", "through", "to", "toward", "towards", "upon",
		"among", "between", "across", "near", "since", "until", "via", "without", "within", "despite",
		"outside", "inside", "throughout", "behind", "beyond", "like", "including", "following", "alongside")
	determiners = toSet("the", "a", "an", "its", "their", "his", "her", "all", "both", "some", "any",
		"this", "that", "these", "those", "other", "another", "every", "each", "several", "many",
		"more", "most", "no", "our", "two", "three", "four", "five")
	relativeWords = toSet("that", "which", "who")
	modalRequest  = toSet("must", "should")
	futureWords   = toSet("will", "shall", "'ll")
	hypothWords   = toSet("would", "could", "might", "may")
	negWords      = toSet("not", "never", "n't", "neither", "nor", "cannot")
	groupJoiners  = toSet(",", "and", "or")
	// "failed to agree": the act did not happen
	failWords     = toSet("fail", "fails", "failed", "failing")
	referentMarks = [][]string{{"referring", "to"}, {"such", "as"}, {"including"}, {"namely"}, {"like"}}
	speechAfter   = toSet("said", "says", "say", "added", "stated", "told", "declared", "announced", "insisted", "warned")
)

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
	lx := d.g.lexicon
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
			i++
			continue
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
			if t := &d.toks[i+n]; t.text == "-" && t.glued || t.lower == "and" && n > 0 || currencySigns[t.text] {
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
var irregularParticiples = func() map[string]bool {
	m := map[string]bool{}
	for _, f := range irregularVerbs {
		for _, p := range strings.Split(f[1], ";") {
			m[p] = true
		}
	}
	return m
}()

func isIrregularParticiple(w string) bool { return irregularParticiples[w] }

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

// groupForward returns mention mi and the mentions coordinated after it: "Russia, China, Iran
// and North Korea".
func (d *docAnalysis) groupForward(sa *sentAnalysis, mi int) []int {
	out := []int{mi}
	closed := false
	for {
		m := sa.ms[out[len(out)-1]]
		k := m.to
		joined := false
		for k < sa.s.to && (groupJoiners[d.toks[k].lower] || d.toks[k].is("as", "well", "along", "together", "with", "the")) {
			if d.toks[k].is("as", "along", "together") && !(k+1 < sa.s.to && d.toks[k+1].is("well", "with")) {
				break
			}
			if !d.toks[k].is("the") {
				joined = true
			}
			k++
		}
		if !joined || k >= sa.s.to {
			break
		}
		next := sa.mAt[k-sa.s.from]
		if next < 0 || next == out[len(out)-1] || sa.ms[next].locative || d.startsClause(sa, next) {
			break
		}
		out = append(out, next)
		if d.toks[k-1].is("and", "or") || d.toks[k-1].is("with", "well") {
			closed = true
		}
	}
	if !closed {
		return out[:1] // "Y, X said": a comma alone makes no list
	}
	return out
}

// ownerParticiples make a compound whose first part owns what follows: "US-led war",
// "rebel-held territory". Other compounds ("Bosnia-style", "Iran-backed") only describe it.
var ownerParticiples = toSet("led", "held", "controlled", "run", "owned", "occupied", "ruled", "dominated", "governed")

// startsClause reports whether a mention is the subject of a verb that follows it: "...
// two Russian diplomats, and Ghana recalled its ambassador".
func (d *docAnalysis) startsClause(sa *sentAnalysis, mi int) bool {
	for k := sa.ms[mi].to; k < sa.s.to && k < sa.ms[mi].to+4; k++ {
		if pi := sa.pAt[k-sa.s.from]; pi >= 0 {
			return !sa.preds[pi].e.flags.has(flagNoun)
		}
		w := d.toks[k].lower
		if !(auxWords[w] || strings.HasSuffix(w, "ly") || strings.HasSuffix(w, "n't")) {
			return false
		}
	}
	return false
}

// betweenPair returns the two parties of "between X and Y", where X may carry words of its
// own ("between a Kenyan farmers' union and the ministry").
func (d *docAnalysis) betweenPair(sa *sentAnalysis, mi int) []int {
	out := d.groupForward(sa, mi)
	if len(out) > 1 {
		return out
	}
	for k := sa.ms[mi].to; k < sa.s.to && k < sa.ms[mi].to+4; k++ {
		if d.toks[k].is("and") {
			j := k + 1
			for j < sa.s.to && determiners[d.toks[j].lower] {
				j++
			}
			if j < sa.s.to {
				if mj := sa.mAt[j-sa.s.from]; mj >= 0 && len(sa.ms[mj].actors) > 0 {
					return []int{mi, mj}
				}
			}
			break
		}
		if breakWords[d.toks[k].lower] || sa.mAt[k-sa.s.from] >= 0 {
			break
		}
	}
	return out
}

// groupBackward returns mention mi and the mentions coordinated before it.
func (d *docAnalysis) groupBackward(sa *sentAnalysis, mi int) []int {
	out := []int{mi}
	for {
		m := sa.ms[out[0]]
		k := m.from - 1
		if k >= sa.s.from && d.toks[k].is("the") {
			k--
		}
		joined := false
		for k >= sa.s.from && groupJoiners[d.toks[k].lower] {
			// "X, Y and Z": a comma joins only a list that "and" or "or" closes, or a
			// headline's list at the start ("NATO, U.S. pledge ...")
			if d.toks[k].lower == "," && len(out) == 1 && !(k+1 < sa.s.to && d.toks[k+1].is("and", "or")) {
				if k-1 < sa.s.from || sa.mAt[k-1-sa.s.from] < 0 || sa.ms[sa.mAt[k-1-sa.s.from]].from != sa.s.from {
					break
				}
			}
			joined = true
			k--
		}
		if !joined || k < sa.s.from {
			return out
		}
		prev := sa.mAt[k-sa.s.from]
		if prev < 0 || sa.ms[prev].to != k+1 || sa.ms[prev].locative {
			return out
		}
		// a name after a preposition ends a phrase before the list: "With the signing of
		// the Cessation of Hostilities, the government and the rebels agreed"
		if j := sa.ms[prev].from - 1; d.toks[k+1].text == "," && j >= sa.s.from && (prepositions[d.toks[j].lower] || d.toks[j].is("of", "the") && j-1 >= sa.s.from && prepositions[d.toks[j-1].lower]) {
			return out
		}
		out = append([]int{prev}, out...)
	}
}

// findSpeakers finds who speaks in each sentence: the subject of a verb of saying, or the
// name after it ("said Sullivan"), or a headline's attribution ("...: Stoltenberg"). A sentence
// of a quotation without a speaker of its own takes the speaker of the sentence that closes
// the quotation, or of the one before it. First-person pronouns then resolve to the speaker.
func (d *docAnalysis) findSpeakers() {
	for _, sa := range d.sents {
		for _, p := range sa.preds {
			if !p.e.flags.has(flagSpeech) {
				continue
			}
			if subj, _, _ := d.subjectOf(sa, p); len(subj) > 0 {
				sa.speaker = d.actorsOf(sa, subj)
				break
			}
			// "..., said Sullivan"
			if p.to < sa.s.to {
				if mi := sa.mAt[p.to-sa.s.from]; mi >= 0 && sa.ms[mi].form != formPronoun {
					sa.speaker = sa.ms[mi].actors
					break
				}
			}
		}
		if sa.speaker == nil && len(sa.ms) > 0 {
			// headline attribution: "...: Stoltenberg"
			last := sa.ms[len(sa.ms)-1]
			if last.to == sa.s.to && last.from > sa.s.from && d.toks[last.from-1].text == ":" && last.person != "" {
				sa.speaker = last.actors
			}
		}
	}
	for i, sa := range d.sents {
		if sa.speaker != nil || !d.hasQuote(sa) {
			continue
		}
		// the sentence that closes the quotation, within the paragraph
		for j := i + 1; j < len(d.sents) && j <= i+3; j++ {
			if d.toks[d.sents[j].s.from].newlines > 1 {
				break
			}
			if d.sents[j].speaker != nil {
				sa.speaker = d.sents[j].speaker
				break
			}
		}
		if sa.speaker == nil && i > 0 && d.sents[i-1].speaker != nil && d.hasQuote(d.sents[i-1]) {
			sa.speaker = d.sents[i-1].speaker
		}
	}
	for _, sa := range d.sents {
		for mi := range sa.ms {
			m := &sa.ms[mi]
			if m.form == formPronoun && m.actors == nil && sa.speaker != nil {
				m.actors = sa.speaker
			}
		}
	}
}

func (d *docAnalysis) hasQuote(sa *sentAnalysis) bool {
	for _, q := range sa.quoted {
		if q {
			return true
		}
	}
	return false
}

// actorsOf lists the actors of a group of mentions.
func (d *docAnalysis) actorsOf(sa *sentAnalysis, group []int) []string {
	var out []string
	for _, mi := range group {
		out = append(out, sa.ms[mi].actors...)
	}
	return out
}

// subjectOf finds a verb's subject: the nearest mention to its left within the clause,
// skipping auxiliaries, adverbs and a few other words, or the subject of the verb it is
// coordinated with ("pledge ... and warn"). It returns the mention group, the number of other
// words skipped, and whether the subject was inherited.
func (d *docAnalysis) subjectOf(sa *sentAnalysis, p *predicate) ([]int, int, bool) {
	s := sa.s
	noise := 0
	if p.from > s.from && d.gerundAfterPreposition(sa, p.from) {
		// "with the aim of meeting X", "after talks with Y": a gerund's subject is its
		// clause's; "accused X of preparing to ...": the content of an accusation is no act
		for j := len(sa.preds) - 1; j >= 0; j-- {
			q := sa.preds[j]
			if q == p || q.to > p.from || len(q.subject) == 0 {
				continue
			}
			if q.e.typ == graph.Accuse {
				return nil, noise, false
			}
			return q.subject, noise, true
		}
		return nil, noise, false
	}
	for k := p.from - 1; k >= s.from; k-- {
		rel := k - s.from
		if mi := sa.mAt[rel]; mi >= 0 {
			m := &sa.ms[mi]
			if m.locative || len(m.actors) == 0 {
				k = m.from
				noise++
				continue
			}
			group := d.groupBackward(sa, mi)
			if q := d.governingVerb(sa, sa.ms[group[0]].from); q != nil && noise == 0 && d.toks[p.from-1].is("to") {
				// "shared intelligence with Chad and Niger to fight X": a purpose clause after
				// an object has the main verb's subject; verbs that take an object and an
				// infinitive ("urged X to") are handled as control
				return q.subject, noise, true
			}
			return group, noise, false
		}
		if pi := sa.pAt[rel]; pi >= 0 {
			q := sa.preds[pi]
			if q.e.typ == "" && !q.e.flags.has(flagSpeech) || q.e.flags.has(flagNoun) {
				k = q.from
				continue
			}
			if q.e.flags.has(flagSpeech) && len(q.subject) > 0 && d.directObject(sa, q.to, p.from) {
				// "Israel confirmed striking X", "Mali announced its withdrawal from X": the
				// event is what the speaker's verb reports of its own subject
				return q.subject, noise, true
			}
			// "began a hunger strike to protest against X": a purpose clause shares the subject
			if len(q.subject) > 0 && q.to < p.from && d.toks[p.from-1].is("to") && q.to >= p.from-4 {
				return q.subject, noise, true
			}
			return nil, noise, false
		}
		t := &d.toks[k]
		w := t.lower
		if auxWords[w] || strings.HasSuffix(w, "ly") && len(w) > 4 || strings.HasSuffix(w, "n't") || t.kind == tokNumber {
			continue
		}
		if relativeWords[w] && k-1 >= s.from {
			// "militias that killed": the relative clause's subject is the noun before it
			if mi := sa.mAt[rel-1]; mi >= 0 {
				return []int{mi}, noise, false
			}
			return nil, noise, false
		}
		if w == "," {
			// a relative clause or an apposition between the subject and its verb:
			// "X, which Y says ..., accused Z", "X, a key mediator in ..., proposed"
			if j := d.parentheticalStart(sa, k); j > s.from {
				k = j
				continue
			}
		}
		if w == "," && k-1 >= s.from {
			// an apposition: "The main group, Forces for Defence (FDD), insisted"
			if mi := sa.mAt[rel-1]; mi >= 0 && noise == 0 {
				m := sa.ms[mi]
				if m.from-1 >= s.from && d.toks[m.from-1].text == "," {
					return []int{mi}, noise, false
				}
			}
		}
		if w == "and" && k-1 >= s.from && k+1 < s.to && (d.tagAt(sa, k-1) == "JJ" || d.tagAt(sa, k-1) == "NN") && d.tagAt(sa, k+1) == "JJ" {
			noise++ // "a strong and destructive attack": coordinated adjectives
			continue
		}
		if isQuote(t.text) && k+1 < p.from && !d.toks[k+1].cap && sa.mAt[k+1-s.from] < 0 {
			continue // an opening quotation mark inside the clause: launched a "massive attack"
		}
		if breakWords[w] {
			if groupJoiners[w] || w == "but" {
				// a coordinated verb: take the subject of the verb before
				for j := len(sa.preds) - 1; j >= 0; j-- {
					q := sa.preds[j]
					if q.to <= k && q.e.typ != "" && len(q.subject) > 0 && !q.passive {
						return q.subject, noise, true
					}
				}
			}
			return nil, noise, false
		}
		noise++
		if noise > 5 {
			return nil, noise, false
		}
	}
	return nil, noise, false
}

// parentheticalOpeners start a relative clause or an apposition after a comma.
var parentheticalOpeners = toSet("which", "who", "whose", "whom", "a", "an", "the", "once", "now", "itself", "long")

// parentheticalStart returns the comma that opens a parenthetical closed by the comma at k,
// when the parenthetical follows a mention ("Hamas, which ..., accused"); else -1. It looks back
// at most 40 tokens and not across a clause-ending punctuation mark.
func (d *docAnalysis) parentheticalStart(sa *sentAnalysis, k int) int {
	s := sa.s
	for j := k - 2; j > s.from && j >= k-40; j-- {
		t := &d.toks[j]
		if t.text == ";" || t.text == ":" {
			return -1
		}
		if t.text != "," || !parentheticalOpeners[d.toks[j+1].lower] {
			continue
		}
		if mi := sa.mAt[j-1-s.from]; mi >= 0 && len(sa.ms[mi].actors) > 0 {
			return j
		}
		return -1
	}
	return -1
}

// governingVerb returns the relation verb whose object starts at token k (after its own
// words, determiners or a preposition of its pattern), when that verb has a subject and takes
// no infinitive of its own; else nil.
func (d *docAnalysis) governingVerb(sa *sentAnalysis, k int) *predicate {
	j := k - 1
	for j >= sa.s.from && determiners[d.toks[j].lower] && sa.pAt[j-sa.s.from] < 0 {
		j--
	}
	if j < sa.s.from {
		return nil
	}
	pi := sa.pAt[j-sa.s.from]
	if pi < 0 {
		return nil
	}
	q := sa.preds[pi]
	if q.e.typ == "" || q.e.flags.has(flagObject|flagControl|flagNoun) || len(q.subject) == 0 || q.passive {
		return nil
	}
	return q
}

// objectOf finds a verb's object: the first mention after it, before any preposition the
// pattern does not include and before the clause ends. Control verbs (and verbs after a
// pledge: "is willing to send") look through their infinitive ("threatened to shell X"),
// taking the verbs in it as their own. Requests look into a that-clause ("demanded that X
// ..."). A place ("in X") is the target only when nothing else is; the second result says
// the object is such a place.
func (d *docAnalysis) objectOf(sa *sentAnalysis, p *predicate, subj []int, control bool) ([]int, int, bool) {
	s := sa.s
	limit := 6
	if control {
		limit = 14
	}
	locativeOK := p.e.flags.has(flagLocative)
	// "fired drones at northern Israel": the pattern's own preposition introduces the object
	ownPrep := locativePreps[d.toks[p.to-1].lower]
	noise := 0
	place := -1
	isSubj := func(mi int) bool {
		for _, x := range subj {
			if x == mi || sa.ms[x].from <= sa.ms[mi].from && sa.ms[mi].to <= sa.ms[x].to {
				return true
			}
		}
		return false
	}
	from := p.to
	// "denounced what it described as a reckless raid": the speaker's description is the object
	if k := from; k+2 < s.to && d.toks[k].lower == "what" {
		// the describer: a mention, or a word or two ("what officials called")
		j := k + 1
		if mi := sa.mAt[j-s.from]; mi >= 0 {
			j = sa.ms[mi].to
		} else {
			for j < s.to && j < k+3 && d.toks[j].kind == tokWord && !d.toks[j].is("called", "calls", "described", "describes", "termed", "labelled", "labeled", "dubbed") {
				j++
			}
		}
		if j < s.to && d.toks[j].is("called", "calls", "described", "describes", "termed", "labelled", "labeled", "dubbed") {
			from = j + 1
			if from < s.to && d.toks[from].is("as") {
				from++
			}
			for from < s.to && (isQuote(d.toks[from].text) || determiners[d.toks[from].lower]) {
				from++ // what it called a “reckless raid”
			}
		}
	}
scan:
	for k := from; k < s.to; k++ {
		if t := d.timeAt(sa, k); t > k {
			k = t - 1
			continue
		}
		if q := d.quantityAt(sa, k); q > k {
			k = q - 1
			continue
		}
		rel := k - s.from
		if mi := sa.mAt[rel]; mi >= 0 {
			m := &sa.ms[mi]
			modifier := m.to+1 < s.to && d.toks[m.to].text == "-" && d.toks[m.to].glued && d.toks[m.to+1].glued && !ownerParticiples[d.toks[m.to+1].lower]
			ownPronoun := m.form == formPronoun && m.possessive
			if isSubj(mi) || len(m.actors) == 0 || modifier || ownPronoun {
				k = m.to - 1
				if !ownPronoun {
					noise++
				}
				continue
			}
			// a place is the target only of a verb that takes one ("demonstrated in X"), and only
			// after "in" or "into", not "across X" or "near X"
			placeOK := locativeOK && m.from > s.from && d.toks[m.from-1].is("in", "into")
			if m.locative && !placeOK && !(ownPrep && k < p.to+3) {
				if place < 0 {
					place = mi
				}
				k = m.to - 1
				noise++
				if !control {
					break scan
				}
				continue
			}
			if p.e.flags.has(flagObject) && noise > 2 {
				return nil, noise, false
			}
			if d.toks[p.to-1].is("between") {
				return d.betweenPair(sa, mi), noise, false
			}
			return d.groupForward(sa, mi), noise, false
		}
		if pi := sa.pAt[rel]; pi >= 0 {
			q := sa.preds[pi]
			if q.e.flags.has(flagReverse) || q.e.typ == "" && !q.e.flags.has(flagSpeech) || control {
				if control && q.e.typ != "" {
					q.consumed = true
				}
				k = q.to - 1
				continue
			}
			break
		}
		t := &d.toks[k]
		w := t.lower
		if t.text == "-" && t.glued {
			continue
		}
		if !control && w == "to" && k > p.to && proposalNouns[d.toks[k-1].lower] && stanceTypes[p.e.typ] {
			// "rejected a proposal to fund weapons for Ukraine": the stance is toward the
			// proposal's object
			control, limit = true, noise+10
			continue
		}
		if control && (w == "to" || prepositions[w] && !breakWords[w] || w == "if" || w == "unless") {
			continue
		}
		if p.e.typ == graph.Request && w == "that" {
			continue // "demanded that Hamas renounce"
		}
		if locativePreps[w] {
			if locativeOK {
				continue
			}
			// look ahead for the place, as a last resort
			for j := k + 1; j < s.to && j < k+6; j++ {
				if d.borderWith(j) {
					continue
				}
				if mi := sa.mAt[j-s.from]; mi >= 0 {
					if place < 0 && len(sa.ms[mi].actors) > 0 && !isSubj(mi) {
						place = mi
					}
					break
				}
				if breakWords[d.toks[j].lower] || prepositions[d.toks[j].lower] {
					break
				}
			}
			if !control {
				break
			}
			continue
		}
		if breakWords[w] {
			break
		}
		if prepositions[w] && w != "of" && !d.borderWith(k) {
			break
		}
		noise++
		if noise > limit {
			break
		}
	}
	if place >= 0 && !p.e.flags.has(flagObject) && placeTargetTypes[p.e.typ] && d.isStatePlace(sa.ms[place]) &&
		!d.subjectAtHome(sa, subj, place) {
		pm := &sa.ms[place]
		if pm.form == formSeat {
			// "a curfew in Algiers": the city as a place stands for the state, not its government
			pm.actors = []string{pm.actors[0][:3]}
		}
		return []int{place}, noise + 2, true
	}
	return nil, noise, false
}

// borderWith reports a "with" after a word for a border ("its border with Ukraine"): the
// state after it is the other side, so the phrase goes on.
func (d *docAnalysis) borderWith(k int) bool {
	return k > 0 && d.toks[k].lower == "with" && d.toks[k-1].is("border", "borders", "frontier", "boundary")
}

// proposalNouns take an infinitive that says what is proposed ("a plan to send troops to X").
var proposalNouns = toSet("proposal", "proposals", "plan", "plans", "call", "calls", "request", "requests",
	"demand", "demands", "offer", "offers", "bid", "bids", "idea", "move", "moves", "attempt", "attempts",
	"effort", "efforts", "initiative", "decision", "push", "scheme")

// stanceTypes are the types of a stance toward a proposal whose target may be the proposal's
// object: rejecting a plan to arm X rejects X's claim. Condemning or backing a plan is aimed
// at whoever proposed it, so those types are not here.
var stanceTypes = map[graph.RelationType]bool{graph.Reject: true}

// placeTargetTypes are the types whose target may be the place where the act happens
// ("imposed a curfew in Algiers", "demonstrated in Serbia", "condemned the coup in Niger"); one
// meets or praises someone, not somewhere.
var placeTargetTypes = map[graph.RelationType]bool{graph.Assault: true, graph.Coerce: true, graph.Mobilize: true,
	graph.Protest: true, graph.Retreat: true, graph.Concede: true, graph.Aid: true, graph.Threaten: true,
	graph.Sanction: true, graph.Agree: true, graph.Accuse: true}

// isStatePlace reports whether a place mention is a state or part of one.
func (d *docAnalysis) isStatePlace(m mention) bool {
	if len(m.actors) != 1 {
		return false
	}
	a, ok := d.mf.actor(m.actors[0])
	return ok && a.Country != "" && a.Kind != graph.KindPerson
}

// clauseInfo reads negation and modality from the words between a verb's subject and the verb.
type clauseInfo struct {
	negated     bool
	modality    graph.Modality
	continued   bool // "continue to": an ongoing act, not a new intent
	conditional bool // "unless" or "if" follows in the sentence
	pledgeVerb  bool // a verb of pledging governs the verb ("vowed to", "is ready to")
	unless      bool // the condition is "unless": the act is a threat whatever it is
	demanded    bool // "must", "should": the act is demanded, not done
}

func (d *docAnalysis) clauseOf(sa *sentAnalysis, p *predicate, subj []int) clauseInfo {
	var ci clauseInfo
	// the auxiliary chain: the words right before the verb that are auxiliaries, adverbs,
	// negation, or verbs of pledging and chaining ("will not", "vowed to", "continue to")
	from := p.from
	for k := p.from - 1; k >= sa.s.from && k >= p.from-8; k-- {
		if pi := sa.pAt[k-sa.s.from]; pi >= 0 && sa.preds[pi].e.typ == "" && !sa.preds[pi].e.flags.has(flagSpeech) {
			k = sa.preds[pi].from
			from = k
			continue
		}
		w := d.toks[k].lower
		failed := failWords[w] && k+1 < p.from && d.toks[k+1].is("to")
		if sa.mAt[k-sa.s.from] >= 0 || !(auxWords[w] || strings.HasSuffix(w, "ly") || strings.HasSuffix(w, "n't") || negWords[w] || w == "going" || w == "just" || failed) {
			break
		}
		from = k
	}
	for k := from; k < p.from; k++ {
		w := d.toks[k].lower
		switch {
		case negWords[w] || strings.HasSuffix(w, "n't") || failWords[w] && d.toks[k+1].is("to"):
			if k+1 < p.from && d.toks[k+1].is("just", "only") {
				continue
			}
			ci.negated = true
		case futureWords[w]:
			if ci.modality == "" {
				ci.modality = graph.Pledged
			}
		case hypothWords[w]:
			ci.modality = graph.Hypothetical
		case modalRequest[w]:
			ci.demanded = true
		case w == "going" && k+1 < p.from && d.toks[k+1].is("to"):
			ci.modality = graph.Pledged
		}
		if pi := sa.pAt[k-sa.s.from]; pi >= 0 {
			q := sa.preds[pi]
			if q.e.flags.has(flagPledge) && ci.modality != graph.Hypothetical {
				ci.modality = graph.Pledged
				ci.pledgeVerb = true
			}
			if q.e.flags.has(flagChain) && d.toks[q.from].is("continue", "continues", "continued", "continuing", "keep", "keeps", "kept", "remain", "remains", "remained", "stay", "stays") {
				ci.continued = true
			}
		}
	}
	// a pledge verb before the subject: "promised Paris would never desert Rabat"
	if ci.modality == "" && len(subj) > 0 {
		m := sa.ms[subj[0]]
		if k := m.from - 1; k >= sa.s.from {
			if pi := sa.pAt[k-sa.s.from]; pi >= 0 && sa.preds[pi].e.flags.has(flagPledge) {
				ci.modality = graph.Pledged
			}
		}
	}
	for k := from - 3; k < p.from; k++ {
		if k >= sa.s.from && d.toks[k].is("if", "unless") {
			ci.modality = graph.Hypothetical
		}
	}
	// "said it would tighten": reported future, a pledge rather than a hypothesis
	if ci.modality == graph.Hypothetical && d.toks[from].is("would") && d.reported(sa, from) {
		ci.modality = graph.Pledged
	}
	for k := p.to; k < sa.s.to; k++ {
		if d.toks[k].is("unless") {
			ci.conditional, ci.unless = true, true
		} else if d.toks[k].is("if") && ci.modality != "" {
			ci.conditional = true
		}
	}
	return ci
}

// modalityBetween reads modality and negation from the words between a subject and a noun
// ("would tighten the blockade").
func (d *docAnalysis) modalityBetween(sa *sentAnalysis, from, to int) clauseInfo {
	ci := clauseInfo{modality: graph.Asserted}
	for k := from; k < to; k++ {
		w := d.toks[k].lower
		switch {
		case futureWords[w]:
			ci.modality = graph.Pledged
		case hypothWords[w]:
			ci.modality = graph.Hypothetical
			if w == "would" && d.reported(sa, from) {
				ci.modality = graph.Pledged
			}
		case negWords[w] || strings.HasSuffix(w, "n't") || failWords[w] && d.toks[k+1].is("to"):
			ci.negated = true
		}
		if pi := sa.pAt[k-sa.s.from]; pi >= 0 && sa.preds[pi].e.flags.has(flagPledge) && ci.modality != graph.Hypothetical {
			ci.modality = graph.Pledged // "is willing to continue negotiations with"
		}
	}
	return ci
}

// reported reports whether a verb of saying comes before token k in the sentence.
func (d *docAnalysis) reported(sa *sentAnalysis, k int) bool {
	for _, q := range sa.preds {
		if q.to <= k && q.e.flags.has(flagSpeech) {
			return true
		}
	}
	return false
}

// typeOf applies modality to a relation type: an intent to cooperate materially is AGREE
// (CAMEO 03), and a pledged or conditional act of force is THREATEN (CAMEO 13).
func typeOf(e *lexEntry, ci clauseInfo) (graph.RelationType, string, graph.Modality) {
	typ, cameo, mod := e.typ, e.cameo, ci.modality
	if mod == "" {
		mod = graph.Asserted
	}
	if ci.negated {
		return typ, cameo, mod
	}
	switch {
	case mod == graph.Pledged && typ == graph.Consult && !ci.unless:
		// "ready to continue talks with": talks to come are an agreement to meet
		return graph.Agree, "036", mod
	case mod == graph.Pledged && !ci.continued && !ci.unless:
		switch typ {
		case graph.Aid:
			return graph.Agree, "033", mod
		case graph.Cooperate:
			return graph.Agree, "031", mod
		case graph.Concede, graph.Retreat:
			return graph.Agree, "035", mod
		}
	}
	if mod == graph.Pledged || (mod == graph.Hypothetical && ci.conditional) || ci.conditional {
		switch typ {
		case graph.Assault, graph.Mobilize:
			return graph.Threaten, "138", graph.Threatened
		case graph.Coerce:
			return graph.Threaten, "137", graph.Threatened
		}
		if ci.unless && mod != graph.Asserted && typ != graph.Threaten && typ != graph.Request && typ != graph.Agree && typ != graph.Sanction {
			return graph.Threaten, "130", graph.Threatened
		}
	}
	if mod == graph.Hypothetical && typ == graph.Threaten {
		mod = graph.Threatened
	}
	if typ == graph.Threaten && mod == graph.Asserted {
		mod = graph.Threatened
	}
	return typ, cameo, mod
}

// frames applies the sentence frames to a sentence and records the claims.
func (d *docAnalysis) frames(sa *sentAnalysis) {
	for _, p := range sa.preds {
		if p.consumed || p.e.typ == "" {
			if p.e.typ == "" && !p.consumed {
				// speech, pledge and chain verbs still need their subject, for coordination
				p.subject, _, _ = d.subjectOf(sa, p)
			}
			continue
		}
		switch {
		case p.e.flags.has(flagNoun):
			d.nominal(sa, p)
		case p.passive:
			d.passive(sa, p)
		default:
			d.active(sa, p)
		}
	}
	d.compounds(sa)
	d.modalRequests(sa)
}

// conf is the confidence of a claim from its frame's base, the words skipped and the mentions.
func conf(base float64, noise int, ms ...*mention) float64 {
	c := base - 0.04*float64(noise)
	for _, m := range ms {
		c *= m.conf
	}
	if c < 0.05 {
		c = 0.05
	}
	return c
}

// emit records claims from every source to every target of two mention groups.
func (d *docAnalysis) emit(sa *sentAnalysis, p *predicate, src, dst []int, typ graph.RelationType, cameo string, base float64, noise int, ci clauseInfo, mod graph.Modality) {
	pred := d.text(p.from, p.to)
	for _, si := range src {
		for _, ti := range dst {
			sm, tm := &sa.ms[si], &sa.ms[ti]
			c := conf(base, noise, sm, tm)
			if p.e.derived {
				c *= 0.85 // an entry of the derived CAMEO lexicon, not one curated for news
			}
			for _, s := range sm.actors {
				for _, t := range tm.actors {
					if s == t {
						// two people of one government ("the president ... accused by government
						// officials"): the person stands for themself
						if tm.person != "" {
							t = tm.person
						} else if sm.person != "" {
							s = sm.person
						}
					}
					typ, cameo := typ, cameo
					if typ == graph.Retreat && d.mf.kindOf(t) == graph.KindIGO {
						// withdrawing from an organisation breaks relations with it (CAMEO 161)
						// rather than pulling forces out of a place
						typ, cameo = graph.Sanction, "161"
					}
					d.addClaim(sa, s, t, typ, cameo, pred, d.mentionText(sm), d.mentionText(tm), c, ci.negated, mod)
					// a mutual act goes both ways, unless one side only pledges it ("X is ready
					// to hold talks with Y": X's intent, not Y's)
					if p.e.flags.has(flagMutual) && !(mod == graph.Pledged && typ == graph.Agree && p.e.typ == graph.Consult) {
						d.addClaim(sa, t, s, typ, cameo, pred, d.mentionText(tm), d.mentionText(sm), c*0.9, ci.negated, mod)
					}
				}
			}
		}
	}
}

// active handles "X verb Y", "X and Y agreed", "X urged Y to ...", "X threatened to shell Y".
func (d *docAnalysis) active(sa *sentAnalysis, p *predicate) {
	subj, sNoise, inherited := d.subjectOf(sa, p)
	weaponSubject := false
	if len(subj) == 0 && p.e.typ == graph.Assault {
		// "Russian missile and drone strikes hit Kharkiv": the attack's owner is the agent
		if mi := d.weaponAgent(sa, p.from); mi >= 0 {
			subj, sNoise, weaponSubject = []int{mi}, 1, true
		}
	}
	p.subject = subj
	if len(subj) == 0 {
		return
	}
	ci := d.clauseOf(sa, p, subj)
	var obj []int
	oNoise, atPlace := 0, false
	if p.tslot >= 0 {
		obj = d.groupForward(sa, p.tslot)
	} else {
		control := p.e.flags.has(flagControl) || ci.pledgeVerb
		obj, oNoise, atPlace = d.objectOf(sa, p, subj, control)
	}
	if p.e.flags.has(flagObject) && len(obj) > 0 {
		// "urged Canada to donate ...": the verbs of the infinitive are the request's content
		last := sa.ms[obj[len(obj)-1]].to
		if last < sa.s.to && d.toks[last].is("to") {
			for k := last + 1; k < sa.s.to && k < last+6; k++ {
				if pi := sa.pAt[k-sa.s.from]; pi >= 0 {
					sa.preds[pi].consumed = true
					break
				}
			}
		}
	}
	if p.e.flags.has(flagReverse) {
		subj, obj = obj, subj
	}
	if ci.demanded {
		return // "Iran must rein in ...": the speaker's request, not an act (see modalRequests)
	}
	typ, cameo, mod := typeOf(p.e, ci)
	base := 0.9
	if inherited || weaponSubject {
		base = 0.8
	}
	if atPlace {
		base *= 0.7
	}
	if len(obj) == 0 {
		// "Israel and Jordan agreed": a mutual verb between the members of its subject
		if p.e.flags.has(flagMutual) && len(subj) > 1 {
			for _, a := range subj {
				for _, b := range subj {
					if a != b {
						d.emit(sa, p, []int{a}, []int{b}, typ, cameo, base*0.9, sNoise, ci, mod)
					}
				}
			}
		}
		return
	}
	if p.e.flags.has(flagMutual) && d.infinitiveBetween(sa, p.to, sa.ms[obj[0]].from) {
		// "X agreed to give Y ...": X's undertaking towards Y, not a mutual act
		one := *p
		e := *p.e
		e.flags &^= flagMutual
		one.e = &e
		p = &one
	}
	d.emit(sa, p, subj, obj, typ, cameo, base, sNoise+oNoise, ci, mod)
}

// infinitiveBetween reports a "to" before a verb between tokens from and to.
func (d *docAnalysis) infinitiveBetween(sa *sentAnalysis, from, to int) bool {
	for k := from; k < to; k++ {
		if d.toks[k].lower == "to" && k+1 < sa.s.to && strings.HasPrefix(d.tagAt(sa, k+1), "VB") {
			return true
		}
	}
	return false
}

// passive handles "Y was verb-ed by X".
func (d *docAnalysis) passive(sa *sentAnalysis, p *predicate) {
	target, tNoise, _ := d.subjectOf(sa, p)
	if len(target) == 0 {
		return
	}
	for k := p.to; k < sa.s.to && k < p.to+25; k++ {
		w := d.toks[k].lower
		if w == ";" || w == "said" || w == "says" || w == "when" || w == "after" || w == "while" {
			return
		}
		if w != "by" {
			continue
		}
		// the agent: a mention after "by", its determiner and up to two modifiers
		mi := -1
		for j, mods := k+1, 0; j < sa.s.to && mods <= 2; j++ {
			if mi = sa.mAt[j-sa.s.from]; mi >= 0 {
				break
			}
			if w := d.toks[j].lower; determiners[w] {
				continue
			} else if d.toks[j].kind != tokWord || breakWords[w] || prepositions[w] {
				break
			}
			mods++
		}
		if mi < 0 {
			return
		}
		src := d.groupForward(sa, mi)
		ci := d.clauseOf(sa, p, target)
		typ, cameo, mod := typeOf(p.e, ci)
		d.emit(sa, p, src, target, typ, cameo, 0.85, tNoise, ci, mod)
		return
	}
}

// nominal handles "X's invasion of Y", "the invasion of Y by X", "Russian invasion of Y",
// "an appeal from X", "its proxies, referring to Y and Z".
func (d *docAnalysis) nominal(sa *sentAnalysis, p *predicate) {
	s := sa.s
	// the source: a possessive or a name right before the noun, over a few modifiers
	src := -1
	for k, skipped := p.from-1, 0; k >= s.from && skipped <= 4; k-- {
		if mi := sa.mAt[k-s.from]; mi >= 0 {
			m := &sa.ms[mi]
			if (m.possessive || k == p.from-1 || m.form == formDemonym) && !m.locative && len(m.actors) > 0 {
				src = mi
			}
			break
		}
		w := d.toks[k].lower
		if w == "'s" || w == "-" || (d.toks[k].kind == tokWord && !breakWords[w] && !prepositions[w] && !determiners[w] && !d.toks[k].cap) {
			skipped++
			continue
		}
		break
	}
	if p.e.flags.has(flagReferent) {
		if src >= 0 {
			d.referents(sa, p, src)
		}
		return
	}
	// the target: a mention right after the noun's preposition
	tgt := -1
	// the pattern ends with its target's preposition, or a participle that takes the target as
	// its object ("sanctions targeting X")
	endsWithPrep := prepositions[d.toks[p.to-1].lower] || d.toks[p.to-1].is("of", "targeting")
	k := p.to
	if !endsWithPrep && p.e.flags.has(flagImplicit) && k < s.to && d.toks[k].is("of", "against", "on", "into") {
		k++
		endsWithPrep = true
	}
	if endsWithPrep {
		for n := 0; k < s.to && n <= 3; k, n = k+1, n+1 {
			if mi := sa.mAt[k-s.from]; mi >= 0 {
				if !sa.ms[mi].locative || p.e.flags.has(flagLocative) {
					tgt = mi
				}
				break
			}
			w := d.toks[k].lower
			if w == "," && k+1 < s.to {
				// an apposition names the target: "from the regional bloc, the Y"
				j := k + 1
				if j+1 < s.to && d.toks[j].lower == "the" {
					j++
				}
				if mi := sa.mAt[j-s.from]; mi >= 0 && !sa.ms[mi].locative {
					tgt = mi
				}
				break
			}
			if breakWords[w] || prepositions[w] {
				break
			}
		}
	}
	if p.e.flags.has(flagReverse) {
		// "rejected a ceasefire offer from X", "considered the US proposal": X's offer is put to
		// the subject of the verb that governs the noun
		from := src
		if from < 0 {
			from = tgt
		}
		if from < 0 {
			return
		}
		for j := len(sa.preds) - 1; j >= 0; j-- {
			q := sa.preds[j]
			if q == p || q.to > p.from || len(q.subject) == 0 {
				continue
			}
			if slices.Contains(q.subject, from) {
				return
			}
			typ, cameo, mod := typeOf(p.e, clauseInfo{modality: graph.Asserted})
			d.emit(sa, p, []int{from}, q.subject, typ, cameo, 0.6, 0, clauseInfo{}, mod)
			return
		}
		return
	}
	// "... by X"
	if src < 0 {
		from := p.to
		if tgt >= 0 {
			from = sa.ms[tgt].to
		}
		for k := from; k < s.to && k < from+4; k++ {
			// "sanctions against X, imposed by Y", "strikes launched by Y"
			if d.toks[k].text == "," && k == from || k > from && k < from+3 && d.tagAt(sa, k) == "VBN" {
				continue
			}
			if d.toks[k].is("by") && k+1 < s.to {
				if k+2 < s.to && d.toks[k+1].lower == "the" {
					k++
				}
				if mi := sa.mAt[k+1-s.from]; mi >= 0 {
					src = mi
				}
				break
			}
		}
	}
	base := 0.8
	ci := clauseInfo{modality: graph.Asserted}
	srcs := []int{src}
	if src < 0 {
		// "X held talks with Y", "X would tighten the blockade of Y": the subject of the verb
		// that governs the noun
		subj, noise, _ := d.subjectOf(sa, p)
		if len(subj) == 0 || noise > 4 || tgt < 0 {
			return
		}
		src, srcs = subj[len(subj)-1], subj
		for k := sa.ms[src].to; k < p.from; k++ {
			if d.toks[k].lower == "to" && d.infinitive(sa, k) || isQuote(d.toks[k].text) {
				continue // "willing to continue negotiations with", launched a "massive attack"
			}
			if prepositions[d.toks[k].lower] || breakWords[d.toks[k].lower] {
				return // "blamed X for the shelling of Y": X does not shell
			}
		}
		base = 0.7
		ci = d.modalityBetween(sa, sa.ms[src].to, p.from)
	}
	if tgt < 0 {
		if !p.e.flags.has(flagImplicit) {
			return
		}
		tgt = d.implicitTarget(sa, src)
		if tgt < 0 {
			return
		}
		base = 0.55
	}
	typ, cameo, mod := typeOf(p.e, ci)
	d.emit(sa, p, srcs, d.groupForward(sa, tgt), typ, cameo, base, 0, ci, mod)
}

// implicitTarget picks the target of a noun that leaves it unsaid ("Russia's invasion"): the
// nearest state in the sentence other than the source.
func (d *docAnalysis) implicitTarget(sa *sentAnalysis, src int) int {
	best, bestDist := -1, 1<<30
	srcActors := sa.ms[src].actors
	for mi := range sa.ms {
		m := &sa.ms[mi]
		if mi == src || len(m.actors) != 1 || m.person != "" {
			continue
		}
		a, ok := d.mf.actor(m.actors[0])
		if !ok || a.Kind != graph.KindState || sameCountry(a.ID, srcActors) {
			continue
		}
		dist := mi - src
		if dist < 0 {
			dist = -dist
		}
		if dist < bestDist {
			best, bestDist = mi, dist
		}
	}
	return best
}

// subjectAtHome reports whether the subject is a group of people of the place's own state:
// "students occupied campuses across Chile" does nothing to Chile (a government that imposes a
// curfew in its capital does act on its state).
func (d *docAnalysis) subjectAtHome(sa *sentAnalysis, subj []int, place int) bool {
	for _, si := range subj {
		for _, id := range sa.ms[si].actors {
			if !strings.HasSuffix(id, "-"+sectorCiv) && !strings.HasSuffix(id, "-"+sectorOpp) {
				continue
			}
			if a, ok := d.mf.actor(id); ok && a.Country != "" && sameCountry(a.Country, sa.ms[place].actors) {
				return true
			}
		}
	}
	return false
}

func sameCountry(id string, others []string) bool {
	for _, o := range others {
		if len(o) >= 3 && len(id) >= 3 && o[:3] == id[:3] {
			return true
		}
	}
	return false
}

// referents handles a relational noun ("its proxies") whose referents are named after
// "referring to", "such as", "including", or in apposition; the possessor is the source.
func (d *docAnalysis) referents(sa *sentAnalysis, p *predicate, src int) {
	s := sa.s
	start := -1
	k := p.to
	// apposition: "its proxies, the Houthis"
	if k+1 < s.to && d.toks[k].text == "," {
		j := k + 1
		for j < s.to && determiners[d.toks[j].lower] {
			j++
		}
		if j < s.to && sa.mAt[j-s.from] >= 0 {
			start = j
		}
	}
	if start < 0 {
	search:
		for k := p.to; k < s.to; k++ {
			for _, mark := range referentMarks {
				if k+len(mark) > s.to {
					continue
				}
				ok := true
				for n, w := range mark {
					ok = ok && d.toks[k+n].lower == w
				}
				if ok {
					start = k + len(mark)
					break search
				}
			}
		}
	}
	if start < 0 {
		return
	}
	var targets []int
	prevEnd := start
	for k := start; k < s.to; k++ {
		mi := sa.mAt[k-s.from]
		if mi < 0 {
			continue
		}
		m := &sa.ms[mi]
		k = m.to - 1
		if m.to < s.to && d.toks[m.to].text == "-" && d.toks[m.to].glued {
			continue // "Tehran-backed": a modifier of the referent
		}
		// the first referent, and those coordinated with it at the top level
		j := m.from - 1
		for j >= prevEnd && determiners[d.toks[j].lower] {
			j--
		}
		joined := j >= start && (d.toks[j].is("and", ",", "or") || j >= 1 && d.toks[j].is("well") && d.toks[j-1].is("as"))
		if len(targets) == 0 || joined {
			targets = append(targets, mi)
		}
	}
	if len(targets) == 0 {
		return
	}
	ci := clauseInfo{modality: graph.Asserted}
	d.emit(sa, p, []int{src}, targets, p.e.typ, p.e.cameo, 0.7, 0, ci, graph.Asserted)
}

// compounds handles "X-backed Y": a mention, a hyphen and a participle of a compound-forming
// verb ("Iran-backed", "Tehran-funded"), and the noun phrase after it.
func (d *docAnalysis) compounds(sa *sentAnalysis) {
	s := sa.s
	for mi := range sa.ms {
		m := &sa.ms[mi]
		k := m.to
		if k+2 > s.to || d.toks[k].text != "-" || !d.toks[k].glued || !d.toks[k+1].glued {
			continue
		}
		e := d.g.lexicon.participles[d.toks[k+1].lower]
		if e == nil || k+2 >= s.to {
			continue
		}
		tgt := sa.mAt[k+2-s.from]
		if tgt < 0 {
			continue
		}
		p := &predicate{from: k + 1, to: k + 2, e: e, tslot: -1}
		ci := clauseInfo{modality: graph.Asserted}
		d.emit(sa, p, []int{mi}, []int{tgt}, e.typ, e.cameo, 0.85, 0, ci, graph.Asserted)
	}
}

// modalRequests handles "X said Y must ..." and quoted "Y must ...": the speaker asks Y.
func (d *docAnalysis) modalRequests(sa *sentAnalysis) {
	s := sa.s
	for mi := range sa.ms {
		m := &sa.ms[mi]
		if len(m.actors) == 0 || m.locative || m.form == formPronoun && m.plural {
			continue
		}
		k := m.to
		if k >= s.to {
			continue
		}
		w := d.toks[k].lower
		modal := modalRequest[w] || (w == "has" || w == "have" || w == "needs" || w == "need" || w == "ought") && k+1 < s.to && d.toks[k+1].is("to")
		if !modal {
			continue
		}
		speaker := d.speakerBefore(sa, m.from)
		if speaker == nil {
			continue
		}
		group := d.groupBackward(sa, mi)
		p := &predicate{from: k, to: k + 1, e: &lexEntry{pattern: w, typ: graph.Request, cameo: "100"}, tslot: -1}
		for _, sp := range speaker {
			for _, gi := range group {
				gm := &sa.ms[gi]
				for _, t := range gm.actors {
					d.addClaim(sa, sp, t, graph.Request, "100", d.text(p.from, p.to), "", d.mentionText(gm), conf(0.75, 0, gm), false, graph.Asserted)
				}
			}
		}
	}
}

// speakerBefore returns the speaker of a clause that starts at token k: the subject of a verb
// of saying before it in the sentence, or, inside a quotation, the sentence's speaker.
func (d *docAnalysis) speakerBefore(sa *sentAnalysis, k int) []string {
	for pi := len(sa.preds) - 1; pi >= 0; pi-- {
		p := sa.preds[pi]
		if p.to > k || !p.e.flags.has(flagSpeech) {
			continue
		}
		if subj, _, _ := d.subjectOf(sa, p); len(subj) > 0 {
			return d.actorsOf(sa, subj)
		}
		return nil
	}
	if sa.quoted[k-sa.s.from] {
		return sa.speaker
	}
	return nil
}
