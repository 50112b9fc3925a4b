// Package buildinfo says which dyad this is: the module version, the commit and the build time
// that the Go toolchain stamps into every binary (runtime/debug.ReadBuildInfo), for `dyad
// version`, the server's headers and the provenance that every export carries.
package buildinfo

import (
	"runtime/debug"
	"strings"
)

// Set by the linker where the toolchain records no VCS information (GOFLAGS=-buildvcs=false, a
// build outside a checkout): go build -ldflags "-X github.com/dyadgraph/dyad/buildinfo.version=v0.5.0
// -X github.com/dyadgraph/dyad/buildinfo.commit=$(git rev-parse HEAD) -X
// github.com/dyadgraph/dyad/buildinfo.date=$(date -u +%Y-%m-%dT%H:%M:%SZ)". The toolchain's own
// record wins where there is one.
var version, commit, date string

// Info describes the running binary.
type Info struct {
	Version  string // the module version ("v0.4.0"), or "(devel)" for a build from a checkout
	Commit   string // the VCS revision, or "" when the build did not record one
	Date     string // the commit's time, RFC 3339, or ""
	Modified bool   // the checkout had uncommitted changes
	Go       string // the Go version that built it
}

// Get reads the build information of the running binary.
func Get() Info {
	info := Info{Version: "(unknown)"}
	bi, ok := debug.ReadBuildInfo()
	if ok {
		info.Version, info.Go = bi.Main.Version, bi.GoVersion
	}
	if info.Version == "" || info.Version == "(devel)" {
		info.Version = "(devel)"
		if version != "" {
			info.Version = version
		}
	}
	info.Commit, info.Date = commit, date
	if !ok {
		return info
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			info.Commit = s.Value
		case "vcs.time":
			info.Date = s.Value
		case "vcs.modified":
			info.Modified = s.Value == "true"
		}
	}
	return info
}

// String is one line: "dyad v0.4.0 (commit 67a76c7d, 2026-12-07T22:00:00Z, modified; go1.26.8)".
func (i Info) String() string {
	var detail []string
	if i.Commit != "" {
		c := i.Commit
		if len(c) > 12 {
			c = c[:12]
		}
		detail = append(detail, "commit "+c)
	}
	if i.Date != "" {
		detail = append(detail, "dated "+i.Date)
	}
	if i.Modified {
		detail = append(detail, "with uncommitted changes")
	}
	if i.Go != "" {
		detail = append(detail, i.Go)
	}
	s := "dyad " + i.Version
	if len(detail) > 0 {
		s += " (" + strings.Join(detail, ", ") + ")"
	}
	return s
}

// Short is the version with the commit: "v0.4.0+67a76c7d0b1c", for headers and file metadata.
func (i Info) Short() string {
	s := i.Version
	if i.Commit != "" {
		c := i.Commit
		if len(c) > 12 {
			c = c[:12]
		}
		s += "+" + c
		if i.Modified {
			s += "-modified"
		}
	}
	return s
}
