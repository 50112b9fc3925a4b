package graph

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// ActorKind classifies an actor.
type ActorKind string

// The kinds of actor.
const (
	KindState      ActorKind = "STATE"       // a country as a whole
	KindGovernment ActorKind = "GOVERNMENT"  // a state's government, officials and organs
	KindMilitary   ActorKind = "MILITARY"    // a state's armed forces
	KindPerson     ActorKind = "PERSON"      // a named individual
	KindIGO        ActorKind = "IGO"         // an intergovernmental organisation (NATO, the UN)
	KindNGO        ActorKind = "NGO"         // a non-governmental organisation
	KindArmedGroup ActorKind = "ARMED_GROUP" // a non-state armed group (Hamas, the Houthis)
	KindParty      ActorKind = "PARTY"       // a political party
	KindMedia      ActorKind = "MEDIA"       // a news organisation
	KindOther      ActorKind = "OTHER"       // anything else, including unresolved candidates
)

// ActorKinds lists every ActorKind.
var ActorKinds = []ActorKind{KindState, KindGovernment, KindMilitary, KindPerson, KindIGO, KindNGO,
	KindArmedGroup, KindParty, KindMedia, KindOther}

// Valid reports whether k is one of ActorKinds.
func (k ActorKind) Valid() bool {
	for _, v := range ActorKinds {
		if k == v {
			return true
		}
	}
	return false
}

// Actor is a canonical participant in events.
type Actor struct {
	ID      string    // stable canonical id: an ISO 3166-1 alpha-3 code ("UKR"), or a slug ("igo/nato")
	Name    string    // display name
	Kind    ActorKind // what the actor is
	Country string    // ISO 3166-1 alpha-3 of the state the actor is or belongs to; empty if none
	QID     string    // Wikidata id, where known
	Aliases []string  // other names, sorted, without duplicates
}

// Article is a news story that claims were found in.
type Article struct {
	ID        string    // the id given by the source, or a hash of the content
	URL       string    // where it was published, if known
	Title     string    // its headline
	Source    string    // the outlet or feed
	Published time.Time // publication time; zero if unknown
}

// Modality says how firmly a claim is asserted.
type Modality string

// The modalities of a claim.
const (
	Asserted     Modality = "ASSERTED"     // reported as having happened or happening
	Pledged      Modality = "PLEDGED"      // promised or intended ("will support", "vowed to")
	Threatened   Modality = "THREATENED"   // threatened as a consequence
	Hypothetical Modality = "HYPOTHETICAL" // conditional or speculative ("would", "could", "if")
)

// Claim is one assertion found in one article: Source did something of Type to Target.
type Claim struct {
	ID            string       // derived from the content; see ClaimID
	ArticleID     string       // the article it was found in
	Source        string       // actor id of the doer
	Target        string       // actor id of the one done to
	Type          RelationType // PLOVER type, or Affiliation
	CAMEO         string       // CAMEO code (at least the two-digit root)
	Predicate     string       // the words as written ("pledged support", "invasion of")
	SourceText    string       // the source mention as written
	TargetText    string       // the target mention as written
	SourceStart   int          // the source mention's offsets in the article text, in Unicode code points, half-open; equal when not known
	SourceEnd     int          //
	TargetStart   int          // the target mention's offsets, as SourceStart's
	TargetEnd     int          //
	Role          string       // for Affiliation: the role as written ("Secretary-General")
	Sentence      string       // the evidence sentence
	Start, End    int          // the sentence's offsets in the article text, in Unicode code points, half-open
	Confidence    float64      // 0..1
	Negated       bool         // the text says it did not happen
	Modality      Modality     // how firmly it is asserted
	Time          time.Time    // when it happened: the article's publication time unless the text says otherwise
	Extractor     string       // name of the extractor that found it ("rules", "llm")
	ExtractorVers string       // that extractor's version
}

// ClaimID derives a claim's id from the content that makes it distinct, so that the same claim
// extracted twice from the same article gets the same id.
func ClaimID(c Claim) string {
	h := sha256.New()
	for _, s := range []string{c.ArticleID, c.Source, c.Target, string(c.Type), c.Predicate,
		strconv.Itoa(c.Start), strconv.Itoa(c.End), strconv.FormatBool(c.Negated), c.Extractor} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// SameClaim reports whether two claims say the same: every field equal, times as instants.
func SameClaim(a, b Claim) bool {
	ta, tb := a.Time, b.Time
	a.Time, b.Time = time.Time{}, time.Time{}
	return a == b && ta.Equal(tb)
}

// SameArticle reports whether two articles are described alike: every field equal, the
// publication times as instants.
func SameArticle(a, b Article) bool {
	pa, pb := a.Published, b.Published
	a.Published, b.Published = time.Time{}, time.Time{}
	return a == b && pa.Equal(pb)
}

// ContentID derives an article id from its text, for articles that come without one.
func ContentID(text string) string {
	sum := sha256.Sum256([]byte(text))
	return "sha256-" + hex.EncodeToString(sum[:12])
}

// Relation is a dyad edge derived from the non-negated claims of one (source, type, target).
type Relation struct {
	Source    string
	Target    string
	Type      RelationType
	Count     int       // number of claims
	FirstSeen time.Time // earliest time of a dated claim; zero when no claim is dated
	LastSeen  time.Time // latest time of a dated claim; zero when no claim is dated
	Score     float64   // 1 - Π(1 - confidence): the chance that at least one claim is right
}

// Key identifies the relation.
func (r Relation) Key() RelationKey {
	return RelationKey{Source: r.Source, Type: r.Type, Target: r.Target}
}

// CAMEO is the relation type's CAMEO root code.
func (r Relation) CAMEO() string { return r.Type.CAMEO() }

// RelationKey identifies a relation: one source, type and target.
type RelationKey struct {
	Source string
	Type   RelationType
	Target string
}

// String renders the key as the relation's id, "SOURCE|TYPE|TARGET".
func (k RelationKey) String() string { return k.Source + "|" + string(k.Type) + "|" + k.Target }

// ParseRelationKey parses a relation id made by RelationKey.String.
func ParseRelationKey(id string) (RelationKey, error) {
	parts := strings.Split(id, "|")
	if len(parts) != 3 || parts[0] == "" || parts[2] == "" || !RelationType(parts[1]).Valid() {
		return RelationKey{}, Errorf(ErrInvalid, "relation id %q: want SOURCE|TYPE|TARGET", id)
	}
	return RelationKey{Source: parts[0], Type: RelationType(parts[1]), Target: parts[2]}, nil
}

// ScoreOf combines claim confidences into a relation score: 1 - Π(1 - c).
func ScoreOf(confidences []float64) float64 {
	miss := 1.0
	for _, c := range confidences {
		miss *= 1 - clamp01(c)
	}
	return 1 - miss
}

func clamp01(f float64) float64 {
	switch {
	case f < 0:
		return 0
	case f > 1:
		return 1
	}
	return f
}

// Seen widens the relation's FirstSeen..LastSeen to a claim's time; an undated claim (zero time)
// leaves them as they are.
func (r *Relation) Seen(t time.Time) {
	if t.IsZero() {
		return
	}
	if r.FirstSeen.IsZero() || t.Before(r.FirstSeen) {
		r.FirstSeen = t
	}
	if r.LastSeen.IsZero() || t.After(r.LastSeen) {
		r.LastSeen = t
	}
}
