package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/dyadgraph/dyad/server"
)

// stringList is a flag that may be repeated.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

// newLogger makes the server's logger: JSON lines, or text on a terminal (format auto).
func newLogger(e *env, format string) (*slog.Logger, error) {
	switch format {
	case "json":
	case "text":
		return slog.New(slog.NewTextHandler(e.stderr, nil)), nil
	case "auto", "":
		if isTerminal(e.stderr) {
			return slog.New(slog.NewTextHandler(e.stderr, nil)), nil
		}
	default:
		return nil, usageErr("--log-format %q is not json, text or auto", format)
	}
	return slog.New(slog.NewJSONHandler(e.stderr, nil)), nil
}

func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "serve", "", "Serve answers GraphQL at /graphql and serves the playground at / and the explorer at\n"+
		"/explore. With an ingest token (DYAD_INGEST_TOKEN or --ingest-token-file), clients that send\n"+
		"it may load articles through POST /ingest, dyad load --server and the ingestArticle mutation;\n"+
		"without one, ingest is off. Reads need no token.")
	var sf storeFlags
	sf.register(fs, e)
	var xf extractorFlags
	xf.register(fs, e)
	var tf tokenFlags
	tf.register(fs, e, "that clients must send to load articles")
	addr := fs.String("addr", envOr(e, "DYAD_ADDR", "localhost:8080"), "`address` to listen on (env DYAD_ADDR)")
	var origins stringList
	fs.Var(&origins, "cors-origin", "let browser apps on this `origin` (https://app.example.org) call the API; repeat for more, or * for any (development only); none by default")
	logFormat := fs.String("log-format", envOr(e, "DYAD_LOG_FORMAT", "auto"), "request logs as `json`, text, or auto: text on a terminal, JSON otherwise (env DYAD_LOG_FORMAT)")
	grace := fs.Duration("shutdown-timeout", 1500*time.Millisecond, "on SIGTERM or Ctrl-C, how long in-flight requests and ingest batches may take to finish before they are cut\n"+
		"(a batch cut short is saved whole or not at all); the default ends the server within two seconds")
	fs.BoolVar(&sf.readOnly, "read-only", false, "open the embedded store for reading only (its file and directory may be read-only)")
	var wf watchFlags
	var watch stringList
	fs.Var(&watch, "watch", "poll this RSS or Atom `feed URL` every --every and load what is new or changed (see dyad watch);\n"+
		"repeat for more feeds. Progress shows in the log and in /metrics (dyad_watch_items_total, dyad_watch_polls_total)")
	wf.register(fs)
	extractors := fs.Int("ingest-extractors", 0, "how many articles ingest extracts at once, across all requests (default: one a core)")
	ingestQueue := fs.Int("ingest-queue", 0, "how many ingest requests may wait beyond those extracting before the next is answered 503 (default: twice the extractors)")
	heavyQueries := fs.Int("heavy-queries", 0, "how many walks of the graph (neighborhood, subgraph, paths, neighbors), and as many medium queries,\n"+
		"run at once; the others wait their turn, cheap queries never wait (default: one a core, at least 2)")
	allowHosts := fs.String("allow-host", e.getenv("DYAD_ALLOW_HOSTS"), "comma-separated host `names` the server answers to besides localhost and IP\n"+
		"addresses, e.g. dyad.example.org when it is reached by that name (env DYAD_ALLOW_HOSTS)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErr("serve takes no arguments; load articles with dyad load first")
	}
	if *extractors < 0 || *ingestQueue < 0 || *heavyQueries < 0 {
		return usageErr("--ingest-extractors, --ingest-queue and --heavy-queries take a count (0 for the default)")
	}
	log, err := newLogger(e, *logFormat)
	if err != nil {
		return err
	}
	wf.feeds = watch
	if len(wf.feeds) > 0 {
		if err := wf.check(); err != nil {
			return err
		}
		if sf.readOnly {
			return usageErr("--watch needs a store it can write: drop --read-only")
		}
	}
	token, tokenFrom, err := tf.token(e)
	if err != nil {
		return err
	}
	ex, err := xf.build(e)
	if err != nil {
		return err
	}
	// Listen first, so that a busy port is reported at once, before a large store is loaded.
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w; is another server using it? Choose another address with --addr or DYAD_ADDR", *addr, err)
	}
	defer ln.Close() // if the store does not open; Serve closes it otherwise
	st, where, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()

	// The Host check defeats DNS rebinding: a page elsewhere that renames itself to this
	// address cannot read the server.
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	h := server.New(st, server.WithLogger(log), server.WithIngest(ex, token), server.WithCORS(origins...),
		server.WithAllowedHosts(strings.Split(*allowHosts, ",")...), server.WithMetrics(reg), server.WithStoreName(where),
		server.WithIngestLimits(server.IngestLimits{Extractors: *extractors, Queue: *ingestQueue}),
		server.WithHeavyQueries(*heavyQueries))
	if len(wf.feeds) > 0 {
		w, err := wf.watcher(st, log, newWatchMetrics(reg).report)
		if err != nil {
			return err
		}
		watchCtx, stopWatch := context.WithCancel(ctx)
		watchDone := make(chan struct{})
		go func() {
			defer close(watchDone)
			w.Run(watchCtx, wf.feeds, 0, watchSave(e, st, ex, log))
		}()
		// The store closes (deferred above) only after the watcher has stopped.
		defer func() { stopWatch(); <-watchDone }()
	}
	srv := server.NewHTTPServer(h, server.DefaultTimeout, log)
	url := "http://" + ln.Addr().String()
	if host, port, err := net.SplitHostPort(ln.Addr().String()); err == nil && (host == "127.0.0.1" || host == "::1" || host == "::") {
		url = "http://localhost:" + port
	}
	ingestLine := "off (set DYAD_INGEST_TOKEN or --ingest-token-file to load while serving)"
	switch {
	case token != "" && sf.readOnly:
		ingestLine = "refused: the store is open for reading only (--read-only)"
	case token != "":
		ingestLine = fmt.Sprintf("%s/ingest (token from %s)", url, tokenFrom)
	}
	fmt.Fprintf(e.stderr, "dyad serve: %s\n  playground  %s/\n  explorer    %s/explore\n  GraphQL     %s/graphql\n  ingest      %s\n",
		where, url, url, url, ingestLine)
	if len(wf.feeds) > 0 {
		fmt.Fprintf(e.stderr, "  watching    %d feeds every %s\n", len(wf.feeds), wf.every)
	}

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		// Stop accepting, and let in-flight requests (an ingest batch among them) finish; past
		// the grace period, cancel them: a batch being written is then saved whole or not at all.
		log.Info("shutting down", "grace", grace.String())
		shut, cancel := context.WithTimeout(context.Background(), *grace)
		defer cancel()
		if err := srv.Shutdown(shut); err != nil {
			log.Warn("requests still running after the grace period were canceled", "err", err)
			srv.Close()
		}
		if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	}
}
