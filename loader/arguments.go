package loader

// Events, stage 2: the arguments of a predicate: its subject, its object, coordinated groups
// and the places that may stand for a target.

import (
	"strings"

	"github.com/dyadgraph/dyad/graph"
)

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
	if p.from > s.from {
		// "fired at protesters demanding X": a participle right after a noun phrase says what
		// that phrase's people do, wherever the phrase stands
		if mi := sa.mAt[p.from-1-s.from]; mi >= 0 && len(sa.ms[mi].actors) > 0 && !sa.ms[mi].possessive &&
			d.tagAt(sa, p.from) == "VBG" && sa.ms[mi].form != formPronoun {
			return d.groupBackward(sa, mi), noise, false
		}
	}
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
			// "withdrew its troops": the subject's own; "X said Y shelled its positions": the
			// speaker's, when the pronoun resolves to the speaker's state
			ownPronoun := m.form == formPronoun && m.possessive &&
				(len(m.actors) == 0 || d.sharesCountry(sa, subj, m.actors) || !sharesAny(sa.speaker, m.actors))
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
	a, ok := d.actors.actor(m.actors[0])
	return ok && a.Country != "" && a.Kind != graph.KindPerson
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
		a, ok := d.actors.actor(m.actors[0])
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
			if a, ok := d.actors.actor(id); ok && a.Country != "" && sameCountry(a.Country, sa.ms[place].actors) {
				return true
			}
		}
	}
	return false
}

// sharesCountry reports whether one of the actors belongs to the state of one of the group's.
func (d *docAnalysis) sharesCountry(sa *sentAnalysis, group []int, actors []string) bool {
	for _, gi := range group {
		if sharesAny(sa.ms[gi].actors, actors) {
			return true
		}
	}
	return false
}

// sharesAny reports whether two lists of actors share a state.
func sharesAny(a, b []string) bool {
	for _, id := range a {
		if sameCountry(id, b) {
			return true
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
