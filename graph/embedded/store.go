package embedded

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/dyadgraph/dyad/graph"
)

// FileName is the name of the database file in the data directory.
const FileName = "dyad.db"

// lockTimeout is how long Open waits for another process to release the database file.
var lockTimeout = 2 * time.Second

// ErrInUse is reported by Open when another process holds the data directory's database.
var ErrInUse = errors.New("store is in use by another process")

// errClosed is reported by every method called after Close.
var errClosed = errors.New("embedded store is closed")

// Store is the embedded store. It is safe for concurrent use: queries run in parallel, each in
// a bbolt read transaction (a consistent snapshot), and Saves run one at a time.
type Store struct {
	path     string
	db       *bolt.DB
	readOnly bool

	// writeMu serialises Save and Close.
	writeMu sync.Mutex
	// mu guards closed: queries hold it shared while they read, Close holds it alone.
	mu     sync.RWMutex
	closed bool

	// actorCache holds actors as stored (nil for an id not stored), read by earlier Saves'
	// checks, so that a batch naming the same actors again does not decode them again. Only
	// Save uses it, under writeMu; it is dropped when it grows past maxCachedActors.
	actorCache map[string]*graph.Actor

	// rollup caches the roll-up map of the newest generation read (see rollup.go).
	rollupMu sync.Mutex
	rollup   *rollupMap
}

var _ graph.Store = (*Store)(nil)

// Open opens the store kept in dir, creating the directory and its database file if needed.
// It reads no more than the file's layout version: queries read the file on demand. If another
// process has the store open, Open waits a moment for it and then reports ErrInUse. A file
// that is not a whole store (empty, cut short, with pages that do not read back) is
// ErrDamaged, never a crash.
func Open(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("embedded store: %w", err)
	}
	return open(filepath.Join(dir, FileName), false)
}

// OpenReadOnly opens the store kept in dir for queries only, without writing to its file or
// its directory, which may be read-only: for serving a store that a load wrote. Other readers
// may open it at the same time; a process that holds it for writing makes it wait, then
// ErrInUse. Save reports ErrReadOnly.
func OpenReadOnly(dir string) (*Store, error) {
	path := filepath.Join(dir, FileName)
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("open %s: %w (there is no store to read; load articles first)", path, err)
	}
	return open(path, true)
}

// ReadOnly reports whether the store was opened with OpenReadOnly (see graph.ReadOnlyStore).
func (s *Store) ReadOnly() bool { return s.readOnly }

func open(path string, readOnly bool) (*Store, error) {
	if _, err := checkFile(path); err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	s := &Store{path: path, readOnly: readOnly}
	err := guarded(path, func() error {
		db, err := bolt.Open(path, 0o644, &bolt.Options{Timeout: lockTimeout, FreelistType: bolt.FreelistMapType, ReadOnly: readOnly})
		if errors.Is(err, bolt.ErrTimeout) {
			return fmt.Errorf("open %s: %w (its lock was still held after %s)", path, ErrInUse, lockTimeout)
		}
		if err != nil {
			return fmt.Errorf("open %s: %w", path, err)
		}
		s.db = db
		if err := s.prepare(); err != nil {
			return fmt.Errorf("open %s: %w", path, err)
		}
		return nil
	})
	if err != nil {
		if s.db != nil {
			guarded(path, s.db.Close)
		}
		return nil, err
	}
	return s, nil
}

// prepare creates the buckets of a new file and checks the layout of an old one.
func (s *Store) prepare() error {
	check := func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			return fmt.Errorf("the file has no dyad store of layout %q", schemaVersion)
		}
		switch v := meta.Get(keyVersion); {
		case v == nil:
			return fmt.Errorf("the file has no dyad store of layout %q", schemaVersion)
		case string(v) != schemaVersion:
			return fmt.Errorf("the file has layout %q, which this dyad does not read (it reads layout %q, "+
				"with indexes on disk); load the articles again into a new data directory to rebuild it", v, schemaVersion)
		}
		for _, name := range allBuckets {
			if tx.Bucket(name) == nil {
				return fmt.Errorf("the file has no %s bucket", name)
			}
		}
		return nil
	}
	if s.readOnly {
		return s.db.View(check)
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketMeta) == nil {
			for _, name := range allBuckets {
				if _, err := tx.CreateBucketIfNotExists(name); err != nil {
					return err
				}
			}
			if err := tx.Bucket(bucketMeta).Put(keyVersion, []byte(schemaVersion)); err != nil {
				return err
			}
		}
		return check(tx)
	})
}

// Close releases the database file. It waits for a Save in progress and for queries that
// are reading. Calling it again does nothing.
func (s *Store) Close() error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close %s: %w", s.path, err)
	}
	return nil
}

// maxCachedActors bounds the actors a store keeps decoded between Saves.
const maxCachedActors = 1 << 16

// errNothingToSave rolls back the transaction of a Save that would change nothing.
var errNothingToSave = errors.New("nothing to save")

// Save stores the batch as graph.Store.Save documents, in one transaction: a crash or an error
// leaves every article of the batch as it was before, and a Save that returned nil survives a
// crash. The batch is checked whole first; a claim that names an unknown actor or type rejects
// the batch with graph.ErrInvalid and saves nothing.
func (s *Store) Save(ctx context.Context, batch []graph.Extraction) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if s.closed {
		return errClosed
	}
	if s.readOnly {
		return fmt.Errorf("save to %s: %w", s.path, ErrReadOnly)
	}
	var invalid error
	err := guarded(s.path, func() error {
		return s.db.Update(func(tx *bolt.Tx) error {
			if len(s.actorCache) > maxCachedActors {
				s.actorCache = nil
			}
			if s.actorCache == nil {
				s.actorCache = map[string]*graph.Actor{}
			}
			w := newWriter(tx, s.actorCache)
			p, err := w.plan(batch)
			if err != nil {
				invalid = err
				return err
			}
			if len(p.actors) == 0 && len(p.articles) == 0 {
				return errNothingToSave
			}
			return w.write(ctx, p)
		})
	})
	switch {
	case invalid != nil:
		return invalid
	case errors.Is(err, errNothingToSave):
		return nil
	case err != nil:
		s.actorCache = nil // it may hold actors of the batch that did not commit
		return fmt.Errorf("save to %s: %w", s.path, err)
	}
	return nil
}

// plan is a checked batch, ready to be written.
type plan struct {
	actors   []actorChange // merged actors that differ from the stored ones
	articles []articlePlan // in the batch's order
}

type actorChange struct {
	actor graph.Actor
	old   *graph.Actor // nil for a new actor
}

type articlePlan struct {
	article graph.Article
	claims  []graph.Claim // with ids, one per id
	text    string
}

// writer writes one Save's transaction and keeps what the write changes in the counters and
// aggregates until finish writes them.
type writer struct {
	tx                                            *bolt.Tx
	meta, actors, articles, claims, articleClaims *bolt.Bucket
	order, adjacency, names, words, rollup        *bolt.Bucket
	counts                                        map[string]int64 // meta counter deltas
	touched                                       map[string]*touch
	stored                                        map[string]*graph.Actor // stored actors read by plan
	orderPuts                                     [][2][]byte             // order entries to put, key and value
	adjacencyPuts                                 [][2][]byte             // adjacency entries to put, key and value
}

// touch is what a Save did to one relation key: claims removed (the aggregate is then
// recomputed from the claims left) and claims added, not yet written.
type touch struct {
	key     graph.RelationKey
	removed bool
	adds    map[string]summary
}

// newWriter starts the writing of a Save in tx. stored caches the actors read by earlier Saves.
func newWriter(tx *bolt.Tx, stored map[string]*graph.Actor) *writer {
	// Articles and claim records arrive in id order when ids are sequential (a feed, the
	// synthetic corpus): bbolt then fills pages to FillPercent and starts new ones, so the
	// default half-full pages would double those buckets (measured: 1.36 GB for 0.54 GB of
	// claim records at 1M claims).
	for _, name := range [][]byte{bucketArticles, bucketArticleClaims} {
		tx.Bucket(name).FillPercent = 0.9
	}
	return &writer{tx: tx, meta: tx.Bucket(bucketMeta), actors: tx.Bucket(bucketActors), articles: tx.Bucket(bucketArticles),
		claims: tx.Bucket(bucketClaims), articleClaims: tx.Bucket(bucketArticleClaims),
		order: tx.Bucket(bucketOrder), adjacency: tx.Bucket(bucketAdjacency),
		names: tx.Bucket(bucketNames), words: tx.Bucket(bucketWords), rollup: tx.Bucket(bucketRollup),
		counts: map[string]int64{}, touched: map[string]*touch{}, stored: stored}
}

// storedActor reads a stored actor, or nil.
func (w *writer) storedActor(id string) (*graph.Actor, error) {
	if a, ok := w.stored[id]; ok {
		return a, nil
	}
	var a *graph.Actor
	if v := w.actors.Get([]byte(id)); v != nil {
		a = new(graph.Actor)
		if err := json.Unmarshal(v, a); err != nil {
			return nil, fmt.Errorf("actor %q: corrupt record: %w", id, err)
		}
	}
	w.stored[id] = a
	return a, nil
}

// plan checks the batch against the stored actors and copies it into a plan. It writes nothing.
func (w *writer) plan(batch []graph.Extraction) (plan, error) {
	merged := map[string]graph.Actor{}
	var order []string
	for i, x := range batch {
		id := x.Article.ID
		if id == "" {
			return plan{}, graph.Errorf(graph.ErrInvalid, "article %d of the batch has no id", i)
		}
		if strings.ContainsRune(id, 0) {
			return plan{}, graph.Errorf(graph.ErrInvalid, "article id %q contains a NUL byte", id)
		}
		for j, a := range x.Actors {
			if a.ID == "" {
				return plan{}, graph.Errorf(graph.ErrInvalid, "article %q: actor %d (%q) has no id", id, j, a.Name)
			}
			if strings.ContainsRune(a.ID, 0) {
				return plan{}, graph.Errorf(graph.ErrInvalid, "article %q: actor id %q contains a NUL byte", id, a.ID)
			}
			if a.Kind != "" && !a.Kind.Valid() {
				return plan{}, graph.Errorf(graph.ErrInvalid, "article %q: actor %q has unknown kind %q", id, a.ID, a.Kind)
			}
			cur, ok := merged[a.ID]
			if !ok {
				old, err := w.storedActor(a.ID)
				if err != nil {
					return plan{}, err
				}
				if cur = (graph.Actor{ID: a.ID}); old != nil {
					cur = copyActor(*old)
				}
				order = append(order, a.ID)
			}
			merged[a.ID] = mergeActor(cur, a)
		}
	}
	known := func(id string) (bool, error) {
		if _, ok := merged[id]; ok {
			return true, nil
		}
		a, err := w.storedActor(id)
		return a != nil, err
	}

	var p plan
	for _, x := range batch {
		id := x.Article.ID
		claims := make([]graph.Claim, 0, len(x.Claims))
		at := map[string]int{}
		for j, c := range x.Claims {
			switch {
			case c.ArticleID == "":
				c.ArticleID = id
			case c.ArticleID != id:
				return plan{}, graph.Errorf(graph.ErrInvalid, "article %q, claim %d: it names article %q", id, j, c.ArticleID)
			}
			if !c.Type.Valid() {
				return plan{}, graph.Errorf(graph.ErrInvalid, "article %q, claim %d: unknown relation type %q", id, j, c.Type)
			}
			for _, end := range []struct{ role, actor string }{{"source", c.Source}, {"target", c.Target}} {
				ok, err := known(end.actor)
				if err != nil {
					return plan{}, err
				}
				if !ok {
					return plan{}, graph.Errorf(graph.ErrInvalid, "article %q, claim %d: %s actor %q is neither given nor stored",
						id, j, end.role, end.actor)
				}
			}
			if math.IsNaN(c.Confidence) || math.IsInf(c.Confidence, 0) {
				return plan{}, graph.Errorf(graph.ErrInvalid, "article %q, claim %d: confidence %v is not a number", id, j, c.Confidence)
			}
			c.Time = c.Time.UTC()
			if c.ID == "" {
				c.ID = graph.ClaimID(c)
			}
			if k, dup := at[c.ID]; dup {
				claims[k] = c
				continue
			}
			at[c.ID] = len(claims)
			claims = append(claims, c)
		}
		a := x.Article
		a.Published = a.Published.UTC()
		p.articles = append(p.articles, articlePlan{article: a, claims: claims, text: x.Text})
	}
	for _, id := range order {
		if old := w.stored[id]; old == nil || !sameActor(*old, merged[id]) {
			p.actors = append(p.actors, actorChange{actor: merged[id], old: old})
		}
	}
	return p, nil
}

// write writes the plan in the transaction. It gives up, and the transaction rolls back, when
// ctx ends.
func (w *writer) write(ctx context.Context, p plan) error {
	for _, ac := range p.actors {
		if err := w.putActor(ac); err != nil {
			return err
		}
	}
	if len(p.actors) > 0 {
		w.counts[string(keyRollupGen)]++
	}
	for _, ap := range p.articles {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := w.putArticle(ctx, ap); err != nil {
			return err
		}
	}
	return w.finish(ctx)
}

// putActor writes an actor and its entries in the name, word and roll-up indexes.
func (w *writer) putActor(ac actorChange) error {
	a, id := ac.actor, ac.actor.ID
	if old := ac.old; old == nil {
		w.counts[string(keyActors)]++
	} else {
		w.counts[string(keyKind(old.Kind))]--
		if err := w.names.Delete(join(old.Name, id)); err != nil {
			return err
		}
		for _, word := range actorWords(*old) {
			if err := w.words.Delete(join(word, id)); err != nil {
				return err
			}
		}
	}
	w.counts[string(keyKind(a.Kind))]++
	w.stored[id] = &a
	if err := putJSON(w.actors, id, a); err != nil {
		return err
	}
	if err := w.names.Put(join(a.Name, id), []byte(a.Kind)); err != nil {
		return err
	}
	for _, word := range actorWords(a) {
		if err := w.words.Put(join(word, id), nil); err != nil {
			return err
		}
	}
	if state := graph.RollupID(a); state != id {
		return w.rollup.Put([]byte(id), []byte(state))
	}
	return w.rollup.Delete([]byte(id))
}

// actorWords lists, without repeats, the search words of an actor's name and aliases.
func actorWords(a graph.Actor) []string {
	var words []string
	for _, n := range append([]string{a.Name}, a.Aliases...) {
		words = append(words, graph.SearchWords(n)...)
	}
	slices.Sort(words)
	return slices.Compact(words)
}

// putArticle replaces an article and its claims.
func (w *writer) putArticle(ctx context.Context, ap articlePlan) error {
	id := ap.article.ID
	if w.articles.Get([]byte(id)) == nil {
		w.counts[string(keyArticles)]++
	}
	// Drop the claims the article had.
	prefix := articlePrefix(id)
	type old struct{ key, record []byte }
	var drop []old
	cur := w.articleClaims.Cursor()
	for k, v := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = cur.Next() {
		drop = append(drop, old{bytes.Clone(k), bytes.Clone(v)})
	}
	for _, d := range drop {
		if err := w.removeClaim(string(d.key[len(prefix):]), d.key, d.record); err != nil {
			return err
		}
	}
	if err := putJSON(w.articles, id, ap.article); err != nil {
		return err
	}
	if err := w.putText(id, ap.text); err != nil {
		return err
	}
	// In key order: bbolt inserts into a page's sorted keys, so random order costs time
	// quadratic in the claims of one transaction (36,000 took 8 s; in order, a fraction).
	for i, c := range slices.SortedFunc(slices.Values(ap.claims), func(a, b graph.Claim) int { return strings.Compare(a.ID, b.ID) }) {
		if i%1024 == 1023 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		// A claim of the same id in another article moves to this one.
		if prev := w.claims.Get([]byte(c.ID)); prev != nil {
			key := articleClaimKey(string(prev), c.ID)
			if err := w.removeClaim(c.ID, key, w.articleClaims.Get(key)); err != nil {
				return err
			}
		}
		// bbolt keeps keys and values until the transaction ends, so each one gets its own memory.
		if err := w.claims.Put([]byte(c.ID), []byte(id)); err != nil {
			return err
		}
		record, err := json.Marshal(c)
		if err != nil {
			return fmt.Errorf("encode claim %q: %w", c.ID, err)
		}
		if err := w.articleClaims.Put(articleClaimKey(id, c.ID), record); err != nil {
			return err
		}
		k := graph.RelationKey{Source: c.Source, Type: c.Type, Target: c.Target}
		w.touch(k, relKey(k)).adds[c.ID] = summaryOf(c)
		w.counts[string(keyClaims)]++
	}
	return nil
}

// touch returns what the write does to a relation key.
func (w *writer) touch(k graph.RelationKey, rk []byte) *touch {
	t := w.touched[string(rk)]
	if t == nil {
		t = &touch{key: k, adds: map[string]summary{}}
		w.touched[string(rk)] = t
	}
	return t
}

// removeClaim deletes a stored claim: its entry by id, its record under its article
// (articleKey, record), and its entry under its relation key.
func (w *writer) removeClaim(id string, articleKey, record []byte) error {
	var c struct {
		Source, Target string
		Type           graph.RelationType
	}
	if err := json.Unmarshal(record, &c); err != nil {
		return fmt.Errorf("claim %q: corrupt record under %q: %w", id, articleKey, err)
	}
	if err := w.claims.Delete([]byte(id)); err != nil {
		return err
	}
	if err := w.articleClaims.Delete(articleKey); err != nil {
		return err
	}
	w.counts[string(keyClaims)]--
	k := graph.RelationKey{Source: c.Source, Type: c.Type, Target: c.Target}
	rk := relKey(k)
	t := w.touch(k, rk)
	if _, pending := t.adds[id]; pending {
		delete(t.adds, id) // written earlier in this batch, not written yet
		return nil
	}
	t.removed = true
	return w.adjacency.Delete(append(keyClaimPrefix(k), id...))
}

// finish writes the claims added to each relation key touched, its aggregate, order index
// and adjacency entries, and the counters.
func (w *writer) finish(ctx context.Context) error {
	keys := make([]string, 0, len(w.touched))
	for rk := range w.touched {
		keys = append(keys, rk)
	}
	slices.Sort(keys)
	for i, rk := range keys {
		if i%1024 == 1023 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := w.finishKey(w.touched[rk]); err != nil {
			return err
		}
	}
	slices.SortFunc(w.orderPuts, func(a, b [2][]byte) int { return bytes.Compare(a[0], b[0]) })
	for _, kv := range w.orderPuts {
		if err := w.order.Put(kv[0], kv[1]); err != nil {
			return err
		}
	}
	slices.SortFunc(w.adjacencyPuts, func(a, b [2][]byte) int { return bytes.Compare(a[0], b[0]) })
	for _, kv := range w.adjacencyPuts {
		if err := w.adjacency.Put(kv[0], kv[1]); err != nil {
			return err
		}
	}
	names := make([]string, 0, len(w.counts))
	for name := range w.counts {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if w.counts[name] == 0 {
			continue
		}
		n := getCount(w.meta.Get([]byte(name))) + w.counts[name]
		if err := w.meta.Put([]byte(name), putCount(nil, uint64(n))); err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) finishKey(t *touch) error {
	k := t.key
	prefix := keyClaimPrefix(k)
	ids := slices.Sorted(func(yield func(string) bool) {
		for id := range t.adds {
			if !yield(id) {
				return
			}
		}
	})
	// The claims' entries follow the key's outgoing entry: finish puts them with it.
	for _, id := range ids {
		w.adjacencyPuts = append(w.adjacencyPuts, [2][]byte{append(bytes.Clone(prefix), id...), t.adds[id].encode()})
	}
	var old *aggregate
	out := outKey(k)
	if v := w.adjacency.Get(out); v != nil {
		a := decodeAggregate(v)
		old = &a
	}
	agg := newAggregate()
	if t.removed { // the claims left, read again
		cur := w.adjacency.Cursor()
		for ck, v := cur.Seek(prefix); ck != nil && bytes.HasPrefix(ck, prefix); ck, v = cur.Next() {
			agg.add(decodeSummary("", v))
		}
	} else if old != nil {
		agg = *old
	}
	for _, id := range ids {
		agg.add(t.adds[id])
	}
	// The order index holds the keys of two claims or more; those of one are the outgoing
	// adjacency entries of count 1, in key order already (most keys, at every size measured).
	if old != nil && old.count > 0 {
		if old.count >= 2 {
			if err := w.order.Delete(orderKey(old.count, k)); err != nil {
				return err
			}
		}
		w.counts[string(keyOrdered(k.Type))]--
	}
	if agg.count > 0 {
		if agg.count >= 2 {
			w.orderPuts = append(w.orderPuts, [2][]byte{orderKey(agg.count, k), agg.encode()})
		}
		w.counts[string(keyOrdered(k.Type))]++
	}
	if was, is := old != nil && old.asserted > 0, agg.asserted > 0; was != is {
		if is {
			w.counts[string(keyRelations)]++
		} else {
			w.counts[string(keyRelations)]--
		}
	}
	in := adjacencyKey(k.Target, dirIn, k.Type, k.Source)
	switch {
	case agg.all == 0 && old != nil:
		if err := w.adjacency.Delete(out); err != nil {
			return err
		}
		if k.Source != k.Target {
			if err := w.adjacency.Delete(in); err != nil {
				return err
			}
		}
	case agg.all > 0:
		// Adjacency entries (like order entries) fall all over their bucket: finish puts them
		// in key order once every key is done.
		w.adjacencyPuts = append(w.adjacencyPuts, [2][]byte{out, agg.encode()})
		if k.Source != k.Target && (old == nil || (old.count > 0) != (agg.count > 0)) {
			w.adjacencyPuts = append(w.adjacencyPuts, [2][]byte{in, counted(agg)})
		}
	}
	return nil
}

// counted is the value of an incoming adjacency entry: 1 when the key has a claim the empty
// filter counts, so that walks test keys without reading their aggregates.
func counted(a aggregate) []byte {
	if a.count > 0 {
		return []byte{1}
	}
	return []byte{0}
}

func articlePrefix(articleID string) []byte {
	return append([]byte(articleID), 0)
}

// articleClaimKey is the key of a claim in the index of claims by article.
func articleClaimKey(articleID, claimID string) []byte {
	k := make([]byte, 0, len(articleID)+1+len(claimID))
	return append(append(append(k, articleID...), 0), claimID...)
}

func putJSON(b *bolt.Bucket, key string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %q: %w", key, err)
	}
	return b.Put([]byte(key), data)
}

// mergeActor merges what a batch says of an actor into what is known: fields already set are
// kept, aliases are united, sorted and without duplicates or empty ones.
func mergeActor(cur, in graph.Actor) graph.Actor {
	fill := func(have *string, given string) {
		if *have == "" {
			*have = given
		}
	}
	fill(&cur.Name, in.Name)
	fill(&cur.Country, in.Country)
	fill(&cur.QID, in.QID)
	if cur.Kind == "" {
		cur.Kind = in.Kind
	}
	var aliases []string
	for _, a := range slices.Concat(cur.Aliases, in.Aliases) {
		if a != "" {
			aliases = append(aliases, a)
		}
	}
	slices.Sort(aliases)
	cur.Aliases = slices.Compact(aliases)
	return cur
}

func sameActor(a, b graph.Actor) bool {
	return a.ID == b.ID && a.Name == b.Name && a.Kind == b.Kind && a.Country == b.Country &&
		a.QID == b.QID && slices.Equal(a.Aliases, b.Aliases)
}

// copyActor returns an actor that shares no memory with the index.
func copyActor(a graph.Actor) graph.Actor {
	a.Aliases = slices.Clone(a.Aliases)
	return a
}

// compareByName orders actors by name, then id.
func compareByName(a, b graph.Actor) int {
	if c := strings.Compare(a.Name, b.Name); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}
