package actors

import (
	"time"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/loader/text"
)

// Doc is what the actors stage finds in a document: the mentions of each sentence, and
// the actors made for the document (people, candidate names) beside the gazetteer's.
type Doc struct {
	Sentences []Sentence // one per sentence of the text
	f         *mentionFinder
}

// Sentence is one sentence's mentions, in order and without overlaps, and the persons
// it introduces with a role.
type Sentence struct {
	Mentions []Mention
	Persons  []*Person
}

// Find finds and resolves the mentions of a text's sentences, in document order
// (references look back), with people's roles taken on the article's date.
func Find(g *Gazetteer, t *text.Doc, date time.Time) *Doc {
	f := newMentionFinder(g, t.Tokens)
	f.date = date
	d := &Doc{f: f}
	for i, s := range t.Sentences {
		f.sentIdx = i
		ms := f.find(s)
		if len(g.sameAs) > 0 {
			// a user's merges: the ids given as the same as another become that one
			for j := range ms {
				for k, id := range ms[j].Actors {
					ms[j].Actors[k] = g.Canonical(id)
				}
				if ms[j].Person != "" {
					ms[j].Person = g.Canonical(ms[j].Person)
				}
			}
		}
		var persons []*Person
		persons = append(persons, f.newPersons...)
		d.Sentences = append(d.Sentences, Sentence{Mentions: ms, Persons: persons})
	}
	return d
}

// Actor returns an actor by id, from the gazetteer or from those made for this document.
func (d *Doc) Actor(id string) (graph.Actor, bool) { return d.f.actor(id) }

// KindOf returns the kind of an actor, or "" for one not known.
func (d *Doc) KindOf(id string) graph.ActorKind { return d.f.kindOf(id) }

// SoleState returns the one state that mentions, or failing that the recent ones, stand for.
func (d *Doc) SoleState(ms []Mention) string { return d.f.soleState(ms) }

// Made returns the ids of the actors made for this document.
func (d *Doc) Made() []string {
	ids := make([]string, 0, len(d.f.extra))
	for id := range d.f.extra {
		ids = append(ids, id)
	}
	return ids
}
