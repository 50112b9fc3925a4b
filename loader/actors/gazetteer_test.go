package actors

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/dyadgraph/dyad/graph"
)

// builtin is the built-in gazetteer, loaded once for the package's tests.
var builtin = sync.OnceValues(func() (*Gazetteer, error) { return LoadGazetteer() })

func testGazetteer(t testing.TB) *Gazetteer {
	t.Helper()
	g, err := builtin()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestLoadGazetteerErrors(t *testing.T) {
	dir := t.TempDir()
	cases := []struct{ content, want string }{
		{"id\tkind\tname\tcountry\tqid\taliases\nx/y\tWIZARD\tX\t\t\t\n", "bad.tsv:2: actor x/y: unknown kind"},
		{"# c\niso3\tiso2\tname\taliases\tdemonyms\tcapital\tseats\tqid\nRU\tRU\tRussia\t\t\t\t\t\n", "bad.tsv:3: iso3 \"RU\""},
		{"pattern\ttype\tcameo\tflags\nscold\tSCOLD\t\t\n", "bad.tsv:2: pattern \"scold\": unknown type"},
		{"pattern\ttype\tcameo\tflags\nscold\tACCUSE\t190\t\n", "bad.tsv:2: pattern \"scold\": CAMEO code 190"},
		{"pattern\ttype\tcameo\tflags\nscold\tACCUSE\t\tloud\n", "bad.tsv:2: pattern \"scold\": unknown flag"},
		{"who\twhat\n", "bad.tsv:1: unknown header"},
		{"id\tkind\tname\tcountry\tqid\taliases\na\tIGO\tA\t\t\t\textra\n", "bad.tsv:2: 7 columns"},
		{"id\tkind\tname\tcountry\tqid\taliases\na\tIGO\tA\tXX\t\t\n", "bad.tsv:2: actor a: country \"XX\""},
	}
	for _, c := range cases {
		path := filepath.Join(dir, "bad.tsv")
		os.WriteFile(path, []byte(c.content), 0o644)
		_, err := LoadGazetteer(path)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want it to contain %q", c.content, err, c.want)
		}
	}
	if _, err := LoadGazetteer(filepath.Join(dir, "missing.tsv")); err == nil || !strings.Contains(err.Error(), "missing.tsv") {
		t.Errorf("missing file: %v", err)
	}
}

// TestLexicon checks that every PLOVER type has patterns in the built-in lexicon.
func TestLexicon(t *testing.T) {
	g := testGazetteer(t)
	have := map[graph.RelationType]int{}
	for _, e := range g.Lexicon.Entries {
		have[e.Type]++
	}
	for _, info := range graph.Types {
		if info.Type != graph.Affiliation && have[info.Type] == 0 {
			t.Errorf("no pattern for %s", info.Type)
		}
	}
}
