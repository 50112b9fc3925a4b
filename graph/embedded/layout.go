package embedded

import (
	"bytes"
	"encoding/binary"
	"math"
	"time"

	"github.com/dyadgraph/dyad/graph"
)

// schemaVersion names the layout of the buckets; Open refuses a file of another layout.
// Layout 1 held only the records and was read whole into memory on Open; layout 2 adds the
// indexes and counters below, which queries read on demand.
const schemaVersion = "2"

// The buckets of the database file (see doc.go for what each holds).
var (
	bucketMeta          = []byte("meta")
	bucketActors        = []byte("actors")
	bucketArticles      = []byte("articles")
	bucketClaims        = []byte("claims")
	bucketArticleClaims = []byte("article_claims")
	bucketOrder         = []byte("order")
	bucketAdjacency     = []byte("adjacency")
	bucketNames         = []byte("names")
	bucketWords         = []byte("words")
	bucketRollup        = []byte("rollup")

	allBuckets = [][]byte{bucketMeta, bucketActors, bucketArticles, bucketClaims, bucketArticleClaims,
		bucketOrder, bucketAdjacency, bucketNames, bucketWords, bucketRollup}
)

// Keys of the meta bucket. Counters are 8-byte big-endian integers.
var (
	keyVersion   = []byte("version")
	keyActors    = []byte("count:actors")
	keyArticles  = []byte("count:articles")
	keyClaims    = []byte("count:claims")
	keyRelations = []byte("count:relations") // keys with a non-negated claim, for Stats
	keyRollupGen = []byte("rollup-generation")
)

// keyOrdered is the meta key counting the order index's entries of one relation type.
func keyOrdered(t graph.RelationType) []byte { return []byte("count:ordered:" + string(t)) }

// keyKind is the meta key counting the actors of one kind.
func keyKind(k graph.ActorKind) []byte { return []byte("count:kind:" + string(k)) }

// join joins parts with NUL bytes. No part holds a NUL (ids are checked on Save, types are
// from the whitelist), so byte order of joined keys is the order of the parts compared in turn.
func join(parts ...string) []byte {
	n := len(parts)
	for _, p := range parts {
		n += len(p)
	}
	b := make([]byte, 0, n)
	for i, p := range parts {
		if i > 0 {
			b = append(b, 0)
		}
		b = append(b, p...)
	}
	return b
}

// split cuts a key at its NUL bytes.
func split(k []byte) []string {
	parts := bytes.Split(k, []byte{0})
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = string(p)
	}
	return out
}

// relKey is a relation key as bytes: SOURCE NUL TYPE NUL TARGET, in the order of
// graph.RelationKey's fields as EachRelation and the order index compare them.
func relKey(k graph.RelationKey) []byte { return join(k.Source, string(k.Type), k.Target) }

// parseRelKey reads a relation key from the first three parts of a key.
func parseRelKey(b []byte) (graph.RelationKey, []byte, bool) {
	var parts [3][]byte
	rest := b
	for i := range parts {
		j := bytes.IndexByte(rest, 0)
		if i == 2 && j < 0 {
			parts[i], rest = rest, nil
			break
		}
		if j < 0 {
			return graph.RelationKey{}, nil, false
		}
		parts[i], rest = rest[:j], rest[j+1:]
	}
	return graph.RelationKey{Source: string(parts[0]), Type: graph.RelationType(parts[1]), Target: string(parts[2])}, rest, true
}

// keyClaimPrefix is the prefix of a relation key's claim entries in the adjacency bucket: its
// outgoing entry and a NUL, so that a key's claims follow its entry in the same pages.
func keyClaimPrefix(k graph.RelationKey) []byte { return append(outKey(k), 0) }

// summary is what filters read of a claim, kept in its entry under its key's outgoing
// adjacency entry so that they never decode JSON: 1 byte of flags, the confidence, the time
// (seconds and nanoseconds of Unix time), and the id of the claim's article, under which its
// record is.
type summary struct {
	id         string
	article    string // the article the claim is in, when encoding
	stored     []byte // the stored value, when decoded (valid in its transaction only)
	negated    bool
	confidence float64
	time       time.Time // UTC; zero when undated
}

const (
	flagNegated = 1 << iota
	flagDated
)

const summarySize = 1 + 8 + 8 + 4

func summaryOf(c graph.Claim) summary {
	return summary{id: c.ID, article: c.ArticleID, negated: c.Negated, confidence: c.Confidence, time: c.Time}
}

func (s summary) encode() []byte {
	b := make([]byte, summarySize, summarySize+len(s.article))
	if s.negated {
		b[0] |= flagNegated
	}
	binary.BigEndian.PutUint64(b[1:], math.Float64bits(s.confidence))
	if !s.time.IsZero() {
		b[0] |= flagDated
		binary.BigEndian.PutUint64(b[9:], uint64(s.time.Unix()))
		binary.BigEndian.PutUint32(b[17:], uint32(s.time.Nanosecond()))
	}
	return append(b, s.article...)
}

func decodeSummary(id string, b []byte) summary {
	s := summary{id: id, stored: b, negated: b[0]&flagNegated != 0, confidence: math.Float64frombits(binary.BigEndian.Uint64(b[1:]))}
	if b[0]&flagDated != 0 {
		s.time = time.Unix(int64(binary.BigEndian.Uint64(b[9:])), int64(binary.BigEndian.Uint32(b[17:]))).UTC()
	}
	return s
}

// articleID is the id of the article of a decoded summary's claim.
func (s summary) articleID() string { return string(s.stored[summarySize:]) }

// claim is the part of a claim graph.RelationFilter.Passes reads.
func (s summary) claim(t graph.RelationType) graph.Claim {
	return graph.Claim{Type: t, Negated: s.negated, Confidence: s.confidence, Time: s.time}
}

// aggregate is what the store keeps of a relation key without reading its claims: how many
// claims it has (all, and non-negated), and the relation derived under the empty filter's
// rules (non-negated claims with a confidence of at least 0): count, first and last seen over
// the dated ones, and the product of their misses (1 - confidence, clamped), whose complement
// is the score.
type aggregate struct {
	all, asserted, count uint32
	first, last          time.Time
	miss                 float64
}

const aggregateSize = 4 + 4 + 4 + 12 + 12 + 8

func newAggregate() aggregate { return aggregate{miss: 1} }

// add counts one more claim of the key.
func (a *aggregate) add(s summary) {
	a.all++
	if s.negated {
		return
	}
	a.asserted++
	if s.confidence < 0 {
		return // the empty filter's MinConfidence of 0 leaves it out
	}
	a.count++
	if !s.time.IsZero() {
		if a.first.IsZero() || s.time.Before(a.first) {
			a.first = s.time
		}
		if a.last.IsZero() || s.time.After(a.last) {
			a.last = s.time
		}
	}
	a.miss *= 1 - min(1, s.confidence)
}

// relation is the relation of key k the aggregate describes.
func (a aggregate) relation(k graph.RelationKey) graph.Relation {
	return graph.Relation{Source: k.Source, Type: k.Type, Target: k.Target, Count: int(a.count),
		FirstSeen: a.first, LastSeen: a.last, Score: 1 - a.miss}
}

// merge adds another key's aggregate, as roll-up adds the keys it groups.
func (a *aggregate) merge(b aggregate) {
	a.all += b.all
	a.asserted += b.asserted
	a.count += b.count
	if !b.first.IsZero() && (a.first.IsZero() || b.first.Before(a.first)) {
		a.first = b.first
	}
	if !b.last.IsZero() && (a.last.IsZero() || b.last.After(a.last)) {
		a.last = b.last
	}
	a.miss *= b.miss
}

func putTime(b []byte, t time.Time) {
	if t.IsZero() {
		return
	}
	binary.BigEndian.PutUint64(b, uint64(t.Unix()))
	binary.BigEndian.PutUint32(b[8:], uint32(t.Nanosecond())|1<<31) // the top bit marks a time
}

func getTime(b []byte) time.Time {
	ns := binary.BigEndian.Uint32(b[8:])
	if ns&(1<<31) == 0 {
		return time.Time{}
	}
	return time.Unix(int64(binary.BigEndian.Uint64(b)), int64(ns&^(1<<31))).UTC()
}

func (a aggregate) encode() []byte {
	b := make([]byte, aggregateSize)
	binary.BigEndian.PutUint32(b[0:], a.all)
	binary.BigEndian.PutUint32(b[4:], a.asserted)
	binary.BigEndian.PutUint32(b[8:], a.count)
	putTime(b[12:], a.first)
	putTime(b[24:], a.last)
	binary.BigEndian.PutUint64(b[36:], math.Float64bits(a.miss))
	return b
}

func decodeAggregate(b []byte) aggregate {
	return aggregate{all: binary.BigEndian.Uint32(b[0:]), asserted: binary.BigEndian.Uint32(b[4:]),
		count: binary.BigEndian.Uint32(b[8:]), first: getTime(b[12:]), last: getTime(b[24:]),
		miss: math.Float64frombits(binary.BigEndian.Uint64(b[36:]))}
}

// orderKey is a relation's key in the order index: its count inverted (so that byte order is
// highest count first), then its key, which is graph.SortRelations' order. A keyset cursor
// (the last relation's count and key) seeks to it directly.
func orderKey(count uint32, k graph.RelationKey) []byte {
	b := make([]byte, 4, 4+len(k.Source)+len(k.Type)+len(k.Target)+2)
	binary.BigEndian.PutUint32(b, math.MaxUint32-count)
	return append(b, relKey(k)...)
}

// parseOrderKey reads the count and relation key of an order index entry.
func parseOrderKey(b []byte) (uint32, graph.RelationKey, bool) {
	if len(b) < 4 {
		return 0, graph.RelationKey{}, false
	}
	k, _, ok := parseRelKey(b[4:])
	return math.MaxUint32 - binary.BigEndian.Uint32(b), k, ok
}

// Directions in adjacency keys: the actor is the relation's source or its target.
const (
	dirOut = "o"
	dirIn  = "i"
)

// adjacencyKey is ACTOR NUL DIR NUL TYPE NUL OTHER: one per relation key with a claim and
// per end (a self-relation has only its outgoing entry). The outgoing entry, SOURCE NUL "o" NUL
// TYPE NUL TARGET, holds the key's aggregate; the outgoing entries of the bucket are in key
// order (source, type, target).
func adjacencyKey(actor, dir string, t graph.RelationType, other string) []byte {
	return join(actor, dir, string(t), other)
}

// outKey is the adjacency key that holds a relation key's aggregate.
func outKey(k graph.RelationKey) []byte { return adjacencyKey(k.Source, dirOut, k.Type, k.Target) }

// adjacencyRelation turns an adjacency key back into the relation key, and says whether it is
// the outgoing entry.
func adjacencyRelation(b []byte) (graph.RelationKey, bool, bool) {
	var p [4][]byte
	rest := b
	for i := range 3 {
		j := bytes.IndexByte(rest, 0)
		if j < 0 {
			return graph.RelationKey{}, false, false
		}
		p[i], rest = rest[:j], rest[j+1:]
	}
	if bytes.IndexByte(rest, 0) >= 0 {
		return graph.RelationKey{}, false, false // a claim entry, under its key's outgoing entry
	}
	p[3] = rest
	if string(p[1]) == dirOut {
		return graph.RelationKey{Source: string(p[0]), Type: graph.RelationType(p[2]), Target: string(p[3])}, true, true
	}
	return graph.RelationKey{Source: string(p[3]), Type: graph.RelationType(p[2]), Target: string(p[0])}, false, true
}

func putCount(b []byte, n uint64) []byte { return binary.BigEndian.AppendUint64(b, n) }

func getCount(v []byte) int64 {
	if len(v) != 8 {
		return 0
	}
	return int64(binary.BigEndian.Uint64(v))
}
