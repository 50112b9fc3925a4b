package sources_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/loader"
	"github.com/dyadgraph/dyad/sources"
	"github.com/dyadgraph/dyad/sources/sourcestest"
)

// testFetcher reaches the test server on 127.0.0.1 (AllowPrivate) without waiting between
// requests.
func testFetcher(opt sources.FetchOptions) *sources.Fetcher {
	opt.AllowPrivate = true
	if opt.HostInterval == 0 {
		opt.HostInterval = -1
	}
	return sources.NewFetcher(opt)
}

// truth is what each test page holds: its main paragraphs, and boilerplate that must go.
type truth map[string]struct {
	Main        []string `json:"main"`
	Boilerplate []string `json:"boilerplate"`
}

func readTruth(t testing.TB) truth {
	b, err := os.ReadFile(filepath.Join(sourcestest.Dir(), "pages", "truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	var tr truth
	if err := json.Unmarshal(b, &tr); err != nil {
		t.Fatal(err)
	}
	return tr
}

// quality measures one extraction against the truth: the share of the main text's characters
// kept (paragraphs found whole) and the share of boilerplate snippets dropped.
func quality(text string, main, boilerplate []string) (kept, dropped float64, missing, leaked []string) {
	norm := strings.Join(strings.Fields(text), " ")
	var all, found int
	for _, p := range main {
		all += len(p)
		if strings.Contains(norm, p) {
			found += len(p)
		} else {
			missing = append(missing, p)
		}
	}
	gone := 0
	for _, b := range boilerplate {
		if strings.Contains(norm, b) {
			leaked = append(leaked, b)
		} else {
			gone++
		}
	}
	return float64(found) / float64(all), float64(gone) / float64(len(boilerplate)), missing, leaked
}

func TestPagesKeepMainTextAndDropBoilerplate(t *testing.T) {
	srv := sourcestest.New(t)
	f := testFetcher(sources.FetchOptions{})
	tr := readTruth(t)
	names := slices.Sorted(func(yield func(string) bool) {
		for n := range tr {
			if !yield(n) {
				return
			}
		}
	})
	var boilerplate, dropped float64
	for _, name := range names {
		want := tr[name]
		resp, err := f.Get(context.Background(), srv.URL+"/pages/"+name, sources.Validators{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		base, _ := url.Parse(resp.URL)
		p, err := sources.ReadPage(resp.Body, resp.ContentType, base)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		kept, gone, missing, leaked := quality(p.Text, want.Main, want.Boilerplate)
		t.Logf("%-20s main text kept %5.1f%%, boilerplate dropped %5.1f%% (%s)", name, 100*kept, 100*gone, p.Encoding)
		if len(missing) > 0 {
			t.Errorf("%s: main paragraphs lost: %q\ntext:\n%s", name, missing, p.Text)
		}
		if len(leaked) > 0 {
			t.Logf("%s: boilerplate kept: %q", name, leaked)
		}
		boilerplate += float64(len(want.Boilerplate))
		dropped += gone * float64(len(want.Boilerplate))
	}
	// Readability keeps a block beside the article now and then (a newsletter box, a row of
	// recommendations); nine snippets in ten must go.
	t.Logf("all pages: boilerplate dropped %.1f%% of %v snippets", 100*dropped/boilerplate, boilerplate)
	if dropped/boilerplate < 0.9 {
		t.Errorf("only %.1f%% of the boilerplate dropped, want 90%%", 100*dropped/boilerplate)
	}
}

func TestPageMetadataTrustOrder(t *testing.T) {
	srv := sourcestest.New(t)
	f := testFetcher(sources.FetchOptions{})
	date := func(s string) time.Time {
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return tm.UTC()
	}
	cases := []struct {
		name string
		want sources.Page
	}{
		// Open Graph wins over JSON-LD (headline, date); its author is a URL, so JSON-LD's names.
		{"harbour.html", sources.Page{Title: "Norway and Chile sign fisheries pact", Byline: "Ines Varga, Tomas Ek",
			Outlet: "The Coastal Ledger", URL: "https://ledger.example/world/2026/03/norway-chile-fisheries",
			Published: date("2026-03-04T09:30:00Z"), Encoding: "utf-8"}},
		// Windows-1252 from <meta http-equiv>; JSON-LD in a @graph, its page given as an @id.
		{"lisbon.html", sources.Page{Title: "Portugal’s café diplomacy", Byline: "Rosa Câmara", Outlet: "Atlantic Review",
			URL: "https://atlantic-review.example/2026/02/portugal-cafe-diplomacy", Published: date("2026-02-11T13:00:00Z"),
			Encoding: "windows-1252"}},
		// <meta name> only, and <link rel=canonical>; the <title> without the site's name.
		{"geneva.html", sources.Page{Title: "UN envoy meets Sudanese army chief in Geneva", Byline: "Amara Okoye",
			Outlet: "Lakeside Post", URL: "https://lakeside.example/news/un-envoy-sudan-geneva",
			Published: date("2026-04-18T14:45:00Z"), Encoding: "utf-8"}},
		// A <time datetime> in the article; no site name, so the host.
		{"nairobi.html", sources.Page{Title: "Kenya to send police to Haiti mission, parliament told", Outlet: "127.0.0.1",
			Published: date("2026-05-07T00:00:00Z"), Encoding: "utf-8"}},
		// The charset in the Content-Type header only.
		{"kyiv-cyrillic.html", sources.Page{Title: "Україна і Польща домовилися про транзит зерна", Outlet: "127.0.0.1",
			Published: date("2026-01-20T00:00:00Z"), Encoding: "windows-1251"}},
	}
	for _, c := range cases {
		pageURL := srv.URL + "/pages/" + c.name
		resp, err := f.Get(context.Background(), pageURL, sources.Validators{})
		if err != nil {
			t.Fatal(err)
		}
		base, _ := url.Parse(resp.URL)
		got, err := sources.ReadPage(resp.Body, resp.ContentType, base)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if c.want.URL == "" {
			c.want.URL = pageURL
		}
		got.Text, got.Language = "", ""
		if got != c.want {
			t.Errorf("%s:\n got %+v\nwant %+v", c.name, got, c.want)
		}
	}
}

func TestPageWithoutArticle(t *testing.T) {
	_, err := sources.ReadPage([]byte("<html><body><nav><a href=/>Home</a></nav></body></html>"), "text/html", nil)
	if !errors.Is(err, sources.ErrNoArticle) {
		t.Fatalf("got %v, want ErrNoArticle", err)
	}
}

func TestFetcherRefusesAndBounds(t *testing.T) {
	srv := sourcestest.New(t)
	f := testFetcher(sources.FetchOptions{Timeout: 300 * time.Millisecond, MaxBytes: 1 << 20, MaxRedirects: 3})
	ctx := context.Background()
	var status *sources.StatusError
	if _, err := f.Get(ctx, srv.URL+"/gone", sources.Validators{}); !errors.As(err, &status) || status.Status != 404 {
		t.Errorf("404: got %v", err)
	}
	if _, err := f.Get(ctx, srv.URL+"/error", sources.Validators{}); !errors.As(err, &status) || status.Status != 500 {
		t.Errorf("500: got %v", err)
	}
	start := time.Now()
	if _, err := f.Get(ctx, srv.URL+"/slow", sources.Validators{}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("slow: got %v, want a timeout", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("slow: gave up after %s, want about the 300ms timeout", d)
	}
	if _, err := f.Get(ctx, srv.URL+"/huge", sources.Validators{}); !errors.Is(err, sources.ErrTooLarge) {
		t.Errorf("huge: got %v, want ErrTooLarge", err)
	}
	if _, err := f.Get(ctx, srv.URL+"/loop", sources.Validators{}); !errors.Is(err, sources.ErrRedirects) {
		t.Errorf("loop: got %v, want ErrRedirects", err)
	}
	if srv.Hits("/loop") > 5 {
		t.Errorf("loop: %d requests, want at most 4", srv.Hits("/loop"))
	}
	if _, err := f.Get(ctx, "ftp://"+strings.TrimPrefix(srv.URL, "http://")+"/pages/harbour.html", sources.Validators{}); !errors.Is(err, sources.ErrScheme) {
		t.Errorf("ftp: got %v, want ErrScheme", err)
	}
	if _, err := f.Get(ctx, srv.URL+"/private/harbour.html", sources.Validators{}); !errors.Is(err, sources.ErrRobots) {
		t.Errorf("robots: got %v, want ErrRobots", err)
	}
	if srv.Hits("/private/harbour.html") != 0 {
		t.Error("robots: the disallowed page was requested")
	}
	var later *sources.RetryLaterError
	if _, err := f.Get(ctx, srv.URL+"/retry", sources.Validators{}); !errors.As(err, &later) || later.After != time.Second {
		t.Errorf("retry: got %v, want a RetryLaterError of 1s", err)
	}
	// The host is held back for the second asked.
	start = time.Now()
	if _, err := f.Get(ctx, srv.URL+"/pages/harbour.html", sources.Validators{}); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 800*time.Millisecond {
		t.Errorf("after Retry-After: 1, the next request went out after %s", d)
	}
	for _, ua := range srv.UserAgents() {
		if !strings.HasPrefix(ua, "dyad/") {
			t.Errorf("User-Agent %q does not name dyad", ua)
		}
	}
}

func TestFetcherRefusesPrivateAddresses(t *testing.T) {
	srv := sourcestest.New(t)
	f := sources.NewFetcher(sources.FetchOptions{HostInterval: -1})
	for _, u := range []string{srv.URL + "/pages/harbour.html", "http://localhost:" + srv.URL[strings.LastIndex(srv.URL, ":")+1:] + "/pages/harbour.html",
		"http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/", "http://[::1]:9/"} {
		if _, err := f.Get(context.Background(), u, sources.Validators{}); !errors.Is(err, sources.ErrPrivate) {
			t.Errorf("%s: got %v, want ErrPrivate", u, err)
		}
	}
	if n := srv.Hits("/pages/harbour.html") + srv.Hits("/robots.txt"); n != 0 {
		t.Errorf("%d requests reached the loopback server", n)
	}
}

func TestFetcherConditionalGet(t *testing.T) {
	srv := sourcestest.New(t)
	f := testFetcher(sources.FetchOptions{})
	srv.Set("a.html", "text/html", srv.File(t, "pages/geneva.html"))
	ctx := context.Background()
	first, err := f.Get(ctx, srv.URL+"/live/a.html", sources.Validators{})
	if err != nil || first.Validators.ETag == "" {
		t.Fatalf("got %v, %+v; want an ETag", err, first)
	}
	again, err := f.Get(ctx, srv.URL+"/live/a.html", first.Validators)
	if err != nil || !again.NotModified {
		t.Fatalf("got %v, %+v; want not modified", err, again)
	}
	srv.Set("a.html", "text/html", srv.File(t, "pages/nairobi.html"))
	changed, err := f.Get(ctx, srv.URL+"/live/a.html", first.Validators)
	if err != nil || changed.NotModified || !strings.Contains(string(changed.Body), "Haiti") {
		t.Fatalf("got %v, %+v; want the new page", err, changed)
	}
}

// collect reads every document and error.
func collect(t *testing.T, r *sources.Reader, paths ...string) (docs []loader.Document, errs []error) {
	t.Helper()
	for d, err := range r.Documents(context.Background(), paths...) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		docs = append(docs, d)
	}
	return docs, errs
}

func TestFeeds(t *testing.T) {
	srv := sourcestest.New(t)
	r := &sources.Reader{Fetcher: testFetcher(sources.FetchOptions{})}

	// RSS 2.0: three pages read, one 404 reported with its link and the rest read.
	docs, errs := collect(t, r, srv.URL+"/feeds/world.rss")
	if len(docs) != 3 || len(errs) != 1 {
		t.Fatalf("world.rss: %d documents, errors %v; want 3 and one 404", len(docs), errs)
	}
	if !strings.Contains(errs[0].Error(), srv.URL+"/gone") || !strings.Contains(errs[0].Error(), "404") {
		t.Errorf("world.rss: error %q does not name the item's link and the 404", errs[0])
	}
	if docs[0].ID != "https://ledger.example/world/2026/03/norway-chile-fisheries" || docs[0].Source != "The Coastal Ledger" ||
		!strings.Contains(docs[0].Text, "salmon stocks in the South Pacific") {
		t.Errorf("world.rss item 1: %+v", docs[0])
	}
	if docs[2].Source != "127.0.0.1" || docs[2].Title != "Kenya to send police to Haiti mission, parliament told" {
		t.Errorf("world.rss item 4: source %q title %q", docs[2].Source, docs[2].Title)
	}

	// Atom: the first entry carries the full text, so its page is not fetched.
	docs, errs = collect(t, r, srv.URL+"/feeds/full.atom")
	if len(docs) != 2 || len(errs) != 0 {
		t.Fatalf("full.atom: %d documents, errors %v", len(docs), errs)
	}
	if srv.Hits("/wire/japan-philippines") != 0 {
		t.Error("full.atom: the page of a full-text entry was fetched")
	}
	want0 := loader.Document{ID: srv.URL + "/wire/japan-philippines", URL: srv.URL + "/wire/japan-philippines",
		Title: "Japan and the Philippines sign defence agreement", Source: "Full Text Wire",
		Published: time.Date(2026, 6, 2, 8, 0, 0, 0, time.UTC), File: srv.URL + "/wire/japan-philippines", Line: 1}
	got0 := docs[0]
	got0.Text = ""
	if got0 != want0 || !strings.HasPrefix(docs[0].Text, "Japan and the Philippines signed") || !strings.Contains(docs[0].Text, "\n\nChina's foreign ministry") {
		t.Errorf("full.atom entry 1:\n got %+v\nwant %+v\ntext %q", got0, want0, docs[0].Text)
	}
	if docs[1].URL != "https://lakeside.example/news/un-envoy-sudan-geneva" {
		t.Errorf("full.atom entry 2: %+v", docs[1])
	}

	// RSS 1.0.
	docs, errs = collect(t, r, srv.URL+"/feeds/digest.rdf")
	if len(docs) != 1 || len(errs) != 0 || docs[0].Title != "Portugal’s café diplomacy" {
		t.Fatalf("digest.rdf: %+v, %v", docs, errs)
	}

	// Malformed XML is reported, naming the feed.
	_, errs = collect(t, r, srv.URL+"/feeds/broken.xml")
	if len(errs) != 1 || !errors.Is(errs[0], sources.ErrFeed) || !strings.Contains(errs[0].Error(), "broken.xml") {
		t.Fatalf("broken.xml: %v, want one ErrFeed naming the feed", errs)
	}
}

func TestFeedFileListingLoopbackIsRefused(t *testing.T) {
	r := &sources.Reader{Fetcher: sources.NewFetcher(sources.FetchOptions{HostInterval: -1})}
	path := filepath.Join(sourcestest.Dir(), "feeds", "loopback.rss")
	if !sources.IsSource(path) {
		t.Fatal("a .rss file is not taken as a source")
	}
	docs, errs := collect(t, r, path)
	if len(docs) != 0 || len(errs) != 2 {
		t.Fatalf("got %d documents and errors %v; want 2 refusals", len(docs), errs)
	}
	for _, err := range errs {
		if !errors.Is(err, sources.ErrPrivate) {
			t.Errorf("got %v, want ErrPrivate", err)
		}
	}
}

func TestPageFileAndURLOfText(t *testing.T) {
	srv := sourcestest.New(t)
	r := &sources.Reader{Fetcher: testFetcher(sources.FetchOptions{})}
	dir := t.TempDir()
	page := filepath.Join(dir, "saved-page")
	if err := os.WriteFile(page, []byte(srv.File(t, "pages/geneva.html")), 0o644); err != nil {
		t.Fatal(err)
	}
	if !sources.IsSource(page) {
		t.Fatal("an HTML file without an extension is not recognised")
	}
	srv.Set("notes.jsonl", "application/x-ndjson", `{"id":"n1","text":"Chile recalled its ambassador from Peru on Monday."}`+"\n")
	docs, errs := collect(t, r, page, srv.URL+"/live/notes.jsonl")
	if len(errs) != 0 || len(docs) != 2 {
		t.Fatalf("got %+v, %v", docs, errs)
	}
	if docs[0].File != page || docs[0].ID != "https://lakeside.example/news/un-envoy-sudan-geneva" {
		t.Errorf("page file: %+v", docs[0])
	}
	if docs[1].ID != "n1" {
		t.Errorf("JSONL by URL: %+v", docs[1])
	}
}

func BenchmarkReadPage(b *testing.B) {
	dir := filepath.Join(sourcestest.Dir(), "pages")
	tr := readTruth(b)
	var bodies [][]byte
	for name := range tr {
		body, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			b.Fatal(err)
		}
		bodies = append(bodies, body)
	}
	base, _ := url.Parse("https://news.example/story")
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := sources.ReadPage(bodies[i%len(bodies)], "", base); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}
