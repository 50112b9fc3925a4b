package loader

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/dyadgraph/dyad/graph"
)

// The extract contract: `dyad extract` prints one JSON line per article,
//
//	{"article": ID, "relations": [RELATION, ...], "other_actors": [ACTOR, ...]}
//
// "other_actors" (omitted when empty) lists the actors found in the article that no relation
// names: unknown capitalised names (candidates, kept for review rather than dropped), people,
// and the states whose government or military a relation names (the node a roll-up uses).
//
// RELATION: {"source": ACTOR, "target": ACTOR, "type": a PLOVER type or "AFFILIATION",
// "cameo": CAMEO code, "predicate": the words as written, "sentence": the evidence sentence,
// "start": n, "end": n (the sentence's code point offsets in the article text, half-open),
// "confidence": 0..1, "negated": bool, "modality": ASSERTED|PLEDGED|THREATENED|HYPOTHETICAL,
// "role": the role as written (AFFILIATION only), "time": RFC 3339 (when known),
// "extractor": the extractor's name, "version": its version, "source_text" and "target_text":
// the words that name each end as written (when known), "source_start", "source_end",
// "target_start", "target_end": their code point offsets in the article text, half-open
// (when known)}
//
// ACTOR: {"id", "name", "kind": STATE|GOVERNMENT|MILITARY|PERSON|IGO|NGO|ARMED_GROUP|PARTY|
// MEDIA|OTHER, "country": ISO 3166-1 alpha-3 (when the actor is or belongs to a state), "qid":
// Wikidata id (when known), "aliases": other names (when any)}
//
// Fields are added to the contract, never renamed or removed; readers ignore fields they do
// not know.

// ContractActor is an ACTOR of the extract contract.
type ContractActor struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Kind    string   `json:"kind"`
	Country string   `json:"country,omitempty"`
	QID     string   `json:"qid,omitempty"`
	Aliases []string `json:"aliases,omitempty"`
}

// ContractRelation is a RELATION of the extract contract.
type ContractRelation struct {
	Source     ContractActor `json:"source"`
	Target     ContractActor `json:"target"`
	Type       string        `json:"type"`
	CAMEO      string        `json:"cameo"`
	Predicate  string        `json:"predicate"`
	Sentence   string        `json:"sentence"`
	Start      int           `json:"start"`
	End        int           `json:"end"`
	Confidence float64       `json:"confidence"`
	Negated    bool          `json:"negated"`
	Modality   string        `json:"modality,omitempty"`
	Role       string        `json:"role,omitempty"`
	Time       string        `json:"time,omitempty"`
	Extractor  string        `json:"extractor"`
	Version    string        `json:"version,omitempty"`
	SourceText string        `json:"source_text,omitempty"`
	TargetText string        `json:"target_text,omitempty"`
	// The ends' offsets are pointers so that a mention at offset 0 is written, and an
	// unknown one is not.
	SourceStart *int `json:"source_start,omitempty"`
	SourceEnd   *int `json:"source_end,omitempty"`
	TargetStart *int `json:"target_start,omitempty"`
	TargetEnd   *int `json:"target_end,omitempty"`
}

// ContractRecord is one line of the extract contract: an article, its relations, and the
// other actors found in it.
type ContractRecord struct {
	Article     string             `json:"article"`
	Relations   []ContractRelation `json:"relations"`
	OtherActors []ContractActor    `json:"other_actors,omitempty"`
}

// Contract converts an extraction to its contract record. Every claim's actors must be
// among the extraction's actors.
func Contract(x graph.Extraction) (ContractRecord, error) {
	actors := make(map[string]ContractActor, len(x.Actors))
	for _, a := range x.Actors {
		actors[a.ID] = ContractActor{ID: a.ID, Name: a.Name, Kind: string(a.Kind), Country: a.Country, QID: a.QID, Aliases: a.Aliases}
	}
	rec := ContractRecord{Article: x.Article.ID, Relations: make([]ContractRelation, 0, len(x.Claims))}
	named := make(map[string]bool, len(x.Actors))
	for i, c := range x.Claims {
		src, ok := actors[c.Source]
		if !ok {
			return ContractRecord{}, fmt.Errorf("article %s: claim %d: source actor %q is not among the extraction's actors", x.Article.ID, i, c.Source)
		}
		dst, ok := actors[c.Target]
		if !ok {
			return ContractRecord{}, fmt.Errorf("article %s: claim %d: target actor %q is not among the extraction's actors", x.Article.ID, i, c.Target)
		}
		r := ContractRelation{Source: src, Target: dst, Type: string(c.Type), CAMEO: c.CAMEO, Predicate: c.Predicate,
			Sentence: c.Sentence, Start: c.Start, End: c.End, Confidence: c.Confidence, Negated: c.Negated,
			Modality: string(c.Modality), Role: c.Role, Extractor: c.Extractor, Version: c.ExtractorVers}
		if !c.Time.IsZero() {
			r.Time = c.Time.UTC().Format(time.RFC3339)
		}
		r.SourceText, r.TargetText = c.SourceText, c.TargetText
		if c.SourceEnd > c.SourceStart {
			r.SourceStart, r.SourceEnd = ptr(c.SourceStart), ptr(c.SourceEnd)
		}
		if c.TargetEnd > c.TargetStart {
			r.TargetStart, r.TargetEnd = ptr(c.TargetStart), ptr(c.TargetEnd)
		}
		rec.Relations = append(rec.Relations, r)
		named[c.Source], named[c.Target] = true, true
	}
	for _, a := range x.Actors {
		if !named[a.ID] {
			rec.OtherActors = append(rec.OtherActors, actors[a.ID])
		}
	}
	return rec, nil
}

func ptr(n int) *int { return &n }

// ContractLine renders an extraction as one line of the extract contract, without the
// trailing newline.
func ContractLine(x graph.Extraction) ([]byte, error) {
	rec, err := Contract(x)
	if err != nil {
		return nil, err
	}
	return json.Marshal(rec)
}

// ParseContractLine reads one line of the extract contract.
func ParseContractLine(line []byte) (ContractRecord, error) {
	var rec ContractRecord
	if err := json.Unmarshal(line, &rec); err != nil {
		return ContractRecord{}, fmt.Errorf("extract contract: %w", err)
	}
	if rec.Article == "" {
		return ContractRecord{}, fmt.Errorf("extract contract: no article id")
	}
	return rec, nil
}
