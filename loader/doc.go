// Package loader turns news articles into claims: it reads articles from text and JSONL files,
// cleans page furniture out of them, and runs the rule-based extractor over each one.
//
// The extractor works in stages, each in files named for it:
//
//   - text: tokens.go, sentences.go, clean.go (offsets stay those of the original text);
//   - syntax: syntax.go over loader/syntax, part-of-speech tags computed only where the frames
//     need them;
//   - actors: mentions.go (the mention finder), persons.go (people with roles, from the dated
//     people dictionary, or named again), groups.go (parts of a state, groups without a state,
//     "X-backed" and "X-based" groups), references.go ("the alliance", pronouns),
//     datedroles.go (the people dictionary), all resolved through gazetteer.go;
//   - events: predicates.go (lexicon phrases read as verbs, nouns or participles),
//     arguments.go (subjects, objects, coordinated groups), clauses.go (speakers, negation,
//     modality), frames.go (claims from active, passive and nominal frames), over the lexicon
//     of lexicon.go: the curated data/relations.tsv first, the derived data/cameo-verbs.tsv
//     where nothing curated matches.
//
// Every claim keeps its evidence: the article, the sentence and its character offsets, the
// extractor's name and version, a confidence that says how the claim was found, a negation flag
// and a modality.
package loader
