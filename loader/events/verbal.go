package events

// Events, verbal frames: a verb of the lexicon and its arguments as the dependency tree gives
// them. The subject is the verb's nsubj, or the one it shares: a coordinated verb's ("pledged
// ... and warned"), a controller's ("threatened to shell": the subject; "urged Canada to
// donate": the object), the noun a relative clause or a participle modifies ("the militia
// that attacked", "protesters demanding"). A passive verb's nsubj:pass is the target and its
// obl:agent the source. The object is the object of the pattern's own preposition ("fired at
// X"), the verb's iobj or obj, a requested clause's subject ("demanded that X"), or, for a
// control verb, the object of its complement ("threatened to shell X").

import (
	"strings"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/loader/actors"
	"github.com/dyadgraph/dyad/loader/lexicon"
	"github.com/dyadgraph/dyad/loader/text"
)

// relativePronouns stand for the noun a relative clause modifies.
var relativePronouns = text.Set("that", "which", "who", "whom")

// verbOf returns the token that heads a verbal predicate: its first word the tagger reads as a
// verb, else its first word other than a negation.
func (d *docAnalysis) verbOf(sa *sentAnalysis, p *predicate) int {
	first := -1
	for k := p.from; k < p.to; k++ {
		if negWords[d.toks[k].Lower] || sa.mAt[k-sa.s.From] >= 0 {
			continue
		}
		if first < 0 {
			first = k
		}
		if strings.HasPrefix(d.tagAt(sa, k), "VB") {
			return k
		}
	}
	if first < 0 {
		return p.from
	}
	return first
}

// passiveAt reports whether the tree reads verb v as passive: it has a passive subject or
// auxiliary, or it is a past participle modifying a noun ("militias armed by Iran").
func (d *docAnalysis) passiveAt(sa *sentAnalysis, v int) bool {
	if sa.dep(v, "nsubj:pass") >= 0 || sa.dep(v, "aux:pass") >= 0 {
		return true
	}
	return sa.label(v) == "acl" && d.tagAt(sa, v) == "VBN"
}

// subjectOf finds a verbal predicate's subject in the tree. It returns the mention group, the
// words between the subject's head and its mention, and whether the subject was inherited
// from another verb.
func (d *docAnalysis) subjectOf(sa *sentAnalysis, p *predicate) ([]int, int, bool) {
	if d.tree(sa) == nil {
		return nil, 0, false
	}
	return d.subjectAt(sa, d.verbOf(sa, p))
}

// subjectAt finds the subject of verb v, climbing to the verb it shares its subject with.
func (d *docAnalysis) subjectAt(sa *sentAnalysis, v int) ([]int, int, bool) {
	for hop := 0; v >= 0 && hop < 5; hop++ {
		inherited := hop > 0
		ss := sa.deps(v, "nsubj")
		if len(ss) == 0 {
			// "it is willing to": the parser may read a subject pronoun as an expletive
			for _, e := range sa.deps(v, "expl") {
				if mi := sa.mAt[e-sa.s.From]; mi >= 0 && len(sa.ms[mi].Actors) > 0 {
					ss = append(ss, e)
				}
			}
		}
		if len(ss) > 0 {
			if w := d.whose(sa, ss[0]); w >= 0 && sa.label(v) != "acl:relcl" {
				// "X, whose troops attacked Y", where the parser did not make the clause a
				// relative one: "whose" refers to the noun right before it
				if a := w - 1 - btoi(w-1 > sa.s.From && d.toks[w-1].Text == ","); a >= sa.s.From {
					g, n := d.group(sa, a, false)
					return g, n, inherited
				}
			}
			if sa.label(v) == "acl:relcl" && (relativePronouns[d.toks[ss[0]].Lower] || d.whose(sa, ss[0]) >= 0) {
				// "the militia that attacked", "X, whose troops attacked"
				g, n := d.group(sa, sa.head(v), false)
				return g, n, inherited
			}
			g, n := d.group(sa, ss[0], false)
			// the parser may read a list of subjects as several ("The United States, Britain
			// and France recognised"), or its first member as a vocative or a dislocated
			// phrase ("Armenia, Azerbaijan and Russia signed"): each is a party
			for _, l := range []string{"vocative", "dislocated"} {
				for _, x := range sa.deps(v, l) {
					// a list's first member: before the subject, a comma after its mention
					if mi := sa.mAt[x-sa.s.From]; mi >= 0 && x < ss[0] && sa.ms[mi].To < sa.s.To && d.toks[sa.ms[mi].To].Text == "," &&
						sa.ms[mi].To+1 == d.leftEdge(sa, ss[0]) {
						ss = append(ss, x)
					}
				}
			}
			for _, s := range ss[1:] {
				more, _ := d.group(sa, s, false)
				for _, mi := range more {
					if !contains(g, mi) && len(g) < maxGroup {
						g = append(g, mi)
					}
				}
			}
			return g, n, inherited
		}
		gov := sa.head(v)
		if gov < 0 {
			return nil, 0, false
		}
		switch l := sa.label(v); {
		case l == "conj":
			// "pledged support and warned X": coordinated verbs share their subject
		case l == "xcomp":
			// "urged Canada to donate": an object controls the complement; else the subject
			if o := sa.dep(gov, "obj"); o >= 0 {
				if g, n := d.group(sa, o, false); len(g) > 0 {
					return g, n, true
				}
			}
		case l == "advcl" || l == "ccomp":
			// "X attacked Y, killing Z", "confirmed striking X": a clause without a subject
			// of its own has its governor's
		case l == "acl:relcl" || l == "acl" && d.tagAt(sa, v) != "VBN":
			// "the militia that attacked", "protesters demanding": the noun it modifies
			g, n := d.group(sa, gov, false)
			return g, n, inherited
		default:
			return nil, 0, false
		}
		v = gov
	}
	return nil, 0, false
}

// active handles "X verb Y", "X and Y agreed", "X urged Y to ...", "X threatened to shell Y".
// It reports whether the tree gave the frame's arguments (a claim may still not follow: the
// act may be cancelled or have no actor for its target).
func (d *docAnalysis) active(sa *sentAnalysis, p *predicate) bool {
	v := d.verbOf(sa, p)
	if d.adjectival(sa, v) {
		return true // "armoured fighting vehicles": a participle as an adjective, no act
	}
	ci := d.clauseOf(sa, p, v)
	if ci.cancelled {
		return true // the scope decides first: an act not asserted has no arguments to find
	}
	subj, sNoise, inherited := d.subjectAt(sa, v)
	p.subject = subj
	if len(subj) == 0 {
		return false
	}
	var obj []int
	oNoise, atPlace := 0, false
	if p.tslot >= 0 {
		k := sa.ms[p.tslot].From
		for j := sa.ms[p.tslot].From; j < sa.ms[p.tslot].To; j++ {
			if h := sa.head(j); h < sa.ms[p.tslot].From || h >= sa.ms[p.tslot].To {
				k = j // the mention's head word: the one whose head is outside it
			}
		}
		obj, _ = d.group(sa, k, false)
	} else {
		control := p.e.Flags.Has(lexicon.FlagControl) || ci.pledgeVerb
		obj, oNoise, atPlace = d.objectOf(sa, p, v, subj, control)
	}
	if p.e.Flags.Has(lexicon.FlagObject) {
		// "urged Canada to donate ...": the verbs of the infinitive are the request's content
		d.consumeComplement(sa, v)
	}
	if p.e.Flags.Has(lexicon.FlagReverse) {
		subj, obj = obj, subj
	}
	if ci.demanded {
		return true // "Iran must rein in ...": the speaker's request, not an act (see modalRequests)
	}
	typ, cameo, mod := typeOf(p.e, ci)
	base := 0.9
	if inherited || sNoise > 0 {
		base = 0.8
	}
	if atPlace {
		base *= 0.7
	}
	if len(obj) == 0 {
		mutual := p.e.Flags.Has(lexicon.FlagMutual) && (len(subj) > 1 || len(sa.ms[subj[0]].Actors) > 1)
		if !mutual {
			// no object in the tree: the window frame reads the words after the verb, and an
			// attack on the state that reports it ("X fired 30 drones overnight, Y said")
			return false
		}
		d.withoutObject(sa, p, subj, typ, cameo, base, sNoise, ci, mod)
		return true
	}
	d.emitObject(sa, p, subj, obj, typ, cameo, base, sNoise+oNoise, ci, mod)
	return true
}

// consumeComplement marks the predicates of verb v's infinitive complement as part of v's
// frame: "urged Canada to donate rockets" is a request, not a donation.
func (d *docAnalysis) consumeComplement(sa *sentAnalysis, v int) {
	for _, x := range sa.deps(v, "xcomp") {
		if pi := sa.pAt[x-sa.s.From]; pi >= 0 {
			sa.preds[pi].consumed = true
		}
	}
}

// passive handles "Y was verb-ed by X" and "Y, verb-ed by X"; it reports whether the tree
// gave both.
func (d *docAnalysis) passive(sa *sentAnalysis, p *predicate) bool {
	v := d.verbOf(sa, p)
	ci := d.clauseOf(sa, p, v)
	if ci.cancelled {
		return true
	}
	var target []int
	tNoise := 0
	if sa.label(v) == "acl" && sa.dep(v, "nsubj") < 0 {
		target, tNoise = d.group(sa, sa.head(v), false) // "militias armed by Iran"
	} else {
		target, tNoise, _ = d.subjectAt(sa, v)
	}
	if len(target) == 0 {
		return false
	}
	agent := -1
	for _, o := range sa.deps(v, "obl") {
		if sa.label(o) == "obl:agent" || d.caseOf(sa, o) == "by" {
			agent = o
			break
		}
	}
	if agent < 0 {
		return false
	}
	src, _ := d.group(sa, agent, false)
	if len(src) == 0 {
		return false
	}
	typ, cameo, mod := typeOf(p.e, ci)
	d.emit(sa, p, src, target, typ, cameo, 0.85, tNoise, ci, mod)
	return true
}

// objectCases are the prepositions whose object a control verb's complement acts on when its
// pattern names none: "threatened to impose tariffs on X", "to send weapons to X".
var objectCases = text.Set("on", "against", "to", "for", "with", "into", "at", "toward", "towards", "from")

// objectOf finds a verb's object in the tree: the object of the pattern's own preposition, the
// verb's iobj or obj, the subject of a requested clause ("demanded that X ..."), or, for a
// control verb (and a verb after a pledge: "is willing to send"), the object of its
// complement ("threatened to shell X"), whose predicates it takes as its own. A place ("in
// X") is the target only when nothing else is; the third result says the object is such a
// place; a place is never the partner of a mutual act ("agreed in Geneva").
func (d *docAnalysis) objectOf(sa *sentAnalysis, p *predicate, v int, subj []int, control bool) ([]int, int, bool) {
	place := -1
	pick := func(k int, deep, placeOK bool) ([]int, int) {
		g, n := d.group(sa, k, deep)
		var out []int
		for _, mi := range g {
			m := &sa.ms[mi]
			if d.isSubject(sa, subj, mi) || d.modifierMention(sa, m) || d.ownPronoun(sa, m, subj) {
				continue
			}
			if m.Locative && !placeOK {
				if place < 0 {
					place = mi
				}
				continue
			}
			out = append(out, mi)
		}
		return out, n
	}
	// the pattern's own preposition: "fired rockets at Haifa", "imposed sanctions on Iran"
	if last := p.to - 1; last > p.from && (text.Prepositions[d.toks[last].Lower] || d.toks[last].Lower == "of") {
		ownPlace := actors.LocativePreps[d.toks[last].Lower] || p.e.Flags.Has(lexicon.FlagLocative)
		x := -1
		if sa.label(last) == "case" {
			x = sa.head(last)
		} else if last+1 < sa.s.To && !strings.HasPrefix(d.tagAt(sa, last+1), "VB") {
			// the parser did not read the preposition as one ("from neighbouring X" as a
			// clause): the mention that follows it, over a determiner or an adjective
			for j := last + 1; j < sa.s.To && j <= last+3 && x < 0; j++ {
				if sa.mAt[j-sa.s.From] >= 0 {
					x = j
				}
			}
		}
		if x > last {
			if g, n := pick(x, true, ownPlace); len(g) > 0 {
				return g, n, false
			}
		}
	}
	objects := append(sa.deps(v, "iobj"), sa.deps(v, "obj")...)
	for _, o := range sa.deps(v, "obl") {
		if sa.label(o) == "obl" && d.caseOf(sa, o) == "" && d.leftEdge(sa, o) == p.to {
			objects = append(objects, o) // a bare noun phrase right after the verb: its object
		}
	}
	for _, o := range objects {
		if o >= p.from && o < p.to && sa.mAt[o-sa.s.From] < 0 {
			continue // the pattern's own noun ("held a summit"): its modifiers are no object
		}
		if e := d.leftEdge(sa, o); e > v+1 && text.Prepositions[d.toks[e-1].Lower] && sa.head(e-1) != o {
			continue // "fought alongside the army": a preposition the parser left out
		}
		if d.toks[o].Lower == "what" {
			o = d.described(sa, o) // "denounced what it described as a reckless raid"
		}
		if g, n := pick(o, true, false); len(g) > 0 {
			return g, n, false
		}
		if p.e.Type == graph.Reject && proposalNouns[d.toks[o].Lower] {
			// "rejected a proposal to fund weapons for Ukraine": the stance is toward the
			// proposal's object
			for _, a := range sa.deps(o, "acl") {
				if g, n := d.complementObject(sa, a, subj, pick); len(g) > 0 {
					return g, n + 2, false
				}
			}
		}
	}
	if p.e.Type == graph.Request {
		for _, c := range sa.deps(v, "ccomp") {
			if s := sa.dep(c, "nsubj"); s >= 0 {
				if g, n := pick(s, false, false); len(g) > 0 {
					return g, n, false // "demanded that Hamas renounce"
				}
			}
		}
	}
	if control {
		for _, x := range sa.deps(v, "xcomp") {
			if g, n := d.complementObject(sa, x, subj, pick); len(g) > 0 {
				return g, n + 1, false
			}
		}
	}
	// a place where the act happens: "imposed a curfew in Algiers", "demonstrated in Serbia"
	for _, o := range sa.deps(v, "obl") {
		c := d.caseOf(sa, o)
		if !actors.LocativePreps[c] || sa.mAt[o-sa.s.From] < 0 {
			continue // a place is named by the phrase itself, not "in the Sea of Japan"
		}
		placeOK := p.e.Flags.Has(lexicon.FlagLocative) && (c == "in" || c == "into")
		if g, n := pick(o, false, placeOK); len(g) > 0 {
			return g, n + 1, false
		}
	}
	if place >= 0 && !p.e.Flags.Has(lexicon.FlagObject|lexicon.FlagMutual) && placeTargetTypes[p.e.Type] && d.isStatePlace(sa.ms[place]) &&
		!d.subjectAtHome(sa, subj, place) {
		pm := &sa.ms[place]
		if pm.Form == actors.FormSeat {
			// "a curfew in Algiers": the city as a place stands for the state, not its government
			pm.Actors = []string{pm.Actors[0][:3]}
		}
		return []int{place}, 2, true
	}
	return nil, 0, false
}

// complementObject finds the object of a complement verb x ("to shell X", "to impose tariffs
// on X"), taking its predicate as part of the governing one's frame.
func (d *docAnalysis) complementObject(sa *sentAnalysis, x int, subj []int, pick func(int, bool, bool) ([]int, int)) ([]int, int) {
	g, n := d.complementArgs(sa, x, subj, pick)
	if pi := sa.pAt[x-sa.s.From]; pi >= 0 && sa.preds[pi].e.Type != "" && len(g) > 0 {
		// the complement's act is the governing verb's ("threatened to shell X"); one without
		// an actor for its object is read on its own ("agreed to impose sanctions on ships")
		sa.preds[pi].consumed = true
	}
	return g, n
}

func (d *docAnalysis) complementArgs(sa *sentAnalysis, x int, subj []int, pick func(int, bool, bool) ([]int, int)) ([]int, int) {
	for _, l := range []string{"iobj", "obj"} {
		for _, o := range sa.deps(x, l) {
			// not deep: "agreed to resume talks in Cairo" names no party in Cairo
			if g, n := pick(o, false, false); len(g) > 0 {
				return g, n
			}
		}
	}
	for _, o := range sa.deps(x, "obl") {
		if objectCases[d.caseOf(sa, o)] {
			if g, n := pick(o, false, false); len(g) > 0 {
				return g, n + 1
			}
		}
	}
	for _, y := range sa.deps(x, "xcomp") {
		return d.complementObject(sa, y, subj, pick) // "vowed to continue to arm X"
	}
	return nil, 0
}

// described follows "what it described as a raid" to the description's noun.
func (d *docAnalysis) described(sa *sentAnalysis, what int) int {
	for _, r := range sa.deps(what, "acl:relcl") {
		for _, l := range []string{"obl", "xcomp", "obj"} {
			for _, o := range sa.deps(r, l) {
				if o > r {
					return o
				}
			}
		}
	}
	// the parser may hang the description on "what" itself
	for j := what + 1; j < sa.s.To && j < what+12; j++ {
		if d.toks[j].Lower == "as" && sa.label(j) == "case" {
			return sa.head(j)
		}
	}
	return what
}

// isSubject reports whether mention mi is (inside) one of the subject's mentions.
func (d *docAnalysis) isSubject(sa *sentAnalysis, subj []int, mi int) bool {
	for _, x := range subj {
		if x == mi || sa.ms[x].From <= sa.ms[mi].From && sa.ms[mi].To <= sa.ms[x].To {
			return true
		}
	}
	return false
}

// modifierMention reports a mention that only describes what follows: "Iran-backed", not
// "US-led" (see ownerParticiples).
func (d *docAnalysis) modifierMention(sa *sentAnalysis, m *actors.Mention) bool {
	return m.To+1 < sa.s.To && d.toks[m.To].Text == "-" && d.toks[m.To].Glued && d.toks[m.To+1].Glued && !ownerParticiples[d.toks[m.To+1].Lower]
}

// ownPronoun reports a possessive pronoun that is the subject's own ("withdrew its troops"),
// or the speaker's, when it resolves to the speaker's state ("X said Y shelled its posts").
func (d *docAnalysis) ownPronoun(sa *sentAnalysis, m *actors.Mention, subj []int) bool {
	return m.Form == actors.FormPronoun && m.Possessive &&
		(len(m.Actors) == 0 || d.sharesCountry(sa, subj, m.Actors) || !sharesAny(sa.speaker, m.Actors))
}

// leftEdge returns the first word of the phrase that word k heads: the first of the
// contiguous words before it that it dominates, over at most 12 words.
func (d *docAnalysis) leftEdge(sa *sentAnalysis, k int) int {
	e := k
	for j := k - 1; j >= sa.s.From && j >= k-12 && sa.dominates(k, j); j-- {
		e = j
	}
	return e
}

// adjectival reports a participle the tree reads as an adjective of a noun ("armoured fighting
// vehicles", "a heavily armed minority").
func (d *docAnalysis) adjectival(sa *sentAnalysis, v int) bool {
	tag := d.tagAt(sa, v)
	if sa.label(v) != "amod" || tag != "VBG" && tag != "VBN" || sa.head(v) <= v || v == sa.s.From {
		return false
	}
	// inside its noun phrase: after a word of the same phrase ("the armoured fighting"), not
	// after a noun that could be its subject ("militias fired rockets", misread)
	prev := v - 1
	return sa.head(prev) == sa.head(v) || !strings.HasPrefix(d.tagAt(sa, prev), "NN") && sa.mAt[prev-sa.s.From] < 0
}

// whose returns the "whose" that determines noun k ("X, whose troops attacked Y"), or -1.
func (d *docAnalysis) whose(sa *sentAnalysis, k int) int {
	for _, c := range sa.tree.Children(k - sa.s.From) {
		if c < k-sa.s.From && d.toks[c+sa.s.From].Lower == "whose" {
			return c + sa.s.From
		}
	}
	return -1
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
