// Package text is the loader's first stage: it finds the article in a text, dropping page
// furniture (Clean, Furniture, Blank), splits it into tokens (Tokenize) and sentences
// (Sentences), and dates a sentence against the article's date (ResolveTime). Offsets are those
// of the original text.
//
// Analyze hands the next stages a Doc: the text, the tokens of its article text and their
// sentences, each Sentence a span of token indexes and of byte offsets. Set and the word
// classes of words.go (auxiliaries, clause breaks, prepositions) are shared with the later
// stages, which read English through the same lists.
//
// Files: clean.go (page furniture), tokens.go, sentences.go, timex.go, words.go, text.go (Doc).
package text
