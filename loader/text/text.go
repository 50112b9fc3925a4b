package text

// Doc is a document's text as the later stages read it: the tokens of its article text,
// page furniture dropped, and its sentences.
type Doc struct {
	Text      string     // the text as given; offsets are byte offsets into it
	Tokens    []Token    // the tokens of the text that Clean keeps
	Sentences []Sentence // the sentences of Tokens
}

// Analyze tokenizes a text, drops the tokens of page furniture and splits the rest into
// sentences.
func Analyze(text string) *Doc {
	all := Tokenize(text)
	// Keep the tokens of the article's text, dropping page furniture; each kept span starts
	// a new sentence.
	spans := Clean(text)
	toks := make([]Token, 0, len(all))
	si := 0
	for _, t := range all {
		for si < len(spans) && spans[si].End <= t.Start {
			si++
		}
		if si >= len(spans) || t.Start < spans[si].Start {
			continue
		}
		if len(toks) > 0 && toks[len(toks)-1].End <= spans[si].Start {
			if t.Newlines < 2 {
				t.Newlines = 2
			}
		}
		toks = append(toks, t)
	}
	return &Doc{Text: text, Tokens: toks, Sentences: splitSentences(text, toks)}
}
