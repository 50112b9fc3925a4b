// Package events is the loader's events stage: it reads the relation lexicon's phrases in each
// sentence as verbs, nouns or participles (predicates.go), parses the sentences that can hold
// a claim with the dependency parser of package loader/syntax (tree.go), and makes claims from
// what the tree says: verbal frames (verbal.go: subject, object, passive agent, control,
// relative clauses, coordination), nominal frames (nominal.go: "X's attack on Y", "the attack
// by X on Y", "talks between X and Y"), and the scope of each (scope.go: negation, modality,
// conditions, and the ends, denials and demands under which an act is not asserted). The
// lexicon decides which predicates are events; the tree decides who did what to whom. Where
// the tree gives a predicate no arguments (a parse the parser got wrong, a sentence too long
// to parse), the older token-window frames (window.go) are the fallback. clauses.go finds the
// speakers and the requests that "must" makes; frames.go records the claims.
//
// Find reads a text.Doc, the actors.Doc found in it and the lexicon, and hands back the
// claims, each with its evidence: the sentence and its code point offsets, a confidence, a
// negation flag and a modality. The extractor that runs the stages gives them their id and its
// own name and version.
package events
