package export

import (
	"strconv"
	"strings"
	"time"

	"github.com/dyadgraph/dyad/graph"
)

// kind is a field's type, which each format writes in its own way.
type kind int

const (
	text    kind = iota // a string; empty is absent
	integer             // an int
	real                // a float64
	boolean             // a bool
	list                // a []string, joined by ";" where a format has no lists
	instant             // a time.Time in RFC 3339, UTC; the zero time is absent (undated)
	day                 // a time.Time as YYYY-MM-DD, UTC; the zero time is absent
)

// field is one named column of a record. Every format spells a field by its name; see
// README.md's field table.
type field struct {
	name string
	kind kind
}

// The fields of actors (nodes), relations (edges) and claims (events), in the order that
// tabular formats write them.
var (
	actorFields = []field{{"id", text}, {"name", text}, {"kind", text}, {"country", text},
		{"code", text}, {"qid", text}, {"aliases", list}}
	distanceField  = field{"distance", integer} // a neighbourhood's actors only
	relationFields = []field{{"id", text}, {"source", text}, {"target", text}, {"type", text},
		{"cameo", text}, {"quad", text}, {"goldstein", real}, {"count", integer},
		{"first_seen", instant}, {"last_seen", instant}, {"score", real}}
	eventFields = []field{{"claim_id", text}, {"date", day}, {"time", instant}, {"relation_id", text},
		{"source", text}, {"source_name", text}, {"source_kind", text}, {"source_country", text}, {"source_code", text},
		{"target", text}, {"target_name", text}, {"target_kind", text}, {"target_country", text}, {"target_code", text},
		{"type", text}, {"cameo", text}, {"quad", text}, {"goldstein", real},
		{"confidence", real}, {"negated", boolean}, {"modality", text}, {"extractor", text}, {"extractor_version", text},
		{"predicate", text}, {"source_text", text}, {"target_text", text}, {"role", text},
		{"sentence", text}, {"start", integer}, {"end", integer},
		{"source_start", integer}, {"source_end", integer}, {"target_start", integer}, {"target_end", integer},
		{"article_id", text}, {"article_title", text}, {"article_url", text}, {"article_source", text},
		{"article_published", instant}}
	// The relations table adds the names of the ends.
	relationTableFields = []field{{"source", text}, {"source_name", text}, {"type", text},
		{"target", text}, {"target_name", text}, {"id", text}, {"cameo", text}, {"quad", text}, {"goldstein", real},
		{"count", integer}, {"first_seen", instant}, {"last_seen", instant}, {"score", real}}
)

// nodeFields are the actor fields of a selection: with distance for a neighbourhood.
func nodeFields(sel Selection) []field {
	if sel.Actor != "" {
		return append(actorFields[:len(actorFields):len(actorFields)], distanceField)
	}
	return actorFields
}

// actorRecord is an actor's values, in nodeFields' order.
func actorRecord(a graph.Actor, withDistance bool, distance int) []any {
	rec := []any{a.ID, a.Name, string(a.Kind), a.Country, graph.ActorCode(a), a.QID, a.Aliases}
	if withDistance {
		rec = append(rec, distance)
	}
	return rec
}

// relationRecord is a relation's values, in relationFields' order.
func relationRecord(r graph.Relation) []any {
	info, _ := r.Type.Info()
	return []any{r.Key().String(), r.Source, r.Target, string(r.Type), info.CAMEO, string(info.Quad),
		info.Cooperation, r.Count, r.FirstSeen, r.LastSeen, r.Score}
}

// relationTableRecord is a relation's values with its ends' names, in relationTableFields' order.
func relationTableRecord(r graph.Relation, names map[string]string) []any {
	info, _ := r.Type.Info()
	return []any{r.Source, names[r.Source], string(r.Type), r.Target, names[r.Target], r.Key().String(),
		info.CAMEO, string(info.Quad), info.Cooperation, r.Count, r.FirstSeen, r.LastSeen, r.Score}
}

// eventRecord is a claim's values, in eventFields' order. actors holds the claim's ends; an
// end missing from it exports with its id alone.
func eventRecord(k graph.RelationKey, e graph.Evidence, actors map[string]graph.Actor) []any {
	c, art := e.Claim, e.Article
	info, _ := c.Type.Info()
	src, tgt := actors[c.Source], actors[c.Target]
	cameo := c.CAMEO
	if cameo == "" {
		cameo = info.CAMEO
	}
	return []any{c.ID, c.Time, c.Time, k.String(),
		c.Source, src.Name, string(src.Kind), src.Country, graph.ActorCode(src),
		c.Target, tgt.Name, string(tgt.Kind), tgt.Country, graph.ActorCode(tgt),
		string(c.Type), cameo, string(info.Quad), info.Cooperation,
		c.Confidence, c.Negated, string(c.Modality), c.Extractor, c.ExtractorVers,
		c.Predicate, c.SourceText, c.TargetText, c.Role,
		c.Sentence, c.Start, c.End,
		c.SourceStart, c.SourceEnd, c.TargetStart, c.TargetEnd,
		art.ID, art.Title, art.URL, art.Source, art.Published}
}

// str renders a value as text for CSV, GraphML and GEXF: "" for an empty string or list, the
// zero time (undated) and nothing else.
func str(k kind, v any) string {
	switch k {
	case integer:
		return strconv.Itoa(v.(int))
	case real:
		return strconv.FormatFloat(v.(float64), 'g', -1, 64)
	case boolean:
		return strconv.FormatBool(v.(bool))
	case list:
		return strings.Join(v.([]string), ";")
	case instant, day:
		t := v.(time.Time)
		if t.IsZero() {
			return ""
		}
		if k == day {
			return t.UTC().Format(time.DateOnly)
		}
		return t.UTC().Format(time.RFC3339)
	}
	return v.(string)
}

// jsonValue renders a value for the JSON formats: null for an undated time, a list as an
// array (empty rather than null).
func jsonValue(k kind, v any) any {
	switch k {
	case instant, day:
		if s := str(k, v); s != "" {
			return s
		}
		return nil
	case list:
		if l := v.([]string); l != nil {
			return l
		}
		return []string{}
	}
	return v
}
