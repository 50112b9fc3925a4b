package text

import (
	"strings"
	"unicode/utf8"
)

// Sentence is a span of tokens that forms one sentence.
type Sentence struct {
	From, To   int // token indexes, half-open
	Start, End int // byte offsets in the text, half-open
}

// sentenceStarters are words that, capitalised after an acronym's period ("... the U.S. The
// next day"), show that the period also ended the sentence.
var sentenceStarters = Set("the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "but",
	"and", "in", "on", "at", "this", "that", "these", "those", "his", "her", "their", "its", "our",
	"there", "however", "meanwhile", "after", "before", "when", "while", "if", "as", "so", "yet",
	"earlier", "later", "last", "both", "some", "many", "most", "officials", "no")

// openers are punctuation that may open a sentence; closers may follow its final mark.
var (
	Openers = Set("\"", "'", "(", "[", "‘", "“", "«")
	closers = Set("\"", "'", ")", "]", "’", "”", "»")
)

// splitSentences splits tokens into sentences. A sentence ends at '.', '!', '?' or '…'
// (with any closing quotes or brackets after it) when the next token starts a new sentence: a
// capitalised word, a number or an opening quote. Periods of abbreviations ("Gen.", "Mr.") and
// initials are part of their word and never end a sentence; a dotted acronym ("U.S.") ends one
// only when a typical sentence-opening word follows. A blank line always ends a sentence, and
// so does a single line break unless the next line starts in lower case.
func splitSentences(text string, toks []Token) []Sentence {
	var out []Sentence
	from := 0
	emit := func(to int) {
		if to > from {
			out = append(out, Sentence{From: from, To: to, Start: toks[from].Start, End: toks[to-1].End})
		}
		from = to
	}
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		if i > from && t.Newlines > 0 && (t.Newlines > 1 || !startsLower(t)) {
			emit(i)
		}
		end := -1
		switch {
		case t.Kind == TokPunct && (t.Text == "." || t.Text == "!" || t.Text == "?" || t.Text == "…"):
			end = i + 1
		case t.Kind == TokWord && strings.HasSuffix(t.Text, ".") && !titleAbbreviations[t.Lower] && utf8.RuneCountInString(t.Text) > 2:
			// "U.S." or "etc." at the end of a sentence: only before a typical opener.
			if i+1 < len(toks) && toks[i+1].Cap && sentenceStarters[toks[i+1].Lower] && toks[i+1].Newlines == 0 {
				emit(i + 1)
			}
			continue
		default:
			continue
		}
		// take further marks and closing quotes or brackets: ?!", .”, .)
		for end < len(toks) && toks[end].Newlines == 0 && (closers[toks[end].Text] ||
			(toks[end].Kind == TokPunct && strings.ContainsAny(toks[end].Text, ".!?…")) ||
			(toks[end].Kind == TokWord && toks[end].Lower == "'s" && toks[end].Text == "’")) {
			end++
		}
		if end >= len(toks) {
			emit(len(toks))
			break
		}
		next := &toks[end]
		if next.Newlines > 0 || next.Cap || next.Kind == TokNumber || Openers[next.Text] ||
			(next.Kind == TokPunct && next.Text == "-") {
			emit(end)
			i = end - 1
		}
	}
	emit(len(toks))
	return out
}

func startsLower(t *Token) bool {
	if t.Kind != TokWord {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.Text)
	return r >= 'a' && r <= 'z' || (r > utf8.RuneSelf && strings.ToLower(string(r)) == string(r) && !t.Cap)
}

// Sentences splits a text into its sentences, with the rules the extractor uses, trimmed of
// surrounding white space.
func Sentences(text string) []string {
	var out []string
	for _, s := range splitSentences(text, Tokenize(text)) {
		if t := strings.TrimSpace(text[s.Start:s.End]); t != "" {
			out = append(out, t)
		}
	}
	return out
}
