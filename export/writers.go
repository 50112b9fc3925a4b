package export

import (
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/dyadgraph/dyad/graph"
)

// out writes text and keeps the first error, so that a writer checks once per record.
type out struct {
	w   io.Writer
	err error
}

func (o *out) put(parts ...string) error {
	for _, s := range parts {
		if o.err != nil {
			return o.err
		}
		_, o.err = io.WriteString(o.w, s)
	}
	return o.err
}

// esc escapes text for an XML attribute or element.
func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s)) // writes to a Builder, which does not fail
	return b.String()
}

// --- CSV ---------------------------------------------------------------------------------------

type csvOut struct{ w *csv.Writer }

func newCSV(w io.Writer) *csvOut { return &csvOut{csv.NewWriter(w)} }

// header writes the fields' names, or, with typeOf, name:type as neo4j-admin reads them.
func (c *csvOut) header(fields []field, typeOf func(field) string, extra ...string) error {
	row := append([]string{}, extra...)
	for _, f := range fields {
		if typeOf != nil {
			row = append(row, f.name+":"+typeOf(f))
		} else {
			row = append(row, f.name)
		}
	}
	return c.write(row)
}

func (c *csvOut) row(fields []field, rec []any, extra ...string) error {
	row := append([]string{}, extra...)
	for i, f := range fields {
		row = append(row, str(f.kind, rec[i]))
	}
	return c.write(row)
}

func (c *csvOut) write(row []string) error {
	if err := c.w.Write(row); err != nil {
		return err
	}
	return c.w.Error()
}

func (c *csvOut) flush() error {
	c.w.Flush()
	return c.w.Error()
}

// --- JSON --------------------------------------------------------------------------------------

// writeJSONObject writes a record as a JSON object with its fields in order.
func writeJSONObject(w io.Writer, fields []field, rec []any) error {
	var b strings.Builder
	b.WriteByte('{')
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(',')
		}
		name, _ := json.Marshal(f.name)
		value, err := json.Marshal(jsonValue(f.kind, rec[i]))
		if err != nil {
			return fmt.Errorf("export: field %s: %w", f.name, err)
		}
		b.Write(name)
		b.WriteByte(':')
		b.Write(value)
	}
	b.WriteByte('}')
	_, err := io.WriteString(w, b.String())
	return err
}

// jsonDoc writes {"nodes": [...], "edges": [...], ...}; cyjs wraps it in elements.
type jsonDoc struct {
	o            *out
	sel          Selection
	nodes, edges int
	cytoscape    bool
}

func newJSON(sel Selection, prov Provenance, ws []io.Writer) graphWriter {
	d := &jsonDoc{o: &out{w: ws[0]}, sel: sel}
	d.o.put("{\"provenance\": ", prov.jsonText(), ",\n \"nodes\": [")
	return d
}

func newCytoscape(sel Selection, prov Provenance, ws []io.Writer) graphWriter {
	d := &jsonDoc{o: &out{w: ws[0]}, sel: sel, cytoscape: true}
	d.o.put(`{"format_version": "1.0", "generated_by": "dyad", "target_cytoscapejs_version": "~3", "data": {"name": `,
		jsonString("dyad "+sel.Name()), `, "provenance": `, prov.jsonText(), "},\n \"elements\": {\"nodes\": [")
	return d
}

func jsonString(s string) string {
	b, _ := json.Marshal(s) // a string always marshals
	return string(b)
}

func (d *jsonDoc) item(n int, fields []field, rec []any, classes string) error {
	sep := ",\n  "
	if n == 0 {
		sep = "\n  "
	}
	if err := d.o.put(sep); err != nil {
		return err
	}
	if d.cytoscape {
		d.o.put(`{"data": `)
	}
	if err := writeJSONObject(d.o.w, fields, rec); err != nil {
		return err
	}
	if d.cytoscape {
		return d.o.put(`, "classes": `, jsonString(classes), "}")
	}
	return d.o.err
}

func (d *jsonDoc) node(a graph.Actor, distance int, _ bool) error {
	d.nodes++
	return d.item(d.nodes-1, nodeFields(d.sel), actorRecord(a, d.sel.Actor != "", distance), string(a.Kind))
}

func (d *jsonDoc) next(io.Writer) {}

func (d *jsonDoc) edge(r graph.Relation) error {
	if d.edges == 0 {
		d.o.put("\n ], \"edges\": [")
	}
	d.edges++
	return d.item(d.edges-1, relationFields, relationRecord(r), strings.TrimSpace(string(r.Type)+" "+string(r.Type.Quad())))
}

func (d *jsonDoc) end(truncated bool) error {
	if d.edges == 0 {
		d.o.put("\n ], \"edges\": [")
	}
	if d.cytoscape {
		return d.o.put("\n ]}}\n")
	}
	return d.o.put(fmt.Sprintf("\n ],\n \"truncated\": %t}\n", truncated))
}

// --- GraphML -----------------------------------------------------------------------------------

// typeNames names the kinds of field in a format; a kind not named there is a string.
type typeNames map[kind]string

func (t typeNames) of(k kind) string {
	if name, ok := t[k]; ok {
		return name
	}
	return "string"
}

// The type names of GraphML's attr.type, GEXF's attribute type and neo4j-admin's headers.
var (
	graphMLTypes = typeNames{integer: "int", real: "double", boolean: "boolean"}
	gexfTypes    = typeNames{integer: "integer", real: "double", boolean: "boolean"}
	neo4jTypes   = typeNames{integer: "int", real: "float", boolean: "boolean", list: "string[]", instant: "datetime", day: "datetime"}
)

type graphMLDoc struct {
	o   *out
	sel Selection
}

// newGraphML writes GraphML (http://graphml.graphdrawing.org/specification.html) with a typed
// key per field, and label (the name) for the tools that label nodes by it.
func newGraphML(sel Selection, prov Provenance, ws []io.Writer) graphWriter {
	d := &graphMLDoc{o: &out{w: ws[0]}, sel: sel}
	d.o.put(xml.Header, `<graphml xmlns="http://graphml.graphdrawing.org/xmlns">`, "\n")
	d.o.put(`  <key id="label" for="node" attr.name="label" attr.type="string"/>`, "\n")
	for _, f := range nodeFields(sel)[1:] { // the id is the node's own
		d.o.put(fmt.Sprintf(`  <key id="%s" for="node" attr.name="%s" attr.type="%s"/>`, f.name, f.name, graphMLTypes.of(f.kind)), "\n")
	}
	for _, f := range relationFields[3:] { // id, source and target are the edge's own
		d.o.put(fmt.Sprintf(`  <key id="%s" for="edge" attr.name="%s" attr.type="%s"/>`, f.name, f.name, graphMLTypes.of(f.kind)), "\n")
	}
	for _, kv := range prov.pairs() {
		d.o.put(fmt.Sprintf(`  <key id="%s" for="graph" attr.name="%s" attr.type="string"/>`, kv[0], kv[0]), "\n")
	}
	d.o.put(`  <graph id="dyad" edgedefault="directed">`, "\n")
	for _, kv := range prov.pairs() {
		d.o.put(`    <data key="`, kv[0], `">`, esc(kv[1]), "</data>\n")
	}
	return d
}

func (d *graphMLDoc) data(fields []field, rec []any) {
	for i, f := range fields {
		if v := str(f.kind, rec[i]); v != "" {
			d.o.put(`      <data key="`, f.name, `">`, esc(v), "</data>\n")
		}
	}
}

func (d *graphMLDoc) node(a graph.Actor, distance int, _ bool) error {
	d.o.put(`    <node id="`, esc(a.ID), "\">\n")
	if a.Name != "" {
		d.o.put(`      <data key="label">`, esc(a.Name), "</data>\n")
	}
	d.data(nodeFields(d.sel)[1:], actorRecord(a, d.sel.Actor != "", distance)[1:])
	return d.o.put("    </node>\n")
}

func (d *graphMLDoc) next(io.Writer) {}

func (d *graphMLDoc) edge(r graph.Relation) error {
	d.o.put(`    <edge id="`, esc(r.Key().String()), `" source="`, esc(r.Source), `" target="`, esc(r.Target), "\">\n")
	d.data(relationFields[3:], relationRecord(r)[3:])
	return d.o.put("    </edge>\n")
}

func (d *graphMLDoc) end(bool) error { return d.o.put("  </graph>\n</graphml>\n") }

// --- GEXF 1.3 ----------------------------------------------------------------------------------

type gexfDoc struct {
	o     *out
	sel   Selection
	edges bool
}

// newGEXF writes GEXF 1.3 (https://gexf.net/schema.html): a dynamic graph whose edges live from
// the day of their first claim to the day of their last, so that Gephi's timeline plays the
// graph over time; an undated end is left open. Each edge's kind is its relation type, so that
// Gephi keeps the relations of different types between two actors apart.
func newGEXF(sel Selection, prov Provenance, ws []io.Writer) graphWriter {
	d := &gexfDoc{o: &out{w: ws[0]}, sel: sel}
	d.o.put(xml.Header, `<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"`,
		` xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">`, "\n")
	var desc []string
	for _, kv := range prov.pairs() {
		desc = append(desc, kv[0]+": "+kv[1])
	}
	d.o.put(`  <meta lastmodifieddate="`, prov.ExportedAt.Format(time.DateOnly), "\">\n    <creator>", esc("dyad "+prov.Dyad),
		"</creator>\n    <keywords>dyad, PLOVER, CAMEO, event data</keywords>\n    <description>",
		esc("dyad export of "+sel.Name()+"; "+strings.Join(desc, "; ")), "</description>\n  </meta>\n")
	d.o.put(`  <graph defaultedgetype="directed" mode="dynamic" timeformat="date">`, "\n")
	d.attributes("node", nodeFields(sel)[1:])
	d.attributes("edge", relationFields[3:])
	d.o.put("    <nodes>\n")
	return d
}

func (d *gexfDoc) attributes(class string, fields []field) {
	d.o.put(`    <attributes class="`, class, "\">\n")
	for _, f := range fields {
		d.o.put(fmt.Sprintf(`      <attribute id="%s" title="%s" type="%s"/>`, f.name, f.name, gexfTypes.of(f.kind)), "\n")
	}
	d.o.put("    </attributes>\n")
}

func (d *gexfDoc) values(fields []field, rec []any) {
	d.o.put("        <attvalues>\n")
	for i, f := range fields {
		if v := str(f.kind, rec[i]); v != "" {
			d.o.put(`          <attvalue for="`, f.name, `" value="`, esc(v), "\"/>\n")
		}
	}
	d.o.put("        </attvalues>\n")
}

func (d *gexfDoc) node(a graph.Actor, distance int, _ bool) error {
	d.o.put(`      <node id="`, esc(a.ID), `" label="`, esc(a.Name), "\">\n")
	d.values(nodeFields(d.sel)[1:], actorRecord(a, d.sel.Actor != "", distance)[1:])
	return d.o.put("      </node>\n")
}

func (d *gexfDoc) next(io.Writer) {}

func (d *gexfDoc) edge(r graph.Relation) error {
	if !d.edges {
		d.edges = true
		d.o.put("    </nodes>\n    <edges>\n")
	}
	d.o.put(`      <edge id="`, esc(r.Key().String()), `" source="`, esc(r.Source), `" target="`, esc(r.Target),
		`" kind="`, string(r.Type), `" label="`, string(r.Type), `" weight="`, fmt.Sprint(r.Count), `"`)
	if s := str(day, r.FirstSeen); s != "" {
		d.o.put(` start="`, s, `"`)
	}
	if s := str(day, r.LastSeen); s != "" {
		d.o.put(` end="`, s, `"`)
	}
	d.o.put(">\n")
	d.values(relationFields[3:], relationRecord(r)[3:])
	return d.o.put("      </edge>\n")
}

func (d *gexfDoc) end(bool) error {
	if !d.edges {
		d.o.put("    </nodes>\n    <edges>\n")
	}
	return d.o.put("    </edges>\n  </graph>\n</gexf>\n")
}

// --- neo4j-admin import CSV --------------------------------------------------------------------

// neo4jType is a field's type in a neo4j-admin header.
func neo4jType(f field) string { return neo4jTypes.of(f.kind) }

type neo4jCSV struct {
	sel   Selection
	nodes *csvOut
	rels  *csvOut
	err   error
}

// newNeo4jCSV writes the two files of `neo4j-admin database import full --nodes=nodes.csv
// --relationships=relationships.csv`: actors labelled Actor, keyed by their id, and relations
// typed by their relation type, with typed headers (lists split on ";", the import's default).
func newNeo4jCSV(sel Selection, _ Provenance, ws []io.Writer) graphWriter {
	n := &neo4jCSV{sel: sel, nodes: newCSV(ws[0])}
	fields := nodeFields(sel)
	n.err = n.nodes.header(fields[1:], neo4jType, "id:ID", ":LABEL")
	return n
}

func (n *neo4jCSV) node(a graph.Actor, distance int, _ bool) error {
	if n.err != nil {
		return n.err
	}
	rec := actorRecord(a, n.sel.Actor != "", distance)
	return n.nodes.row(nodeFields(n.sel)[1:], rec[1:], a.ID, "Actor")
}

func (n *neo4jCSV) next(w io.Writer) {
	if n.err = n.nodes.flush(); n.err != nil {
		return
	}
	n.rels = newCSV(w)
	n.err = n.rels.header(n.relFields(), neo4jType, ":START_ID", ":END_ID", ":TYPE")
}

// relFields are the relation fields that become properties: all but the ends and the type,
// which the import's own columns carry.
func (n *neo4jCSV) relFields() []field {
	return []field{relationFields[0], relationFields[4], relationFields[5], relationFields[6], relationFields[7],
		relationFields[8], relationFields[9], relationFields[10]}
}

func (n *neo4jCSV) edge(r graph.Relation) error {
	if n.err != nil {
		return n.err
	}
	rec := relationRecord(r)
	return n.rels.row(n.relFields(), []any{rec[0], rec[4], rec[5], rec[6], rec[7], rec[8], rec[9], rec[10]},
		r.Source, r.Target, string(r.Type))
}

func (n *neo4jCSV) end(bool) error {
	if n.err != nil {
		return n.err
	}
	return n.rels.flush()
}

// --- relations table ---------------------------------------------------------------------------

type relationsCSV struct {
	c     *csvOut
	names map[string]string
	err   error
}

func newRelationsCSV(_ Selection, _ Provenance, ws []io.Writer) graphWriter {
	t := &relationsCSV{c: newCSV(ws[0]), names: map[string]string{}}
	t.err = t.c.header(relationTableFields, nil)
	return t
}

func (t *relationsCSV) node(a graph.Actor, _ int, _ bool) error {
	t.names[a.ID] = a.Name
	return t.err
}

func (t *relationsCSV) next(io.Writer) {}

func (t *relationsCSV) edge(r graph.Relation) error {
	if t.err != nil {
		return t.err
	}
	return t.c.row(relationTableFields, relationTableRecord(r, t.names))
}

func (t *relationsCSV) end(bool) error {
	if t.err != nil {
		return t.err
	}
	return t.c.flush()
}
