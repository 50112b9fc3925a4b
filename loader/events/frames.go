package events

// Events, stage 4: frames. Each predicate with its arguments and clause becomes claims: active
// and passive verbs, nominal events ("X's invasion of Y"), compounds ("X-backed Y") and the
// requests a modal verb makes ("X must ...").

import (
	"slices"
	"strings"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/loader/actors"
	"github.com/dyadgraph/dyad/loader/lexicon"
	"github.com/dyadgraph/dyad/loader/text"
)

// Word classes used by the frames.
var (
	determiners = text.Set("the", "a", "an", "its", "their", "his", "her", "all", "both", "some", "any",
		"this", "that", "these", "those", "other", "another", "every", "each", "several", "many",
		"more", "most", "no", "our", "two", "three", "four", "five")
	relativeWords = text.Set("that", "which", "who")
	modalRequest  = text.Set("must", "should")
	futureWords   = text.Set("will", "shall", "'ll")
	hypothWords   = text.Set("would", "could", "might", "may")
	negWords      = text.Set("not", "never", "n't", "neither", "nor", "cannot")
	groupJoiners  = text.Set(",", "and", "or")
	// "failed to agree": the act did not happen
	failWords     = text.Set("fail", "fails", "failed", "failing")
	referentMarks = [][]string{{"referring", "to"}, {"such", "as"}, {"including"}, {"namely"}, {"like"}}
	speechAfter   = text.Set("said", "says", "say", "added", "stated", "told", "declared", "announced", "insisted", "warned")
)

// frames applies the sentence frames to a sentence and records the claims.
func (d *docAnalysis) frames(sa *sentAnalysis) {
	for _, p := range sa.preds {
		if p.consumed || p.e.Type == "" {
			if p.e.Type == "" && !p.consumed {
				// speech, pledge and chain verbs still need their subject, for coordination
				p.subject, _, _ = d.subjectOf(sa, p)
			}
			continue
		}
		switch {
		case p.e.Flags.Has(lexicon.FlagNoun):
			d.nominal(sa, p)
		case p.passive:
			d.passive(sa, p)
		default:
			d.active(sa, p)
		}
	}
	d.compounds(sa)
	d.modalRequests(sa)
	d.namedProtests(sa)
}

// conf is the confidence of a claim from its frame's base, the words skipped and the mentions.
func conf(base float64, noise int, ms ...*actors.Mention) float64 {
	c := base - 0.04*float64(noise)
	for _, m := range ms {
		c *= m.Conf
	}
	if c < 0.05 {
		c = 0.05
	}
	return c
}

// attackOnReporter handles an attack without a target, reported by the other side: in "X
// launched 40 missiles overnight, Y's air force said", the attack is on Y's state. The speaker
// must stand for one state other than the attacker's.
func (d *docAnalysis) attackOnReporter(sa *sentAnalysis, p *predicate, subj []int, after int, cameo string, base float64, noise int, ci clauseInfo, mod graph.Modality) {
	// the attack must end its clause: "captured a stronghold", "fired missiles into the sea"
	// name a target that is no actor
	k := d.quantityAt(sa, after)
	for n := 0; n < 4 && k < sa.s.To && sa.mAt[k-sa.s.From] < 0 && weaponWords[d.toks[k].Lower]; n++ {
		k++ // "fired 30 drones", "launched ballistic missiles"
	}
	for j := d.timeAt(sa, k); j > k; j = d.timeAt(sa, k) {
		k = j
	}
	if k < sa.s.To && !d.toks[k].Is(",", ".", ";", "and") {
		return
	}
	victim := ""
	for _, id := range sa.speaker {
		c := d.countryOf(id)
		if victim != "" && c != victim || d.actors.KindOf(c) != graph.KindState {
			return
		}
		victim = c
	}
	if victim == "" {
		return
	}
	for _, si := range subj {
		sm := &sa.ms[si]
		if sameCountry(victim, sm.Actors) {
			return // "Ukraine's army said it shot down ...": its own act, not an attack on itself
		}
	}
	d.focus = p.from
	for _, si := range subj {
		sm := &sa.ms[si]
		c := discounted(conf(base*0.6, noise, sm), p, mod)
		for _, s := range sm.Actors {
			d.addClaim(sa, s, victim, graph.Assault, cameo, d.text(p.from, p.to), d.mentionText(sm), "", c, ci.negated, mod)
		}
	}
}

// weaponWords make up what an attack fires, in the words after its verb.
var weaponWords = text.Set("missile", "missiles", "drone", "drones", "rocket", "rockets", "shell", "shells",
	"ballistic", "cruise", "hypersonic", "attack", "kamikaze", "suicide", "artillery", "mortar", "mortars",
	"bombs", "glide", "guided", "projectiles", "salvos", "barrage", "strikes", "airstrikes", "air", "one-way")

// discounted lowers a claim's confidence for what makes its predicate less sure: an entry of the
// derived lexicon, or a hypothetical modality.
func discounted(c float64, p *predicate, mod graph.Modality) float64 {
	if p.e.Derived {
		c *= 0.85 // an entry of the derived CAMEO lexicon, not one curated for news
	}
	if mod == graph.Hypothetical {
		c *= 0.6 // "would invade", "if X attacks": an event that has not happened
	}
	return c
}

// emit records claims from every source to every target of two mention groups.
func (d *docAnalysis) emit(sa *sentAnalysis, p *predicate, src, dst []int, typ graph.RelationType, cameo string, base float64, noise int, ci clauseInfo, mod graph.Modality) {
	pred := d.text(p.from, p.to)
	d.focus = p.from
	for _, si := range src {
		for _, ti := range dst {
			sm, tm := &sa.ms[si], &sa.ms[ti]
			c := discounted(conf(base, noise, sm, tm), p, mod)
			for _, s := range sm.Actors {
				for _, t := range tm.Actors {
					if s == t {
						// two people of one government ("the president ... accused by government
						// officials"): the person stands for themself
						if tm.Person != "" {
							t = tm.Person
						} else if sm.Person != "" {
							s = sm.Person
						}
					}
					if len(s) == 3 && (t == s+"-"+actors.SectorGov || t == s+"-"+actors.SectorMil) {
						continue // a state does not act on its own organs ("Syria ... Syria's government")
					}
					if tm.Place && sameCountry(t, []string{s}) && typ.Quad() != graph.MaterialConflict {
						continue // "will not recognise a breakaway region of its own": no act on itself
					}
					typ, cameo := typ, cameo
					if typ == graph.Request && (protestNouns[d.toks[sm.To-1].Lower] || d.protesting(sa, si, p)) {
						// protesters who demand something of X protest against X (CAMEO 14)
						typ, cameo = graph.Protest, "140"
					}
					if typ == graph.Retreat && d.actors.KindOf(t) == graph.KindIGO {
						// withdrawing from an organisation breaks relations with it (CAMEO 161)
						// rather than pulling forces out of a place
						typ, cameo = graph.Sanction, "161"
					}
					d.addClaim(sa, s, t, typ, cameo, pred, d.mentionText(sm), d.mentionText(tm), c, ci.negated, mod)
					if ci.negated && (mod == graph.Pledged || mod == graph.Hypothetical) && (typ.Quad() == graph.VerbalCooperation || typ.Quad() == graph.MaterialCooperation) {
						// "will not recognise X", "would not meet X's demands": a refusal (CAMEO 12)
						d.addClaim(sa, s, t, graph.Reject, "120", pred, d.mentionText(sm), d.mentionText(tm), c*0.8, false, graph.Asserted)
					}
					// a mutual act goes both ways, unless one side only pledges it ("X is ready
					// to hold talks with Y": X's intent, not Y's)
					if p.e.Flags.Has(lexicon.FlagMutual) && !(mod == graph.Pledged && typ == graph.Agree && p.e.Type == graph.Consult) {
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
	if len(subj) == 0 && p.e.Type == graph.Assault {
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
		control := p.e.Flags.Has(lexicon.FlagControl) || ci.pledgeVerb
		obj, oNoise, atPlace = d.objectOf(sa, p, subj, control)
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
		// "Israel and Jordan agreed": a mutual verb between the members of its subject
		if p.e.Flags.Has(lexicon.FlagMutual) && len(subj) == 1 && len(sa.ms[subj[0]].Actors) > 1 {
			// "the two sides agreed": one mention that stands for both parties
			d.focus = p.from
			m := &sa.ms[subj[0]]
			c := discounted(conf(base*0.9, sNoise, m), p, mod)
			for _, a := range m.Actors {
				for _, b := range m.Actors {
					if a != b {
						d.addClaim(sa, a, b, typ, cameo, d.text(p.from, p.to), d.mentionText(m), d.mentionText(m), c, ci.negated, mod)
					}
				}
			}
		}
		if p.e.Flags.Has(lexicon.FlagMutual) && len(subj) > 1 {
			for _, a := range subj {
				for _, b := range subj {
					if a != b {
						d.emit(sa, p, []int{a}, []int{b}, typ, cameo, base*0.9, sNoise, ci, mod)
					}
				}
			}
		}
		if typ == graph.Assault && !p.e.Flags.Has(lexicon.FlagMutual) {
			d.attackOnReporter(sa, p, subj, p.to, cameo, base, sNoise, ci, mod)
		}
		return
	}
	if p.e.Flags.Has(lexicon.FlagMutual) && d.infinitiveBetween(sa, p.to, sa.ms[obj[0]].From) {
		// "X agreed to give Y ...": X's undertaking towards Y, not a mutual act
		one := *p
		e := *p.e
		e.Flags &^= lexicon.FlagMutual
		one.e = &e
		p = &one
	}
	d.emit(sa, p, subj, obj, typ, cameo, base, sNoise+oNoise, ci, mod)
}

// passive handles "Y was verb-ed by X".
func (d *docAnalysis) passive(sa *sentAnalysis, p *predicate) {
	target, tNoise, _ := d.subjectOf(sa, p)
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
			d.referents(sa, p, src)
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
		pair := d.betweenPair(sa, tgt)
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
		subj, noise, _ := d.subjectOf(sa, p)
		circumstance := false
		if len(subj) == 0 {
			subj = d.circumstanceSubject(sa, p)
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
			if j := max(d.timeAt(sa, k), d.placePhrase(sa, k)); j > k {
				k = j - 1 // "X on Monday announced the lifting of ...", "X in Geneva called for"
				continue
			}
			if text.Prepositions[d.toks[k].Lower] {
				if j := d.phraseClosed(sa, k, p.from); j > k {
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
		ci = d.modalityBetween(sa, sa.ms[src].To, p.from)
	}
	if tgt < 0 && p.e.Type == graph.Assault && src >= 0 && !p.e.Flags.Has(lexicon.FlagImplicit) {
		// "died in drone strikes launched by X, Y said": an attack on the state that reports it
		after := p.to
		if sa.ms[src].From >= p.to {
			after = sa.ms[src].To
		}
		typ, cameo, mod := typeOf(p.e, ci)
		if typ == graph.Assault {
			d.attackOnReporter(sa, p, []int{src}, after, cameo, base, 0, ci, mod)
		}
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
func (d *docAnalysis) phraseClosed(sa *sentAnalysis, prep, end int) int {
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
func (d *docAnalysis) referents(sa *sentAnalysis, p *predicate, src int) {
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
			for _, mark := range referentMarks {
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

// compounds handles "X-backed Y": a mention, a hyphen and a participle of a compound-forming
// verb ("Iran-backed", "Tehran-funded"), and the noun phrase after it.
func (d *docAnalysis) compounds(sa *sentAnalysis) {
	s := sa.s
	for mi := range sa.ms {
		m := &sa.ms[mi]
		k := m.To
		if k+2 > s.To || d.toks[k].Text != "-" || !d.toks[k].Glued || !d.toks[k+1].Glued {
			continue
		}
		e := d.lex.Participles[d.toks[k+1].Lower]
		if e == nil || k+2 >= s.To {
			continue
		}
		tgt := sa.mAt[k+2-s.From]
		if tgt < 0 {
			continue
		}
		p := &predicate{from: k + 1, to: k + 2, e: e, tslot: -1}
		ci := clauseInfo{modality: graph.Asserted}
		d.emit(sa, p, []int{mi}, []int{tgt}, e.Type, e.CAMEO, 0.85, 0, ci, graph.Asserted)
	}
}

// modalRequests handles "X said Y must ..." and quoted "Y must ...": the speaker asks Y.
func (d *docAnalysis) modalRequests(sa *sentAnalysis) {
	s := sa.s
	for mi := range sa.ms {
		m := &sa.ms[mi]
		if len(m.Actors) == 0 || m.Locative || m.Form == actors.FormPronoun && m.Plural {
			continue
		}
		k := m.To
		if k >= s.To {
			continue
		}
		w := d.toks[k].Lower
		modal := modalRequest[w] || (w == "has" || w == "have" || w == "needs" || w == "need" || w == "ought") && k+1 < s.To && d.toks[k+1].Is("to")
		if !modal {
			continue
		}
		speaker := d.speakerBefore(sa, m.From)
		if speaker == nil {
			continue
		}
		group := d.groupBackward(sa, mi)
		p := &predicate{from: k, to: k + 1, e: &lexicon.Entry{Pattern: w, Type: graph.Request, CAMEO: "100"}, tslot: -1}
		for _, sp := range speaker {
			for _, gi := range group {
				gm := &sa.ms[gi]
				for _, t := range gm.Actors {
					d.focus = p.from
					d.addClaim(sa, sp, t, graph.Request, "100", d.text(p.from, p.to), "", d.mentionText(gm), conf(0.75, 0, gm), false, graph.Asserted)
				}
			}
		}
	}
}

// protestEventNouns name a protest or the people in one.
var protestEventNouns = text.Set("protest", "protests", "demonstration", "demonstrations", "rally", "rallies",
	"march", "marches", "protesters", "protestors", "demonstrators", "marchers", "sit-in", "strikes")

// namedProtests handles protests named by what they oppose (CAMEO 141): "anti-government
// protests" in a state are its people's protest against its government; "anti-French rallies"
// are against the state named, by the people of the other state the sentence or the passage is
// about. A protest whose place is unknown, or that names two other states, is left alone.
func (d *docAnalysis) namedProtests(sa *sentAnalysis) {
	s := sa.s
	for k := s.From; k+3 < s.To; k++ {
		if d.toks[k].Lower != "anti" || d.toks[k+1].Text != "-" {
			continue
		}
		x := k + 2
		head := x + 1
		if head+1 < s.To && !protestEventNouns[d.toks[head].Lower] && d.tagAt(sa, head) == "NN" {
			head++ // "anti-government street protests"
		}
		if !protestEventNouns[d.toks[head].Lower] {
			continue
		}
		others := sa.ms
		target := ""
		switch mi := sa.mAt[x-s.From]; {
		case d.toks[x].Is("government", "regime"):
		case mi >= 0 && len(sa.ms[mi].Actors) == 1 && d.actors.KindOf(d.countryOf(sa.ms[mi].Actors[0])) == graph.KindState:
			// "anti-French", or "anti-American protesters" read as America's own people
			target = d.countryOf(sa.ms[mi].Actors[0])
			others = nil // the protesters' state is another than the one they oppose
			for _, m := range sa.ms {
				if !sameCountry(target, m.Actors) {
					others = append(others, m)
				}
			}
		default:
			continue
		}
		iso := d.actors.SoleState(others)
		if iso == "" || iso == target {
			continue
		}
		if target == "" {
			target = iso + "-" + actors.SectorGov
		}
		d.focus = head
		d.addClaim(sa, iso+"-"+actors.SectorCiv, target, graph.Protest, "141", d.text(k, head+1), d.toks[head].Text,
			d.text(k, x+1), 0.6, false, graph.Asserted)
	}
}

// countryOf returns the state an actor belongs to, or the actor itself when it has none.
func (d *docAnalysis) countryOf(id string) string {
	if a, ok := d.actors.Actor(id); ok && a.Country != "" {
		return a.Country
	}
	return id
}

// protestNouns name people protesting; what they demand is their protest's aim.
var protestNouns = text.Set("protesters", "protestors", "demonstrators", "marchers", "rioters", "strikers", "crowds", "crowd")

// circumstanceSubject finds the actors of a nominal event that stands in a circumstance of
// another verb ("threw stones during demonstrations against X"): the noun follows "during",
// "in", "at" or "amid", and the verb before it has a subject.
func (d *docAnalysis) circumstanceSubject(sa *sentAnalysis, p *predicate) []int {
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

// protesting reports whether the mention is the subject of a protest in the same sentence:
// "students staged demonstrations to demand reforms" - their demand is the protest's aim.
func (d *docAnalysis) protesting(sa *sentAnalysis, mi int, p *predicate) bool {
	for _, q := range sa.preds {
		if q != p && q.e.Type == graph.Protest && slices.Contains(q.subject, mi) {
			return true
		}
	}
	return false
}
