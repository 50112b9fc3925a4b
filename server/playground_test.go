package server

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// The page served at / when the bundle was not built must say how to build it and still offer a
// way to run queries.
func TestFallbackPage(t *testing.T) {
	for path, h := range map[string]http.Handler{"/": playgroundPage(nil), "/ui/playground.js": playgroundAssets(nil)} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		body := rec.Body.String()
		switch path {
		case "/":
			if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") ||
				!strings.Contains(body, "npm --prefix server/ui ci &amp;&amp; npm --prefix server/ui run build") ||
				!strings.Contains(body, `fetch("graphql"`) || !strings.Contains(body, `<textarea id="query"`) {
				t.Errorf("GET / without the bundle: %d\n%s", rec.Code, body)
			}
		default:
			if rec.Code != http.StatusNotFound {
				t.Errorf("GET %s without the bundle: %d, want 404", path, rec.Code)
			}
		}
	}
}
