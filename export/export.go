package export

import (
	"archive/zip"
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/dyadgraph/dyad/graph"
)

// Format is an export format.
type Format struct {
	Name        string   // as --format and format= take it
	Ext         string   // the file name's extension
	ContentType string   // over HTTP, for the one stream of WriteStream
	About       string   // what it is for
	Files       []string // the files Write creates: one "" for the one-file formats
	events      bool     // one row per claim rather than nodes and edges
	columns     []field  // a table's columns, which its datapackage.json describes; nil for the rest
	new         func(sel Selection, prov Provenance, files []io.Writer) graphWriter
}

// Formats lists every format.
var Formats = []Format{
	{Name: "events-csv", Ext: "csv", ContentType: "text/csv; charset=utf-8", Files: []string{""}, events: true, columns: eventFields,
		About: "one row per claim, as GDELT and ICEWS rows are: for pandas, R, spreadsheets (with a datapackage.json)"},
	{Name: "events-jsonl", Ext: "jsonl", ContentType: "application/jsonl; charset=utf-8", Files: []string{""}, events: true, columns: eventFields,
		About: "the events table as JSON Lines, one claim a line, with typed values (with a datapackage.json)"},
	{Name: "events-parquet", Ext: "parquet", ContentType: "application/vnd.apache.parquet", Files: []string{""}, events: true,
		About: "the events table as Parquet, for pandas, pyarrow, R arrow, DuckDB and Spark: typed columns, provenance in its metadata"},
	{Name: "graphml", Ext: "graphml", ContentType: "application/graphml+xml; charset=utf-8", Files: []string{""}, new: newGraphML,
		About: "GraphML for NetworkX, igraph and Cytoscape desktop"},
	{Name: "gexf", Ext: "gexf", ContentType: "application/gexf+xml; charset=utf-8", Files: []string{""}, new: newGEXF,
		About: "GEXF 1.3 for Gephi, each edge alive from its first to its last claim (Gephi's timeline)"},
	{Name: "neo4j-csv", Ext: "zip", ContentType: "application/zip", Files: []string{"nodes.csv", "relationships.csv", "provenance.json"}, new: newNeo4jCSV,
		About: "neo4j-admin database import files: nodes.csv and relationships.csv, with provenance.json (zipped over HTTP)"},
	{Name: "cyjs", Ext: "cyjs", ContentType: "application/json", Files: []string{""}, new: newCytoscape,
		About: "Cytoscape.js elements (data and classes), for the explorer, Cytoscape.js and Cytoscape desktop"},
	{Name: "json", Ext: "json", ContentType: "application/json", Files: []string{""}, new: newJSON,
		About: "dyad's JSON: nodes, edges and whether a neighbourhood was truncated"},
	{Name: "relations-csv", Ext: "csv", ContentType: "text/csv; charset=utf-8", Files: []string{""}, new: newRelationsCSV, columns: relationTableFields,
		About: "one row per relation (dyad and type) with both actors' names (with a datapackage.json)"},
}

// FormatNamed returns the format of a name, and false if there is none.
func FormatNamed(name string) (Format, bool) {
	for _, f := range Formats {
		if f.Name == name {
			return f, true
		}
	}
	return Format{}, false
}

// FormatNames lists the formats' names, for messages.
func FormatNames() string {
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = f.Name
	}
	return strings.Join(names, ", ")
}

// FileName is the name a browser saves the export of a selection as: dyad-UKR-2hops.graphml.
func FileName(sel Selection, f Format) string {
	name := "dyad-" + sel.Name()
	if f.events {
		name += "-events"
	}
	if f.Name == "relations-csv" {
		name += "-relations"
	}
	if f.Name == "neo4j-csv" {
		name += "-neo4j"
	}
	return name + "." + f.Ext
}

// Export is a selection looked up and ready to write in any format.
type Export struct {
	s    *selected
	prov Provenance
}

// Prepare looks the selection up in the store. It reports graph.ErrInvalid for a bad selection
// and graph.ErrNotFound for an actor that does not exist, before anything is written; a whole
// graph is read only as it is written.
func Prepare(ctx context.Context, store graph.Store, sel Selection) (*Export, error) {
	s, err := resolve(ctx, store, sel)
	if err != nil {
		return nil, err
	}
	return &Export{s: s, prov: provenanceOf(s)}, nil
}

// Truncated reports whether a neighbourhood had more actors than its limit.
func (e *Export) Truncated() bool { return e.s.truncated }

// Write writes the export in the format to the files that create opens, one for each of the
// format's Files, in that order; it writes each file whole before it opens the next. The
// caller closes them.
func (e *Export) Write(ctx context.Context, f Format, create func(name string) (io.Writer, error)) (Counts, error) {
	var n Counts
	err := e.write(ctx, f, create, &n)
	return n, err
}

// Counts says how much an export wrote.
type Counts struct {
	Nodes, Edges, Events int
}

func (e *Export) write(ctx context.Context, f Format, create func(name string) (io.Writer, error), n *Counts) error {
	bufs := make([]*bufio.Writer, 0, len(f.Files))
	opened := 0
	open := func() (io.Writer, error) {
		w, err := create(f.Files[opened])
		if err != nil {
			return nil, err
		}
		opened++
		b := bufio.NewWriterSize(w, 64<<10)
		bufs = append(bufs, b)
		return b, nil
	}
	flush := func() error {
		for _, b := range bufs {
			if err := b.Flush(); err != nil {
				return err
			}
		}
		bufs = bufs[:0]
		return nil
	}
	w, err := open()
	if err != nil {
		return err
	}
	if f.events {
		if err := e.writeEvents(ctx, f, w, n); err != nil {
			return err
		}
		return flush()
	}
	gw := f.new(e.s.sel, e.prov, []io.Writer{w})
	err = e.s.eachActor(ctx, func(a graph.Actor) error {
		d, in := e.s.distance[a.ID]
		n.Nodes++
		return gw.node(a, d, in)
	})
	if err != nil {
		return err
	}
	if len(f.Files) > 1 { // nodes first, then relationships
		if err := flush(); err != nil {
			return err
		}
		if w, err = open(); err != nil {
			return err
		}
		gw.next(w)
	}
	err = e.s.eachRelation(ctx, func(r graph.Relation) error {
		n.Edges++
		return gw.edge(r)
	})
	if err != nil {
		return err
	}
	if err := gw.end(e.s.truncated); err != nil {
		return err
	}
	if len(f.Files) > 2 { // and the provenance of a format of several files
		if err := flush(); err != nil {
			return err
		}
		if w, err = open(); err != nil {
			return err
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if err := enc.Encode(e.prov.object()); err != nil {
			return err
		}
	}
	return flush()
}

// WriteStream writes the export as one stream: the one file of most formats, or a zip archive
// of the files of neo4j-csv.
func (e *Export) WriteStream(ctx context.Context, f Format, w io.Writer) (Counts, error) {
	if len(f.Files) == 1 {
		return e.Write(ctx, f, func(string) (io.Writer, error) { return w, nil })
	}
	zw := zip.NewWriter(w)
	n, err := e.Write(ctx, f, func(name string) (io.Writer, error) { return zw.Create(name) })
	if err != nil {
		return n, err
	}
	return n, zw.Close()
}

// graphWriter writes nodes, then edges, then ends the document.
type graphWriter interface {
	node(a graph.Actor, distance int, inNeighbourhood bool) error
	next(w io.Writer) // for formats of two files: the file of edges
	edge(r graph.Relation) error
	end(truncated bool) error
}

func (e *Export) writeEvents(ctx context.Context, f Format, w io.Writer, n *Counts) error {
	var row func([]any) error
	done := func() error { return nil }
	switch f.Name {
	case "events-csv":
		cw := newCSV(w)
		if err := cw.header(eventFields, nil); err != nil {
			return err
		}
		row = func(rec []any) error { return cw.row(eventFields, rec) }
		done = cw.flush
	case "events-parquet":
		pw := newParquetEvents(w, e.prov)
		row = pw.row
		done = pw.close
	case "events-jsonl":
		row = func(rec []any) error {
			if err := writeJSONObject(w, eventFields, rec); err != nil {
				return err
			}
			_, err := io.WriteString(w, "\n")
			return err
		}
	default:
		return fmt.Errorf("export: %s is not an events format", f.Name)
	}
	err := e.s.eachEvent(ctx, func(k graph.RelationKey, ev graph.Evidence, actors map[string]graph.Actor) error {
		n.Events++
		return row(eventRecord(k, ev, actors))
	})
	if err != nil {
		return err
	}
	return done()
}
