//go:build unix

package bench

import (
	"runtime"
	"syscall"
)

// PeakRSS is the peak resident set size of this process in bytes, from getrusage(2), and
// whether it is known.
func PeakRSS() (int64, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	maxrss := int64(ru.Maxrss)
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		return maxrss, true // bytes
	}
	return maxrss * 1024, true // kilobytes elsewhere
}
