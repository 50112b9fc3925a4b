package events

// Explain: what the events stage read in each sentence, for a user asking why a claim was made
// or missed (dyad explain).

import (
	"time"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/loader/actors"
	"github.com/dyadgraph/dyad/loader/lexicon"
	"github.com/dyadgraph/dyad/loader/syntax"
	"github.com/dyadgraph/dyad/loader/text"
)

// Explanation is one sentence as the events stage read it: its words with their tags, their
// heads and relations in the dependency tree when the sentence was parsed, the actors of the
// mention and the lexicon entry each word is part of, and the claims made in the sentence.
type Explanation struct {
	Article  string `json:"article"` // the article's id
	Sentence string `json:"sentence"`
	// Parsed says whether the sentence was parsed: only a sentence that can hold a claim is
	// (two actor mentions, or one and an event word; at most 160 words).
	Parsed bool          `json:"parsed"`
	Words  []Word        `json:"words"`
	Claims []graph.Claim `json:"claims"`
}

// Word is one word of an Explanation.
type Word struct {
	Text string `json:"text"`
	Tag  string `json:"tag"` // Penn Treebank part of speech
	// Head is the index in Words of the word's head, -1 for the root of the sentence; without
	// a parse, -1 for every word.
	Head     int    `json:"head"`
	Relation string `json:"relation,omitempty"` // Universal Dependencies relation to the head
	// Actors are the actor ids of the mention the word is part of (none for a mention that
	// names no known actor).
	Actors []string `json:"actors,omitempty"`
	// Mention says the word is part of an actor mention, resolved or not.
	Mention bool `json:"mention,omitempty"`
	// Predicate is the PLOVER type and CAMEO code of the lexicon entry the word is part of
	// ("ASSAULT 190"), or "speech" for a verb of saying; empty for other words.
	Predicate string `json:"predicate,omitempty"`
}

// Explain runs the events stage over a document as Find does and returns, per sentence, what
// it read and claimed.
func Explain(lex *lexicon.Lexicon, tagger *syntax.Tagger, t *text.Doc, a *actors.Doc, article string, published time.Time, opts Options) []Explanation {
	d := analyse(lex, tagger, t, a, article, published, opts)
	out := make([]Explanation, len(d.sents))
	for i, sa := range d.sents {
		tree := d.tree(sa)
		x := &out[i]
		x.Article, x.Sentence = article, d.src[sa.s.Start:sa.s.End]
		x.Parsed = tree != nil
		for k := sa.s.From; k < sa.s.To; k++ {
			w := Word{Text: d.toks[k].Text, Tag: d.tagAt(sa, k), Head: -1}
			if tree != nil {
				w.Head, w.Relation = tree.Head[k-sa.s.From], tree.Label[k-sa.s.From]
			}
			if mi := sa.mAt[k-sa.s.From]; mi >= 0 {
				w.Mention, w.Actors = true, sa.ms[mi].Actors
			}
			if pi := sa.pAt[k-sa.s.From]; pi >= 0 {
				w.Predicate = predicateName(sa.preds[pi].e)
			}
			x.Words = append(x.Words, w)
		}
	}
	for i, c := range d.out {
		x := &out[d.outSent[i]]
		x.Claims = append(x.Claims, c)
	}
	return out
}

// predicateName names a lexicon entry as Word.Predicate does.
func predicateName(e *lexicon.Entry) string {
	switch {
	case e.Type != "" && e.CAMEO != "":
		return string(e.Type) + " " + e.CAMEO
	case e.Type != "":
		return string(e.Type)
	case e.Flags.Has(lexicon.FlagSpeech):
		return "speech"
	}
	return "cue"
}
