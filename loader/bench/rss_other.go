//go:build !unix

package bench

// PeakRSS is not known on this system.
func PeakRSS() (int64, bool) { return 0, false }
