package embedded

import (
	"context"

	"github.com/dyadgraph/dyad/graph"
)

// Timeline counts the claims between two actors by bucket; see graph.Store.Timeline. It reads
// the claims of the relation keys between the two (v.claims of each allowed type, both ways; the
// rolled-up keys under roll-up) and nothing else.
func (s *Store) Timeline(ctx context.Context, q graph.TimelineQuery) (graph.Timeline, error) {
	q, err := graph.CheckTimelineQuery(q)
	if err != nil {
		return graph.Timeline{}, err
	}
	ix, done, err := s.read(ctx)
	if err != nil {
		return graph.Timeline{}, err
	}
	defer done()
	for _, id := range []string{q.A, q.B} {
		if _, ok := ix.actors[id]; !ok {
			return graph.Timeline{}, graph.Errorf(graph.ErrNotFound, "actor %q", id)
		}
	}
	v := ix.view(q.Filter)
	var aToB, bToA []graph.Claim
	for _, t := range q.Filter.AllowedTypes() {
		aToB = append(aToB, v.claims[graph.RelationKey{Source: q.A, Type: t, Target: q.B}]...)
		bToA = append(bToA, v.claims[graph.RelationKey{Source: q.B, Type: t, Target: q.A}]...)
	}
	counts := graph.CountTimeline(aToB, bToA, q.Filter, q.Interval)
	return graph.AssembleTimeline(copyActor(ix.actors[q.A]), copyActor(ix.actors[q.B]), q.Interval, counts), nil
}
