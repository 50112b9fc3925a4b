package export

import (
	"encoding/json"
	"io"
	"strings"
	"time"

	"github.com/dyadgraph/dyad/buildinfo"
	"github.com/dyadgraph/dyad/graph"
)

// Provenance says where an export came from. Every format carries it: GraphML as graph data,
// GEXF in its meta, the JSON formats as a "provenance" object, Parquet as key-value metadata,
// neo4j-csv as a third file, and the tables (events-csv, events-jsonl, relations-csv) in the
// datapackage.json that describes them.
type Provenance struct {
	Dyad       string    // the version of dyad that wrote it (buildinfo.Info.Short)
	Selection  string    // the selection as GET /export's query ("" for the whole graph, every type)
	Name       string    // the selection in words for file names: "UKR-2hops", "graph"
	ExportedAt time.Time // when it was written, UTC
	Store      string    // which store it was read from, as the caller describes it
	Claims     string    // which claims it holds, in words
}

// provenanceOf describes a resolved selection, exported now.
func provenanceOf(s *selected) Provenance {
	p := Provenance{Dyad: buildinfo.Get().Short(), Selection: Query(s.sel).Encode(), Name: s.sel.Name(),
		ExportedAt: time.Now().UTC().Truncate(time.Second)}
	switch {
	case s.sel.Whole():
		p.Claims = "every stored claim that passes the filter, negated ones included (negated=true); relations are made of the non-negated ones"
		if len(s.sel.Filter.Types) == 0 {
			p.Claims += "; every type, AFFILIATION included"
		}
	default:
		p.Claims = "the claims behind the selection's relations, negated ones included (negated=true)"
		if !s.filter.AllowsType(graph.Affiliation) {
			p.Claims += "; AFFILIATION only when types names it"
		}
	}
	return p
}

// pairs lists the provenance as name and value, in a fixed order, for the formats that carry it
// as a list of properties.
func (p Provenance) pairs() [][2]string {
	return [][2]string{{"dyad_version", p.Dyad}, {"selection", p.Selection}, {"selection_name", p.Name},
		{"exported_at", p.ExportedAt.Format(time.RFC3339)}, {"store", p.Store}, {"claims", p.Claims}}
}

// object is the provenance as a JSON object.
func (p Provenance) object() map[string]string {
	m := map[string]string{}
	for _, kv := range p.pairs() {
		m[kv[0]] = kv[1]
	}
	return m
}

func (p Provenance) jsonText() string {
	b, _ := json.Marshal(p.object()) // a map of strings always marshals
	return string(b)
}

// Provenance is the export's provenance; SetStore completes it.
func (e *Export) Provenance() Provenance { return e.prov }

// SetStore names the store the export is read from, for its provenance ("embedded store
// ./dyad.db", "neo4j bolt://localhost:7687"). It must not carry a password.
func (e *Export) SetStore(store string) { e.prov.Store = store }

// Described reports whether a format is a table that a datapackage.json describes.
func (f Format) Described() bool { return f.columns != nil }

// DataPackageName is the name of the datapackage.json that describes a table file:
// events.csv -> events.datapackage.json.
func DataPackageName(file string) string {
	if i := strings.LastIndexByte(file, '.'); i > strings.LastIndexByte(file, '/') {
		file = file[:i]
	}
	return file + ".datapackage.json"
}

// frictionless is a field kind's Table Schema type (https://specs.frictionlessdata.io/table-schema/).
var frictionless = map[kind]string{text: "string", integer: "integer", real: "number", boolean: "boolean",
	list: "string", instant: "datetime", day: "date"}

// WriteDataPackage writes the Frictionless Data Package descriptor (datapackage.json) of the
// table the format writes for the export, the file named path beside it: each column's name,
// type and meaning, its missing values, and the export's provenance. pandas, R and the
// frictionless tools read the column types from it (cameo is a string: 020 stays 020).
func (e *Export) WriteDataPackage(w io.Writer, f Format, path string) error {
	if !f.Described() {
		return graph.Errorf(graph.ErrInvalid, "%s is not a table; only %s have a datapackage.json", f.Name, describedNames())
	}
	type tsField struct {
		Name        string            `json:"name"`
		Type        string            `json:"type"`
		Description string            `json:"description"`
		Constraints map[string]string `json:"constraints,omitempty"`
	}
	fields := make([]tsField, len(f.columns))
	for i, c := range f.columns {
		fields[i] = tsField{Name: c.name, Type: frictionless[c.kind], Description: about[c.name]}
		if c.kind == list {
			fields[i].Description += " (a list, separated by ;)"
		}
		if c.name == "cameo" {
			fields[i].Constraints = map[string]string{"pattern": "[0-9]{2,4}"}
		}
	}
	resource := map[string]any{
		"name": strings.TrimSuffix(f.Name, "-"+f.Ext), "path": path, "profile": "tabular-data-resource",
		"format": f.Ext, "mediatype": strings.Split(f.ContentType, ";")[0], "encoding": "utf-8",
		"schema": map[string]any{"fields": fields, "missingValues": []string{""}},
	}
	if f.Ext == "csv" {
		resource["dialect"] = map[string]any{"header": true, "delimiter": ","}
	}
	if f.events {
		resource["schema"].(map[string]any)["primaryKey"] = "claim_id"
	}
	p := e.prov
	doc := map[string]any{
		"profile":     "tabular-data-package",
		"name":        strings.ToLower(safeName("dyad-" + p.Name + "-" + f.Name)),
		"title":       "dyad export of " + p.Name + " (" + f.Name + ")",
		"description": "Written by dyad " + p.Dyad + ". " + strings.ToUpper(p.Claims[:1]) + p.Claims[1:] + ".",
		"created":     p.ExportedAt.Format(time.RFC3339),
		"dyad":        p.object(),
		"resources":   []any{resource},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

func describedNames() string {
	var names []string
	for _, f := range Formats {
		if f.Described() {
			names = append(names, f.Name)
		}
	}
	return strings.Join(names, ", ")
}

// SetExportedAt sets the export's time, for a reproducible export (dyad export reads
// SOURCE_DATE_EPOCH) and for golden files.
func (e *Export) SetExportedAt(t time.Time) { e.prov.ExportedAt = t.UTC() }
