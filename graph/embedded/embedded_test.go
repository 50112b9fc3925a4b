package embedded

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/graph/graphtest"
)

func TestMain(m *testing.M) {
	// The crash test runs this binary again as the process it kills.
	if dir := os.Getenv(crashChildEnv); dir != "" {
		os.Exit(crashChild(dir))
	}
	os.Exit(m.Run())
}

func openStore(t testing.TB, dir string) *Store {
	t.Helper()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConformance(t *testing.T) {
	graphtest.Run(t, func(t *testing.T) graph.Store { return openStore(t, t.TempDir()) })
}

// everything is all that a store answers, for comparing a store before and after reopening.
type everything struct {
	Stats     graph.Stats
	Actors    []graph.Actor
	Articles  []graph.Article
	Relations []graph.Relation
	Evidence  map[graph.RelationKey]graph.EvidencePage
}

func answers(t *testing.T, s *Store) everything {
	t.Helper()
	ctx := context.Background()
	var all graph.RelationFilter
	for _, i := range graph.Types {
		all.Types = append(all.Types, i.Type)
	}
	var e everything
	var err error
	if e.Stats, err = s.Stats(ctx); err != nil {
		t.Fatal(err)
	}
	actors, err := s.Actors(ctx, graph.ActorQuery{Page: graph.Page{First: graph.MaxPageSize}})
	if err != nil {
		t.Fatal(err)
	}
	e.Actors = actors.Actors
	rels, err := s.Relations(ctx, graph.RelationQuery{Filter: all, Page: graph.Page{First: graph.MaxPageSize}})
	if err != nil {
		t.Fatal(err)
	}
	e.Relations = rels.Relations
	stored := inspect(t, s)
	var keys []graph.RelationKey
	for k := range stored.keys {
		keys = append(keys, k)
	}
	if e.Evidence, err = s.Evidence(ctx, keys, all, graph.Page{First: graph.MaxPageSize}); err != nil {
		t.Fatal(err)
	}
	for id := range stored.articles {
		a, err := s.Article(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		e.Articles = append(e.Articles, a)
	}
	return e
}

func TestReopenAnswersTheSame(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := openStore(t, dir)
	if err := s.Save(ctx, graphtest.Fixture()); err != nil {
		t.Fatal(err)
	}
	before := answers(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s = openStore(t, dir)
	defer s.Close()
	after := answers(t, s)
	if !reflect.DeepEqual(after.Stats, before.Stats) || !reflect.DeepEqual(after.Actors, before.Actors) ||
		!reflect.DeepEqual(after.Relations, before.Relations) || !reflect.DeepEqual(after.Evidence, before.Evidence) ||
		len(after.Articles) != len(before.Articles) {
		t.Errorf("after reopening the store answers\n%+v\nwant\n%+v", after, before)
	}
	if before.Stats.Claims == 0 || len(before.Evidence) == 0 {
		t.Fatalf("the fixture saved nothing: %+v", before.Stats)
	}

	// Replacing an article's claims after reopening is persisted too.
	x := graphtest.Fixture()[0]
	x.Claims = x.Claims[:1]
	if err := s.Save(ctx, []graph.Extraction{x}); err != nil {
		t.Fatal(err)
	}
	replaced := answers(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openStore(t, dir)
	defer s.Close()
	if again := answers(t, s); !reflect.DeepEqual(again.Stats, replaced.Stats) || !reflect.DeepEqual(again.Evidence, replaced.Evidence) {
		t.Errorf("after replacing and reopening: %+v, want %+v", again.Stats, replaced.Stats)
	}
	if got, want := replaced.Stats.Claims, before.Stats.Claims-len(graphtest.Fixture()[0].Claims)+1; got != want {
		t.Errorf("after replacing an article's claims with one: %d claims, want %d", got, want)
	}
}

func TestSecondOpenIsRefused(t *testing.T) {
	defer func(old time.Duration) { lockTimeout = old }(lockTimeout)
	lockTimeout = 100 * time.Millisecond
	dir := t.TempDir()
	s := openStore(t, dir)
	defer s.Close()
	// The lock is on the open file, so a second Open in this process is refused as another
	// process's would be; the crash test checks it across processes too.
	second, err := Open(dir)
	if err == nil {
		second.Close()
		t.Fatal("a second Open of a store in use succeeded")
	}
	if !errors.Is(err, ErrInUse) || !strings.Contains(err.Error(), "store is in use by another process") ||
		!strings.Contains(err.Error(), FileName) {
		t.Errorf("second Open: err = %v, want ErrInUse naming the file", err)
	}
	// Once the first is closed, the store opens again.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	third := openStore(t, dir)
	third.Close()
}

func TestOpenRejectsAFileOfAnotherKind(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(dir+"/"+FileName, []byte("not a database, just some text"), 0o644); err != nil {
		t.Fatal(err)
	}
	if s, err := Open(dir); err == nil {
		s.Close()
		t.Fatal("Open of a file that is not a database succeeded")
	} else if !strings.Contains(err.Error(), FileName) {
		t.Errorf("Open of a bad file: %v, want an error naming the file", err)
	}
}

func TestClosedStoreRefusesWork(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, t.TempDir())
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if err := s.Save(ctx, graphtest.Fixture()); !errors.Is(err, errClosed) {
		t.Errorf("Save after Close: %v", err)
	}
	if _, err := s.Stats(ctx); !errors.Is(err, errClosed) {
		t.Errorf("Stats after Close: %v", err)
	}
	if _, err := s.Actor(ctx, "UKR"); !errors.Is(err, errClosed) {
		t.Errorf("Actor after Close: %v", err)
	}
}

func TestCancelledContext(t *testing.T) {
	s := openStore(t, t.TempDir())
	defer s.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.Save(ctx, graphtest.Fixture()); !errors.Is(err, context.Canceled) {
		t.Errorf("Save with a cancelled context: %v", err)
	}
	if _, err := s.Neighborhood(ctx, "UKR", 2, graph.RelationFilter{}, 0); !errors.Is(err, context.Canceled) {
		t.Errorf("Neighborhood with a cancelled context: %v", err)
	}
}

// TestReadsDuringSaves runs queries while articles are saved; run it with -race.
func TestReadsDuringSaves(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, t.TempDir())
	defer s.Close()
	batch := graphtest.Generated(200, 7)
	var wg sync.WaitGroup
	done := make(chan struct{})
	for r := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				if _, err := s.Relations(ctx, graph.RelationQuery{}); err != nil {
					t.Error(err)
					return
				}
				if _, err := s.Actors(ctx, graph.ActorQuery{Search: "actor 1"}); err != nil {
					t.Error(err)
					return
				}
				id := batch[r].Claims[0].Source
				if _, err := s.Neighborhood(ctx, id, 2, graph.RelationFilter{}, 0); err != nil && !errors.Is(err, graph.ErrNotFound) {
					t.Error(err)
					return
				}
			}
		}()
	}
	for i := 0; i < len(batch); i += 10 {
		if err := s.Save(ctx, batch[i:i+10]); err != nil {
			t.Fatal(err)
		}
	}
	close(done)
	wg.Wait()
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 200 {
		t.Errorf("Stats after concurrent saves: %+v, want 200 articles", st)
	}
}

func BenchmarkStore(b *testing.B) {
	graphtest.Bench(b, func(b *testing.B) graph.Store { return openStore(b, b.TempDir()) })
}

// BenchmarkLarge measures a store of about a hundred thousand claims.
func BenchmarkLarge(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	s := openStore(b, dir)
	batch := graphtest.Generated(20000, 3)
	for i := 0; i < len(batch); i += 1000 {
		if err := s.Save(ctx, batch[i:min(i+1000, len(batch))]); err != nil {
			b.Fatal(err)
		}
	}
	st, err := s.Stats(ctx)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("large store: %+v", st)
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	info, err := os.Stat(dir + "/" + FileName)
	if err != nil {
		b.Fatal(err)
	}

	b.Run(fmt.Sprintf("Open/claims=%d", st.Claims), func(b *testing.B) {
		var heap uint64
		for b.Loop() {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			s := openStore(b, dir)
			runtime.GC()
			runtime.ReadMemStats(&after)
			heap = after.HeapAlloc - before.HeapAlloc
			s.Close()
		}
		b.ReportMetric(float64(info.Size())/(1<<20), "MB-file")
		b.ReportMetric(float64(heap)/(1<<20), "MB-heap")
	})

	s = openStore(b, dir)
	defer s.Close()
	busiest := batch[0].Claims[0].Source
	adjacency := inspect(b, s).adjacency
	for k := range adjacency {
		if adjacency[k] > adjacency[busiest] {
			busiest = k
		}
	}
	b.Run("Relations/all", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.Relations(ctx, graph.RelationQuery{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Relations/busiest-actor", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.Relations(ctx, graph.RelationQuery{Actor: busiest}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Neighborhood/busiest/hops=2", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.Neighborhood(ctx, busiest, 2, graph.RelationFilter{}, 0); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Actors/search", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.Actors(ctx, graph.ActorQuery{Search: "actor 12"}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// A file of the first layout, whose graph was read whole into memory, is refused with how to
// rebuild it, by Open and OpenReadOnly alike.
func TestOpenRefusesAnOldLayout(t *testing.T) {
	dir := t.TempDir()
	db, err := bolt.Open(filepath.Join(dir, FileName), 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, name := range []string{"meta", "actors", "articles", "claims", "article_claims"} {
			if _, err := tx.CreateBucket([]byte(name)); err != nil {
				return err
			}
		}
		return tx.Bucket([]byte("meta")).Put([]byte("version"), []byte("1"))
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	for name, open := range map[string]func(string) (*Store, error){"Open": Open, "OpenReadOnly": OpenReadOnly} {
		s, err := open(dir)
		if err == nil {
			s.Close()
			t.Fatalf("%s of a layout-1 store succeeded", name)
		}
		if msg := err.Error(); !strings.Contains(msg, `layout "1"`) || !strings.Contains(msg, "load the articles again") ||
			!strings.Contains(msg, FileName) {
			t.Errorf("%s of a layout-1 store: %v; want the layout, the file and how to rebuild it", name, err)
		}
	}
}

// The counters, aggregates and indexes that Saves keep agree with the records after saves that
// add, replace and move claims, including an article given twice in one batch.
func TestIndexesAgreeWithRecords(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, t.TempDir())
	defer s.Close()
	batch := graphtest.Generated(400, 13)
	for i := 0; i < len(batch); i += 50 {
		if err := s.Save(ctx, batch[i:i+50]); err != nil {
			t.Fatal(err)
		}
	}
	// Replace some articles' claims with fewer, move a claim from one article to another, and
	// give an article twice in one batch with different claims.
	var again []graph.Extraction
	for i := 0; i < len(batch); i += 7 {
		x := batch[i]
		x.Claims = x.Claims[:len(x.Claims)/2]
		again = append(again, x)
	}
	moved := batch[3].Claims[0]
	moved.ID = graph.ClaimID(moved)
	into := batch[5]
	moved.ArticleID = into.Article.ID
	into.Claims = append(append([]graph.Claim(nil), into.Claims...), moved)
	twice := batch[10]
	twice.Claims = append(append([]graph.Claim(nil), twice.Claims...), batch[11].Claims[0])
	twice.Claims[len(twice.Claims)-1].ArticleID = ""
	twice.Claims[len(twice.Claims)-1].ID = ""
	again = append(again, into, twice, batch[10])
	if err := s.Save(ctx, again); err != nil {
		t.Fatal(err)
	}

	stored := inspect(t, s)
	var claims []graph.Claim
	asserted := map[graph.RelationKey]bool{}
	for _, c := range stored.claims {
		claims = append(claims, c)
		if !c.Negated {
			asserted[graph.RelationKey{Source: c.Source, Type: c.Type, Target: c.Target}] = true
		}
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := (graph.Stats{Actors: st.Actors, Articles: len(stored.articles), Claims: len(claims), Relations: len(asserted)}); st != want {
		t.Errorf("Stats = %+v, the records hold %+v", st, want)
	}
	if st.Claims == len(graphtest.Generated(400, 13)) {
		t.Fatal("the replacements changed nothing")
	}
	var all graph.RelationFilter
	for _, i := range graph.Types {
		all.Types = append(all.Types, i.Type)
	}
	for _, f := range []graph.RelationFilter{{}, all, {MinConfidence: 0.5}} {
		want := graph.Aggregate(claims, f)
		var got []graph.Relation
		q := graph.RelationQuery{Filter: f, Page: graph.Page{First: 100}}
		for {
			page, err := s.Relations(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if page.Total != len(want) {
				t.Fatalf("filter %+v: Total %d, want %d", f, page.Total, len(want))
			}
			got = append(got, page.Relations...)
			if !page.HasNext {
				break
			}
			q.After = page.EndCursor
		}
		if !sameRelations(got, want) {
			t.Errorf("filter %+v: relations differ from graph.Aggregate over the records\n%s", f, firstDifference(got, want))
		}
		var scanned []graph.Relation
		if err := s.EachRelation(ctx, f, func(r graph.Relation) error { scanned = append(scanned, r); return nil }); err != nil {
			t.Fatal(err)
		}
		graph.SortRelations(scanned)
		if !sameRelations(scanned, want) {
			t.Errorf("filter %+v: EachRelation differs from graph.Aggregate over the records\n%s", f, firstDifference(scanned, want))
		}
	}
}

// TestKeysetWalksMatchTheOrder pages through the whole graph's relations (the order index and
// the one-claim entries, sought from each cursor) and its actors by name (the name index),
// forward and backward in small pages, and checks that the walk is exactly the sorted list.
func TestKeysetWalksMatchTheOrder(t *testing.T) {
	s := openStore(t, t.TempDir())
	ctx := context.Background()
	if err := s.Save(ctx, graphtest.Generated(150, 11)); err != nil {
		t.Fatal(err)
	}
	for _, f := range []graph.RelationFilter{{}, {Types: []graph.RelationType{graph.Assault, graph.Support}}} {
		all, err := s.Relations(ctx, graph.RelationQuery{Filter: f, Page: graph.Page{First: graph.MaxPageSize}})
		if err != nil {
			t.Fatal(err)
		}
		if all.HasNext || len(all.Relations) < 20 {
			t.Fatalf("want a whole list of a few dozen relations in one page, got %d (more: %v)", len(all.Relations), all.HasNext)
		}
		var want []string
		for _, r := range all.Relations {
			want = append(want, graph.RelationCursor(r))
		}
		for _, backward := range []bool{false, true} {
			var got []string
			cursor := ""
			for pages := 0; pages <= len(want); pages++ { // a walk that does not advance ends
				p := graph.Page{First: 7, After: cursor}
				if backward {
					p = graph.Page{Last: 7, Before: cursor}
				}
				page, err := s.Relations(ctx, graph.RelationQuery{Filter: f, Page: p})
				if err != nil {
					t.Fatal(err)
				}
				if page.Total != len(want) {
					t.Fatalf("total %d, want %d", page.Total, len(want))
				}
				var ids []string
				for _, r := range page.Relations {
					ids = append(ids, graph.RelationCursor(r))
				}
				more := page.HasNext
				if backward {
					got = append(ids, got...)
					more = page.HasPrev
					if len(page.Relations) > 0 {
						cursor = graph.RelationCursor(page.Relations[0])
					}
				} else {
					got = append(got, ids...)
					cursor = page.EndCursor
				}
				if !more || len(page.Relations) == 0 {
					break
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("filter %+v, backward %v: the walk gave %d relations, the whole list %d, or another order", f, backward, len(got), len(want))
			}
		}
	}
	all, err := s.Actors(ctx, graph.ActorQuery{Page: graph.Page{First: graph.MaxPageSize}})
	if err != nil {
		t.Fatal(err)
	}
	var got []graph.Actor
	for cursor, pages := "", 0; pages <= len(all.Actors); pages++ {
		page, err := s.Actors(ctx, graph.ActorQuery{Page: graph.Page{First: 6, After: cursor}})
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, page.Actors...)
		if !page.HasNext {
			break
		}
		if !page.HasPrev && cursor != "" {
			t.Errorf("a page after the first says nothing precedes it")
		}
		cursor = page.EndCursor
	}
	if len(got) != len(all.Actors) || !slices.EqualFunc(got, all.Actors, func(a, b graph.Actor) bool { return a.ID == b.ID }) {
		t.Errorf("walking actors by name gave %d actors, the whole list %d, or another order", len(got), len(all.Actors))
	}
}
