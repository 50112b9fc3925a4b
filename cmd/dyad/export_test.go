package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/graph"
	neo4jdriver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// everyTypeFlag names every relation type, AFFILIATION included, so that an export holds every
// relation that Stats counts.
func everyTypeFlag() string {
	var names []string
	for _, i := range graph.Types {
		names = append(names, string(i.Type))
	}
	return strings.Join(names, ",")
}

// networkxPython is the Python with NetworkX that tools/test.sh installs in a virtual
// environment from PyPI (DYAD_PYTHON). Without it the test skips, and under CI=true it fails.
func networkxPython(t *testing.T) string {
	t.Helper()
	py := os.Getenv("DYAD_PYTHON")
	if py == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI requires DYAD_PYTHON, a Python with NetworkX: tools/test.sh makes one")
		}
		t.Skip("DYAD_PYTHON is not set: run tools/test.sh, which makes a virtual environment with NetworkX")
	}
	return py
}

// readWithNetworkX is what the Python script reports of the exports it reads.
type readWithNetworkX struct {
	Version string
	Graphs  map[string]struct {
		Nodes, Edges         int
		Directed             bool
		NodeAttrs, EdgeAttrs []string // attributes every node, every edge has
		AnyNode, AnyEdge     []string // attributes some node, some edge has
		CountSum             int      // the sum of the edges' count
		TypedOK              bool     // count is an int, score and goldstein floats, on every edge
		Labels               int      // nodes whose label is their name
		Undated              int      // edges without first_seen
	}
	Asserted int // events-csv rows that are not negated
	Rows     int
}

// networkxScript reads the GraphML and GEXF exports with NetworkX and the events table with
// Python's csv module, and prints what it found as JSON.
const networkxScript = `
import csv, json, sys
import networkx as nx
out = {"Version": nx.__version__, "Graphs": {}}
for name, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
    g = read(sys.argv[1] + "." + name)
    nodes = list(g.nodes(data=True))
    edges = list(g.edges(data=True))
    if g.is_multigraph():
        # A pair with relations of two types is two parallel edges: NetworkX then reads a
        # multigraph and keeps a GraphML edge's id as the edge's key, not among its data.
        edges = [(u, v, dict(d, id=d.get("id", k))) for u, v, k, d in g.edges(keys=True, data=True)]
    common = lambda items: sorted(set.intersection(*[set(d) for _, *__, d in items])) if items else []
    out["Graphs"][name] = {
        "Nodes": g.number_of_nodes(), "Edges": g.number_of_edges(), "Directed": g.is_directed(),
        "NodeAttrs": common(nodes), "EdgeAttrs": common(edges),
        "AnyNode": sorted(set().union(*[set(d) for _, d in nodes])),
        "AnyEdge": sorted(set().union(*[set(d) for *_, d in edges])),
        "CountSum": sum(d["count"] for *_, d in edges),
        "TypedOK": all(type(d["count"]) is int and type(d["score"]) is float and type(d["goldstein"]) is float for *_, d in edges),
        "Labels": sum(1 for _, d in nodes if d.get("label") == d.get("name")),
        "Undated": sum(1 for *_, d in edges if "first_seen" not in d),
    }
with open(sys.argv[1] + ".csv", newline="") as f:
    rows = list(csv.DictReader(f))
out["Rows"] = len(rows)
out["Asserted"] = sum(1 for r in rows if r["negated"] == "false")
print(json.dumps(out))
`

// NetworkX reads the GraphML and GEXF exports of the samples with every actor and relation the
// store holds, and the attributes that the README's field table promises; the events table
// holds the claims that the edges count.
func TestExportsReadByNetworkX(t *testing.T) {
	py := networkxPython(t)
	data := t.TempDir()
	wantCode(t, dyad(t, runOpts{}, "load", "--data", data, samplesDir), 0, "dyad load")
	stats := storeStats(t, data)
	out := filepath.Join(t.TempDir(), "samples")
	types := everyTypeFlag()
	for format, file := range map[string]string{"graphml": out + ".graphml", "gexf": out + ".gexf", "events-csv": out + ".csv"} {
		r := dyad(t, runOpts{}, "export", "--data", data, "--format", format, "--types", types, "-o", file)
		wantCode(t, r, 0, "dyad export --format "+format)
		if !strings.Contains(r.stderr, "dyad export: "+format+" of graph from embedded store") {
			t.Errorf("dyad export --format %s says:\n%s", format, r.stderr)
		}
	}
	cmd := exec.Command(py, "-c", networkxScript, out)
	raw, err := cmd.Output()
	if err != nil {
		t.Fatalf("python with NetworkX: %v\n%s", err, raw)
	}
	var got readWithNetworkX
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatalf("the script's answer %q: %v", raw, err)
	}
	t.Logf("NetworkX %s read %+v", got.Version, got)
	// Every node and edge has these; the others are left out where empty (a person's country,
	// an unknown QID, an affiliation's CAMEO code, an undated relation's first and last seen).
	everyNode, someNode := []string{"kind", "label", "name"}, []string{"aliases", "code", "country", "qid"}
	everyEdge, someEdge := []string{"count", "goldstein", "id", "score", "type"}, []string{"cameo", "quad", "first_seen", "last_seen"}
	for _, name := range []string{"graphml", "gexf"} {
		g, ok := got.Graphs[name]
		switch {
		case !ok:
			t.Errorf("%s: not read", name)
		case g.Nodes != stats.Actors || g.Edges != stats.Relations || !g.Directed:
			t.Errorf("%s: %d nodes, %d edges (directed %t); the store holds %d actors, %d relations", name,
				g.Nodes, g.Edges, g.Directed, stats.Actors, stats.Relations)
		case !g.TypedOK || g.Labels != g.Nodes:
			t.Errorf("%s: typed attributes %t, %d of %d nodes labelled by name", name, g.TypedOK, g.Labels, g.Nodes)
		case g.CountSum != got.Asserted:
			t.Errorf("%s: the edges count %d claims; the events table has %d that are not negated", name, g.CountSum, got.Asserted)
		}
		for _, want := range []struct {
			what  string
			have  []string
			attrs []string
		}{{"every node", g.NodeAttrs, everyNode}, {"some node", g.AnyNode, someNode},
			{"every edge", g.EdgeAttrs, everyEdge}, {"some edge", g.AnyEdge, someEdge}} {
			for _, a := range want.attrs {
				if !slices.Contains(want.have, a) {
					t.Errorf("%s: not %s has %s: %q", name, want.what, a, want.have)
				}
			}
		}
		if g.Undated == 0 {
			t.Errorf("%s: no undated edge left without first_seen; the samples have one (baltic-exercise.txt)", name)
		}
	}
	if got.Rows < got.Asserted || got.Rows == 0 {
		t.Errorf("events table: %d rows, %d asserted", got.Rows, got.Asserted)
	}
}

// The neo4j-admin CSV of a Neo4j store loads into Neo4j (with LOAD CSV, from a local HTTP
// server) and gives the counts of the store it came from, type by type.
func TestNeo4jCSVLoadsIntoNeo4j(t *testing.T) {
	flags := neo4jFlags(t)
	emptyNeo4j(t)
	t.Cleanup(func() { emptyNeo4j(t) })
	wantCode(t, dyad(t, runOpts{}, append(append([]string{"load"}, flags...), samplesDir)...), 0, "dyad load --neo4j")

	// Either store exports the same events and graph.
	data := t.TempDir()
	wantCode(t, dyad(t, runOpts{}, "load", "--data", data, samplesDir), 0, "dyad load --data")
	for _, args := range [][]string{{"--format", "events-jsonl"}, {"--format", "gexf", "--rollup"}, {"--format", "json", "--actor", "UKR", "--hops", "2"}} {
		onNeo4j := dyad(t, runOpts{}, append(append([]string{"export"}, flags...), args...)...)
		onEmbedded := dyad(t, runOpts{}, append([]string{"export", "--data", data}, args...)...)
		wantCode(t, onNeo4j, 0, "dyad export --neo4j "+strings.Join(args, " "))
		// The same but for where they came from: the provenance names the store and the time.
		if withoutProvenance(onNeo4j.stdout) != withoutProvenance(onEmbedded.stdout) || len(onNeo4j.stdout) < 1000 ||
			!strings.Contains(onNeo4j.stdout, "neo4j at ") && args[1] != "events-jsonl" {
			t.Errorf("dyad export %s differs between the stores:\nneo4j:\n%.3000s\nembedded:\n%.3000s", strings.Join(args, " "), onNeo4j.stdout, onEmbedded.stdout)
		}
	}

	dir := t.TempDir()
	r := dyad(t, runOpts{}, append(append([]string{"export"}, flags...), "--format", "neo4j-csv", "--types", everyTypeFlag(), "-o", dir+"/")...)
	wantCode(t, r, 0, "dyad export --format neo4j-csv")
	files := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer files.Close()

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	auth := neo4jdriver.NoAuth()
	if user := os.Getenv("NEO4J_USER"); user != "" {
		auth = neo4jdriver.BasicAuth(user, os.Getenv("NEO4J_PASSWORD"), "")
	}
	drv, err := neo4jdriver.NewDriverWithContext(os.Getenv("NEO4J_URI"), auth)
	if err != nil {
		t.Fatal(err)
	}
	defer drv.Close(ctx)
	query := func(q string, params map[string]any) []*neo4jdriver.Record {
		t.Helper()
		res, err := neo4jdriver.ExecuteQuery(ctx, drv, q, params, neo4jdriver.EagerResultTransformer,
			neo4jdriver.ExecuteQueryWithDatabase(os.Getenv("NEO4J_DATABASE")))
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return res.Records
	}
	// The files' typed headers, read as neo4j-admin reads them: a label of our own keeps the
	// imported copy apart from the store's Actor nodes in the same database.
	query("LOAD CSV WITH HEADERS FROM $url AS row "+
		"CREATE (:ImportedActor {id: row.`id:ID`, name: row.`name:string`, kind: row.`kind:string`, labels: row.`:LABEL`})",
		map[string]any{"url": files.URL + "/nodes.csv"})
	query("LOAD CSV WITH HEADERS FROM $url AS row "+
		"MATCH (s:ImportedActor {id: row.`:START_ID`}), (t:ImportedActor {id: row.`:END_ID`}) "+
		"CREATE (s)-[:$(row.`:TYPE`) {count: toInteger(row.`count:int`), first_seen: datetime(row.`first_seen:datetime`)}]->(t)",
		map[string]any{"url": files.URL + "/relationships.csv"})

	counts := func(label string) map[string]int64 {
		out := map[string]int64{}
		for _, rec := range query("MATCH (a:"+label+") RETURN count(a) AS n", nil) {
			out["(actors)"], _ = rec.Values[0].(int64)
		}
		for _, rec := range query("MATCH (:"+label+")-[r]->(:"+label+") RETURN type(r) AS type, count(r) AS n, sum(r.count) AS claims", nil) {
			typ, _ := rec.Values[0].(string)
			out[typ], _ = rec.Values[1].(int64)
			out[typ+" claims"], _ = rec.Values[2].(int64)
		}
		return out
	}
	imported, stored := counts("ImportedActor"), counts("Actor")
	if len(stored) < 3 || !equalCounts(imported, stored) {
		t.Errorf("imported from neo4j-csv: %v\nthe store it came from: %v", imported, stored)
	}
	bad := query("MATCH (a:ImportedActor) WHERE a.labels <> 'Actor' OR a.name IS NULL OR a.kind IS NULL RETURN count(a)", nil)
	if n, _ := bad[0].Values[0].(int64); n != 0 {
		t.Errorf("%d imported actors lack their label, name or kind", n)
	}
}

func equalCounts(a, b map[string]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestExportCommand(t *testing.T) {
	data := t.TempDir()
	wantCode(t, dyad(t, runOpts{}, "load", "--data", data, samplesDir), 0, "dyad load")
	stats := storeStats(t, data)

	r := dyad(t, runOpts{}, "export", "--help")
	wantCode(t, r, 0, "dyad export --help")
	for _, want := range []string{"Usage: dyad export", "events-csv", "neo4j-csv", "gexf", "--actors"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("dyad export --help does not mention %s:\n%s", want, r.stderr)
		}
	}

	r = dyad(t, runOpts{}, "export", "--data", data, "--format", "json")
	wantCode(t, r, 0, "dyad export --format json")
	var doc struct{ Nodes, Edges []map[string]any }
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil || len(doc.Nodes) != stats.Actors || len(doc.Edges) == 0 {
		t.Errorf("json on standard output: %v, %d nodes (the store has %d actors), %d edges", err, len(doc.Nodes), stats.Actors, len(doc.Edges))
	}

	dir := t.TempDir()
	r = dyad(t, runOpts{}, "export", "--data", data, "--format", "neo4j-csv", "--actor", "UKR", "--hops", "2", "-o", filepath.Join(dir, "ukr"))
	wantCode(t, r, 0, "dyad export --format neo4j-csv -o PREFIX")
	for _, name := range []string{"ukr-nodes.csv", "ukr-relationships.csv"} {
		if b, err := os.ReadFile(filepath.Join(dir, name)); err != nil || !strings.Contains(string(b), ",distance:int") && name == "ukr-nodes.csv" {
			t.Errorf("%s: %v\n%s", name, err, b)
		}
	}

	for _, args := range [][]string{
		{"export", "--data", data},
		{"export", "--data", data, "--format", "xlsx"},
		{"export", "--data", data, "--format", "neo4j-csv"},
		{"export", "--data", data, "--format", "json", "--actor", "UKR", "--actors", "RUS"},
		{"export", "--data", data, "--format", "json", "--hops", "2"},
		{"export", "--data", data, "--format", "json", "--since", "monday"},
		{"export", "--data", data, "--format", "json", "--types", "BOGUS"},
		{"export", "--data", data, "--format", "json", "extra"},
	} {
		r := dyad(t, runOpts{}, args...)
		if r.code != 2 || strings.TrimSpace(r.stderr) == "" {
			t.Errorf("dyad %s: exit status %d, want 2 (usage) with a message\n%s", strings.Join(args[3:], " "), r.code, r.stderr)
		}
	}
	out := filepath.Join(t.TempDir(), "x.json")
	r = dyad(t, runOpts{}, "export", "--data", data, "--format", "json", "--actor", "XXX", "-o", out)
	if r.code != 1 || !strings.Contains(r.stderr, `actor "XXX" does not exist`) {
		t.Errorf("an unknown actor: exit status %d, want 1 and a message:\n%s", r.code, r.stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("a failed export left %s behind", out)
	}
}

// pandasScript reads the events table as a researcher would: the CSV with the column types that
// its datapackage.json gives, and the Parquet file with pyarrow; and the GraphML's provenance
// with NetworkX. It prints what it found as JSON.
const pandasScript = `
import json, sys
import networkx as nx, pandas as pd, pyarrow.parquet as pq
base = sys.argv[1]
dp = json.load(open(base + ".datapackage.json"))
res = dp["resources"][0]
fields = res["schema"]["fields"]
dtype = {"string": "string", "integer": "Int64", "number": "float64", "boolean": "boolean"}
e = pd.read_csv(base + ".csv", dtype={f["name"]: dtype[f["type"]] for f in fields if f["type"] in dtype},
                parse_dates=[f["name"] for f in fields if f["type"] in ("date", "datetime")],
                keep_default_na=False, na_values=res["schema"]["missingValues"])
t = pq.read_table(base + ".parquet")
p = t.to_pandas()
meta = {k.decode(): v.decode() for k, v in (t.schema.metadata or {}).items() if k.startswith(b"dyad.")}
g = nx.read_graphml(base + ".graphml")
out = {
    "Path": res["path"], "Described": sum(1 for f in fields if f.get("description")), "Fields": len(fields),
    "CSVColumns": list(e.columns), "ParquetColumns": t.schema.names,
    "CSVTypes": {c: str(e[c].dtype) for c in ("cameo", "date", "time", "goldstein", "negated", "start")},
    "ParquetTypes": {c: str(t.schema.field(c).type) for c in ("cameo", "date", "time", "goldstein", "negated", "start")},
    "Rows": len(e), "ParquetRows": len(p),
    "Cameos": sorted(set(e["cameo"].dropna())), "ParquetCameos": sorted(set(p["cameo"].dropna())),
    "Types": sorted(set(e["type"])),
    "SameClaims": sorted(e["claim_id"]) == sorted(p["claim_id"]),
    "SameDates": sorted(e["date"].dropna().dt.strftime("%Y-%m-%d")) == sorted(pd.to_datetime(p["date"].dropna()).dt.strftime("%Y-%m-%d")),
    "Undated": int(e["date"].isna().sum()), "ParquetUndated": int(p["date"].isna().sum()),
    "Meta": meta, "Package": dp.get("dyad", {}), "GraphML": {k: str(v) for k, v in g.graph.items()},
}
print(json.dumps(out))
`

// pandas and pyarrow read the events table of the whole graph with the column types of its
// datapackage.json and of its Parquet file: cameo stays a string ("020", not 20), dates are
// dates; both hold every claim the store holds, AFFILIATION and negated ones included; and every
// format says where it came from.
func TestEventsReadByPandasAndPyarrow(t *testing.T) {
	py := networkxPython(t)
	data := t.TempDir()
	wantCode(t, dyad(t, runOpts{}, "load", "--data", data, samplesDir), 0, "dyad load")
	stats := storeStats(t, data)
	base := filepath.Join(t.TempDir(), "events")
	for format, file := range map[string]string{"events-csv": base + ".csv", "events-parquet": base + ".parquet", "graphml": base + ".graphml"} {
		r := dyad(t, runOpts{env: []string{"SOURCE_DATE_EPOCH=1765000000"}}, "export", "--data", data, "--format", format, "-o", file)
		wantCode(t, r, 0, "dyad export --format "+format)
	}
	raw, err := exec.Command(py, "-c", pandasScript, base).Output()
	if err != nil {
		t.Fatalf("python with pandas and pyarrow: %v\n%s", err, raw)
	}
	var got struct {
		Path                       string
		Described, Fields          int
		CSVColumns, ParquetColumns []string
		CSVTypes, ParquetTypes     map[string]string
		Rows, ParquetRows          int
		Cameos, ParquetCameos      []string
		Types                      []string
		SameClaims, SameDates      bool
		Undated, ParquetUndated    int
		Meta, Package, GraphML     map[string]string
	}
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatalf("the script's answer %q: %v", raw, err)
	}
	t.Logf("read %+v", got)
	if got.Path != "events.csv" || got.Described != got.Fields || got.Fields != len(got.CSVColumns) {
		t.Errorf("the datapackage.json names %s and describes %d of %d fields; the CSV has %d columns", got.Path, got.Described, got.Fields, len(got.CSVColumns))
	}
	if !slices.Equal(got.CSVColumns, got.ParquetColumns) {
		t.Errorf("the CSV's columns %v differ from the Parquet file's %v", got.CSVColumns, got.ParquetColumns)
	}
	wantCSV := map[string]string{"cameo": "string", "date": "datetime64", "time": "datetime64", "goldstein": "float64", "negated": "boolean", "start": "Int64"}
	for col, want := range wantCSV {
		if !strings.HasPrefix(got.CSVTypes[col], want) {
			t.Errorf("pandas reads the CSV's %s as %s, want %s", col, got.CSVTypes[col], want)
		}
	}
	wantParquet := map[string]string{"cameo": "string", "date": "date32[day]", "time": "timestamp[ms, tz=UTC]", "goldstein": "double", "negated": "bool", "start": "int64"}
	for col, want := range wantParquet {
		if got.ParquetTypes[col] != want {
			t.Errorf("pyarrow reads the Parquet %s as %s, want %s", col, got.ParquetTypes[col], want)
		}
	}
	if got.Rows != stats.Claims || got.ParquetRows != stats.Claims || !got.SameClaims || !got.SameDates {
		t.Errorf("%d CSV rows, %d Parquet rows (same claims %t, same dates %t); the store holds %d claims",
			got.Rows, got.ParquetRows, got.SameClaims, got.SameDates, stats.Claims)
	}
	if got.Undated == 0 || got.Undated != got.ParquetUndated {
		t.Errorf("undated claims: %d in the CSV, %d in the Parquet file; the samples have some", got.Undated, got.ParquetUndated)
	}
	if !slices.ContainsFunc(got.Cameos, func(c string) bool { return strings.HasPrefix(c, "0") }) || !slices.Equal(got.Cameos, got.ParquetCameos) {
		t.Errorf("CAMEO codes lost their leading zero or differ: CSV %v, Parquet %v", got.Cameos, got.ParquetCameos)
	}
	if !slices.Contains(got.Types, "AFFILIATION") {
		t.Errorf("the whole graph's events have no AFFILIATION: %v", got.Types)
	}
	for what, p := range map[string]map[string]string{"Parquet metadata": got.Meta, "datapackage.json": got.Package, "GraphML": got.GraphML} {
		prefix := ""
		if what == "Parquet metadata" {
			prefix = "dyad."
		}
		if p[prefix+"exported_at"] != "2025-12-06T05:46:40Z" || !strings.HasPrefix(p[prefix+"store"], "embedded store in ") ||
			p[prefix+"dyad_version"] == "" || p[prefix+"selection_name"] != "graph" {
			t.Errorf("%s provenance: %v", what, p)
		}
	}
}

// dyad version and dyad --version print the same version line.
func TestVersion(t *testing.T) {
	a := dyad(t, runOpts{}, "version")
	b := dyad(t, runOpts{}, "--version")
	wantCode(t, a, 0, "dyad version")
	wantCode(t, b, 0, "dyad --version")
	if !strings.HasPrefix(a.stdout, "dyad ") || a.stdout != b.stdout || !strings.Contains(a.stdout, "go1.") {
		t.Errorf("dyad version says %q, dyad --version %q", a.stdout, b.stdout)
	}
}

// provenanceParts match the provenance of the JSON formats and of GEXF.
var provenanceParts = regexp.MustCompile(`(?s)"provenance": \{[^}]*\}|<meta .*?</meta>`)

// withoutProvenance is an export without its provenance, which names the store and the time.
func withoutProvenance(s string) string { return provenanceParts.ReplaceAllString(s, "") }
