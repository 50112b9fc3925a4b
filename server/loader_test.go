package server

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
)

// recordingFetch answers every key but "missing" with its upper case, and records its calls.
type recordingFetch struct {
	mu    sync.Mutex
	calls [][]string
	fail  error
	panic bool
}

func (f *recordingFetch) fetch(_ context.Context, keys []string) (map[string]string, error) {
	f.mu.Lock()
	f.calls = append(f.calls, slices.Clone(keys))
	f.mu.Unlock()
	if f.panic {
		panic("fetch exploded")
	}
	if f.fail != nil {
		return nil, f.fail
	}
	out := map[string]string{}
	for _, k := range keys {
		if k != "missing" {
			out[k] = strings.ToUpper(k)
		}
	}
	return out, nil
}

func TestLoaderFetchesSiblingsOnceTogether(t *testing.T) {
	var sibs siblings[string]
	f := &recordingFetch{}
	l := newLoader(&sibs, f.fetch)
	// A list of relations names its actors with repeats: a hub and its partners.
	var listed []string
	for i := range 50 {
		listed = append(listed, "hub", fmt.Sprintf("p%02d", i))
	}
	sibs.announce(listed)

	var wg sync.WaitGroup
	errs := make(chan error, len(listed))
	for _, k := range listed {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, found, err := l.load(context.Background(), k)
			if err != nil || !found || v != strings.ToUpper(k) {
				errs <- fmt.Errorf("load(%q) = %q, %v, %v", k, v, found, err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if len(f.calls) != 1 {
		t.Fatalf("fetched %d times, want once: %q", len(f.calls), f.calls)
	}
	got := slices.Sorted(slices.Values(f.calls[0]))
	want := slices.Sorted(slices.Values(slices.Compact(slices.Sorted(slices.Values(listed)))))
	if !slices.Equal(got, want) {
		t.Errorf("fetched %q, want each of %q once", got, want)
	}

	// Loaded keys cost nothing more; a key never listed is fetched on its own; a key without a
	// value is reported as not found.
	l.load(context.Background(), "p07")
	if _, found, err := l.load(context.Background(), "missing"); found || err != nil {
		t.Errorf("load(missing) found %v, %v", found, err)
	}
	if len(f.calls) != 2 || !slices.Equal(f.calls[1], []string{"missing"}) {
		t.Errorf("calls = %q, want a second call for missing alone", f.calls)
	}
}

func TestLoaderPrimedKeysAreNotFetched(t *testing.T) {
	var sibs siblings[string]
	f := &recordingFetch{}
	l := newLoader(&sibs, f.fetch)
	l.prime("a", "known")
	sibs.announce([]string{"a", "b"})
	if v, _, _ := l.load(context.Background(), "a"); v != "known" {
		t.Errorf("load(a) = %q, want the primed value", v)
	}
	l.load(context.Background(), "b")
	if len(f.calls) != 1 || !slices.Equal(f.calls[0], []string{"b"}) {
		t.Errorf("calls = %q, want one for b alone", f.calls)
	}
}

func TestLoaderErrorsAndPanicsFailTheBatchOnce(t *testing.T) {
	for _, f := range []*recordingFetch{{fail: errors.New("store down")}, {panic: true}} {
		var sibs siblings[string]
		l := newLoader(&sibs, f.fetch)
		sibs.announce([]string{"a", "b", "c"})
		for _, k := range []string{"a", "b", "c", "a"} {
			if _, _, err := l.load(context.Background(), k); err == nil {
				t.Errorf("load(%q) succeeded", k)
			}
		}
		if len(f.calls) != 1 {
			t.Errorf("fetched %d times, want once: a failed batch is not retried per key", len(f.calls))
		}
		if f.panic {
			var p *panicError
			if _, _, err := l.load(context.Background(), "b"); !errors.As(err, &p) || len(p.stack) == 0 {
				t.Errorf("a panic gave %v, want a panicError with its stack", err)
			}
		}
	}
}

func TestLoaderFetchesRepeatedSiblingsOnce(t *testing.T) {
	var sibs siblings[string]
	f := &recordingFetch{}
	l := newLoader(&sibs, f.fetch)
	sibs.announce([]string{"hub", "p1", "hub", "p2", "hub", "p3"})
	l.load(context.Background(), "p2")
	if want := []string{"p2", "hub", "p1", "p3"}; len(f.calls) != 1 || !slices.Equal(f.calls[0], want) {
		t.Errorf("calls = %q, want one of %q", f.calls, want)
	}
}

// A relation page lists its actors, then each relation's claims list the same actors again: the
// claims' actors still load with the page's list, in one call, whichever list is loaded from.
func TestLoaderKeysStayWithTheirFirstList(t *testing.T) {
	var sibs siblings[string]
	f := &recordingFetch{}
	l := newLoader(&sibs, f.fetch)
	var page []string
	for i := range 5 {
		page = append(page, "hub", fmt.Sprintf("p%d", i))
	}
	sibs.announce(page)
	for i := range 5 {
		sibs.announce([]string{"hub", fmt.Sprintf("p%d", i), "hub", fmt.Sprintf("p%d", i)})
	}
	sibs.announce([]string{"p4", "new"}) // a later list with a key of its own
	for i := range 5 {
		if v, found, err := l.load(context.Background(), fmt.Sprintf("p%d", i)); err != nil || !found || v != fmt.Sprintf("P%d", i) {
			t.Errorf("load(p%d) = %q, %v, %v", i, v, found, err)
		}
	}
	if want := []string{"p0", "hub", "p1", "p2", "p3", "p4"}; len(f.calls) != 1 || !slices.Equal(f.calls[0], want) {
		t.Errorf("calls = %q, want one of %q", f.calls, want)
	}
	l.load(context.Background(), "new")
	if len(f.calls) != 2 || !slices.Equal(f.calls[1], []string{"new"}) {
		t.Errorf("calls = %q, want a second call for the later list's own key alone", f.calls)
	}
}
