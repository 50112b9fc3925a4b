package embedded

import (
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/graph/graphtest"
)

// storeFile writes a store of n articles and returns its directory and file contents.
func storeFile(t *testing.T, n int) (string, []byte) {
	t.Helper()
	dir := t.TempDir()
	s := openStore(t, dir)
	batch := make([]graph.Extraction, 0, 100)
	for i := range n {
		batch = append(batch, crashArticle(i))
		if len(batch) == cap(batch) || i == n-1 {
			if err := s.Save(context.Background(), batch); err != nil {
				t.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	return dir, data
}

// wantDamaged opens a store directory holding data and wants ErrDamaged with advice, not a
// crash and not a store.
func wantDamaged(t *testing.T, data []byte, what string) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, FileName), data, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Open(dir)
	if err == nil {
		s.Close()
		t.Fatalf("%s: Open succeeded, want ErrDamaged", what)
	}
	if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "restore it from a backup or delete it") ||
		!strings.Contains(err.Error(), FileName) || strings.Count(err.Error(), "\n") > 0 {
		t.Errorf("%s: Open: %v; want one line of ErrDamaged naming the file and what to do", what, err)
	}
}

// A damaged store file is one clear error: never a crash (SIGBUS, panic), never a new store.
func TestDamagedStoreIsOneClearError(t *testing.T) {
	_, data := storeFile(t, 3000)
	if len(data) < 1<<20 {
		t.Fatalf("the store is %d bytes; want over 1 MiB, past bbolt's first mapping", len(data))
	}
	wantDamaged(t, nil, "an empty file")
	wantDamaged(t, data[:len(data)/2], "a file cut to half")
	wantDamaged(t, data[:100], "a file of 100 bytes")
	wantDamaged(t, []byte(strings.Repeat("not a store ", 1000)), "a text file")

	// Every page header after the two meta pages overwritten.
	pageSize := os.Getpagesize()
	bad := append([]byte(nil), data...)
	for off := 2 * pageSize; off < len(bad); off += pageSize {
		copy(bad[off:], []byte("\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"))
	}
	wantDamaged(t, bad, "corrupt page headers")
}

// Random damage to the pages after the meta pages gives an error or a store, never a crash.
func TestRandomDamageNeverCrashes(t *testing.T) {
	_, data := storeFile(t, 500)
	pageSize := os.Getpagesize()
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 40 {
		bad := append([]byte(nil), data...)
		for range 1 + rng.IntN(20) {
			off := 2*pageSize + rng.IntN(len(bad)-2*pageSize)
			bad[off] = byte(rng.Uint32())
		}
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, FileName), bad, 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := Open(dir)
		if err != nil {
			if strings.Contains(err.Error(), "goroutine") {
				t.Errorf("round %d: the error holds a stack: %.300s", round, err)
			}
			continue
		}
		// A store that opened answers or fails; it does not crash.
		s.Stats(context.Background())
		s.Save(context.Background(), []graph.Extraction{crashArticle(100000 + round)})
		s.Close()
	}
}

// OpenReadOnly serves a store without writing to it: two may read at once, Save is refused,
// and the file is unchanged.
func TestOpenReadOnly(t *testing.T) {
	dir := t.TempDir()
	s := openStore(t, dir)
	if err := s.Save(context.Background(), graphtest.Fixture()); err != nil {
		t.Fatal(err)
	}
	want, _ := s.Stats(context.Background())
	s.Close()
	path := filepath.Join(dir, FileName)
	before, _ := os.ReadFile(path)
	info, _ := os.Stat(path)

	r1, err := OpenReadOnly(dir)
	if err != nil {
		t.Fatal(err)
	}
	r2, err := OpenReadOnly(dir)
	if err != nil {
		t.Fatalf("a second reader: %v", err)
	}
	if got, err := r2.Stats(context.Background()); err != nil || got != want {
		t.Errorf("read-only Stats = %+v, %v; want %+v", got, err, want)
	}
	if err := r1.Save(context.Background(), graphtest.Fixture()); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Save on a read-only store: %v, want ErrReadOnly", err)
	}
	r1.Close()
	r2.Close()
	after, _ := os.ReadFile(path)
	info2, _ := os.Stat(path)
	if string(before) != string(after) || !info.ModTime().Equal(info2.ModTime()) {
		t.Error("opening read-only changed the file")
	}

	empty := t.TempDir()
	if s, err := OpenReadOnly(empty); err == nil {
		s.Close()
		t.Error("OpenReadOnly of a directory without a store succeeded")
	}
	if entries, _ := os.ReadDir(empty); len(entries) != 0 {
		t.Errorf("OpenReadOnly created %v", entries)
	}
}
