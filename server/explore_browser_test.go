package server_test

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/graph/graphtest"
	"github.com/dyadgraph/dyad/loader"
	"github.com/dyadgraph/dyad/server"
)

// TestExplorerInBrowser drives the graph explorer at /explore in a real Chromium over the bundled
// sample articles, loaded as `dyad load loader/samples` would: it checks that the help comes
// first, searches "ukr" and picks Ukraine, double-clicks Germany to expand it, checks the
// relations' labels, colours and dashes, unticks ASSAULT and moves the time slider, opens a
// shared link in a fresh page and compares the picture, opens the evidence of Russia's assault
// on Ukraine, brushes the timeline, downloads GraphML and the events table through exportURL,
// finds the paths from Ukraine to the European Union, and sees an article posted to /ingest
// appear in the open view (ui/test/explore.mjs says what each step checks). The screenshot it keeps
// (explore.png in DYAD_SCREENSHOTS, or a temporary folder) is the README's picture. Skips like
// TestPlaygroundInBrowser when the browser or the bundle is missing, and fails then under CI=true.
func TestExplorerInBrowser(t *testing.T) {
	node, chromium := needBrowser(t)
	const token = "explorer-test-token"
	t.Setenv("DYAD_INGEST_TOKEN", token) // for the script's POST /ingest
	ts := httptest.NewServer(server.New(samplesStore(t), server.WithLogger(testLogger(t)),
		server.WithIngest(loader.NewRuleExtractor(nil), token)))
	t.Cleanup(ts.Close)
	runBrowserScript(t, node, chromium, "explore.mjs", "explore.png", ts.URL+"/", "ukr", "UKR", "DEU", "ASSAULT", "igo/eu", "europ")
}

// runBrowserScript runs a script of ui/test with node against the server at the URL that args
// start with, and fails the test when it fails or leaves no screenshot called shot. The
// screenshots go to DYAD_SCREENSHOTS (where a person can look at them) or a temporary folder;
// the script gets the URL, that folder and the rest of args.
func runBrowserScript(t *testing.T, node, chromium, script, shot string, args ...string) {
	t.Helper()
	shots := os.Getenv("DYAD_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	path, _ := filepath.Abs(filepath.Join("ui", "test", script))
	argv := append([]string{path, args[0], shots}, args[1:]...)
	cmd := exec.CommandContext(ctx, node, argv...)
	cmd.Env = append(os.Environ(), "CHROMIUM="+chromium)
	out, err := cmd.CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatalf("%s failed in Chromium: %v", script, err)
	}
	if _, err := os.Stat(filepath.Join(shots, shot)); err != nil {
		t.Errorf("no screenshot: %v", err)
	}
}

// needBrowser returns node and Chromium for a browser test, or skips the test when either, the
// built bundle or playwright-core is missing; under CI=true it fails instead of skipping.
func needBrowser(t *testing.T) (node, chromium string) {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: no browser")
	}
	chromium = os.Getenv("CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	node, nodeErr := exec.LookPath("node")
	for _, need := range []struct {
		missing bool
		what    string
	}{
		{!server.PlaygroundBuilt(), "the playground bundle is not built (npm --prefix server/ui ci && npm --prefix server/ui run build)"},
		{nodeErr != nil, "node is not installed"},
		{!exists("ui/node_modules/playwright-core/package.json"), "server/ui/node_modules lacks playwright-core (npm --prefix server/ui ci)"},
		{!exists(chromium), chromium + " is missing (apt-get install chromium)"},
	} {
		if need.missing {
			if os.Getenv("CI") == "true" {
				t.Fatalf("browser test cannot run under CI: %s", need.what)
			}
			t.Skipf("browser test skipped: %s", need.what)
		}
	}
	return node, chromium
}

// samplesStore is an embedded store holding the bundled sample articles (loader/samples),
// extracted by the rules as `dyad load` does.
func samplesStore(t testing.TB) graph.Store {
	t.Helper()
	ctx := context.Background()
	ex := loader.NewRuleExtractor(nil)
	var batch []graph.Extraction
	for doc, err := range loader.Documents(ctx, nil, "../loader/samples") {
		if err != nil {
			t.Fatalf("reading the samples: %v", err)
		}
		x, err := ex.Extract(ctx, doc)
		if err != nil {
			t.Fatalf("extracting %s: %v", doc.ID, err)
		}
		x.Text = doc.Text // as package ingest keeps it
		batch = append(batch, x)
	}
	if len(batch) == 0 {
		t.Fatal("no sample articles in ../loader/samples")
	}
	s := openStore(t)
	if err := s.Save(ctx, batch); err != nil {
		t.Fatalf("saving the samples: %v", err)
	}
	return s
}

// TestExplorerLargeGraph opens the explorer on a two-hop neighbourhood of a generated corpus
// (about 500 actors) and checks that it draws it and that the page keeps answering while the
// layout runs; ui/test/explore-large.mjs logs how long that took and the longest pause.
func TestExplorerLargeGraph(t *testing.T) {
	node, chromium := needBrowser(t)
	s := openStore(t)
	if err := s.Save(context.Background(), graphtest.Generated(1000, 7)); err != nil {
		t.Fatal(err)
	}
	ts := startServer(t, s)
	runBrowserScript(t, node, chromium, "explore-large.mjs", "explore-large.png", ts+"/")
}
