package embedded

import (
	"sync"

	"github.com/dyadgraph/dyad/graph"
)

// view is what relation queries read: claims grouped by relation key, and each actor's keys.
// Without roll-up it is the index's own maps; with it, the same claims grouped under the
// rolled-up keys (see graph.RelationFilter.Rollup).
type view struct {
	claims    map[graph.RelationKey][]graph.Claim
	actorKeys map[string]map[graph.RelationKey]struct{}
}

// rollupCache holds the rolled-up view, built on first use and dropped by every write. Readers
// share the index, so the cache has a lock of its own.
type rollupCache struct {
	mu   sync.Mutex
	view *view
}

// invalidate drops the rolled-up view after a write.
func (rc *rollupCache) invalidate() {
	rc.mu.Lock()
	rc.view = nil
	rc.mu.Unlock()
}

// view returns the view a filter reads.
func (ix *index) view(f graph.RelationFilter) view {
	if !f.Rollup {
		return view{claims: ix.claims, actorKeys: ix.actorKeys}
	}
	ix.rollup.mu.Lock()
	defer ix.rollup.mu.Unlock()
	if ix.rollup.view == nil {
		ix.rollup.view = ix.buildRollup()
	}
	return *ix.rollup.view
}

// rollupID is the id an actor stands under with roll-up: graph.RollupID, when the state it
// names is stored.
func (ix *index) rollupID(id string) string {
	if a, ok := ix.actors[id]; ok {
		if state := graph.RollupID(a); state != id {
			if _, stored := ix.actors[state]; stored {
				return state
			}
		}
	}
	return id
}

// buildRollup groups every claim under its rolled-up key, dropping the self-relations that
// roll-up makes.
func (ix *index) buildRollup() *view {
	v := &view{
		claims:    make(map[graph.RelationKey][]graph.Claim, len(ix.claims)),
		actorKeys: make(map[string]map[graph.RelationKey]struct{}, len(ix.actorKeys)),
	}
	for _, claims := range ix.claims {
		for _, c := range claims {
			k, ok := graph.RollupKey(c, ix.rollupID)
			if !ok {
				continue
			}
			v.claims[k] = append(v.claims[k], c)
			for _, end := range []string{k.Source, k.Target} {
				keys := v.actorKeys[end]
				if keys == nil {
					keys = map[graph.RelationKey]struct{}{}
					v.actorKeys[end] = keys
				}
				keys[k] = struct{}{}
			}
		}
	}
	return v
}
