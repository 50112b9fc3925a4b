package server

import (
	"context"
	"log/slog"
	"sync"

	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/schema"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Bounds of the live feed: how many claims a subscriber may lag behind before it is dropped, and
// how many subscriptions may be open at once.
const (
	codeTooManySubscriptions = "TOO_MANY_SUBSCRIPTIONS"
	liveBuffer               = 256
	maxSubscriptions         = 100
	maxLiveActorsList        = 1000
)

// liveFeed hands the claims that the server saves to the subscriptions of claimAdded. Saves reach
// it through publishingStore, so POST /ingest and ingestArticle feed it alike.
type liveFeed struct {
	mu    sync.Mutex
	subs  map[*liveSub]struct{}
	store graph.Store // for the relations after a save
	log   *slog.Logger
}

type liveSub struct {
	filter graph.RelationFilter
	actors map[string]bool // nil for any
	ch     chan *schema.ClaimAdded
	once   sync.Once
}

func (s *liveSub) close() { s.once.Do(func() { close(s.ch) }) }

// wants reports whether a claim passes the subscription's filter and actors.
func (s *liveSub) wants(c graph.Claim) bool {
	f := s.filter
	f.Rollup = false
	return f.Passes(c) && (s.actors == nil || s.actors[c.Source] || s.actors[c.Target])
}

func newLiveFeed(store graph.Store, log *slog.Logger) *liveFeed {
	return &liveFeed{subs: map[*liveSub]struct{}{}, store: store, log: log}
}

// subscribe opens a subscription until ctx ends.
func (f *liveFeed) subscribe(ctx context.Context, filter graph.RelationFilter, actors []string) (<-chan *schema.ClaimAdded, error) {
	if f == nil {
		return nil, badInput("this server has no live feed")
	}
	if err := filter.Validate(); err != nil {
		return nil, badInput("%s", trimKind(err))
	}
	if len(actors) > maxLiveActorsList {
		return nil, badInput("at most %d actors may be followed, not %d", maxLiveActorsList, len(actors))
	}
	s := &liveSub{filter: filter, ch: make(chan *schema.ClaimAdded, liveBuffer)}
	if actors != nil {
		s.actors = map[string]bool{}
		for _, id := range actors {
			s.actors[id] = true
		}
	}
	f.mu.Lock()
	if len(f.subs) >= maxSubscriptions {
		f.mu.Unlock()
		err := gqlerror.Errorf("%d subscriptions are open, the most this server keeps; try again later", maxSubscriptions)
		errcode.Set(err, codeTooManySubscriptions)
		return nil, err
	}
	f.subs[s] = struct{}{}
	f.mu.Unlock()
	go func() {
		<-ctx.Done()
		f.drop(s)
	}()
	return s.ch, nil
}

func (f *liveFeed) drop(s *liveSub) {
	f.mu.Lock()
	delete(f.subs, s)
	f.mu.Unlock()
	s.close()
}

// publish gives each subscription the claims of a saved batch that it wants, each with its
// relation as the store now has it. A subscription whose buffer is full is dropped: its client
// sees the stream end, and may subscribe again and reload what it shows.
func (f *liveFeed) publish(ctx context.Context, batch []graph.Extraction) {
	f.mu.Lock()
	subs := make([]*liveSub, 0, len(f.subs))
	for s := range f.subs {
		subs = append(subs, s)
	}
	f.mu.Unlock()
	if len(subs) == 0 {
		return
	}
	relations := map[graph.RelationKey]*graph.Relation{}
	relationOf := func(c graph.Claim) *graph.Relation {
		k := graph.RelationKey{Source: c.Source, Type: c.Type, Target: c.Target}
		if r, ok := relations[k]; ok {
			return r
		}
		page, err := f.store.Relations(ctx, graph.RelationQuery{Source: k.Source, Target: k.Target,
			Filter: graph.RelationFilter{Types: []graph.RelationType{k.Type}}, Page: graph.Page{First: 1}})
		var r *graph.Relation
		if err != nil {
			f.log.Warn("live: the relation of a saved claim", "relation", k.String(), "err", err)
		} else if len(page.Relations) == 1 {
			r = &page.Relations[0]
		}
		relations[k] = r
		return r
	}
	for _, x := range batch {
		for _, c := range x.Claims {
			var event *schema.ClaimAdded
			for _, s := range subs {
				if !s.wants(c) {
					continue
				}
				if event == nil {
					r := relationOf(c)
					if r == nil {
						break // its relation could not be read: the claim is not announced
					}
					event = &schema.ClaimAdded{Claim: schema.Claim{Claim: c, Article: x.Article}, Relation: schema.Relation{Relation: *r, Actors: f.actor}}
				}
				select {
				case s.ch <- event:
				default:
					f.log.Warn("live: a subscriber fell behind and was dropped", "buffer", liveBuffer)
					f.drop(s)
				}
			}
		}
	}
}

// actor loads an actor of an announced relation, when a subscriber's response is written: in a
// context of its own, as the batch that announced it is done by then.
func (f *liveFeed) actor(id string) (*graph.Actor, error) {
	ctx, cancel := context.WithTimeout(context.Background(), DefaultTimeout)
	defer cancel()
	return actorRef(f.store.Actor(ctx, id))
}

// publishingStore tells the live feed about every batch saved through the server.
type publishingStore struct {
	graph.Store
	feed *liveFeed
}

func (s publishingStore) Save(ctx context.Context, batch []graph.Extraction) error {
	if err := s.Store.Save(ctx, batch); err != nil {
		return err
	}
	s.feed.publish(context.WithoutCancel(ctx), batch)
	return nil
}
