package graph

import (
	"context"
	"time"
)

// Store keeps the graph. Implementations: graph/embedded and graph/neo4j. Every Store passes
// the conformance suite in graph/graphtest with the same answers.
//
// Stores never share memory with callers: values passed in may be changed afterwards, and values
// returned may be changed by the caller.
type Store interface {
	// Save stores articles with the actors and claims found in them. Each article is saved whole
	// or not at all: a crash part-way leaves earlier articles complete and later ones absent. An
	// article already present has its claims replaced by the given ones, so saving the same
	// article twice changes nothing. Actors are merged by id: fields already set are kept and
	// aliases are united. Claims whose ID is empty get ClaimID. It reports ErrInvalid for a
	// claim whose actor is not given nor already stored, or whose type is unknown.
	Save(ctx context.Context, batch []Extraction) error

	// Actor returns the actor with the id, or ErrNotFound.
	Actor(ctx context.Context, id string) (Actor, error)
	// Actors lists the actors that match the query; see ActorQuery for the order.
	Actors(ctx context.Context, q ActorQuery) (ActorPage, error)
	// Article returns the article with the id, or ErrNotFound.
	Article(ctx context.Context, id string) (Article, error)

	// Relations lists the relations that match the query, ordered by count (highest first),
	// then source, type and target.
	Relations(ctx context.Context, q RelationQuery) (RelationPage, error)
	// Neighborhood returns the actors within hops (clamped to 0..MaxHops) of actor along
	// relations that pass the filter, in either direction, and the relations among them; see
	// Subgraph. It reports ErrNotFound if the actor does not exist.
	Neighborhood(ctx context.Context, actor string, hops int, f RelationFilter, limit int) (Subgraph, error)
	// ShortestPath returns a shortest path from one actor to another along relations that pass
	// the filter, in either direction, of at most maxHops (clamped to 1..MaxPathHops) steps. It
	// returns false if there is none. It reports ErrNotFound if either actor does not exist.
	ShortestPath(ctx context.Context, from, to string, maxHops int, f RelationFilter) (Path, bool, error)
	// Evidence returns, for each relation key, a page of the claims behind it that pass the
	// filter (negated ones included), ordered by time, then id, each with its article.
	Evidence(ctx context.Context, keys []RelationKey, f RelationFilter, page Page) (map[RelationKey]EvidencePage, error)

	// Stats counts what is stored.
	Stats(ctx context.Context) (Stats, error)
	// Close releases the store.
	Close() error
}

// Extraction is an article and what was found in it: the unit that Store.Save keeps whole.
type Extraction struct {
	Article Article
	Actors  []Actor // every actor the claims name
	Claims  []Claim
}

// Page asks for one page of a list: at most First items after the cursor After.
type Page struct {
	First int    // how many; <= 0 means DefaultPageSize; clamped to MaxPageSize
	After string // an opaque cursor from a previous page; "" for the first page
}

// Paging limits.
const (
	DefaultPageSize = 50
	MaxPageSize     = 1000
	MaxHops         = 3    // the most hops a neighbourhood may span
	MaxPathHops     = 6    // the longest path ShortestPath looks for
	DefaultLimit    = 500  // the default cap on a neighbourhood's actors
	MaxLimit        = 5000 // the most actors a neighbourhood may return
)

// ActorQuery selects actors.
//
// With Search set, an actor matches when every word of Search is a prefix of a word of its name
// or of one of its aliases, ignoring case; the matches come ordered by how well the name
// matches (the whole name, then a prefix of it, then the rest), then by name and id. Without
// Search, actors come ordered by name and id.
type ActorQuery struct {
	Search string
	Kind   ActorKind // empty for any
	Page
}

// ActorPage is one page of actors.
type ActorPage struct {
	Actors    []Actor
	Total     int    // how many actors match in all
	EndCursor string // cursor of the last item on the page; pass it as Page.After for the next
	HasNext   bool
}

// RelationFilter narrows relations by the claims behind them. A relation passes when at least
// one of its non-negated claims has a type in Types (any if empty) and in Quad (any if empty),
// a time within [Since, Until] (either bound optional) and a confidence of at least
// MinConfidence. Its Count, FirstSeen, LastSeen and Score are then computed over the passing
// claims only. Affiliation relations pass only when Types names Affiliation.
type RelationFilter struct {
	Types         []RelationType
	Quad          Quad
	Since, Until  *time.Time
	MinConfidence float64
}

// RelationQuery selects relations.
type RelationQuery struct {
	Actor   string   // relations with this actor at either end ("" for any)
	Source  string   // relations from this actor ("" for any)
	Target  string   // relations to this actor ("" for any)
	Between []string // relations whose both ends are among these actors (nil for any)
	Filter  RelationFilter
	Page
}

// RelationPage is one page of relations.
type RelationPage struct {
	Relations []Relation
	Total     int
	EndCursor string
	HasNext   bool
}

// Subgraph is a neighbourhood: its actors, ordered by distance from the centre and then by id,
// and every relation that passes the filter between two of them, in Relations' order. When more
// than the limit of actors are in reach, the nearest ones are kept and Truncated is set.
type Subgraph struct {
	Actors    []Actor
	Distance  map[string]int // hops from the centre, by actor id
	Relations []Relation
	Truncated bool
}

// Path is a chain of actors from one to another; Steps[i] holds the relations that pass the
// filter between Actors[i] and Actors[i+1], in either direction.
type Path struct {
	Actors []Actor
	Steps  [][]Relation
}

// Evidence is a claim with the article it was found in.
type Evidence struct {
	Claim   Claim
	Article Article
}

// EvidencePage is one page of a relation's claims.
type EvidencePage struct {
	Evidence  []Evidence
	Total     int
	EndCursor string
	HasNext   bool
}

// Stats counts what a store holds.
type Stats struct {
	Actors, Articles, Claims, Relations int
}
