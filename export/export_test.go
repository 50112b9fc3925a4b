package export_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/export"
	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/graph/embedded"
	"github.com/dyadgraph/dyad/loader"
)

var update = flag.Bool("update", false, "rewrite testdata: the samples' extractions and the golden exports")

// snapshot holds what the rule extractor found in loader/samples when the golden files were
// last written, so that the golden exports change with the export code, not with every change
// to extraction. go test ./export -update rewrites it, and the golden files, from the samples.
const snapshot = "testdata/samples.json"

// extractSamples runs the rule extractor over loader/samples.
func extractSamples(t *testing.T) []graph.Extraction {
	t.Helper()
	ctx := context.Background()
	g, err := loader.LoadGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	ex := loader.NewRuleExtractor(g)
	var out []graph.Extraction
	for doc, err := range loader.Documents(ctx, nil, "../loader/samples") {
		if err != nil {
			t.Fatal(err)
		}
		x, err := ex.Extract(ctx, doc)
		if err != nil {
			t.Fatalf("%s: %v", doc.File, err)
		}
		out = append(out, x)
	}
	slices.SortFunc(out, func(a, b graph.Extraction) int { return strings.Compare(a.Article.ID, b.Article.ID) })
	return out
}

// samplesStore is an embedded store holding the samples' snapshot.
func samplesStore(t *testing.T) graph.Store {
	t.Helper()
	var batch []graph.Extraction
	if *update {
		batch = extractSamples(t)
		data, err := json.MarshalIndent(batch, "", " ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(snapshot, append(data, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	} else {
		data, err := os.ReadFile(snapshot)
		if err != nil {
			t.Fatalf("%v (go test ./export -update writes it)", err)
		}
		if err := json.Unmarshal(data, &batch); err != nil {
			t.Fatalf("%s: %v", snapshot, err)
		}
	}
	st, err := embedded.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Save(context.Background(), batch); err != nil {
		t.Fatal(err)
	}
	return st
}

// run exports a selection in a format and returns its files by name ("" for a one-file format).
func run(t *testing.T, st graph.Store, sel export.Selection, format string) (map[string][]byte, export.Counts) {
	t.Helper()
	f, ok := export.FormatNamed(format)
	if !ok {
		t.Fatalf("no format %q", format)
	}
	ex, err := export.Prepare(context.Background(), st, sel)
	if err != nil {
		t.Fatalf("Prepare(%+v): %v", sel, err)
	}
	ex.SetStore("the samples")
	ex.SetExportedAt(time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC))
	files := map[string]*bytes.Buffer{}
	n, err := ex.Write(context.Background(), f, func(name string) (io.Writer, error) {
		files[name] = &bytes.Buffer{}
		return files[name], nil
	})
	if err != nil {
		t.Fatalf("export %s of %+v: %v", format, sel, err)
	}
	out := map[string][]byte{}
	for name, b := range files {
		out[name] = b.Bytes()
	}
	return out, n
}

func since(s string) *time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return &t
}

// goldenCases are the golden exports: the whole graph in every format, a neighbourhood and a
// rolled-up, filtered list of actors in a few.
var goldenCases = []struct {
	name    string
	sel     export.Selection
	formats []string
}{
	{"graph", export.Selection{}, nil},
	{"ukr-1hop", export.Selection{Actor: "UKR", Hops: 1}, []string{"json", "graphml", "events-csv"}},
	{"list-rollup", export.Selection{Actors: []string{"RUS", "UKR", "USA", "igo/nato", "LTU", "POL"},
		Filter: graph.RelationFilter{Rollup: true, Since: since("2024-01-01")}}, []string{"gexf", "events-jsonl", "cyjs"}},
}

func TestGolden(t *testing.T) {
	st := samplesStore(t)
	for _, c := range goldenCases {
		formats := c.formats
		if formats == nil {
			for _, f := range export.Formats {
				formats = append(formats, f.Name)
			}
		}
		for _, format := range formats {
			files, _ := run(t, st, c.sel, format)
			for name, got := range files {
				golden := filepath.Join("testdata", c.name+"."+format)
				if name != "" {
					golden += "." + name
				}
				if *update {
					if err := os.WriteFile(golden, got, 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (go test ./export -update writes it)", err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s differs from the golden file; review with go test ./export -update && git diff %s\n%s",
						golden, golden, firstDifference(got, want))
				}
			}
		}
	}
}

func firstDifference(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got  %q\n want %q", i+1, gl, wl)
		}
	}
	return ""
}

// allRelations lists the relations of a selection as the store's queries give them.
func allRelations(t *testing.T, st graph.Store, sel export.Selection) []graph.Relation {
	t.Helper()
	ctx := context.Background()
	if sel.Actor != "" {
		sg, err := st.Neighborhood(ctx, sel.Actor, sel.Hops, sel.Filter, sel.Limit)
		if err != nil {
			t.Fatal(err)
		}
		return sg.Relations
	}
	q := graph.RelationQuery{Filter: sel.Filter, Page: graph.Page{First: 7}} // several pages
	if len(sel.Actors) > 0 {
		q.Between = sel.Actors
	}
	var out []graph.Relation
	for {
		page, err := st.Relations(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, page.Relations...)
		if !page.HasNext {
			return out
		}
		q.Page.After = page.EndCursor
	}
}

// The events table's rows are the claims that relations and evidence report for the same
// selection, each under its relation; for the whole graph, every stored claim that passes the
// filter, negated or not, of every type when none is named, so that the table can rebuild the
// store.
func TestEventsAreTheClaimsBehindRelations(t *testing.T) {
	st := samplesStore(t)
	ctx := context.Background()
	// A pair whose only claim is negated makes no relation; the whole graph's events hold it.
	neg := graph.Claim{ArticleID: "negated-only", Source: "LTU", Target: "igo/nato", Type: graph.Reject,
		CAMEO: "120", Predicate: "did not reject", Confidence: 0.8, Negated: true, Modality: graph.Asserted,
		Time: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC), Extractor: "test"}
	neg.ID = graph.ClaimID(neg)
	if err := st.Save(ctx, []graph.Extraction{{Article: graph.Article{ID: "negated-only", Title: "Lithuania did not reject NATO",
		Published: neg.Time}, Claims: []graph.Claim{neg}}}); err != nil {
		t.Fatal(err)
	}
	everyType := graph.RelationFilter{}
	for _, i := range graph.Types {
		everyType.Types = append(everyType.Types, i.Type)
	}
	for name, sel := range map[string]export.Selection{
		"graph":              {},
		"graph, every type":  {Filter: everyType},
		"graph, rolled up":   {Filter: graph.RelationFilter{Rollup: true}},
		"graph, since, conf": {Filter: graph.RelationFilter{Since: since("2024-03-01"), MinConfidence: 0.7}},
		"UKR, 2 hops":        {Actor: "UKR", Hops: 2},
		"list, conflict":     {Actors: []string{"RUS", "UKR", "LTU", "igo/nato"}, Filter: graph.RelationFilter{Quad: graph.MaterialConflict}},
	} {
		t.Run(name, func(t *testing.T) {
			relSel := sel
			if sel.Whole() && len(sel.Filter.Types) == 0 {
				relSel.Filter.Types = everyType.Types
			}
			var want []string
			for _, r := range allRelations(t, st, relSel) {
				page := graph.Page{First: 2}
				for {
					ev, err := st.Evidence(ctx, []graph.RelationKey{r.Key()}, relSel.Filter, page)
					if err != nil {
						t.Fatal(err)
					}
					for _, e := range ev[r.Key()].Evidence {
						want = append(want, r.Key().String()+" "+e.Claim.ID)
					}
					if !ev[r.Key()].HasNext {
						break
					}
					page.After = ev[r.Key()].EndCursor
				}
			}
			files, n := run(t, st, sel, "events-jsonl")
			var got, gotNegatedOnly []string
			sc := bufio.NewScanner(bytes.NewReader(files[""]))
			sc.Buffer(nil, 1<<20)
			for sc.Scan() {
				var row struct {
					ClaimID    string `json:"claim_id"`
					RelationID string `json:"relation_id"`
				}
				if err := json.Unmarshal(sc.Bytes(), &row); err != nil {
					t.Fatalf("events-jsonl line %q: %v", sc.Text(), err)
				}
				if row.ClaimID == neg.ID {
					gotNegatedOnly = append(gotNegatedOnly, row.RelationID)
					continue
				}
				got = append(got, row.RelationID+" "+row.ClaimID)
			}
			slices.Sort(got)
			slices.Sort(want)
			if len(want) == 0 || !slices.Equal(got, want) || n.Events != len(got)+len(gotNegatedOnly) {
				t.Errorf("events (%d rows, %d counted):\n%s\nwant the claims behind the relations:\n%s", len(got), n.Events,
					strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			wantNegatedOnly := 0
			if sel.Whole() {
				wantNegatedOnly = 1
			}
			if len(gotNegatedOnly) != wantNegatedOnly || wantNegatedOnly == 1 && gotNegatedOnly[0] != "LTU|REJECT|igo/nato" {
				t.Errorf("the claim of a pair whose claims are all negated is in the events %v, want %d times", gotNegatedOnly, wantNegatedOnly)
			}
			if sel.Whole() && len(sel.Filter.Types) == 0 && !sel.Filter.Rollup && sel.Filter.Since == nil {
				stats, err := st.Stats(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if n.Events != stats.Claims {
					t.Errorf("the whole graph's events have %d rows; the store holds %d claims", n.Events, stats.Claims)
				}
			}
			csvFiles, _ := run(t, st, sel, "events-csv")
			if rows := strings.Count(string(csvFiles[""]), "\n") - 1; rows < len(want) {
				t.Errorf("events-csv has %d lines after its header, want at least %d rows", rows, len(want))
			}
		})
	}
}

// An actor with no relation is still a node; an undated claim has an empty date, never year 1.
func TestIsolatedActorsAndUndatedClaims(t *testing.T) {
	st := samplesStore(t)
	ctx := context.Background()
	ends := map[string]bool{}
	for _, r := range allRelations(t, st, export.Selection{}) {
		ends[r.Source], ends[r.Target] = true, true
	}
	var isolated string
	err := st.EachActor(ctx, func(a graph.Actor) error {
		if !ends[a.ID] && isolated == "" {
			isolated = a.ID
		}
		return nil
	})
	if err != nil || isolated == "" {
		t.Fatalf("the samples have no actor without relations to test with (%v)", err)
	}
	for _, format := range []string{"graphml", "gexf", "cyjs", "json", "neo4j-csv"} {
		files, _ := run(t, st, export.Selection{}, format)
		nodes := files[""]
		if format == "neo4j-csv" {
			nodes = files["nodes.csv"]
		}
		if !bytes.Contains(nodes, []byte(`"`+isolated+`"`)) && !bytes.Contains(nodes, []byte("\n"+isolated+",")) {
			t.Errorf("%s: the actor %s, which has no relations, is missing", format, isolated)
		}
		for name, data := range files {
			if bytes.Contains(data, []byte("0001-01-01")) {
				t.Errorf("%s %s: an undated time is written as year 1", format, name)
			}
		}
	}
	ex, err := export.Prepare(ctx, st, export.Selection{Actors: []string{isolated}})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	f, _ := export.FormatNamed("graphml")
	if n, err := ex.WriteStream(ctx, f, &b); err != nil || n.Nodes != 1 || n.Edges != 0 {
		t.Errorf("graphml of %s alone: %+v, %v; want one node, no edges", isolated, n, err)
	}

	files, _ := run(t, st, export.Selection{}, "events-jsonl")
	undated := 0
	for _, line := range strings.Split(strings.TrimSpace(string(files[""])), "\n") {
		var row map[string]any
		if err := json.Unmarshal([]byte(line), &row); err != nil {
			t.Fatal(err)
		}
		if row["date"] == nil {
			undated++
			if row["time"] != nil {
				t.Errorf("an undated claim has a time: %s", line)
			}
		}
	}
	if undated == 0 {
		t.Errorf("no undated claim in the samples' events; the test needs one (baltic-exercise.txt has no date)")
	}
	csvFiles, _ := run(t, st, export.Selection{}, "events-csv")
	if !strings.Contains(string(csvFiles[""]), ",,,") {
		t.Errorf("events-csv: no row with an empty date")
	}
}

func TestSelectionErrors(t *testing.T) {
	st := samplesStore(t)
	for _, c := range []struct {
		sel  export.Selection
		want error
	}{
		{export.Selection{Actor: "XXX"}, graph.ErrNotFound},
		{export.Selection{Actors: []string{"UKR", "XXX"}}, graph.ErrNotFound},
		{export.Selection{Actor: "UKR", Actors: []string{"RUS"}}, graph.ErrInvalid},
		{export.Selection{Actor: "UKR", Hops: 4}, graph.ErrInvalid},
		{export.Selection{Filter: graph.RelationFilter{Quad: "SIDEWAYS"}}, graph.ErrInvalid},
		{export.Selection{Actors: []string{""}}, graph.ErrInvalid},
	} {
		if _, err := export.Prepare(context.Background(), st, c.sel); !errors.Is(err, c.want) {
			t.Errorf("Prepare(%+v) = %v, want %v", c.sel, err, c.want)
		}
	}
}

func TestQueryRoundTrip(t *testing.T) {
	for _, sel := range []export.Selection{
		{Hops: 1, Limit: graph.DefaultLimit},
		{Actor: "UKR", Hops: 2, Limit: 40},
		{Actors: []string{"UKR", "igo/nato"}, Hops: 1, Limit: graph.DefaultLimit, Filter: graph.RelationFilter{
			Types: []graph.RelationType{graph.Support, graph.Aid}, Quad: graph.VerbalCooperation,
			Since: since("2024-01-01"), Until: since("2024-12-31"), MinConfidence: 0.5, Rollup: true}},
	} {
		got, err := export.ParseQuery(export.Query(sel))
		if err != nil {
			t.Errorf("ParseQuery(Query(%+v)): %v", sel, err)
			continue
		}
		if a, b := export.Query(got).Encode(), export.Query(sel).Encode(); a != b || got.Hops != sel.Hops || got.Limit != sel.Limit {
			t.Errorf("ParseQuery(Query(%+v)) = %+v", sel, got)
		}
	}
	for _, bad := range []string{"hops=2", "actor=UKR&hops=9", "minConfidence=NaN", "since=monday", "rollup=maybe", "types=BOGUS", "limit=0"} {
		q, _ := urlQuery(bad)
		if _, err := export.ParseQuery(q); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("ParseQuery(%s) = %v, want ErrInvalid", bad, err)
		}
	}
}

func urlQuery(s string) (url.Values, error) { return url.ParseQuery(s) }
