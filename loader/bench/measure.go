package bench

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"runtime/metrics"
	"sync"
	"time"

	"github.com/dyadgraph/dyad/loader"
)

// Result is one throughput measurement.
type Result struct {
	Extractor  string        // name and version
	Documents  int           // documents extracted
	Failed     int           // documents whose extraction returned an error
	Bytes      int64         // bytes of text extracted
	Claims     int           // claims found
	Elapsed    time.Duration // wall time of the extraction alone
	PeakHeap   uint64        // the most bytes of live heap objects seen while extracting
	Allocated  uint64        // bytes allocated while extracting
	PeakRSS    int64         // the process's peak resident set size afterwards; 0 if unknown
	GOMAXPROCS int
}

// MBPerSecond is the throughput in MB (10^6 bytes) of text per second.
func (r Result) MBPerSecond() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Bytes) / 1e6 / r.Elapsed.Seconds()
}

// AllocatedPerMB is the bytes allocated per MB of text.
func (r Result) AllocatedPerMB() float64 {
	if r.Bytes == 0 {
		return 0
	}
	return float64(r.Allocated) / (float64(r.Bytes) / 1e6)
}

// WriteTable writes the result as a small aligned table.
func (r Result) WriteTable(w io.Writer) error {
	rss := "unknown"
	if r.PeakRSS > 0 {
		rss = fmt.Sprintf("%.1f MiB", float64(r.PeakRSS)/(1<<20))
	}
	_, err := fmt.Fprintf(w, ""+
		"extractor         %s\n"+
		"documents         %d (%d failed)\n"+
		"text              %.2f MB\n"+
		"claims            %d\n"+
		"time              %s\n"+
		"throughput        %.2f MB/s (GOMAXPROCS=%d)\n"+
		"peak live heap    %.1f MiB\n"+
		"allocated         %.1f MiB per MB of text\n"+
		"peak RSS          %s (whole process, corpus included)\n",
		r.Extractor, r.Documents, r.Failed, float64(r.Bytes)/1e6, r.Claims, r.Elapsed.Round(time.Millisecond),
		r.MBPerSecond(), r.GOMAXPROCS, float64(r.PeakHeap)/(1<<20), r.AllocatedPerMB()/(1<<20), rss)
	return err
}

// Extract runs ex over docs one after another on the calling goroutine and measures it. It
// stops early, with ctx.Err(), when ctx is done; an extraction error counts as Failed.
func Extract(ctx context.Context, ex loader.Extractor, docs []loader.Document) (Result, error) {
	res := Result{Extractor: ex.Name() + " " + ex.Version(), GOMAXPROCS: runtime.GOMAXPROCS(0)}
	runtime.GC()
	stop := SampleHeap(time.Millisecond)
	allocBefore := allocated()
	start := time.Now()
	var err error
	for _, d := range docs {
		if err = ctx.Err(); err != nil {
			break
		}
		x, xerr := ex.Extract(ctx, d)
		res.Documents++
		res.Bytes += int64(len(d.Text))
		if xerr != nil {
			res.Failed++
			continue
		}
		res.Claims += len(x.Claims)
	}
	res.Elapsed = time.Since(start)
	res.Allocated = allocated() - allocBefore
	res.PeakHeap = stop()
	res.PeakRSS, _ = PeakRSS()
	return res, err
}

// heapObjects and allocBytes are the runtime metrics the measurements read; reading them does
// not stop the world.
const (
	heapObjects = "/memory/classes/heap/objects:bytes"
	allocBytes  = "/gc/heap/allocs:bytes"
)

func readMetric(name string) uint64 {
	s := []metrics.Sample{{Name: name}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

func allocated() uint64 { return readMetric(allocBytes) }

// SampleHeap samples the bytes of live heap objects every interval until the returned stop
// function is called, which returns the highest sample (taking one last sample itself).
func SampleHeap(interval time.Duration) (stop func() uint64) {
	var mu sync.Mutex
	peak := readMetric(heapObjects)
	record := func() {
		v := readMetric(heapObjects)
		mu.Lock()
		peak = max(peak, v)
		mu.Unlock()
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				record()
			}
		}
	}()
	var once sync.Once
	return func() uint64 {
		once.Do(func() {
			close(done)
			<-finished
			record()
		})
		mu.Lock()
		defer mu.Unlock()
		return peak
	}
}
