package neo4j

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/dyadgraph/dyad/graph"
	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// maxClaimsPerTransaction caps the claims of one write transaction; an article is never split,
// so a single larger article still gets a transaction of its own.
const maxClaimsPerTransaction = 20000

// preparedArticle is one extraction checked and normalised for writing: private copies of its
// values, claim ids filled in, duplicate claims (same id) reduced to the last one.
type preparedArticle struct {
	article graph.Article
	actors  []graph.Actor
	claims  []graph.Claim
}

// Save stores the extractions; see graph.Store.Save.
//
// The batch is checked whole before anything is written: an article without id, an actor
// without id or of an unknown kind, a claim of an unknown relation type, with a confidence that
// is not a number, belonging to another article, or naming an actor neither given in the batch
// nor already stored rejects the whole batch with graph.ErrInvalid, and nothing is written (as
// the embedded store does). Up to Options.BatchSize articles then share one transaction; see the
// package documentation.
func (s *Store) Save(ctx context.Context, batch []graph.Extraction) error {
	prepared := make([]preparedArticle, 0, len(batch))
	mentions := map[string][]graph.Actor{} // every actor given in the batch, in batch order
	for i, x := range batch {
		p, err := prepare(x)
		if err != nil {
			return fmt.Errorf("neo4j: save: article %d (%q): %w", i, x.Article.ID, err)
		}
		for _, a := range p.actors {
			mentions[a.ID] = append(mentions[a.ID], a)
		}
		prepared = append(prepared, p)
	}
	if err := s.checkActors(ctx, prepared, mentions); err != nil {
		return err
	}
	// An article given twice is replaced by its later version, as if the batch were saved one
	// article at a time. Only the last copy is written, with the earlier copies' actors before
	// its own (so they merge in batch order): no transaction ever holds a copy that a crash
	// could leave in place of both.
	last := map[string]int{}
	for i, p := range prepared {
		last[p.article.ID] = i
	}
	kept := prepared[:0:0]
	earlier := map[string][]graph.Actor{}
	for i, p := range prepared {
		if last[p.article.ID] != i {
			earlier[p.article.ID] = append(earlier[p.article.ID], p.actors...)
			continue
		}
		if a := earlier[p.article.ID]; len(a) > 0 {
			p.actors = append(a, p.actors...)
		}
		kept = append(kept, p)
	}
	prepared = kept
	for len(prepared) > 0 {
		n, claims := 0, 0
		for n < len(prepared) && n < s.batchSize && (n == 0 || claims+len(prepared[n].claims) <= maxClaimsPerTransaction) {
			claims += len(prepared[n].claims)
			n++
		}
		if _, err := write(ctx, s, func(tx driver.ManagedTransaction) (struct{}, error) {
			return struct{}{}, writeArticles(ctx, tx, prepared[:n], mentions)
		}); err != nil {
			return fmt.Errorf("neo4j: save: %w", err)
		}
		prepared = prepared[n:]
	}
	return nil
}

// prepare checks one extraction and makes the private, normalised copy that is written.
func prepare(x graph.Extraction) (preparedArticle, error) {
	if x.Article.ID == "" {
		return preparedArticle{}, graph.Errorf(graph.ErrInvalid, "the article has no id")
	}
	p := preparedArticle{article: x.Article}
	byID := map[string]int{}
	for i, a := range x.Actors {
		if a.ID == "" {
			return preparedArticle{}, graph.Errorf(graph.ErrInvalid, "actor %d (%q) has no id", i, a.Name)
		}
		if a.Kind != "" && !a.Kind.Valid() {
			return preparedArticle{}, graph.Errorf(graph.ErrInvalid, "actor %q has unknown kind %q", a.ID, a.Kind)
		}
		a = normalizeActor(a)
		if j, ok := byID[a.ID]; ok {
			p.actors[j] = mergeActor(p.actors[j], a)
			continue
		}
		byID[a.ID] = len(p.actors)
		p.actors = append(p.actors, a)
	}
	claimAt := map[string]int{}
	for i, c := range x.Claims {
		if !c.Type.Valid() {
			return preparedArticle{}, graph.Errorf(graph.ErrInvalid, "claim %d: unknown relation type %q", i, c.Type)
		}
		if c.Source == "" || c.Target == "" {
			return preparedArticle{}, graph.Errorf(graph.ErrInvalid, "claim %d: source and target actor ids are required", i)
		}
		if math.IsNaN(c.Confidence) || math.IsInf(c.Confidence, 0) {
			return preparedArticle{}, graph.Errorf(graph.ErrInvalid, "claim %d: confidence %v is not a number", i, c.Confidence)
		}
		switch c.ArticleID {
		case "":
			c.ArticleID = x.Article.ID
		case x.Article.ID:
		default:
			return preparedArticle{}, graph.Errorf(graph.ErrInvalid, "claim %d belongs to article %q, not this one", i, c.ArticleID)
		}
		if c.ID == "" {
			c.ID = graph.ClaimID(c)
		}
		if j, ok := claimAt[c.ID]; ok {
			p.claims[j] = c
			continue
		}
		claimAt[c.ID] = len(p.claims)
		p.claims = append(p.claims, c)
	}
	return p, nil
}

// normalizeActor returns a copy of a with its aliases sorted, without duplicates or empties.
func normalizeActor(a graph.Actor) graph.Actor {
	var aliases []string
	for _, al := range a.Aliases {
		if al != "" {
			aliases = append(aliases, al)
		}
	}
	slices.Sort(aliases)
	a.Aliases = slices.Compact(aliases)
	return a
}

// mergeActor merges b into a: a's fields that are set are kept, aliases are united.
func mergeActor(a, b graph.Actor) graph.Actor {
	if a.Name == "" {
		a.Name = b.Name
	}
	if a.Kind == "" {
		a.Kind = b.Kind
	}
	if a.Country == "" {
		a.Country = b.Country
	}
	if a.QID == "" {
		a.QID = b.QID
	}
	a.Aliases = append(slices.Clone(a.Aliases), b.Aliases...)
	return normalizeActor(a)
}

// checkActors reports graph.ErrInvalid, naming the first, if a claim names an actor that is
// neither given in the batch nor already stored. It asks the database once, for the ids that the
// batch does not give.
func (s *Store) checkActors(ctx context.Context, articles []preparedArticle, given map[string][]graph.Actor) error {
	var ask []string
	asked := map[string]bool{}
	for _, p := range articles {
		for _, c := range p.claims {
			for _, id := range []string{c.Source, c.Target} {
				if _, ok := given[id]; !ok && !asked[id] {
					asked[id] = true
					ask = append(ask, id)
				}
			}
		}
	}
	if len(ask) == 0 {
		return nil
	}
	stored, err := read(ctx, s, func(tx driver.ManagedTransaction) (map[string]graph.Actor, error) {
		return actorsByID(ctx, tx, ask)
	})
	if err != nil {
		return fmt.Errorf("neo4j: save: looking up actors: %w", err)
	}
	for i, p := range articles {
		for j, c := range p.claims {
			for _, end := range []struct{ role, id string }{{"source", c.Source}, {"target", c.Target}} {
				_, isGiven := given[end.id]
				if _, isStored := stored[end.id]; !isGiven && !isStored {
					return fmt.Errorf("neo4j: save: article %d (%q): %w", i, p.article.ID, graph.Errorf(graph.ErrInvalid,
						"claim %d: %s actor %q is neither given nor stored", j, end.role, end.id))
				}
			}
		}
	}
	return nil
}

// pair is a (source, target) dyad whose derived edges a write must recompute.
type pair struct{ source, target string }

// writeArticles writes whole articles in the transaction tx, with the actors they give or name
// that the batch gives (mentions). It may run more than once (the driver retries), so it changes
// nothing outside tx.
func writeArticles(ctx context.Context, tx driver.ManagedTransaction, articles []preparedArticle, mentions map[string][]graph.Actor) error {
	// Actors, merged with what is stored and with every mention in the batch, in batch order;
	// merging is idempotent, so an actor that several transactions of one batch write ends the
	// same. MERGE, then SET, locks each actor before its stored fields are read, so concurrent
	// saves of one actor merge rather than overwrite.
	needed := map[string]bool{}
	for _, p := range articles {
		for _, a := range p.actors {
			needed[a.ID] = true
		}
		for _, c := range p.claims {
			for _, id := range []string{c.Source, c.Target} {
				if _, ok := mentions[id]; ok {
					needed[id] = true
				}
			}
		}
	}
	actorIDs := slices.Sorted(maps.Keys(needed))
	if len(actorIDs) > 0 {
		recs, err := collect(ctx, tx, `
UNWIND $ids AS id
MERGE (a:Actor {id: id})
SET a.id = id
RETURN properties(a) AS actor`, map[string]any{"ids": actorIDs})
		if err != nil {
			return fmt.Errorf("actors: %w", err)
		}
		merged := map[string]graph.Actor{}
		for _, r := range recs {
			a := actorFrom(asMap(get(r, "actor")))
			merged[a.ID] = a
		}
		props := make([]map[string]any, 0, len(actorIDs))
		for _, id := range actorIDs {
			a := merged[id]
			a.ID = id
			for _, b := range mentions[id] {
				a = mergeActor(a, b)
			}
			props = append(props, actorProps(a))
		}
		if err := exec(ctx, tx, "UNWIND $actors AS a MATCH (x:Actor {id: a.id}) SET x = a", map[string]any{"actors": props}); err != nil {
			return fmt.Errorf("actors: %w", err)
		}
	}

	// Articles.
	articleRows := make([]map[string]any, len(articles))
	articleIDs := make([]string, len(articles))
	for i, p := range articles {
		articleRows[i] = articleProps(p.article)
		articleIDs[i] = p.article.ID
	}
	if err := exec(ctx, tx, "UNWIND $articles AS a MERGE (x:Article {id: a.id}) SET x = a",
		map[string]any{"articles": articleRows}); err != nil {
		return fmt.Errorf("articles: %w", err)
	}

	// The new claims, the last of a repeated id winning (as if the articles were saved one by one).
	at := map[string]int{}
	var claims []graph.Claim
	for _, p := range articles {
		for _, c := range p.claims {
			if i, ok := at[c.ID]; ok {
				claims[i] = c
				continue
			}
			at[c.ID] = len(claims)
			claims = append(claims, c)
		}
	}
	claimRows := make([]map[string]any, len(claims))
	keep := make([]string, len(claims))
	touched := map[pair]bool{}
	for i, c := range claims {
		claimRows[i] = claimProps(c)
		keep[i] = c.ID
		touched[pair{c.Source, c.Target}] = true
	}

	// Claims of these articles that are no longer given, and claims whose id moves to another
	// article or dyad, go; their dyads are recomputed below.
	for _, q := range []string{`
MATCH (c:Claim) WHERE c.article IN $articles AND NOT c.id IN $keep
WITH c, c.source AS s, c.target AS t
DETACH DELETE c
RETURN DISTINCT s, t`, `
UNWIND $claims AS n
MATCH (c:Claim {id: n.id})
WHERE c.article <> n.article OR c.source <> n.source OR c.target <> n.target
WITH c, c.source AS s, c.target AS t
DETACH DELETE c
RETURN DISTINCT s, t`} {
		recs, err := collect(ctx, tx, q, map[string]any{"articles": articleIDs, "keep": keep, "claims": claimRows})
		if err != nil {
			return fmt.Errorf("replacing claims: %w", err)
		}
		for _, r := range recs {
			touched[pair{asString(get(r, "s")), asString(get(r, "t"))}] = true
		}
	}

	if len(claims) > 0 {
		recs, err := collect(ctx, tx, `
UNWIND $claims AS c
MATCH (s:Actor {id: c.source})
MATCH (t:Actor {id: c.target})
MATCH (a:Article {id: c.article})
MERGE (x:Claim {id: c.id})
SET x = c
MERGE (s)-[:SOURCE_OF]->(x)
MERGE (x)-[:TARGET]->(t)
MERGE (x)-[:REPORTED_IN]->(a)
RETURN count(x) AS n`, map[string]any{"claims": claimRows})
		if err != nil {
			return fmt.Errorf("claims: %w", err)
		}
		if len(recs) != 1 || int(asInt(get(recs[0], "n"))) != len(claims) {
			return fmt.Errorf("claims: an actor or article of a claim is missing")
		}
	}
	return recomputeRelations(ctx, tx, touched)
}

// createRelationsQuery creates one derived edge per row of $rows, of the row's type. A
// relationship type cannot be a parameter, so the query holds one FOREACH per type of the
// whitelist graph.Types, each run only for the rows of its type.
var createRelationsQuery = func() string {
	var b strings.Builder
	b.WriteString("UNWIND $rows AS r\nMATCH (s:Actor {id: r.source})\nMATCH (t:Actor {id: r.target})\n")
	for _, info := range graph.Types {
		pattern, err := typePattern([]graph.RelationType{info.Type})
		if err != nil {
			panic(err) // graph.Types itself is malformed: a programming error caught by every test
		}
		fmt.Fprintf(&b, "FOREACH (_ IN CASE WHEN r.type = '%[1]s' THEN [1] ELSE [] END |\n"+
			"  CREATE (s)-[:%[1]s {count: r.count, firstSeen: r.firstSeen, lastSeen: r.lastSeen, score: r.score}]->(t))\n", pattern)
	}
	return b.String()
}()

// recomputeRelations rebuilds the derived edges of the touched dyads from their claims.
func recomputeRelations(ctx context.Context, tx driver.ManagedTransaction, touched map[pair]bool) error {
	if len(touched) == 0 {
		return nil
	}
	pairs := make([]pair, 0, len(touched))
	for p := range touched {
		pairs = append(pairs, p)
	}
	slices.SortFunc(pairs, func(a, b pair) int {
		return cmp.Or(cmp.Compare(a.source, b.source), cmp.Compare(a.target, b.target))
	})
	var ids []string
	pairProps := make([]map[string]any, len(pairs))
	for i, p := range pairs {
		pairProps[i] = map[string]any{"s": p.source, "t": p.target}
		ids = append(ids, p.source, p.target)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)

	// Lock the dyads' actors (in id order) before reading their claims, so that of two
	// transactions touching one dyad the later one sees the earlier one's claims.
	if err := exec(ctx, tx, "UNWIND $ids AS id MATCH (a:Actor {id: id}) SET a.id = id", map[string]any{"ids": ids}); err != nil {
		return fmt.Errorf("relations: %w", err)
	}
	params := map[string]any{"pairs": pairProps, "types": typeStrings(allTypes())}
	if err := exec(ctx, tx, `
UNWIND $pairs AS p
MATCH (s:Actor {id: p.s})-[r]->(t:Actor {id: p.t})
WHERE type(r) IN $types
DELETE r`, params); err != nil {
		return fmt.Errorf("relations: %w", err)
	}
	recs, err := collect(ctx, tx, `
UNWIND $pairs AS p
MATCH (c:Claim {source: p.s})
WHERE c.target = p.t AND c.negated = false
WITH c ORDER BY c.idKey
RETURN c.source AS source, c.target AS target, c.type AS type, c.time AS time, c.confidence AS confidence`, params)
	if err != nil {
		return fmt.Errorf("relations: %w", err)
	}
	claims := make([]graph.Claim, len(recs))
	for i, r := range recs {
		claims[i] = graph.Claim{
			Source:     asString(get(r, "source")),
			Target:     asString(get(r, "target")),
			Type:       graph.RelationType(asString(get(r, "type"))),
			Time:       asTime(get(r, "time")),
			Confidence: asFloat(get(r, "confidence")),
		}
	}
	var rows []map[string]any
	for _, rel := range graph.Aggregate(claims, graph.RelationFilter{Types: allTypes()}) {
		rows = append(rows, map[string]any{
			"source":    rel.Source,
			"target":    rel.Target,
			"type":      string(rel.Type),
			"count":     int64(rel.Count),
			"firstSeen": dbTime(rel.FirstSeen),
			"lastSeen":  dbTime(rel.LastSeen),
			"score":     rel.Score,
		})
	}
	if len(rows) == 0 {
		return nil
	}
	if err := exec(ctx, tx, createRelationsQuery, map[string]any{"rows": rows}); err != nil {
		return fmt.Errorf("relations: %w", err)
	}
	return nil
}
