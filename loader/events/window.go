package events

// The window frames: the token-window argument finders that read a sentence before it had a
// tree. They remain only as a fallback, for a predicate whose arguments the tree does not give:
// the parser trained here reads some common news sentences wrongly ("Russian troops shelled
// Ukrainian towns" with the verb as a modifier of the object), and a sentence too long to
// parse has no tree at all. Each is called from frames only when the tree frame found no
// arguments; see frames.go.

import (
	"slices"
	"strings"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/loader/actors"
	"github.com/dyadgraph/dyad/loader/lexicon"
	"github.com/dyadgraph/dyad/loader/text"
)

// wReferentMarks introduce the referents of a relational noun.
var wReferentMarks = [][]string{{"referring", "to"}, {"such", "as"}, {"including"}, {"namely"}, {"like"}}

// betweenPair returns the two parties of "between X and Y", where X may carry words of its
// own ("between a Kenyan farmers' union and the ministry").
func (d *docAnalysis) wBetweenPair(sa *sentAnalysis, mi int) []int {
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
func (d *docAnalysis) wGroupBackward(sa *sentAnalysis, mi int) []int {
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

// subjectOf finds a verb's subject: the nearest mention to its left within the clause,
// skipping auxiliaries, adverbs and a few other words, or the subject of the verb it is
// coordinated with ("pledge ... and warn"). It returns the mention group, the number of other
// words skipped, and whether the subject was inherited.
func (d *docAnalysis) wSubjectOf(sa *sentAnalysis, p *predicate) ([]int, int, bool) {
	s := sa.s
	noise := 0
	if p.from > s.From {
		// "fired at protesters demanding X": a participle right after a noun phrase says what
		// that phrase's people do, wherever the phrase stands
		if mi := sa.mAt[p.from-1-s.From]; mi >= 0 && len(sa.ms[mi].Actors) > 0 && !sa.ms[mi].Possessive &&
			d.tagAt(sa, p.from) == "VBG" && sa.ms[mi].Form != actors.FormPronoun {
			return d.wGroupBackward(sa, mi), noise, false
		}
	}
	if p.from > s.From && d.wGerundAfterPreposition(sa, p.from) {
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
			group := d.wGroupBackward(sa, mi)
			if q := d.wGoverningVerb(sa, sa.ms[group[0]].From); q != nil && noise == 0 && d.toks[p.from-1].Is("to") {
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
			if q.e.Flags.Has(lexicon.FlagSpeech) && len(q.subject) > 0 && d.wDirectObject(sa, q.to, p.from) {
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
			if j := d.wParentheticalStart(sa, k); j > s.From {
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

// wParentheticalOpeners start a relative clause or an apposition after a comma.
var wParentheticalOpeners = text.Set("which", "who", "whose", "whom", "a", "an", "the", "once", "now", "itself", "long")

// parentheticalStart returns the comma that opens a parenthetical closed by the comma at k,
// when the parenthetical follows a mention ("Hamas, which ..., accused"); else -1. It looks back
// at most 40 tokens and not across a clause-ending punctuation mark.
func (d *docAnalysis) wParentheticalStart(sa *sentAnalysis, k int) int {
	s := sa.s
	for j := k - 2; j > s.From && j >= k-40; j-- {
		t := &d.toks[j]
		if t.Text == ";" || t.Text == ":" {
			return -1
		}
		if t.Text != "," || !wParentheticalOpeners[d.toks[j+1].Lower] {
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
func (d *docAnalysis) wGoverningVerb(sa *sentAnalysis, k int) *predicate {
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
func (d *docAnalysis) wObjectOf(sa *sentAnalysis, p *predicate, subj []int, control bool) ([]int, int, bool) {
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
				return d.wBetweenPair(sa, mi), noise, false
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
				if d.wBorderWith(j) {
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
		if text.Prepositions[w] && w != "of" && !d.wBorderWith(k) {
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
func (d *docAnalysis) wBorderWith(k int) bool {
	return k > 0 && d.toks[k].Lower == "with" && d.toks[k-1].Is("border", "borders", "frontier", "boundary")
}

// active handles "X verb Y", "X and Y agreed", "X urged Y to ...", "X threatened to shell Y".
func (d *docAnalysis) wActive(sa *sentAnalysis, p *predicate) {
	subj, sNoise, inherited := d.wSubjectOf(sa, p)
	weaponSubject := false
	if len(subj) == 0 && p.e.Type == graph.Assault {
		// "Russian missile and drone strikes hit Kharkiv": the attack's owner is the agent
		if mi := d.wWeaponAgent(sa, p.from); mi >= 0 {
			subj, sNoise, weaponSubject = []int{mi}, 1, true
		}
	}
	p.subject = subj
	if len(subj) == 0 {
		return
	}
	ci := d.wClauseOf(sa, p, subj)
	var obj []int
	oNoise, atPlace := 0, false
	if p.tslot >= 0 {
		obj = d.groupForward(sa, p.tslot)
	} else {
		control := p.e.Flags.Has(lexicon.FlagControl) || ci.pledgeVerb
		obj, oNoise, atPlace = d.wObjectOf(sa, p, subj, control)
	}
	if p.e.Flags.Has(lexicon.FlagObject) && len(obj) > 0 {
		// "urged Canada to donate ...": the verbs of the infinitive are the request's content
		last := sa.ms[obj[len(obj)-1]].To
		if last < sa.s.To && d.toks[last].Is("to") {
			for k := last + 1; k < sa.s.To && k < last+6; k++ {
				if pi := sa.pAt[k-sa.s.From]; pi >= 0 {
					sa.preds[pi].consumed = true
					break
				}
			}
		}
	}
	if p.e.Flags.Has(lexicon.FlagReverse) {
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
		d.withoutObject(sa, p, subj, typ, cameo, base, sNoise, ci, mod)
		return
	}
	d.emitObject(sa, p, subj, obj, typ, cameo, base, sNoise+oNoise, ci, mod)
}

// passive handles "Y was verb-ed by X".
func (d *docAnalysis) wPassive(sa *sentAnalysis, p *predicate) {
	target, tNoise, _ := d.wSubjectOf(sa, p)
	if len(target) == 0 {
		return
	}
	for k := p.to; k < sa.s.To && k < p.to+25; k++ {
		w := d.toks[k].Lower
		if w == ";" || w == "said" || w == "says" || w == "when" || w == "after" || w == "while" {
			return
		}
		if w != "by" {
			continue
		}
		// the agent: a mention after "by", its determiner and up to two modifiers
		mi := -1
		for j, mods := k+1, 0; j < sa.s.To && mods <= 2; j++ {
			if mi = sa.mAt[j-sa.s.From]; mi >= 0 {
				break
			}
			if w := d.toks[j].Lower; determiners[w] {
				continue
			} else if d.toks[j].Kind != text.TokWord || text.BreakWords[w] || text.Prepositions[w] {
				break
			}
			mods++
		}
		if mi < 0 {
			return
		}
		src := d.groupForward(sa, mi)
		ci := d.wClauseOf(sa, p, target)
		typ, cameo, mod := typeOf(p.e, ci)
		d.emit(sa, p, src, target, typ, cameo, 0.85, tNoise, ci, mod)
		return
	}
}

// nominal handles "X's invasion of Y", "the invasion of Y by X", "Russian invasion of Y",
// "an appeal from X", "its proxies, referring to Y and Z".
func (d *docAnalysis) wNominal(sa *sentAnalysis, p *predicate) {
	s := sa.s
	// the source: a possessive or a name right before the noun, over a few modifiers
	src := -1
	for k, skipped := p.from-1, 0; k >= s.From && skipped <= 4; k-- {
		if mi := sa.mAt[k-s.From]; mi >= 0 {
			m := &sa.ms[mi]
			if (m.Possessive || k == p.from-1 || m.Form == actors.FormDemonym) && !m.Locative && len(m.Actors) > 0 {
				src = mi
			}
			break
		}
		w := d.toks[k].Lower
		if w == "'s" || w == "-" || (d.toks[k].Kind == text.TokWord && !text.BreakWords[w] && !text.Prepositions[w] && !determiners[w] && !d.toks[k].Cap) {
			skipped++
			continue
		}
		break
	}
	if p.e.Flags.Has(lexicon.FlagReferent) {
		if src >= 0 {
			d.wReferents(sa, p, src)
		}
		return
	}
	// the target: a mention right after the noun's preposition
	tgt := -1
	// the pattern ends with its target's preposition, or a participle that takes the target as
	// its object ("sanctions targeting X")
	endsWithPrep := text.Prepositions[d.toks[p.to-1].Lower] || d.toks[p.to-1].Is("of", "targeting")
	k := p.to
	if !endsWithPrep && p.e.Flags.Has(lexicon.FlagImplicit) && k < s.To && d.toks[k].Is("of", "against", "on", "into") {
		k++
		endsWithPrep = true
	}
	if endsWithPrep {
		for n := 0; k < s.To && n <= 3; k, n = k+1, n+1 {
			if mi := sa.mAt[k-s.From]; mi >= 0 {
				if !sa.ms[mi].Locative || p.e.Flags.Has(lexicon.FlagLocative) {
					tgt = mi
				}
				break
			}
			w := d.toks[k].Lower
			if sa.pAt[k-s.From] >= 0 || strings.HasPrefix(d.tagAt(sa, k), "VB") {
				break // "attacks on shipping angered X": the target is not past a verb
			}
			if w == "," && k+1 < s.To {
				// an apposition names the target: "from the regional bloc, the Y"
				j := k + 1
				if j+1 < s.To && d.toks[j].Lower == "the" {
					j++
				}
				if mi := sa.mAt[j-s.From]; mi >= 0 && !sa.ms[mi].Locative {
					tgt = mi
				}
				break
			}
			if text.BreakWords[w] || text.Prepositions[w] {
				break
			}
		}
	}
	if tgt >= 0 && d.toks[p.to-1].Is("between") && d.toks[p.from].Is("talks", "negotiations", "meeting", "summit", "consultations") {
		// "talks between X and Y": both parties, each way
		pair := d.wBetweenPair(sa, tgt)
		if len(pair) == 2 {
			typ, cameo, mod := typeOf(p.e, clauseInfo{modality: graph.Asserted})
			d.emit(sa, p, pair[:1], pair[1:], typ, cameo, 0.75, 0, clauseInfo{}, mod)
			return
		}
	}
	if p.e.Flags.Has(lexicon.FlagReverse) {
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
			from = sa.ms[tgt].To
		}
		for k := from; k < s.To && k < from+4; k++ {
			// "sanctions against X, imposed by Y", "strikes launched by Y"
			if d.toks[k].Text == "," && k == from || k > from && k < from+3 && d.tagAt(sa, k) == "VBN" {
				continue
			}
			if d.toks[k].Is("by") && k+1 < s.To {
				if k+2 < s.To && d.toks[k+1].Lower == "the" {
					k++
				}
				if mi := sa.mAt[k+1-s.From]; mi >= 0 {
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
		subj, noise, _ := d.wSubjectOf(sa, p)
		circumstance := false
		if len(subj) == 0 {
			subj = d.wCircumstanceSubject(sa, p)
			circumstance = len(subj) > 0
		}
		if len(subj) == 0 || noise > 4 || tgt < 0 {
			return
		}
		src, srcs = subj[len(subj)-1], subj
		for k := sa.ms[src].To; k < p.from && !circumstance; k++ {
			if d.toks[k].Lower == "to" && d.infinitive(sa, k) || isQuote(d.toks[k].Text) {
				continue // "willing to continue negotiations with", launched a "massive attack"
			}
			if j := max(d.timeAt(sa, k), d.wPlacePhrase(sa, k)); j > k {
				k = j - 1 // "X on Monday announced the lifting of ...", "X in Geneva called for"
				continue
			}
			if text.Prepositions[d.toks[k].Lower] {
				if j := d.wPhraseClosed(sa, k, p.from); j > k {
					k = j - 1 // "announced in Geneva on Monday the easing of ...": the phrase ended
					continue
				}
				return // "blamed X for the shelling of Y": X does not shell
			}
			if text.BreakWords[d.toks[k].Lower] {
				return
			}
		}
		base = 0.7
		ci = d.wModalityBetween(sa, sa.ms[src].To, p.from)
	}
	if tgt < 0 && p.e.Type == graph.Assault && src >= 0 && !p.e.Flags.Has(lexicon.FlagImplicit) {
		// "died in drone strikes launched by X, Y said": an attack on the state that reports it
		d.nominalOnReporter(sa, p, src, base, ci)
		return
	}
	if tgt < 0 {
		if !p.e.Flags.Has(lexicon.FlagImplicit) {
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

// phraseClosed finds where the prepositional phrase opened at prep ends before the noun phrase
// that holds the token at end: a determiner right after a noun ("in Geneva on Monday the
// easing"), which starts a new noun phrase. It returns that determiner's position, or -1 when the
// phrase runs on to end (the noun is the preposition's own object).
func (d *docAnalysis) wPhraseClosed(sa *sentAnalysis, prep, end int) int {
	for j := prep + 2; j < end; j++ {
		if d.toks[j].Lower != "the" && d.toks[j].Lower != "a" && d.toks[j].Lower != "an" {
			continue
		}
		if strings.HasPrefix(d.tagAt(sa, j-1), "NN") || strings.HasPrefix(d.tagAt(sa, j-1), "CD") {
			return j
		}
	}
	return -1
}

// referents handles a relational noun ("its proxies") whose referents are named after
// "referring to", "such as", "including", or in apposition; the possessor is the source.
func (d *docAnalysis) wReferents(sa *sentAnalysis, p *predicate, src int) {
	s := sa.s
	start := -1
	k := p.to
	// apposition: "its proxies, the Houthis"
	if k+1 < s.To && d.toks[k].Text == "," {
		j := k + 1
		for j < s.To && determiners[d.toks[j].Lower] {
			j++
		}
		if j < s.To && sa.mAt[j-s.From] >= 0 {
			start = j
		}
	}
	if start < 0 {
	search:
		for k := p.to; k < s.To; k++ {
			for _, mark := range wReferentMarks {
				if k+len(mark) > s.To {
					continue
				}
				ok := true
				for n, w := range mark {
					ok = ok && d.toks[k+n].Lower == w
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
	for k := start; k < s.To; k++ {
		mi := sa.mAt[k-s.From]
		if mi < 0 {
			continue
		}
		m := &sa.ms[mi]
		k = m.To - 1
		if m.To < s.To && d.toks[m.To].Text == "-" && d.toks[m.To].Glued {
			continue // "Tehran-backed": a modifier of the referent
		}
		// the first referent, and those coordinated with it at the top level
		j := m.From - 1
		for j >= prevEnd && determiners[d.toks[j].Lower] {
			j--
		}
		joined := j >= start && (d.toks[j].Is("and", ",", "or") || j >= 1 && d.toks[j].Is("well") && d.toks[j-1].Is("as"))
		if len(targets) == 0 || joined {
			targets = append(targets, mi)
		}
	}
	if len(targets) == 0 {
		return
	}
	ci := clauseInfo{modality: graph.Asserted}
	d.emit(sa, p, []int{src}, targets, p.e.Type, p.e.CAMEO, 0.7, 0, ci, graph.Asserted)
}

// circumstanceSubject finds the actors of a nominal event that stands in a circumstance of
// another verb ("threw stones during demonstrations against X"): the noun follows "during",
// "in", "at" or "amid", and the verb before it has a subject.
func (d *docAnalysis) wCircumstanceSubject(sa *sentAnalysis, p *predicate) []int {
	k := p.from - 1
	for k > sa.s.From && (determiners[d.toks[k].Lower] || d.tagAt(sa, k) == "JJ") {
		k--
	}
	if k <= sa.s.From || !d.toks[k].Is("during", "in", "at", "amid") {
		return nil
	}
	for j := len(sa.preds) - 1; j >= 0; j-- {
		if q := sa.preds[j]; q != p && q.to <= k && len(q.subject) > 0 {
			return q.subject
		}
	}
	return nil
}

func (d *docAnalysis) wClauseOf(sa *sentAnalysis, p *predicate, subj []int) clauseInfo {
	var ci clauseInfo
	// the auxiliary chain: the words right before the verb that are auxiliaries, adverbs,
	// negation, or verbs of pledging and chaining ("will not", "vowed to", "continue to")
	from := p.from
	for k := p.from - 1; k >= sa.s.From && k >= p.from-8; k-- {
		if pi := sa.pAt[k-sa.s.From]; pi >= 0 && sa.preds[pi].e.Type == "" && !sa.preds[pi].e.Flags.Has(lexicon.FlagSpeech) {
			k = sa.preds[pi].from
			from = k
			continue
		}
		w := d.toks[k].Lower
		failed := failWords[w] && k+1 < p.from && d.toks[k+1].Is("to")
		if sa.mAt[k-sa.s.From] >= 0 || !(text.AuxWords[w] || strings.HasSuffix(w, "ly") || strings.HasSuffix(w, "n't") || negWords[w] || w == "going" || w == "just" || failed) {
			break
		}
		from = k
	}
	for k := from; k < p.from; k++ {
		w := d.toks[k].Lower
		switch {
		case negWords[w] || strings.HasSuffix(w, "n't") || failWords[w] && d.toks[k+1].Is("to"):
			if k+1 < p.from && d.toks[k+1].Is("just", "only") {
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
		case w == "going" && k+1 < p.from && d.toks[k+1].Is("to"):
			ci.modality = graph.Pledged
		}
		if pi := sa.pAt[k-sa.s.From]; pi >= 0 {
			q := sa.preds[pi]
			if q.e.Flags.Has(lexicon.FlagPledge) && ci.modality != graph.Hypothetical {
				ci.modality = graph.Pledged
				ci.pledgeVerb = true
			}
			if q.e.Flags.Has(lexicon.FlagChain) && d.toks[q.from].Is("continue", "continues", "continued", "continuing", "keep", "keeps", "kept", "remain", "remains", "remained", "stay", "stays") {
				ci.continued = true
			}
		}
	}
	// a pledge verb before the subject: "promised Paris would never desert Rabat"
	if ci.modality == "" && len(subj) > 0 {
		m := sa.ms[subj[0]]
		if k := m.From - 1; k >= sa.s.From {
			if pi := sa.pAt[k-sa.s.From]; pi >= 0 && sa.preds[pi].e.Flags.Has(lexicon.FlagPledge) {
				ci.modality = graph.Pledged
			}
		}
	}
	for k := from - 3; k < p.from; k++ {
		if k >= sa.s.From && d.toks[k].Is("if", "unless") {
			ci.modality = graph.Hypothetical
		}
	}
	// "said it would tighten": reported future, a pledge rather than a hypothesis
	if ci.modality == graph.Hypothetical && d.toks[from].Is("would") && d.wReported(sa, from) {
		ci.modality = graph.Pledged
	}
	// a condition follows its verb closely; the bound keeps a run-on "sentence" linear
	for k := p.to; k < sa.s.To && k < p.to+40; k++ {
		if d.toks[k].Is("unless") {
			ci.conditional, ci.unless = true, true
		} else if d.toks[k].Is("if") && ci.modality != "" {
			ci.conditional = true
		}
	}
	return ci
}

// modalityBetween reads modality and negation from the words between a subject and a noun
// ("would tighten the blockade").
func (d *docAnalysis) wModalityBetween(sa *sentAnalysis, from, to int) clauseInfo {
	ci := clauseInfo{modality: graph.Asserted}
	for k := from; k < to; k++ {
		w := d.toks[k].Lower
		switch {
		case futureWords[w]:
			ci.modality = graph.Pledged
		case hypothWords[w]:
			ci.modality = graph.Hypothetical
			if w == "would" && d.wReported(sa, from) {
				ci.modality = graph.Pledged
			}
		case negWords[w] || strings.HasSuffix(w, "n't") || failWords[w] && d.toks[k+1].Is("to"):
			ci.negated = true
		}
		if pi := sa.pAt[k-sa.s.From]; pi >= 0 && sa.preds[pi].e.Flags.Has(lexicon.FlagPledge) && ci.modality != graph.Hypothetical {
			ci.modality = graph.Pledged // "is willing to continue negotiations with"
		}
	}
	return ci
}

// reported reports whether a verb of saying comes before token k in the sentence.
func (d *docAnalysis) wReported(sa *sentAnalysis, k int) bool {
	for _, q := range sa.preds {
		if q.to <= k && q.e.Flags.Has(lexicon.FlagSpeech) {
			return true
		}
	}
	return false
}

// wWeaponNouns head a noun phrase that names an attack or the means of one; the actor that
// modifies such a phrase ("Russian drone strikes", "Israel's air raids") carries it out.
var wWeaponNouns = text.Set("strike", "strikes", "airstrike", "airstrikes", "attack", "attacks", "raid", "raids",
	"missile", "missiles", "rocket", "rockets", "drone", "drones", "shelling", "bombardment",
	"bombardments", "bombing", "bombings", "barrage", "barrages", "artillery", "fire", "shells",
	"offensive", "incursion", "incursions", "assault", "assaults", "warplanes", "jets", "bombs")

// weaponAgent finds the agent of a verb whose subject is an attack rather than an actor: the
// noun phrase ending right before the verb (over auxiliaries) is headed by a weapon noun, and an
// actor modifies it as a demonym, a name or a possessive. It returns the mention, or -1.
func (d *docAnalysis) wWeaponAgent(sa *sentAnalysis, verb int) int {
	s := sa.s
	k := verb - 1
	for k >= s.From && text.AuxWords[d.toks[k].Lower] && sa.mAt[k-s.From] < 0 {
		k--
	}
	if k < s.From || !wWeaponNouns[d.toks[k].Lower] {
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
func (d *docAnalysis) wDirectObject(sa *sentAnalysis, k, end int) bool {
	for ; k < end; k++ {
		// adverbials between the verb and its object: "announced on Monday the ...", "confirmed
		// in Geneva today that ..."
		if j := d.timeAt(sa, k); j > k && j <= end {
			k = j - 1
			continue
		}
		if j := d.wPlacePhrase(sa, k); j > k && j < end {
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
func (d *docAnalysis) wPlacePhrase(sa *sentAnalysis, k int) int {
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
func (d *docAnalysis) wGerundAfterPreposition(sa *sentAnalysis, k int) bool {
	prev := d.toks[k-1].Lower
	return (text.Prepositions[prev] || prev == "of") && prev != "to" && strings.HasSuffix(d.toks[k].Lower, "ing") &&
		d.tagAt(sa, k) == "VBG"
}
