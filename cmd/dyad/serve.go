package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/dyadgraph/dyad/server"
)

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
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErr("serve takes no arguments; load articles with dyad load first")
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

	log := slog.New(slog.NewTextHandler(e.stderr, nil))
	srv := &http.Server{
		Handler:           server.New(st, server.WithLogger(log), server.WithIngest(ex, token)),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second, // request bodies are small (1 MiB at most)
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	url := "http://" + ln.Addr().String()
	if host, port, err := net.SplitHostPort(ln.Addr().String()); err == nil && (host == "127.0.0.1" || host == "::1" || host == "::") {
		url = "http://localhost:" + port
	}
	ingestLine := "off (set DYAD_INGEST_TOKEN or --ingest-token-file to load while serving)"
	if token != "" {
		ingestLine = fmt.Sprintf("%s/ingest (token from %s)", url, tokenFrom)
	}
	fmt.Fprintf(e.stderr, "dyad serve: %s\n  playground  %s/\n  explorer    %s/explore\n  GraphQL     %s/graphql\n  ingest      %s\n",
		where, url, url, url, ingestLine)

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(shut); err != nil {
			return err
		}
		if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	}
}
