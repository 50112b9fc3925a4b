//go:build unix

package syntax

import "syscall"

// cpuSeconds returns the CPU time the process has used, user and system, so that a benchmark
// can report throughput per core on a machine other processes share.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
