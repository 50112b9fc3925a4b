package server_test

import (
	"net/http/httptest"
	"os"
	"testing"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/server"
)

// TestPlaygroundInBrowser opens the playground in a real Chromium (Debian's, through
// playwright-core from server/ui's node_modules), runs the default query and checks that the
// result shows the seeded actors; that the address bar follows the typed query, variables and
// tab (and the copied address reopens them); and that the toolbar's Export menu downloads an
// actor query's and a neighbourhood query's selection through exportURL (ui/test/playground.mjs
// says what each step checks). It needs the bundle built into the test binary, Chromium and
// `npm --prefix server/ui ci`; without them it skips, except under CI=true, where it fails.
func TestPlaygroundInBrowser(t *testing.T) {
	node, chromium := needBrowser(t)
	ts := startServer(t, seededStore(t))
	// The default query lists the top relations, Russia's assault on Ukraine first, with its
	// evidence: texts near the top of the result, which the result pane shows without scrolling.
	runBrowserScript(t, node, chromium, "playground.mjs", "playground.png", ts+"/", `"Russia"`, `"Ukraine"`, `"invasion of"`)
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
