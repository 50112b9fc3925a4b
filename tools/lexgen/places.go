package main

import (
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/dyadgraph/dyad/loader/syntax"
)

// A state's entry in the Phoenix country dictionary is its name line, "+" lines with other
// names, and indented "[CODE dates]" lines; one of the codes is the state's bare ISO alpha-3
// code ("[UKR >911221]"). The other names are of three kinds: spellings and translations of the
// state's name ("+UKRAINA_"), its demonyms, and the places in it: cities, regions, landmarks
// ("+KHARKIV_", "+DONBAS_", "+NEGEV_DESERT_"). dyad takes the places.
type stateEntry struct {
	name     string
	synonyms []string
	codes    []string
}

var stateCodeRe = regexp.MustCompile(`\[([A-Z]{3})(?:\s[^\]]*)?\]`)

// readPlaces parses the dictionary and returns the derived places file. dataDir holds dyad's
// countries.tsv and actors.tsv, whose names a place must not repeat.
func readPlaces(path, dataDir string) (string, error) {
	states, known, err := knownNames(dataDir)
	if err != nil {
		return "", err
	}
	personWords, err := namesOfPeople(dataDir)
	if err != nil {
		return "", err
	}
	tagger, err := syntax.Default()
	if err != nil {
		return "", err
	}
	var entries []*stateEntry
	var cur *stateEntry
	err = eachDictLine(path, func(raw, line string) {
		switch {
		case strings.HasPrefix(line, "+"):
			if cur != nil {
				cur.synonyms = append(cur.synonyms, line[1:])
			}
		case raw[0] == ' ' || raw[0] == '\t' || strings.HasPrefix(line, "["):
			if cur != nil {
				for _, m := range stateCodeRe.FindAllStringSubmatch(line, -1) {
					cur.codes = append(cur.codes, m[1])
				}
			}
		default:
			name, codes, _ := strings.Cut(line, "[")
			cur = &stateEntry{name: strings.TrimSpace(name)}
			if codes != "" {
				for _, m := range stateCodeRe.FindAllStringSubmatch("["+codes, -1) {
					cur.codes = append(cur.codes, m[1])
				}
			}
			entries = append(entries, cur)
		}
	})
	if err != nil {
		return "", err
	}

	placeOf := map[string]string{} // lower-cased place -> state, "" when two states claim it
	display := map[string]string{}
	for _, e := range entries {
		iso := stateOf(e, states)
		if iso == "" {
			continue
		}
		for _, syn := range e.synonyms {
			words := phraseWords(syn)
			if len(words) == 0 || !placeLike(words) || naturalFeature(words) {
				continue
			}
			if len(words) > 1 && words[0] == "the" {
				words = words[1:]
			}
			key := strings.Join(words, " ")
			if known[key] || len(words) == 1 && personWords[key] || variantOf(key, states[iso]) ||
				len(words) == 1 && (len(key) < 4 || tagger.CommonWord(key)) {
				continue
			}
			if prev, ok := placeOf[key]; ok && prev != iso {
				placeOf[key] = ""
				continue
			}
			placeOf[key] = iso
			display[key] = titleCase(words)
		}
	}
	keys := make([]string, 0, len(placeOf))
	for k, iso := range placeOf {
		if iso != "" {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		if placeOf[keys[i]] != placeOf[keys[j]] {
			return placeOf[keys[i]] < placeOf[keys[j]]
		}
		return keys[i] < keys[j]
	})
	var sb strings.Builder
	sb.WriteString(`# Derived by tools/lexgen from the Phoenix country actor dictionary (Phoenix.Countries.actors.txt,
# see README.md for its licence): the cities, regions and landmarks listed under each state's entry.
# Do not edit by hand; run ` + "`go run ./tools/lexgen`" + `. Left out: rivers, lakes, seas and mountains,
# other spellings of the state's own
# names (their place is countries.tsv), names the gazetteer already has, names listed under two
# states, and single words that are also everyday English ("Nice", "Reading") or part of a
# person's name in people.tsv or people-recent.tsv ("Austin", "Lawrence").
#
# place    the place's name as news writes it
# country  the state it lies in (ISO alpha-3), as the dictionary codes it
place	country
`)
	for _, k := range keys {
		fmt.Fprintf(&sb, "%s\t%s\n", display[k], placeOf[k])
	}
	return sb.String(), nil
}

// stateOf returns the state an entry describes: its bare state code, when the entry's name is
// one of that state's names (people carry codes of states too, with a sector: "[UKRGOV]").
func stateOf(e *stateEntry, states map[string][]string) string {
	name := strings.Join(phraseWords(e.name), " ")
	for i := len(e.codes) - 1; i >= 0; i-- {
		names, ok := states[e.codes[i]]
		if !ok {
			continue
		}
		for _, n := range names {
			if n == name || variantOf(name, []string{n}) {
				return e.codes[i]
			}
		}
	}
	return ""
}

// placeLike reports a name made of letters, spaces and hyphens only: no abbreviations
// ("GT._BRIT"), glosses ("AMERICA_(US)") or transliterations with apostrophes.
func placeLike(words []string) bool {
	for _, w := range words {
		for _, r := range w {
			if !(r >= 'a' && r <= 'z' || r == '-') {
				return false
			}
		}
	}
	return true
}

// naturalFeature reports a river, lake, sea or mountain: a scene that no state stands for, and
// often shared by several.
func naturalFeature(words []string) bool {
	for _, w := range words {
		switch w {
		case "river", "lake", "sea", "mount", "mountain", "mountains", "falls", "canyon", "gulf", "bay", "ocean", "strait":
			return true
		}
	}
	return false
}

// variantOf reports whether a name is a spelling of one of the state's names: the same first
// four letters, or at most a fifth of its letters changed.
func variantOf(name string, names []string) bool {
	a := strings.ReplaceAll(strings.ReplaceAll(name, " ", ""), "-", "")
	for _, n := range names {
		b := strings.ReplaceAll(strings.ReplaceAll(n, " ", ""), "-", "")
		if len(a) >= 4 && len(b) >= 4 && a[:4] == b[:4] {
			return true
		}
		if d := editDistance(a, b); d*5 <= max(len(a), len(b)) {
			return true
		}
	}
	return false
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// knownNames reads countries.tsv and actors.tsv: each state's names (name, aliases, demonyms,
// lower-cased), and every name the gazetteer has already (capitals and seats included).
func knownNames(dataDir string) (map[string][]string, map[string]bool, error) {
	states := map[string][]string{}
	known := map[string]bool{}
	for _, name := range []string{"countries.tsv", "actors.tsv"} {
		header := true
		err := eachRow(filepath.Join(dataDir, name), func(fields []string) {
			if len(fields) < 3 {
				return
			}
			if header {
				header = false
				return
			}
			var names []string
			if name == "countries.tsv" {
				for _, col := range []int{2, 3, 4, 5, 6} {
					if col < len(fields) {
						names = append(names, strings.Split(fields[col], ";")...)
					}
				}
				for _, col := range []int{2, 3, 4} {
					for _, n := range strings.Split(fields[col], ";") {
						if n != "" {
							states[fields[0]] = append(states[fields[0]], strings.ToLower(n))
						}
					}
				}
			} else {
				names = append(names, fields[2])
				if len(fields) > 5 {
					names = append(names, strings.Split(fields[5], ";")...)
				}
			}
			for _, n := range names {
				if n = strings.ToLower(strings.TrimSpace(n)); n != "" {
					known[strings.TrimPrefix(n, "the ")] = true
				}
			}
		})
		if err != nil {
			return nil, nil, err
		}
	}
	return states, known, nil
}

// namesOfPeople returns the words of the names and aliases of people.tsv and people-recent.tsv,
// lower-cased: a one-word place that is also a person's name ("Austin") is left out.
func namesOfPeople(dataDir string) (map[string]bool, error) {
	words := map[string]bool{}
	for _, name := range []string{"people.tsv", "people-recent.tsv"} {
		err := eachRow(filepath.Join(dataDir, name), func(fields []string) {
			if len(fields) < 3 {
				return
			}
			for _, n := range append([]string{fields[1]}, strings.Split(fields[2], ";")...) {
				for _, w := range strings.Fields(strings.ToLower(n)) {
					words[w] = true
				}
			}
		})
		if err != nil {
			return nil, err
		}
	}
	return words, nil
}
