// Package lexicon is the relation lexicon: the phrases that name a relation between two actors
// (the curated data/relations.tsv first, the derived data/cameo-verbs.tsv where nothing curated
// matches), compiled into patterns indexed by the words they may start with, and the verb and
// noun forms of English that the patterns match.
//
// The events stage matches a Lexicon's patterns in sentences. The lexicon is a package of its
// own, below the actors stage rather than inside the events stage, because the actors stage
// reads it too: a participle of the lexicon makes "Iran-backed militias" a group, and a word of
// the lexicon after a name is a verb, not a noun the name modifies. The gazetteer's loader
// (package actors) reads the pattern files, which share its file format, through a Builder.
package lexicon
