package actors

import (
	"github.com/dyadgraph/dyad/graph"

	"github.com/dyadgraph/dyad/loader/text"
)

// Resolve returns the actor that a whole name stands for, as the rule-based extractor would
// resolve it in running text: "NATO", "the Kremlin" (Russia's government), "Houthi rebels"
// is not a whole name and fails, "Russian" is Russia. Other extractors use it so that their
// actors get the same ids.
func (g *Gazetteer) Resolve(name string) (graph.Actor, bool) {
	toks := text.Tokenize(name)
	for len(toks) > 0 && toks[len(toks)-1].Kind == text.TokPunct {
		toks = toks[:len(toks)-1]
	}
	if len(toks) > 1 && toks[0].Lower == "the" {
		toks = toks[1:]
	}
	if len(toks) == 0 {
		return graph.Actor{}, false
	}
	e, end := g.match(toks, 0)
	if e == nil || end != len(toks) {
		return graph.Actor{}, false
	}
	id := e.actor
	if a, ok := g.Actor(id); ok && a.Kind == graph.KindState && (e.role == roleSeat || e.role == roleCapital) {
		id = sectorID(id, SectorGov)
	}
	return g.Actor(id)
}
