package main

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// smallCorpus copies the first lines of each corpus file into a temporary folder.
func smallCorpus(t *testing.T, lines int) string {
	t.Helper()
	files, _ := filepath.Glob("../../corpus/*.jsonl")
	if len(files) == 0 {
		t.Fatal("no corpus files in ../../corpus")
	}
	dir := t.TempDir()
	for _, f := range files {
		in, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		sc := bufio.NewScanner(in)
		sc.Buffer(nil, 1<<20)
		for n := 0; n < lines && sc.Scan(); n++ {
			b.WriteString(sc.Text() + "\n")
		}
		in.Close()
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// The trainer reproduces its model: the same corpus gives the same bytes.
func TestTrainingIsReproducible(t *testing.T) {
	corpus := smallCorpus(t, 40)
	var models [2][]byte
	for i := range models {
		out := filepath.Join(t.TempDir(), "claims.gz")
		if err := run(corpus, out, "", ""); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		models[i] = b
	}
	if !bytes.Equal(models[0], models[1]) {
		t.Error("two trainings on the same corpus wrote different model files")
	}
}

func TestReadCorpusNamesBadLines(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "bad.jsonl"), []byte("{\"id\": \"a\", \"text\": \"x\", \"events\": []}\nnot json\n"), 0o644)
	_, err := readCorpus(dir)
	if err == nil || !strings.Contains(err.Error(), "bad.jsonl:2") {
		t.Errorf("readCorpus error = %v, want one naming bad.jsonl:2", err)
	}
}
