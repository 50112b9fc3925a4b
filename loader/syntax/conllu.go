package syntax

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// Sentence is one sentence of a treebank: its words (the syntactic words of CoNLL-U, without
// multiword-token lines or empty nodes), their Penn Treebank tags (the XPOS column) and their
// gold tree, in the form of Tree (0-based heads, -1 for the root).
type Sentence struct {
	ID    string // the sent_id comment, if any
	Words []string
	Tags  []string // the tags the parser is given: the treebank's, or the Tagger's after Retag
	XPOS  []string // the treebank's tags
	UPOS  []string // the treebank's Universal POS tags

	Head  []int
	Label []string
}

// ReadCoNLLU reads a CoNLL-U file. Errors name the file and the line.
func ReadCoNLLU(path string) ([]Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ParseCoNLLU(f, path)
}

// ParseCoNLLU reads CoNLL-U text; name is the file name its errors give.
func ParseCoNLLU(r io.Reader, name string) ([]Sentence, error) {
	var out []Sentence
	var cur Sentence
	start := 0 // line of the current sentence's first word
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	line := 0
	finish := func() error {
		if len(cur.Words) == 0 {
			cur = Sentence{}
			return nil
		}
		for i, h := range cur.Head {
			if h < -1 || h >= len(cur.Words) {
				return fmt.Errorf("%s:%d: word %d has head %d, outside the sentence of %d words", name, start, i+1, h+1, len(cur.Words))
			}
		}
		out = append(out, cur)
		cur = Sentence{}
		return nil
	}
	for sc.Scan() {
		line++
		text := sc.Text()
		if strings.TrimSpace(text) == "" {
			if err := finish(); err != nil {
				return nil, err
			}
			continue
		}
		if text[0] == '#' {
			if v, ok := strings.CutPrefix(text, "# sent_id = "); ok && len(cur.Words) == 0 {
				cur.ID = strings.TrimSpace(v)
			}
			continue
		}
		cols := strings.Split(text, "\t")
		if len(cols) != 10 {
			return nil, fmt.Errorf("%s:%d: %d tab-separated columns, want 10", name, line, len(cols))
		}
		if strings.ContainsAny(cols[0], "-.") {
			continue // a multiword token's line or an empty node
		}
		id, err := strconv.Atoi(cols[0])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: word id %q is not a number", name, line, cols[0])
		}
		if id != len(cur.Words)+1 {
			return nil, fmt.Errorf("%s:%d: word id %d, want %d", name, line, id, len(cur.Words)+1)
		}
		if id == 1 {
			start = line
		}
		head := -1
		if cols[6] != "_" {
			h, err := strconv.Atoi(cols[6])
			if err != nil || h < 0 {
				return nil, fmt.Errorf("%s:%d: head %q is not a word id", name, line, cols[6])
			}
			head = h - 1
		}
		cur.Words = append(cur.Words, cols[1])
		cur.Tags = append(cur.Tags, cols[4])
		cur.XPOS = append(cur.XPOS, cols[4])
		cur.UPOS = append(cur.UPOS, cols[3])
		cur.Head = append(cur.Head, head)
		cur.Label = append(cur.Label, cols[7])
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, line, err)
	}
	if err := finish(); err != nil {
		return nil, err
	}
	return out, nil
}

// projective reports whether a sentence's gold tree has one root and no crossing arcs, so that
// the transition system can build it.
func (s *Sentence) projective() bool {
	roots := 0
	for i, h := range s.Head {
		if h == -1 {
			roots++
			continue
		}
		lo, hi := min(i, h), max(i, h)
		for k := lo + 1; k < hi; k++ {
			// k must descend from h
			a := k
			for steps := 0; a != h && a != -1 && steps <= len(s.Head); steps++ {
				a = s.Head[a]
			}
			if a != h {
				return false
			}
		}
	}
	return roots == 1
}
