package graph

import "context"

// Scanner streams a whole store, for exports that must not hold it in memory: each method calls
// fn once per item, in a stable order, and stops at the first error fn returns, which it then
// returns. fn may call the store's other methods. A Save that runs during a scan may or may not
// be seen by it, but no item is given twice.
type Scanner interface {
	// EachActor calls fn with every stored actor, ordered by id (byte by byte).
	EachActor(ctx context.Context, fn func(Actor) error) error
	// EachRelation calls fn with every relation of the whole graph that passes the filter, as
	// Relations would list them but ordered by key: source, type, then target (ids compared
	// byte by byte).
	EachRelation(ctx context.Context, f RelationFilter, fn func(Relation) error) error
}

// ActorCode is a CAMEO-style code for an actor, as GDELT and ICEWS event rows carry them: the
// country's ISO 3166-1 alpha-3 code, followed by a role code for what is not the state itself
// (GOV government, MIL military, REB armed group, PTY party, MED media, NGO); IGO for an
// intergovernmental organisation. A person or other actor with a country gets the country's
// code; an actor without a country gets its role code alone, or "" for a person or other.
func ActorCode(a Actor) string {
	role := map[ActorKind]string{KindGovernment: "GOV", KindMilitary: "MIL", KindArmedGroup: "REB",
		KindParty: "PTY", KindMedia: "MED", KindNGO: "NGO", KindIGO: "IGO"}[a.Kind]
	if a.Kind == KindIGO || a.Country == "" {
		return role
	}
	return a.Country + role
}
