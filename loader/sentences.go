package loader

import (
	"strings"
	"unicode/utf8"
)

// sentence is a span of tokens that forms one sentence.
type sentence struct {
	from, to   int // token indexes, half-open
	start, end int // byte offsets in the text, half-open
}

// sentenceStarters are words that, capitalised after an acronym's period ("... the U.S. The
// next day"), show that the period also ended the sentence.
var sentenceStarters = toSet("the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "but",
	"and", "in", "on", "at", "this", "that", "these", "those", "his", "her", "their", "its", "our",
	"there", "however", "meanwhile", "after", "before", "when", "while", "if", "as", "so", "yet",
	"earlier", "later", "last", "both", "some", "many", "most", "officials", "no")

// openers are punctuation that may open a sentence; closers may follow its final mark.
var (
	openers = toSet("\"", "'", "(", "[", "‘", "“", "«")
	closers = toSet("\"", "'", ")", "]", "’", "”", "»")
)

// splitSentences splits tokens into sentences. A sentence ends at '.', '!', '?' or '…'
// (with any closing quotes or brackets after it) when the next token starts a new sentence: a
// capitalised word, a number or an opening quote. Periods of abbreviations ("Gen.", "Mr.") and
// initials are part of their word and never end a sentence; a dotted acronym ("U.S.") ends one
// only when a typical sentence-opening word follows. A blank line always ends a sentence, and
// so does a single line break unless the next line starts in lower case.
func splitSentences(text string, toks []token) []sentence {
	var out []sentence
	from := 0
	emit := func(to int) {
		if to > from {
			out = append(out, sentence{from: from, to: to, start: toks[from].start, end: toks[to-1].end})
		}
		from = to
	}
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		if i > from && t.newlines > 0 && (t.newlines > 1 || !startsLower(t)) {
			emit(i)
		}
		end := -1
		switch {
		case t.kind == tokPunct && (t.text == "." || t.text == "!" || t.text == "?" || t.text == "…"):
			end = i + 1
		case t.kind == tokWord && strings.HasSuffix(t.text, ".") && !titleAbbreviations[t.lower] && utf8.RuneCountInString(t.text) > 2:
			// "U.S." or "etc." at the end of a sentence: only before a typical opener.
			if i+1 < len(toks) && toks[i+1].cap && sentenceStarters[toks[i+1].lower] && toks[i+1].newlines == 0 {
				emit(i + 1)
			}
			continue
		default:
			continue
		}
		// take further marks and closing quotes or brackets: ?!", .”, .)
		for end < len(toks) && toks[end].newlines == 0 && (closers[toks[end].text] ||
			(toks[end].kind == tokPunct && strings.ContainsAny(toks[end].text, ".!?…")) ||
			(toks[end].kind == tokWord && toks[end].lower == "'s" && toks[end].text == "’")) {
			end++
		}
		if end >= len(toks) {
			emit(len(toks))
			break
		}
		next := &toks[end]
		if next.newlines > 0 || next.cap || next.kind == tokNumber || openers[next.text] ||
			(next.kind == tokPunct && next.text == "-") {
			emit(end)
			i = end - 1
		}
	}
	emit(len(toks))
	return out
}

func startsLower(t *token) bool {
	if t.kind != tokWord {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.text)
	return r >= 'a' && r <= 'z' || (r > utf8.RuneSelf && strings.ToLower(string(r)) == string(r) && !t.cap)
}

// Sentences splits a text into its sentences, with the rules the extractor uses, trimmed of
// surrounding white space.
func Sentences(text string) []string {
	var out []string
	for _, s := range splitSentences(text, tokenize(text)) {
		if t := strings.TrimSpace(text[s.start:s.end]); t != "" {
			out = append(out, t)
		}
	}
	return out
}
