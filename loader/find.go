package loader

import (
	"time"

	"github.com/dyadgraph/dyad/graph"
)

// actorsDoc is what the actors stage finds in a document: the mentions of each sentence, and
// the actors made for the document (people, candidate names) beside the gazetteer's.
type actorsDoc struct {
	sents []actorSentence // one per sentence of the text
	f     *mentionFinder
}

// actorSentence is one sentence's mentions, in order and without overlaps, and the persons
// it introduces with a role.
type actorSentence struct {
	ms      []mention
	persons []*person
}

// findActors finds and resolves the mentions of a text's sentences, in document order
// (references look back), with people's roles taken on the article's date.
func findActors(g *Gazetteer, t *textDoc, date time.Time) *actorsDoc {
	f := newMentionFinder(g, t.toks)
	f.date = date
	d := &actorsDoc{f: f}
	for i, s := range t.sents {
		f.sentIdx = i
		ms := f.find(s)
		var persons []*person
		persons = append(persons, f.newPersons...)
		d.sents = append(d.sents, actorSentence{ms: ms, persons: persons})
	}
	return d
}

// actor returns an actor by id, from the gazetteer or from those made for this document.
func (d *actorsDoc) actor(id string) (graph.Actor, bool) { return d.f.actor(id) }

// kindOf returns the kind of an actor, or "" for one not known.
func (d *actorsDoc) kindOf(id string) graph.ActorKind { return d.f.kindOf(id) }

// soleState returns the one state that mentions, or failing that the recent ones, stand for.
func (d *actorsDoc) soleState(ms []mention) string { return d.f.soleState(ms) }

// made returns the ids of the actors made for this document.
func (d *actorsDoc) made() []string {
	ids := make([]string, 0, len(d.f.extra))
	for id := range d.f.extra {
		ids = append(ids, id)
	}
	return ids
}
