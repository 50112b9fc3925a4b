package sources

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/temoto/robotstxt"
)

// The kinds of fetch failure, wrapped in the errors Fetcher.Get returns. Test for them with
// errors.Is.
var (
	ErrScheme     = errors.New("only http and https URLs are fetched")
	ErrPrivate    = errors.New("refused: the address is private, loopback or link-local (allow it with --allow-private)")
	ErrRedirects  = errors.New("too many redirects")
	ErrTooLarge   = errors.New("response too large")
	ErrStatus     = errors.New("HTTP error")
	ErrRobots     = errors.New("disallowed by robots.txt")
	ErrRetryLater = errors.New("the server asked to retry later")
)

// FetchOptions tune a Fetcher. The zero value of each field takes its default.
type FetchOptions struct {
	// UserAgent is sent with every request; default "dyad (+https://github.com/dyadgraph/dyad)".
	// Use UserAgent(version) to name dyad's version.
	UserAgent string
	// Timeout bounds one request, from dialling to the last byte of the body (default 30s).
	Timeout time.Duration
	// MaxBytes bounds a response body, after decompression (default 5 MiB).
	MaxBytes int64
	// MaxRedirects bounds the redirects one request follows (default 5).
	MaxRedirects int
	// AllowPrivate lets requests reach private, loopback and link-local addresses (an intranet,
	// a test server on 127.0.0.1). Off, they are refused when dialled, whatever name led to them.
	AllowPrivate bool
	// HostInterval is the least time between two requests to one host (default 1s; negative
	// for none). A Retry-After or a robots.txt Crawl-delay lengthens it for that host.
	HostInterval time.Duration
	// IgnoreRobots skips robots.txt. Off, each host's robots.txt is read once an hour and the
	// paths it disallows to dyad are refused.
	IgnoreRobots bool
}

// UserAgent is the User-Agent dyad sends: its name, its version and where to learn about it.
func UserAgent(version string) string {
	if version == "" {
		version = "devel"
	}
	return "dyad/" + version + " (+https://github.com/dyadgraph/dyad)"
}

// Fetcher downloads web resources politely and safely (see the package comment). It is safe
// for concurrent use.
type Fetcher struct {
	opt    FetchOptions
	client *http.Client

	mu    sync.Mutex
	hosts map[string]*hostState
}

// hostState is what a Fetcher knows of one host: when it may be asked next, and its robots.txt.
type hostState struct {
	mu       sync.Mutex // held while waiting for the host's turn, so requests to it queue
	next     time.Time  // no request before this
	interval time.Duration
	robots   *robotstxt.RobotsData
	robotsAt time.Time
}

// NewFetcher makes a Fetcher.
func NewFetcher(opt FetchOptions) *Fetcher {
	if opt.UserAgent == "" {
		opt.UserAgent = UserAgent("")
	}
	if opt.Timeout <= 0 {
		opt.Timeout = 30 * time.Second
	}
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = 5 << 20
	}
	if opt.MaxRedirects <= 0 {
		opt.MaxRedirects = 5
	}
	if opt.HostInterval == 0 {
		opt.HostInterval = time.Second
	}
	f := &Fetcher{opt: opt, hosts: map[string]*hostState{}}
	dialer := &net.Dialer{Timeout: opt.Timeout, Control: f.checkDial}
	transport := &http.Transport{
		Proxy:                 nil, // the address check must see the server itself
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   opt.Timeout,
		ResponseHeaderTimeout: opt.Timeout,
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       90 * time.Second,
		ForceAttemptHTTP2:     true,
	}
	f.client = &http.Client{Transport: transport, CheckRedirect: f.checkRedirect}
	return f
}

// Options returns the options in force, defaults filled in.
func (f *Fetcher) Options() FetchOptions { return f.opt }

// checkDial refuses private, loopback, link-local and unspecified addresses unless allowed.
// It runs on the address actually dialled, so a public name that resolves to 127.0.0.1, or a
// redirect to one, is refused too.
func (f *Fetcher) checkDial(network, address string, _ syscall.RawConn) error {
	if f.opt.AllowPrivate {
		return nil
	}
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return err
	}
	ip := net.ParseIP(host)
	if ip == nil || !publicIP(ip) {
		return fmt.Errorf("%s: %w", host, ErrPrivate)
	}
	return nil
}

// publicIP reports whether ip is an address on the public internet.
func publicIP(ip net.IP) bool {
	return !(ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsInterfaceLocalMulticast() || ip.IsMulticast() || ip.IsUnspecified() ||
		ip.Equal(net.IPv4bcast) || isSharedOrReserved(ip))
}

// isSharedOrReserved covers the IPv4 ranges that net.IP has no method for: carrier-grade NAT
// (100.64.0.0/10) and 0.0.0.0/8.
func isSharedOrReserved(ip net.IP) bool {
	v4 := ip.To4()
	return v4 != nil && (v4[0] == 100 && v4[1]&0xC0 == 64 || v4[0] == 0)
}

func (f *Fetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > f.opt.MaxRedirects {
		return fmt.Errorf("%w: more than %d, from %s", ErrRedirects, f.opt.MaxRedirects, via[0].URL)
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return fmt.Errorf("redirect to %s: %w", req.URL, ErrScheme)
	}
	req.Header.Set("User-Agent", f.opt.UserAgent)
	return nil
}

// Validators are what a previous response said of its resource, sent back so that the server
// may answer 304 Not Modified.
type Validators struct {
	ETag         string
	LastModified string
}

// Response is a resource fetched in full.
type Response struct {
	URL         string // after redirects
	ContentType string
	Body        []byte // empty when NotModified
	NotModified bool   // the server answered 304 to the Validators sent
	Validators  Validators
}

// StatusError is an HTTP status other than 200 and 304.
type StatusError struct {
	URL    string
	Status int
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("HTTP %d %s", e.Status, http.StatusText(e.Status))
}

func (e *StatusError) Unwrap() error { return ErrStatus }

// RetryLaterError is a 429 or 503 answer; After is how long the server asked to wait (0 if it
// did not say).
type RetryLaterError struct {
	Status int
	After  time.Duration
}

func (e *RetryLaterError) Error() string {
	if e.After > 0 {
		return fmt.Sprintf("HTTP %d %s: retry after %s", e.Status, http.StatusText(e.Status), e.After)
	}
	return fmt.Sprintf("HTTP %d %s", e.Status, http.StatusText(e.Status))
}

func (e *RetryLaterError) Unwrap() error { return ErrRetryLater }

// maxRetryAfter caps how long a Retry-After may hold a host back.
const maxRetryAfter = time.Hour

// Get fetches rawURL. It waits for the host's turn (HostInterval, Crawl-delay, Retry-After),
// checks robots.txt, sends the validators given, and reads the body up to MaxBytes.
func (f *Fetcher) Get(ctx context.Context, rawURL string, v Validators) (*Response, error) {
	u, err := checkURL(rawURL)
	if err != nil {
		return nil, err
	}
	hs := f.host(u.Host)
	if !f.opt.IgnoreRobots {
		if err := f.robotsAllow(ctx, hs, u); err != nil {
			return nil, err
		}
	}
	resp, err := f.do(ctx, hs, u, v)
	if err != nil {
		return nil, err
	}
	return resp, nil
}

// checkURL parses an absolute http or https URL.
func checkURL(rawURL string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return nil, fmt.Errorf("not a URL: %w", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("%q: %w", u.Scheme, ErrScheme)
	}
	if u.Host == "" {
		return nil, fmt.Errorf("%s: no host", rawURL)
	}
	u.Fragment = ""
	return u, nil
}

func (f *Fetcher) host(name string) *hostState {
	f.mu.Lock()
	defer f.mu.Unlock()
	hs := f.hosts[name]
	if hs == nil {
		hs = &hostState{interval: max(f.opt.HostInterval, 0)}
		f.hosts[name] = hs
	}
	return hs
}

// wait holds the host's lock until its turn comes; the caller must call hs.mu.Unlock after
// setting hs.next.
func (hs *hostState) wait(ctx context.Context) error {
	hs.mu.Lock()
	if d := time.Until(hs.next); d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
			hs.mu.Unlock()
			return ctx.Err()
		}
	}
	return nil
}

// robotsAllow reads the host's robots.txt (once an hour) and reports ErrRobots for a path it
// disallows to dyad. A robots.txt that cannot be fetched allows everything, as the convention
// has it for a 4xx; a 5xx disallows everything until it is read again.
func (f *Fetcher) robotsAllow(ctx context.Context, hs *hostState, u *url.URL) error {
	hs.mu.Lock()
	robots, at := hs.robots, hs.robotsAt
	hs.mu.Unlock()
	if robots == nil || time.Since(at) > time.Hour {
		ru := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
		var status int
		var body []byte
		resp, err := f.do(ctx, hs, ru, Validators{})
		var se *StatusError
		switch {
		case err == nil:
			status, body = http.StatusOK, resp.Body
		case errors.As(err, &se):
			status = se.Status
		case ctx.Err() != nil:
			return ctx.Err()
		case errors.Is(err, ErrPrivate), errors.Is(err, ErrRetryLater):
			return err // about the host, not its robots.txt
		default:
			return fmt.Errorf("robots.txt: %w", err)
		}
		robots, err = robotstxt.FromStatusAndBytes(status, body)
		if err != nil {
			robots, _ = robotstxt.FromStatusAndBytes(http.StatusNotFound, nil) // unreadable: no rules
		}
		hs.mu.Lock()
		hs.robots, hs.robotsAt = robots, time.Now()
		if g := robots.FindGroup("dyad"); g != nil && g.CrawlDelay > hs.interval {
			hs.interval = min(g.CrawlDelay, time.Minute)
		}
		hs.mu.Unlock()
	}
	path := u.EscapedPath()
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	if !robots.TestAgent(path, "dyad") {
		return fmt.Errorf("%s: %w", u, ErrRobots)
	}
	return nil
}

// do sends one GET when the host's turn comes and reads the answer.
func (f *Fetcher) do(ctx context.Context, hs *hostState, u *url.URL, v Validators) (*Response, error) {
	if err := hs.wait(ctx); err != nil {
		return nil, err
	}
	resp, err := f.send(ctx, u, v)
	hs.next = time.Now().Add(hs.interval)
	var rl *RetryLaterError
	if errors.As(err, &rl) && rl.After > 0 {
		hs.next = time.Now().Add(min(rl.After, maxRetryAfter))
	}
	hs.mu.Unlock()
	return resp, err
}

func (f *Fetcher) send(ctx context.Context, u *url.URL, v Validators) (*Response, error) {
	ctx, cancel := context.WithTimeout(ctx, f.opt.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", f.opt.UserAgent)
	req.Header.Set("Accept", "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/xml;q=0.9, text/*;q=0.8, */*;q=0.5")
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}
	res, err := f.client.Do(req)
	if err != nil {
		return nil, describe(err, f.opt.Timeout)
	}
	defer res.Body.Close()
	out := &Response{URL: res.Request.URL.String(), ContentType: res.Header.Get("Content-Type"),
		Validators: Validators{ETag: res.Header.Get("ETag"), LastModified: res.Header.Get("Last-Modified")}}
	switch {
	case res.StatusCode == http.StatusNotModified:
		out.NotModified = true
		if out.Validators == (Validators{}) {
			out.Validators = v
		}
		return out, nil
	case res.StatusCode == http.StatusTooManyRequests || res.StatusCode == http.StatusServiceUnavailable:
		return nil, &RetryLaterError{Status: res.StatusCode, After: retryAfter(res.Header.Get("Retry-After"))}
	case res.StatusCode != http.StatusOK:
		return nil, &StatusError{URL: u.String(), Status: res.StatusCode}
	}
	if res.ContentLength > f.opt.MaxBytes {
		return nil, fmt.Errorf("%w: %d bytes, over the limit of %d", ErrTooLarge, res.ContentLength, f.opt.MaxBytes)
	}
	body, err := io.ReadAll(io.LimitReader(res.Body, f.opt.MaxBytes+1))
	if err != nil {
		return nil, describe(err, f.opt.Timeout)
	}
	if int64(len(body)) > f.opt.MaxBytes {
		return nil, fmt.Errorf("%w: over the limit of %d bytes", ErrTooLarge, f.opt.MaxBytes)
	}
	out.Body = body
	return out, nil
}

// describe shortens a transport error: the URL is named by the caller, and a timeout says how
// long it waited.
func describe(err error, timeout time.Duration) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		if ue.Timeout() {
			return fmt.Errorf("no answer within %s: %w", timeout, context.DeadlineExceeded)
		}
		err = ue.Err
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("no answer within %s: %w", timeout, context.DeadlineExceeded)
	}
	return err
}

// retryAfter reads a Retry-After header: seconds, or an HTTP date.
func retryAfter(h string) time.Duration {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0
	}
	if secs, err := strconv.Atoi(h); err == nil && secs >= 0 {
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(h); err == nil {
		return max(time.Until(t), 0)
	}
	return 0
}
