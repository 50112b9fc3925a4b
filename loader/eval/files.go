package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/loader"
)

// Record is one gold record: a sentence or an article and the events in it.
type Record struct {
	ID        string
	Text      string
	Published time.Time // the article's date, when the record gives one; people's roles depend on it
	Events    []Event
	File      string // where the record was read
	Line      int
}

// Event is a gold event; see the package documentation for the meaning of each field.
type Event struct {
	Source      string   // CAMEO-style code; the first three letters are compared
	Target      string   //
	SourceNames []string // when not empty, the source must match one of these names
	TargetNames []string //
	Code        string   // PLOVER type(s) joined by "|", a CAMEO code, or AFFILIATION
	Core        bool     // must be found (article level); true unless the gold says otherwise
	Why         string   // the words that state it
	SourceText  string   // the words that name the source, as written in the text (optional)
	TargetText  string   // the words that name the target, as written in the text (optional)
}

// Actor is an actor as predictions give it: the extract contract's ACTOR.
type Actor = loader.ContractActor

// Relation is one predicted relation, as the extract contract writes it.
type Relation struct {
	Source     Actor   `json:"source"`
	Target     Actor   `json:"target"`
	Type       string  `json:"type"`
	CAMEO      string  `json:"cameo"`
	Predicate  string  `json:"predicate,omitempty"`
	Sentence   string  `json:"sentence,omitempty"`
	Start      int     `json:"start,omitempty"`
	End        int     `json:"end,omitempty"`
	Confidence float64 `json:"confidence,omitempty"`
	Negated    bool    `json:"negated,omitempty"`
}

// Predictions are the relations predicted for each article id, in the order given.
type Predictions map[string][]Relation

// Add appends relations to an article's predictions.
func (p Predictions) Add(article string, rels ...Relation) {
	p[article] = append(p[article], rels...)
}

// FromExtraction turns an extraction into the article id and the relations that `dyad extract`
// would print for it.
func FromExtraction(x graph.Extraction) (string, []Relation) {
	actors := make(map[string]graph.Actor, len(x.Actors))
	for _, a := range x.Actors {
		actors[a.ID] = a
	}
	actor := func(id string) Actor {
		a, ok := actors[id]
		if !ok {
			return Actor{ID: id, Name: id}
		}
		return Actor{ID: a.ID, Name: a.Name, Kind: string(a.Kind), Country: a.Country, QID: a.QID,
			Aliases: a.Aliases}
	}
	rels := make([]Relation, 0, len(x.Claims))
	for _, c := range x.Claims {
		rels = append(rels, Relation{Source: actor(c.Source), Target: actor(c.Target), Type: string(c.Type),
			CAMEO: c.CAMEO, Predicate: c.Predicate, Sentence: c.Sentence, Start: c.Start, End: c.End,
			Confidence: c.Confidence, Negated: c.Negated})
	}
	return x.Article.ID, rels
}

// lineError is bad input at a line of a file.
type lineError struct {
	file string
	line int
	err  error
}

func (e *lineError) Error() string { return fmt.Sprintf("%s:%d: %v", e.file, e.line, e.err) }
func (e *lineError) Unwrap() error { return e.err }

// maxErrors is how many bad lines a read reports before it gives up on a file.
const maxErrors = 20

// eachLine calls fn with every non-blank line of r and its number, and gathers the errors fn
// returns, each with file and line.
func eachLine(r io.Reader, name string, fn func(line []byte, n int) error) error {
	br := bufio.NewReaderSize(r, 1<<20)
	var errs []error
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if err != nil && err != io.EOF {
			return errors.Join(append(errs, &lineError{name, n, err})...)
		}
		if t := bytes.TrimSpace(line); len(t) > 0 {
			if ferr := fn(t, n); ferr != nil {
				errs = append(errs, &lineError{name, n, ferr})
				if len(errs) == maxErrors {
					return errors.Join(append(errs, fmt.Errorf("%s: too many errors", name))...)
				}
			}
		}
		if err == io.EOF {
			return errors.Join(errs...)
		}
	}
}

// ReadGold reads a gold file (see the package documentation). name is used in errors. It
// returns the records it could read and an error listing every bad line, if any.
func ReadGold(r io.Reader, name string) ([]Record, error) {
	var out []Record
	err := eachLine(r, name, func(line []byte, n int) error {
		var raw struct {
			ID        json.RawMessage `json:"id"`
			Text      string          `json:"text"`
			Published string          `json:"published"`
			Events    *[]struct {
				Source      string          `json:"source"`
				Target      string          `json:"target"`
				SourceNames []string        `json:"source_names"`
				TargetNames []string        `json:"target_names"`
				Code        string          `json:"code"`
				Core        json.RawMessage `json:"core"`
				Why         string          `json:"why"`
				SourceText  string          `json:"source_text"`
				TargetText  string          `json:"target_text"`
			} `json:"events"`
		}
		if err := json.Unmarshal(line, &raw); err != nil {
			return jsonErr(err)
		}
		id, ok := pyStr(raw.ID)
		if !ok {
			return errors.New(`the record has no "id"`)
		}
		if raw.Events == nil {
			return errors.New(`the record has no "events" (write "events": [] for none)`)
		}
		rec := Record{ID: id, Text: raw.Text, File: name, Line: n}
		if raw.Published != "" {
			// a date the scorer does not need: an unreadable one is left out, not an error
			rec.Published, _ = loader.ParsePublished(raw.Published)
		}
		for _, e := range *raw.Events {
			core := true
			if len(e.Core) > 0 {
				core = truthy(e.Core)
			}
			rec.Events = append(rec.Events, Event{Source: e.Source, Target: e.Target, SourceNames: e.SourceNames,
				TargetNames: e.TargetNames, Code: e.Code, Core: core, Why: e.Why,
				SourceText: e.SourceText, TargetText: e.TargetText})
		}
		out = append(out, rec)
		return nil
	})
	return out, err
}

// ReadPredictions reads predictions in the extract contract (see the package documentation).
// name is used in errors. It returns what it could read and an error listing every bad line.
func ReadPredictions(r io.Reader, name string) (Predictions, error) {
	out := Predictions{}
	err := eachLine(r, name, func(line []byte, n int) error {
		var raw struct {
			Article   json.RawMessage `json:"article"`
			ID        json.RawMessage `json:"id"`
			Relations []struct {
				Relation
				Source  *Actor          `json:"source"`
				Target  *Actor          `json:"target"`
				Negated json.RawMessage `json:"negated"`
			} `json:"relations"`
		}
		if err := json.Unmarshal(line, &raw); err != nil {
			return jsonErr(err)
		}
		// score.py: str(r.get("article") or r.get("id")).
		key := raw.Article
		if !truthy(key) {
			key = raw.ID
		}
		id, ok := pyStr(key)
		if !ok {
			id = "None"
		}
		rels := make([]Relation, 0, len(raw.Relations))
		for _, r := range raw.Relations {
			rel := r.Relation
			if r.Source != nil {
				rel.Source = *r.Source
			}
			if r.Target != nil {
				rel.Target = *r.Target
			}
			rel.Negated = truthy(r.Negated)
			rels = append(rels, rel)
		}
		out.Add(id, rels...)
		return nil
	})
	return out, err
}

// ReadGoldFile reads a gold file by path.
func ReadGoldFile(path string) ([]Record, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadGold(f, path)
}

// ReadPredictionsFile reads a predictions file by path.
func ReadPredictionsFile(path string) (Predictions, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadPredictions(f, path)
}

// jsonErr words a JSON decoding error for a line.
func jsonErr(err error) error {
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		if typ.Field == "" {
			return fmt.Errorf("want a JSON object, found %s", typ.Value)
		}
		return fmt.Errorf("field %q: want %s, found %s", typ.Field, typ.Type, typ.Value)
	}
	return fmt.Errorf("malformed JSON: %v", err)
}

// truthy is Python's truth value of a JSON value: false for a missing value, null, false, 0,
// "", [] and {}.
func truthy(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return false
	}
	switch raw[0] {
	case 'n', 'f':
		return false
	case 't':
		return true
	case '"':
		return len(raw) > 2
	case '[', '{':
		inner := bytes.TrimSpace(raw[1 : len(raw)-1])
		return len(inner) > 0
	}
	f, err := strconv.ParseFloat(string(raw), 64)
	return err != nil || f != 0
}

// pyStr is Python's str() of a JSON value, and false for a missing value or null.
func pyStr(raw json.RawMessage) (string, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", false
	}
	switch raw[0] {
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err == nil {
			return s, true
		}
	case 't':
		return "True", true
	case 'f':
		return "False", true
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		s := string(raw)
		if !strings.ContainsAny(s, ".eE") {
			return s, true // an int
		}
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return pyFloat(f), true
		}
	}
	return string(raw), true // lists and objects: their JSON text
}

// pyFloat is Python's repr of a float: the shortest digits, in positional form for exponents
// from -4 to 15 with ".0" when whole, otherwise in scientific form.
func pyFloat(f float64) string {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return strconv.FormatFloat(f, 'g', -1, 64)
	}
	exp := 0
	if f != 0 {
		exp = int(math.Floor(math.Log10(math.Abs(f))))
	}
	if exp < -4 || exp >= 16 {
		s := strconv.FormatFloat(f, 'e', -1, 64) // 1e+16, 1.5e-05
		mant, e, _ := strings.Cut(s, "e")
		sign, digits := e[:1], strings.TrimLeft(e[1:], "0")
		if len(digits) < 2 {
			digits = strings.Repeat("0", 2-len(digits)) + digits
		}
		return mant + "e" + sign + digits
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}
