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
// Given a claim model (Options.Model), decide.go makes a candidate of every ordered pair of
// actor mentions in a sentence and describes it for the model (package loader/classify) with
// the words, tags, tree path and lexicon cues around the pair and with what the frames claimed
// between its actors; a type the model gives at least its threshold becomes a claim, with that
// probability as its confidence. With Options.Fill (the extractor's default) the model fills
// the frames' silences: their claims all stand, and the model claims only in the sentences
// where they claimed no event. Otherwise it decides every pair, the frames' claims being its
// evidence. The built-in model (model/claims.gz, DefaultModel) is trained by tools/claimtrain
// from corpus/; Candidates gives the trainer what the model reads.
//
// Find reads a text.Doc, the actors.Doc found in it and the lexicon, and hands back the
// claims, each with its evidence: the sentence and its code point offsets, a confidence, a
// negation flag and a modality. The extractor that runs the stages gives them their id and its
// own name and version.
package events
