package server

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/schema"
)

// batches holds one GraphQL operation's loaders: what it has loaded and which keys were listed
// together. Every operation gets its own (see newGraphQLHandler), so nothing is cached across
// requests.
type batches struct {
	store graph.Store

	actorSiblings siblings[string]
	actors        *loader[string, graph.Actor]

	relationSiblings siblings[graph.RelationKey]

	articleSiblings siblings[string]
	articleClaims   *loader[string, []graph.Claim] // see articlebatch.go

	mu       sync.Mutex
	evidence map[string]*loader[graph.RelationKey, graph.EvidencePage] // by evidenceArgs.key
}

func newBatches(store graph.Store) *batches {
	b := &batches{store: store, evidence: map[string]*loader[graph.RelationKey, graph.EvidencePage]{}}
	b.actors = newLoader(&b.actorSiblings, store.ActorsByID) // a list's actors in one store call
	b.articleClaims = newLoader(&b.articleSiblings, b.fetchArticleClaims)
	return b
}

type batchesKey struct{}

func withBatches(ctx context.Context, b *batches) context.Context {
	return context.WithValue(ctx, batchesKey{}, b)
}

// batchesFrom returns the operation's batches. Outside an operation (a resolver called directly)
// it returns fresh ones, which still work but share nothing.
func (r *Resolver) batchesFrom(ctx context.Context) *batches {
	if b, ok := ctx.Value(batchesKey{}).(*batches); ok {
		return b
	}
	return newBatches(r.Store)
}

// knowActors primes the actor loader with actors already at hand.
func (b *batches) knowActors(actors ...graph.Actor) {
	for _, a := range actors {
		b.actors.prime(a.ID, a)
	}
}

// relations announces a list of relations (see listedRelations) and makes them GraphQL
// relations whose actors load through the batches.
func (b *batches) relations(ctx context.Context, rs []graph.Relation) []schema.Relation {
	b.listedRelations(rs)
	return b.graphQLRelations(ctx, rs)
}

// graphQLRelations makes relations already announced GraphQL relations whose actors load
// through the batches.
func (b *batches) graphQLRelations(ctx context.Context, rs []graph.Relation) []schema.Relation {
	return schema.RelationsOf(rs, func(id string) (*graph.Actor, error) { return actorRef(b.actor(ctx, id)) })
}

// listedRelations announces a list of relations: their actors and their evidence will be
// loaded together when the first of them is asked for.
func (b *batches) listedRelations(rs []graph.Relation) {
	keys := make([]graph.RelationKey, len(rs))
	ids := make([]string, 0, 2*len(rs))
	for i, r := range rs {
		keys[i] = r.Key()
		ids = append(ids, r.Source, r.Target)
	}
	b.relationSiblings.announce(keys)
	b.actorSiblings.announce(ids)
}

// listedClaims announces a list of claims, whose actors will be loaded together.
func (b *batches) listedClaims(es []graph.Evidence) {
	ids := make([]string, 0, 2*len(es))
	for _, e := range es {
		ids = append(ids, e.Claim.Source, e.Claim.Target)
	}
	b.actorSiblings.announce(ids)
}

// actor loads an actor that a relation or claim names.
func (b *batches) actor(ctx context.Context, id string) (graph.Actor, error) {
	a, found, err := b.actors.load(ctx, id)
	if err != nil {
		return graph.Actor{}, err
	}
	if !found {
		return graph.Actor{}, fmt.Errorf("the store holds no actor %q although its relations name it", id)
	}
	return a, nil
}

// evidenceArgs are the arguments of one Relation.evidence field. Relations asked for evidence
// with the same arguments share a store call.
type evidenceArgs struct {
	filter graph.RelationFilter
	page   graph.Page
}

// key renders the arguments as a map key.
func (a evidenceArgs) key() string {
	var s strings.Builder
	for _, t := range a.filter.Types {
		s.WriteString(string(t))
		s.WriteByte(',')
	}
	fmt.Fprintf(&s, "|%s|%s|%s|%s|%t|%d|%s|%d|%s", a.filter.Quad, timeKey(a.filter.Since), timeKey(a.filter.Until),
		strconv.FormatFloat(a.filter.MinConfidence, 'g', -1, 64), a.filter.Rollup, a.page.First, a.page.After,
		a.page.Last, a.page.Before)
	return s.String()
}

func timeKey(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// evidenceOf loads a page of a relation's evidence.
func (b *batches) evidenceOf(ctx context.Context, k graph.RelationKey, args evidenceArgs) (graph.EvidencePage, error) {
	key := args.key()
	b.mu.Lock()
	l := b.evidence[key]
	if l == nil {
		l = newLoader(&b.relationSiblings, func(ctx context.Context, keys []graph.RelationKey) (map[graph.RelationKey]graph.EvidencePage, error) {
			pages, err := b.store.Evidence(ctx, keys, args.filter, args.page)
			b.listedEvidence(pages)
			return pages, err
		})
		b.evidence[key] = l
	}
	b.mu.Unlock()
	page, _, err := l.load(ctx, k)
	return page, err
}
