package events

// Events, scope: what the tree around a predicate says of it. Negation ("not", "never", "no"),
// modality from its auxiliaries and the verbs that govern it ("will", "would", "vowed to",
// "continue to", "must"), conditions ("if", "unless"), and governing predicates under which the
// event is not asserted: an act ended, suspended or stopped, denied, only asked for, or
// alleged ("accused X of preparing to ...").

import (
	"strings"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/loader/lexicon"
	"github.com/dyadgraph/dyad/loader/text"
)

// clauseInfo is the scope of a predicate.
type clauseInfo struct {
	negated     bool
	modality    graph.Modality
	continued   bool // "continue to": an ongoing act, not a new intent
	conditional bool // an "unless" or "if" clause depends on the verb
	pledgeVerb  bool // a verb of pledging governs the verb ("vowed to", "is ready to")
	unless      bool // the condition is "unless": the act is a threat whatever it is
	demanded    bool // "must", "should": the act is demanded, not done
	cancelled   bool // the act is ended, suspended, only asked for or alleged: not asserted
	undoneBy    int  // the verb that ends or suspends the act as its object, when cancelled by one
}

var (
	continueWords = text.Set("continue", "continues", "continued", "continuing", "keep", "keeps", "kept", "remain", "remains", "remained", "stay", "stays")
	// cancelWords govern an act that is not asserted: ended, halted, suspended, revoked,
	// asked for
	cancelWords = text.Set("end", "ends", "ended", "ending", "halt", "halts", "halted", "halting", "stop", "stops",
		"stopped", "stopping", "cessation", "suspension", "suspend", "suspends", "suspended", "suspending",
		"call", "calls", "demand", "demands", "appeal", "appeals", "plea", "request", "requests",
		"revoke", "revoked", "revokes", "revoking", "lift", "lifted", "lifts", "lifting", "scrap", "scrapped",
		"scraps", "cancel", "cancelled", "canceled", "cancels", "repeal", "repealed", "rescind", "rescinded")
	// denyWords govern an act that is said not to have happened
	denyWords = text.Set("deny", "denies", "denied", "denying", "denial", "denials")
)

// clauseOf reads the scope of a predicate whose head in the tree is v. Without a tree the
// predicate is asserted.
func (d *docAnalysis) clauseOf(sa *sentAnalysis, p *predicate, v int) clauseInfo {
	ci := clauseInfo{undoneBy: -1}
	if sa.tree == nil {
		return ci
	}
	// the chain of verbs that share the act: the verb, then the verbs it complements
	// ("vowed to retaliate", "is ready to hold", "failed to agree")
	x, via := v, ""
	for hop := 0; x >= 0 && hop < 4; hop++ {
		d.readAuxiliaries(sa, p, x, &ci)
		if via == "xcomp" {
			if pi := sa.pAt[x-sa.s.From]; pi >= 0 {
				q := sa.preds[pi]
				// "vowed to", "is ready to"; "agreed to expand cooperation": an undertaking
				if (q.e.Flags.Has(lexicon.FlagPledge) || q.e.Type == graph.Agree) && ci.modality != graph.Hypothetical {
					ci.modality = graph.Pledged
					ci.pledgeVerb = true
				}
				if q.e.Flags.Has(lexicon.FlagChain) && continueWords[d.toks[q.from].Lower] {
					ci.continued = true
				}
			}
			switch w := d.toks[x].Lower; {
			case failWords[w] || denyWords[w]:
				ci.negated = true // "failed to agree", "denied attacking": the act did not happen
			case cancelWords[w]:
				ci.cancelled = true // "stopped attacking", "halted talks"
			}
			if d.toks[x].Lower == "going" {
				ci.modality = graph.Pledged
			}
		}
		for _, c := range sa.deps(x, "advcl") {
			switch d.markOf(sa, c) {
			case "unless":
				ci.conditional, ci.unless = true, true
			case "if":
				if ci.modality != "" {
					ci.conditional = true
				}
			}
		}
		if m := d.markOf(sa, x); m == "if" || m == "unless" || m == "whether" {
			// the act in an "if" or "whether" clause has not happened: the condition of
			// another act, or an open question
			ci.modality = graph.Hypothetical
			ci.cancelled = true
		}
		// a coordinated verb without auxiliaries of its own shares its head's ("will attack X
		// and seize Y": a base form), not the verb that head complements
		l := sa.label(x)
		if l != "xcomp" && !(l == "conj" && sa.dep(x, "aux") < 0 && via != "conj" && d.tagAt(sa, x) == "VB") {
			break
		}
		x, via = sa.head(x), l
	}
	top := x
	// "said it would tighten": reported future, a pledge rather than a hypothesis; "promised
	// Paris would never desert Rabat": the pledge verb governs the clause
	if l := sa.label(top); top >= 0 && (l == "ccomp" || l == "xcomp" || l == "advcl" || l == "parataxis") {
		if pi := sa.pAt[sa.head(top)-sa.s.From]; pi >= 0 {
			q := sa.preds[pi]
			if q.e.Flags.Has(lexicon.FlagSpeech) && ci.modality == graph.Hypothetical && (d.hasAux(sa, v, "would") || d.hasAux(sa, top, "would")) {
				ci.modality = graph.Pledged
			}
			if q.e.Flags.Has(lexicon.FlagPledge) && ci.modality == "" {
				ci.modality = graph.Pledged
			}
		}
	}
	d.governed(sa, p, top, &ci)
	return ci
}

// readAuxiliaries reads the negation and modal auxiliaries of verb x, outside predicate p's
// own words, into ci.
func (d *docAnalysis) readAuxiliaries(sa *sentAnalysis, p *predicate, x int, ci *clauseInfo) {
	for _, c := range sa.tree.Children(x - sa.s.From) {
		k := c + sa.s.From
		if k >= p.from && k < p.to {
			continue // the predicate's own words: "not abandon"
		}
		w := d.toks[k].Lower
		switch l := sa.label(k); {
		case (l == "advmod" || l == "neg" || l == "aux" || l == "cc:preconj") && (negWords[w] || w == "n't"):
			if !d.onlyAfter(sa, k) {
				ci.negated = true
			}
		case l == "aux" && (futureWords[w]):
			if ci.modality == "" {
				ci.modality = graph.Pledged
			}
		case l == "aux" && hypothWords[w]:
			ci.modality = graph.Hypothetical
		case l == "aux" && modalRequest[w]:
			ci.demanded = true
		case l == "aux" && w == "cannot":
			ci.negated = true
		}
	}
}

// onlyAfter reports "not just", "not only": no negation of the act.
func (d *docAnalysis) onlyAfter(sa *sentAnalysis, k int) bool {
	return k+1 < sa.s.To && d.toks[k+1].Is("just", "only")
}

// hasAux reports an auxiliary w of verb v.
func (d *docAnalysis) hasAux(sa *sentAnalysis, v int, w string) bool {
	for _, a := range sa.deps(v, "aux") {
		if d.toks[a].Lower == w {
			return true
		}
	}
	return false
}

// markOf returns the lowercased subordinating word of clause x ("if", "unless", "to"), or "".
func (d *docAnalysis) markOf(sa *sentAnalysis, x int) string {
	if m := sa.dep(x, "mark"); m >= 0 {
		return d.toks[m].Lower
	}
	return ""
}

// governed climbs from the top of a predicate's chain to the words that govern it as their
// argument, a few steps up: an act under an end, a suspension, a revocation, a failure or a
// demand is not asserted ("called for an end to the shelling of X", "sanctions on X were
// lifted"), nor one only planned or proposed ("a plan to normalise relations"), nor one that an
// accusation's clause alleges ("accused X of preparing to ..."); one under a denial is
// negated; a noun with "no" is negated. Verbs of saying report an act as it is, and a
// circumstance ("canceled due to X's anger at Y") is not governed.
func (d *docAnalysis) governed(sa *sentAnalysis, p *predicate, top int, ci *clauseInfo) {
	for _, c := range sa.deps(top, "det") {
		if d.toks[c].Lower == "no" {
			ci.negated = true
		}
	}
	x, clause := top, false
	for hop := 0; x >= 0 && hop < 4; hop++ {
		g := sa.head(x)
		if g < 0 || !d.governedAs(sa, x) {
			return
		}
		clause = clause || clauseLabels[sa.label(x)]
		if pi := sa.pAt[g-sa.s.From]; pi >= 0 && sa.preds[pi] != p {
			q := sa.preds[pi]
			if q.e.Flags.Has(lexicon.FlagSpeech) {
				return // "X said Y attacked Z": reported as it is
			}
			if q.e.Type == graph.Request || q.e.Type == graph.Threaten || q.e.Type == graph.Accuse && clause {
				// "demanded the release of", "threatened a strike on", "accused X of
				// preparing to": asked for, threatened, alleged;
				// "condemned the attack on X" still says the attack happened
				ci.cancelled = true
				return
			}
		}
		switch w := d.toks[g].Lower; {
		case denyWords[w]:
			ci.negated = true
			return
		case cancelWords[w], failWords[w]:
			ci.cancelled = true
			if strings.HasPrefix(d.tagAt(sa, g), "VB") && (x == top && (sa.label(x) == "obj" || sa.label(x) == "nsubj:pass")) {
				ci.undoneBy = g // "lifted its sanctions on X", "sanctions on X were revoked"
			}
			return
		case proposalNouns[w] && sa.label(x) == "acl" && strings.HasPrefix(d.tagAt(sa, g), "NN"):
			ci.cancelled = true // "a plan to normalise relations": proposed, not done
			return
		}
		x = g
	}
}

// governedAs reports whether word x is an argument of its head, as what the head ends, asks
// for or alleges: its object, passive subject or complement, or a noun's or verb's phrase
// with "of", "to", "for" or "on" ("an end to", "a call for", "accused X of").
func (d *docAnalysis) governedAs(sa *sentAnalysis, x int) bool {
	switch sa.label(x) {
	case "obj", "nsubj:pass", "xcomp", "ccomp":
		return true
	case "nmod", "obl", "acl", "advcl":
		c := d.caseOf(sa, x)
		if c == "" {
			c = d.markOf(sa, x)
		}
		return c == "of" || c == "to" || c == "for" || c == "on" || c == "" && sa.label(x) == "acl"
	}
	return false
}

// clauseLabels attach a clause to the word that governs it.
var clauseLabels = map[string]bool{"advcl": true, "acl": true, "xcomp": true, "ccomp": true}

// typeOf applies modality to a relation type: an intent to cooperate materially is AGREE
// (CAMEO 03), and a pledged or conditional act of force is THREATEN (CAMEO 13).
func typeOf(e *lexicon.Entry, ci clauseInfo) (graph.RelationType, string, graph.Modality) {
	typ, cameo, mod := e.Type, e.CAMEO, ci.modality
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
