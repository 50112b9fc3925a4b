package main

import (
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/dyadgraph/dyad/loader/data"
)

// NOTICE names everything the binary carries under a licence of its own: every embedded data
// file, both models, and every module go.mod requires directly. A file or a dependency added
// without its notice fails here.
func TestNoticeNamesWhatTheBinaryCarries(t *testing.T) {
	notice, err := os.ReadFile("../../NOTICE")
	if err != nil {
		t.Fatal(err)
	}
	text := string(notice)
	var want []string
	tsv, err := fs.Glob(data.FS, "*.tsv")
	if err != nil || len(tsv) == 0 {
		t.Fatalf("the embedded data files: %v %v", tsv, err)
	}
	want = append(want, tsv...)
	want = append(want, "loader/syntax/model/parser.gz", "loader/events/model/claims.gz", "CC BY-SA 4.0")
	mod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	inRequire := false
	for _, line := range strings.Split(string(mod), "\n") {
		switch {
		case strings.HasPrefix(line, "require ("):
			inRequire = true
		case line == ")":
			inRequire = false
		case inRequire && !strings.Contains(line, "// indirect"):
			if f := strings.Fields(line); len(f) > 0 {
				want = append(want, f[0])
			}
		}
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("NOTICE does not name %s", w)
		}
	}
}
