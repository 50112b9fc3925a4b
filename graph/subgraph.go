package graph

// MaxSubgraphActors bounds the actors a SubgraphQuery may start from.
const MaxSubgraphActors = 100

// SubgraphQuery asks for the union of several actors' neighbourhoods: Store.Subgraph.
type SubgraphQuery struct {
	Actors []string // the starts, at distance 0; repeated ids count once
	Hops   int      // clamped to 0..MaxHops
	Filter RelationFilter
	Limit  int // the most actors, clamped by ClampLimit; the starts count, lowest ids first
}

// CheckSubgraphQuery reports ErrInvalid for no actors, more than MaxSubgraphActors different
// ones, or a bad filter, and returns the query with its actors without repeats (in the order
// given) and its hops and limit clamped.
func CheckSubgraphQuery(q SubgraphQuery) (SubgraphQuery, error) {
	ids := map[string]bool{}
	var actors []string
	for _, id := range q.Actors {
		if !ids[id] {
			ids[id] = true
			actors = append(actors, id)
		}
	}
	switch {
	case len(actors) == 0:
		return q, Errorf(ErrInvalid, "a subgraph needs at least one actor")
	case len(actors) > MaxSubgraphActors:
		return q, Errorf(ErrInvalid, "a subgraph starts from at most %d actors; %d were given", MaxSubgraphActors, len(actors))
	}
	if err := q.Filter.Validate(); err != nil {
		return q, err
	}
	q.Actors, q.Hops, q.Limit = actors, ClampHops(q.Hops), ClampLimit(q.Limit)
	return q, nil
}
