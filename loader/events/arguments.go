package events

// Events: what the frames ask of an argument once found (a place that may stand for a target,
// a subject's own pronoun, a state's own organs), and groupForward, which the lexicon's
// pattern matcher uses to step over a {T} slot's list before the tree is read.

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
