package server

import (
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// MaxConcurrentExports is how many exports run at once; more are answered 503 with a
// Retry-After, since each may hold a neighbourhood of 5,000 actors in memory.
const MaxConcurrentExports = 4

// DefaultSendTimeout is how long each write of a response may wait for its client, unless
// WithSendTimeout says otherwise: a client that does not read cannot hold a response, and its
// memory, for longer.
const DefaultSendTimeout = 20 * time.Second

// WithSendTimeout sets how long a response may take to reach its client; see
// DefaultSendTimeout.
func WithSendTimeout(d time.Duration) Option {
	return func(o *options) { o.sendTimeout = d }
}

// WithAllowedHosts turns on the Host and Origin check that defeats DNS rebinding: a request
// is answered only when its Host is an IP address, "localhost" (or a name under .localhost) or
// one of hosts, and when it carries an Origin, only when that origin is the request's own host
// or one of those names. Without this option (as in tests) any host is answered. `dyad serve`
// always turns it on, with the names given by --allow-host.
func WithAllowedHosts(hosts ...string) Option {
	return func(o *options) {
		o.hostCheck = true
		for _, h := range hosts {
			if h = strings.ToLower(strings.TrimSpace(h)); h != "" {
				o.allowedHosts = append(o.allowedHosts, h)
			}
		}
	}
}

// guardHosts refuses requests whose Host or Origin is not allowed (see WithAllowedHosts).
func guardHosts(o options, next http.Handler) http.Handler {
	if !o.hostCheck {
		return next
	}
	named := func(host string) bool {
		host = strings.ToLower(strings.TrimSuffix(host, "."))
		if host == "localhost" || strings.HasSuffix(host, ".localhost") {
			return true
		}
		for _, h := range o.allowedHosts {
			if host == h {
				return true
			}
		}
		return false
	}
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		host := hostOnly(req.Host)
		if net.ParseIP(host) == nil && !named(host) {
			o.log.Warn("http: host not allowed", "host", req.Host, "remote", req.RemoteAddr)
			http.Error(w, fmt.Sprintf("host %q is not allowed; start dyad serve with --allow-host %s to serve it", host, host), http.StatusForbidden)
			return
		}
		if origin := req.Header.Get("Origin"); origin != "" {
			u, err := url.Parse(origin)
			if err != nil || (!strings.EqualFold(u.Host, req.Host) && !named(u.Hostname()) && !corsAllowed(o.cors, origin)) {
				o.log.Warn("http: origin not allowed", "origin", origin, "host", req.Host, "remote", req.RemoteAddr)
				http.Error(w, fmt.Sprintf("origin %q is not allowed; add its host with --allow-host", origin), http.StatusForbidden)
				return
			}
		}
		next.ServeHTTP(w, req)
	})
}

// hostOnly is a Host header without its port and IPv6 brackets.
func hostOnly(hostport string) string {
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		return h
	}
	return strings.Trim(hostport, "[]")
}

// exportSlots returns a wrapper that lets at most MaxConcurrentExports requests through the
// handlers it wraps at once, and answers the others 503 with a Retry-After.
func exportSlots(log *slog.Logger) func(http.Handler) http.Handler {
	slots := make(chan struct{}, MaxConcurrentExports)
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			select {
			case slots <- struct{}{}:
				defer func() { <-slots }()
				next.ServeHTTP(w, req)
			default:
				log.Warn("export: too many at once", "limit", MaxConcurrentExports)
				w.Header().Set("Retry-After", "2")
				http.Error(w, fmt.Sprintf("%d exports are running, the most the server runs at once; try again in a moment", MaxConcurrentExports), http.StatusServiceUnavailable)
			}
		})
	}
}

// sendDeadline gives each write of a response d to reach the client: a client that stops
// reading is cut off after d, while a long export streams on as long as its client reads. The
// deadline it sets also replaces the server's WriteTimeout once a response has begun.
func sendDeadline(d time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		next.ServeHTTP(&deadlineWriter{ResponseWriter: w, d: d}, req)
	})
}

type deadlineWriter struct {
	http.ResponseWriter
	d       time.Duration
	refused bool // the writer takes no deadlines (a test recorder)
}

func (w *deadlineWriter) extend() {
	if !w.refused {
		w.refused = http.NewResponseController(w.ResponseWriter).SetWriteDeadline(time.Now().Add(w.d)) != nil
	}
}

func (w *deadlineWriter) WriteHeader(status int) {
	w.extend()
	w.ResponseWriter.WriteHeader(status)
}

func (w *deadlineWriter) Write(b []byte) (int, error) {
	w.extend()
	return w.ResponseWriter.Write(b)
}

// Flush passes a flush on, so that a streaming handler's data leaves at once.
func (w *deadlineWriter) Flush() {
	w.extend()
	http.NewResponseController(w.ResponseWriter).Flush()
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *deadlineWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// NewHTTPServer returns an http.Server for New's handler with timeouts that no client can
// stretch: 10 s to send its headers, 30 s for its whole request (bodies are 1 MiB at most),
// requestTimeout plus DefaultSendTimeout until the answer begins (New's handler then gives each
// write DefaultSendTimeout, so that a long export streams to a client that reads), and 2
// minutes for an idle keep-alive connection.
func NewHTTPServer(h http.Handler, requestTimeout time.Duration, log *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30*time.Second + requestTimeout + DefaultSendTimeout,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    1 << 20,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}

// corsAllowed reports whether an origin was allowed to call from browsers (WithCORS): such an
// origin passes the host check too.
func corsAllowed(origins []string, origin string) bool {
	for _, o := range origins {
		if o == "*" || strings.EqualFold(o, origin) {
			return true
		}
	}
	return false
}
