package server

import (
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/schema"
)

// exportNeighborhood serves GET /export/neighborhood: a neighbourhood as a file for network
// analysis tools, in one store call.
//
//	actor          the centre's id (required)
//	hops           0 to 3 (default 1)
//	limit          the most actors, 1 to 5000 (default 500)
//	format         json (default), graphml (Gephi, Cytoscape, networkx, igraph) or csv (one
//	               relation a row, with its actors' names)
//	types          comma-separated relation types; quad, since, until, minConfidence as in the
//	               GraphQL RelationFilter
//	rollup         true to count a state's government and military as the state (default
//	               false), as the GraphQL RelationFilter's rollup
func exportNeighborhood(store graph.Store, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		q := req.URL.Query()
		actor := q.Get("actor")
		if actor == "" {
			http.Error(w, "actor is required, e.g. /export/neighborhood?actor=UKR&hops=2&format=graphml", http.StatusBadRequest)
			return
		}
		hops, err := queryInt(q, "hops", 1, 0, graph.MaxHops)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		limit, err := queryInt(q, "limit", graph.DefaultLimit, 1, graph.MaxLimit)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		filter, err := queryFilter(q)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		format := q.Get("format")
		write, ok := exportFormats[format]
		if !ok {
			http.Error(w, fmt.Sprintf("format %q: want json, graphml or csv", format), http.StatusBadRequest)
			return
		}
		sg, err := store.Neighborhood(req.Context(), actor, hops, filter, limit)
		switch {
		case errors.Is(err, graph.ErrNotFound):
			http.Error(w, fmt.Sprintf("actor %q not found", actor), http.StatusNotFound)
			return
		case errors.Is(err, graph.ErrInvalid):
			http.Error(w, trimKind(err), http.StatusBadRequest)
			return
		case err != nil:
			ref := errorRef()
			log.Error("export: neighbourhood", "ref", ref, "actor", actor, "err", err)
			http.Error(w, "internal error (ref "+ref+")", http.StatusInternalServerError)
			return
		}
		name := strings.NewReplacer("/", "_", "\\", "_", "\"", "_").Replace(actor)
		if format == "" {
			format = "json"
		}
		w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="dyad-%s-%dhops.%s"`, name, hops, format))
		if err := write(w, sg); err != nil {
			log.Warn("export: writing the response", "actor", actor, "format", format, "err", err)
		}
	})
}

var exportFormats = map[string]func(http.ResponseWriter, graph.Subgraph) error{
	"":        exportJSON,
	"json":    exportJSON,
	"graphml": exportGraphML,
	"csv":     exportCSV,
}

func queryInt(q url.Values, name string, def, lo, hi int) (int, error) {
	s := q.Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("%s must be a whole number between %d and %d, not %q", name, lo, hi, s)
	}
	return n, nil
}

func queryFilter(q url.Values) (graph.RelationFilter, error) {
	var f graph.RelationFilter
	if s := q.Get("types"); s != "" {
		for _, t := range strings.Split(s, ",") {
			f.Types = append(f.Types, graph.RelationType(strings.ToUpper(strings.TrimSpace(t))))
		}
	}
	f.Quad = graph.Quad(strings.ToUpper(q.Get("quad")))
	for name, dst := range map[string]**time.Time{"since": &f.Since, "until": &f.Until} {
		if s := q.Get(name); s != "" {
			t, err := schema.UnmarshalTime(s)
			if err != nil {
				return f, fmt.Errorf("%s: %s", name, trimKind(err))
			}
			*dst = &t
		}
	}
	if s := q.Get("minConfidence"); s != "" {
		c, err := strconv.ParseFloat(s, 64)
		if err != nil || !(c >= 0 && c <= 1) { // also refuses NaN
			return f, fmt.Errorf("minConfidence must be a number between 0 and 1, not %q", s)
		}
		f.MinConfidence = c
	}
	if s := q.Get("rollup"); s != "" {
		r, err := strconv.ParseBool(s)
		if err != nil {
			return f, fmt.Errorf("rollup must be true or false, not %q", s)
		}
		f.Rollup = r
	}
	if err := f.Validate(); err != nil {
		return f, errors.New(trimKind(err))
	}
	return f, nil
}

// exportedActor and exportedRelation are the JSON export's records.
type exportedActor struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Kind     string   `json:"kind"`
	Country  string   `json:"country,omitempty"`
	QID      string   `json:"qid,omitempty"`
	Aliases  []string `json:"aliases,omitempty"`
	Distance int      `json:"distance"`
}

type exportedRelation struct {
	ID          string    `json:"id"`
	Source      string    `json:"source"`
	Target      string    `json:"target"`
	Type        string    `json:"type"`
	CAMEO       string    `json:"cameo,omitempty"`
	Quad        string    `json:"quad,omitempty"`
	Cooperation *float64  `json:"cooperation,omitempty"`
	Count       int       `json:"count"`
	FirstSeen   time.Time `json:"firstSeen"`
	LastSeen    time.Time `json:"lastSeen"`
	Score       float64   `json:"score"`
}

func exportJSON(w http.ResponseWriter, sg graph.Subgraph) error {
	out := struct {
		Nodes     []exportedActor    `json:"nodes"`
		Edges     []exportedRelation `json:"edges"`
		Truncated bool               `json:"truncated"`
	}{Nodes: []exportedActor{}, Edges: []exportedRelation{}, Truncated: sg.Truncated}
	for _, a := range sg.Actors {
		out.Nodes = append(out.Nodes, exportedActor{ID: a.ID, Name: a.Name, Kind: string(a.Kind),
			Country: a.Country, QID: a.QID, Aliases: a.Aliases, Distance: sg.Distance[a.ID]})
	}
	for _, r := range sg.Relations {
		out.Edges = append(out.Edges, exportedRelation{ID: r.Key().String(), Source: r.Source, Target: r.Target,
			Type: string(r.Type), CAMEO: r.CAMEO(), Quad: string(r.Type.Quad()), Cooperation: cooperationOf(r.Type),
			Count: r.Count, FirstSeen: r.FirstSeen.UTC(), LastSeen: r.LastSeen.UTC(), Score: r.Score})
	}
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func exportCSV(w http.ResponseWriter, sg graph.Subgraph) error {
	names := make(map[string]string, len(sg.Actors))
	for _, a := range sg.Actors {
		names[a.ID] = a.Name
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	cw := csv.NewWriter(w)
	cw.Write([]string{"source", "source_name", "type", "target", "target_name", "cameo", "quad",
		"count", "first_seen", "last_seen", "score"})
	for _, r := range sg.Relations {
		cw.Write([]string{r.Source, names[r.Source], string(r.Type), r.Target, names[r.Target], r.CAMEO(),
			string(r.Type.Quad()), strconv.Itoa(r.Count), r.FirstSeen.UTC().Format(time.RFC3339),
			r.LastSeen.UTC().Format(time.RFC3339), strconv.FormatFloat(r.Score, 'f', 4, 64)})
	}
	cw.Flush()
	return cw.Error()
}

// GraphML: http://graphml.graphdrawing.org/specification.html
type graphML struct {
	XMLName xml.Name     `xml:"graphml"`
	NS      string       `xml:"xmlns,attr"`
	Keys    []graphMLKey `xml:"key"`
	Graph   struct {
		ID          string        `xml:"id,attr"`
		EdgeDefault string        `xml:"edgedefault,attr"`
		Nodes       []graphMLItem `xml:"node"`
		Edges       []graphMLItem `xml:"edge"`
	} `xml:"graph"`
}

type graphMLKey struct {
	ID   string `xml:"id,attr"`
	For  string `xml:"for,attr"`
	Name string `xml:"attr.name,attr"`
	Type string `xml:"attr.type,attr"`
}

type graphMLItem struct {
	ID     string        `xml:"id,attr"`
	Source string        `xml:"source,attr,omitempty"`
	Target string        `xml:"target,attr,omitempty"`
	Data   []graphMLData `xml:"data"`
}

type graphMLData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

func exportGraphML(w http.ResponseWriter, sg graph.Subgraph) error {
	doc := graphML{NS: "http://graphml.graphdrawing.org/xmlns", Keys: []graphMLKey{
		{"name", "node", "name", "string"}, {"kind", "node", "kind", "string"},
		{"country", "node", "country", "string"}, {"qid", "node", "qid", "string"},
		{"distance", "node", "distance", "int"},
		{"type", "edge", "type", "string"}, {"cameo", "edge", "cameo", "string"},
		{"quad", "edge", "quad", "string"}, {"count", "edge", "count", "int"},
		{"first_seen", "edge", "first_seen", "string"}, {"last_seen", "edge", "last_seen", "string"},
		{"score", "edge", "score", "double"},
	}}
	doc.Graph.ID, doc.Graph.EdgeDefault = "dyad", "directed"
	for _, a := range sg.Actors {
		doc.Graph.Nodes = append(doc.Graph.Nodes, graphMLItem{ID: a.ID, Data: nonEmpty(
			graphMLData{"name", a.Name}, graphMLData{"kind", string(a.Kind)}, graphMLData{"country", a.Country},
			graphMLData{"qid", a.QID}, graphMLData{"distance", strconv.Itoa(sg.Distance[a.ID])})})
	}
	for _, r := range sg.Relations {
		doc.Graph.Edges = append(doc.Graph.Edges, graphMLItem{ID: r.Key().String(), Source: r.Source, Target: r.Target,
			Data: nonEmpty(graphMLData{"type", string(r.Type)}, graphMLData{"cameo", r.CAMEO()},
				graphMLData{"quad", string(r.Type.Quad())}, graphMLData{"count", strconv.Itoa(r.Count)},
				graphMLData{"first_seen", r.FirstSeen.UTC().Format(time.RFC3339)},
				graphMLData{"last_seen", r.LastSeen.UTC().Format(time.RFC3339)},
				graphMLData{"score", strconv.FormatFloat(r.Score, 'g', -1, 64)})})
	}
	w.Header().Set("Content-Type", "application/graphml+xml; charset=utf-8")
	if _, err := w.Write([]byte(xml.Header)); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := w.Write([]byte("\n"))
	return err
}

func nonEmpty(ds ...graphMLData) []graphMLData {
	out := ds[:0]
	for _, d := range ds {
		if d.Value != "" {
			out = append(out, d)
		}
	}
	return out
}
