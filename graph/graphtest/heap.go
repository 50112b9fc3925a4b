package graphtest

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"
)

// PeakHeap samples the heap every few milliseconds while work runs and returns how far it rose
// above what it was before, for benchmarks of memory that must not grow with a store's size.
// The collector runs at GOGC=5 meanwhile, so that the heap is what work holds and not garbage
// awaiting collection, which at the default GOGC may reach the size of everything else that is
// live (a whole embedded store).
func PeakHeap(work func()) (extra uint64) {
	defer debug.SetGCPercent(debug.SetGCPercent(5))
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	runtime.GC()
	base := read()
	peak := base
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			if h := read(); h > peak {
				peak = h
			}
			select {
			case <-done:
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	work()
	close(done)
	wg.Wait()
	return peak - base
}
