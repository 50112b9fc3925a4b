package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/graph/embedded"
	"github.com/dyadgraph/dyad/sources/sourcestest"
)

func TestLoadPagesAndFeedsFromTheWeb(t *testing.T) {
	srv := sourcestest.New(t)
	data := t.TempDir()
	r := dyad(t, runOpts{}, "load", "--data", data, "--allow-private", "--host-interval", "0", "--quiet",
		srv.URL+"/pages/kyiv-cyrillic.html", srv.URL+"/feeds/world.rss")
	wantCode(t, r, 1, "a feed with a 404 item")
	s := parseSummary(t, r.stderr)
	if s.articles != 4 || s.failed != 1 || s.newArticles != 4 {
		t.Fatalf("got %+v, want 4 new articles and 1 failure\n%s", s, r.stderr)
	}
	if !strings.Contains(r.stderr, srv.URL+"/gone") || !strings.Contains(r.stderr, "HTTP 404") {
		t.Errorf("the 404 item is not reported with its link:\n%s", r.stderr)
	}
	st, err := embedded.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a, err := st.Article(context.Background(), "https://ledger.example/world/2026/03/norway-chile-fisheries")
	if err != nil {
		t.Fatalf("the page is not stored under its canonical URL: %v", err)
	}
	if a.Source != "The Coastal Ledger" || a.Title != "Norway and Chile sign fisheries pact" || !a.Published.Equal(time.Date(2026, 3, 4, 9, 30, 0, 0, time.UTC)) {
		t.Errorf("stored article: %+v", a)
	}
	if stats := func() int { s, _ := st.Stats(context.Background()); return s.Claims }(); stats == 0 {
		t.Error("no claims were extracted from the pages")
	}
}

func TestLoadRefusesLoopbackWithoutTheFlag(t *testing.T) {
	srv := sourcestest.New(t)
	r := dyad(t, runOpts{}, "load", "--data", t.TempDir(), "--quiet", srv.URL+"/pages/harbour.html")
	wantCode(t, r, 1, "a loopback URL without --allow-private")
	if !strings.Contains(r.stderr, "--allow-private") || srv.Hits("/pages/harbour.html") != 0 {
		t.Errorf("the refusal does not name the flag, or the request went out:\n%s", r.stderr)
	}
}

func TestExtractReadsAPageFile(t *testing.T) {
	r := dyad(t, runOpts{}, "extract", "--format", "text", filepath.Join(sourcestest.Dir(), "pages", "harbour.html"))
	wantCode(t, r, 0, "extract a page file")
	if !strings.Contains(r.stdout, "# https://ledger.example/world/2026/03/norway-chile-fisheries Norway and Chile sign fisheries pact") {
		t.Errorf("extract of a page file:\n%s\n%s", r.stdout, r.stderr)
	}
	if strings.Contains(r.stdout, "fishguy42") {
		t.Error("a comment reached the extraction")
	}
}

func TestJSONLAliasesAndIgnoredFields(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "export.jsonl")
	lines := `{"link":"https://news.example/a","outlet":"Example News","date":"2026-01-02","title":"A","text":"Chile recalled its ambassador from Peru on Monday.","tags":["x"],"lang":"en"}
{"source_url":"https://news.example/b","publisher":"Other Wire","published":"2026-01-03","text":"Peru expelled a Chilean diplomat on Tuesday.","lang":"en","wordcount":7}
`
	if err := os.WriteFile(file, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	r := dyad(t, runOpts{}, "load", "--data", data, "--quiet", file)
	wantCode(t, r, 0, "JSONL with aliases")
	if n := strings.Count(r.stderr, "note: dyad ignores"); n != 1 || !strings.Contains(r.stderr, "ignores the fields lang, tags") {
		t.Errorf("want one note naming lang and tags, got %d:\n%s", n, r.stderr)
	}
	st, err := embedded.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	page, err := st.Articles(context.Background(), graph.ArticleQuery{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, ac := range page.Articles {
		got[ac.Article.URL] = ac.Article.Source + " " + ac.Article.Published.Format("2006-01-02")
	}
	if got["https://news.example/a"] != "Example News 2026-01-02" || got["https://news.example/b"] != "Other Wire 2026-01-03" {
		t.Errorf("aliases not read: %v", got)
	}
}
