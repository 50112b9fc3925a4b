package embedded

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/graph"
)

// crashChildEnv tells the test binary to run as the crash test's child, saving into the
// directory it names until it is killed.
const crashChildEnv = "DYAD_EMBEDDED_CRASH_CHILD_DIR"

const (
	crashArticlesPerSave = 40
	crashSaves           = 2000 // far more than the child gets through before it is killed
	crashActors          = 60
)

// crashArticle is article n of the crash test: between one and nine claims, so that a partly
// written article would show.
func crashArticle(n int) graph.Extraction {
	id := fmt.Sprintf("crash-%06d", n)
	x := graph.Extraction{Article: graph.Article{ID: id, Title: "Crash test article " + strconv.Itoa(n),
		Published: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(n) * time.Minute)}}
	actor := func(i int) string { return fmt.Sprintf("crash/%02d", i%crashActors) }
	for k := range 1 + n%9 {
		src, tgt := actor(n+k), actor(n+2*k+1)
		typ := graph.Types[(n+k)%16].Type
		x.Claims = append(x.Claims, graph.Claim{ArticleID: id, Source: src, Target: tgt, Type: typ,
			Predicate: "did " + string(typ), Start: 100 * k, End: 100*k + 90, Confidence: 0.5,
			Sentence: strings.Repeat(fmt.Sprintf("Sentence %d of article %d. ", k, n), 8),
			Time:     x.Article.Published})
		x.Actors = append(x.Actors, graph.Actor{ID: src, Name: src, Kind: graph.KindState},
			graph.Actor{ID: tgt, Name: tgt, Kind: graph.KindState})
	}
	return x
}

// crashChild saves batches of articles, after those already stored, and reports each Save on
// stdout as "saved N" with the number of articles stored, until it is killed.
func crashChild(dir string) int {
	s, err := Open(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	ctx := context.Background()
	stored, err := s.Stats(ctx)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	for range crashSaves {
		batch := make([]graph.Extraction, crashArticlesPerSave)
		for i := range batch {
			batch[i] = crashArticle(stored.Articles + i)
		}
		if err := s.Save(ctx, batch); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		stored.Articles += len(batch)
		fmt.Printf("saved %d\n", stored.Articles)
	}
	fmt.Fprintln(os.Stderr, "the child finished every Save before it was killed")
	return 1
}

// TestCrashLeavesWholeArticles kills a process with SIGKILL while it saves articles, and checks
// that the store opens with whole articles only, and with every Save the process reported.
// It does so three times on the same directory, each child going on from where the last stopped.
func TestCrashLeavesWholeArticles(t *testing.T) {
	if testing.Short() {
		t.Skip("runs child processes")
	}
	dir := t.TempDir()
	reported := 0
	for round := range 3 {
		// Kill at a different moment each round: after a few Saves, then a little later.
		afterSaves, delay := 3+round*2, time.Duration(round)*3*time.Millisecond
		reported = crashOnce(t, dir, round, afterSaves, delay, reported)
		checkWholeArticles(t, dir, reported)
	}
}

// crashOnce starts a child saving into dir, waits until it has reported afterSaves more Saves,
// checks that the store is locked against this process, then kills the child. It returns the
// number of articles the child last reported as saved.
func crashOnce(t *testing.T, dir string, round, afterSaves int, delay time.Duration, reported int) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+dir)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	progress := make(chan int)
	go func() {
		defer close(progress)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if n, ok := strings.CutPrefix(sc.Text(), "saved "); ok {
				if v, err := strconv.Atoi(n); err == nil {
					progress <- v
				}
			}
		}
	}()
	seen := 0
	timeout := time.After(2 * time.Minute)
	for seen < afterSaves {
		select {
		case n, ok := <-progress:
			if !ok {
				cmd.Wait()
				t.Fatalf("round %d: the child stopped before it was killed: %s", round, stderr.String())
			}
			reported = n
			seen++
		case <-timeout:
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("round %d: the child reported %d Saves in 2 minutes", round, seen)
		}
	}

	// Another process holds the store: Open must say so, not hang.
	old := lockTimeout
	lockTimeout = 150 * time.Millisecond
	s, err := Open(dir)
	lockTimeout = old
	if err == nil {
		s.Close()
		t.Errorf("round %d: Open succeeded while the child held the store", round)
	} else if !errors.Is(err, ErrInUse) {
		t.Errorf("round %d: Open while the child held the store: %v, want ErrInUse", round, err)
	}

	time.Sleep(delay)
	if err := cmd.Process.Kill(); err != nil { // SIGKILL
		t.Fatal(err)
	}
	// Take the reports that came before the kill.
	for n := range progress {
		reported = n
	}
	if err := cmd.Wait(); err == nil {
		t.Fatalf("round %d: the child exited cleanly; it should have been killed", round)
	}
	t.Logf("round %d: killed the child after it reported %d articles", round, reported)
	return reported
}

// checkWholeArticles opens the store and checks that each article holds exactly its claims,
// that no claim is without its article, and that the articles stored are 0..n-1 for an n at
// least as large as the child reported, in whole Saves.
func checkWholeArticles(t *testing.T, dir string, reported int) {
	t.Helper()
	s, err := Open(dir)
	if err != nil {
		t.Fatalf("after the kill the store does not open: %v", err)
	}
	defer s.Close()
	ix := inspect(t, s)
	n := len(ix.articles)
	if n < reported || n%crashArticlesPerSave != 0 {
		t.Errorf("after the kill %d articles are stored; the child reported %d, in Saves of %d",
			n, reported, crashArticlesPerSave)
	}
	t.Logf("after the kill: %d articles stored, %d reported", n, reported)
	claims := 0
	for i := range n {
		want := crashArticle(i)
		id := want.Article.ID
		if _, ok := ix.articles[id]; !ok {
			t.Errorf("article %q is missing, though %d articles are stored", id, n)
			continue
		}
		wantIDs := map[string]graph.Claim{}
		for _, c := range want.Claims {
			c.ID = graph.ClaimID(c)
			wantIDs[c.ID] = c
		}
		got := ix.articleClaims[id]
		if !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(maps.Keys(wantIDs))) {
			t.Errorf("article %q holds claims %v, want %v", id, got, slices.Sorted(maps.Keys(wantIDs)))
			continue
		}
		for _, cid := range got {
			if c := ix.claims[cid]; c.Sentence != wantIDs[cid].Sentence || !c.Time.Equal(wantIDs[cid].Time) {
				t.Errorf("claim %q of article %q is stored as %+v", cid, id, c)
			}
		}
		claims += len(got)
	}
	if len(ix.claims) != claims {
		t.Errorf("%d claims are stored, but the %d articles hold %d", len(ix.claims), n, claims)
	}
	indexed := 0
	for _, count := range ix.keys {
		indexed += count
	}
	if indexed != claims {
		t.Errorf("%d claims are indexed by relation key, but the %d articles hold %d", indexed, n, claims)
	}
	for cid, c := range ix.claims {
		if _, ok := ix.articles[c.ArticleID]; !ok {
			t.Errorf("claim %q belongs to article %q, which is not stored", cid, c.ArticleID)
		}
	}
	if st, err := s.Stats(context.Background()); err != nil || st.Articles != n || st.Claims != claims {
		t.Errorf("after the kill Stats = %+v, %v; want %d articles and %d claims", st, err, n, claims)
	}
}
