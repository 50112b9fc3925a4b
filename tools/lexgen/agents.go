package main

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
)

// agentRe reads a Phoenix agent line: "DOCTOR [~HLH]", "LAWMAN {LAWMEN} [~COP]".
var agentRe = regexp.MustCompile(`^([A-Z][A-Z'-]*)\s*(\{[^}]*\})?\s*\[~([A-Z]+)\]`)

// agentSector maps a Phoenix agent code to the sector dyad's loader knows (loader/data
// sectors.tsv): a state organ (GOV), its forces (MIL), rebels (REB), the opposition (OPP), or
// its people (CIV). Criminals, religious and unidentified groups are not carried over: they
// are not the state's people in the sense news coding uses.
func agentSector(code string) string {
	switch {
	case strings.HasPrefix(code, "GOV"), code == "COP", code == "JUD", code == "LEG", code == "SPY":
		return "GOV"
	case code == "MIL":
		return "MIL"
	case strings.HasPrefix(code, "REB"), code == "INS", code == "SEP":
		return "REB"
	case strings.HasPrefix(code, "OPP"):
		return "OPP"
	case code == "CVL", code == "BUS", code == "MED", code == "HLH", code == "EDU", code == "AGR", code == "LAB", code == "REF", code == "ENV", code == "HRI":
		return "CIV"
	}
	return ""
}

// readAgents derives single-word agent nouns, singular and plural, with their sector.
func readAgents(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	words := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		m := agentRe.FindStringSubmatch(strings.TrimSpace(sc.Text()))
		if m == nil || strings.ContainsAny(m[1], "_!") {
			continue
		}
		sec := agentSector(m[3])
		if sec == "" {
			continue
		}
		w := strings.ToLower(m[1])
		forms := []string{w, plural(w)}
		for _, x := range strings.Fields(strings.Trim(m[2], "{}")) {
			forms = append(forms, strings.ToLower(x))
		}
		for _, x := range forms {
			if prev, ok := words[x]; ok && prev != sec {
				words[x] = "" // two sectors: leave it out
				continue
			}
			words[x] = sec
		}
	}
	if err := sc.Err(); err != nil {
		return "", err
	}
	var keys []string
	for w, sec := range words {
		if sec != "" && len(w) > 2 {
			keys = append(keys, w)
		}
	}
	sort.Strings(keys)
	var sb strings.Builder
	sb.WriteString(`# Derived by tools/lexgen from the Phoenix agents dictionary (Phoenix.agents.txt, MIT; see
# README.md): agent nouns and the sector of a state they name ("doctors" -> CIV, "police" ->
# GOV). Do not edit by hand: sectors.tsv, read after this file, overrides any word here.
word	sector
`)
	for _, w := range keys {
		fmt.Fprintf(&sb, "%s\t%s\n", w, words[w])
	}
	return sb.String(), nil
}

func plural(w string) string {
	if p := pluralise([]string{w}); len(p) > 1 {
		return p[1][0]
	}
	return w
}
