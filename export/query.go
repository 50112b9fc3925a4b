package export

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/dyadgraph/dyad/graph"
)

// The parameters of a selection, as GET /export takes them in its query and dyad export as
// flags of the same names:
//
//	actor          the centre of a neighbourhood
//	hops           0 to 3, with actor (default 1)
//	limit          the most actors of a neighbourhood, 1 to 5000 (default 500)
//	actors         comma-separated actor ids: those actors and the relations among them
//	types          comma-separated relation types (AFFILIATION only when named)
//	quad           a quad class: VERBAL_COOPERATION, MATERIAL_COOPERATION, VERBAL_CONFLICT, MATERIAL_CONFLICT
//	since, until   a date (2024-02-24) or an RFC 3339 time; claims outside are left out
//	minConfidence  0 to 1
//	rollup         true to count a state's government and military as the state
//
// With neither actor nor actors, the selection is the whole graph.
var Params = []string{"actor", "hops", "limit", "actors", "types", "quad", "since", "until", "minConfidence", "rollup"}

// ParseQuery reads a selection from its parameters (see Params). A malformed or out-of-range
// value is graph.ErrInvalid, with a message that names the parameter.
func ParseQuery(q url.Values) (Selection, error) {
	var sel Selection
	sel.Actor = strings.TrimSpace(q.Get("actor"))
	var err error
	if sel.Hops, err = intParam(q, "hops", 1, 0, graph.MaxHops); err != nil {
		return sel, err
	}
	if sel.Limit, err = intParam(q, "limit", graph.DefaultLimit, 1, graph.MaxLimit); err != nil {
		return sel, err
	}
	if q.Has("hops") && sel.Actor == "" {
		return sel, graph.Errorf(graph.ErrInvalid, "hops needs an actor at the centre")
	}
	sel.Actors = commaList(q.Get("actors"))
	for _, t := range commaList(q.Get("types")) {
		sel.Filter.Types = append(sel.Filter.Types, graph.RelationType(strings.ToUpper(t)))
	}
	sel.Filter.Quad = graph.Quad(strings.ToUpper(strings.TrimSpace(q.Get("quad"))))
	for name, dst := range map[string]**time.Time{"since": &sel.Filter.Since, "until": &sel.Filter.Until} {
		if s := q.Get(name); s != "" {
			t, err := parseTime(s)
			if err != nil {
				return sel, graph.Errorf(graph.ErrInvalid, "%s must be a date (2024-02-24) or an RFC 3339 time (2024-02-24T06:00:00Z), not %q", name, s)
			}
			*dst = &t
		}
	}
	if s := q.Get("minConfidence"); s != "" {
		c, err := strconv.ParseFloat(s, 64)
		if err != nil || !(c >= 0 && c <= 1) { // also refuses NaN
			return sel, graph.Errorf(graph.ErrInvalid, "minConfidence must be a number between 0 and 1, not %q", s)
		}
		sel.Filter.MinConfidence = c
	}
	if s := q.Get("rollup"); s != "" {
		r, err := strconv.ParseBool(s)
		if err != nil {
			return sel, graph.Errorf(graph.ErrInvalid, "rollup must be true or false, not %q", s)
		}
		sel.Filter.Rollup = r
	}
	return sel, sel.Validate()
}

// Query is the parameters of a selection, which ParseQuery reads back.
func Query(sel Selection) url.Values {
	q := url.Values{}
	if sel.Actor != "" {
		q.Set("actor", sel.Actor)
		q.Set("hops", strconv.Itoa(sel.Hops))
		if sel.Limit > 0 && sel.Limit != graph.DefaultLimit {
			q.Set("limit", strconv.Itoa(sel.Limit))
		}
	}
	if len(sel.Actors) > 0 {
		q.Set("actors", strings.Join(sel.Actors, ","))
	}
	f := sel.Filter
	if len(f.Types) > 0 {
		types := make([]string, len(f.Types))
		for i, t := range f.Types {
			types[i] = string(t)
		}
		q.Set("types", strings.Join(types, ","))
	}
	if f.Quad != "" {
		q.Set("quad", string(f.Quad))
	}
	if f.Since != nil {
		q.Set("since", f.Since.UTC().Format(time.RFC3339))
	}
	if f.Until != nil {
		q.Set("until", f.Until.UTC().Format(time.RFC3339))
	}
	if f.MinConfidence > 0 {
		q.Set("minConfidence", strconv.FormatFloat(f.MinConfidence, 'g', -1, 64))
	}
	if f.Rollup {
		q.Set("rollup", "true")
	}
	return q
}

func intParam(q url.Values, name string, def, lo, hi int) (int, error) {
	s := q.Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, graph.Errorf(graph.ErrInvalid, "%s must be a whole number between %d and %d, not %q", name, lo, hi, s)
	}
	return n, nil
}

func commaList(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// parseTime reads a date (its start in UTC) or an RFC 3339 time, as the GraphQL Time scalar does.
func parseTime(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	return time.Parse(time.DateOnly, s)
}
