package neo4j

import (
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/dyadgraph/dyad/graph"
	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// This file turns domain values into property maps and back. Every property map is sent as a
// query parameter; nothing here becomes part of a query string.

// get returns a record's value by key, nil if absent.
func get(r *driver.Record, key string) any {
	v, _ := r.Get(key)
	return v
}

func asString(v any) string {
	s, _ := v.(string)
	return s
}

func asInt(v any) int64 {
	switch n := v.(type) {
	case int64:
		return n
	case float64:
		return int64(n)
	}
	return 0
}

func asFloat(v any) float64 {
	switch n := v.(type) {
	case float64:
		return n
	case int64:
		return float64(n)
	}
	return 0
}

func asBool(v any) bool {
	b, _ := v.(bool)
	return b
}

// asTime reads a DATETIME back in UTC; the stored 0001-01-01T00:00:00Z becomes the zero time.
func asTime(v any) time.Time {
	t, _ := v.(time.Time)
	return t.UTC()
}

// dbTime is the value stored for t: the same instant in UTC.
func dbTime(t time.Time) time.Time { return t.UTC() }

func asStrings(v any) []string {
	list, _ := v.([]any)
	if len(list) == 0 {
		return nil
	}
	out := make([]string, 0, len(list))
	for _, x := range list {
		out = append(out, asString(x))
	}
	return out
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

// sortKey is the key that orders strings as Go compares them, byte by byte: the hexadecimal of
// their UTF-8. Neo4j compares strings by UTF-16 code units, which puts characters beyond U+FFFF
// before those from U+E000 to U+FFFF; hexadecimal digits compare alike in every encoding.
func sortKey(s string) string { return hex.EncodeToString([]byte(s)) }

// actorProps is the property map of an actor, with the fields derived for search.
func actorProps(a graph.Actor) map[string]any {
	var words []string
	for _, n := range append([]string{a.Name}, a.Aliases...) {
		words = append(words, graph.SearchWords(n)...)
	}
	slices.Sort(words)
	words = slices.Compact(words)
	aliases := a.Aliases
	if aliases == nil {
		aliases = []string{}
	}
	if words == nil {
		words = []string{}
	}
	return map[string]any{
		"id":          a.ID,
		"idKey":       sortKey(a.ID),
		"name":        a.Name,
		"nameKey":     sortKey(a.Name),
		"kind":        string(a.Kind),
		"country":     a.Country,
		"qid":         a.QID,
		"aliases":     aliases,
		"aliasText":   strings.Join(a.Aliases, "\n"),
		"nameLower":   strings.ToLower(a.Name),
		"searchWords": words,
		"searchText":  strings.Join(words, " "),
	}
}

func actorFrom(m map[string]any) graph.Actor {
	return graph.Actor{
		ID:      asString(m["id"]),
		Name:    asString(m["name"]),
		Kind:    graph.ActorKind(asString(m["kind"])),
		Country: asString(m["country"]),
		QID:     asString(m["qid"]),
		Aliases: asStrings(m["aliases"]),
	}
}

func articleProps(a graph.Article) map[string]any {
	return map[string]any{
		"id":        a.ID,
		"url":       a.URL,
		"title":     a.Title,
		"source":    a.Source,
		"published": dbTime(a.Published),
	}
}

func articleFrom(m map[string]any) graph.Article {
	return graph.Article{
		ID:        asString(m["id"]),
		URL:       asString(m["url"]),
		Title:     asString(m["title"]),
		Source:    asString(m["source"]),
		Published: asTime(m["published"]),
	}
}

func claimProps(c graph.Claim) map[string]any {
	return map[string]any{
		"id":               c.ID,
		"idKey":            sortKey(c.ID),
		"article":          c.ArticleID,
		"source":           c.Source,
		"sourceKey":        sortKey(c.Source),
		"target":           c.Target,
		"targetKey":        sortKey(c.Target),
		"type":             string(c.Type),
		"cameo":            c.CAMEO,
		"predicate":        c.Predicate,
		"sourceText":       c.SourceText,
		"targetText":       c.TargetText,
		"sourceStart":      int64(c.SourceStart),
		"sourceEnd":        int64(c.SourceEnd),
		"targetStart":      int64(c.TargetStart),
		"targetEnd":        int64(c.TargetEnd),
		"role":             c.Role,
		"sentence":         c.Sentence,
		"start":            int64(c.Start),
		"end":              int64(c.End),
		"confidence":       c.Confidence,
		"negated":          c.Negated,
		"modality":         string(c.Modality),
		"time":             dbTime(c.Time),
		"extractor":        c.Extractor,
		"extractorVersion": c.ExtractorVers,
	}
}

func claimFrom(m map[string]any) graph.Claim {
	return graph.Claim{
		ID:            asString(m["id"]),
		ArticleID:     asString(m["article"]),
		Source:        asString(m["source"]),
		Target:        asString(m["target"]),
		Type:          graph.RelationType(asString(m["type"])),
		CAMEO:         asString(m["cameo"]),
		Predicate:     asString(m["predicate"]),
		SourceText:    asString(m["sourceText"]),
		TargetText:    asString(m["targetText"]),
		SourceStart:   int(asInt(m["sourceStart"])),
		SourceEnd:     int(asInt(m["sourceEnd"])),
		TargetStart:   int(asInt(m["targetStart"])),
		TargetEnd:     int(asInt(m["targetEnd"])),
		Role:          asString(m["role"]),
		Sentence:      asString(m["sentence"]),
		Start:         int(asInt(m["start"])),
		End:           int(asInt(m["end"])),
		Confidence:    asFloat(m["confidence"]),
		Negated:       asBool(m["negated"]),
		Modality:      graph.Modality(asString(m["modality"])),
		Time:          asTime(m["time"]),
		Extractor:     asString(m["extractor"]),
		ExtractorVers: asString(m["extractorVersion"]),
	}
}

// relationFrom reads a relation row: source, type, target, count, firstSeen, lastSeen and either
// score (a derived edge) or confidences (aggregated claims, in claim id order).
// relationsFrom reads a list of relation maps, as relationFrom reads one.
func relationsFrom(v any) []graph.Relation {
	var rels []graph.Relation
	for _, m := range asList(v) {
		rels = append(rels, relationFrom(asMap(m)))
	}
	return rels
}

func relationFrom(m map[string]any) graph.Relation {
	r := graph.Relation{
		Source:    asString(m["source"]),
		Target:    asString(m["target"]),
		Type:      graph.RelationType(asString(m["type"])),
		Count:     int(asInt(m["count"])),
		FirstSeen: asTime(m["firstSeen"]),
		LastSeen:  asTime(m["lastSeen"]),
		Score:     asFloat(m["score"]),
	}
	if confs, ok := m["confidences"].([]any); ok {
		fs := make([]float64, len(confs))
		for i, c := range confs {
			fs[i] = asFloat(c)
		}
		r.Score = graph.ScoreOf(fs)
	}
	return r
}

// typePattern joins types into a relationship type pattern ("SUPPORT|AID"). It accepts only
// types of the whitelist graph.Types whose names are plain upper-case identifiers, so the
// pattern it returns is safe to put into a query string.
func typePattern(types []graph.RelationType) (string, error) {
	parts := make([]string, 0, len(types))
	for _, t := range types {
		if !t.Valid() || !isTypeName(string(t)) {
			return "", graph.Errorf(graph.ErrInvalid, "relation type %q is not in the whitelist", t)
		}
		parts = append(parts, string(t))
	}
	if len(parts) == 0 {
		return "", fmt.Errorf("neo4j: empty relation type pattern")
	}
	return strings.Join(parts, "|"), nil
}

func isTypeName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if (r < 'A' || r > 'Z') && r != '_' {
			return false
		}
	}
	return true
}

// allTypes lists every type of the whitelist.
func allTypes() []graph.RelationType {
	out := make([]graph.RelationType, len(graph.Types))
	for i, t := range graph.Types {
		out[i] = t.Type
	}
	return out
}

func typeStrings(types []graph.RelationType) []string {
	out := make([]string, len(types))
	for i, t := range types {
		out[i] = string(t)
	}
	return out
}
