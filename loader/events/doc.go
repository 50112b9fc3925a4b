// Package events is the loader's events stage: it reads the relation lexicon's phrases in each
// sentence as verbs, nouns or participles (predicates.go), finds their subjects and objects
// among the sentence's mentions (arguments.go), its speakers, negation and modality
// (clauses.go), and makes claims from active, passive and nominal frames (frames.go). Where
// the frames need to know whether a word is a verb or a noun, syntax.go asks the
// part-of-speech tagger of package loader/syntax, tagging a sentence on first use.
//
// Find reads a text.Doc, the actors.Doc found in it and the lexicon, and hands back the
// claims, each with its evidence: the sentence and its code point offsets, a confidence, a
// negation flag and a modality. The extractor that runs the stages gives them their id and its
// own name and version.
package events
