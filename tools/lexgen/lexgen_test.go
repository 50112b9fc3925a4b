package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestDerivedFilesAreCurrent regenerates the derived files and compares them with the ones
// committed in loader/data, so that a change to the converter or to the dictionaries shows up
// as a failing test rather than as silent drift.
func TestDerivedFilesAreCurrent(t *testing.T) {
	lex := filepath.Join("..", "..", "..", "shared", "lexicons")
	if _, err := os.Stat(filepath.Join(lex, "CAMEO.2.0.txt")); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI: the public dictionaries are missing at %s: %v", lex, err)
		}
		t.Skipf("the public dictionaries are not at %s (../shared/lexicons beside the checkout)", lex)
	}
	data := filepath.Join("..", "..", "loader", "data")
	out := t.TempDir()
	for _, f := range []string{"roles.tsv", "countries.tsv", "actors.tsv", "people-recent.tsv"} {
		b, err := os.ReadFile(filepath.Join(data, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(out, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := run(lex, out); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"cameo-verbs.tsv", "people.tsv", "agents.tsv", "places.tsv"} {
		want, err := os.ReadFile(filepath.Join(data, f))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(out, f))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("loader/data/%s is not what tools/lexgen derives now: run `go run ./tools/lexgen` and review the diff", f)
		}
	}
}

func TestParsePattern(t *testing.T) {
	syn := map[string][][]string{"&AID": {{"aid"}, {"humanitarian", "aid"}}}
	for _, c := range []struct {
		line    string
		ok      bool
		objects int
		prep    string
	}{
		{"- * &AID (TO +) [070] # GIVE", true, 2, "to"},
		{"- * SANCTIONS [163]", true, 1, ""},
		{"- * (WITH +) [040]", true, 0, "with"},
		{"- SANCTION * [163]", false, 0, ""},             // words before the verb
		{"- $ * (AS MEDIATOR) [045]", false, 0, ""},      // a source marker
		{"- * (IN BREACH) (OF LAW) [110]", false, 0, ""}, // nested phrases
	} {
		p, ok := parsePattern(c.line, syn)
		if ok != c.ok || ok && (len(p.objects) != c.objects || p.prep != c.prep) {
			t.Errorf("%q: got %+v %v", c.line, p, ok)
		}
	}
}

func TestAffiliationCodes(t *testing.T) {
	for code, want := range map[string]string{"GOV": "GOV", "GOVMIL": "GOV", "MIL": "MIL", "ELI": "", "OPPPTY": "OPP"} {
		if got := sectorOf(code); got != want {
			t.Errorf("sectorOf(%q) = %q, want %q", code, got, want)
		}
	}
	if got := isoDate("991231"); got != "1999-12-31" {
		t.Errorf("isoDate = %s", got)
	}
	if got := isoDate("080507"); got != "2008-05-07" {
		t.Errorf("isoDate = %s", got)
	}
}
