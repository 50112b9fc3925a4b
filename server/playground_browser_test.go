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
	"github.com/dyadgraph/dyad/server"
)

// TestPlaygroundInBrowser opens the playground in a real Chromium (Debian's, through
// playwright-core from server/ui's node_modules), runs the default query and checks that the
// result shows the seeded actors. It needs the bundle built into the test binary, Chromium and
// `npm --prefix server/ui ci`; without them it skips, except under CI=true, where it fails.
func TestPlaygroundInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no browser")
	}
	chromium := os.Getenv("CHROMIUM")
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

	ts := startServer(t, seededStore(t))
	shots := os.Getenv("DYAD_SCREENSHOTS") // keep the screenshot where a person can look at it
	if shots == "" {
		shots = t.TempDir()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	script, _ := filepath.Abs("ui/test/playground.mjs")
	// The default query lists the top relations, Russia's assault on Ukraine first, with its
	// evidence: texts near the top of the result, which the result pane shows without scrolling.
	cmd := exec.CommandContext(ctx, node, script, ts+"/", shots, `"Russia"`, `"Ukraine"`, `"invasion of"`)
	cmd.Env = append(os.Environ(), "CHROMIUM="+chromium)
	out, err := cmd.CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatalf("the playground did not work in Chromium: %v", err)
	}
	if _, err := os.Stat(filepath.Join(shots, "playground.png")); err != nil {
		t.Errorf("no screenshot: %v", err)
	}
}

// startServer serves the store on a real port until the test ends, and returns its URL.
func startServer(t *testing.T, s graph.Store) string {
	ts := httptest.NewServer(server.New(s, server.WithLogger(testLogger(t))))
	t.Cleanup(ts.Close)
	return ts.URL
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
