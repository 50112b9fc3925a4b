package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/graph/embedded"
)

// extractSamples runs dyad extract on the bundled samples and checks the output against the
// contract.
func extractSamples(t *testing.T) []contractLine {
	t.Helper()
	r := dyad(t, runOpts{}, "extract", samplesDir)
	wantCode(t, r, 0, "dyad extract loader/samples")
	return parseContract(t, r.stdout)
}

func TestLoadSamplesTwiceChangesNothing(t *testing.T) {
	docs := readDocuments(t, samplesDir)
	want := expectGraph(extractSamples(t))
	data := t.TempDir()

	first := dyad(t, runOpts{}, "load", "--data", data, samplesDir)
	wantCode(t, first, 0, "first load")
	if lines := strings.Count(first.stderr, "\n"); lines != 1 {
		t.Errorf("a clean load should print one summary line on stderr, printed %d:\n%s", lines, first.stderr)
	}
	if first.stdout != "" {
		t.Errorf("load printed on stdout: %q", first.stdout)
	}
	s := parseSummary(t, first.stderr)
	if s.articles != len(docs) || s.claims != want.claims || s.failed != 0 {
		t.Errorf("summary says %d articles, %d claims, %d failed; want %d, %d, 0", s.articles, s.claims, s.failed, len(docs), want.claims)
	}
	if s.newArticles != len(docs) || s.changed != 0 || s.unchanged != 0 {
		t.Errorf("a first load into an empty store says %d new, %d changed, %d unchanged; want %d new", s.newArticles, s.changed, s.unchanged, len(docs))
	}
	if s.where != "embedded store in "+data {
		t.Errorf("summary names the store %q, want %q", s.where, "embedded store in "+data)
	}

	stats := storeStats(t, data)
	wantStats := graph.Stats{Actors: len(want.actors), Articles: len(docs), Claims: want.claims, Relations: len(want.relations)}
	if stats != wantStats {
		t.Errorf("after the first load the store holds %+v; from dyad extract's output it should hold %+v", stats, wantStats)
	}

	second := dyad(t, runOpts{}, "load", "--data", data, samplesDir)
	wantCode(t, second, 0, "second load")
	if s2 := parseSummary(t, second.stderr); s2.articles != s.articles || s2.claims != s.claims {
		t.Errorf("second load summary %+v differs from the first %+v", s2, s)
	} else if !s2.nothing {
		t.Errorf("loading the same articles again should say \"nothing changed\": %q", second.stderr)
	}
	if again := storeStats(t, data); again != stats {
		t.Errorf("loading the samples again changed the store: %+v, then %+v", stats, again)
	}
}

// A reload tells new, changed and unchanged articles apart: an edited article is changed, an
// added one new, the others unchanged.
func TestReloadSaysWhatChanged(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"baltic-exercise.txt", "red-sea.txt", "wire.jsonl"} {
		b, err := os.ReadFile(filepath.Join(samplesDir, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data := t.TempDir()
	first := dyad(t, runOpts{}, "load", "--data", data, dir)
	wantCode(t, first, 0, "first load")
	n := parseSummary(t, first.stderr).articles

	// one wire article (ids given by the source) gets a new title, and a new article comes
	// beside them; a plain-text article's id is a hash of its text, so an edited one is new
	wire := filepath.Join(dir, "wire.jsonl")
	b, err := os.ReadFile(wire)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitN(string(b), "\n", 2)
	var record map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &record); err != nil {
		t.Fatal(err)
	}
	record["title"] = "A corrected headline"
	line, err := json.Marshal(record)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(wire, []byte(string(line)+"\n"+lines[1]), 0o644); err != nil {
		t.Fatal(err)
	}
	added := "Talks resume\n\nArmenia and Azerbaijan agreed to resume border talks on Monday.\n"
	if err := os.WriteFile(filepath.Join(dir, "talks.txt"), []byte(added), 0o644); err != nil {
		t.Fatal(err)
	}
	second := dyad(t, runOpts{}, "load", "--data", data, dir)
	wantCode(t, second, 0, "second load")
	s := parseSummary(t, second.stderr)
	if s.newArticles != 1 || s.changed != 1 || s.unchanged != n-1 {
		t.Errorf("after editing one article and adding one, the reload says %d new, %d changed, %d unchanged; want 1, 1, %d\n%s",
			s.newArticles, s.changed, s.unchanged, n-1, second.stderr)
	}
}

func TestLoadAndExtractReadStandardInput(t *testing.T) {
	wire := filepath.Join(samplesDir, "wire.jsonl")
	input, err := os.ReadFile(wire)
	if err != nil {
		t.Fatal(err)
	}
	docs := readDocuments(t, wire)

	t.Run("load -", func(t *testing.T) {
		data := t.TempDir()
		r := dyad(t, runOpts{stdin: bytes.NewReader(input)}, "load", "--data", data, "-")
		wantCode(t, r, 0, "dyad load -")
		if s := parseSummary(t, r.stderr); s.articles != len(docs) || s.failed != 0 {
			t.Errorf("summary %+v, want %d articles and no failure", s, len(docs))
		}
		fromStdin := storeStats(t, data)
		if fromStdin.Articles != len(docs) || fromStdin.Claims == 0 {
			t.Errorf("after loading stdin the store holds %+v, want %d articles with claims", fromStdin, len(docs))
		}
		// The same articles from the file are the same articles: nothing changes.
		wantCode(t, dyad(t, runOpts{}, "load", "--data", data, wire), 0, "dyad load wire.jsonl")
		if fromFile := storeStats(t, data); fromFile != fromStdin {
			t.Errorf("loading the file after stdin changed the store: %+v, then %+v", fromStdin, fromFile)
		}
	})

	t.Run("extract -", func(t *testing.T) {
		r := dyad(t, runOpts{stdin: bytes.NewReader(input)}, "extract", "-")
		wantCode(t, r, 0, "dyad extract -")
		fromFile := dyad(t, runOpts{}, "extract", wire)
		wantCode(t, fromFile, 0, "dyad extract wire.jsonl")
		if r.stdout != fromFile.stdout {
			t.Errorf("extract - and extract FILE differ on the same input:\n%s\n---\n%s", r.stdout, fromFile.stdout)
		}
		lines := parseContract(t, r.stdout)
		if len(lines) != len(docs) {
			t.Fatalf("%d output lines for %d articles", len(lines), len(docs))
		}
		for i, l := range lines {
			if *l.Article != docs[i].ID {
				t.Errorf("line %d is article %q, want %q (input order)", i+1, *l.Article, docs[i].ID)
			}
		}
	})

	t.Run("extract - with a malformed line", func(t *testing.T) {
		in := "{\"id\": \"s1\", \"text\": \"France pledged support for Ukraine on Monday.\"}\n" +
			"{\"id\": \"s2\", \"text\": \n" +
			"{\"id\": \"s3\", \"text\": \"Germany accused Russia of aggression.\"}\n"
		r := dyad(t, runOpts{stdin: strings.NewReader(in)}, "extract", "-")
		wantCode(t, r, 1, "dyad extract - with a bad line")
		if !regexp.MustCompile(`(?m)^stdin:2:(\d+:)? malformed JSONL`).MatchString(r.stderr) {
			t.Errorf("stderr does not report stdin:2 as malformed JSONL:\n%s", r.stderr)
		}
		var ids []string
		for _, l := range parseContract(t, r.stdout) {
			ids = append(ids, *l.Article)
		}
		if !slices.Equal(ids, []string{"s1", "s3"}) {
			t.Errorf("articles extracted %v, want [s1 s3]", ids)
		}
	})
}

// badInput writes a directory of articles good and bad and says what dyad should report.
type badInput struct {
	dir, missing string
	goodIDs      []string // the articles that must load
	wantErrors   []*regexp.Regexp
}

func writeBadInput(t *testing.T) badInput {
	t.Helper()
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	quote := regexp.QuoteMeta
	in := badInput{dir: dir, missing: filepath.Join(dir, "no-such-dir", "missing.txt")}

	goodText := "France pledged support for Ukraine on Monday. Germany accused Russia of aggression."
	write("good.txt", "France backs Ukraine\n\n"+goodText+"\n")
	in.goodIDs = append(in.goodIDs, graph.ContentID(goodText))

	write("good.jsonl", `{"id": "good-1", "title": "Iran and the Houthis", "published": "2024-01-12", "text": "Iran backs the Houthis. The United States imposed sanctions on Iran."}`+"\n"+
		`{"id": "good-2", "text": "Japan and South Korea agreed to share intelligence."}`+"\n")
	in.goodIDs = append(in.goodIDs, "good-1", "good-2")

	// A JSONL file bad in the middle: its good lines still load.
	mixed := write("mixed.jsonl", `{"id": "mixed-1", "text": "Poland urged Hungary to support the sanctions."}`+"\n"+
		`{"id": "mixed-2", "text": "Russia warned Estonia"`+"\n"+
		"\n"+
		`{"id": "mixed-4", "text": "NATO condemned the missile launch by North Korea."}`+"\n"+
		`{"id": "mixed-5", "text": "   "}`+"\n")
	in.goodIDs = append(in.goodIDs, "mixed-1", "mixed-4")
	in.wantErrors = append(in.wantErrors,
		regexp.MustCompile(`^`+quote(mixed)+`:2:(\d+:)? malformed JSONL`),
		regexp.MustCompile(`^`+quote(mixed)+`:5: empty article`))

	// Latin-1 on the third line, at byte column len("Turkey criticised the caf")+1.
	latin1 := write("latin1.txt", "A headline\n\nTurkey criticised the caf\xe9 owners in Ankara.\n")
	col := len("Turkey criticised the caf") + 1
	in.wantErrors = append(in.wantErrors, regexp.MustCompile(`^`+quote(latin1)+`:3:`+strconv.Itoa(col)+`: invalid UTF-8`))

	empty := write("empty.txt", "Only a headline, no story\n\n   \n")
	in.wantErrors = append(in.wantErrors, regexp.MustCompile(`^`+quote(empty)+`:1: empty article`))

	// A binary file is bad as a whole: there is no line to name.
	blob := write("image.bin", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"+strings.Repeat("\x00\x07\xff", 200))
	in.wantErrors = append(in.wantErrors, regexp.MustCompile(`^`+quote(blob)+`:1: binary file`))

	if os.Geteuid() != 0 { // root reads anything
		locked := write("locked.txt", "Locked\n\nChina warned Taiwan.\n")
		if err := os.Chmod(locked, 0); err != nil {
			t.Fatal(err)
		}
		in.wantErrors = append(in.wantErrors, regexp.MustCompile(`^`+quote(locked)+`: cannot read`))
	}
	in.wantErrors = append(in.wantErrors, regexp.MustCompile(`^`+quote(in.missing)+`: cannot read`))
	return in
}

// checkErrorLines checks that every line of stderr but the summaries is one expected error, and
// that each expected error is there once.
func checkErrorLines(t *testing.T, stderr string, want []*regexp.Regexp, summary *regexp.Regexp) {
	t.Helper()
	seen := make([]int, len(want))
	for _, line := range strings.Split(strings.TrimRight(stderr, "\n"), "\n") {
		if summary.MatchString(line) {
			continue
		}
		matched := false
		for i, re := range want {
			if re.MatchString(line) {
				seen[i]++
				matched = true
			}
		}
		if !matched {
			t.Errorf("unexpected stderr line: %s", line)
		}
	}
	for i, re := range want {
		if seen[i] != 1 {
			t.Errorf("stderr has %d lines matching %s, want 1:\n%s", seen[i], re, stderr)
		}
	}
}

func TestBadInputIsReportedAndTheRestLoads(t *testing.T) {
	in := writeBadInput(t)

	t.Run("load", func(t *testing.T) {
		data := t.TempDir()
		r := dyad(t, runOpts{}, "load", "--data", data, in.dir, in.missing)
		wantCode(t, r, 1, "load of bad input")
		checkErrorLines(t, r.stderr, in.wantErrors, loadSummary)
		s := parseSummary(t, r.stderr)
		if s.articles != len(in.goodIDs) || s.failed != len(in.wantErrors) {
			t.Errorf("summary says %d articles and %d failed, want %d and %d", s.articles, s.failed, len(in.goodIDs), len(in.wantErrors))
		}
		st, err := embedded.Open(data)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		ctx := context.Background()
		for _, id := range in.goodIDs {
			if _, err := st.Article(ctx, id); err != nil {
				t.Errorf("good article %s was not stored: %v", id, err)
			}
		}
		if stats, _ := st.Stats(ctx); stats.Articles != len(in.goodIDs) || stats.Claims == 0 {
			t.Errorf("store holds %+v, want the %d good articles and their claims", stats, len(in.goodIDs))
		}
	})

	t.Run("extract", func(t *testing.T) {
		r := dyad(t, runOpts{}, "extract", in.dir, in.missing)
		wantCode(t, r, 1, "extract of bad input")
		checkErrorLines(t, r.stderr, in.wantErrors, regexp.MustCompile(`^dyad extract: \d+ failed$`))
		var got []string
		for _, l := range parseContract(t, r.stdout) {
			got = append(got, *l.Article)
		}
		slices.Sort(got)
		want := slices.Sorted(slices.Values(in.goodIDs))
		if !slices.Equal(got, want) {
			t.Errorf("extracted articles %v, want %v", got, want)
		}
	})
}

// plover lists the relation types of the contract with the CAMEO roots each may carry (PLOVER's
// ASSAULT covers CAMEO's assault, fight and mass violence).
// plover gives each type the CAMEO roots PLOVER's CAMEO-to-PLOVER table puts under it (09
// INVESTIGATE under ACCUSE), and the appeals (02), which PLOVER drops and dyad files under
// REQUEST with their own code.
var plover = map[string][]string{
	"AGREE": {"03"}, "CONSULT": {"04"}, "SUPPORT": {"05"}, "COOPERATE": {"06"}, "AID": {"07"},
	"CONCEDE": {"08"}, "RETREAT": {"08"}, "REQUEST": {"10", "02"}, "ACCUSE": {"11", "09"}, "REJECT": {"12"},
	"THREATEN": {"13"}, "PROTEST": {"14"}, "MOBILIZE": {"15"}, "SANCTION": {"16"}, "COERCE": {"17"},
	"ASSAULT": {"18", "19", "20"},
}

var actorKinds = []string{"STATE", "GOVERNMENT", "MILITARY", "PERSON", "IGO", "NGO", "ARMED_GROUP", "PARTY", "MEDIA", "OTHER"}

var (
	cameoCode   = regexp.MustCompile(`^\d{2,4}$`)
	countryCode = regexp.MustCompile(`^[A-Z]{3}$`)
	wikidataID  = regexp.MustCompile(`^Q\d+$`)
)

func TestExtractFollowsTheContract(t *testing.T) {
	// Besides the samples, an article of our own whose text has characters outside ASCII before
	// its relations, so that offsets in bytes and in code points differ.
	dir := t.TempDir()
	unicodeArticle := filepath.Join(dir, "unicode.jsonl")
	if err := os.WriteFile(unicodeArticle, []byte(`{"id": "unicode-1", "title": "Außenpolitik — “Kyiv” talks", "text": "Zürich, São Paulo — “Grüße” aus Köln. Russia invaded Ukraine in February. NATO’s allies pledged support for Ukraine, and Iran accused Israel of sabotage."}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	paths := []string{samplesDir, unicodeArticle}
	docs := readDocuments(t, paths...)
	texts := map[string]string{}
	for _, d := range docs {
		texts[d.ID] = d.Text
	}

	args := append([]string{"extract"}, paths...)
	first := dyad(t, runOpts{}, args...)
	wantCode(t, first, 0, "dyad extract")
	lines := parseContract(t, first.stdout)
	if len(lines) != len(docs) {
		t.Fatalf("%d output lines for %d articles", len(lines), len(docs))
	}
	relations := 0
	for i, l := range lines {
		if *l.Article != docs[i].ID {
			t.Errorf("line %d is article %q, want %q (one line per article, in input order)", i+1, *l.Article, docs[i].ID)
		}
		runes := []rune(texts[*l.Article])
		for j, r := range *l.Relations {
			relations++
			where := fmt.Sprintf("article %s relation %d (%s %s %s)", *l.Article, j, *r.Source.ID, *r.Type, *r.Target.ID)
			for _, a := range []*contractActor{r.Source, r.Target} {
				if *a.ID == "" || *a.Name == "" || !slices.Contains(actorKinds, *a.Kind) {
					t.Errorf("%s: actor %+v lacks an id or a name, or has an unknown kind", where, *a)
				}
				if a.Country != "" && !countryCode.MatchString(a.Country) {
					t.Errorf("%s: actor %s country %q is not ISO 3166-1 alpha-3", where, *a.ID, a.Country)
				}
				if a.QID != "" && !wikidataID.MatchString(a.QID) {
					t.Errorf("%s: actor %s qid %q is not a Wikidata id", where, *a.ID, a.QID)
				}
			}
			if *r.Type == "AFFILIATION" {
				if r.Role == "" {
					t.Errorf("%s: AFFILIATION without a role", where)
				}
			} else if roots, ok := plover[*r.Type]; !ok {
				t.Errorf("%s: type %q is neither PLOVER nor AFFILIATION", where, *r.Type)
			} else if !cameoCode.MatchString(*r.CAMEO) || !slices.Contains(roots, (*r.CAMEO)[:2]) {
				t.Errorf("%s: CAMEO code %q does not belong to %s (roots %v)", where, *r.CAMEO, *r.Type, roots)
			}
			if strings.TrimSpace(*r.Predicate) == "" {
				t.Errorf("%s: empty predicate", where)
			}
			if *r.Confidence < 0 || *r.Confidence > 1 {
				t.Errorf("%s: confidence %v outside [0, 1]", where, *r.Confidence)
			}
			if *r.Start < 0 || *r.Start >= *r.End || *r.End > len(runes) {
				t.Errorf("%s: offsets [%d, %d) are not a non-empty span of the %d code points of the text", where, *r.Start, *r.End, len(runes))
				continue
			}
			if got := string(runes[*r.Start:*r.End]); got != *r.Sentence {
				t.Errorf("%s: text[%d:%d] in code points is %q, but the sentence is %q", where, *r.Start, *r.End, got, *r.Sentence)
			}
		}
	}
	if relations == 0 {
		t.Fatal("no relations extracted from the samples")
	}
	var unicodeLine contractLine
	for _, l := range lines {
		if *l.Article == "unicode-1" {
			unicodeLine = l
		}
	}
	if len(*unicodeLine.Relations) == 0 {
		t.Error("no relation extracted from the article with non-ASCII text; its offsets were not checked")
	}

	again := dyad(t, runOpts{}, args...)
	wantCode(t, again, 0, "second dyad extract")
	if again.stdout != first.stdout {
		t.Error("two runs of dyad extract on the same input printed different output")
	}

	t.Run("format text", func(t *testing.T) {
		r := dyad(t, runOpts{}, "extract", "--format", "text", samplesDir)
		wantCode(t, r, 0, "dyad extract --format text")
		out := r.stdout
		for _, l := range extractSamples(t) {
			if !regexp.MustCompile(`(?m)^# ` + regexp.QuoteMeta(*l.Article) + ` `).MatchString(out) {
				t.Errorf("no heading for article %s in:\n%s", *l.Article, out)
			}
			for _, rel := range *l.Relations {
				line := `(?m)^` + regexp.QuoteMeta(*rel.Source.Name) + ` +` + *rel.Type + ` +` + regexp.QuoteMeta(*rel.Target.Name) +
					` +` + regexp.QuoteMeta(strconv.FormatFloat(*rel.Confidence, 'f', 2, 64)) + ` ` + regexp.QuoteMeta(strconv.Quote(*rel.Predicate))
				if !regexp.MustCompile(line).MatchString(out) {
					t.Errorf("no text line for %s %s %s %q", *rel.Source.Name, *rel.Type, *rel.Target.Name, *rel.Predicate)
				}
			}
		}
	})
}

func TestServe(t *testing.T) {
	lines := extractSamples(t)
	want := expectGraph(lines)
	docs := readDocuments(t, samplesDir)
	const nato, estonia = "igo/nato", "EST"
	natoSupportsEstonia := triple{nato, "SUPPORT", estonia}
	if want.relations[natoSupportsEstonia] == 0 {
		t.Fatalf("the samples no longer yield NATO SUPPORT Estonia, which this test starts from")
	}
	houthis := ""
	for id, name := range want.actors {
		if name == "Houthis" {
			houthis = id
		}
	}
	if houthis == "" {
		t.Fatal("the samples no longer name the Houthis, which this test goes to")
	}

	data := t.TempDir()
	wantCode(t, dyad(t, runOpts{}, "load", "--data", data, samplesDir), 0, "dyad load")
	srv := startServe(t, "--data", data)

	t.Run("playground", func(t *testing.T) {
		resp, err := http.Get(srv.url + "/")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		page, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") ||
			!strings.Contains(strings.ToLower(string(page)), "<html") {
			t.Errorf("GET / = %d %s, want the playground's HTML page:\n%.300s", resp.StatusCode, resp.Header.Get("Content-Type"), page)
		}
	})

	t.Run("stats", func(t *testing.T) {
		var got struct{ Stats graph.Stats }
		srv.graphQL(t, `{ stats { actors articles claims relations } }`, nil, &got)
		wantStats := graph.Stats{Actors: len(want.actors), Articles: len(docs), Claims: want.claims, Relations: len(want.relations)}
		if got.Stats != wantStats {
			t.Errorf("stats %+v, want %+v", got.Stats, wantStats)
		}
	})

	t.Run("actors", func(t *testing.T) {
		var got struct {
			Actor  struct{ ID, Name, Kind string }
			Actors struct {
				TotalCount int
				Nodes      []struct{ ID string }
			}
		}
		srv.graphQL(t, `query($id: ID!) { actor(id: $id) { id name kind } actors(search: "nato", first: 5) { totalCount nodes { id } } }`,
			map[string]any{"id": nato}, &got)
		if got.Actor.ID != nato || got.Actor.Name != want.actors[nato] || got.Actor.Kind != "IGO" {
			t.Errorf("actor(%s) = %+v, want %s, an IGO", nato, got.Actor, want.actors[nato])
		}
		if len(got.Actors.Nodes) == 0 || got.Actors.Nodes[0].ID != nato {
			t.Errorf("actors(search: nato) = %+v, want NATO first", got.Actors)
		}
	})

	t.Run("relations", func(t *testing.T) {
		var got struct {
			Relations struct {
				TotalCount int
				Nodes      []struct {
					ID, Type string
					Count    int
					Source   struct{ ID string }
					Target   struct{ ID string }
				}
			}
		}
		srv.graphQL(t, `query($a: ID!) { relations(actor: $a, first: 1000) { totalCount nodes { id type count source { id } target { id } } } }`,
			map[string]any{"a": nato}, &got)
		wantRels := map[triple]int{}
		for k, n := range want.relations {
			if k.typ != "AFFILIATION" && (k.source == nato || k.target == nato) {
				wantRels[k] = n
			}
		}
		gotRels := map[triple]int{}
		for _, r := range got.Relations.Nodes {
			k := triple{r.Source.ID, r.Type, r.Target.ID}
			gotRels[k] = r.Count
			if r.ID != k.source+"|"+k.typ+"|"+k.target {
				t.Errorf("relation id %q, want SOURCE|TYPE|TARGET", r.ID)
			}
		}
		if fmt.Sprint(gotRels) != fmt.Sprint(wantRels) || got.Relations.TotalCount != len(wantRels) {
			t.Errorf("relations around NATO (total %d): %v\nwant %v", got.Relations.TotalCount, gotRels, wantRels)
		}
	})

	t.Run("evidence", func(t *testing.T) {
		var got struct {
			Relation struct {
				Count    int
				Evidence struct {
					Nodes []struct {
						Sentence   string
						Start, End int
						Article    struct{ ID, Title string }
					}
				}
			}
		}
		srv.graphQL(t, `query($id: ID!) { relation(id: $id) { count evidence(first: 100) { nodes { sentence start end article { id title } } } } }`,
			map[string]any{"id": nato + "|SUPPORT|" + estonia}, &got)
		titles := map[string]string{}
		for _, d := range docs {
			titles[d.ID] = d.Title
		}
		var sentences []string
		for _, c := range got.Relation.Evidence.Nodes {
			sentences = append(sentences, c.Sentence)
			if title, ok := titles[c.Article.ID]; !ok || title != c.Article.Title {
				t.Errorf("evidence article %+v is not a loaded sample (title %q)", c.Article, title)
			}
			if c.End-c.Start != utf8.RuneCountInString(c.Sentence) {
				t.Errorf("evidence offsets [%d, %d) do not span the %d code points of %q", c.Start, c.End, utf8.RuneCountInString(c.Sentence), c.Sentence)
			}
		}
		slices.Sort(sentences)
		wantSentences := slices.Sorted(slices.Values(want.evidence[natoSupportsEstonia]))
		if !slices.Equal(sentences, wantSentences) || got.Relation.Count != want.relations[natoSupportsEstonia] {
			t.Errorf("evidence of NATO SUPPORT Estonia: count %d, sentences %q\nwant count %d, sentences %q",
				got.Relation.Count, sentences, want.relations[natoSupportsEstonia], wantSentences)
		}
	})

	t.Run("neighborhood", func(t *testing.T) {
		const hops = 2
		var got struct {
			Neighborhood struct {
				Center struct{ ID string }
				Nodes  []struct {
					Actor    struct{ ID string }
					Distance int
				}
				Edges []struct {
					Type   string
					Source struct{ ID string }
					Target struct{ ID string }
				}
				Truncated bool
			}
		}
		srv.graphQL(t, `query($a: ID!, $h: Int) { neighborhood(actor: $a, hops: $h) { center { id } nodes { actor { id } distance } edges { type source { id } target { id } } truncated } }`,
			map[string]any{"a": nato, "h": hops}, &got)
		wantNodes := map[string]int{}
		for id := range want.actors {
			if d := want.distance(nato, id, false); d >= 0 && d <= hops {
				wantNodes[id] = d
			}
		}
		gotNodes := map[string]int{}
		for _, n := range got.Neighborhood.Nodes {
			gotNodes[n.Actor.ID] = n.Distance
		}
		if fmt.Sprint(gotNodes) != fmt.Sprint(wantNodes) {
			t.Errorf("neighborhood nodes (id:distance) %v\nwant %v", gotNodes, wantNodes)
		}
		var gotEdges, wantEdges []string
		for _, e := range got.Neighborhood.Edges {
			gotEdges = append(gotEdges, e.Source.ID+"|"+e.Type+"|"+e.Target.ID)
		}
		for k := range want.relations {
			_, s := wantNodes[k.source]
			_, d := wantNodes[k.target]
			if s && d && k.typ != "AFFILIATION" {
				wantEdges = append(wantEdges, k.source+"|"+k.typ+"|"+k.target)
			}
		}
		slices.Sort(gotEdges)
		slices.Sort(wantEdges)
		if !slices.Equal(gotEdges, wantEdges) || got.Neighborhood.Center.ID != nato || got.Neighborhood.Truncated {
			t.Errorf("neighborhood center %s truncated %v edges %v\nwant edges %v", got.Neighborhood.Center.ID, got.Neighborhood.Truncated, gotEdges, wantEdges)
		}
	})

	t.Run("shortestPath", func(t *testing.T) {
		var got struct {
			ShortestPath *struct {
				Length int
				Actors []struct{ ID string }
			}
		}
		srv.graphQL(t, `query($f: ID!, $t: ID!) { shortestPath(from: $f, to: $t, maxHops: 6) { length actors { id } } }`,
			map[string]any{"f": nato, "t": houthis}, &got)
		wantLen := want.distance(nato, houthis, false)
		if wantLen < 1 {
			t.Fatalf("the samples no longer join NATO to the Houthis")
		}
		p := got.ShortestPath
		if p == nil {
			t.Fatalf("no path from NATO to the Houthis; want one of length %d", wantLen)
		}
		if p.Length != wantLen || len(p.Actors) != wantLen+1 || p.Actors[0].ID != nato || p.Actors[len(p.Actors)-1].ID != houthis {
			t.Fatalf("path %+v, want length %d from %s to %s", *p, wantLen, nato, houthis)
		}
		for i := 1; i < len(p.Actors); i++ {
			if !slices.Contains(want.neighbours(p.Actors[i-1].ID, false), p.Actors[i].ID) {
				t.Errorf("path step %s -> %s is not a relation", p.Actors[i-1].ID, p.Actors[i].ID)
			}
		}
	})

	t.Run("export while serving", func(t *testing.T) {
		r := dyad(t, runOpts{}, "export", "--data", data, "--format", "events-csv")
		if r.code != 1 || !strings.Contains(r.stderr, "in use") || !strings.Contains(r.stderr, "dyad export --server URL") ||
			!strings.Contains(r.stderr, "GET URL/export") {
			t.Errorf("dyad export on a store dyad serve holds: exit status %d, want 1 and a pointer to the server:\n%s", r.code, r.stderr)
		}
		dir := t.TempDir()
		r = dyad(t, runOpts{}, "export", "--server", srv.url, "--format", "events-csv", "--since", "2024-01-01", "-o", filepath.Join(dir, "ev.csv"))
		wantCode(t, r, 0, "dyad export --server")
		got, err := os.ReadFile(filepath.Join(dir, "ev.csv"))
		if err != nil {
			t.Fatal(err)
		}
		resp, err := http.Get(srv.url + "/export?format=events-csv&since=2024-01-01")
		if err != nil {
			t.Fatal(err)
		}
		want, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if string(got) != string(want) || strings.Count(string(got), "\n") < 10 {
			t.Errorf("dyad export --server wrote %d bytes; GET /export gives %d", len(got), len(want))
		}
		var dp struct {
			Dyad      map[string]string
			Resources []struct{ Path string }
		}
		b, err := os.ReadFile(filepath.Join(dir, "ev.datapackage.json"))
		if err != nil || json.Unmarshal(b, &dp) != nil || len(dp.Resources) != 1 || dp.Resources[0].Path != "ev.csv" ||
			!strings.HasPrefix(dp.Dyad["store"], "embedded store in ") || !strings.Contains(dp.Dyad["selection"], "since=2024-01-01") {
			t.Errorf("the datapackage.json beside the export: %v\n%s", err, b)
		}
		r = dyad(t, runOpts{}, "export", "--server", srv.url, "--format", "neo4j-csv", "--actor", "UKR", "-o", dir+"/")
		wantCode(t, r, 0, "dyad export --server --format neo4j-csv")
		for _, name := range []string{"nodes.csv", "relationships.csv", "provenance.json"} {
			if st, err := os.Stat(filepath.Join(dir, name)); err != nil || st.Size() < 10 {
				t.Errorf("neo4j-csv through the server: %s: %v", name, err)
			}
		}
		r = dyad(t, runOpts{}, "export", "--server", srv.url, "--format", "json", "--actor", "XXX", "-o", filepath.Join(dir, "x.json"))
		if r.code != 1 || !strings.Contains(r.stderr, "404") {
			t.Errorf("an unknown actor through the server: exit status %d:\n%s", r.code, r.stderr)
		}
		if _, err := os.Stat(filepath.Join(dir, "x.json")); err == nil {
			t.Errorf("a refused export through the server left its file behind")
		}
	})

	t.Run("second load while serving", func(t *testing.T) {
		r := dyad(t, runOpts{}, "load", "--data", data, samplesDir)
		wantCode(t, r, 1, "dyad load on a store dyad serve holds")
		if !strings.Contains(r.stderr, "in use") || !strings.Contains(r.stderr, data) {
			t.Errorf("stderr does not say the store in %s is in use:\n%s", data, r.stderr)
		}
		if r.took > 10*time.Second {
			t.Errorf("the refused load took %s", r.took)
		}
	})

	code, took := srv.stop(t)
	if code != 0 {
		t.Errorf("dyad serve exited with %d after SIGTERM, want 0:\n%s", code, srv.stderr.String())
	}
	if took > 10*time.Second {
		t.Errorf("dyad serve took %s to exit after SIGTERM", took)
	}
	// The server is gone and the store is free again, with the same content.
	if stats := storeStats(t, data); stats.Articles != len(docs) {
		t.Errorf("after serve the store holds %+v", stats)
	}
}

// TestServeOnABusyPort runs dyad serve on a port another program holds: it must say so, name the
// address and the flag that changes it, and exit 1 without touching the store.
func TestServeOnABusyPort(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	addr := busy.Addr().String()
	data := filepath.Join(t.TempDir(), "data")
	r := dyad(t, runOpts{}, "serve", "--data", data, "--addr", addr)
	wantCode(t, r, 1, "dyad serve on a busy port")
	for _, want := range []string{"cannot listen on " + addr, "address already in use", "--addr"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr does not say %q:\n%s", want, r.stderr)
		}
	}
	if _, err := os.Stat(data); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the store in %s was created although the server could not start: %v", data, err)
	}
}

func TestHelpAndUsageErrors(t *testing.T) {
	for _, name := range []string{"load", "serve", "extract", "eval", "bench"} {
		r := dyad(t, runOpts{}, name, "--help")
		wantCode(t, r, 0, "dyad "+name+" --help")
		if !strings.Contains(r.stderr+r.stdout, "Usage: dyad "+name) {
			t.Errorf("dyad %s --help does not print its usage:\n%s", name, r.stderr)
		}
	}
	r := dyad(t, runOpts{}, "--help")
	wantCode(t, r, 0, "dyad --help")
	if !strings.Contains(r.stderr, "Usage: dyad COMMAND") {
		t.Errorf("dyad --help does not print the usage:\n%s", r.stderr)
	}

	for _, args := range [][]string{
		{},
		{"frobnicate"},
		{"load", "--no-such-flag", "x"},
		{"load"},
		{"serve", "extra"},
		{"extract", "--format", "xml", "x"},
		{"extract"},
		{"eval"},
		{"bench"},
		{"bench", "extract", "more"},
		{"load", "--batch", "many", "x"},
	} {
		r := dyad(t, runOpts{}, args...)
		if r.code != 2 {
			t.Errorf("dyad %s: exit status %d, want 2 (usage)\n%s", strings.Join(args, " "), r.code, r.stderr)
		}
		if strings.TrimSpace(r.stderr) == "" {
			t.Errorf("dyad %s: nothing on stderr says what is wrong", strings.Join(args, " "))
		}
	}
}

// ourGold is a small gold file written for these tests.
const ourGold = `{"id": "g1", "text": "France pledged support for Ukraine on Monday.", "events": [{"source": "FRA", "target": "UKR", "code": "SUPPORT"}]}
{"id": "g2", "text": "Iran accused Israel of sabotage at a nuclear site.", "events": [{"source": "IRN", "target": "ISR", "code": "ACCUSE"}]}
`

func TestEval(t *testing.T) {
	dir := t.TempDir()
	gold := filepath.Join(dir, "gold.jsonl")
	if err := os.WriteFile(gold, []byte(ourGold), 0o644); err != nil {
		t.Fatal(err)
	}

	t.Run("pred", func(t *testing.T) {
		// One right relation and one wrong one: half the precision and half the recall.
		pred := filepath.Join(dir, "pred.jsonl")
		if err := os.WriteFile(pred, []byte(
			`{"article": "g1", "relations": [{"source": {"id": "FRA", "name": "France", "kind": "STATE", "country": "FRA"}, "target": {"id": "UKR", "name": "Ukraine", "kind": "STATE", "country": "UKR"}, "type": "SUPPORT", "cameo": "050", "predicate": "pledged support for", "sentence": "France pledged support for Ukraine on Monday.", "start": 0, "end": 45, "confidence": 0.9, "negated": false}]}`+"\n"+
				`{"article": "g2", "relations": [{"source": {"id": "ISR", "name": "Israel", "kind": "STATE", "country": "ISR"}, "target": {"id": "IRN", "name": "Iran", "kind": "STATE", "country": "IRN"}, "type": "ASSAULT", "cameo": "190", "predicate": "sabotage", "sentence": "Iran accused Israel of sabotage at a nuclear site.", "start": 0, "end": 50, "confidence": 0.5, "negated": false}]}`+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		r := dyad(t, runOpts{}, "eval", "--pred", pred, gold)
		wantCode(t, r, 0, "dyad eval --pred")
		if !strings.Contains(r.stdout, "dyad+type P=0.500 R=0.500 F1=0.500 (tp=1 fp=1 fn=1)") {
			t.Errorf("dyad eval --pred printed:\n%s\nwant dyad+type P=0.500 R=0.500 F1=0.500 (tp=1 fp=1 fn=1)", r.stdout)
		}
	})

	t.Run("pred of extract equals eval", func(t *testing.T) {
		// Scoring dyad extract's output must give what eval gives extracting by itself.
		ex := dyad(t, runOpts{}, "extract", gold)
		wantCode(t, ex, 0, "dyad extract GOLD")
		pred := filepath.Join(dir, "extracted.jsonl")
		if err := os.WriteFile(pred, []byte(ex.stdout), 0o644); err != nil {
			t.Fatal(err)
		}
		direct := dyad(t, runOpts{}, "eval", gold)
		viaPred := dyad(t, runOpts{}, "eval", "--pred", pred, gold)
		wantCode(t, direct, 0, "dyad eval")
		wantCode(t, viaPred, 0, "dyad eval --pred")
		if !strings.Contains(direct.stdout, "dyad+type P=") || direct.stdout != viaPred.stdout {
			t.Errorf("dyad eval printed:\n%s\nand on extract's output:\n%s", direct.stdout, viaPred.stdout)
		}
	})

	t.Run("bad gold", func(t *testing.T) {
		bad := filepath.Join(dir, "bad-gold.jsonl")
		if err := os.WriteFile(bad, []byte(ourGold+"{\"id\": \"g3\", \"events\": \n"), 0o644); err != nil {
			t.Fatal(err)
		}
		r := dyad(t, runOpts{}, "eval", bad)
		wantCode(t, r, 1, "dyad eval on a malformed gold file")
		if !strings.Contains(r.stderr, bad+":3") {
			t.Errorf("the error does not name %s:3:\n%s", bad, r.stderr)
		}
	})

	t.Run("article", func(t *testing.T) {
		sample := filepath.Join(sharedEval, "sample-article.gold.jsonl")
		if _, err := os.Stat(sample); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("CI needs the shared evaluation data: %v", err)
			}
			t.Skipf("the shared evaluation data is absent (%v)", err)
		}
		r := dyad(t, runOpts{}, "eval", "--article", sample)
		wantCode(t, r, 0, "dyad eval --article")
		if !regexp.MustCompile(`(?m)^sample-article: core recall=\d\.\d\d \(\d+/\d+\) precision=\d\.\d\d`).MatchString(r.stdout) {
			t.Errorf("dyad eval --article printed no core recall line:\n%s", r.stdout)
		}
	})
}

func TestBenchExtract(t *testing.T) {
	r := dyad(t, runOpts{dir: repoRoot}, "bench", "extract", "--mb", "1")
	wantCode(t, r, 0, "dyad bench extract --mb 1")
	if !regexp.MustCompile(`(?m)^throughput\s+\d+(\.\d+)? MB/s`).MatchString(r.stdout) {
		t.Errorf("no throughput in MB/s in the table:\n%s", r.stdout)
	}
}

func TestInterruptWhileWaitingForStandardInput(t *testing.T) {
	// Ctrl-C during "dyad load -" whose input never ends (a terminal, or a pipe kept open) must
	// stop dyad at once.
	data := t.TempDir()
	cmd := exec.Command(dyadBin, "load", "--data", data, "-")
	cmd.Env = cleanEnv()
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	var stderr syncBuffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	defer func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			<-done
		}
	}()
	if _, err := io.WriteString(stdin, `{"id": "one", "text": "France pledged support for Ukraine."}`+"\n"); err != nil {
		t.Fatal(err)
	}
	// The store file appears once dyad has opened the store, after it set up its signal handling.
	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, err := os.Stat(filepath.Join(data, embedded.FileName)); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("dyad load did not open its store within 30s:\n%s", stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(100 * time.Millisecond) // let it block reading
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatalf("dyad load - still runs 10s after SIGINT, waiting for input:\n%s", stderr.String())
	}
	assertNoCrash(t, "load -", stderr.String())
	if code := cmd.ProcessState.ExitCode(); code != 1 {
		t.Errorf("exit status %d after SIGINT, want 1:\n%s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), "canceled") {
		t.Errorf("stderr does not say that the load was canceled:\n%s", stderr.String())
	}
	storeStats(t, data) // the store is released and opens
}

func TestExtraGazetteerAddsActors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	gaz := write("ours.tsv", "# actors of our own\nid\tkind\tname\tcountry\tqid\taliases\nngo/harbour-watch\tNGO\tHarbour Watch\t\t\tHarbour Watch Group\n")
	article := write("article.jsonl", `{"id": "harbour", "text": "Harbour Watch accused Russia of blocking grain shipments."}`+"\n")
	found := func(r result) bool {
		for _, l := range parseContract(t, r.stdout) {
			for _, rel := range *l.Relations {
				if *rel.Source.ID == "ngo/harbour-watch" && *rel.Source.Kind == "NGO" && *rel.Type == "ACCUSE" && *rel.Target.ID == "RUS" {
					return true
				}
			}
		}
		return false
	}

	without := dyad(t, runOpts{}, "extract", article)
	wantCode(t, without, 0, "dyad extract")
	if found(without) {
		t.Fatal("the built-in gazetteer already knows Harbour Watch; the test needs an actor it does not know")
	}
	with := dyad(t, runOpts{}, "extract", "--gazetteer", gaz, article)
	wantCode(t, with, 0, "dyad extract --gazetteer")
	if !found(with) {
		t.Errorf("with --gazetteer, no Harbour Watch ACCUSE Russia in:\n%s", with.stdout)
	}

	data := t.TempDir()
	wantCode(t, dyad(t, runOpts{}, "load", "--data", data, "--gazetteer", gaz, article), 0, "dyad load --gazetteer")
	st, err := embedded.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	a, err := st.Actor(context.Background(), "ngo/harbour-watch")
	st.Close()
	if err != nil || a.Name != "Harbour Watch" || a.Kind != graph.KindNGO {
		t.Errorf("stored actor ngo/harbour-watch = %+v, %v", a, err)
	}

	bad := write("bad.tsv", "id\tkind\tname\tcountry\tqid\taliases\nngo/x\tNOT_A_KIND\tX\t\t\t\n")
	r := dyad(t, runOpts{}, "extract", "--gazetteer", bad, article)
	wantCode(t, r, 1, "dyad extract with a bad gazetteer")
	if !strings.Contains(r.stderr, bad+":2:") {
		t.Errorf("the error does not name %s:2:\n%s", bad, r.stderr)
	}
}
