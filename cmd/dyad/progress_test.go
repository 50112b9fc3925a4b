package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// TestProgressLines: off a terminal, progress is a plain line at each interval with the counts,
// the rate and, once the input is counted, the total and an ETA; finish stops it.
func TestProgressLines(t *testing.T) {
	var out lockedWriter
	var buf bytes.Buffer
	out.w = &buf
	p := &progress{w: &out, every: 20 * time.Millisecond, start: time.Now().Add(-10 * time.Second), total: 100, stop: make(chan struct{})}
	p.set(40, 30, 120, 2)
	p.mu.Lock()
	p.show()
	p.mu.Unlock()
	p.finish()
	line := buf.String()
	for _, want := range []string{"40/100 read", "30 saved (3 articles/s)", "120 claims", "2 failed", "ETA 23s"} {
		if !strings.Contains(line, want) {
			t.Errorf("progress line %q lacks %q", line, want)
		}
	}
	if strings.Contains(line, "\r") {
		t.Errorf("off a terminal the line must not be rewritten in place: %q", line)
	}
}
