package main

import (
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/graph/embedded"
	"github.com/dyadgraph/dyad/sources/sourcestest"
)

// watchArgs poll the test server on 127.0.0.1 without waiting between requests.
var watchArgs = []string{"--allow-private", "--host-interval", "0", "--log-format", "text"}

// storedTitle is the title stored for an article, "" when it is not stored.
func storedTitle(t *testing.T, data, id string) string {
	t.Helper()
	st, err := embedded.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a, err := st.Article(context.Background(), id)
	if err != nil {
		return ""
	}
	return a.Title
}

// polledLine matches the watcher's log line for a poll.
var polledLine = regexp.MustCompile(`watch: polled.* seen=(\d+) fetched=(\d+) new=(\d+) changed=(\d+) failed=(\d+)`)

func lastPoll(t *testing.T, stderr string) []string {
	t.Helper()
	m := polledLine.FindAllStringSubmatch(stderr, -1)
	if m == nil {
		t.Fatalf("no poll logged:\n%s", stderr)
	}
	return m[len(m)-1][1:]
}

func TestWatchResumesFromTheStore(t *testing.T) {
	srv := sourcestest.New(t)
	data := t.TempDir()
	feed := srv.URL + "/live/feed.rss"
	watch := func() []string {
		t.Helper()
		r := dyad(t, runOpts{}, append(append([]string{"watch", "--data", data, "--rounds", "1"}, watchArgs...), feed)...)
		wantCode(t, r, 0, "dyad watch --rounds 1")
		return lastPoll(t, r.stderr)
	}
	srv.Set("p1.html", "text/html", sourcestest.Page("Talks to resume", "v1"))
	srv.Set("feed.rss", "application/rss+xml", sourcestest.Feed("/live/p1.html", "/gone"))
	if got := watch(); strings.Join(got, " ") != "2 1 1 0 1" {
		t.Errorf("first run: seen, fetched, new, changed, failed = %v; want 2 1 1 0 1", got)
	}
	if title := storedTitle(t, data, srv.URL+"/live/p1.html"); title != "Talks to resume (v1)" {
		t.Fatalf("stored title %q", title)
	}
	// A new run resumes: the feed and the page answer 304, and nothing is read again.
	before := srv.NotModified()
	if got := watch(); got[1] != "0" || got[2] != "0" {
		t.Errorf("second run read again: %v", got)
	}
	if srv.NotModified()-before != 2 {
		t.Errorf("%d answers 304, want the feed's and the page's", srv.NotModified()-before)
	}
	// The page changes: the stored article is updated.
	srv.Set("p1.html", "text/html", sourcestest.Page("Talks to resume", "v2"))
	if got := watch(); got[3] != "1" {
		t.Errorf("third run: %v, want the page changed", got)
	}
	if title := storedTitle(t, data, srv.URL+"/live/p1.html"); title != "Talks to resume (v2)" {
		t.Errorf("stored title %q after the page changed", title)
	}
}

func TestServeWatchGrowsTheGraph(t *testing.T) {
	srv := sourcestest.New(t)
	data := t.TempDir()
	srv.Set("p1.html", "text/html", sourcestest.Page("Talks to resume", "v1"))
	srv.Set("feed.rss", "application/rss+xml", sourcestest.Feed("/live/p1.html"))
	s := startServe(t, append([]string{"--data", data, "--watch", srv.URL + "/live/feed.rss", "--every", "1s"}, watchArgs...)...)
	type articles struct {
		Articles struct {
			TotalCount int
			Nodes      []struct{ ID, Title string }
		}
	}
	waitFor := func(what string, ok func(articles) bool) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for {
			var a articles
			s.graphQL(t, `{ articles(first: 10) { totalCount nodes { id title } } }`, nil, &a)
			if ok(a) {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: not within 20s; articles %+v\n%s", what, a, s.stderr.String())
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	waitFor("the first item", func(a articles) bool { return a.Articles.TotalCount == 1 })
	// A new item and a changed page, picked up by a later round.
	srv.Set("p2.html", "text/html", sourcestest.Page("Ceasefire extended", "v1"))
	srv.Set("p1.html", "text/html", sourcestest.Page("Talks to resume", "v2"))
	srv.Set("feed.rss", "application/rss+xml", sourcestest.Feed("/live/p2.html", "/live/p1.html"))
	waitFor("the new item and the changed page", func(a articles) bool {
		titles := map[string]bool{}
		for _, n := range a.Articles.Nodes {
			titles[n.Title] = true
		}
		return a.Articles.TotalCount == 2 && titles["Talks to resume (v2)"] && titles["Ceasefire extended (v1)"]
	})
	resp, err := http.Get(s.url + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	feed := regexp.QuoteMeta(srv.URL + "/live/feed.rss")
	for _, want := range []string{`dyad_watch_items_total\{feed="` + feed + `",outcome="new"\} 2`,
		`dyad_watch_items_total\{feed="` + feed + `",outcome="changed"\} 1`,
		`dyad_watch_polls_total\{feed="` + feed + `",result="(ok|not_modified)"\} \d+`} {
		if !regexp.MustCompile(want).Match(body) {
			t.Errorf("/metrics has no %s:\n%s", want, grepLines(string(body), "dyad_watch"))
		}
	}
	if code, _ := s.stop(t); code != 0 {
		t.Errorf("dyad serve --watch exited %d:\n%s", code, s.stderr.String())
	}
}

// grepLines keeps the lines that contain s.
func grepLines(text, s string) string {
	var out []string
	for line := range strings.SplitSeq(text, "\n") {
		if strings.Contains(line, s) {
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n")
}
