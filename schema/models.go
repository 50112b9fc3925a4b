package schema

import (
	"time"

	"github.com/dyadgraph/dyad/graph"
)

// Claim is a claim with the article it was found in: what the GraphQL type Claim shows.
type Claim struct {
	graph.Claim
	Article graph.Article
}

// ClaimOf turns a store's evidence into a Claim.
func ClaimOf(e graph.Evidence) Claim { return Claim{Claim: e.Claim, Article: e.Article} }

// Relation is a relation as the GraphQL type Relation shows it. Its fields are methods that
// need no context, so that gqlgen resolves them in place, in the goroutine that marshals the
// relation, rather than in a goroutine each: the fields computed from the relation itself, and
// its actors, which load through Actors. The resolver that lists relations sets one Actors for
// the whole list, whose first load fetches the actors of every relation of the list at once.
type Relation struct {
	graph.Relation
	// Actors loads an actor by id; the store's error, or one saying that the actor a relation
	// names is not stored.
	Actors func(id string) (*graph.Actor, error)
}

// RelationsOf makes the GraphQL relations of a list, loading their actors through actors.
func RelationsOf(rs []graph.Relation, actors func(id string) (*graph.Actor, error)) []Relation {
	out := make([]Relation, len(rs))
	for i, r := range rs {
		out[i] = Relation{Relation: r, Actors: actors}
	}
	return out
}

// ID is the relation's key as SOURCE|TYPE|TARGET.
func (r Relation) ID() string { return r.Key().String() }

// Quad is the quad class of the relation's type; nil for Affiliation, which has none.
func (r Relation) Quad() *graph.Quad { return QuadOf(r.Type) }

// Cooperation is the Goldstein-scale score of the relation's type; nil for Affiliation.
func (r Relation) Cooperation() *float64 { return CooperationOf(r.Type) }

// QuadOf is the quad class of a relation type; nil for Affiliation, which has none.
func QuadOf(t graph.RelationType) *graph.Quad {
	if q := t.Quad(); q != "" {
		return &q
	}
	return nil
}

// CooperationOf is the Goldstein-scale score of a relation type; nil for Affiliation.
func CooperationOf(t graph.RelationType) *float64 {
	info, ok := t.Info()
	if !ok || info.Quad == "" {
		return nil
	}
	return &info.Cooperation
}

// Source is the actor that acts.
func (r Relation) Source() (*graph.Actor, error) { return r.Actors(r.Relation.Source) }

// Target is the actor acted upon.
func (r Relation) Target() (*graph.Actor, error) { return r.Actors(r.Relation.Target) }

// FirstSeen is the time of the earliest dated claim; nil when none is dated.
func (r Relation) FirstSeen() *time.Time { return optionalTime(r.Relation.FirstSeen) }

// LastSeen is the time of the latest dated claim; nil when none is dated.
func (r Relation) LastSeen() *time.Time { return optionalTime(r.Relation.LastSeen) }

func optionalTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// Quad is the quad of the claim's CAMEO code (graph.ClaimQuad); nil for Affiliation.
func (c Claim) Quad() *graph.Quad {
	if q := graph.ClaimQuad(c.Claim); q != "" {
		return &q
	}
	return nil
}

// Goldstein is the Goldstein-scale score of the claim's CAMEO root (graph.ClaimGoldstein); nil
// for Affiliation.
func (c Claim) Goldstein() *float64 {
	if c.Type == graph.Affiliation {
		return nil
	}
	g := graph.ClaimGoldstein(c.Claim)
	return &g
}
