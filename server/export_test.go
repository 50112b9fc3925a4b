package server_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/dyadgraph/dyad/export"
	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/graph/synth"
	"github.com/dyadgraph/dyad/schema"
	"github.com/dyadgraph/dyad/server"
)

func httpGet(t *testing.T, u string) (*http.Response, []byte, error) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return resp, body, err
}

func TestExportOverHTTP(t *testing.T) {
	srv := httptest.NewServer(server.New(seededStore(t), server.WithLogger(testLogger(t))))
	defer srv.Close()
	for _, c := range []struct {
		query, contentType, file, start string
	}{
		{"format=events-csv", "text/csv", "dyad-graph-events.csv", "claim_id,date,time,relation_id,source,"},
		{"format=events-jsonl&actor=UKR&hops=1", "application/jsonl", "dyad-UKR-1hops-events.jsonl", `{"claim_id":`},
		{"format=graphml&actors=UKR,RUS", "application/graphml+xml", "dyad-2-actors.graphml", `<?xml`},
		{"format=gexf&types=SUPPORT", "application/gexf+xml", "dyad-graph.gexf", `<?xml`},
		{"format=cyjs&actor=igo/nato&hops=0", "application/json", "dyad-igo_nato-0hops.cyjs", `{"format_version": "1.0"`},
		{"format=json&rollup=true", "application/json", "dyad-graph.json", `{"provenance": {"claims":`},
		{"format=events-parquet&since=2024-01-01", "application/vnd.apache.parquet", "dyad-graph-events.parquet", "PAR1"},
		{"format=relations-csv&since=2024-05-01", "text/csv", "dyad-graph-relations.csv", "source,source_name,type,"},
	} {
		resp, body, err := httpGet(t, srv.URL+"/export?"+c.query)
		switch {
		case err != nil || resp.StatusCode != 200:
			t.Errorf("%s: %d %v\n%s", c.query, resp.StatusCode, err, body)
		case !strings.HasPrefix(resp.Header.Get("Content-Type"), c.contentType):
			t.Errorf("%s: Content-Type %q, want %s", c.query, resp.Header.Get("Content-Type"), c.contentType)
		case resp.Header.Get("Content-Disposition") != `attachment; filename="`+c.file+`"`:
			t.Errorf("%s: Content-Disposition %q, want file %s", c.query, resp.Header.Get("Content-Disposition"), c.file)
		case !strings.HasPrefix(string(body), c.start):
			t.Errorf("%s: starts %.80q, want %q", c.query, body, c.start)
		case resp.Header.Get("X-Dyad-Version") == "":
			t.Errorf("%s: no X-Dyad-Version", c.query)
		}
	}

	// A table links to its datapackage.json, which describes the file the browser saved.
	resp, body, err := httpGet(t, srv.URL+"/export?format=events-csv&types=SUPPORT")
	link := resp.Header.Get("Link")
	if err != nil || !strings.HasPrefix(link, `<export/datapackage?format=events-csv&types=SUPPORT>; rel="describedby"`) {
		t.Fatalf("events-csv: Link %q, %v", link, err)
	}
	target, _ := url.Parse(srv.URL + "/export")
	ref, _ := url.Parse(strings.Trim(strings.Split(link, ";")[0], "<>"))
	resp, body, err = httpGet(t, target.ResolveReference(ref).String())
	var dp struct {
		Dyad      map[string]string
		Resources []struct {
			Path   string
			Schema struct {
				Fields []struct{ Name, Type, Description string }
			}
		}
	}
	if err != nil || resp.StatusCode != 200 || json.Unmarshal(body, &dp) != nil || len(dp.Resources) != 1 {
		t.Fatalf("the datapackage.json: %d %v\n%s", resp.StatusCode, err, body)
	}
	if r := dp.Resources[0]; r.Path != "dyad-graph-events.csv" || len(r.Schema.Fields) < 30 || dp.Dyad["selection"] != "types=SUPPORT" {
		t.Errorf("the datapackage.json describes %s, %d fields, provenance %v", r.Path, len(r.Schema.Fields), dp.Dyad)
	}
	for _, f := range dp.Resources[0].Schema.Fields {
		if f.Description == "" || f.Name == "cameo" && f.Type != "string" {
			t.Errorf("the datapackage.json's field %+v", f)
		}
	}
	if resp, body, _ := httpGet(t, srv.URL+"/export/datapackage?format=graphml"); resp.StatusCode != 400 {
		t.Errorf("a datapackage.json of GraphML: %d %s", resp.StatusCode, body)
	}

	resp, body, err = httpGet(t, srv.URL+"/export?format=neo4j-csv")
	if err != nil || resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/zip" {
		t.Fatalf("neo4j-csv: %d %v %s", resp.StatusCode, err, resp.Header.Get("Content-Type"))
	}
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatalf("neo4j-csv: not a zip: %v", err)
	}
	heads := map[string]string{}
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(r)
		r.Close()
		heads[f.Name], _, _ = strings.Cut(string(data), "\n")
		if lines := strings.Count(string(data), "\n"); lines < 12 && f.Name != "provenance.json" { // the fixture's 11 actors, 13 relations
			t.Errorf("neo4j-csv %s: %d lines", f.Name, lines)
		}
	}
	if !strings.HasPrefix(heads["nodes.csv"], "id:ID,:LABEL,name:string,") ||
		!strings.HasPrefix(heads["relationships.csv"], ":START_ID,:END_ID,:TYPE,id:string,") || heads["provenance.json"] != "{" || len(heads) != 3 {
		t.Errorf("neo4j-csv zip holds %q", heads)
	}

	for query, status := range map[string]int{
		"":                                 400,
		"format=xlsx":                      400,
		"format=json&actor=XXX":            404,
		"format=json&actors=UKR,XXX":       404,
		"format=json&actor=UKR&actors=RUS": 400,
		"format=json&hops=2":               400,
		"format=json&actor=UKR&hops=4":     400,
		"format=json&types=BOGUS":          400,
		"format=json&until=2024-01-01&since=2024-06-01": 400,
	} {
		if resp, body, _ := httpGet(t, srv.URL+"/export?"+query); resp.StatusCode != status {
			t.Errorf("/export?%s: %d %s, want %d", query, resp.StatusCode, body, status)
		}
	}
}

// failingScanStore fails a whole-graph export part-way, after its first after relations.
type failingScanStore struct {
	graph.Store
	after int
}

func (f failingScanStore) EachRelation(ctx context.Context, filter graph.RelationFilter, fn func(graph.Relation) error) error {
	n := 0
	return f.Store.EachRelation(ctx, filter, func(r graph.Relation) error {
		if n++; n > f.after {
			return errors.New("the store went away")
		}
		return fn(r)
	})
}

// A failure while an export streams breaks the transfer once bytes have reached the client, so
// that a client never takes a short file for a whole one (see TestExportFailingBeforeItBeginsIs500
// for a failure before the first byte).
func TestExportFailingMidwayBreaksTheTransfer(t *testing.T) {
	st := openStore(t)
	var batch []graph.Extraction
	if err := (synth.Corpus{Actors: 200, Claims: 3000, Seed: 3}).Each(context.Background(), func(x graph.Extraction) error {
		batch = append(batch, x)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := st.Save(context.Background(), batch); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.New(failingScanStore{st, 1000}, server.WithLogger(testLogger(t))))
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/export?format=graphml")
	if err != nil {
		t.Fatalf("the export broke before its status, although a thousand relations were read: %v", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || len(body) == 0 {
		t.Fatalf("the export should have begun: %d, %d bytes", resp.StatusCode, len(body))
	}
	if err == nil {
		t.Errorf("a failed export read whole: %d bytes", len(body))
	}
}

func TestExportURL(t *testing.T) {
	srv := httptest.NewServer(server.New(seededStore(t), server.WithLogger(testLogger(t))))
	defer srv.Close()
	c := newClient(t, seededStore(t))
	var resp struct{ Neighbourhood, Whole, List string }
	mustQuery(t, c, `{
		neighbourhood: exportURL(format: GEXF, actor: "UKR", hops: 2, filter: { types: [SUPPORT, AID], since: "2024-01-01" })
		whole: exportURL(format: EVENTS_CSV)
		list: exportURL(format: NEO4J_CSV, actors: ["UKR", "RUS"], filter: { rollup: true })
	}`, &resp)
	want := map[string]string{
		resp.Neighbourhood: "export?actor=UKR&format=gexf&hops=2&since=2024-01-01T00%3A00%3A00Z&types=SUPPORT%2CAID",
		resp.Whole:         "export?format=events-csv",
		resp.List:          "export?actors=UKR%2CRUS&format=neo4j-csv&rollup=true",
	}
	endpoint, _ := url.Parse(srv.URL + "/graphql")
	for got, w := range want {
		if got != w {
			t.Errorf("exportURL = %q, want %q", got, w)
		}
		ref, _ := url.Parse(got)
		if r, body, err := httpGet(t, endpoint.ResolveReference(ref).String()); err != nil || r.StatusCode != 200 || len(body) < 100 {
			t.Errorf("GET %s (from the GraphQL endpoint): %d %v %.200s", got, r.StatusCode, err, body)
		}
	}
	wantCode(t, c, `{ exportURL(format: JSON, actor: "XXX") }`, "NOT_FOUND")
	wantCode(t, c, `{ exportURL(format: JSON, actors: ["UKR", "XXX"]) }`, "NOT_FOUND")
	wantCode(t, c, `{ exportURL(format: JSON, actor: "UKR", actors: ["RUS"]) }`, "BAD_USER_INPUT")
	wantCode(t, c, `{ exportURL(format: JSON, actor: "UKR", hops: 5) }`, "BAD_USER_INPUT")
	wantCode(t, c, `{ exportURL(format: JSON, filter: { minConfidence: 2 }) }`, "BAD_USER_INPUT")
}

// Every GraphQL ExportFormat names an export format, and every export format has one.
func TestExportFormatsMatchTheSchema(t *testing.T) {
	c := newClient(t, seededStore(t))
	if len(schema.AllExportFormat) != len(export.Formats) {
		t.Errorf("the schema has %d export formats, package export %d", len(schema.AllExportFormat), len(export.Formats))
	}
	for _, f := range schema.AllExportFormat {
		var resp struct{ ExportURL string }
		mustQuery(t, c, `{ exportURL(format: `+string(f)+`) }`, &resp)
		if !strings.HasPrefix(resp.ExportURL, "export?format=") {
			t.Errorf("exportURL(format: %s) = %q", f, resp.ExportURL)
		}
	}
}
