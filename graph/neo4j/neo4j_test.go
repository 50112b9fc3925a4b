package neo4j

import (
	"context"
	"errors"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/graph/graphtest"
	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The tests need a running Neo4j whose database they may wipe: NEO4J_URI (and NEO4J_USER,
// NEO4J_PASSWORD, NEO4J_DATABASE when needed). Start one with
//
//	out="$(tools/neo4j.sh start /tmp/dyad-neo4j)" && eval "$out"
//
// Every test empties the database first, so they must not run in parallel against one
// database (none calls t.Parallel).

// options reads the connection from the environment. Without NEO4J_URI the test skips, except
// under CI=true, where a missing Neo4j is a failure.
func options(t testing.TB) Options {
	t.Helper()
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI requires NEO4J_URI: start Neo4j with tools/neo4j.sh")
		}
		t.Skip("NEO4J_URI is not set: start Neo4j with `eval \"$(tools/neo4j.sh start DIR)\"` to test the Neo4j store")
	}
	return Options{
		URI:      uri,
		User:     os.Getenv("NEO4J_USER"),
		Password: os.Getenv("NEO4J_PASSWORD"),
		Database: os.Getenv("NEO4J_DATABASE"),
	}
}

// openEmpty opens a store on an emptied database; it is closed when the test ends.
func openEmpty(t testing.TB, configure ...func(*Options)) *Store {
	t.Helper()
	o := options(t)
	for _, c := range configure {
		c(&o)
	}
	ctx := context.Background()
	s, err := Open(ctx, o)
	if err != nil {
		t.Fatalf("Open(%s): %v", o.URI, err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	if err := runAutoCommit(ctx, s, "MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS", nil); err != nil {
		t.Fatalf("emptying the database: %v", err)
	}
	return s
}

// runAutoCommit runs a query in an implicit transaction, as CALL { } IN TRANSACTIONS needs.
func runAutoCommit(ctx context.Context, s *Store, query string, params map[string]any) error {
	session := s.session(ctx, driver.AccessModeWrite)
	defer session.Close(ctx)
	res, err := session.Run(ctx, query, params)
	if err != nil {
		return err
	}
	_, err = res.Consume(ctx)
	return err
}

// records runs a read query and returns its records as maps.
func records(t testing.TB, s *Store, query string) []map[string]any {
	t.Helper()
	ctx := context.Background()
	recs, err := read(ctx, s, func(tx driver.ManagedTransaction) ([]*driver.Record, error) {
		return collect(ctx, tx, query, nil)
	})
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	out := make([]map[string]any, len(recs))
	for i, r := range recs {
		out[i] = r.AsMap()
	}
	return out
}

func TestConformance(t *testing.T) {
	options(t) // skip (or, under CI, fail) before the suite starts when there is no Neo4j
	graphtest.Run(t, func(t *testing.T) graph.Store { return openEmpty(t) })
}

// TestConformancePerArticleTransactions runs the suite with one transaction per article, the
// other end of Options.BatchSize.
func TestConformancePerArticleTransactions(t *testing.T) {
	options(t)
	graphtest.Run(t, func(t *testing.T) graph.Store {
		return openEmpty(t, func(o *Options) { o.BatchSize = 1 })
	})
}

// BenchmarkStore measures batched against per-article saves and 2-hop neighbourhoods; read the
// figures as ratios. Compare with go test -bench . ./graph/embedded.
func BenchmarkStore(b *testing.B) {
	options(b)
	graphtest.Bench(b, func(b *testing.B) graph.Store { return openEmpty(b) })
}

func TestOpenCreatesConstraintsAndIndexes(t *testing.T) {
	s := openEmpty(t)
	// A second Open on a database that has the schema must succeed and change nothing.
	again, err := Open(context.Background(), options(t))
	if err != nil {
		t.Fatalf("second Open: %v", err)
	}
	again.Close()

	unique := map[string]bool{}
	for _, c := range records(t, s, "SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties") {
		if strings.Contains(asString(c["type"]), "UNIQUENESS") {
			unique[strings.Join(asStrings(c["labelsOrTypes"]), ",")+"."+strings.Join(asStrings(c["properties"]), ",")] = true
		}
	}
	for _, want := range []string{"Actor.id", "Article.id", "Claim.id"} {
		if !unique[want] {
			t.Errorf("no uniqueness constraint on %s; have %v", want, unique)
		}
	}

	indexes := map[string]map[string]any{}
	for _, ix := range records(t, s, "SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, state") {
		indexes[asString(ix["name"])] = ix
	}
	ft, ok := indexes[FullTextIndex]
	if !ok {
		t.Fatalf("no index %s; have %v", FullTextIndex, indexes)
	}
	if asString(ft["type"]) != "FULLTEXT" || !slices.Equal(asStrings(ft["labelsOrTypes"]), []string{"Actor"}) {
		t.Errorf("%s: %v, want a FULLTEXT index on Actor", FullTextIndex, ft)
	}
	for _, p := range []string{"name", "aliasText"} {
		if !slices.Contains(asStrings(ft["properties"]), p) {
			t.Errorf("%s covers %v, want %s among them", FullTextIndex, ft["properties"], p)
		}
	}
	for name, ix := range indexes {
		if strings.HasPrefix(name, "dyad_") && asString(ix["state"]) != "ONLINE" {
			t.Errorf("index %s is %v after Open, want ONLINE", name, ix["state"])
		}
	}
	for _, prop := range []string{"article", "source", "target"} {
		found := false
		for _, ix := range indexes {
			if asString(ix["type"]) == "RANGE" && slices.Equal(asStrings(ix["labelsOrTypes"]), []string{"Claim"}) &&
				slices.Equal(asStrings(ix["properties"]), []string{prop}) {
				found = true
			}
		}
		if !found {
			t.Errorf("no range index on Claim.%s", prop)
		}
	}
}

// Text that would change a query if it were pasted into it rather than passed as a parameter.
const (
	evilID      = "x'}) DETACH DELETE n //"
	evilOtherID = "y\"}]->(m) MATCH (k) DETACH DELETE k RETURN 1 //`"
	evilArticle = "a`) DETACH DELETE n; // $id {id: 1}"
	evilText    = "'; MATCH (n) DETACH DELETE n; // \\' \" ` ]->() {x} $claims"
	evilLucene  = `name:(x* OR "y"~2) AND \ -[ ^ AND:`
)

func TestInjectionTextIsStoredVerbatimAndHarmsNothing(t *testing.T) {
	s := openEmpty(t)
	ctx := context.Background()
	day := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	guard := graph.Actor{ID: "guard", Name: "Guard", Kind: graph.KindState}
	evil := graph.Actor{ID: evilID, Name: evilID, Kind: graph.KindOther, Country: evilText,
		QID: evilArticle, Aliases: []string{evilLucene, evilText}}
	other := graph.Actor{ID: evilOtherID, Name: "Other " + evilText, Kind: graph.KindOther}
	article := graph.Article{ID: evilArticle, URL: evilText, Title: evilID, Source: evilLucene, Published: day}
	claims := []graph.Claim{
		{Source: evilID, Target: evilOtherID, Type: graph.Support, CAMEO: "05", Predicate: evilText,
			SourceText: evilID, TargetText: evilOtherID, Sentence: evilText, Start: 0, End: 10,
			Confidence: 0.5, Modality: graph.Asserted, Time: day, Extractor: evilLucene, ExtractorVers: evilArticle},
		{Source: "guard", Target: evilID, Type: graph.Assault, CAMEO: "19", Predicate: "struck",
			Sentence: "Guard struck.", Start: 11, End: 24, Confidence: 0.9, Time: day, Extractor: "rules"},
	}
	if err := s.Save(ctx, []graph.Extraction{{Article: article, Actors: []graph.Actor{guard, evil, other}, Claims: claims}}); err != nil {
		t.Fatalf("Save: %v", err)
	}
	want := graph.Stats{Actors: 3, Articles: 1, Claims: 2, Relations: 2}
	checkStats := func(when string) {
		t.Helper()
		got, err := s.Stats(ctx)
		if err != nil {
			t.Fatalf("%s: Stats: %v", when, err)
		}
		if got != want {
			t.Errorf("%s: Stats = %+v, want %+v", when, got, want)
		}
	}
	checkStats("after Save")

	gotActor, err := s.Actor(ctx, evilID)
	wantActor := evil
	slices.Sort(wantActor.Aliases)
	if err != nil || gotActor.ID != wantActor.ID || gotActor.Name != wantActor.Name || gotActor.Country != wantActor.Country ||
		gotActor.QID != wantActor.QID || !slices.Equal(gotActor.Aliases, wantActor.Aliases) {
		t.Errorf("Actor(%q) = %+v, %v; want %+v", evilID, gotActor, err, wantActor)
	}
	gotArticle, err := s.Article(ctx, evilArticle)
	if err != nil || gotArticle != article {
		t.Errorf("Article(%q) = %+v, %v; want %+v", evilArticle, gotArticle, err, article)
	}

	key := graph.RelationKey{Source: evilID, Type: graph.Support, Target: evilOtherID}
	rels, err := s.Relations(ctx, graph.RelationQuery{Source: evilID, Target: evilOtherID})
	if err != nil || len(rels.Relations) != 1 || rels.Relations[0].Key() != key {
		t.Errorf("Relations from %q = %+v, %v; want one %s", evilID, rels.Relations, err, key)
	}
	ev, err := s.Evidence(ctx, []graph.RelationKey{key}, graph.RelationFilter{}, graph.Page{})
	if err != nil || len(ev[key].Evidence) != 1 {
		t.Fatalf("Evidence(%s) = %+v, %v; want one claim", key, ev, err)
	}
	gotClaim, wantClaim := ev[key].Evidence[0].Claim, claims[0]
	wantClaim.ArticleID = evilArticle
	wantClaim.ID = graph.ClaimID(wantClaim)
	if gotClaim != wantClaim {
		t.Errorf("evidence claim = %+v, want %+v", gotClaim, wantClaim)
	}

	// Searches with query syntax in them are words, not Lucene or Cypher.
	for _, search := range []string{evilID, evilLucene, evilText, `\`, `"`, "*", "AND", "name:x"} {
		if _, err := s.Actors(ctx, graph.ActorQuery{Search: search}); err != nil {
			t.Errorf("Actors(search %q): %v", search, err)
		}
	}
	page, err := s.Actors(ctx, graph.ActorQuery{Search: evilLucene})
	if err != nil || page.Total != 1 || page.Actors[0].ID != evilID {
		t.Errorf("Actors(search %q) = %+v, %v; want the actor with that alias", evilLucene, page, err)
	}

	if _, err := s.Actors(ctx, graph.ActorQuery{Kind: graph.ActorKind(evilID)}); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("Actors of kind %q: %v, want ErrInvalid", evilID, err)
	}

	// A relation type is never taken from input: unknown ones are refused, not run.
	badType := graph.RelationType("SUPPORT]->(m) DETACH DELETE m //")
	if _, err := s.Relations(ctx, graph.RelationQuery{Filter: graph.RelationFilter{Types: []graph.RelationType{badType}}}); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("Relations with type %q: %v, want ErrInvalid", badType, err)
	}
	if _, err := s.Neighborhood(ctx, evilID, 2, graph.RelationFilter{Types: []graph.RelationType{badType}}, 0); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("Neighborhood with type %q: %v, want ErrInvalid", badType, err)
	}
	if _, err := s.Evidence(ctx, []graph.RelationKey{{Source: evilID, Type: badType, Target: evilOtherID}}, graph.RelationFilter{}, graph.Page{}); err != nil {
		t.Errorf("Evidence for type %q: %v", badType, err)
	}
	bad := graph.Extraction{Article: graph.Article{ID: "bad"}, Actors: []graph.Actor{guard},
		Claims: []graph.Claim{{Source: "guard", Target: "guard", Type: badType, Time: day}}}
	if err := s.Save(ctx, []graph.Extraction{bad}); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("Save of a claim of type %q: %v, want ErrInvalid", badType, err)
	}

	sub, err := s.Neighborhood(ctx, evilID, 3, graph.RelationFilter{}, 0)
	if err != nil || len(sub.Actors) != 3 || len(sub.Relations) != 2 {
		t.Errorf("Neighborhood(%q) = %+v, %v; want 3 actors and 2 relations", evilID, sub, err)
	}
	path, ok, err := s.ShortestPath(ctx, "guard", evilOtherID, 4, graph.RelationFilter{MinConfidence: 0.1})
	if err != nil || !ok || len(path.Actors) != 3 {
		t.Errorf("ShortestPath(guard, %q) = %+v, %v, %v; want 3 actors", evilOtherID, path, ok, err)
	}
	checkStats("after the reads")
}

// A batch larger than one transaction: an actor that a later transaction's article gives is
// written with the earlier article that names it, and a bad article anywhere rejects the batch.
func TestSaveSpansTransactions(t *testing.T) {
	s := openEmpty(t, func(o *Options) { o.BatchSize = 2 })
	ctx := context.Background()
	day := time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC)
	article := func(n int, actors []graph.Actor, claims ...graph.Claim) graph.Extraction {
		return graph.Extraction{Article: graph.Article{ID: "art-" + string(rune('a'+n)), Published: day}, Actors: actors, Claims: claims}
	}
	x := graph.Actor{ID: "x", Name: "Xland", Kind: graph.KindState}
	y1 := graph.Actor{ID: "y", Aliases: []string{"Why"}}
	y2 := graph.Actor{ID: "y", Name: "Yland", Kind: graph.KindState, Aliases: []string{"Ypsilon"}}
	support := graph.Claim{Source: "x", Target: "y", Type: graph.Support, Predicate: "backs", Confidence: 0.5, Time: day}
	batch := []graph.Extraction{
		article(0, []graph.Actor{x}, support), // y is given only in articles 2 and 4
		article(1, []graph.Actor{x}),
		article(2, []graph.Actor{y1}),
		article(3, nil),
		article(4, []graph.Actor{y2}, graph.Claim{Source: "y", Target: "x", Type: graph.Reject, Confidence: 0.8, Time: day}),
	}
	bad := append(slices.Clone(batch), article(5, nil, graph.Claim{Source: "x", Target: "nobody", Type: graph.Aid, Time: day}))
	if err := s.Save(ctx, bad); !errors.Is(err, graph.ErrInvalid) || !strings.Contains(err.Error(), `"nobody"`) {
		t.Fatalf("Save of a batch whose last article names an unknown actor: %v, want ErrInvalid naming it", err)
	}
	if st, err := s.Stats(ctx); err != nil || st != (graph.Stats{}) {
		t.Fatalf("Stats after a rejected batch = %+v, %v; want nothing stored", st, err)
	}
	if err := s.Save(ctx, batch); err != nil {
		t.Fatalf("Save: %v", err)
	}
	if st, err := s.Stats(ctx); err != nil || st != (graph.Stats{Actors: 2, Articles: 5, Claims: 2, Relations: 2}) {
		t.Errorf("Stats = %+v, %v; want 2 actors, 5 articles, 2 claims, 2 relations", st, err)
	}
	got, err := s.Actor(ctx, "y")
	if want := []string{"Why", "Ypsilon"}; err != nil || got.Name != "Yland" || got.Kind != graph.KindState || !slices.Equal(got.Aliases, want) {
		t.Errorf("Actor(y) = %+v, %v; want Yland, STATE, aliases %v", got, err, want)
	}
}

// Concurrent saves that touch one dyad and one actor leave exact counts and every alias: each
// write locks the actors it merges and the dyads it recomputes (rather than incrementing them).
func TestConcurrentSavesOfOneDyad(t *testing.T) {
	s := openEmpty(t)
	ctx := context.Background()
	day := time.Date(2024, 8, 1, 0, 0, 0, 0, time.UTC)
	const writers, each = 6, 5
	seed := graph.Extraction{Article: graph.Article{ID: "seed"}, Actors: []graph.Actor{
		{ID: "a", Name: "A", Kind: graph.KindState}, {ID: "b", Name: "B", Kind: graph.KindState}}}
	if err := s.Save(ctx, []graph.Extraction{seed}); err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, writers)
	for w := range writers {
		go func() {
			var err error
			for i := range each {
				n := strconv.Itoa(w*each + i)
				// A claim between stored actors that no one gives again: only the locks a write
				// takes on the dyad's actors order these writers.
				err = errors.Join(err, s.Save(ctx, []graph.Extraction{{
					Article: graph.Article{ID: "claim-" + n, Published: day},
					Claims: []graph.Claim{{Source: "a", Target: "b", Type: graph.Support, Confidence: 0.1,
						Time: day.Add(time.Duration(w*each+i) * time.Hour)}},
				}}))
				// An alias, merged into the stored actor.
				err = errors.Join(err, s.Save(ctx, []graph.Extraction{{
					Article: graph.Article{ID: "alias-" + n, Published: day},
					Actors:  []graph.Actor{{ID: "a", Aliases: []string{"alias " + n}}},
				}}))
			}
			errs <- err
		}()
	}
	for range writers {
		if err := <-errs; err != nil {
			t.Fatalf("Save: %v", err)
		}
	}
	page, err := s.Relations(ctx, graph.RelationQuery{Source: "a"})
	if err != nil || len(page.Relations) != 1 {
		t.Fatalf("Relations from a = %+v, %v; want one", page.Relations, err)
	}
	r := page.Relations[0]
	if r.Count != writers*each || !r.LastSeen.Equal(day.Add((writers*each-1)*time.Hour)) || !r.FirstSeen.Equal(day) {
		t.Errorf("a SUPPORT b = count %d, first %s, last %s; want %d claims over %d hours", r.Count, r.FirstSeen, r.LastSeen, writers*each, writers*each-1)
	}
	a, err := s.Actor(ctx, "a")
	if err != nil || len(a.Aliases) != writers*each {
		t.Errorf("Actor(a) has %d aliases (%v), want %d", len(a.Aliases), err, writers*each)
	}
}

// Neo4j compares strings by UTF-16 code units; the store must order as Go does, byte by byte,
// where U+FF21 (three bytes) comes before U+1F600 (four bytes, a surrogate pair in UTF-16).
func TestOrderIsByteOrderBeyondTheBMP(t *testing.T) {
	s := openEmpty(t)
	ctx := context.Background()
	const high, astral = "x\uFF21", "x\U0001F600" // Go: high < astral; UTF-16: astral < high
	day := time.Date(2024, 9, 1, 0, 0, 0, 0, time.UTC)
	actors := []graph.Actor{
		{ID: astral, Name: astral, Kind: graph.KindOther},
		{ID: high, Name: high, Kind: graph.KindOther},
		{ID: "hub", Name: "Hub", Kind: graph.KindOther},
	}
	claims := []graph.Claim{
		{ID: "e" + astral, Source: "hub", Target: high, Type: graph.Support, Confidence: 0.5, Time: day},
		{ID: "e" + high, Source: "hub", Target: high, Type: graph.Support, Confidence: 0.5, Time: day, Start: 1},
		{ID: "f" + astral, Source: "hub", Target: astral, Type: graph.Support, Confidence: 0.5, Time: day},
		{ID: "f" + high, Source: "hub", Target: astral, Type: graph.Support, Confidence: 0.5, Time: day, Start: 1},
	}
	if err := s.Save(ctx, []graph.Extraction{{Article: graph.Article{ID: "order"}, Actors: actors, Claims: claims}}); err != nil {
		t.Fatalf("Save: %v", err)
	}
	page, err := s.Actors(ctx, graph.ActorQuery{Search: "x"})
	if got := actorIDsOf(page.Actors); err != nil || !slices.Equal(got, []string{high, astral}) {
		t.Errorf("Actors(search x) = %q, %v; want %q", got, err, []string{high, astral})
	}
	rels, err := s.Relations(ctx, graph.RelationQuery{Source: "hub", Filter: graph.RelationFilter{MinConfidence: 0.1}})
	var targets []string
	for _, r := range rels.Relations {
		targets = append(targets, r.Target)
	}
	if err != nil || !slices.Equal(targets, []string{high, astral}) {
		t.Errorf("Relations from hub (over claims) lead to %q, %v; want %q", targets, err, []string{high, astral})
	}
	rels, err = s.Relations(ctx, graph.RelationQuery{Source: "hub"})
	targets = nil
	for _, r := range rels.Relations {
		targets = append(targets, r.Target)
	}
	if err != nil || !slices.Equal(targets, []string{high, astral}) {
		t.Errorf("Relations from hub (derived) lead to %q, %v; want %q", targets, err, []string{high, astral})
	}
	key := graph.RelationKey{Source: "hub", Type: graph.Support, Target: high}
	ev, err := s.Evidence(ctx, []graph.RelationKey{key}, graph.RelationFilter{}, graph.Page{})
	var ids []string
	for _, e := range ev[key].Evidence {
		ids = append(ids, e.Claim.ID)
	}
	if want := []string{"e" + high, "e" + astral}; err != nil || !slices.Equal(ids, want) {
		t.Errorf("Evidence of %s = %q, %v; want %q", key, ids, err, want)
	}
}

func actorIDsOf(as []graph.Actor) []string {
	var ids []string
	for _, a := range as {
		ids = append(ids, a.ID)
	}
	return ids
}

// An article given twice in one batch ends as its later version, whether the two share a
// transaction or not.
func TestSaveArticleTwiceInOneBatch(t *testing.T) {
	day := time.Date(2024, 10, 1, 0, 0, 0, 0, time.UTC)
	actors := []graph.Actor{{ID: "p", Name: "P", Kind: graph.KindState}, {ID: "q", Name: "Q", Kind: graph.KindState}}
	claim := func(typ graph.RelationType) graph.Claim {
		return graph.Claim{Source: "p", Target: "q", Type: typ, Confidence: 0.5, Time: day}
	}
	first := graph.Extraction{Article: graph.Article{ID: "twice", Title: "first"}, Actors: actors,
		Claims: []graph.Claim{claim(graph.Support), claim(graph.Aid)}}
	other := graph.Extraction{Article: graph.Article{ID: "other"}, Claims: []graph.Claim{claim(graph.Reject)}}
	second := graph.Extraction{Article: graph.Article{ID: "twice", Title: "second"}, Claims: []graph.Claim{claim(graph.Assault)}}
	for _, size := range []int{1, 2, 100} {
		s := openEmpty(t, func(o *Options) { o.BatchSize = size })
		ctx := context.Background()
		if err := s.Save(ctx, []graph.Extraction{first, other, second}); err != nil {
			t.Fatalf("batch size %d: Save: %v", size, err)
		}
		page, err := s.Relations(ctx, graph.RelationQuery{})
		var types []graph.RelationType
		for _, r := range page.Relations {
			types = append(types, r.Type)
		}
		if want := []graph.RelationType{graph.Assault, graph.Reject}; err != nil || !slices.Equal(types, want) {
			t.Errorf("batch size %d: relations of types %v, %v; want %v", size, types, err, want)
		}
		if a, err := s.Article(ctx, "twice"); err != nil || a.Title != "second" {
			t.Errorf("batch size %d: Article(twice) = %+v, %v; want the second version", size, a, err)
		}
	}
}
