package eval

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The matching rules of score.py, one function for each of its own.

// oldLabels are older event labels and the PLOVER types they count as.
var oldLabels = map[string]string{"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}

// legacyCountries are old CAMEO country codes found in public gold sets, and their ISO codes.
var legacyCountries = map[string]string{"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}

// kindCodes are the CAMEO group codes of actor kinds without a country.
var kindCodes = map[string]string{"IGO": "IGO", "INTERNATIONAL_ORGANIZATION": "IGO", "NGO": "NGO", "ARMED_GROUP": "IMG"}

// norm lowers s, turns "the " into a space, keeps only a-z, 0-9 and spaces, and trims.
func norm(s string) string {
	s = strings.ReplaceAll(strings.ToLower(s), "the ", " ")
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == ' ' {
			b = append(b, c)
		}
	}
	return strings.Trim(string(b), " ")
}

// prefix is the first n code points of s, as Python's s[:n].
func prefix(s string, n int) string {
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i]
}

// actorCode is the three-letter code an actor is compared by: its country, or its kind's
// group code, or "".
func actorCode(a Actor) string {
	if c := strings.ToUpper(a.Country); utf8.RuneCountInString(c) == 3 {
		return c
	}
	return kindCodes[strings.ToUpper(a.Kind)]
}

// actorNames are the actor's normalised name, id and aliases.
func actorNames(a Actor) []string {
	out := make([]string, 0, 2+len(a.Aliases))
	for _, s := range append([]string{a.Name, a.ID}, a.Aliases...) {
		if n := norm(s); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// actorMatch reports whether a predicted actor is the gold actor: by name when names are
// given, else by the first three letters of the code.
func actorMatch(code string, names []string, a Actor) bool {
	if len(names) > 0 {
		have := actorNames(a)
		for _, g := range names {
			x := norm(g)
			for _, n := range have {
				if n == x || (len(x) > 3 && strings.Contains(n, x)) {
					return true
				}
			}
		}
		return false
	}
	c3 := strings.ToUpper(prefix(code, 3))
	if iso, ok := legacyCountries[c3]; ok {
		c3 = iso
	}
	return c3 != "" && actorCode(a) == c3
}

// upgrade maps an old label to its PLOVER type.
func upgrade(t string) string {
	if p, ok := oldLabels[t]; ok {
		return p
	}
	return t
}

// allDigits is Python's str.isdigit: not empty, and digits only.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// typeMatch reports whether the relation has one of the types in code (alternatives joined
// by "|"); an alternative starting with two digits is a CAMEO code compared by its root.
func typeMatch(code string, rel Relation) bool {
	t := upgrade(strings.ToUpper(rel.Type))
	for _, alt := range strings.Split(code, "|") {
		alt = strings.ToUpper(strings.TrimSpace(alt))
		if root := prefix(alt, 2); allDigits(root) {
			if prefix(rel.CAMEO, 2) == root {
				return true
			}
		} else if upgrade(alt) == t {
			return true
		}
	}
	return false
}

// eventMatch reports whether the relation is the gold event: its type and both actors.
func eventMatch(e Event, rel Relation) bool {
	return typeMatch(e.Code, rel) && actorMatch(e.Source, e.SourceNames, rel.Source) &&
		actorMatch(e.Target, e.TargetNames, rel.Target)
}

// dyadMatch reports whether the relation has the gold event's actors, whatever its type.
// score.py does this by putting the relation's own type in place of the event's code.
func dyadMatch(e Event, rel Relation) bool {
	e.Code = rel.Type
	return eventMatch(e, rel)
}

// tripleKey identifies a relation for deduplication: source, target and type.
type tripleKey struct{ source, target, typ string }

func tripleOf(rel Relation) tripleKey {
	return tripleKey{firstSet(rel.Source.ID, rel.Source.Name), firstSet(rel.Target.ID, rel.Target.Name),
		strings.ToUpper(rel.Type)}
}

func (k tripleKey) String() string { return k.source + " " + k.target + " " + k.typ }

func firstSet(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
