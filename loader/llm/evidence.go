package llm

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// normText is a text in the form evidence is compared in (see normalize), with the way back to
// the byte offsets of the text it came from.
type normText struct {
	s     string
	start []int // start[i]: offset of the source rune that normalized byte i came from
	end   []int // end[i]: offset just after that source rune (or run of white space)
}

// normalize puts text in the form evidence is compared in: every run of white space becomes one
// space, typographic quotes and dashes become their ASCII kin, and invisible format characters
// (soft hyphens, zero-width spaces and joiners) are left out. Each normalized byte maps back to
// the source's offsets plus base.
func normalize(text string, base int) normText {
	n := normText{start: make([]int, 0, len(text)), end: make([]int, 0, len(text))}
	var s strings.Builder
	s.Grow(len(text))
	emit := func(r rune, from, to int) {
		size := utf8.RuneLen(r)
		s.WriteRune(r)
		for range size {
			n.start = append(n.start, base+from)
			n.end = append(n.end, base+to)
		}
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			j := i + size
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsSpace(r2) {
					break
				}
				j += s2
			}
			emit(' ', i, j)
			i = j
			continue
		case unicode.Is(unicode.Cf, r):
			// invisible: soft hyphen, zero-width space and joiners, directional marks
		default:
			emit(foldPunct(r), i, i+size)
		}
		i += size
	}
	n.s = s.String()
	return n
}

// foldPunct maps typographic quotes and dashes to ASCII, one rune for one.
func foldPunct(r rune) rune {
	switch r {
	case '‘', '’', '‚', '‛', '′':
		return '\''
	case '“', '”', '„', '‟', '″':
		return '"'
	case '‐', '‑', '‒', '–', '—', '―', '−':
		return '-'
	}
	return r
}

// find looks up a sentence as the model returned it and gives its byte offsets in the source
// text: the first place it occurs once both are normalized. It fails for a sentence that does
// not occur, or has fewer than minEvidenceWords words.
func (n *normText) find(sentence string) (start, end int, ok bool) {
	needle := strings.TrimSpace(normalize(sentence, 0).s)
	if len(strings.Fields(needle)) < minEvidenceWords {
		return 0, 0, false
	}
	i := strings.Index(n.s, needle)
	if i < 0 {
		return 0, 0, false
	}
	return n.start[i], n.end[i+len(needle)-1], true
}

// chunk is a part of a text sent in one request.
type chunk struct {
	start, end int    // byte offsets in the text
	text       string // what is sent: its paragraphs, separated by blank lines
}

// chunkText cuts text into chunks of whole paragraphs (runs of lines that are not blank), each
// of at most limit code points of paragraph text. A paragraph longer than limit is cut at the
// last sentence end before it, or else the last space, or else anywhere.
func chunkText(text string, limit int) []chunk {
	var paras [][2]int
	for _, p := range paragraphs(text) {
		paras = append(paras, splitLong(text, p, limit)...)
	}
	var out []chunk
	var cur []string
	size, start, end := 0, 0, 0
	flush := func() {
		if len(cur) > 0 {
			out = append(out, chunk{start: start, end: end, text: strings.Join(cur, "\n\n")})
			cur, size = nil, 0
		}
	}
	for _, p := range paras {
		piece := text[p[0]:p[1]]
		n := utf8.RuneCountInString(piece)
		if len(cur) > 0 && size+n > limit {
			flush()
		}
		if len(cur) == 0 {
			start = p[0]
		}
		cur = append(cur, piece)
		size += n
		end = p[1]
	}
	flush()
	return out
}

// paragraphs returns the byte spans of text's paragraphs, each trimmed of white space.
func paragraphs(text string) [][2]int {
	var out [][2]int
	from := -1 // start of the current paragraph, -1 between paragraphs
	last := 0  // end of its last non-blank line
	for i := 0; i <= len(text); {
		j := strings.IndexByte(text[i:], '\n')
		if j < 0 {
			j = len(text)
		} else {
			j += i
		}
		line := text[i:j]
		if trimmed := strings.TrimSpace(line); trimmed == "" {
			if from >= 0 {
				out = append(out, [2]int{from, last})
				from = -1
			}
		} else {
			if from < 0 {
				from = i + strings.Index(line, trimmed)
			}
			last = i + strings.Index(line, trimmed) + len(trimmed)
		}
		i = j + 1
	}
	if from >= 0 {
		out = append(out, [2]int{from, last})
	}
	return out
}

// splitLong cuts the paragraph p of text into pieces of at most limit code points.
func splitLong(text string, p [2]int, limit int) [][2]int {
	var out [][2]int
	for p[0] < p[1] {
		rest := text[p[0]:p[1]]
		if utf8.RuneCountInString(rest) <= limit {
			out = append(out, p)
			break
		}
		cut := byteOffsetOfRune(rest, limit) // the most that fits
		window := rest[:cut]
		at := lastSentenceEnd(window)
		if at <= 0 {
			at = strings.LastIndexFunc(window, unicode.IsSpace)
		}
		if at <= 0 {
			at = cut
		}
		piece := strings.TrimRightFunc(rest[:at], unicode.IsSpace)
		out = append(out, [2]int{p[0], p[0] + len(piece)})
		next := p[0] + at
		for next < p[1] {
			r, size := utf8.DecodeRuneInString(text[next:])
			if !unicode.IsSpace(r) {
				break
			}
			next += size
		}
		p[0] = next
	}
	return out
}

// lastSentenceEnd is the offset of the white space after the last ". ", "? " or "! " (or the
// same with closing quotes before the space) in s, or -1.
func lastSentenceEnd(s string) int {
	for i := len(s) - 1; i > 0; i-- {
		if s[i] != ' ' && s[i] != '\n' && s[i] != '\t' {
			continue
		}
		before := strings.TrimRightFunc(s[:i], func(r rune) bool { return strings.ContainsRune("\"')”’", r) })
		if before != "" && strings.ContainsRune(".?!", rune(before[len(before)-1])) {
			return i
		}
	}
	return -1
}

// byteOffsetOfRune is the byte offset of the n-th code point of s (len(s) if s is shorter).
func byteOffsetOfRune(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}
