package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
)

// A person in the Phoenix country dictionary is a name line, "+" lines with other names, and
// indented "[CODE dates]" lines: the code is a state (ISO alpha-3) and a sector (GOV, MIL,
// ELI...), and the dates (YYMMDD) say when the person held it.
type personEntry struct {
	name    []string
	aliases [][]string
	roles   []role
}

type role struct {
	affiliation string // "RUS-GOV"
	from, to    string // YYYY-MM-DD or ""
}

var roleRe = regexp.MustCompile(`^\[([A-Z]{3})([A-Z]*)\s*([<>]?)(\d{6})?(?:-(\d{6}))?\]$`)

// sectorOf maps a Phoenix sector code to the organ dyad attributes the person's acts to.
// Elites (ELI: notable but holding no office then) and other sectors are not carried over.
func sectorOf(code string) string {
	switch {
	case strings.HasPrefix(code, "GOV"):
		return "GOV"
	case strings.HasPrefix(code, "MIL"):
		return "MIL"
	case strings.HasPrefix(code, "OPP"):
		return "OPP"
	case strings.HasPrefix(code, "REB"):
		return "REB"
	}
	return ""
}

func isoDate(yymmdd string) string {
	if yymmdd == "" {
		return ""
	}
	century := "20"
	if yymmdd[:2] > "30" {
		century = "19"
	}
	return century + yymmdd[:2] + "-" + yymmdd[2:4] + "-" + yymmdd[4:6]
}

// readPeople parses the dictionary and returns the derived people file.
// dataDir holds dyad's curated roles.tsv and countries.tsv, which say what a title is and which
// states exist.
func readPeople(path, dataDir string) (string, error) {
	titles, states, err := titleWords(dataDir)
	if err != nil {
		return "", err
	}
	var people []*personEntry
	var cur *personEntry
	err = eachDictLine(path, func(raw, line string) {
		switch {
		case strings.HasPrefix(line, "["):
			if cur == nil {
				return
			}
			m := roleRe.FindStringSubmatch(line)
			if m == nil || !states[m[1]] {
				return
			}
			sec := sectorOf(m[2])
			if sec == "" {
				return
			}
			r := role{affiliation: m[1] + "-" + sec}
			switch m[3] {
			case ">":
				r.from = isoDate(m[4])
			case "<":
				r.to = isoDate(m[4])
			default:
				r.from, r.to = isoDate(m[4]), isoDate(m[5])
			}
			cur.roles = append(cur.roles, r)
		case strings.HasPrefix(line, "+"):
			if cur != nil {
				cur.aliases = append(cur.aliases, phraseWords(formsRe.ReplaceAllString(line[1:], "")))
			}
		case raw[0] != ' ' && raw[0] != '\t' && !strings.ContainsAny(line, "[!=&"):
			cur = &personEntry{name: phraseWords(formsRe.ReplaceAllString(line, ""))}
			people = append(people, cur)
		default:
			cur = nil
		}
	})
	if err != nil {
		return "", err
	}
	return renderPeople(people, titles), nil
}

// eachDictLine calls fn with each line of a dictionary file that is not empty once its comment
// is cut: the line as it is (its indentation tells an entry from its codes) and trimmed.
func eachDictLine(path string, fn func(raw, line string)) error {
	return eachLine(path, func(raw string) {
		if line := strings.TrimSpace(commentRe.ReplaceAllString(raw, "")); line != "" {
			fn(raw, line)
		}
	})
}

// eachRow calls fn with the fields of each line of a tab-separated data file that is not a
// comment (the header line included).
func eachRow(path string, fn func(fields []string)) error {
	return eachLine(path, func(raw string) {
		if fields := strings.Split(raw, "\t"); !strings.HasPrefix(fields[0], "#") {
			fn(fields)
		}
	})
}

func eachLine(path string, fn func(string)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fn(sc.Text())
	}
	return sc.Err()
}

// titleWords are words that make a name a description ("President Putin", "Russian
// President"): the roles dyad knows, the demonyms and a few honorifics. The loader reads roles
// from the text itself, so the names kept here are the bare ones.
func titleWords(dataDir string) (map[string]bool, map[string]bool, error) {
	titles := map[string]bool{"mr": true, "mr.": true, "mrs": true, "mrs.": true, "ms": true, "ms.": true,
		"dr": true, "dr.": true, "sir": true, "senator": true, "sen.": true, "gen.": true, "general": true,
		"king": true, "queen": true, "prince": true, "us": true, "u.s.": true, "former": true, "the": true,
		"leader": true, "chief": true, "spokesman": true, "envoy": true, "ambassador": true}
	states := map[string]bool{}
	for _, name := range []string{"roles.tsv", "countries.tsv"} {
		err := eachRow(filepath.Join(dataDir, name), func(fields []string) {
			if name == "roles.tsv" {
				for _, w := range strings.Fields(strings.ToLower(fields[0])) {
					titles[w] = true
				}
				return
			}
			if len(fields) > 4 {
				states[fields[0]] = true
				for _, d := range strings.Split(fields[4], ";") {
					for _, w := range strings.Fields(strings.ToLower(d)) {
						titles[w] = true
					}
				}
			}
		})
		if err != nil {
			return nil, nil, err
		}
	}
	return titles, states, nil
}

func renderPeople(people []*personEntry, titles map[string]bool) string {
	byID := map[string]*personEntry{}
	var ids []string
	for _, p := range people {
		if len(p.roles) == 0 || len(p.name) < 2 || !wordsOnly(p.name) {
			continue
		}
		id := "person/" + strings.Join(p.name, "-")
		if q, ok := byID[id]; ok { // the same person listed twice: one record
			q.aliases = append(q.aliases, p.aliases...)
			q.roles = append(q.roles, p.roles...)
			continue
		}
		byID[id] = p
		ids = append(ids, id)
	}
	// a one-word name (a surname) is kept only where no person of another state shares it
	surnameStates := map[string]map[string]bool{}
	note := func(alias string, p *personEntry) {
		if surnameStates[alias] == nil {
			surnameStates[alias] = map[string]bool{}
		}
		for _, r := range p.roles {
			surnameStates[alias][r.affiliation[:3]] = true
		}
	}
	for _, id := range ids {
		p := byID[id]
		note(p.name[len(p.name)-1], p)
		for _, a := range p.aliases {
			if len(a) == 1 {
				note(a[0], p)
			}
		}
	}
	// A surname alone names a person in news when everyone in the dictionary with that surname
	// served the same state, and this person served it longest, for five years or more
	// ("Reagan", "Bush"); surnames shorter than five letters are left to the text.
	bySurname := map[string][]string{}
	for _, id := range ids {
		p := byID[id]
		sn := p.name[len(p.name)-1]
		bySurname[sn] = append(bySurname[sn], id)
	}
	autoSurname := map[string]string{} // person id -> surname
	for sn, group := range bySurname {
		if len(sn) < 5 || titles[sn] || len(surnameStates[sn]) > 1 {
			continue
		}
		best, bestDays := "", 0
		for _, id := range group {
			if d := tenureDays(byID[id].roles); d > bestDays {
				best, bestDays = id, d
			}
		}
		if bestDays >= 5*365 {
			autoSurname[best] = sn
		}
	}
	sort.Strings(ids)
	var sb strings.Builder
	sb.WriteString(`# Derived by tools/lexgen from the Phoenix country actor dictionary (Phoenix.Countries.actors.txt,
# MIT; see README.md): people, the state organ they served (GOV, MIL, OPP, REB) and when.
# Do not edit by hand: people-recent.tsv adds and overrides; run "go run ./tools/lexgen".
# roles: AFFILIATION:FROM:TO, dates as YYYY-MM-DD, empty for open ends.
id	name	aliases	roles
`)
	for _, id := range ids {
		p := byID[id]
		name := titleCase(p.name)
		var aliases []string
		seen := map[string]bool{strings.Join(p.name, " "): true}
		for _, a := range p.aliases {
			s := strings.Join(a, " ")
			if seen[s] || !wordsOnly(a) || hasTitle(a, titles) {
				continue
			}
			if len(a) == 1 && (len(surnameStates[a[0]]) > 1 || len(a[0]) < 4) {
				continue
			}
			seen[s] = true
			aliases = append(aliases, titleCase(a))
		}
		if sn, ok := autoSurname[id]; ok && !seen[sn] {
			seen[sn] = true
			aliases = append(aliases, titleCase([]string{sn}))
		}
		sort.Strings(aliases)
		var roles []string
		rseen := map[string]bool{}
		for _, r := range p.roles {
			s := fmt.Sprintf("%s:%s:%s", r.affiliation, r.from, r.to)
			if !rseen[s] {
				rseen[s] = true
				roles = append(roles, s)
			}
		}
		fmt.Fprintf(&sb, "%s\t%s\t%s\t%s\n", id, name, strings.Join(aliases, ";"), strings.Join(roles, ";"))
	}
	return sb.String()
}

func hasTitle(words []string, titles map[string]bool) bool {
	for _, w := range words {
		if titles[w] {
			return true
		}
	}
	return false
}

func titleCase(words []string) string {
	out := make([]string, len(words))
	for i, w := range words {
		parts := strings.Split(w, "-")
		for j, p := range parts {
			if p != "" && !(j > 0 && (p == "al" || p == "el")) {
				parts[j] = strings.ToUpper(p[:1]) + p[1:]
			}
		}
		out[i] = strings.Join(parts, "-")
	}
	return strings.Join(out, " ")
}

// tenureDays is the longest single role's length in days; an open end counts to 2014, when the
// dictionary was made.
func tenureDays(roles []role) int {
	best := 0
	for _, r := range roles {
		if r.from == "" {
			continue
		}
		from, err := time.Parse(time.DateOnly, r.from)
		if err != nil {
			continue
		}
		to := time.Date(2014, 1, 1, 0, 0, 0, 0, time.UTC)
		if r.to != "" {
			if t, err := time.Parse(time.DateOnly, r.to); err == nil {
				to = t
			}
		}
		if d := int(to.Sub(from).Hours() / 24); d > best {
			best = d
		}
	}
	return best
}
