package events

// Events: speakers (who says each sentence), and the requests a modal verb makes in what they
// say ("X said Y must ...").

import (
	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/loader/actors"
	"github.com/dyadgraph/dyad/loader/lexicon"
)

// findSpeakers finds who speaks in each sentence: the subject of a verb of saying in the tree
// (before it or after it: "said Sullivan"), or a headline's attribution ("...: Stoltenberg"). A sentence
// of a quotation without a speaker of its own takes the speaker of the sentence that closes
// the quotation, or of the one before it. First-person pronouns then resolve to the speaker.
func (d *docAnalysis) findSpeakers() {
	for _, sa := range d.sents {
		for _, p := range sa.preds {
			if !p.e.Flags.Has(lexicon.FlagSpeech) {
				continue
			}
			// "X said", "..., said Sullivan": the verb's subject in the tree; a sentence that
			// holds no claim is not parsed, and the window finder reads its speaker
			subj, _, _ := d.subjectOf(sa, p)
			if d.tree(sa) == nil {
				subj, _, _ = d.wSubjectOf(sa, p)
				if len(subj) == 0 && p.to < sa.s.To {
					if mi := sa.mAt[p.to-sa.s.From]; mi >= 0 && sa.ms[mi].Form != actors.FormPronoun {
						subj = []int{mi}
					}
				}
			}
			if len(subj) > 0 && !(len(subj) == 1 && sa.ms[subj[0]].Form == actors.FormPronoun && subj[0] > 0 && sa.ms[subj[0]].From > p.from) {
				sa.speaker = d.actorsOf(sa, subj)
				break
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

// actorsOf lists the actors of a group of mentions.
func (d *docAnalysis) actorsOf(sa *sentAnalysis, group []int) []string {
	var out []string
	for _, mi := range group {
		out = append(out, sa.ms[mi].Actors...)
	}
	return out
}

// modalRequests handles "X said Y must ..." and quoted "Y must ...": the speaker asks Y. The
// tree gives the verb that "must", "should", "has to" or "needs to" governs, its subject, and
// the verb of saying whose clause it is.
func (d *docAnalysis) modalRequests(sa *sentAnalysis) {
	if d.tree(sa) == nil {
		return
	}
	s := sa.s
	for k := s.From; k < s.To; k++ {
		w := d.toks[k].Lower
		v := -1
		switch {
		case modalRequest[w] && sa.label(k) == "aux":
			v = sa.head(k)
		case (w == "has" || w == "have" || w == "needs" || w == "need" || w == "ought") && sa.dep(k, "xcomp") >= 0 &&
			k+1 < s.To && d.toks[k+1].Is("to"):
			v = k
		}
		if v < 0 {
			continue
		}
		sj := sa.dep(v, "nsubj")
		if sj < 0 {
			continue
		}
		group, _ := d.group(sa, sj, false)
		if len(group) == 0 {
			continue
		}
		if m := &sa.ms[group[0]]; m.Locative || m.Form == actors.FormPronoun && m.Plural {
			continue
		}
		// the speaker: the subject of the verb of saying whose clause this is, or, inside a
		// quotation, the sentence's speaker
		var speaker []string
		typ, cameo := graph.Request, "100"
		if g := sa.head(v); g >= 0 && sa.label(v) == "ccomp" {
			if pi := sa.pAt[g-s.From]; pi >= 0 && sa.preds[pi].e.Flags.Has(lexicon.FlagSpeech) {
				if subj, _, _ := d.subjectAt(sa, g); len(subj) > 0 {
					speaker = d.actorsOf(sa, subj)
					if protestNouns[d.toks[sa.ms[subj[0]].To-1].Lower] || d.protesting(sa, subj[0], nil) {
						// protesters who say X must go protest against X (CAMEO 14), as in emit
						typ, cameo = graph.Protest, "140"
					}
				}
			}
		}
		if speaker == nil && (sa.quoted[k-s.From] || d.saidBefore(sa, k)) {
			// a quotation, or a clause the parser did not hang on its verb of saying: the
			// sentence's speaker
			speaker = sa.speaker
		}
		if speaker == nil {
			continue
		}
		p := &predicate{from: k, to: k + 1}
		for _, sp := range speaker {
			for _, gi := range group {
				gm := &sa.ms[gi]
				for _, t := range gm.Actors {
					d.focus = p.from
					d.addClaim(sa, sp, t, typ, cameo, d.text(p.from, p.to), "", d.mentionText(gm), conf(0.75, 0, gm), false, graph.Asserted)
				}
			}
		}
	}
}

// saidBefore reports a verb of saying before token k in the sentence.
func (d *docAnalysis) saidBefore(sa *sentAnalysis, k int) bool {
	for _, q := range sa.preds {
		if q.to <= k && q.e.Flags.Has(lexicon.FlagSpeech) {
			return true
		}
	}
	return false
}
