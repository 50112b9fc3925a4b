package events

// Events, nominal frames: a noun of the lexicon and its arguments as the tree gives them. The
// source is its possessor or the actor that modifies it ("X's invasion", "Russian strikes"),
// its "by" phrase ("the invasion of Y by X"), the agent of a participle or the subject of a
// relative clause on it ("strikes launched by X", "strikes that X carried out on Y"), or the
// subject of the verb it is the object of ("X held talks with Y"). The target is the object
// of the pattern's preposition ("of", "on", "against", "with"), both parties of "between X
// and Y", or an apposition to it.

import (
	"strings"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/loader/actors"
	"github.com/dyadgraph/dyad/loader/lexicon"
	"github.com/dyadgraph/dyad/loader/text"
)

// implicitCases introduce the target of a noun whose pattern leaves it out ("invasion").
var implicitCases = text.Set("of", "against", "on", "into")

// circumstanceCases put a nominal event beside its verb's act: "threw stones during
// demonstrations against X"; the event is the verb's subject's.
var circumstanceCases = text.Set("during", "in", "at", "amid")

// stanceOn are the types of a verb that takes a stance on an event named by its object
// ("condemned the strikes on Y", "welcomed the talks with Y"): its subject is not the event's
// agent.
var stanceOn = map[graph.RelationType]bool{graph.Accuse: true, graph.Support: true, graph.Reject: true, graph.Request: true}

// nounOf returns the token that heads a nominal predicate: its first word the tagger reads as
// a noun, else its first word.
func (d *docAnalysis) nounOf(sa *sentAnalysis, p *predicate) int {
	for k := p.from; k < p.to; k++ {
		if strings.HasPrefix(d.tagAt(sa, k), "NN") && sa.mAt[k-sa.s.From] < 0 {
			return k
		}
	}
	return p.from
}

// nominal handles "X's invasion of Y", "the invasion of Y by X", "Russian invasion of Y",
// "talks between X and Y", "strikes that X carried out on Y", "an appeal from X", "its
// proxies, the Houthis". It reports whether the tree gave the frame's arguments.
func (d *docAnalysis) nominal(sa *sentAnalysis, p *predicate) bool {
	if d.tree(sa) == nil {
		return false
	}
	n := d.nounOf(sa, p)
	ci := d.clauseOf(sa, p, n)
	if ci.cancelled {
		if ci.undoneBy >= 0 {
			d.undone(sa, p, n, ci.undoneBy)
		}
		return true
	}
	ci.modality = graph.Asserted
	src := d.nounSource(sa, n)
	if p.e.Flags.Has(lexicon.FlagReferent) {
		return src >= 0 && d.referents(sa, p, n, src)
	}
	tgt, pair := d.nounTarget(sa, p, n, src)
	if len(pair) == 2 && d.toks[p.from].Is("talks", "negotiations", "meeting", "summit", "consultations") {
		// "talks between X and Y": both parties, each way
		typ, cameo, mod := typeOf(p.e, ci)
		d.emit(sa, p, pair[:1], pair[1:], typ, cameo, 0.75, 0, ci, mod)
		return true
	}
	// the verb that governs the noun: "X held talks with Y", "X would tighten the blockade"
	gov, stance := -1, false
	if l := sa.label(n); l == "obj" && !text.Prepositions[d.toks[sa.head(n)].Lower] {
		gov = sa.head(n) // not "following the invasion": a preposition read as a verb
	} else if h := sa.head(n); l == "obl" && circumstanceCases[d.caseOf(sa, n)] && h < n {
		// "threw stones during demonstrations against X": an act of the lexicon before it
		if pi := sa.pAt[h-sa.s.From]; pi >= 0 && sa.preds[pi].e.Type != "" {
			gov = h
		}
	}
	if gov >= 0 && !p.e.Flags.Has(lexicon.FlagReverse) {
		if pi := sa.pAt[gov-sa.s.From]; pi >= 0 && stanceOn[sa.preds[pi].e.Type] && sa.label(n) == "obj" {
			// "Ghana condemned the airstrikes on Y": the subject of an act on the event is
			// not its agent
			gov, stance = -1, true
		}
	}
	if p.e.Flags.Has(lexicon.FlagReverse) {
		// "rejected a ceasefire offer from X", "considered the US proposal": X's offer is put to
		// the subject of the verb that governs the noun
		from := src
		if from < 0 && len(tgt) > 0 {
			from = tgt[0]
		}
		if from < 0 || gov < 0 {
			return false
		}
		subj, _, _ := d.subjectAt(sa, gov)
		if len(subj) == 0 || contains(subj, from) {
			return false
		}
		typ, cameo, mod := typeOf(p.e, clauseInfo{modality: graph.Asserted})
		d.emit(sa, p, []int{from}, subj, typ, cameo, 0.6, 0, clauseInfo{}, mod)
		return true
	}
	base := 0.8
	srcs := []int{src}
	if src < 0 {
		if gov < 0 || len(tgt) == 0 {
			return stance && len(tgt) > 0
		}
		subj, noise, _ := d.subjectAt(sa, gov)
		if len(subj) == 0 {
			return false
		}
		srcs, src = subj, subj[0]
		base = 0.7 - 0.04*float64(noise)
		ci = d.clauseOf(sa, p, gov)
		if ci.cancelled {
			return true
		}
		if ci.modality == "" {
			ci.modality = graph.Asserted
		}
		ci.conditional, ci.unless = false, false
	}
	p.subject = srcs
	if len(tgt) == 0 && p.e.Type == graph.Assault && !p.e.Flags.Has(lexicon.FlagImplicit) {
		// "died in drone strikes launched by X, Y said": an attack on the state that reports it
		d.nominalOnReporter(sa, p, src, base, ci)
		return true
	}
	if len(tgt) == 0 {
		if !p.e.Flags.Has(lexicon.FlagImplicit) {
			return false
		}
		t := d.implicitTarget(sa, src)
		if t < 0 {
			return false
		}
		tgt, base = []int{t}, 0.55
	}
	typ, cameo, mod := typeOf(p.e, ci)
	d.emit(sa, p, srcs, tgt, typ, cameo, base, 0, ci, mod)
	return true
}

// nounSource finds the actor that does what noun n names, or -1.
func (d *docAnalysis) nounSource(sa *sentAnalysis, n int) int {
	// "X's invasion", "Russian strikes", "Houthi raids"
	for _, l := range modifierLabels {
		for _, c := range sa.deps(n, l) {
			if c > n {
				continue
			}
			if mi := sa.mAt[c-sa.s.From]; mi >= 0 && len(sa.ms[mi].Actors) > 0 && !sa.ms[mi].Locative {
				return mi
			}
		}
	}
	// "the invasion of Kuwait by Iraq"
	for _, c := range sa.deps(n, "nmod") {
		if d.caseOf(sa, c) == "by" {
			if mi, _ := d.mentionAt(sa, c, false); mi >= 0 {
				return mi
			}
		}
	}
	// "strikes launched by X", "sanctions against Y, imposed by X", "strikes that X carried out"
	for _, a := range sa.deps(n, "acl") {
		for _, o := range sa.deps(a, "obl") {
			if sa.label(o) == "obl:agent" || d.caseOf(sa, o) == "by" {
				if mi, _ := d.mentionAt(sa, o, false); mi >= 0 {
					return mi
				}
			}
		}
		if s := sa.dep(a, "nsubj"); s >= 0 && sa.label(a) == "acl:relcl" && !relativePronouns[d.toks[s].Lower] {
			if mi, _ := d.mentionAt(sa, s, false); mi >= 0 {
				return mi
			}
		}
	}
	return -1
}

// nounTarget finds the target of noun n: the object of the pattern's preposition, a
// noun-modifying participle's object ("sanctions targeting X"), the object of the
// preposition of a relative clause on it ("strikes that X carried out on Y"), or an
// apposition. For "between X and Y" it also returns the pair.
func (d *docAnalysis) nounTarget(sa *sentAnalysis, p *predicate, n, src int) (tgt, pair []int) {
	locOK := p.e.Flags.Has(lexicon.FlagLocative)
	take := func(k int) []int {
		g, _ := d.group(sa, k, false)
		var out []int
		for _, mi := range g {
			if mi != src && (!sa.ms[mi].Locative || locOK) && !d.modifierMention(sa, &sa.ms[mi]) {
				out = append(out, mi)
			}
		}
		if len(out) == 0 {
			// an apposition names the target: "from the regional bloc, the African Union"
			for _, a := range sa.deps(k, "appos") {
				if mi, _ := d.mentionAt(sa, a, false); mi >= 0 && mi != src && !sa.ms[mi].Locative {
					return []int{mi}
				}
			}
		}
		return out
	}
	last := d.toks[p.to-1].Lower
	if last == "targeting" || last == "against" && sa.label(p.to-1) != "case" {
		for _, o := range sa.deps(p.to-1, "obj") {
			if g := take(o); len(g) > 0 {
				return g, nil
			}
		}
	}
	cases := map[string]bool{}
	switch {
	case len(p.preps) > 0:
		for _, c := range p.preps {
			cases[c] = true // "the attack by X on Y"
		}
	case p.to-1 > p.from && (text.Prepositions[last] || last == "of"):
		cases[last] = true
	case p.e.Flags.Has(lexicon.FlagImplicit):
		cases = implicitCases
	}
	// the pattern's own preposition, wherever the parser hung its phrase ("retaliation for
	// the airstrikes on Y" with "on Y" on "retaliation"): the words are adjacent in the text
	if l := p.to - 1; l > n && len(p.preps) == 0 && cases[last] && sa.label(l) == "case" {
		if x := sa.head(l); x > l {
			g := take(x)
			if last == "between" && len(g) >= 2 {
				return g, g[:2]
			}
			if len(g) > 0 {
				return g, nil
			}
		}
	}
	for _, c := range sa.deps(n, "nmod") {
		cs := d.caseOf(sa, c)
		if !cases[cs] {
			continue
		}
		g := take(c)
		if cs == "between" && len(g) >= 2 {
			return g, g[:2]
		}
		if len(g) > 0 {
			return g, nil
		}
	}
	// "the attacks that X carried out on Y", "sanctions imposed on Y"
	for _, a := range sa.deps(n, "acl") {
		for _, o := range sa.deps(a, "obl") {
			if cs := d.caseOf(sa, o); cases[cs] || cs == "on" || cs == "against" {
				if g := take(o); len(g) > 0 {
					return g, nil
				}
			}
		}
	}
	// the parser may hang the pattern's phrase on the verb beside the noun ("launched
	// attacks on X" with "on X" an obl of "launched")
	if h := sa.head(n); h >= 0 && sa.label(n) == "obj" {
		for _, o := range sa.deps(h, "obl") {
			if o > n && cases[d.caseOf(sa, o)] {
				if g := take(o); len(g) > 0 {
					return g, nil
				}
			}
		}
	}
	return nil, nil
}

// referents handles a relational noun ("its proxies") whose referents are named in
// apposition, or after "such as", "including", "namely", "like" or "referring to"; the
// possessor is the source.
func (d *docAnalysis) referents(sa *sentAnalysis, p *predicate, n, src int) bool {
	var targets []int
	add := func(k int) {
		if g, _ := d.group(sa, k, false); len(g) > 0 {
			for _, mi := range g {
				if mi != src && !d.modifierMention(sa, &sa.ms[mi]) && !contains(targets, mi) {
					targets = append(targets, mi)
				}
			}
		}
	}
	for _, a := range sa.deps(n, "appos") {
		add(a)
	}
	for _, l := range []string{"nmod", "acl"} {
		for _, c := range sa.deps(n, l) {
			switch {
			case d.toks[c].Is("referring"):
				for _, o := range sa.deps(c, "obl") {
					add(o)
				}
			case d.caseOf(sa, c) == "as" || d.caseOf(sa, c) == "including" || d.caseOf(sa, c) == "like" || d.caseOf(sa, c) == "namely":
				add(c)
			}
		}
	}
	if len(targets) == 0 {
		return false
	}
	d.emit(sa, p, []int{src}, targets, p.e.Type, p.e.CAMEO, 0.7, 0, clauseInfo{modality: graph.Asserted}, graph.Asserted)
	return true
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

var _ = actors.FormPronoun

// undoneTypes say what ending an act of a type is: lifting or suspending sanctions is a
// concession (CAMEO 081), ending or suspending aid, talks or cooperation reduces relations
// (CAMEO 16).
var undoneTypes = map[graph.RelationType]struct {
	typ   graph.RelationType
	cameo string
}{
	graph.Sanction:  {graph.Concede, "081"},
	graph.Aid:       {graph.Sanction, "162"},
	graph.Consult:   {graph.Sanction, "164"},
	graph.Cooperate: {graph.Sanction, "161"},
}

// undone handles an event noun that a verb ends as its object: "lifted U.S. sanctions
// against X", "suspended military cooperation with X", "sanctions on X were revoked by Y". The
// verb's subject (or agent) undoes the act towards the noun's target.
func (d *docAnalysis) undone(sa *sentAnalysis, p *predicate, n, verb int) {
	u, ok := undoneTypes[p.e.Type]
	if !ok {
		return
	}
	tgt, _ := d.nounTarget(sa, p, n, -1)
	var src []int
	if sa.label(n) == "nsubj:pass" {
		for _, o := range sa.deps(verb, "obl") {
			if sa.label(o) == "obl:agent" || d.caseOf(sa, o) == "by" {
				src, _ = d.group(sa, o, false)
			}
		}
	} else {
		src, _, _ = d.subjectAt(sa, verb)
	}
	if len(src) == 0 || len(tgt) == 0 {
		return
	}
	ci := d.clauseOf(sa, p, verb)
	if ci.cancelled {
		return
	}
	e := *p.e
	e.Type, e.CAMEO = u.typ, u.cameo
	e.Flags &^= lexicon.FlagMutual
	one := *p
	one.e = &e
	one.from, one.to = min(verb, p.from), max(verb+1, p.to)
	typ, cameo, mod := typeOf(&e, ci)
	d.emit(sa, &one, src, tgt, typ, cameo, 0.7, 0, ci, mod)
}
