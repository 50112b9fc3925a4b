package main

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"

	"github.com/dyadgraph/dyad/graph"
)

// readPLOVER reads the CAMEO -> PLOVER table: lines "0311: AGREE, mode, context # text".
func readPLOVER(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		code, rest, ok := strings.Cut(line, ":")
		if !ok || !allDigits(strings.TrimSpace(code)) {
			continue
		}
		typ, _, _ := strings.Cut(rest, ",")
		if typ = strings.TrimSpace(typ); typ != "" {
			m[strings.TrimSpace(code)] = typ
		}
	}
	return m, sc.Err()
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// ploverType maps a CAMEO code to its PLOVER type through the longest listed prefix.
func ploverType(plover map[string]string, code string) string {
	for n := len(code); n >= 2; n-- {
		if t, ok := plover[code[:n]]; ok {
			return t
		}
	}
	return ""
}

// fits says whether a CAMEO code belongs to a PLOVER type as dyad's loader reads it.
func fits(typ, code string) bool {
	for _, r := range graph.RelationType(typ).CAMEORoots() {
		if strings.HasPrefix(code, r) {
			return true
		}
	}
	return false
}

// Which derived meanings are too vague to be an event between two actors in most news text:
// CAMEO's 01 (public statements) and 02 without a named object, and "---" (no event).
func usable(code string) bool {
	return code != "" && !strings.HasPrefix(code, "01")
}

// verbBlock is one "--- NAME [code] ---" block of the verb dictionary: synonymous verbs and
// the patterns that apply to every verb of the block. The codes of the block and of its verbs
// alone are not read: a verb alone is not carried over (see render).
type verbBlock struct {
	verbs    []verb
	patterns []pattern
}

type verb struct {
	words []string // lower case; the first is the inflected lemma
}

// pattern is a "- * OBJECT (PREP +) [code]" line reduced to what dyad's lexicon can express:
// an object head (alternatives) and a preposition.
type pattern struct {
	objects [][]string // alternatives, each a word sequence; nil for none
	prep    string
	code    string
}

var (
	blockRe   = regexp.MustCompile(`^---\s+(\S+)\s+\[([^\]]*)\]\s+---`)
	codeRe    = regexp.MustCompile(`\[([^\]]*)\]`)
	formsRe   = regexp.MustCompile(`\{[^}]*\}`)
	commentRe = regexp.MustCompile(`#.*$`)
)

func cleanCode(c string) string {
	c = strings.TrimSpace(c)
	if i := strings.IndexByte(c, ':'); i >= 0 { // "042:043": the first; ":110": the second
		if i == 0 {
			c = c[1:]
		} else {
			c = c[:i]
		}
	}
	if !allDigits(c) {
		return ""
	}
	return c
}

func phraseWords(s string) []string {
	s = strings.ToLower(strings.Trim(strings.ReplaceAll(s, "_", " "), " "))
	return strings.Fields(s)
}

// readVerbDictionary parses the dictionary and returns the derived lexicon file.
func readVerbDictionary(path string, plover map[string]string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	synsets := map[string][][]string{}
	var blocks []*verbBlock
	var cur *verbBlock
	var synset string
	section := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		raw := sc.Text()
		switch {
		case strings.HasPrefix(raw, "####### SYNONYM SETS"):
			section = "syn"
			continue
		case strings.HasPrefix(raw, "####### VERB PATTERNS"):
			section = "verbs"
			continue
		case strings.HasPrefix(raw, "######## TRANSFORMATIONS"):
			section = ""
			continue
		}
		line := strings.TrimSpace(commentRe.ReplaceAllString(raw, ""))
		if line == "" {
			continue
		}
		switch section {
		case "syn":
			if strings.HasPrefix(line, "&") {
				synset = strings.Fields(line)[0]
				continue
			}
			if strings.HasPrefix(line, "+") && synset != "" {
				forms := formsRe.FindString(line)
				w := phraseWords(formsRe.ReplaceAllString(line[1:], ""))
				if len(w) > 0 {
					synsets[synset] = append(synsets[synset], w)
				}
				for _, x := range strings.Fields(strings.Trim(forms, "{}")) {
					if xw := phraseWords(strings.TrimPrefix(x, "+")); len(xw) > 0 {
						synsets[synset] = append(synsets[synset], xw)
					}
				}
			}
		case "verbs":
			if m := blockRe.FindStringSubmatch(line); m != nil {
				cur = &verbBlock{}
				blocks = append(blocks, cur)
				continue
			}
			if cur == nil {
				continue
			}
			if strings.HasPrefix(line, "-") {
				if p, ok := parsePattern(line, synsets); ok {
					cur.patterns = append(cur.patterns, p)
				}
				continue
			}
			body := codeRe.ReplaceAllString(formsRe.ReplaceAllString(line, ""), "")
			body = strings.TrimPrefix(strings.TrimSpace(body), "+")
			w := phraseWords(body)
			if len(w) == 0 || len(w) > 3 || !wordsOnly(w) {
				continue
			}
			cur.verbs = append(cur.verbs, verb{words: w})
		}
	}
	if err := sc.Err(); err != nil {
		return "", err
	}
	return render(blocks, plover), nil
}

func wordsOnly(ws []string) bool {
	for _, w := range ws {
		for _, r := range w {
			if !(r >= 'a' && r <= 'z' || r == '-' || r == '\'') {
				return false
			}
		}
	}
	return true
}

// parsePattern reduces a pattern line to an object and a preposition, or reports that it
// cannot be expressed (words before the verb, source markers, nested phrases).
func parsePattern(line string, synsets map[string][][]string) (pattern, bool) {
	line = strings.TrimSpace(commentRe.ReplaceAllString(line, ""))
	m := codeRe.FindStringSubmatch(line)
	if m == nil {
		return pattern{}, false
	}
	p := pattern{code: cleanCode(m[1])}
	body := strings.TrimSpace(strings.TrimPrefix(codeRe.ReplaceAllString(line, ""), "-"))
	if !strings.HasPrefix(body, "*") || strings.ContainsAny(body, "$%") {
		return pattern{}, false
	}
	rest := strings.TrimSpace(body[1:])
	// the object: a word, a synset or a {phrase}, before any "(PREP ...)" group
	obj := rest
	if i := strings.IndexByte(rest, '('); i >= 0 {
		obj, rest = strings.TrimSpace(rest[:i]), rest[i:]
	} else {
		rest = ""
	}
	obj = strings.TrimSpace(strings.TrimSuffix(obj, "+"))
	switch {
	case obj == "":
	case strings.HasPrefix(obj, "{") && strings.HasSuffix(obj, "}"):
		w := phraseWords(strings.Trim(obj, "{}"))
		if len(w) == 0 || len(w) > 3 || !wordsOnly(w) {
			return pattern{}, false
		}
		p.objects = [][]string{w}
	case strings.HasPrefix(obj, "&") && !strings.Contains(obj, " "):
		for _, w := range synsets[obj] {
			if len(w) <= 3 && wordsOnly(w) {
				p.objects = append(p.objects, w)
			}
		}
		if len(p.objects) == 0 {
			return pattern{}, false
		}
	default:
		w := phraseWords(obj)
		if len(w) != 1 || !wordsOnly(w) {
			return pattern{}, false
		}
		p.objects = [][]string{w}
	}
	// one "(PREP)" or "(PREP +)" group: the target's preposition
	if rest != "" {
		g := strings.Fields(strings.Trim(strings.TrimSpace(rest), "()"))
		if strings.Count(rest, "(") != 1 || len(g) == 0 || len(g) > 2 || len(g) == 2 && g[1] != "+" {
			return pattern{}, false
		}
		p.prep = strings.ToLower(g[0])
		if !wordsOnly([]string{p.prep}) {
			return pattern{}, false
		}
	}
	if p.objects == nil && p.prep == "" {
		return pattern{}, false
	}
	return p, true
}

// ditransitive verbs take the receiver between the verb and the thing given.
var ditransitive = map[string]bool{"give": true, "send": true, "offer": true, "grant": true, "lend": true,
	"hand": true, "award": true, "promise": true, "sell": true, "pay": true, "deny": true, "supply": true}

// entry is one line of the derived lexicon.
type entry struct{ pattern, typ, code string }

func render(blocks []*verbBlock, plover map[string]string) string {
	seen := map[string]bool{}
	var out []entry
	add := func(pat, code string) {
		if !usable(code) || seen[pat] {
			return
		}
		typ := ploverType(plover, code)
		if typ == "" || !fits(typ, code) {
			return
		}
		seen[pat] = true
		out = append(out, entry{pat, typ, code})
	}
	for _, b := range blocks {
		for _, v := range b.verbs {
			lemma := strings.Join(v.words, " ")
			// the verb-object patterns first: they are more specific than the verb alone
			for _, p := range b.patterns {
				var parts []string
				parts = append(parts, lemma)
				if p.objects != nil {
					parts = append(parts, "...", alternatives(p.objects))
				}
				if p.prep != "" {
					parts = append(parts, p.prep)
				}
				add(strings.Join(parts, " "), p.code)
				if ditransitive[lemma] && p.objects != nil && p.prep == "" {
					// "gave Ukraine vaccines": the target between the verb and its object
					add(lemma+" {T} ... "+alternatives(p.objects), p.code)
					add(lemma+" ... "+alternatives(p.objects)+" to", p.code) // "gave vaccines to Laos"
				}
			}
			// A verb alone is not carried over: the dictionary's verb blocks are synonym
			// sets whose default code fits few of their members in news ("want", "think"
			// and "rule" would all be events). dyad's hand-curated relations.tsv holds the
			// verbs that signal an event by themselves.
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].pattern < out[j].pattern })
	var sb strings.Builder
	sb.WriteString(`# Derived by tools/lexgen from PETRARCH-2's CAMEO verb dictionary (CAMEO.2.0.txt, MIT) and
# PLOVER's CAMEO -> PLOVER table (CAMEO2PLOVER-2021.txt, CC BY-SA 4.0); see README.md for the
# notices. Do not edit by hand: change relations.tsv, which overrides any pattern here, or the
# converter, and run "go run ./tools/lexgen".
pattern	type	cameo	flags
`)
	for _, e := range out {
		fmt.Fprintf(&sb, "%s\t%s\t%s\t\n", e.pattern, e.typ, e.code)
	}
	return sb.String()
}

// alternatives writes object heads as a pattern element, each with its plural.
func alternatives(objs [][]string) string {
	var alts []string
	seen := map[string]bool{}
	for _, o := range objs {
		for _, form := range pluralise(o) {
			s := strings.Join(form, " ")
			if !seen[s] {
				seen[s] = true
				alts = append(alts, s)
			}
		}
	}
	if len(alts) == 1 {
		return alts[0]
	}
	return "(" + strings.Join(alts, "|") + ")"
}

func pluralise(words []string) [][]string {
	last := words[len(words)-1]
	var pl string
	n := len(last)
	switch {
	case strings.HasSuffix(last, "s"):
		return [][]string{words}
	case strings.HasSuffix(last, "y") && n > 1 && !strings.ContainsRune("aeiou", rune(last[n-2])):
		pl = last[:n-1] + "ies"
	case strings.HasSuffix(last, "x"), strings.HasSuffix(last, "ch"), strings.HasSuffix(last, "sh"):
		pl = last + "es"
	default:
		pl = last + "s"
	}
	p := append(append([]string{}, words[:len(words)-1]...), pl)
	return [][]string{words, p}
}
