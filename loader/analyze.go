package loader

// textDoc is a document's text as the later stages read it: the tokens of its article text,
// page furniture dropped, and its sentences.
type textDoc struct {
	text  string     // the text as given; offsets are byte offsets into it
	toks  []token    // the tokens of the text that Clean keeps
	sents []sentence // the sentences of toks
}

// analyzeText tokenizes a text, drops the tokens of page furniture and splits the rest into
// sentences.
func analyzeText(text string) *textDoc {
	all := tokenize(text)
	// Keep the tokens of the article's text, dropping page furniture; each kept span starts
	// a new sentence.
	spans := Clean(text)
	toks := make([]token, 0, len(all))
	si := 0
	for _, t := range all {
		for si < len(spans) && spans[si].End <= t.start {
			si++
		}
		if si >= len(spans) || t.start < spans[si].Start {
			continue
		}
		if len(toks) > 0 && toks[len(toks)-1].end <= spans[si].Start {
			if t.newlines < 2 {
				t.newlines = 2
			}
		}
		toks = append(toks, t)
	}
	return &textDoc{text: text, toks: toks, sents: splitSentences(text, toks)}
}
