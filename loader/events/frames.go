package events

// Events, frames: each predicate is read by its tree frame (verbal.go, nominal.go), or by its
// window frame (window.go) where the tree gives no arguments; the claims are recorded here,
// with the frames that read words rather than arguments: compounds ("X-backed Y") and protests
// named by what they oppose ("anti-French rallies").

import (
	"slices"

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
	failWords = text.Set("fail", "fails", "failed", "failing")
)

// frames applies the sentence frames to a sentence and records the claims.
func (d *docAnalysis) frames(sa *sentAnalysis) {
	for _, p := range sa.preds {
		if p.consumed {
			continue
		}
		if p.e.Type == "" {
			// speech, pledge and chain verbs still need their subject, for the window frames
			if p.subject, _, _ = d.subjectOf(sa, p); p.subject == nil {
				p.subject, _, _ = d.wSubjectOf(sa, p)
			}
			continue
		}
		// the tree frame first; the window frame only where the tree gives no arguments
		noun := p.e.Flags.Has(lexicon.FlagNoun)
		var ok bool
		switch {
		case d.tree(sa) == nil:
		case noun:
			ok = d.nominal(sa, p)
		case d.passiveAt(sa, d.verbOf(sa, p)):
			ok = d.passive(sa, p)
		default:
			ok = d.active(sa, p)
		}
		if ok || p.consumed {
			continue
		}
		switch {
		case noun:
			d.wNominal(sa, p)
		case p.passive:
			d.wPassive(sa, p)
		default:
			d.wActive(sa, p)
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

// withoutObject handles a verb whose object names no actor: a mutual verb between the members
// of its subject ("Israel and Jordan agreed", "the two sides agreed"), or an attack on the
// state that reports it.
func (d *docAnalysis) withoutObject(sa *sentAnalysis, p *predicate, subj []int, typ graph.RelationType, cameo string, base float64, sNoise int, ci clauseInfo, mod graph.Modality) {
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
}

// nominalOnReporter handles an attack noun without a target: "died in drone strikes launched
// by X, Y said" is an attack on the state that reports it.
func (d *docAnalysis) nominalOnReporter(sa *sentAnalysis, p *predicate, src int, base float64, ci clauseInfo) {
	after := p.to
	if sa.ms[src].From >= p.to {
		after = sa.ms[src].To
	}
	typ, cameo, mod := typeOf(p.e, ci)
	if typ == graph.Assault {
		d.attackOnReporter(sa, p, []int{src}, after, cameo, base, 0, ci, mod)
	}
}

// emitObject records a verb's claims on its object; "X agreed to give Y ..." is X's
// undertaking towards Y, not a mutual act.
func (d *docAnalysis) emitObject(sa *sentAnalysis, p *predicate, subj, obj []int, typ graph.RelationType, cameo string, base float64, noise int, ci clauseInfo, mod graph.Modality) {
	if p.e.Flags.Has(lexicon.FlagMutual) && d.infinitiveBetween(sa, p.to, sa.ms[obj[0]].From) {
		one := *p
		e := *p.e
		e.Flags &^= lexicon.FlagMutual
		one.e = &e
		p = &one
	}
	d.emit(sa, p, subj, obj, typ, cameo, base, noise, ci, mod)
}
