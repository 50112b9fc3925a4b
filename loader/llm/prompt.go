package llm

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/dyadgraph/dyad/graph"
)

// ErrMalformedOutput is reported when the model's answer is not the JSON the schema asks for.
var ErrMalformedOutput = errors.New("malformed model output")

// relation is one relation as the model returns it.
type relation struct {
	Source     string  `json:"source"`
	Target     string  `json:"target"`
	Type       string  `json:"type"`
	Predicate  string  `json:"predicate"`
	Sentence   string  `json:"sentence"`
	Negated    bool    `json:"negated"`
	Modality   string  `json:"modality"`
	Role       string  `json:"role"`
	Confidence float64 `json:"confidence"`
}

// output is the model's whole answer.
type output struct {
	Relations []relation `json:"relations"`
}

// typeDefinitions gives each relation type a one-line definition for the prompt. Every type in
// graph.Types has one (a test checks).
var typeDefinitions = map[graph.RelationType]string{
	graph.Agree:       "agrees with the target: signs or settles an agreement, deal, truce or ceasefire, or says it will cooperate",
	graph.Consult:     "meets, visits, hosts, phones or negotiates with the target",
	graph.Support:     "backs the target in words: praises, endorses, defends, stands with or pledges support to it",
	graph.Concede:     "yields to the target: eases sanctions or restrictions, frees prisoners, accepts its demands, apologises",
	graph.Cooperate:   "cooperates with the target in deeds: military, economic, intelligence or judicial cooperation, joint exercises, trade",
	graph.Aid:         "gives the target material help: weapons, money, troops, equipment, humanitarian aid",
	graph.Retreat:     "withdraws or demobilises forces from or against the target, lifts a blockade, disarms",
	graph.Request:     "asks, urges, calls on, presses or demands that the target do something",
	graph.Accuse:      "criticises, condemns, blames, accuses or investigates the target",
	graph.Reject:      "refuses or rejects the target's request, proposal, demand or claim; vetoes it",
	graph.Threaten:    "threatens or warns the target of force, sanctions or other consequences; gives an ultimatum",
	graph.Protest:     "demonstrates, marches, strikes or boycotts against the target",
	graph.Sanction:    "imposes sanctions or an embargo on the target, expels its diplomats, cuts ties or aid",
	graph.Mobilize:    "deploys or masses forces against the target, raises their alert, or holds exercises aimed at it",
	graph.Coerce:      "arrests, detains, seizes, blockades, expels or represses the target or its people or property",
	graph.Assault:     "attacks the target: invades, strikes, bombs, shells, fights or kills",
	graph.Affiliation: "is a person who belongs to or holds a role in the target (a state, government or organisation)",
}

// systemPrompt is the instruction sent before every article.
var systemPrompt = buildSystemPrompt()

func buildSystemPrompt() string {
	var b strings.Builder
	b.WriteString(`You extract political relations between actors from news text, for an event data set.

An actor is a named state, government, ministry, military, international organisation, armed group, party, NGO or person. A relation says that the source actor did something to the target actor. Its type is one of:
`)
	for _, t := range graph.Types {
		fmt.Fprintf(&b, "- %s: the source %s.\n", t.Type, typeDefinitions[t.Type])
	}
	b.WriteString(`
For each relation, give:
- source, target: the actor's name as the text writes it, in its fullest form in the text ("NATO", "the United States", "Vladimir Putin", "the Foreign Ministry"). When the sentence refers to the actor with a pronoun or a description ("it", "the alliance", "the two countries"), give the name the text uses for it elsewhere.
- type: one of the types above.
- predicate: the words of the sentence that express the relation, as written ("pledged support for", "invasion of").
- sentence: the whole sentence that states the relation, copied character for character from the text. Never shorten, paraphrase, translate or correct it.
- negated: true when the text says it did not or will not happen ("did not attack", "denied sending arms").
- modality: ASSERTED if reported as happening or having happened; PLEDGED if promised or intended; THREATENED if threatened as a consequence; HYPOTHETICAL if conditional or speculative.
- role: for AFFILIATION, the person's title as written ("Secretary-General", "foreign minister"); otherwise "".
- confidence: from 0 to 1, how sure you are that the text states this relation.

Rules:
- Only relations the text states between two different actors. A statement by an official or organ counts as a statement by that official or organ; name it as written.
- A mutual action ("X and Y signed a deal", "X and Y held talks") gives one relation in each direction. A list of actors gives one relation per actor.
- Name a person's AFFILIATION when the text gives their role.
- If there are no relations, answer {"relations": []}.

Answer with the JSON object only, no other text.`)
	return b.String()
}

// userPrompt wraps one chunk of an article's text.
func userPrompt(text string) string {
	return "Extract the relations from this news text.\n\nTEXT:\n" + text
}

// responseFormat is the response_format of every request: a strict JSON schema of output.
var responseFormat = buildResponseFormat()

func buildResponseFormat() map[string]any {
	types := make([]string, len(graph.Types))
	for i, t := range graph.Types {
		types[i] = string(t.Type)
	}
	mods := make([]string, len(modalities))
	for i, m := range modalities {
		mods[i] = string(m)
	}
	str := func(description string) map[string]any {
		return map[string]any{"type": "string", "description": description}
	}
	props := map[string]any{
		"source":     str("the doer, named as written"),
		"target":     str("the one done to, named as written"),
		"type":       map[string]any{"type": "string", "enum": types},
		"predicate":  str("the words that express the relation, as written"),
		"sentence":   str("the sentence that states it, copied verbatim from the text"),
		"negated":    map[string]any{"type": "boolean"},
		"modality":   map[string]any{"type": "string", "enum": mods},
		"role":       str(`for AFFILIATION, the person's role as written; otherwise ""`),
		"confidence": map[string]any{"type": "number", "description": "0 to 1"},
	}
	required := []string{"source", "target", "type", "predicate", "sentence", "negated", "modality", "role", "confidence"}
	item := map[string]any{"type": "object", "properties": props, "required": required, "additionalProperties": false}
	schema := map[string]any{
		"type":                 "object",
		"properties":           map[string]any{"relations": map[string]any{"type": "array", "items": item}},
		"required":             []string{"relations"},
		"additionalProperties": false,
	}
	return map[string]any{
		"type": "json_schema",
		"json_schema": map[string]any{
			"name":   "dyad_relations",
			"strict": true,
			"schema": schema,
		},
	}
}

// parseOutput reads the relations from the model's message. It accepts the JSON object alone,
// or wrapped in a Markdown code fence, or preceded by a <think>...</think> block; a bare array
// of relations is taken as the relations.
func parseOutput(content string) ([]relation, error) {
	s := strings.TrimSpace(content)
	if strings.HasPrefix(s, "<think>") {
		if _, after, ok := strings.Cut(s, "</think>"); ok {
			s = strings.TrimSpace(after)
		}
	}
	s = unfence(s)
	if s == "" {
		return nil, fmt.Errorf("%w: the answer is empty", ErrMalformedOutput)
	}
	var err error
	if s[0] == '[' {
		var rels []relation
		if err = json.Unmarshal([]byte(s), &rels); err == nil {
			return rels, nil
		}
	} else {
		var out output
		if err = json.Unmarshal([]byte(s), &out); err == nil {
			if !hasKey(s, "relations") {
				return nil, fmt.Errorf("%w: no \"relations\" in the answer %s", ErrMalformedOutput, excerpt(s))
			}
			return out.Relations, nil
		}
	}
	return nil, fmt.Errorf("%w: %v; the answer begins %s", ErrMalformedOutput, err, excerpt(s))
}

// unfence returns the contents of the first ``` code fence in s, or s if it has none.
func unfence(s string) string {
	i := strings.Index(s, "```")
	if i < 0 {
		return s
	}
	body := s[i+3:]
	if nl := strings.IndexByte(body, '\n'); nl >= 0 {
		body = body[nl+1:] // drop the info string ("json")
	} else {
		body = strings.TrimPrefix(body, "json")
	}
	if j := strings.Index(body, "```"); j >= 0 {
		body = body[:j]
	}
	return strings.TrimSpace(body)
}

// hasKey reports whether the JSON object s has the top-level key.
func hasKey(s, key string) bool {
	var m map[string]json.RawMessage
	if json.Unmarshal([]byte(s), &m) != nil {
		return false
	}
	_, ok := m[key]
	return ok
}

// excerpt quotes the start of s for an error message.
func excerpt(s string) string {
	const limit = 120
	if r := []rune(s); len(r) > limit {
		return fmt.Sprintf("%q...", string(r[:limit]))
	}
	return fmt.Sprintf("%q", s)
}
