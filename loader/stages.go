package loader

import (
	"github.com/dyadgraph/dyad/loader/actors"
	"github.com/dyadgraph/dyad/loader/text"
)

// The names below are those package loader has always exported for work that its stages now
// do; they stay so that callers need not know which stage does it.

// Gazetteer resolves names to canonical actors and holds the relation lexicon (see package
// actors).
type Gazetteer = actors.Gazetteer

// LoadGazetteer builds the gazetteer from the built-in data and then each extra file, in
// order (see actors.LoadGazetteer for the formats).
func LoadGazetteer(extra ...string) (*Gazetteer, error) { return actors.LoadGazetteer(extra...) }

// Span is a half-open range [Start, End) of byte offsets into a text.
type Span = text.Span

// Cut is a piece of page furniture that Clean drops, and the rule that dropped it.
type Cut = text.Cut

// Clean returns the spans of a text that hold the article (see text.Clean).
func Clean(s string) []Span { return text.Clean(s) }

// Furniture returns what Clean drops from a text (see text.Furniture).
func Furniture(s string) []Cut { return text.Furniture(s) }

// Blank returns a text with everything Clean drops replaced by spaces (see text.Blank).
func Blank(s string) string { return text.Blank(s) }

// Sentences splits a text into its sentences (see text.Sentences).
func Sentences(s string) []string { return text.Sentences(s) }
