package buildinfo

import (
	"strings"
	"testing"
)

func TestLinkerValuesFillWhatTheToolchainDidNotRecord(t *testing.T) {
	version, commit, date = "v9.9.9", "0123456789abcdef0123", "2026-12-07T23:00:00Z"
	defer func() { version, commit, date = "", "", "" }()
	i := Get()
	// A test binary records no VCS information and a (devel) main module.
	if i.Version != "v9.9.9" || i.Commit != "0123456789abcdef0123" || i.Date != "2026-12-07T23:00:00Z" {
		t.Fatalf("Get() = %+v", i)
	}
	if s := i.String(); !strings.HasPrefix(s, "dyad v9.9.9 (commit 0123456789ab, dated 2026-12-07T23:00:00Z") {
		t.Errorf("String() = %q", s)
	}
	if s := i.Short(); s != "v9.9.9+0123456789ab" {
		t.Errorf("Short() = %q", s)
	}
}
