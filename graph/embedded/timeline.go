package embedded

import (
	"context"

	"github.com/dyadgraph/dyad/graph"
)

// Timeline counts the claims between two actors by bucket; see graph.Store.Timeline. It reads
// the claim summaries of the relation keys between the two (each allowed type, both ways; the
// rolled-up keys under roll-up) and nothing else.
func (s *Store) Timeline(ctx context.Context, q graph.TimelineQuery) (graph.Timeline, error) {
	q, err := graph.CheckTimelineQuery(q)
	if err != nil {
		return graph.Timeline{}, err
	}
	var out graph.Timeline
	err = s.view(ctx, func(r *reader) error {
		r = r.withRollup(s, q.Filter)
		var ends [2]graph.Actor
		for i, id := range []string{q.A, q.B} {
			a, ok, err := r.actor(id)
			if err != nil {
				return err
			}
			if !ok {
				return graph.Errorf(graph.ErrNotFound, "actor %q", id)
			}
			ends[i] = a
		}
		claims := func(k graph.RelationKey) []graph.Claim {
			var cs []graph.Claim
			r.eachSummary(k, func(s summary) bool {
				c := s.claim(k.Type)
				c.ID, c.Source, c.Target = s.id, k.Source, k.Target
				cs = append(cs, c)
				return true
			})
			return cs
		}
		var aToB, bToA []graph.Claim
		for _, t := range q.Filter.AllowedTypes() {
			aToB = append(aToB, claims(graph.RelationKey{Source: q.A, Type: t, Target: q.B})...)
			bToA = append(bToA, claims(graph.RelationKey{Source: q.B, Type: t, Target: q.A})...)
		}
		counts := graph.CountTimeline(aToB, bToA, q.Filter, q.Interval)
		out = graph.AssembleTimeline(ends[0], ends[1], q.Interval, counts)
		return nil
	})
	if err != nil {
		return graph.Timeline{}, err
	}
	return out, nil
}
