// Package sourcestest serves the pages and feeds of sources/testdata on 127.0.0.1 for tests of
// package sources and of dyad's commands, with the bad cases a fetcher must survive: 404, 500, a
// slow answer, a huge page, a redirect loop, a 429 with Retry-After, a path robots.txt
// disallows, and pages and feeds the test may change between polls (served with ETags).
package sourcestest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// Server is a test web server. Its routes:
//
//	/pages/NAME      sources/testdata/pages/NAME, as text/html (kyiv-cyrillic.html declares
//	                 windows-1251 in its Content-Type only)
//	/feeds/NAME      sources/testdata/feeds/NAME, with {{base}} replaced by the server's URL
//	/live/NAME       what Set last put there, with an ETag; 404 before
//	/gone, /error    404 and 500
//	/slow            answers after 5 seconds, or when the client gives up
//	/huge            an HTML page of 8 MiB
//	/loop            a redirect to itself
//	/retry           429 Too Many Requests with Retry-After: 1
//	/private/...     a page that robots.txt disallows
type Server struct {
	*httptest.Server
	dir string

	mu       sync.Mutex
	live     map[string]live
	hits     map[string]int
	agents   map[string]bool
	notModif int
}

type live struct {
	body, contentType string
}

// Dir is sources/testdata.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "testdata")
}

// New starts a Server, closed when the test ends.
func New(t testing.TB) *Server {
	s := &Server{dir: Dir(), live: map[string]live{}, hits: map[string]int{}, agents: map[string]bool{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

// Set serves body at /live/NAME from now on.
func (s *Server) Set(name, contentType, body string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.live[name] = live{body: strings.ReplaceAll(body, "{{base}}", s.URL), contentType: contentType}
}

// File is a file of sources/testdata (e.g. "pages/harbour.html"), with {{base}} replaced.
func (s *Server) File(t testing.TB, name string) string {
	b, err := os.ReadFile(filepath.Join(s.dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return strings.ReplaceAll(string(b), "{{base}}", s.URL)
}

// Hits is how many requests reached the path.
func (s *Server) Hits(p string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[p]
}

// NotModified is how many requests were answered 304.
func (s *Server) NotModified() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.notModif
}

// UserAgents are the User-Agent headers seen.
func (s *Server) UserAgents() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for a := range s.agents {
		out = append(out, a)
	}
	return out
}

var feedTypes = map[string]string{".rss": "application/rss+xml", ".atom": "application/atom+xml",
	".rdf": "application/rdf+xml", ".xml": "application/xml"}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.Path]++
	s.agents[r.UserAgent()] = true
	s.mu.Unlock()
	p := r.URL.Path
	switch {
	case p == "/robots.txt":
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte("User-agent: *\nDisallow: /private/\n"))
	case strings.HasPrefix(p, "/pages/"), strings.HasPrefix(p, "/private/"):
		name := path.Base(p)
		b, err := os.ReadFile(filepath.Join(s.dir, "pages", name))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		ct := "text/html"
		if name == "kyiv-cyrillic.html" {
			ct = "text/html; charset=windows-1251"
		}
		w.Header().Set("Content-Type", ct)
		w.Write(b)
	case strings.HasPrefix(p, "/feeds/"):
		name := path.Base(p)
		b, err := os.ReadFile(filepath.Join(s.dir, "feeds", name))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", feedTypes[path.Ext(name)])
		w.Write([]byte(strings.ReplaceAll(string(b), "{{base}}", s.URL)))
	case strings.HasPrefix(p, "/live/"):
		s.mu.Lock()
		l, ok := s.live[strings.TrimPrefix(p, "/live/")]
		s.mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		sum := sha256.Sum256([]byte(l.body))
		etag := `"` + hex.EncodeToString(sum[:8]) + `"`
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			s.mu.Lock()
			s.notModif++
			s.mu.Unlock()
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", l.contentType)
		w.Write([]byte(l.body))
	case p == "/gone":
		http.NotFound(w, r)
	case p == "/error":
		http.Error(w, "internal error", http.StatusInternalServerError)
	case p == "/slow":
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
		w.Write([]byte("<html><body><p>late</p></body></html>"))
	case p == "/huge":
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><body><article>"))
		para := []byte("<p>" + strings.Repeat("The minister spoke at length about the weather. ", 20) + "</p>\n")
		for n := 0; n < 8<<20; n += len(para) {
			if _, err := w.Write(para); err != nil {
				return
			}
		}
	case p == "/loop":
		http.Redirect(w, r, "/loop", http.StatusFound)
	case p == "/retry":
		w.Header().Set("Retry-After", "1")
		http.Error(w, "slow down", http.StatusTooManyRequests)
	default:
		http.NotFound(w, r)
	}
}

// Page is an article page whose text and title say which version it is, for /live/: a page
// that changes between polls.
func Page(title, version string) string {
	return fmt.Sprintf(`<!doctype html><html><head><title>%s (%s)</title></head><body><nav><a href="/">Home</a></nav><article><h1>%s (%s)</h1>
<p>Officials in both capitals confirmed on Monday that the talks would continue next month, according to a statement read to reporters (%s).</p>
<p>The delegations did not say where the next round would be held, but diplomats expected a neutral venue to be chosen by the end of the week.</p>
</article><footer>All rights reserved</footer></body></html>`, title, version, title, version, version)
}

// Feed is an RSS feed for /live/ listing the paths given (such as "/live/p1.html"), with
// {{base}} for Set to replace.
func Feed(paths ...string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Live Desk</title><link>{{base}}/</link>`)
	for _, p := range paths {
		fmt.Fprintf(&b, `<item><title>%s</title><link>{{base}}%s</link></item>`, p, p)
	}
	b.WriteString(`</channel></rss>`)
	return b.String()
}
