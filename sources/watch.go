package sources

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"net/url"
	"time"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/loader"
)

// Watcher polls feeds and yields the items that are new or whose text changed since it last
// read them (and, with Stored, that the store does not hold already). Its state (each feed's validators, and a content hash per item) is kept in the
// store through graph.StateKeeper, under the key "watch:" + the feed's URL, so that a restart
// resumes where it stopped.
//
// A round polls each feed that is due. A feed is fetched with the validators of its last
// answer (ETag, Last-Modified), so that an unchanged feed costs a 304. Each item is keyed by its
// link (else its GUID): a new item is read (from the feed when it carries the full text, else
// from its page) and yielded; an item read within RecheckFor is read again with its page's
// validators and yielded only when its text changed. A failing feed or item is retried after a
// backoff that doubles with each failure (capped at MaxBackoff), or after the Retry-After the
// server gave.
type Watcher struct {
	Reader *Reader
	State  graph.StateKeeper
	// Stored, when set, is asked whether a new or changed item is stored already as read
	// (under its canonical URL, with the same title and text: from another feed, or by dyad
	// load); such an item is not saved again.
	Stored ArticleReader
	// Every is the time between rounds (default 15 minutes).
	Every time.Duration
	// RecheckFor is how long after an item is first read its page is checked for changes
	// (default 48 hours); older items are left alone.
	RecheckFor time.Duration
	// MaxBackoff caps the wait after failures (default 6 hours).
	MaxBackoff time.Duration
	// Log receives a line per feed and round, and one per failure (default: discarded).
	Log *slog.Logger
	// Report, when set, is told each feed's counts after each of its polls.
	Report func(feed string, c PollCounts)
	// Now is the clock (default time.Now); tests set it.
	Now func() time.Time
}

// ArticleReader is the part of graph.Store the watcher reads.
type ArticleReader interface {
	Article(ctx context.Context, id string) (graph.Article, error)
	ArticleText(ctx context.Context, id string) (string, bool, error)
}

// PollCounts says what one poll of one feed did.
type PollCounts struct {
	Seen    int // items listed in the feed
	Fetched int // items read (their page fetched, or their full text taken from the feed)
	New     int // items read for the first time
	Changed int // items whose text changed since they were last read
	Failed  int // items, or the feed itself, that could not be read
	Skipped int // items not read: unchanged (304 or same text), too old to recheck, or backing off
	// NotModif says the feed answered 304 (its items' pages were still rechecked); FeedFailed
	// that the feed itself could not be read.
	NotModif, FeedFailed bool
}

// feedState is what the watcher keeps of one feed.
type feedState struct {
	Validators Validators           `json:"validators"`
	Failures   int                  `json:"failures,omitempty"`
	NextPoll   time.Time            `json:"next_poll,omitzero"`
	Items      map[string]itemState `json:"items"`
}

// itemState is what the watcher keeps of one item.
type itemState struct {
	Hash       string     `json:"hash,omitempty"`      // of the text last read; "" until read once
	FromFeed   bool       `json:"from_feed,omitempty"` // the text came from the feed, not a page
	Validators Validators `json:"validators"`
	FirstRead  time.Time  `json:"first_read,omitzero"`
	LastListed time.Time  `json:"last_listed"`
	Failures   int        `json:"failures,omitempty"`
	NextTry    time.Time  `json:"next_try,omitzero"`
}

// forgetAfter is how long an item no longer listed in its feed is remembered; reading it again
// after that would only save it again unchanged.
const forgetAfter = 30 * 24 * time.Hour

// maxItems bounds the items remembered per feed, the oldest listed forgotten first.
const maxItems = 5000

func (w *Watcher) now() time.Time {
	if w.Now != nil {
		return w.Now()
	}
	return time.Now()
}

func (w *Watcher) log() *slog.Logger {
	if w.Log != nil {
		return w.Log
	}
	return slog.New(slog.DiscardHandler)
}

func (w *Watcher) every() time.Duration {
	if w.Every > 0 {
		return w.Every
	}
	return 15 * time.Minute
}

// Save takes the documents of one poll and stores them; it returns an error when they were not
// all saved (the store failed), and the poll's state is then not kept, so that the next round
// reads the same items again.
type Save func(ctx context.Context, feed string, docs iter.Seq2[loader.Document, error]) error

// Run polls the feeds every w.Every until ctx ends, or for the given number of rounds (0 for no
// limit). It returns ctx's error, or nil after the last round.
func (w *Watcher) Run(ctx context.Context, feeds []string, rounds int, save Save) error {
	for round := 1; ; round++ {
		for _, feed := range feeds {
			if err := ctx.Err(); err != nil {
				return err
			}
			w.PollOnce(ctx, feed, save)
		}
		if rounds > 0 && round >= rounds {
			return nil
		}
		t := time.NewTimer(w.every())
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}

// PollOnce polls one feed if it is due, hands the new and changed items to save, and keeps the
// feed's state when save succeeds.
func (w *Watcher) PollOnce(ctx context.Context, feed string, save Save) PollCounts {
	log := w.log().With("feed", feed)
	key := "watch:" + feed
	st, err := w.load(ctx, key)
	if err != nil {
		log.Error("watch: cannot read the feed's state; skipping it this round", "err", err)
		return PollCounts{Failed: 1}
	}
	var c PollCounts
	now := w.now()
	if now.Before(st.NextPoll) {
		log.Debug("watch: backing off", "until", st.NextPoll)
		return c
	}
	var pollErr error
	docs := func(yield func(loader.Document, error) bool) {
		pollErr = w.poll(ctx, feed, &st, &c, yield)
	}
	saveErr := save(ctx, feed, docs)
	switch {
	case pollErr != nil:
		c.Failed++
		c.FeedFailed = true
		st.Failures++
		st.NextPoll = now.Add(w.backoff(st.Failures, pollErr))
		log.Warn("watch: feed failed", "err", pollErr, "failures", st.Failures, "next", st.NextPoll.Format(time.RFC3339))
	default:
		st.Failures, st.NextPoll = 0, time.Time{}
	}
	if saveErr != nil {
		log.Error("watch: the items were not all saved; they will be read again", "err", saveErr)
	} else if err := w.store(ctx, key, st); err != nil {
		log.Error("watch: cannot keep the feed's state", "err", err)
	}
	log.Info("watch: polled", "seen", c.Seen, "fetched", c.Fetched, "new", c.New, "changed", c.Changed,
		"failed", c.Failed, "skipped", c.Skipped, "not_modified", c.NotModif)
	if w.Report != nil {
		w.Report(feed, c)
	}
	return c
}

// backoff is how long to wait after the nth failure in a row: the server's Retry-After when it
// gave one, else Every doubled n-1 times, at most MaxBackoff.
func (w *Watcher) backoff(n int, err error) time.Duration {
	limit := w.MaxBackoff
	if limit <= 0 {
		limit = 6 * time.Hour
	}
	var later *RetryLaterError
	if errors.As(err, &later) && later.After > 0 {
		return min(later.After, limit)
	}
	d := w.every()
	for i := 1; i < n && d < limit; i++ {
		d *= 2
	}
	return min(d, limit)
}

func (w *Watcher) load(ctx context.Context, key string) (feedState, error) {
	st := feedState{Items: map[string]itemState{}}
	raw, err := w.State.LoadState(ctx, key)
	if err != nil || raw == nil {
		return st, err
	}
	if err := json.Unmarshal(raw, &st); err != nil {
		// A state this version cannot read: start afresh (items are then read again, and saved
		// unchanged) rather than stop watching the feed.
		return feedState{Items: map[string]itemState{}}, nil
	}
	if st.Items == nil {
		st.Items = map[string]itemState{}
	}
	return st, nil
}

func (w *Watcher) store(ctx context.Context, key string, st feedState) error {
	now := w.now()
	for k, it := range st.Items {
		if now.Sub(it.LastListed) > forgetAfter {
			delete(st.Items, k)
		}
	}
	for len(st.Items) > maxItems {
		oldest, when := "", now
		for k, it := range st.Items {
			if it.LastListed.Before(when) {
				oldest, when = k, it.LastListed
			}
		}
		if oldest == "" {
			break
		}
		delete(st.Items, oldest)
	}
	raw, err := json.Marshal(st)
	if err != nil {
		return err
	}
	return w.State.SaveState(ctx, key, raw)
}

// poll fetches the feed and yields its new and changed items. It returns the feed's own
// failure; items' failures are yielded (and counted) and the rest go on.
func (w *Watcher) poll(ctx context.Context, feed string, st *feedState, c *PollCounts, yield func(loader.Document, error) bool) error {
	resp, err := w.Reader.Fetcher.Get(ctx, feed, st.Validators)
	if err != nil {
		return err
	}
	now := w.now()
	var f Feed
	if resp.NotModified {
		c.NotModif = true
		// The listing is as last time: recheck the pages of the items it listed then.
		last := st.lastListing()
		for key, it := range st.Items {
			if !it.LastListed.Before(last) && !it.FromFeed && IsURL(key) {
				f.Items = append(f.Items, Item{Link: key})
			}
		}
	} else {
		base, _ := url.Parse(resp.URL)
		if f, err = ReadFeed(resp.Body, base); err != nil {
			return err
		}
		st.Validators = resp.Validators
	}
	for _, it := range f.Items {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		c.Seen++
		key := it.Key()
		if key == "" {
			key = graph.ContentID(it.Title + "\x00" + it.Summary + "\x00" + it.FullText)
		}
		prev, known := st.Items[key]
		prev.LastListed = now
		st.Items[key] = prev
		switch {
		case known && now.Before(prev.NextTry):
			c.Skipped++
			continue
		case known && prev.Hash != "" && now.Sub(prev.FirstRead) > w.recheckFor():
			c.Skipped++
			continue
		}
		validators := Validators{}
		if prev.Hash != "" {
			validators = prev.Validators
		}
		doc, iresp, err := w.Reader.ItemDocument(ctx, f, it, validators)
		if err != nil {
			c.Failed++
			prev.Failures++
			prev.NextTry = now.Add(w.backoff(prev.Failures, err))
			st.Items[key] = prev
			if !yield(loader.Document{}, &loader.InputError{File: itemName(feed, 0, it), Err: fmt.Errorf("%w (in %s)", err, feed)}) {
				return ctx.Err()
			}
			continue
		}
		prev.Failures, prev.NextTry = 0, time.Time{}
		if iresp != nil {
			prev.Validators = iresp.Validators
		}
		if iresp != nil && iresp.NotModified {
			c.Skipped++
			st.Items[key] = prev
			continue
		}
		c.Fetched++
		hash := textHash(doc)
		if hash == prev.Hash || w.storedAlready(ctx, doc) {
			if prev.Hash == "" {
				prev.FirstRead = now
			}
			prev.Hash, prev.FromFeed = hash, it.FullText != ""
			c.Skipped++
			st.Items[key] = prev
			continue
		}
		if prev.Hash == "" {
			c.New++
			prev.FirstRead = now
		} else {
			c.Changed++
		}
		prev.Hash, prev.FromFeed = hash, it.FullText != ""
		st.Items[key] = prev
		doc.File, doc.Line = itemName(feed, 0, it), 1
		if !yield(doc, nil) {
			return ctx.Err()
		}
	}
	return nil
}

// storedAlready reports whether the store holds the document's article, under its canonical
// URL, with the same title and text: read from another feed, or loaded by dyad load.
func (w *Watcher) storedAlready(ctx context.Context, doc loader.Document) bool {
	if w.Stored == nil {
		return false
	}
	a, err := w.Stored.Article(ctx, doc.ID)
	if err != nil || a.Title != doc.Title {
		return false
	}
	text, ok, err := w.Stored.ArticleText(ctx, doc.ID)
	return err == nil && ok && text == doc.Text
}

// lastListing is when the feed last listed items: the latest LastListed of its items.
func (st *feedState) lastListing() time.Time {
	var t time.Time
	for _, it := range st.Items {
		if it.LastListed.After(t) {
			t = it.LastListed
		}
	}
	return t
}

func (w *Watcher) recheckFor() time.Duration {
	if w.RecheckFor > 0 {
		return w.RecheckFor
	}
	return 48 * time.Hour
}

// textHash is the hash the watcher compares to tell a changed item: of its text and title.
func textHash(doc loader.Document) string {
	sum := sha256.Sum256([]byte(doc.Title + "\x00" + doc.Text))
	return hex.EncodeToString(sum[:12])
}
