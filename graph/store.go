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
	// Scanner streams the whole store for exports; see export.go.
	Scanner

	// Save stores articles with the actors and claims found in them. An article already present
	// has its claims replaced by the given ones, so saving the same article twice changes
	// nothing; an article given twice in one batch ends as its later copy. Actors are merged by
	// id: fields already set are kept and aliases are united. Claims whose ID is empty get
	// ClaimID.
	//
	// The batch is checked whole before anything is written. It reports ErrInvalid, and saves
	// nothing of the batch (not even its valid articles), for an article or actor without an id,
	// an actor of an unknown kind, or a claim that names another article, names an actor neither
	// given in the batch nor already stored, has an unknown type, or has a confidence that is NaN
	// or infinite.
	//
	// Each article is saved whole or not at all, never in part. What a crash or a failed write
	// part-way through a batch leaves depends on the store: the embedded store writes a batch in
	// one transaction, so none of it is saved; Neo4j may split a batch into several transactions
	// at article boundaries, in batch order, so the articles of the transactions that committed
	// are saved whole and the later ones are absent.
	Save(ctx context.Context, batch []Extraction) error

	// Actor returns the actor with the id, or ErrNotFound.
	Actor(ctx context.Context, id string) (Actor, error)
	// ActorsByID returns, by id, the actors that exist among ids, in one query: ids that name no
	// actor are simply absent from the map, an id may be given more than once, and no ids give
	// an empty map. It reports no ErrNotFound.
	ActorsByID(ctx context.Context, ids []string) (map[string]Actor, error)
	// Actors lists the actors that match the query; see ActorQuery for the order.
	Actors(ctx context.Context, q ActorQuery) (ActorPage, error)
	// Article returns the article with the id, or ErrNotFound.
	Article(ctx context.Context, id string) (Article, error)
	// ArticleText returns the text the article's claims were found in (their Start and End
	// index it in code points), as Save was last given it (Extraction.Text), and true; or
	// false when there is none: the article does not exist, or was saved without its text.
	ArticleText(ctx context.Context, id string) (string, bool, error)
	// Articles lists the articles that match the query (see ArticleQuery), each with all its
	// claims, in CompareArticles' order: newest first, undated last, then by id. Ids that name
	// no article are simply absent. Asked by IDs alone, it costs one store query however many
	// claims the articles hold.
	Articles(ctx context.Context, q ArticleQuery) (ArticlePage, error)

	// Relations lists the relations that match the query, ordered by count (highest first),
	// then source, type and target (ids compared byte by byte). A query about an actor that does
	// not exist answers an empty page, not ErrNotFound.
	Relations(ctx context.Context, q RelationQuery) (RelationPage, error)
	// Neighborhood returns the actors within hops (clamped to 0..MaxHops) of actor along
	// relations that pass the filter, in either direction, and the relations among them; see
	// Subgraph. It reports ErrNotFound if the actor does not exist.
	Neighborhood(ctx context.Context, actor string, hops int, f RelationFilter, limit int) (Subgraph, error)
	// Subgraph returns the union of several actors' neighbourhoods: the actors within q.Hops
	// (clamped to 0..MaxHops) of any of q.Actors along relations that pass the filter, in either
	// direction, each at its distance from the nearest of them, and the relations among them; see
	// Subgraph and SubgraphQuery. Neighborhood is its case of one actor. It reports ErrInvalid
	// for no actors or more than MaxSubgraphActors, and ErrNotFound if one of them does not exist.
	Subgraph(ctx context.Context, q SubgraphQuery) (Subgraph, error)
	// Neighbors returns an actor's strongest neighbours, ranked and cut, with the relations to
	// them (a star) or among them as well; see NeighborQuery. A request costs a bounded number
	// of store queries. It reports ErrNotFound if the actor does not exist.
	Neighbors(ctx context.Context, q NeighborQuery) (Neighbors, error)
	// ShortestPath returns a shortest path from one actor to another along relations that pass
	// the filter, in either direction, of at most maxHops (clamped to 1..MaxPathHops) steps. It
	// returns false if there is none. It reports ErrNotFound if either actor does not exist.
	ShortestPath(ctx context.Context, from, to string, maxHops int, f RelationFilter) (Path, bool, error)
	// Paths returns up to q.Limit (see ClampPaths) simple paths (no actor twice) from q.From to
	// q.To along relations that pass the filter, in either direction, of at most q.MaxHops
	// (clamped to 1..MaxPathHops) steps, each as ShortestPath gives a path: the first q.Limit of
	// all such paths in ComparePaths' order (shortest first, then by their actors' ids compared
	// one by one). From an actor to itself there is one path, of no steps; none at all is an empty
	// list. It reports ErrNotFound if either actor does not exist. A request costs at most
	// MaxPathHops adjacency queries (see KShortestPaths) and a bounded number of others.
	Paths(ctx context.Context, q PathQuery) ([]Path, error)
	// Timeline counts, per bucket of q.Interval (in UTC; weeks start on Monday), the claims
	// between q.A and q.B in both directions that pass the filter, by type and direction, with
	// the sums of their types' Goldstein values (TypeInfo.Cooperation); see Timeline. Undated
	// claims are in no bucket, and negated claims are not counted (they pass no filter). With
	// Rollup, the claims of the governments and militaries that stand for A or B count as
	// theirs. It reports ErrInvalid if A and B are the same actor or the interval is unknown,
	// and ErrNotFound if either actor does not exist.
	Timeline(ctx context.Context, q TimelineQuery) (Timeline, error)
	// Evidence returns, for each relation key asked, a page of the claims behind it that pass
	// the filter (negated ones included), ordered by time, then id, each with its article. Every
	// key asked has a page in the map, empty for a key without such claims.
	Evidence(ctx context.Context, keys []RelationKey, f RelationFilter, page Page) (map[RelationKey]EvidencePage, error)

	// Stats counts what is stored; see Stats.
	Stats(ctx context.Context) (Stats, error)
	// Close releases the store.
	Close() error
}

// MaxArticleTextRunes bounds the offsets into an article's text that are worth asking for: the
// loader keeps no article over 1 MiB, which is at most this many code points.
const MaxArticleTextRunes = 1 << 20

// Extraction is an article and what was found in it: the unit that Store.Save keeps whole.
type Extraction struct {
	Article Article
	Actors  []Actor // every actor the claims name
	Claims  []Claim
	// Text is the article's text, which the claims' offsets index; "" when it is not kept. It
	// is stored apart from the Article, so that listing articles does not read their texts,
	// and replaced with the article (an article saved again without text has none).
	Text string
}

// Page asks for one page of a list: at most First items after the cursor After, or, paging
// backward, the last Last items before the cursor Before (of the whole list without one). A
// cursor stands for an item by its sort key, so that pages stay put while items are added; see
// cursor.go.
type Page struct {
	First int    // how many; <= 0 means DefaultPageSize; clamped to MaxPageSize
	After string // an opaque cursor from a previous page; "" for the first page
	// Backward paging, when Last > 0 or Before is set; First and After must then be unset.
	Last   int    // how many; clamped as First is
	Before string // an opaque cursor from a previous page; "" for the end of the list
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
// Search made of white space alone is no search. With Search set, an actor matches when every
// word of Search is a prefix of a word of its name or of one of its aliases, ignoring case; the
// matches come ordered by how well the name matches (the whole name, then a prefix of it, then
// the rest), then by name and id. Without Search, actors come ordered by name and id. A Search
// of more than MaxSearchWords words is ErrInvalid.
type ActorQuery struct {
	Search string
	Kind   ActorKind // empty for any; a kind not in ActorKinds is ErrInvalid
	Page
}

// ActorPage is one page of actors.
type ActorPage struct {
	Actors    []Actor
	Total     int    // how many actors match in all
	EndCursor string // cursor of the last item on the page; pass it as Page.After for the next
	HasNext   bool   // items follow the page
	HasPrev   bool   // items precede the page
}

// RelationFilter narrows relations by the claims behind them. A relation passes when at least
// one of its non-negated claims has a type in Types (any if empty) and in Quad (any if empty),
// a time within [Since, Until] (either bound optional) and a confidence of at least
// MinConfidence. An undated claim (zero Time) is in no time range: with Since or Until set, it
// never passes. Its Count, FirstSeen, LastSeen and Score are then computed over the passing
// claims only, FirstSeen and LastSeen over the dated ones. Affiliation relations pass only when
// Types names Affiliation.
//
// Rollup counts a state's government and military as the state: when it is set, every actor of
// kind KindGovernment or KindMilitary whose Country is set, and whose state (the actor whose id
// is that Country) is stored, stands for that state in relations, neighbourhoods, paths and
// evidence (see RollupID). Claims are then aggregated under the rolled-up ids, so that UKR-GOV
// SUPPORT X and UKR SUPPORT X make one relation UKR SUPPORT X counting both claims; traversal
// walks the rolled-up ids; and Evidence for the key (UKR, SUPPORT, X) returns the claims of
// UKR, UKR-GOV and UKR-MIL to X. A claim that roll-up turns into a self-relation (UKR-GOV to UKR
// becoming UKR to UKR) is dropped. The ids a query names (an actor, a centre, a key) are taken
// as they are, not rolled up.
type RelationFilter struct {
	Types         []RelationType
	Quad          Quad
	Since, Until  *time.Time
	MinConfidence float64
	Rollup        bool
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
	HasPrev   bool
}

// Subgraph is a neighbourhood: its actors, ordered by distance from the centre (from the nearest
// start, for several) and then by id, and every relation that passes the filter between two of
// them, in Relations' order. When more than the limit of actors are in reach, the nearest ones
// are kept and Truncated is set.
type Subgraph struct {
	Actors    []Actor
	Distance  map[string]int // hops from the centre or the nearest start, by actor id
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
	HasPrev   bool
}

// Stats counts what a store holds. Relations counts the relation keys (source, type, target)
// with at least one non-negated claim, AFFILIATION included; a key whose claims are all negated
// is not counted.
type Stats struct {
	Actors, Articles, Claims, Relations int
}
