package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// TokenKind classifies a token.
type TokenKind uint8

const (
	TokWord   TokenKind = iota // letters, possibly with inner apostrophes or abbreviation dots
	TokNumber                  // digits, possibly with inner '.' or ','
	TokPunct                   // any other single character
)

// Token is one word, number or punctuation mark of a text.
type Token struct {
	Text       string // as written
	Lower      string // lower-cased, with typographic apostrophes and quotes made plain
	Start, End int    // byte offsets in the text
	Kind       TokenKind
	Cap        bool // the first letter is upper case
	AllCaps    bool // every letter is upper case, and there are at least two
	Glued      bool // no space between this token and the previous one
	Newlines   int  // line breaks between the previous token and this one
}

// isWord reports whether t is a word.
func (t *Token) isWord() bool { return t.Kind == TokWord }

// Is reports whether the token's lower-cased form is one of words.
func (t *Token) Is(words ...string) bool {
	for _, w := range words {
		if t.Lower == w {
			return true
		}
	}
	return false
}

// abbreviations that take a period which does not end a sentence. Single capital letters
// (initials) and dotted acronyms ("U.S.") are recognised by their shape.
var abbreviations = Set(
	"mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cmdr", "adm",
	"gov", "sen", "rep", "rev", "hon", "pres", "st", "sr", "jr", "messrs", "mt", "ft", "no", "nos",
	"vs", "etc", "inc", "ltd", "co", "corp", "dept", "univ", "approx", "est", "fig", "vol",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	"e.g", "i.e", "a.m", "p.m", "al")

// titleAbbreviations never end a sentence: a name always follows them.
var titleAbbreviations = Set("mr.", "mrs.", "ms.", "dr.", "prof.", "gen.", "lt.", "col.", "maj.",
	"capt.", "cpt.", "sgt.", "cmdr.", "adm.", "gov.", "sen.", "rep.", "rev.", "hon.", "pres.", "st.",
	"messrs.", "mt.", "no.", "nos.", "vs.", "gen")

func Set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// Tokenize splits text into tokens. It never fails: every byte of text that is not space ends
// up in exactly one token.
func Tokenize(text string) []Token {
	toks := make([]Token, 0, len(text)/5+8)
	newlines := 0
	glued := false
	openSingle := 0 // unmatched opening single quotes, to tell a closing quote from "allies'"
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\n':
			newlines++
			glued = false
			i += size
			continue
		case unicode.IsSpace(r):
			glued = false
			i += size
			continue
		}
		start := i
		var kind TokenKind
		switch {
		case unicode.IsLetter(r) || unicode.IsMark(r):
			kind = TokWord
			i = scanWord(text, i)
		case unicode.IsDigit(r):
			kind = TokNumber
			i = scanNumber(text, i)
		default:
			kind = TokPunct
			i += size
			// A possessive: 's or ’s after a word, followed by a non-letter.
			if (r == '\'' || r == '’') && len(toks) > 0 && toks[len(toks)-1].Kind == TokWord && glued {
				if n, ns := utf8.DecodeRuneInString(text[i:]); (n == 's' || n == 'S') && !letterAt(text, i+ns) {
					i += ns
					kind = TokWord
				} else if prev := toks[len(toks)-1].Lower; strings.HasSuffix(prev, "s") && openSingle == 0 && !letterAt(text, i) {
					kind = TokWord // plural possessive: allies’
				} else if r == '’' && openSingle > 0 {
					openSingle--
				}
			} else if r == '‘' {
				openSingle++
			}
		}
		t := Token{Text: text[start:i], Start: start, End: i, Kind: kind, Glued: glued && len(toks) > 0, Newlines: newlines}
		// Attach the period of an abbreviation or an initial.
		if kind == TokWord && i < len(text) && text[i] == '.' {
			low := strings.ToLower(t.Text)
			if abbreviations[low] || (utf8.RuneCountInString(t.Text) == 1 && unicode.IsUpper(r)) {
				i++
				t.End = i
				t.Text = text[start:i]
			}
		}
		t.Lower = normalizeLower(t.Text)
		if kind == TokWord {
			t.Cap = unicode.IsUpper(r)
			t.AllCaps = IsAllCaps(t.Text)
		}
		if kind == TokWord && (t.Lower == "'" || t.Lower == "'s") {
			t.Lower = "'s"
		}
		toks = append(toks, t)
		newlines = 0
		glued = true
	}
	return toks
}

func letterAt(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsLetter(r)
}

// scanWord returns the end of the word that starts at i: letters, marks and digits, inner
// apostrophes between letters (don't, O'Brien) but not a possessive 's, and dotted acronyms
// with their final period (U.S., e.g.).
func scanWord(text string, i int) int {
	start := i
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) {
			i += size
			continue
		}
		switch r {
		case '\'', '’':
			n, ns := utf8.DecodeRuneInString(text[i+size:])
			if i+size < len(text) && unicode.IsLetter(n) && !((n == 's' || n == 'S') && !letterAt(text, i+size+ns)) {
				i += size
				continue
			}
		case '.':
			seg := text[start:i]
			if isLetterDots(seg) {
				if j := i + 1; j < len(text) && letterAt(text, j) {
					_, ns := utf8.DecodeRuneInString(text[j:])
					if j+ns < len(text) && text[j+ns] == '.' {
						i = j + ns
						continue
					}
				}
				if strings.Contains(seg, ".") {
					return i + 1
				}
			}
		}
		return i
	}
	return i
}

// isLetterDots reports whether s is single letters separated by periods: "U", "U.S", "e.g".
func isLetterDots(s string) bool {
	wantLetter := true
	for _, r := range s {
		if wantLetter != unicode.IsLetter(r) || (!wantLetter && r != '.') {
			return false
		}
		wantLetter = !wantLetter
	}
	return !wantLetter
}

// scanNumber returns the end of the number that starts at i: digits with inner '.' or ','
// between digits (3.5, 25,000), and letters glued after (12M, 1970s).
func scanNumber(text string, i int) int {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsDigit(r) || unicode.IsLetter(r) {
			i += size
			continue
		}
		if (r == '.' || r == ',') && i+1 < len(text) && text[i+1] >= '0' && text[i+1] <= '9' {
			i++
			continue
		}
		return i
	}
	return i
}

func IsAllCaps(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}

// normalizeLower lower-cases s and replaces typographic apostrophes, quotes and dashes with
// plain ones, so that lexicon and gazetteer entries match however the text was typeset.
func normalizeLower(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch r {
		case '’', '‘', '`', '´':
			r = '\''
		case '“', '”', '„':
			r = '"'
		case '‐', '‑':
			r = '-'
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// LowerTokens tokenizes a gazetteer or lexicon phrase into the lower-cased forms used to
// match it against text.
func LowerTokens(phrase string) []string {
	toks := Tokenize(phrase)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Lower
	}
	return out
}
