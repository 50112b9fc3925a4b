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

	"github.com/dyadgraph/dyad/server"
)

func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "serve", "", "Serve answers GraphQL at /graphql and serves the playground at /.")
	var sf storeFlags
	sf.register(fs, e)
	addr := fs.String("addr", envOr(e, "DYAD_ADDR", "localhost:8080"), "`address` to listen on (env DYAD_ADDR)")
	fs.BoolVar(&sf.readOnly, "read-only", false, "open the embedded store for reading only (its file and directory may be read-only)")
	allowHosts := fs.String("allow-host", e.getenv("DYAD_ALLOW_HOSTS"), "comma-separated host `names` the server answers to besides localhost and IP\n"+
		"addresses, e.g. dyad.example.org when it is reached by that name (env DYAD_ALLOW_HOSTS)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErr("serve takes no arguments; load articles with dyad load first")
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
	// The Host check defeats DNS rebinding: a page elsewhere that renames itself to this
	// address cannot read the server.
	h := server.New(st, server.WithLogger(log), server.WithAllowedHosts(strings.Split(*allowHosts, ",")...))
	srv := server.NewHTTPServer(h, server.DefaultTimeout, log)
	url := "http://" + ln.Addr().String()
	if host, port, err := net.SplitHostPort(ln.Addr().String()); err == nil && (host == "127.0.0.1" || host == "::1" || host == "::") {
		url = "http://localhost:" + port
	}
	fmt.Fprintf(e.stderr, "dyad serve: %s\n  playground  %s/\n  GraphQL     %s/graphql\n", where, url, url)

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		// Requests in flight get a moment to finish; then they are cut, so that a signal ends
		// the server within two seconds whatever its clients do.
		shut, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
		defer cancel()
		if err := srv.Shutdown(shut); err != nil {
			srv.Close()
			fmt.Fprintln(e.stderr, "dyad serve: requests still running at shutdown were cut short")
		}
		if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	}
}
