// Package loader turns news articles into claims: it reads articles from text and JSONL files,
// cleans page furniture out of them, and runs the rule-based extractor over each one.
//
// The rule-based extractor (RuleExtractor, rules.go) runs stages, each a package that hands
// the next one a small type:
//
//   - text: cleaning, tokens, sentences (offsets stay those of the original text) -> text.Doc;
//   - syntax: part-of-speech tags, and a dependency tree for each sentence that can hold a
//     claim (a parser trained on UD English EWT by tools/parsetrain);
//   - actors: mentions resolved through the gazetteer (people with dated roles, parts of a
//     state, groups, references such as "the alliance" and pronouns) -> actors.Doc, each
//     sentence's actors.Mention list;
//   - events: predicates (lexicon phrases read as verbs, nouns or participles), their
//     arguments and scope read from the tree, and frames -> the claims; or, with a claim
//     model (WithClaimModel), every pair of mentions decided by the model, the frames' claims
//     among its evidence;
//
// over the built-in data of loader/data and the relation lexicon of package lexicon (the
// curated data/relations.tsv first, the derived data/cameo-verbs.tsv where nothing curated
// matches), which the actors stage reads as well as the events stage. Dependencies go one way:
// text <- lexicon <- actors <- events <- loader. The names loader exported before the stages
// were packages (Gazetteer, LoadGazetteer, Clean, Blank, Sentences, ...) stay, in stages.go.
//
// Every claim keeps its evidence: the article, the sentence and its character offsets, the
// extractor's name and version, a confidence that says how the claim was found, a negation flag
// and a modality.
package loader
