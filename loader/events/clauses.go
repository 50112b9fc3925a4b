package events

// Events, stage 3: what the clause around a predicate says of it: speakers, negation,
// modality (pledged, hypothetical, demanded) and the resulting type.

import (
	"strings"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/loader/actors"
	"github.com/dyadgraph/dyad/loader/lexicon"
	"github.com/dyadgraph/dyad/loader/text"
)

// findSpeakers finds who speaks in each sentence: the subject of a verb of saying, or the
// name after it ("said Sullivan"), or a headline's attribution ("...: Stoltenberg"). A sentence
// of a quotation without a speaker of its own takes the speaker of the sentence that closes
// the quotation, or of the one before it. First-person pronouns then resolve to the speaker.
func (d *docAnalysis) findSpeakers() {
	for _, sa := range d.sents {
		for _, p := range sa.preds {
			if !p.e.Flags.Has(lexicon.FlagSpeech) {
				continue
			}
			if subj, _, _ := d.subjectOf(sa, p); len(subj) > 0 {
				sa.speaker = d.actorsOf(sa, subj)
				break
			}
			// "..., said Sullivan"
			if p.to < sa.s.To {
				if mi := sa.mAt[p.to-sa.s.From]; mi >= 0 && sa.ms[mi].Form != actors.FormPronoun {
					sa.speaker = sa.ms[mi].Actors
					break
				}
			}
		}
		if sa.speaker == nil && len(sa.ms) > 0 {
			// headline attribution: "...: Stoltenberg"
			last := sa.ms[len(sa.ms)-1]
			if last.To == sa.s.To && last.From > sa.s.From && d.toks[last.From-1].Text == ":" && last.Person != "" {
				sa.speaker = last.Actors
			}
		}
	}
	for i, sa := range d.sents {
		if sa.speaker != nil || !d.hasQuote(sa) {
			continue
		}
		// the sentence that closes the quotation, within the paragraph
		for j := i + 1; j < len(d.sents) && j <= i+3; j++ {
			if d.toks[d.sents[j].s.From].Newlines > 1 {
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
			if m.Form == actors.FormPronoun && m.Actors == nil && sa.speaker != nil {
				m.Actors = sa.speaker
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
	if ci.modality == graph.Hypothetical && d.toks[from].Is("would") && d.reported(sa, from) {
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
func (d *docAnalysis) modalityBetween(sa *sentAnalysis, from, to int) clauseInfo {
	ci := clauseInfo{modality: graph.Asserted}
	for k := from; k < to; k++ {
		w := d.toks[k].Lower
		switch {
		case futureWords[w]:
			ci.modality = graph.Pledged
		case hypothWords[w]:
			ci.modality = graph.Hypothetical
			if w == "would" && d.reported(sa, from) {
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
func (d *docAnalysis) reported(sa *sentAnalysis, k int) bool {
	for _, q := range sa.preds {
		if q.to <= k && q.e.Flags.Has(lexicon.FlagSpeech) {
			return true
		}
	}
	return false
}

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

// speakerBefore returns the speaker of a clause that starts at token k: the subject of a verb
// of saying before it in the sentence, or, inside a quotation, the sentence's speaker.
func (d *docAnalysis) speakerBefore(sa *sentAnalysis, k int) []string {
	for pi := len(sa.preds) - 1; pi >= 0; pi-- {
		p := sa.preds[pi]
		if p.to > k || !p.e.Flags.Has(lexicon.FlagSpeech) {
			continue
		}
		if subj, _, _ := d.subjectOf(sa, p); len(subj) > 0 {
			return d.actorsOf(sa, subj)
		}
		return nil
	}
	if sa.quoted[k-sa.s.From] {
		return sa.speaker
	}
	return nil
}
