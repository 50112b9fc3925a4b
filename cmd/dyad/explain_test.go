package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyadgraph/dyad/loader/events"
)

// A user asks why a claim was made: dyad explain shows the tree the frame read (the subject,
// the control verb's complement and its object), the mentions and the lexicon entries, and
// the claim, in the sentence it was made in; a sentence that holds no claim is not parsed.
func TestExplainShowsTheTreeAndTheClaim(t *testing.T) {
	r := dyad(t, runOpts{}, "explain", "--text", "Syria threatened to shell Turkish villages. The weather was fine.")
	wantCode(t, r, 0, "dyad explain --text")
	rows := map[string][]string{}
	for _, line := range strings.Split(r.stdout, "\n") {
		if f := strings.Split(line, "\t"); len(f) == 7 {
			rows[f[1]] = f
		}
	}
	for word, want := range map[string]string{
		// ID FORM TAG HEAD DEPREL ACTORS PREDICATE
		"Syria":      "1 Syria NNP 2 nsubj SYR _",
		"threatened": "2 threatened VBD 0 root _ THREATEN",
		"shell":      "4 shell VB 2 xcomp _ ASSAULT",
		"villages":   "6 villages NNS 4 obj TUR-CIV _",
		"weather":    "2 weather NN _ _ _ _",
	} {
		got := strings.Join(rows[word], " ")
		if !strings.HasPrefix(got, want) {
			t.Errorf("%s: row %q, want it to start %q\n%s", word, got, want, r.stdout)
		}
	}
	if !strings.Contains(r.stdout, "# claim: SYR THREATEN TUR-CIV") || !strings.Contains(r.stdout, "# sentence 2 (not parsed") {
		t.Errorf("want the claim under sentence 1 and sentence 2 unparsed:\n%s", r.stdout)
	}
}

// The JSONL form carries the same reading, one sentence a line, for tools (a plain-text file
// is a title line, then the text); a file that cannot
// be read is named and the others are still explained.
func TestExplainJSONLAndBadInput(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(good, []byte("Envoy summoned\n\nJapan summoned the Chinese ambassador on Monday."), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.txt")
	r := dyad(t, runOpts{}, "explain", "--format", "jsonl", missing, good)
	wantCode(t, r, 1, "dyad explain with a missing file")
	if !strings.Contains(r.stderr, "missing.txt") {
		t.Errorf("the error does not name the missing file:\n%s", r.stderr)
	}
	var x events.Explanation
	line, _, _ := strings.Cut(r.stdout, "\n")
	if err := json.Unmarshal([]byte(line), &x); err != nil {
		t.Fatalf("%v: %q", err, line)
	}
	if !x.Parsed || len(x.Words) != 8 || len(x.Claims) != 1 || x.Claims[0].Source != "JPN" || x.Claims[0].Target != "CHN-GOV" {
		t.Errorf("got %+v", x)
	}
	if r := dyad(t, runOpts{}, "explain"); r.code != 2 || !strings.Contains(r.stderr, "--text") {
		t.Errorf("no input: exit %d, stderr %q; want a usage error", r.code, r.stderr)
	}
}
