package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/dyadgraph/dyad/loader"
)

// progress tells how a load is going: on a terminal, one line rewritten in place a few times a
// second; elsewhere (a log, CI), a line every few seconds. It shows articles read and saved,
// articles per second, claims, failures and, once the total is known, the ETA.
type progress struct {
	w        io.Writer
	terminal bool
	every    time.Duration
	start    time.Time

	mu                              sync.Mutex
	readN, articles, claims, failed int
	total                           int // -1 until counted
	last                            time.Time
	shown                           bool // a terminal line is on screen
	stop                            chan struct{}
	done                            sync.WaitGroup
}

// newProgress starts reporting on w; stop it with finish. Paths are counted in the background
// (not standard input, URLs, pages or feeds), so that an ETA can be shown.
func newProgress(ctx context.Context, w io.Writer, paths []string) *progress {
	p := &progress{w: w, terminal: isTerminal(w), start: time.Now(), total: -1, stop: make(chan struct{})}
	p.every = 5 * time.Second
	if p.terminal {
		p.every = 250 * time.Millisecond
	}
	countable := !anySource(paths) // pages and feeds are not fetched twice
	for _, path := range paths {
		countable = countable && path != "-"
	}
	if countable {
		p.done.Add(1)
		go func() {
			defer p.done.Done()
			n := 0
			for _, err := range loader.Documents(ctx, nil, paths...) {
				select {
				case <-p.stop:
					return
				default:
				}
				if err == nil {
					n++
				}
			}
			p.mu.Lock()
			p.total = n
			p.mu.Unlock()
		}()
	}
	p.done.Add(1)
	go func() {
		defer p.done.Done()
		t := time.NewTicker(p.every)
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-t.C:
				p.mu.Lock()
				p.show()
				p.mu.Unlock()
			}
		}
	}()
	return p
}

// isTerminal reports whether w is a character device, such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		if lw, ok := w.(*lockedWriter); ok {
			return isTerminal(lw.w)
		}
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func (p *progress) read() {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.readN++
	p.mu.Unlock()
}

func (p *progress) readFailed() {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.failed++
	p.mu.Unlock()
}

// saved adds what a batch saved.
func (p *progress) saved(articles, claims, failed int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.articles += articles
	p.claims += claims
	p.failed += failed
	p.mu.Unlock()
}

// set replaces the counts with a run's (package ingest reports totals).
func (p *progress) set(read, articles, claims, failed int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.readN, p.articles, p.claims, p.failed = read, articles, claims, failed
	p.mu.Unlock()
}

// show prints the current line; p.mu is held.
func (p *progress) show() {
	elapsed := time.Since(p.start)
	rate := float64(p.articles) / max(elapsed.Seconds(), 1e-3)
	line := fmt.Sprintf("dyad load: %d read, %d saved (%.0f articles/s), %d claims, %d failed", p.readN, p.articles, rate, p.claims, p.failed)
	if p.total >= 0 {
		line = fmt.Sprintf("dyad load: %d/%d read, %d saved (%.0f articles/s), %d claims, %d failed", p.readN, p.total, p.articles, rate, p.claims, p.failed)
		if left := p.total - p.articles - p.failed; left > 0 && rate > 0 {
			line += ", ETA " + time.Duration(float64(left)/rate*float64(time.Second)).Round(time.Second).String()
		}
	}
	if p.terminal {
		fmt.Fprintf(p.w, "\r\033[K%s", line)
		p.shown = true
		return
	}
	fmt.Fprintln(p.w, line)
}

// report prints a message of the load (a failure) on its own line.
func (p *progress) report(w io.Writer, msg any) {
	if p == nil {
		fmt.Fprintln(w, msg)
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
		p.shown = false
	}
	fmt.Fprintln(w, msg)
}

// finish stops reporting and clears the terminal line, before the summary is printed.
func (p *progress) finish() {
	if p == nil {
		return
	}
	close(p.stop)
	p.done.Wait()
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
