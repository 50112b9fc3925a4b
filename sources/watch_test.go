package sources_test

import (
	"context"
	"errors"
	"iter"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/loader"
	"github.com/dyadgraph/dyad/sources"
	"github.com/dyadgraph/dyad/sources/sourcestest"
)

// memoryState is a graph.StateKeeper in memory.
type memoryState struct {
	mu sync.Mutex
	m  map[string][]byte
}

func (s *memoryState) LoadState(_ context.Context, key string) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.m[key], nil
}

func (s *memoryState) SaveState(_ context.Context, key string, v []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[key] = append([]byte(nil), v...)
	return nil
}

// collectSave stores nothing: it gathers each poll's documents and errors.
type collectSave struct {
	docs []loader.Document
	errs []error
}

func (c *collectSave) save(_ context.Context, _ string, docs iter.Seq2[loader.Document, error]) error {
	c.docs, c.errs = nil, nil
	for d, err := range docs {
		if err != nil {
			c.errs = append(c.errs, err)
			continue
		}
		c.docs = append(c.docs, d)
	}
	return nil
}

func TestWatcherReadsNewAndChangedItemsOnce(t *testing.T) {
	srv := sourcestest.New(t)
	state := &memoryState{m: map[string][]byte{}}
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	newWatcher := func() *sources.Watcher {
		return &sources.Watcher{Reader: &sources.Reader{Fetcher: testFetcher(sources.FetchOptions{})}, State: state,
			Every: time.Minute, Now: func() time.Time { return now }}
	}
	w := newWatcher()
	feed := srv.URL + "/live/feed.rss"
	var got collectSave
	poll := func(what string, wantDocs int, wantIDs ...string) sources.PollCounts {
		t.Helper()
		c := w.PollOnce(context.Background(), feed, got.save)
		if len(got.docs) != wantDocs {
			t.Fatalf("%s: %d documents (%+v), want %d; errors %v", what, len(got.docs), got.docs, wantDocs, got.errs)
		}
		for i, id := range wantIDs {
			if got.docs[i].ID != srv.URL+id {
				t.Errorf("%s: document %d is %s, want %s", what, i, got.docs[i].ID, srv.URL+id)
			}
		}
		return c
	}

	srv.Set("p1.html", "text/html", sourcestest.Page("First story", "v1"))
	srv.Set("feed.rss", "application/rss+xml", sourcestest.Feed("/live/p1.html", "/gone"))
	c := poll("round 1", 1, "/live/p1.html")
	if c.New != 1 || c.Failed != 1 || len(got.errs) != 1 || !strings.Contains(got.errs[0].Error(), "404") {
		t.Errorf("round 1: %+v, errors %v; want 1 new and the 404", c, got.errs)
	}

	// A new item, and the first page changed.
	now = now.Add(20 * time.Second)
	srv.Set("p2.html", "text/html", sourcestest.Page("Second story", "v1"))
	srv.Set("p1.html", "text/html", sourcestest.Page("First story", "v2"))
	srv.Set("feed.rss", "application/rss+xml", sourcestest.Feed("/live/p2.html", "/live/p1.html", "/gone"))
	c = poll("round 2", 2, "/live/p2.html", "/live/p1.html")
	if c.New != 1 || c.Changed != 1 || c.Failed != 0 || c.Skipped != 1 || !strings.Contains(got.docs[1].Text, "(v2)") {
		t.Errorf("round 2: %+v; want 1 new, 1 changed, the 404 backing off", c)
	}

	// Nothing changed: the feed and both pages answer 304.
	now = now.Add(20 * time.Second)
	before := srv.NotModified()
	c = poll("round 3", 0)
	if !c.NotModif || srv.NotModified()-before != 3 {
		t.Errorf("round 3: %+v, %d answers 304; want the feed and both pages unchanged", c, srv.NotModified()-before)
	}

	// A restart resumes from the state: nothing is read again.
	w = newWatcher()
	hits := srv.Hits("/live/p1.html")
	poll("after a restart", 0)
	if srv.Hits("/live/p1.html") != hits+1 || srv.NotModified()-before != 6 {
		t.Errorf("after a restart the page was fetched again in full")
	}

	// Past its backoff, the 404 is tried again; the state holds no more than the feed lists.
	now = now.Add(3 * time.Minute)
	srv.Set("feed.rss", "application/rss+xml", sourcestest.Feed("/live/p1.html", "/gone"))
	goneHits := srv.Hits("/gone")
	c = poll("round 5", 0)
	if srv.Hits("/gone") != goneHits+1 || c.Failed != 1 {
		t.Errorf("round 5: %+v; the 404 was not retried after its backoff", c)
	}
}

func TestWatcherBacksOffAFailingFeed(t *testing.T) {
	srv := sourcestest.New(t)
	state := &memoryState{m: map[string][]byte{}}
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	var reports []sources.PollCounts
	w := &sources.Watcher{Reader: &sources.Reader{Fetcher: testFetcher(sources.FetchOptions{})}, State: state,
		Every: time.Minute, Now: func() time.Time { return now },
		Report: func(_ string, c sources.PollCounts) { reports = append(reports, c) }}
	var got collectSave
	feed := srv.URL + "/feeds/broken.xml"
	for i := 0; i < 4; i++ {
		w.PollOnce(context.Background(), feed, got.save)
		now = now.Add(90 * time.Second)
	}
	// Polls at 0, 1.5 (due after 1m), 3 (not due: 2m after 1.5), 4.5 (due).
	if n := srv.Hits("/feeds/broken.xml"); n != 3 {
		t.Errorf("the broken feed was fetched %d times in 4 rounds, want 3 (the backoff doubles)", n)
	}
	if len(reports) != 3 || reports[0].Failed != 1 {
		t.Errorf("reports %+v", reports)
	}
	// A server's Retry-After holds the feed back as long as it says.
	w.Every = time.Second
	retry := srv.URL + "/retry"
	w.PollOnce(context.Background(), retry, got.save)
	now = now.Add(500 * time.Millisecond)
	w.PollOnce(context.Background(), retry, got.save)
	if n := srv.Hits("/retry"); n != 1 {
		t.Errorf("the feed that answered Retry-After: 1 was polled %d times within the second", n)
	}
	if _, err := state.LoadState(context.Background(), "watch:"+retry); err != nil {
		t.Fatal(err)
	}
}

func TestWatcherKeepsNoStateWhenTheSaveFails(t *testing.T) {
	srv := sourcestest.New(t)
	state := &memoryState{m: map[string][]byte{}}
	w := &sources.Watcher{Reader: &sources.Reader{Fetcher: testFetcher(sources.FetchOptions{})}, State: state, Every: time.Minute}
	srv.Set("p1.html", "text/html", sourcestest.Page("First story", "v1"))
	srv.Set("feed.rss", "application/rss+xml", sourcestest.Feed("/live/p1.html"))
	feed := srv.URL + "/live/feed.rss"
	failing := func(_ context.Context, _ string, docs iter.Seq2[loader.Document, error]) error {
		for range docs {
		}
		return errors.New("the store is down")
	}
	w.PollOnce(context.Background(), feed, failing)
	var got collectSave
	w.PollOnce(context.Background(), feed, got.save)
	if len(got.docs) != 1 {
		t.Fatalf("after a failed save the item was not read again: %+v", got.docs)
	}
}

// savedArticles is a store in memory for the watcher: what the polls saved, by id.
type savedArticles struct{ docs map[string]loader.Document }

func (s *savedArticles) save(_ context.Context, _ string, docs iter.Seq2[loader.Document, error]) error {
	for d, err := range docs {
		if err == nil {
			s.docs[d.ID] = d
		}
	}
	return nil
}

func (s *savedArticles) Article(_ context.Context, id string) (graph.Article, error) {
	d, ok := s.docs[id]
	if !ok {
		return graph.Article{}, graph.Errorf(graph.ErrNotFound, "article %q", id)
	}
	return d.Article(), nil
}

func (s *savedArticles) ArticleText(_ context.Context, id string) (string, bool, error) {
	d, ok := s.docs[id]
	return d.Text, ok, nil
}

func TestWatcherSkipsWhatAnotherFeedStored(t *testing.T) {
	srv := sourcestest.New(t)
	store := &savedArticles{docs: map[string]loader.Document{}}
	w := &sources.Watcher{Reader: &sources.Reader{Fetcher: testFetcher(sources.FetchOptions{})},
		State: &memoryState{m: map[string][]byte{}}, Stored: store, Every: time.Minute}
	srv.Set("p1.html", "text/html", sourcestest.Page("Shared story", "v1"))
	srv.Set("a.rss", "application/rss+xml", sourcestest.Feed("/live/p1.html"))
	srv.Set("b.rss", "application/rss+xml", sourcestest.Feed("/live/p1.html"))
	if c := w.PollOnce(context.Background(), srv.URL+"/live/a.rss", store.save); c.New != 1 || len(store.docs) != 1 {
		t.Fatalf("feed a: %+v, %d stored", c, len(store.docs))
	}
	var got collectSave
	c := w.PollOnce(context.Background(), srv.URL+"/live/b.rss", got.save)
	if c.New != 0 || c.Skipped != 1 || len(got.docs) != 0 {
		t.Errorf("feed b listing the same page: %+v, %d documents; want it skipped as stored", c, len(got.docs))
	}
	// Changed later, it is read again from either feed.
	srv.Set("p1.html", "text/html", sourcestest.Page("Shared story", "v2"))
	if c := w.PollOnce(context.Background(), srv.URL+"/live/b.rss", got.save); c.Changed != 1 || len(got.docs) != 1 {
		t.Errorf("feed b after the page changed: %+v", c)
	}
}
