package events

// The learned claim decision. Every ordered pair of actor mentions in a sentence is a
// candidate, described by classify.PairFeatures; the claim model gives each a probability per
// PLOVER type and NONE, and a type at or above the threshold is claimed, with that probability
// as the claim's confidence. The hand frames run first: the claims they would make become
// features of the pairs they name ("rule=ASSAULT", "rule-negated=ASSAULT", "rule-reverse=AID"),
// so the curated lexicon and frames are evidence, not the decision. Affiliations (a person's
// link to their state organ) and negated claims are kept as the frames found them: the model
// decides what happened, and the frames' record of what the text says did not happen stays
// with the article.

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/loader/actors"
	"github.com/dyadgraph/dyad/loader/classify"
	"github.com/dyadgraph/dyad/loader/lexicon"
	"github.com/dyadgraph/dyad/loader/text"
)

// NoClaim is the claim model's class for a pair between which the sentence states no event.
const NoClaim = "NONE"

// nearMentions bounds the candidates: each mention is paired with at most this many mentions
// on either side of it.
const nearMentions = 8

// maxActorsPerMention bounds the actors a mention contributes to candidates ("the two
// countries" names two).
const maxActorsPerMention = 4

// Candidate is an ordered pair of actor mentions in a sentence, with the features the claim
// model reads.
type Candidate struct {
	Sentence               int    // the sentence's index in the document
	Source, Target         string // actor ids
	SourceText, TargetText string // the mentions as written
	// The mentions' byte offsets in the document text, half-open.
	SourceFrom, SourceTo, TargetFrom, TargetTo int
	Features                                   []uint64

	sa   *sentAnalysis
	pair classify.Pair
	view *classify.Sentence
	ms   []int // view mention -> index in sa.ms
}

// ruleClaim is what the frames claimed between two actors of a sentence.
type ruleClaim struct {
	source, target string
	typ            graph.RelationType
	negated        bool
	conf           float64
	modality       graph.Modality
}

// candidates returns the candidates of one sentence, given the frames' claims in it.
func (d *docAnalysis) candidates(sa *sentAnalysis, rules []ruleClaim) []Candidate {
	view := &classify.Sentence{}
	var ms []int
	for mi := range sa.ms {
		m := &sa.ms[mi]
		if len(m.Actors) == 0 {
			continue
		}
		a, _ := d.actors.Actor(m.Actors[0])
		view.Mentions = append(view.Mentions, classify.Mention{
			From: m.From - sa.s.From, To: m.To - sa.s.From, Kind: string(d.actors.KindOf(m.Actors[0])),
			Country: a.Country, Possessive: m.Possessive, Locative: m.Locative,
			Pronoun: m.Form == actors.FormPronoun || m.Form == actors.FormCoref,
		})
		ms = append(ms, mi)
	}
	if len(view.Mentions) < 2 {
		return nil
	}
	n := sa.s.To - sa.s.From
	view.Words = make([]string, n)
	for k := range n {
		view.Words[k] = d.toks[sa.s.From+k].Text
	}
	if d.tagger != nil {
		d.tagAt(sa, sa.s.From)
		view.Tags = make([]string, n)
		for k := range n {
			view.Tags[k] = sa.tags.At(k)
		}
	}
	view.Cues = d.cues(sa, view.Tags)
	// The tree the frames read, where the sentence could hold one.
	if t := d.tree(sa); t != nil {
		view.Heads, view.Labels = t.Head, t.Label
	}
	var out []Candidate
	var extra []string
	for _, pair := range classify.Pairs(view, nearMentions) {
		sm, tm := &sa.ms[ms[pair.Source]], &sa.ms[ms[pair.Target]]
		base := classify.PairFeatures(view, pair, nil, nil)
		for _, src := range sm.Actors[:min(len(sm.Actors), maxActorsPerMention)] {
			for _, tgt := range tm.Actors[:min(len(tm.Actors), maxActorsPerMention)] {
				if src == tgt {
					continue
				}
				extra = extra[:0]
				for _, r := range rules {
					switch {
					case r.source == src && r.target == tgt && r.negated:
						extra = append(extra, "rule-negated="+string(r.typ))
					case r.source == src && r.target == tgt:
						extra = append(extra, "rule="+string(r.typ), "rule",
							fmt.Sprintf("rule=%s conf=%.1f", r.typ, r.conf), "rule-modality="+string(r.modality))
					case r.source == tgt && r.target == src && !r.negated:
						extra = append(extra, "rule-reverse="+string(r.typ))
					}
				}
				if len(extra) == 0 {
					extra = append(extra, "no-rule")
				}
				feats := make([]uint64, 0, len(base)+len(extra))
				feats = append(feats, base...)
				for _, e := range extra {
					feats = append(feats, classify.Hash("x\x1f"+e))
				}
				out = append(out, Candidate{
					Sentence: sa.idx, Source: src, Target: tgt,
					SourceText: d.mentionText(sm), TargetText: d.mentionText(tm),
					SourceFrom: d.toks[sm.From].Start, SourceTo: d.toks[sm.To-1].End,
					TargetFrom: d.toks[tm.From].Start, TargetTo: d.toks[tm.To-1].End,
					Features: feats, sa: sa, pair: pair, view: view, ms: ms,
				})
			}
		}
	}
	return out
}

// cues returns every match of the lexicon in the sentence, curated and derived, whatever
// the frames made of it: the frames take one reading per place, the model weighs them all.
// Each carries the form the frames read it in, or its head word's tag where they did not.
func (d *docAnalysis) cues(sa *sentAnalysis, tags []string) []classify.Cue {
	s := sa.s
	var out []classify.Cue
	type place struct {
		from, to int
		typ      graph.RelationType
	}
	seen := map[place]bool{}
	add := func(from, to int, e *lexicon.Entry, passive bool) {
		key := place{from, to, e.Type}
		if seen[key] {
			return
		}
		seen[key] = true
		c := classify.Cue{From: from - s.From, To: to - s.From, Type: string(e.Type), CAMEO: e.CAMEO,
			Derived: e.Derived, Noun: e.Flags.Has(lexicon.FlagNoun), Passive: passive}
		if tags != nil {
			c.Tag = tags[from-s.From]
		}
		out = append(out, c)
	}
	for _, p := range sa.preds {
		add(p.from, p.to, p.e, p.passive)
	}
	lx := d.lex
	for i := s.From; i < s.To; i++ {
		if sa.mAt[i-s.From] >= 0 || d.toks[i].Kind != text.TokWord {
			continue
		}
		for _, p := range lx.ByFirst[d.toks[i].Lower] {
			if end, _, ok := d.matchPattern(sa, p, 0, i); ok {
				add(i, end, p.Entry, false)
			}
		}
	}
	return out
}

// rulesBySentence gathers the frames' claims (not affiliations) per sentence.
func (d *docAnalysis) rulesBySentence() map[int][]ruleClaim {
	out := map[int][]ruleClaim{}
	for i, c := range d.out {
		if c.Type == graph.Affiliation {
			continue
		}
		s := d.outSent[i]
		out[s] = append(out[s], ruleClaim{c.Source, c.Target, c.Type, c.Negated, c.Confidence, c.Modality})
	}
	return out
}

// allCandidates returns the candidates of every sentence, after the frames ran.
func (d *docAnalysis) allCandidates() []Candidate {
	rules := d.rulesBySentence()
	var out []Candidate
	for _, sa := range d.sents {
		out = append(out, d.candidates(sa, rules[sa.idx])...)
	}
	return out
}

// fill keeps every claim of the frames and lets the model claim in the sentences where the
// frames claimed no event: each (source, type, target) of such a sentence that the model gives
// at least minP. The frames are precise where they fire; the model speaks where they are
// silent, as they are for half of the plain one-event sentences of news.
func (d *docAnalysis) fill(m *classify.Model, minP float64) {
	spoke := map[int]bool{}
	for i, c := range d.out {
		if c.Type != graph.Affiliation {
			spoke[d.outSent[i]] = true
		}
	}
	var cands []Candidate
	for _, sa := range d.sents {
		if !spoke[sa.idx] {
			cands = append(cands, d.candidates(sa, nil)...)
		}
	}
	d.claimBest(m, cands, minP, minP, nil)
}

// decide replaces the frames' claims of events by the model's: the claims that stay are the
// affiliations and the negated claims, as the frames found them, and every (source, type,
// target) that the model gives at least minP in a sentence, or at least floor where the frames
// claimed it too. Where the model abstains, because no candidate pair of the sentence holds the
// frame's two actors (an actor the frames resolved from outside the pair's mentions: a
// speaker's state, a pronoun, a city standing for its state), the frame's claim stays too.
func (d *docAnalysis) decide(m *classify.Model, minP, floor float64) {
	cands := d.allCandidates()
	found, foundSent := d.out, d.outSent
	rule := map[claimKey]graph.Claim{}
	d.out, d.outSent, d.claims = nil, nil, map[claimKey]int{}
	type pairKey struct {
		source, target string
		sent           int
	}
	seen := map[pairKey]bool{}
	for i := range cands {
		seen[pairKey{cands[i].Source, cands[i].Target, cands[i].Sentence}] = true
	}
	for i, c := range found {
		if c.Type == graph.Affiliation || c.Negated || !seen[pairKey{c.Source, c.Target, foundSent[i]}] {
			d.keep(c, foundSent[i])
			continue
		}
		k := claimKey{c.Source, c.Target, c.Type, foundSent[i], false}
		if old, ok := rule[k]; !ok || old.Confidence < c.Confidence {
			rule[k] = c
		}
	}
	d.claimBest(m, cands, minP, floor, rule)
}

// claimBest claims, for each (sentence, source, type, target) of the candidates, the type the
// model gives at least minP, or at least floor where the frames claimed it (rule), with the
// best candidate's probability as its confidence and the frame's words where there was one.
func (d *docAnalysis) claimBest(m *classify.Model, cands []Candidate, minP, floor float64, rule map[claimKey]graph.Claim) {
	// The best candidate of each (sentence, source, target, type).
	type best struct {
		p    float64
		cand *Candidate
	}
	bests := map[claimKey]best{}
	var order []claimKey
	probs := make([]float64, len(m.Classes))
	for i := range cands {
		c := &cands[i]
		probs = m.Probabilities(c.Features, probs)
		for class, p := range probs {
			typ := graph.RelationType(m.Classes[class])
			if typ == NoClaim || p < min(minP, floor) {
				continue
			}
			k := claimKey{c.Source, c.Target, typ, c.Sentence, false}
			if _, framed := rule[k]; p < minP && !framed {
				continue
			}
			b, ok := bests[k]
			if !ok {
				order = append(order, k)
			}
			if !ok || p > b.p {
				bests[k] = best{p, c}
			}
		}
	}
	for _, k := range order {
		b := bests[k]
		c := b.cand
		sa := c.sa
		cue := d.cueBetween(c)
		predicate, cameo, modality := d.describe(c, cue, k.typ)
		if r, ok := rule[k]; ok {
			predicate, cameo, modality = r.Predicate, r.CAMEO, r.Modality
		}
		d.focus = -1
		if cue != nil {
			d.focus = cue.from
		}
		d.addClaim(sa, k.source, k.target, k.typ, cameo, predicate, c.SourceText, c.TargetText, b.p, false, modality)
	}
}

// keep adds a claim of the frames unchanged.
func (d *docAnalysis) keep(c graph.Claim, sent int) {
	d.claims[claimKey{c.Source, c.Target, c.Type, sent, c.Negated}] = len(d.out)
	d.out = append(d.out, c)
	d.outSent = append(d.outSent, sent)
}

// cueBetween returns the lexicon match nearest the middle of the pair that lies between its
// mentions, or else the nearest one in the sentence, or nil.
func (d *docAnalysis) cueBetween(c *Candidate) *predicate {
	sa := c.sa
	sm, tm := sa.ms[c.ms[c.pair.Source]], sa.ms[c.ms[c.pair.Target]]
	lo, hi := min(sm.From, tm.From), max(sm.To, tm.To)
	var best *predicate
	bestDist := 1 << 30
	for _, p := range sa.preds {
		dist := 0
		switch {
		case p.to <= lo:
			dist = lo - p.to + 1000
		case p.from >= hi:
			dist = p.from - hi + 1000
		default:
			dist = 0
		}
		if dist < bestDist {
			best, bestDist = p, dist
		}
	}
	return best
}

// describe gives a claim the model made without a frame its predicate, CAMEO code and
// modality: p, the lexicon match nearest the pair, when there is one (its code when it is of the
// claimed type, else the type's root code), else the verb between the mentions.
func (d *docAnalysis) describe(c *Candidate, p *predicate, typ graph.RelationType) (string, string, graph.Modality) {
	cameo := typ.CAMEO()
	modality := graph.Asserted
	if p != nil {
		if p.e.Type == typ && p.e.CAMEO != "" {
			cameo = p.e.CAMEO
		}
		for k := max(c.sa.s.From, p.from-2); k < p.from; k++ {
			if d.toks[k].Is("will", "would", "could", "may", "might", "plans", "plan", "vowed", "pledged", "promised") {
				modality = graph.Pledged
			}
		}
		return d.text(p.from, p.to), cameo, modality
	}
	sa := c.sa
	sm, tm := sa.ms[c.ms[c.pair.Source]], sa.ms[c.ms[c.pair.Target]]
	lo, hi := min(sm.To, tm.To), max(sm.From, tm.From)
	for k := lo; k < hi; k++ {
		if strings.HasPrefix(d.tagAt(sa, k), "VB") {
			return d.toks[k].Text, cameo, modality
		}
	}
	if hi > lo && utf8.RuneCountInString(d.text(lo, hi)) <= 40 {
		return d.text(lo, hi), cameo, modality
	}
	return "", cameo, modality
}
