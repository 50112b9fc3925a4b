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

// about says what each field means, for the datapackage.json that describes a table; a name
// means the same in every table it is in.
var about = map[string]string{
	"id":                "the relation's id, SOURCE|TYPE|TARGET",
	"claim_id":          "the claim's id, derived from its content: the same claim extracted twice has the same id",
	"date":              "when the claim happened, UTC; empty when undated",
	"time":              "when the claim happened, RFC 3339 in UTC: the article's publication time unless the text says otherwise; empty when undated",
	"relation_id":       "the relation the claim counts under, SOURCE|TYPE|TARGET (rolled up when the selection's rollup is set)",
	"source":            "the id of the actor who acts (an ISO 3166-1 alpha-3 code for a state, a slug such as igo/nato otherwise)",
	"source_name":       "the source actor's display name",
	"source_kind":       "what the source actor is: STATE, GOVERNMENT, MILITARY, PERSON, IGO, NGO, ARMED_GROUP, PARTY, MEDIA or OTHER",
	"source_country":    "ISO 3166-1 alpha-3 of the state the source actor is or belongs to",
	"source_code":       "the source's CAMEO-style actor code: its country and a role (USA, USAGOV, RUSMIL, YEMREB), IGO",
	"target":            "the id of the actor acted upon",
	"target_name":       "the target actor's display name",
	"target_kind":       "what the target actor is (as source_kind)",
	"target_country":    "ISO 3166-1 alpha-3 of the state the target actor is or belongs to",
	"target_code":       "the target's CAMEO-style actor code (as source_code)",
	"type":              "the PLOVER event type (AGREE ... ASSAULT), or AFFILIATION for a person's link to a state or organisation",
	"cameo":             "the CAMEO event code, a string of 2 to 4 digits with its leading zero (020 is an appeal, 100 a demand): the claim's own code for an event, the type's root for a relation; empty for AFFILIATION",
	"quad":              "VERBAL_COOPERATION, MATERIAL_COOPERATION, VERBAL_CONFLICT or MATERIAL_CONFLICT: for an event the quad of its CAMEO code (an appeal is cooperation, a demand conflict), for a relation its type's PLOVER quad; empty for AFFILIATION",
	"goldstein":         "the Goldstein-scale score, -10 (most conflictual) to +10 (most cooperative), of the event's CAMEO root, or of the relation type's root",
	"confidence":        "the extractor's confidence that the claim is right, 0 to 1",
	"negated":           "the text says it did not happen (such claims are in no relation)",
	"modality":          "how firmly it is asserted: ASSERTED, PLEDGED, THREATENED or HYPOTHETICAL",
	"extractor":         "the extractor that found it: rules or llm",
	"extractor_version": "that extractor's version",
	"predicate":         "the words of the event as written",
	"source_text":       "the source mention as written",
	"target_text":       "the target mention as written",
	"role":              "for AFFILIATION, the role as written (Secretary-General)",
	"sentence":          "the evidence sentence",
	"start":             "the sentence's start in the article text, in Unicode code points",
	"end":               "the sentence's end in the article text, in Unicode code points, exclusive",
	"source_start":      "the source mention's start in the article text, in Unicode code points (equal to source_end when unknown)",
	"source_end":        "the source mention's end in the article text, in Unicode code points, exclusive",
	"target_start":      "the target mention's start in the article text, in Unicode code points (equal to target_end when unknown)",
	"target_end":        "the target mention's end in the article text, in Unicode code points, exclusive",
	"article_id":        "the article's id",
	"article_title":     "the article's headline",
	"article_url":       "where the article was published",
	"article_source":    "the outlet or feed",
	"article_published": "the article's publication time, RFC 3339 in UTC",
	"count":             "how many claims (non-negated, passing the selection's filter) make the relation",
	"first_seen":        "the earliest time of the relation's dated claims, RFC 3339 in UTC",
	"last_seen":         "the latest time of the relation's dated claims, RFC 3339 in UTC",
	"score":             "1 - the product of (1 - confidence) over the relation's claims: the chance that at least one is right",
}

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
// end missing from it exports with its id alone. The claim's CAMEO code, quad and Goldstein score
// follow its predicate's code (graph.ClaimCAMEO, ClaimQuad, ClaimGoldstein): an appeal is
// cooperation where a demand, of the same type REQUEST, is conflict.
func eventRecord(k graph.RelationKey, e graph.Evidence, actors map[string]graph.Actor) []any {
	c, art := e.Claim, e.Article
	src, tgt := actors[c.Source], actors[c.Target]
	return []any{c.ID, c.Time, c.Time, k.String(),
		c.Source, src.Name, string(src.Kind), src.Country, graph.ActorCode(src),
		c.Target, tgt.Name, string(tgt.Kind), tgt.Country, graph.ActorCode(tgt),
		string(c.Type), graph.ClaimCAMEO(c), string(graph.ClaimQuad(c)), graph.ClaimGoldstein(c),
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
