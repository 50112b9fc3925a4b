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

// schemaVersion names the layout of the buckets; Open refuses a file of another layout.
const schemaVersion = "1"

// lockTimeout is how long Open waits for another process to release the database file.
var lockTimeout = 2 * time.Second

// ErrInUse is reported by Open when another process holds the data directory's database.
var ErrInUse = errors.New("store is in use by another process")

// errClosed is reported by every method called after Close.
var errClosed = errors.New("embedded store is closed")

// The buckets of the database file. Values are JSON; keys are ids. articleClaims holds an empty
// value under ARTICLE-ID NUL CLAIM-ID for each claim, so that an article's claims are found by
// a prefix scan when it is saved again.
var (
	bucketMeta          = []byte("meta")
	bucketActors        = []byte("actors")
	bucketArticles      = []byte("articles")
	bucketClaims        = []byte("claims")
	bucketArticleClaims = []byte("article_claims")
	keyVersion          = []byte("version")
)

// Store is the embedded store. It is safe for concurrent use: queries run in parallel on the
// in-memory index, and Saves run one at a time.
type Store struct {
	path     string
	db       *bolt.DB
	readOnly bool

	// writeMu serialises Save and Close. Only a holder of writeMu changes the index, so a holder
	// may read it without mu.
	writeMu sync.Mutex
	// mu guards the index and closed: queries hold it shared, Save holds it while it applies a
	// committed batch to the index.
	mu     sync.RWMutex
	closed bool
	ix     *index
}

var _ graph.Store = (*Store)(nil)

// Open opens the store kept in dir, creating the directory and its database file if needed,
// and loads the graph into memory. If another process has the store open, Open waits a moment
// for it and then reports ErrInUse. A file that is not a whole store (empty, cut short, with
// pages that do not read back) is ErrDamaged, never a crash.
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
		if s.ix, err = s.load(); err != nil {
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

// load creates the buckets of a new file, checks the layout of an old one and reads it all.
func (s *Store) load() (*index, error) {
	prepare := s.db.Update
	if s.readOnly {
		prepare = s.db.View
	}
	err := prepare(func(tx *bolt.Tx) error {
		if s.readOnly {
			v := tx.Bucket(bucketMeta)
			if v == nil || string(v.Get(keyVersion)) != schemaVersion {
				return fmt.Errorf("the file has no dyad store of layout %q", schemaVersion)
			}
			for _, name := range [][]byte{bucketActors, bucketArticles, bucketClaims, bucketArticleClaims} {
				if tx.Bucket(name) == nil {
					return fmt.Errorf("the file has no %s bucket", name)
				}
			}
			return nil
		}
		meta, err := tx.CreateBucketIfNotExists(bucketMeta)
		if err != nil {
			return err
		}
		switch v := meta.Get(keyVersion); {
		case v == nil:
			if err := meta.Put(keyVersion, []byte(schemaVersion)); err != nil {
				return err
			}
		case string(v) != schemaVersion:
			return fmt.Errorf("the file has layout %q; this dyad reads layout %q", v, schemaVersion)
		}
		for _, name := range [][]byte{bucketActors, bucketArticles, bucketClaims, bucketArticleClaims} {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	ix := newIndex()
	err = s.db.View(func(tx *bolt.Tx) error {
		if err := eachRecord(tx, bucketActors, func(a graph.Actor) { ix.actors[a.ID] = a }); err != nil {
			return err
		}
		if err := eachRecord(tx, bucketArticles, func(a graph.Article) { ix.articles[a.ID] = a }); err != nil {
			return err
		}
		// Size the claim maps once rather than growing them claim by claim.
		claims := tx.Bucket(bucketClaims).Stats().KeyN
		ix.claimKey = make(map[string]graph.RelationKey, claims)
		ix.claims = make(map[graph.RelationKey][]graph.Claim, claims)
		return eachRecord(tx, bucketClaims, ix.addClaim)
	})
	return ix, err
}

// eachRecord decodes every value of a bucket.
func eachRecord[T any](tx *bolt.Tx, bucket []byte, use func(T)) error {
	return tx.Bucket(bucket).ForEach(func(k, v []byte) error {
		var rec T
		if err := json.Unmarshal(v, &rec); err != nil {
			return fmt.Errorf("bucket %s, key %q: corrupt record: %w", bucket, k, err)
		}
		use(rec)
		return nil
	})
}

// Close releases the database file. It waits for a Save in progress. Calling it again does nothing.
func (s *Store) Close() error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	s.ix = nil
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close %s: %w", s.path, err)
	}
	return nil
}

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
	p, err := s.plan(batch)
	if err != nil {
		return err
	}
	if len(p.actors) == 0 && len(p.articles) == 0 {
		return nil
	}
	if err := guarded(s.path, func() error { return s.db.Update(func(tx *bolt.Tx) error { return p.write(ctx, tx) }) }); err != nil {
		return fmt.Errorf("save to %s: %w", s.path, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	p.apply(s.ix)
	return nil
}

// plan is a checked batch, ready to be written and then applied to the index.
type plan struct {
	actors   []graph.Actor // merged actors that differ from the stored ones
	articles []articlePlan // in the batch's order
}

type articlePlan struct {
	article graph.Article
	claims  []graph.Claim // with ids, one per id
}

// plan checks the batch against the stored actors and copies it into a plan. The caller holds
// writeMu.
func (s *Store) plan(batch []graph.Extraction) (plan, error) {
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
			if a.Kind != "" && !a.Kind.Valid() {
				return plan{}, graph.Errorf(graph.ErrInvalid, "article %q: actor %q has unknown kind %q", id, a.ID, a.Kind)
			}
			cur, ok := merged[a.ID]
			if !ok {
				if cur, ok = s.ix.actors[a.ID]; !ok {
					cur = graph.Actor{ID: a.ID}
				}
				order = append(order, a.ID)
			}
			merged[a.ID] = mergeActor(cur, a)
		}
	}
	known := func(id string) bool {
		if _, ok := merged[id]; ok {
			return true
		}
		_, ok := s.ix.actors[id]
		return ok
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
				if !known(end.actor) {
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
		p.articles = append(p.articles, articlePlan{article: a, claims: claims})
	}
	for _, id := range order {
		if old, ok := s.ix.actors[id]; !ok || !sameActor(old, merged[id]) {
			p.actors = append(p.actors, merged[id])
		}
	}
	return p, nil
}

// write puts the plan into the database file.
// write writes the plan in tx. It gives up, and the transaction rolls back, when ctx ends.
func (p plan) write(ctx context.Context, tx *bolt.Tx) error {
	actors, articles := tx.Bucket(bucketActors), tx.Bucket(bucketArticles)
	claims, articleClaims := tx.Bucket(bucketClaims), tx.Bucket(bucketArticleClaims)
	for _, a := range p.actors {
		if err := putJSON(actors, a.ID, a); err != nil {
			return err
		}
	}
	for _, ap := range p.articles {
		// Drop the claims the article had.
		prefix := articlePrefix(ap.article.ID)
		var old [][]byte
		cur := articleClaims.Cursor()
		for k, _ := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = cur.Next() {
			old = append(old, bytes.Clone(k))
		}
		for _, k := range old {
			if err := claims.Delete(k[len(prefix):]); err != nil {
				return err
			}
			if err := articleClaims.Delete(k); err != nil {
				return err
			}
		}
		if err := putJSON(articles, ap.article.ID, ap.article); err != nil {
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
			if v := claims.Get([]byte(c.ID)); v != nil {
				var prev struct{ ArticleID string }
				if err := json.Unmarshal(v, &prev); err != nil {
					return fmt.Errorf("claim %q: corrupt record: %w", c.ID, err)
				}
				if err := articleClaims.Delete(articleClaimKey(prev.ArticleID, c.ID)); err != nil {
					return err
				}
			}
			if err := putJSON(claims, c.ID, c); err != nil {
				return err
			}
			// bbolt keeps the key until the transaction ends, so each one gets its own memory.
			if err := articleClaims.Put(articleClaimKey(ap.article.ID, c.ID), nil); err != nil {
				return err
			}
		}
	}
	return nil
}

// apply makes the same changes as write to the index.
func (p plan) apply(ix *index) {
	for _, a := range p.actors {
		ix.putActor(a)
	}
	for _, ap := range p.articles {
		ix.replaceArticle(ap.article, ap.claims)
	}
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
