package loader

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// readAll reads paths as Documents does and returns the documents and the errors' texts.
func readAll(t *testing.T, paths ...string) ([]Document, []string) {
	t.Helper()
	var docs []Document
	var errs []string
	done := make(chan struct{})
	go func() {
		defer close(done)
		for d, err := range Documents(context.Background(), nil, paths...) {
			if err != nil {
				errs = append(errs, err.Error())
				continue
			}
			docs = append(docs, d)
		}
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatalf("reading %v did not end within 10 s", paths)
	}
	return docs, errs
}

// A named pipe or a device named as a path is refused at once: opening a pipe that has no
// writer would block for ever.
func TestOnlyRegularFilesAreRead(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	good := filepath.Join(dir, "good.txt")
	os.WriteFile(good, []byte("Title\nNorway sent aid to Ukraine."), 0o644)
	docs, errs := readAll(t, fifo, "/dev/zero", good)
	if len(docs) != 1 || len(errs) != 2 {
		t.Fatalf("got %d documents, errors %q; want the good file and two errors", len(docs), errs)
	}
	for i, want := range []string{fifo + ": not a regular file (a named pipe)", "/dev/zero: not a regular file (a character device)"} {
		if !strings.HasPrefix(errs[i], want) {
			t.Errorf("error %q, want it to start %q", errs[i], want)
		}
	}
}

// The README says binary files are refused: a NUL byte anywhere makes a file binary, not only
// in its first 8 KiB.
func TestNULAnywhereIsBinary(t *testing.T) {
	dir := t.TempDir()
	text := "Title\n" + strings.Repeat("Norway sent aid to Ukraine.\n", 1000) + "Egypt \x00hosted talks.\n"
	os.WriteFile(filepath.Join(dir, "late.txt"), []byte(text), 0o644)
	jsonl := strings.Repeat(`{"text":"Norway sent aid to Ukraine."}`+"\n", 300) + "{\"text\":\"x\x00y\"}\n" +
		`{"text":"Egypt hosted talks."}` + "\n"
	os.WriteFile(filepath.Join(dir, "late.jsonl"), []byte(jsonl), 0o644)

	docs, errs := readAll(t, filepath.Join(dir, "late.txt"))
	if len(docs) != 0 || len(errs) != 1 || !strings.Contains(errs[0], "late.txt:1002:7: binary file") {
		t.Errorf("text with a NUL at line 1002: %d documents, errors %q; want one binary error at 1002:7", len(docs), errs)
	}
	docs, errs = readAll(t, filepath.Join(dir, "late.jsonl"))
	if len(docs) != 300 || len(errs) != 1 || !strings.Contains(errs[0], "late.jsonl:301:") || !strings.Contains(errs[0], "binary file") {
		t.Errorf("JSONL with a NUL at line 301: %d documents, errors %q; want 300 and one binary error", len(docs), errs)
	}
}

// An article over MaxArticleBytes is reported with its place and skipped; the rest loads.
func TestArticleOverTheLimitIsRefused(t *testing.T) {
	dir := t.TempDir()
	big := strings.Repeat("Norway sent aid to Ukraine. ", MaxArticleBytes/28+10)
	os.WriteFile(filepath.Join(dir, "big.txt"), []byte("\nTitle\n"+big), 0o644)
	os.WriteFile(filepath.Join(dir, "feed.jsonl"), []byte(`{"text":"Egypt hosted talks."}`+"\n"+`{"text":"`+big+`"}`+"\n"+`{"text":"Qatar mediated."}`+"\n"), 0o644)
	docs, errs := readAll(t, filepath.Join(dir, "big.txt"), filepath.Join(dir, "feed.jsonl"))
	if len(docs) != 2 || len(errs) != 2 {
		t.Fatalf("got %d documents, errors %q; want 2 and 2", len(docs), errs)
	}
	for i, place := range []string{"big.txt:2: article too long", "feed.jsonl:2: article too long"} {
		if !strings.Contains(errs[i], place) || !strings.Contains(errs[i], "split it") {
			t.Errorf("error %q, want %q and advice", errs[i], place)
		}
	}
}

// Zero-width and bidi format characters at a sentence boundary do not join two sentences;
// inside a word they stay; offsets in code points do not move.
func TestFormatCharactersAtSentenceBoundaries(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Russia attacked Ukraine.\u200bNATO condemned Russia.", "Russia attacked Ukraine. NATO condemned Russia."},
		{"Russia attacked Ukraine.\u2067\u2069NATO condemned Russia.", "Russia attacked Ukraine.  NATO condemned Russia."},
		{"Iran warned Israel.\ufeff Egypt hosted talks.", "Iran warned Israel.  Egypt hosted talks."},
		{"Iran warned Israel\u200e. Egypt hosted talks.", "Iran warned Israel . Egypt hosted talks."},
		{"Iran warned Israel. \u200fEgypt hosted talks.", "Iran warned Israel.  Egypt hosted talks."},
		{"a soft\u00adhyphen stays", "a soft\u00adhyphen stays"},
		{"\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 stays", "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 stays"},
		{"no format characters", "no format characters"},
	} {
		got := spaceFormatBreaks(tc.in)
		if got != tc.want {
			t.Errorf("spaceFormatBreaks(%+q) = %+q, want %+q", tc.in, got, tc.want)
		}
		if len([]rune(got)) != len([]rune(tc.in)) {
			t.Errorf("spaceFormatBreaks(%+q) changed the number of code points", tc.in)
		}
	}
	// Read, the two sentences are two.
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "zw.txt"), []byte("Title\nRussia attacked Ukraine.\u200bNATO condemned Russia."), 0o644)
	docs, errs := readAll(t, filepath.Join(dir, "zw.txt"))
	if len(docs) != 1 || len(errs) != 0 {
		t.Fatalf("got %d documents, errors %q", len(docs), errs)
	}
	if got := Sentences(docs[0].Text); len(got) != 2 {
		t.Errorf("Sentences of the read text = %q, want two", got)
	}
}
