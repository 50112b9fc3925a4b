package graph

import (
	"slices"
	"strings"
	"unicode"
)

// ClampHops clamps a neighbourhood's hop count to 0..MaxHops.
func ClampHops(h int) int { return max(0, min(h, MaxHops)) }

// ClampPathHops clamps a path's length bound to 1..MaxPathHops.
func ClampPathHops(h int) int { return max(1, min(h, MaxPathHops)) }

// ClampLimit clamps a neighbourhood's actor cap to 1..MaxLimit, DefaultLimit when unset.
func ClampLimit(l int) int {
	if l <= 0 {
		return DefaultLimit
	}
	return min(l, MaxLimit)
}

// Passes reports whether a claim passes the filter (see RelationFilter). Negated claims never do.
func (f RelationFilter) Passes(c Claim) bool {
	if c.Negated || !f.AllowsType(c.Type) || c.Confidence < f.MinConfidence {
		return false
	}
	if (f.Since != nil || f.Until != nil) && c.Time.IsZero() {
		return false // an undated claim is in no time range
	}
	if f.Since != nil && c.Time.Before(*f.Since) {
		return false
	}
	if f.Until != nil && c.Time.After(*f.Until) {
		return false
	}
	return true
}

// AllowsType reports whether the filter lets relations of type t through.
func (f RelationFilter) AllowsType(t RelationType) bool {
	if t == Affiliation && !slices.Contains(f.Types, Affiliation) {
		return false
	}
	if len(f.Types) > 0 && !slices.Contains(f.Types, t) {
		return false
	}
	return f.Quad == "" || t.Quad() == f.Quad
}

// AllowedTypes lists, from the whitelist Types, the types the filter lets through.
func (f RelationFilter) AllowedTypes() []RelationType {
	var out []RelationType
	for _, i := range Types {
		if f.AllowsType(i.Type) {
			out = append(out, i.Type)
		}
	}
	return out
}

// Validate reports ErrInvalid for unknown types or quads and for an inverted time window.
func (f RelationFilter) Validate() error {
	for _, t := range f.Types {
		if !t.Valid() {
			return Errorf(ErrInvalid, "unknown relation type %q", t)
		}
	}
	switch f.Quad {
	case "", VerbalCooperation, MaterialCooperation, VerbalConflict, MaterialConflict:
	default:
		return Errorf(ErrInvalid, "unknown quad %q", f.Quad)
	}
	if f.Since != nil && f.Until != nil && f.Until.Before(*f.Since) {
		return Errorf(ErrInvalid, "until %s is before since %s", f.Until, f.Since)
	}
	return nil
}

// RollupKinds are the kinds of actor that RelationFilter.Rollup counts as their state.
var RollupKinds = []ActorKind{KindGovernment, KindMilitary}

// RollupID is the id an actor stands under when RelationFilter.Rollup is set: its Country for a
// government or military with a Country, its own id otherwise. It does not check that the state
// is stored; stores roll an actor up only when it is.
func RollupID(a Actor) string {
	if a.Country != "" && slices.Contains(RollupKinds, a.Kind) {
		return a.Country
	}
	return a.ID
}

// RollupKey maps a claim's ends through id (an actor id to the id it stands under) and reports
// the relation key the claim counts under, or false when the mapping turns a claim between two
// actors into a self-relation, which roll-up drops.
func RollupKey(c Claim, id func(string) string) (RelationKey, bool) {
	k := RelationKey{Source: id(c.Source), Type: c.Type, Target: id(c.Target)}
	if k.Source == k.Target && c.Source != c.Target {
		return RelationKey{}, false
	}
	return k, true
}

// Aggregate derives the relations that the claims support under the filter, ordered as
// Store.Relations orders them. It does not roll up; see AggregateMapped.
func Aggregate(claims []Claim, f RelationFilter) []Relation {
	return AggregateMapped(claims, f, nil)
}

// AggregateMapped is Aggregate with each claim's ends mapped through id (nil for none), as
// RollupKey maps them: claims are counted under the mapped key, and claims that the mapping
// turns into a self-relation are dropped. Stores pass an id that applies RollupID to stored
// actors when the filter's Rollup is set.
func AggregateMapped(claims []Claim, f RelationFilter, id func(string) string) []Relation {
	if id == nil {
		id = func(s string) string { return s }
	}
	byKey := map[RelationKey]*Relation{}
	conf := map[RelationKey][]float64{}
	var keys []RelationKey
	for _, c := range claims {
		if !f.Passes(c) {
			continue
		}
		k, ok := RollupKey(c, id)
		if !ok {
			continue
		}
		r := byKey[k]
		if r == nil {
			r = &Relation{Source: k.Source, Target: k.Target, Type: c.Type}
			byKey[k] = r
			keys = append(keys, k)
		}
		r.Count++
		r.Seen(c.Time)
		conf[k] = append(conf[k], c.Confidence)
	}
	out := make([]Relation, 0, len(keys))
	for _, k := range keys {
		r := byKey[k]
		r.Score = ScoreOf(conf[k])
		out = append(out, *r)
	}
	SortRelations(out)
	return out
}

// SortRelations orders relations by count (highest first), then source, type and target.
func SortRelations(rs []Relation) {
	slices.SortFunc(rs, func(a, b Relation) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		if c := strings.Compare(a.Source, b.Source); c != 0 {
			return c
		}
		if c := strings.Compare(string(a.Type), string(b.Type)); c != 0 {
			return c
		}
		return strings.Compare(a.Target, b.Target)
	})
}

// MaxSearchWords bounds the words of an actor search: names are a few words long, and a search
// of thousands of words would only cost the store time (Neo4j refuses the full-text query).
const MaxSearchWords = 64

// CheckSearch reports ErrInvalid for a search of more than MaxSearchWords words.
func CheckSearch(search string) error {
	if n := len(SearchWords(search)); n > MaxSearchWords {
		return Errorf(ErrInvalid, "search has %d words; at most %d are allowed", n, MaxSearchWords)
	}
	return nil
}

// SearchWords splits a search or a name into lower-case words of letters and digits.
func SearchWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// MatchesSearch reports whether every word of the search is a prefix of a word of the actor's
// name or of one of its aliases.
func MatchesSearch(a Actor, search string) bool {
	var words []string
	for _, n := range append([]string{a.Name}, a.Aliases...) {
		words = append(words, SearchWords(n)...)
	}
	for _, q := range SearchWords(search) {
		if !slices.ContainsFunc(words, func(w string) bool { return strings.HasPrefix(w, q) }) {
			return false
		}
	}
	return true
}

// SearchRank ranks a matching actor: 0 when its name is the search, 1 when its name starts
// with it, 2 otherwise (comparisons ignore case).
func SearchRank(a Actor, search string) int {
	n, q := strings.ToLower(a.Name), strings.ToLower(strings.TrimSpace(search))
	switch {
	case n == q:
		return 0
	case strings.HasPrefix(n, q):
		return 1
	}
	return 2
}
