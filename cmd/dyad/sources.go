package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"iter"
	"runtime/debug"
	"strings"
	"time"

	"github.com/dyadgraph/dyad/loader"
	"github.com/dyadgraph/dyad/sources"
)

// sourceFlags tune the fetcher that reads web pages and feeds.
type sourceFlags struct {
	allowPrivate bool
	ignoreRobots bool
	timeout      time.Duration
	maxBytes     int64
	hostInterval time.Duration
}

func (s *sourceFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&s.allowPrivate, "allow-private", false, "let URLs (and the links in feeds) reach private, loopback and link-local addresses,\n"+
		"e.g. an intranet or a server on this machine; refused by default, so that a feed cannot make dyad fetch internal URLs")
	fs.BoolVar(&s.ignoreRobots, "ignore-robots", false, "fetch pages that the site's robots.txt disallows")
	fs.DurationVar(&s.timeout, "fetch-timeout", 30*time.Second, "how long one web request may take, body included")
	fs.Int64Var(&s.maxBytes, "max-page-bytes", 5<<20, "the largest page or feed fetched, in `bytes`")
	fs.DurationVar(&s.hostInterval, "host-interval", time.Second, "the least time between two requests to one host (robots.txt Crawl-delay and\n"+
		"Retry-After lengthen it)")
}

func (s *sourceFlags) fetcher() *sources.Fetcher {
	interval := s.hostInterval
	if interval == 0 {
		interval = -1 // none
	}
	return sources.NewFetcher(sources.FetchOptions{UserAgent: sources.UserAgent(dyadVersion()), Timeout: s.timeout,
		MaxBytes: s.maxBytes, HostInterval: interval, AllowPrivate: s.allowPrivate, IgnoreRobots: s.ignoreRobots})
}

// dyadVersion is the version dyad was built as: its module version, else its VCS revision.
func dyadVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			return s.Value[:12]
		}
	}
	return ""
}

// documents reads paths in order: URLs and page or feed files (see sources.IsSource) through
// package sources, the rest (text, JSONL, directories, standard input) through the loader. The
// fields a JSONL file carries and dyad ignores are told to note, once per file.
func documents(ctx context.Context, stdin io.Reader, f *sources.Fetcher, paths []string, note func(string)) iter.Seq2[loader.Document, error] {
	return func(yield func(loader.Document, error) bool) {
		web := &sources.Reader{Fetcher: f}
		for i := 0; i < len(paths); {
			j, isSource := i+1, paths[i] != "-" && sources.IsSource(paths[i])
			for j < len(paths) && (paths[j] != "-" && sources.IsSource(paths[j])) == isSource {
				j++
			}
			docs := loader.Documents(ctx, stdin, paths[i:j]...)
			if isSource {
				docs = web.Documents(ctx, paths[i:j]...)
			}
			for doc, err := range docs {
				if doc.Ignored != "" && note != nil {
					note(fmt.Sprintf("%s: note: dyad ignores the fields %s (it reads %s)",
						doc.File, doc.Ignored, strings.Join(loader.JSONLFields, ", ")))
				}
				if !yield(doc, err) {
					return
				}
			}
			i = j
		}
	}
}

// anySource reports whether a path is read by package sources.
func anySource(paths []string) bool {
	for _, p := range paths {
		if p != "-" && sources.IsSource(p) {
			return true
		}
	}
	return false
}
