package events

// Events, stage 2: the arguments of a predicate: its subject, its object, coordinated groups
// and the places that may stand for a target.

import (
	"strings"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/loader/actors"
	"github.com/dyadgraph/dyad/loader/lexicon"
	"github.com/dyadgraph/dyad/loader/text"
)

// groupForward returns mention mi and the mentions coordinated after it: "Russia, China, Iran
// and North Korea".
func (d *docAnalysis) groupForward(sa *sentAnalysis, mi int) []int {
	out := []int{mi}
	closed := false
	for {
		m := sa.ms[out[len(out)-1]]
		k := m.To
		joined := false
		for k < sa.s.To && (groupJoiners[d.toks[k].Lower] || d.toks[k].Is("as", "well", "along", "together", "with", "the")) {
			if d.toks[k].Is("as", "along", "together") && !(k+1 < sa.s.To && d.toks[k+1].Is("well", "with")) {
				break
			}
			if !d.toks[k].Is("the") {
				joined = true
			}
			k++
		}
		if !joined || k >= sa.s.To {
			break
		}
		next := sa.mAt[k-sa.s.From]
		if next < 0 || next == out[len(out)-1] || sa.ms[next].Locative || d.startsClause(sa, next) {
			break
		}
		out = append(out, next)
		if d.toks[k-1].Is("and", "or") || d.toks[k-1].Is("with", "well") {
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
var ownerParticiples = text.Set("led", "held", "controlled", "run", "owned", "occupied", "ruled", "dominated", "governed")

// startsClause reports whether a mention is the subject of a verb that follows it: "...
// two Russian diplomats, and Ghana recalled its ambassador".
func (d *docAnalysis) startsClause(sa *sentAnalysis, mi int) bool {
	for k := sa.ms[mi].To; k < sa.s.To && k < sa.ms[mi].To+4; k++ {
		if pi := sa.pAt[k-sa.s.From]; pi >= 0 {
			return !sa.preds[pi].e.Flags.Has(lexicon.FlagNoun)
		}
		w := d.toks[k].Lower
		if !(text.AuxWords[w] || strings.HasSuffix(w, "ly") || strings.HasSuffix(w, "n't")) {
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
	for k := sa.ms[mi].To; k < sa.s.To && k < sa.ms[mi].To+4; k++ {
		if d.toks[k].Is("and") {
			j := k + 1
			for j < sa.s.To && determiners[d.toks[j].Lower] {
				j++
			}
			if j < sa.s.To {
				if mj := sa.mAt[j-sa.s.From]; mj >= 0 && len(sa.ms[mj].Actors) > 0 {
					return []int{mi, mj}
				}
			}
			break
		}
		if text.BreakWords[d.toks[k].Lower] || sa.mAt[k-sa.s.From] >= 0 {
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
		k := m.From - 1
		if k >= sa.s.From && d.toks[k].Is("the") {
			k--
		}
		joined := false
		for k >= sa.s.From && groupJoiners[d.toks[k].Lower] {
			// "X, Y and Z": a comma joins only a list that "and" or "or" closes, or a
			// headline's list at the start ("NATO, U.S. pledge ...")
			if d.toks[k].Lower == "," && len(out) == 1 && !(k+1 < sa.s.To && d.toks[k+1].Is("and", "or")) {
				if k-1 < sa.s.From || sa.mAt[k-1-sa.s.From] < 0 || sa.ms[sa.mAt[k-1-sa.s.From]].From != sa.s.From {
					break
				}
			}
			joined = true
			k--
		}
		if !joined || k < sa.s.From {
			return out
		}
		prev := sa.mAt[k-sa.s.From]
		if prev < 0 || sa.ms[prev].To != k+1 || sa.ms[prev].Locative {
			return out
		}
		// a name after a preposition ends a phrase before the list: "With the signing of
		// the Cessation of Hostilities, the government and the rebels agreed"
		if j := sa.ms[prev].From - 1; d.toks[k+1].Text == "," && j >= sa.s.From && (text.Prepositions[d.toks[j].Lower] || d.toks[j].Is("of", "the") && j-1 >= sa.s.From && text.Prepositions[d.toks[j-1].Lower]) {
			return out
		}
		out = append([]int{prev}, out...)
	}
}

// actorsOf lists the actors of a group of mentions.
func (d *docAnalysis) actorsOf(sa *sentAnalysis, group []int) []string {
	var out []string
	for _, mi := range group {
		out = append(out, sa.ms[mi].Actors...)
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
	if p.from > s.From {
		// "fired at protesters demanding X": a participle right after a noun phrase says what
		// that phrase's people do, wherever the phrase stands
		if mi := sa.mAt[p.from-1-s.From]; mi >= 0 && len(sa.ms[mi].Actors) > 0 && !sa.ms[mi].Possessive &&
			d.tagAt(sa, p.from) == "VBG" && sa.ms[mi].Form != actors.FormPronoun {
			return d.groupBackward(sa, mi), noise, false
		}
	}
	if p.from > s.From && d.gerundAfterPreposition(sa, p.from) {
		// "with the aim of meeting X", "after talks with Y": a gerund's subject is its
		// clause's; "accused X of preparing to ...": the content of an accusation is no act
		for j := len(sa.preds) - 1; j >= 0; j-- {
			q := sa.preds[j]
			if q == p || q.to > p.from || len(q.subject) == 0 {
				continue
			}
			if q.e.Type == graph.Accuse {
				return nil, noise, false
			}
			return q.subject, noise, true
		}
		return nil, noise, false
	}
	for k := p.from - 1; k >= s.From; k-- {
		rel := k - s.From
		if mi := sa.mAt[rel]; mi >= 0 {
			m := &sa.ms[mi]
			if m.Locative || len(m.Actors) == 0 {
				k = m.From
				noise++
				continue
			}
			group := d.groupBackward(sa, mi)
			if q := d.governingVerb(sa, sa.ms[group[0]].From); q != nil && noise == 0 && d.toks[p.from-1].Is("to") {
				// "shared intelligence with Chad and Niger to fight X": a purpose clause after
				// an object has the main verb's subject; verbs that take an object and an
				// infinitive ("urged X to") are handled as control
				return q.subject, noise, true
			}
			return group, noise, false
		}
		if pi := sa.pAt[rel]; pi >= 0 {
			q := sa.preds[pi]
			if q.e.Type == "" && !q.e.Flags.Has(lexicon.FlagSpeech) || q.e.Flags.Has(lexicon.FlagNoun) {
				k = q.from
				continue
			}
			if q.e.Flags.Has(lexicon.FlagSpeech) && len(q.subject) > 0 && d.directObject(sa, q.to, p.from) {
				// "Israel confirmed striking X", "Mali announced its withdrawal from X": the
				// event is what the speaker's verb reports of its own subject
				return q.subject, noise, true
			}
			// "began a hunger strike to protest against X": a purpose clause shares the subject
			if len(q.subject) > 0 && q.to < p.from && d.toks[p.from-1].Is("to") && q.to >= p.from-4 {
				return q.subject, noise, true
			}
			return nil, noise, false
		}
		t := &d.toks[k]
		w := t.Lower
		if text.AuxWords[w] || strings.HasSuffix(w, "ly") && len(w) > 4 || strings.HasSuffix(w, "n't") || t.Kind == text.TokNumber {
			continue
		}
		if relativeWords[w] && k-1 >= s.From {
			// "militias that killed": the relative clause's subject is the noun before it
			if mi := sa.mAt[rel-1]; mi >= 0 {
				return []int{mi}, noise, false
			}
			return nil, noise, false
		}
		if w == "," {
			// a relative clause or an apposition between the subject and its verb:
			// "X, which Y says ..., accused Z", "X, a key mediator in ..., proposed"
			if j := d.parentheticalStart(sa, k); j > s.From {
				k = j
				continue
			}
		}
		if w == "," && k-1 >= s.From {
			// an apposition: "The main group, Forces for Defence (FDD), insisted"
			if mi := sa.mAt[rel-1]; mi >= 0 && noise == 0 {
				m := sa.ms[mi]
				if m.From-1 >= s.From && d.toks[m.From-1].Text == "," {
					return []int{mi}, noise, false
				}
			}
		}
		if w == "and" && k-1 >= s.From && k+1 < s.To && (d.tagAt(sa, k-1) == "JJ" || d.tagAt(sa, k-1) == "NN") && d.tagAt(sa, k+1) == "JJ" {
			noise++ // "a strong and destructive attack": coordinated adjectives
			continue
		}
		if isQuote(t.Text) && k+1 < p.from && !d.toks[k+1].Cap && sa.mAt[k+1-s.From] < 0 {
			continue // an opening quotation mark inside the clause: launched a "massive attack"
		}
		if text.BreakWords[w] {
			if groupJoiners[w] || w == "but" {
				// a coordinated verb: take the subject of the verb before
				for j := len(sa.preds) - 1; j >= 0; j-- {
					q := sa.preds[j]
					if q.to <= k && q.e.Type != "" && len(q.subject) > 0 && !q.passive {
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
var parentheticalOpeners = text.Set("which", "who", "whose", "whom", "a", "an", "the", "once", "now", "itself", "long")

// parentheticalStart returns the comma that opens a parenthetical closed by the comma at k,
// when the parenthetical follows a mention ("Hamas, which ..., accused"); else -1. It looks back
// at most 40 tokens and not across a clause-ending punctuation mark.
func (d *docAnalysis) parentheticalStart(sa *sentAnalysis, k int) int {
	s := sa.s
	for j := k - 2; j > s.From && j >= k-40; j-- {
		t := &d.toks[j]
		if t.Text == ";" || t.Text == ":" {
			return -1
		}
		if t.Text != "," || !parentheticalOpeners[d.toks[j+1].Lower] {
			continue
		}
		if mi := sa.mAt[j-1-s.From]; mi >= 0 && len(sa.ms[mi].Actors) > 0 {
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
	for j >= sa.s.From && determiners[d.toks[j].Lower] && sa.pAt[j-sa.s.From] < 0 {
		j--
	}
	if j < sa.s.From {
		return nil
	}
	pi := sa.pAt[j-sa.s.From]
	if pi < 0 {
		return nil
	}
	q := sa.preds[pi]
	if q.e.Type == "" || q.e.Flags.Has(lexicon.FlagObject|lexicon.FlagControl|lexicon.FlagNoun) || len(q.subject) == 0 || q.passive {
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
	locativeOK := p.e.Flags.Has(lexicon.FlagLocative)
	// "fired drones at northern Israel": the pattern's own preposition introduces the object
	ownPrep := actors.LocativePreps[d.toks[p.to-1].Lower]
	noise := 0
	place := -1
	isSubj := func(mi int) bool {
		for _, x := range subj {
			if x == mi || sa.ms[x].From <= sa.ms[mi].From && sa.ms[mi].To <= sa.ms[x].To {
				return true
			}
		}
		return false
	}
	from := p.to
	// "denounced what it described as a reckless raid": the speaker's description is the object
	if k := from; k+2 < s.To && d.toks[k].Lower == "what" {
		// the describer: a mention, or a word or two ("what officials called")
		j := k + 1
		if mi := sa.mAt[j-s.From]; mi >= 0 {
			j = sa.ms[mi].To
		} else {
			for j < s.To && j < k+3 && d.toks[j].Kind == text.TokWord && !d.toks[j].Is("called", "calls", "described", "describes", "termed", "labelled", "labeled", "dubbed") {
				j++
			}
		}
		if j < s.To && d.toks[j].Is("called", "calls", "described", "describes", "termed", "labelled", "labeled", "dubbed") {
			from = j + 1
			if from < s.To && d.toks[from].Is("as") {
				from++
			}
			for from < s.To && (isQuote(d.toks[from].Text) || determiners[d.toks[from].Lower]) {
				from++ // what it called a “reckless raid”
			}
		}
	}
scan:
	for k := from; k < s.To; k++ {
		if t := d.timeAt(sa, k); t > k {
			k = t - 1
			continue
		}
		if q := d.quantityAt(sa, k); q > k {
			k = q - 1
			continue
		}
		rel := k - s.From
		if mi := sa.mAt[rel]; mi >= 0 {
			m := &sa.ms[mi]
			modifier := m.To+1 < s.To && d.toks[m.To].Text == "-" && d.toks[m.To].Glued && d.toks[m.To+1].Glued && !ownerParticiples[d.toks[m.To+1].Lower]
			// "withdrew its troops": the subject's own; "X said Y shelled its positions": the
			// speaker's, when the pronoun resolves to the speaker's state
			ownPronoun := m.Form == actors.FormPronoun && m.Possessive &&
				(len(m.Actors) == 0 || d.sharesCountry(sa, subj, m.Actors) || !sharesAny(sa.speaker, m.Actors))
			if isSubj(mi) || len(m.Actors) == 0 || modifier || ownPronoun {
				k = m.To - 1
				if !ownPronoun {
					noise++
				}
				continue
			}
			// a place is the target only of a verb that takes one ("demonstrated in X"), and only
			// after "in" or "into", not "across X" or "near X"
			placeOK := locativeOK && m.From > s.From && d.toks[m.From-1].Is("in", "into")
			if m.Locative && !placeOK && !(ownPrep && k < p.to+3) {
				if place < 0 {
					place = mi
				}
				k = m.To - 1
				noise++
				if !control {
					break scan
				}
				continue
			}
			if p.e.Flags.Has(lexicon.FlagObject) && noise > 2 {
				return nil, noise, false
			}
			if d.toks[p.to-1].Is("between") {
				return d.betweenPair(sa, mi), noise, false
			}
			return d.groupForward(sa, mi), noise, false
		}
		if pi := sa.pAt[rel]; pi >= 0 {
			q := sa.preds[pi]
			if q.e.Flags.Has(lexicon.FlagReverse) || q.e.Type == "" && !q.e.Flags.Has(lexicon.FlagSpeech) || control {
				if control && q.e.Type != "" {
					q.consumed = true
				}
				k = q.to - 1
				continue
			}
			break
		}
		t := &d.toks[k]
		w := t.Lower
		if t.Text == "-" && t.Glued {
			continue
		}
		if !control && w == "to" && k > p.to && proposalNouns[d.toks[k-1].Lower] && stanceTypes[p.e.Type] {
			// "rejected a proposal to fund weapons for Ukraine": the stance is toward the
			// proposal's object
			control, limit = true, noise+10
			continue
		}
		if control && (w == "to" || text.Prepositions[w] && !text.BreakWords[w] || w == "if" || w == "unless") {
			continue
		}
		if p.e.Type == graph.Request && w == "that" {
			continue // "demanded that Hamas renounce"
		}
		if actors.LocativePreps[w] {
			if locativeOK {
				continue
			}
			// look ahead for the place, as a last resort
			for j := k + 1; j < s.To && j < k+6; j++ {
				if d.borderWith(j) {
					continue
				}
				if mi := sa.mAt[j-s.From]; mi >= 0 {
					if place < 0 && len(sa.ms[mi].Actors) > 0 && !isSubj(mi) {
						place = mi
					}
					break
				}
				if text.BreakWords[d.toks[j].Lower] || text.Prepositions[d.toks[j].Lower] {
					break
				}
			}
			if !control {
				break
			}
			continue
		}
		if text.BreakWords[w] {
			break
		}
		if text.Prepositions[w] && w != "of" && !d.borderWith(k) {
			break
		}
		noise++
		if noise > limit {
			break
		}
	}
	if place >= 0 && !p.e.Flags.Has(lexicon.FlagObject) && placeTargetTypes[p.e.Type] && d.isStatePlace(sa.ms[place]) &&
		!d.subjectAtHome(sa, subj, place) {
		pm := &sa.ms[place]
		if pm.Form == actors.FormSeat {
			// "a curfew in Algiers": the city as a place stands for the state, not its government
			pm.Actors = []string{pm.Actors[0][:3]}
		}
		return []int{place}, noise + 2, true
	}
	return nil, noise, false
}

// borderWith reports a "with" after a word for a border ("its border with Ukraine"): the
// state after it is the other side, so the phrase goes on.
func (d *docAnalysis) borderWith(k int) bool {
	return k > 0 && d.toks[k].Lower == "with" && d.toks[k-1].Is("border", "borders", "frontier", "boundary")
}

// proposalNouns take an infinitive that says what is proposed ("a plan to send troops to X").
var proposalNouns = text.Set("proposal", "proposals", "plan", "plans", "call", "calls", "request", "requests",
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
func (d *docAnalysis) isStatePlace(m actors.Mention) bool {
	if len(m.Actors) != 1 {
		return false
	}
	a, ok := d.actors.Actor(m.Actors[0])
	return ok && a.Country != "" && a.Kind != graph.KindPerson
}

// infinitiveBetween reports a "to" before a verb between tokens from and to.
func (d *docAnalysis) infinitiveBetween(sa *sentAnalysis, from, to int) bool {
	for k := from; k < to; k++ {
		if d.toks[k].Lower == "to" && k+1 < sa.s.To && strings.HasPrefix(d.tagAt(sa, k+1), "VB") {
			return true
		}
	}
	return false
}

// implicitTarget picks the target of a noun that leaves it unsaid ("Russia's invasion"): the
// nearest state in the sentence other than the source.
func (d *docAnalysis) implicitTarget(sa *sentAnalysis, src int) int {
	best, bestDist := -1, 1<<30
	srcActors := sa.ms[src].Actors
	for mi := range sa.ms {
		m := &sa.ms[mi]
		if mi == src || len(m.Actors) != 1 || m.Person != "" {
			continue
		}
		a, ok := d.actors.Actor(m.Actors[0])
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
		for _, id := range sa.ms[si].Actors {
			if !strings.HasSuffix(id, "-"+actors.SectorCiv) && !strings.HasSuffix(id, "-"+actors.SectorOpp) {
				continue
			}
			if a, ok := d.actors.Actor(id); ok && a.Country != "" && sameCountry(a.Country, sa.ms[place].Actors) {
				return true
			}
		}
	}
	return false
}

// sharesCountry reports whether one of the actors belongs to the state of one of the group's.
func (d *docAnalysis) sharesCountry(sa *sentAnalysis, group []int, actors []string) bool {
	for _, gi := range group {
		if sharesAny(sa.ms[gi].Actors, actors) {
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
