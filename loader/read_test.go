package loader

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/graph"
)

// docSummary is what the read tests compare of a Document.
type docSummary struct {
	File  string
	Line  int
	ID    string
	Title string
	Text  string
}

func summarize(d Document) docSummary {
	return docSummary{d.File, d.Line, d.ID, d.Title, d.Text}
}

// collect drains a document sequence.
func collect(seq iter.Seq2[Document, error]) (docs []Document, errs []error) {
	for d, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		docs = append(docs, d)
	}
	return docs, errs
}

// writeFiles creates files (name -> content) under dir; names may contain slashes.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestReadDocuments(t *testing.T) {
	body := "Canada pledged support for Ukraine on Tuesday.\n\nOttawa said more aid would follow."
	long := strings.Repeat("Norway sent aid to Ukraine. ", 35_000) // a line of about 1 MB, under MaxArticleBytes
	cases := []struct {
		name     string
		files    map[string]string
		paths    []string
		stdin    string
		want     []docSummary
		wantErrs []string
	}{
		{
			name:  "text file: first non-blank line is the title",
			files: map[string]string{"a.txt": "\n\n  Canada backs Ukraine  \n\n" + body + "\n\n"},
			paths: []string{"a.txt"},
			want:  []docSummary{{"a.txt", 3, graph.ContentID(body), "Canada backs Ukraine", body}},
		},
		{
			name:  "text file: byte order mark and CRLF",
			files: map[string]string{"crlf.txt": "\uFEFFTitle\r\n\r\n" + strings.ReplaceAll(body, "\n", "\r\n") + "\r\n"},
			paths: []string{"crlf.txt"},
			want:  []docSummary{{"crlf.txt", 1, graph.ContentID(body), "Title", body}},
		},
		{
			name: "jsonl: fields, missing id, blank lines, line numbers",
			files: map[string]string{"w.jsonl": `{"id":"a1","url":" https://example.org/a ","title":"T1","published":"2024-02-06","source":"Wire","text":"Iran backs the Houthis."}` + "\n\n" +
				`{"title":"T2","text":"  Russia invaded Ukraine.\n"}` + "\r\n" +
				`{"id":42,"text":"NATO warned Russia."}`},
			paths: []string{"w.jsonl"},
			want: []docSummary{
				{"w.jsonl", 1, "a1", "T1", "Iran backs the Houthis."},
				{"w.jsonl", 3, graph.ContentID("  Russia invaded Ukraine.\n"), "T2", "  Russia invaded Ukraine.\n"},
				{"w.jsonl", 4, "42", "", "NATO warned Russia."},
			},
		},
		{
			name:  "jsonl sniffed from content without an extension",
			files: map[string]string{"feed": "\n" + `{"id":"x","text":"Qatar mediated talks."}` + "\n"},
			paths: []string{"feed"},
			want:  []docSummary{{"feed", 2, "x", "", "Qatar mediated talks."}},
		},
		{
			name:  "jsonl: a very long line",
			files: map[string]string{"long.ndjson": `{"id":"long","text":"` + long + `"}`},
			paths: []string{"long.ndjson"},
			want:  []docSummary{{"long.ndjson", 1, "long", "", long}},
		},
		{
			name: "jsonl: malformed lines are reported and the rest load",
			files: map[string]string{"bad.jsonl": `{"id":"ok1","text":"Egypt hosted talks."}` + "\n" +
				`{"id":"broken","text":"no closing brace"` + "\n" +
				`{"id":"x", text: "unquoted key"}` + "\n" +
				`["not","an","object"]` + "\n" +
				`{"id":"t","text":7}` + "\n" +
				`{"id":"nt","title":"no text"}` + "\n" +
				`{"id":"empty","text":"  \n "}` + "\n" +
				`{"id":{"a":1},"text":"id is an object"}` + "\n" +
				`{"id":"ok2","text":"Israel and Hamas agreed to a pause."}`},
			paths: []string{"bad.jsonl"},
			want: []docSummary{
				{"bad.jsonl", 1, "ok1", "", "Egypt hosted talks."},
				{"bad.jsonl", 9, "ok2", "", "Israel and Hamas agreed to a pause."},
			},
			wantErrs: []string{
				"bad.jsonl:2:40: malformed JSONL: unexpected end of JSON input",
				"bad.jsonl:3:12: malformed JSONL: invalid character 't' looking for beginning of object key string",
				"bad.jsonl:4: malformed JSONL: want a JSON object, found array",
				`bad.jsonl:5: malformed JSONL: field "text": want a string, found number`,
				`bad.jsonl:6: malformed JSONL: no "text" field`,
				`bad.jsonl:7: empty article: "text" is empty`,
				`bad.jsonl:8: malformed JSONL: id: want a string or a number, found {"a":1}`,
			},
		},
		{
			name: "published dates: accepted layouts and an unreadable one",
			files: map[string]string{"dates.jsonl": `{"id":"d1","published":"2024-02-06T15:04:05+01:00","text":"a"}` + "\n" +
				`{"id":"d2","published":"Tue, 06 Feb 2024 15:04:05 GMT","text":"b"}` + "\n" +
				`{"id":"d3","published":"yesterday","text":"c"}` + "\n" +
				`{"id":"d4","published":1707231845,"text":"d"}`},
			paths: []string{"dates.jsonl"},
			want: []docSummary{
				{"dates.jsonl", 1, "d1", "", "a"},
				{"dates.jsonl", 2, "d2", "", "b"},
				{"dates.jsonl", 4, "d4", "", "d"},
			},
			wantErrs: []string{`dates.jsonl:3: unreadable published date "yesterday": use RFC 3339 (2024-02-06T15:04:05Z) or a date (2024-02-06)`},
		},
		{
			name: "invalid UTF-8 names line and byte column",
			files: map[string]string{
				"latin1.txt":   "Title\n\nThe caf\xe9 hosted the talks.\n",
				"latin1.jsonl": `{"id":"fine","text":"ok"}` + "\n" + `{"id":"bad","text":"Caf` + "\xe9" + `"}`,
			},
			paths: []string{"latin1.txt", "latin1.jsonl"},
			want:  []docSummary{{"latin1.jsonl", 1, "fine", "", "ok"}},
			wantErrs: []string{
				"latin1.txt:3:8: invalid UTF-8: byte 0xE9 (is the file in another encoding, such as Latin-1 or Windows-1252?)",
				"latin1.jsonl:2:24: invalid UTF-8: byte 0xE9 (is the file in another encoding, such as Latin-1 or Windows-1252?)",
			},
		},
		{
			name: "empty articles",
			files: map[string]string{
				"empty.txt":      "",
				"blank.txt":      " \n\n\t\n",
				"title-only.txt": "\nJust a headline\n\n",
			},
			paths: []string{"empty.txt", "blank.txt", "title-only.txt"},
			wantErrs: []string{
				"empty.txt: empty article: the file has no text",
				"blank.txt: empty article: the file has no text",
				"title-only.txt:2: empty article: a title line but no text after it",
			},
		},
		{
			name: "binary files",
			files: map[string]string{
				"file.bin":  "\x7fELF\x02\x01\x01\x00\x00\x00",
				"ctrl.txt":  strings.Repeat("\x01\x02\x03abc", 20),
				"utf16.txt": "\xff\xfeT\x00i\x00",
			},
			paths: []string{"file.bin", "ctrl.txt", "utf16.txt"},
			wantErrs: []string{
				"file.bin:1: binary file, not an article (contains NUL bytes)",
				"ctrl.txt:1: binary file, not an article (mostly control characters)",
				"utf16.txt:1: binary file, not an article (UTF-16 text; convert it to UTF-8)",
			},
		},
		{
			name:     "a JSON array is not JSONL",
			files:    map[string]string{"arr.json": `[{"id":"a","text":"b"}]`},
			paths:    []string{"arr.json"},
			wantErrs: []string{"arr.json: malformed JSONL: a JSON array; write one article object per line (JSONL)"},
		},
		{
			name:     "a missing path",
			paths:    []string{"nowhere.txt"},
			wantErrs: []string{"nowhere.txt: cannot read: no such file or directory"},
		},
		{
			name: "directory: recursive, sorted, hidden and documentation skipped, bad files reported",
			files: map[string]string{
				"dir/b.txt":             "B\nSecond.",
				"dir/a.txt":             "A\nFirst.",
				"dir/sub/c.jsonl":       `{"id":"c","text":"Third."}`,
				"dir/sub/zz":            "Z\nFourth, without an extension.",
				"dir/.hidden.txt":       "H\nHidden.",
				"dir/.git/config.txt":   "G\nIn a hidden directory.",
				"dir/README.md":         "# About these files",
				"dir/LICENSE":           "All rights reserved.",
				"dir/tools/score.py":    "#!/usr/bin/env python3\nprint('not an article')",
				"dir/sub/table.csv":     "a,b\n1,2",
				"dir/sub/photo.jpg":     "\xff\xd8\xff\xe0\x00\x10JFIF\x00",
				"dir/sub/deeper/d.text": "D\nFifth.",
			},
			paths: []string{"dir"},
			want: []docSummary{
				{"dir/a.txt", 1, graph.ContentID("First."), "A", "First."},
				{"dir/b.txt", 1, graph.ContentID("Second."), "B", "Second."},
				{"dir/sub/c.jsonl", 1, "c", "", "Third."},
				{"dir/sub/deeper/d.text", 1, graph.ContentID("Fifth."), "D", "Fifth."},
				{"dir/sub/zz", 1, graph.ContentID("Fourth, without an extension."), "Z", "Fourth, without an extension."},
			},
			wantErrs: []string{"dir/sub/photo.jpg:1: binary file, not an article (contains NUL bytes)"},
		},
		{
			name:  "stdin as JSONL between files",
			files: map[string]string{"x.txt": "X\nFrom a file."},
			paths: []string{"x.txt", "-"},
			stdin: `{"id":"s1","text":"From stdin."}` + "\n" + `{"id":"s2","text":` + "\n",
			want: []docSummary{
				{"x.txt", 1, graph.ContentID("From a file."), "X", "From a file."},
				{"-", 1, "s1", "", "From stdin."},
			},
			wantErrs: []string{"stdin:2:18: malformed JSONL: unexpected end of JSON input"},
		},
		{
			name:  "stdin as text",
			paths: []string{"-"},
			stdin: "Piped title\nPiped body.\n",
			want:  []docSummary{{"-", 1, graph.ContentID("Piped body."), "Piped title", "Piped body."}},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, tc.files)
			t.Chdir(dir)
			var paths []string
			for _, p := range tc.paths {
				paths = append(paths, filepath.FromSlash(p))
			}
			docs, errs := collect(Documents(context.Background(), strings.NewReader(tc.stdin), paths...))
			var got []docSummary
			for _, d := range docs {
				s := summarize(d)
				s.File = filepath.ToSlash(s.File)
				got = append(got, s)
			}
			if len(got) != len(tc.want) {
				t.Errorf("got %d documents, want %d", len(got), len(tc.want))
			}
			for i := range min(len(got), len(tc.want)) {
				g, w := got[i], tc.want[i]
				if len(g.Text) > 80 || len(w.Text) > 80 {
					if g.Text != w.Text {
						t.Errorf("document %d: text of %d bytes differs from the %d expected", i, len(g.Text), len(w.Text))
					}
					g.Text, w.Text = "", ""
				}
				if g != w {
					t.Errorf("document %d:\n got %+v\nwant %+v", i, g, w)
				}
			}
			var gotErrs []string
			for _, err := range errs {
				var ie *InputError
				if !errors.As(err, &ie) {
					t.Errorf("error %v is not an *InputError", err)
				}
				gotErrs = append(gotErrs, filepath.ToSlash(err.Error()))
			}
			if strings.Join(gotErrs, "\n") != strings.Join(tc.wantErrs, "\n") {
				t.Errorf("errors:\n got %q\nwant %q", gotErrs, tc.wantErrs)
			}
		})
	}
}

func TestReadErrorKinds(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"bin":        "\x00\x00",
		"utf8.txt":   "T\n\xc3(",
		"empty.txt":  "",
		"bad.jsonl":  "{\n",
		"date.jsonl": `{"text":"x","published":"soon"}`,
	})
	want := map[string]error{"bin": ErrBinary, "utf8.txt": ErrInvalidUTF8, "empty.txt": ErrEmpty,
		"bad.jsonl": ErrMalformed, "date.jsonl": ErrDate, "missing": ErrUnreadable}
	for name, kind := range want {
		_, errs := collect(Documents(context.Background(), nil, filepath.Join(dir, name)))
		if len(errs) != 1 || !errors.Is(errs[0], kind) {
			t.Errorf("%s: got %v, want one error that is %v", name, errs, kind)
		}
	}
}

func TestReadUnreadableFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "secret.txt")
	writeFiles(t, dir, map[string]string{"secret.txt": "T\nBody.", "open.txt": "O\nOpen body."})
	if err := os.Chmod(p, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(p, 0o644) })
	if f, err := os.Open(p); err == nil {
		f.Close()
		t.Skip("chmod 000 does not stop this user from reading (root?); the missing-path case covers ErrUnreadable")
	}
	docs, errs := collect(Documents(context.Background(), nil, dir))
	if len(docs) != 1 || docs[0].Title != "O" {
		t.Errorf("got documents %+v, want open.txt only", docs)
	}
	if len(errs) != 1 || errs[0].Error() != p+": cannot read: permission denied" {
		t.Errorf("got errors %v, want %q", errs, p+": cannot read: permission denied")
	}
}

func TestReadDanglingLink(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": "A\nBody."})
	if err := os.Symlink(filepath.Join(dir, "gone.txt"), filepath.Join(dir, "link.txt")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	docs, errs := collect(Documents(context.Background(), nil, dir))
	want := filepath.Join(dir, "link.txt") + ": cannot read: no such file or directory"
	if len(docs) != 1 || len(errs) != 1 || errs[0].Error() != want {
		t.Errorf("got %v and %v, want a.txt and %q", docs, errs, want)
	}
}

func TestReadLineTooLong(t *testing.T) {
	defer func(n int) { maxLineBytes = n }(maxLineBytes)
	maxLineBytes = 100
	in := `{"id":"a","text":"short"}` + "\n" + `{"id":"b","text":"` + strings.Repeat("x", 70_000) + `"}` + "\n" + `{"id":"c","text":"after"}`
	docs, errs := collect(Read(context.Background(), "big.jsonl", strings.NewReader(in)))
	if len(docs) != 2 || docs[0].ID != "a" || docs[1].ID != "c" || docs[1].Line != 3 {
		t.Errorf("got %+v, want documents a (line 1) and c (line 3)", docs)
	}
	if len(errs) != 1 || errs[0].Error() != "big.jsonl:2: line too long: over 100 bytes" {
		t.Errorf("got errors %v", errs)
	}
}

// TestReadTextTooLong reads text files over the limit, from a file and from a stream far longer
// than the limit: each is reported, and the next file still loads.
func TestReadTextTooLong(t *testing.T) {
	defer func(n int) { maxLineBytes = n }(maxLineBytes)
	maxLineBytes = 100
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a-big.txt":  "Title\n" + strings.Repeat("word ", 100),
		"b-fits.txt": "Title\n" + strings.Repeat("word ", 10),
	})
	docs, errs := collect(Documents(context.Background(), nil, dir))
	want := filepath.Join(dir, "a-big.txt") + ": line too long: a text article over 100 bytes"
	if len(docs) != 1 || docs[0].File != filepath.Join(dir, "b-fits.txt") || len(errs) != 1 || errs[0].Error() != want {
		t.Errorf("got %d documents and errors %v, want b-fits.txt and %q", len(docs), errs, want)
	}
	long := io.MultiReader(strings.NewReader("Title\n"), io.LimitReader(endlessWords{}, 1<<20))
	docs, errs = collect(Documents(context.Background(), long, "-"))
	if len(docs) != 0 || len(errs) != 1 || errs[0].Error() != "stdin: line too long: a text article over 100 bytes" {
		t.Errorf("long stdin: got %d documents and errors %v", len(docs), errs)
	}
}

// endlessWords is a stream of words without end.
type endlessWords struct{}

func (endlessWords) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = "word "[i%5]
	}
	return len(p), nil
}

// TestReadLinkToDirectory reads a directory through a symbolic link named on the command line,
// as a directory, and a link loop inside it without walking round it.
func TestReadLinkToDirectory(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"real/a.txt": "A\nBody.", "real/sub/b.txt": "B\nBody."})
	link := filepath.Join(dir, "link")
	if err := os.Symlink("real", link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	if err := os.Symlink("..", filepath.Join(dir, "real", "sub", "up")); err != nil {
		t.Fatal(err)
	}
	docs, errs := collect(Documents(context.Background(), nil, link))
	var files []string
	for _, d := range docs {
		files = append(files, d.File)
	}
	want := []string{filepath.Join(link, "a.txt"), filepath.Join(link, "sub", "b.txt")}
	if !slices.Equal(files, want) || len(errs) != 0 {
		t.Errorf("got files %q and errors %v, want %q", files, errs, want)
	}
}

func TestReadStopsEarly(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": "A\na", "b.txt": "B\nb", "c.jsonl": "{\"text\":\"c\"}\n{\"text\":\"d\"}"})
	n := 0
	for _, err := range Documents(context.Background(), nil, dir, dir) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 3 {
			break // the sequence must not call yield again
		}
	}
	if n != 3 {
		t.Errorf("read %d documents before stopping, want 3", n)
	}
}

func TestReadCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	docs, errs := collect(Documents(ctx, nil, "a.txt", "b.txt"))
	if len(docs) != 0 || len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
		t.Errorf("got %v and %v, want only context.Canceled", docs, errs)
	}
}

func TestReadNoStdin(t *testing.T) {
	_, errs := collect(Documents(context.Background(), nil, "-"))
	if len(errs) != 1 || errs[0].Error() != "stdin: cannot read: no standard input" {
		t.Errorf("got %v", errs)
	}
}

// failingReader fails after its content, as a broken pipe or disk would.
type failingReader struct{ r io.Reader }

func (f failingReader) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if err == io.EOF {
		return n, fmt.Errorf("device on fire")
	}
	return n, err
}

func TestReadIOError(t *testing.T) {
	docs, errs := collect(Read(context.Background(), "pipe.jsonl", failingReader{strings.NewReader(`{"text":"a"}` + "\n" + `{"text":"b"`)}))
	if len(docs) != 1 || len(errs) != 1 || errs[0].Error() != "pipe.jsonl:2: cannot read: device on fire" {
		t.Errorf("got %v and %v", docs, errs)
	}
}

func TestParsePublished(t *testing.T) {
	day := time.Date(2024, 2, 6, 0, 0, 0, 0, time.UTC)
	at := time.Date(2024, 2, 6, 15, 4, 5, 0, time.UTC)
	cases := map[string]time.Time{
		"":                                time.Time{},
		"  2024-02-06 ":                   day,
		"2024/02/06":                      day,
		"February 6, 2024":                day,
		"Feb 6, 2024":                     day,
		"6 February 2024":                 day,
		"2024-02-06T15:04:05Z":            at,
		"2024-02-06T15:04:05.250Z":        at.Add(250 * time.Millisecond),
		"2024-02-06T16:04:05+01:00":       at,
		"2024-02-06T15:04:05":             at,
		"2024-02-06 15:04:05":             at,
		"Tue, 06 Feb 2024 15:04:05 +0000": at,
		"Tue, 6 Feb 2024 15:04:05 +0000":  at,
		"Tue, 06 Feb 2024 15:04:05 GMT":   at,
	}
	for in, want := range cases {
		got, err := ParsePublished(in)
		if err != nil || !got.Equal(want) {
			t.Errorf("ParsePublished(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"yesterday", "2024-13-01", "06.02.2024x"} {
		if _, err := ParsePublished(bad); !errors.Is(err, ErrDate) {
			t.Errorf("ParsePublished(%q): got %v, want ErrDate", bad, err)
		}
	}
}

func TestReadPublishedNumbers(t *testing.T) {
	in := `{"text":"a","published":1707231845}` + "\n" + `{"text":"b","published":1707231845500}` + "\n" + `{"text":"c","published":-5}`
	docs, errs := collect(Read(context.Background(), "n.jsonl", strings.NewReader(in)))
	want := time.Date(2024, 2, 6, 15, 4, 5, 0, time.UTC)
	if len(docs) != 2 || !docs[0].Published.Equal(want) || !docs[1].Published.Equal(want.Add(500*time.Millisecond)) {
		t.Errorf("got %+v", docs)
	}
	if len(errs) != 1 || !errors.Is(errs[0], ErrDate) || !strings.HasPrefix(errs[0].Error(), "n.jsonl:3: ") {
		t.Errorf("got errors %v", errs)
	}
}

func TestJSONLAliasesAndIgnoredFieldsOncePerFile(t *testing.T) {
	in := `{"link":"https://a.example/1","outlet":"A","date":"2026-01-02","text":"one","extra":1,"lang":"en"}
{"url":"https://a.example/2","link":"https://a.example/other","source_url":"x","publisher":"P","text":"two","more":true}
{"source_url":"https://a.example/3","source":"S","outlet":"O","published":"2026-01-04","date":"2026-01-05","text":"three"}
`
	var docs []Document
	for d, err := range Read(context.Background(), "a.jsonl", strings.NewReader(in)) {
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	want := []struct{ url, source, date, ignored string }{
		{"https://a.example/1", "A", "2026-01-02", "extra, lang"},
		{"https://a.example/2", "P", "0001-01-01", ""}, // url before link; the note was given
		{"https://a.example/3", "S", "2026-01-04", ""}, // source before outlet, published before date
	}
	for i, w := range want {
		d := docs[i]
		if d.URL != w.url || d.Source != w.source || d.Published.Format("2006-01-02") != w.date || d.Ignored != w.ignored {
			t.Errorf("line %d: got url %q source %q date %s ignored %q; want %+v", i+1, d.URL, d.Source, d.Published.Format("2006-01-02"), d.Ignored, w)
		}
	}
}
