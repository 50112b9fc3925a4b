package main

import (
	"context"
	"errors"
	"flag"
	"iter"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/ingest"
	"github.com/dyadgraph/dyad/loader"
	"github.com/dyadgraph/dyad/sources"
)

func runWatch(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "watch", "FEED_URL...", "Watch polls RSS and Atom feeds and loads the items that are new or whose page changed,\n"+
		"so that the graph keeps up with the news. Each feed is fetched with the ETag and Last-Modified of\n"+
		"its last answer; robots.txt, a per-host interval and Retry-After are honoured, and failures back\n"+
		"off. What it has read is kept in the store, so that a restart resumes where it stopped. Run it\n"+
		"while no dyad serve holds the embedded store, or use dyad serve --watch.")
	var sf storeFlags
	sf.register(fs, e)
	var xf extractorFlags
	xf.register(fs, e)
	var wf watchFlags
	wf.register(fs)
	rounds := fs.Int("rounds", 0, "stop after this many polling rounds (0: until interrupted); --rounds 1 suits cron")
	logFormat := fs.String("log-format", envOr(e, "DYAD_LOG_FORMAT", "auto"), "logs as `json`, text, or auto: text on a terminal, JSON otherwise (env DYAD_LOG_FORMAT)")
	if err := parse(fs, args); err != nil {
		return err
	}
	wf.feeds = fs.Args()
	if len(wf.feeds) == 0 {
		return usageErr("no FEED_URL given")
	}
	if err := wf.check(); err != nil {
		return err
	}
	log, err := newLogger(e, *logFormat)
	if err != nil {
		return err
	}
	ex, err := xf.build(e)
	if err != nil {
		return err
	}
	st, where, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	w, err := wf.watcher(st, log, nil)
	if err != nil {
		return err
	}
	log.Info("watch: started", "feeds", len(wf.feeds), "every", wf.every.String(), "store", where)
	err = w.Run(ctx, wf.feeds, *rounds, watchSave(e, st, ex, log))
	if errors.Is(err, context.Canceled) {
		return nil // interrupted: what was read is saved, and the next run resumes
	}
	return err
}

// watchFlags choose the feeds and how they are polled; `dyad watch` and `dyad serve --watch`
// share them.
type watchFlags struct {
	feeds      []string
	every      time.Duration
	recheckFor time.Duration
	web        sourceFlags
}

func (w *watchFlags) register(fs *flag.FlagSet) {
	fs.DurationVar(&w.every, "every", 15*time.Minute, "time between polls of the feeds")
	fs.DurationVar(&w.recheckFor, "recheck-for", 48*time.Hour, "how long after an item is first read its page is checked for changes")
	w.web.register(fs)
}

func (w *watchFlags) check() error {
	for _, f := range w.feeds {
		if !sources.IsURL(f) {
			return usageErr("%q is not an http:// or https:// feed URL (load feed files with dyad load)", f)
		}
	}
	if w.every < time.Second {
		return usageErr("--every %s is too short; poll at most once a second", w.every)
	}
	return nil
}

// watcher makes the feed watcher over the store, which must keep state.
func (w *watchFlags) watcher(st graph.Store, log *slog.Logger, report func(string, sources.PollCounts)) (*sources.Watcher, error) {
	sk, ok := st.(graph.StateKeeper)
	if !ok {
		return nil, errors.New("this store cannot keep the watcher's state")
	}
	return &sources.Watcher{Reader: &sources.Reader{Fetcher: w.web.fetcher()}, State: sk, Stored: st, Every: w.every,
		RecheckFor: w.recheckFor, Log: log, Report: report}, nil
}

// watchSave extracts and saves one poll's items, as dyad load does, logging each failure.
func watchSave(e *env, st graph.Store, ex loader.Extractor, log *slog.Logger) sources.Save {
	return func(ctx context.Context, feed string, docs iter.Seq2[loader.Document, error]) error {
		c := ingest.Run(ctx, st, func(ctx context.Context, doc loader.Document) (graph.Extraction, error) {
			return extract(ctx, e, ex, doc)
		}, docs, ingest.Options{
			RetryFor: time.Minute,
			Fail:     func(err error) { log.Warn("watch: item failed", "feed", feed, "err", err.Error()) },
		})
		if c.Articles > 0 {
			log.Info("watch: saved", "feed", feed, "articles", c.Articles, "new", c.New, "changed", c.Changed,
				"unchanged", c.Unchanged, "claims", c.Claims)
		}
		return c.Stopped
	}
}

// watchMetrics count the watcher's work per feed for /metrics.
type watchMetrics struct {
	items *prometheus.CounterVec // feed, outcome
	polls *prometheus.CounterVec // feed, result
}

func newWatchMetrics(reg *prometheus.Registry) *watchMetrics {
	m := &watchMetrics{
		items: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "dyad_watch_items_total",
			Help: "Feed items by outcome: seen (listed), fetched (read), new, changed, failed."}, []string{"feed", "outcome"}),
		polls: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "dyad_watch_polls_total",
			Help: "Polls of each feed by result: ok, not_modified (the feed answered 304), failed."}, []string{"feed", "result"}),
	}
	reg.MustRegister(m.items, m.polls)
	return m
}

func (m *watchMetrics) report(feed string, c sources.PollCounts) {
	for outcome, n := range map[string]int{"seen": c.Seen, "fetched": c.Fetched, "new": c.New, "changed": c.Changed, "failed": c.Failed} {
		m.items.WithLabelValues(feed, outcome).Add(float64(n))
	}
	result := "ok"
	switch {
	case c.FeedFailed:
		result = "failed"
	case c.NotModif:
		result = "not_modified"
	}
	m.polls.WithLabelValues(feed, result).Inc()
}
