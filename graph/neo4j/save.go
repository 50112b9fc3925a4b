package neo4j

import (
	"context"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"time"

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
	text    string
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
	stored, err := s.lookUpActors(ctx, prepared, mentions)
	if err != nil {
		return err
	}
	change := actorsToWrite(mentions, stored)
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
			return struct{}{}, writeArticles(ctx, tx, prepared[:n], mentions, change)
		}); err != nil {
			return fmt.Errorf("neo4j: save: %w", err)
		}
		// What this transaction merged is stored now; later ones need not write it again.
		for _, p := range prepared[:n] {
			for _, a := range p.actors {
				delete(change, a.ID)
			}
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
	p := preparedArticle{article: x.Article, text: x.Text}
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

// lookUpActors reads, in one query, the stored actors that the batch gives or that its claims
// name. It reports graph.ErrInvalid, naming the first, if a claim names an actor that is neither
// given in the batch nor stored.
func (s *Store) lookUpActors(ctx context.Context, articles []preparedArticle, given map[string][]graph.Actor) (map[string]graph.Actor, error) {
	var ask []string
	asked := map[string]bool{}
	for _, p := range articles {
		for _, a := range p.actors {
			if !asked[a.ID] {
				asked[a.ID] = true
				ask = append(ask, a.ID)
			}
		}
		for _, c := range p.claims {
			for _, id := range []string{c.Source, c.Target} {
				if !asked[id] {
					asked[id] = true
					ask = append(ask, id)
				}
			}
		}
	}
	if len(ask) == 0 {
		return map[string]graph.Actor{}, nil
	}
	stored, err := read(ctx, s, func(tx driver.ManagedTransaction) (map[string]graph.Actor, error) {
		return actorsByID(ctx, tx, ask)
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: save: looking up actors: %w", err)
	}
	for i, p := range articles {
		for j, c := range p.claims {
			for _, end := range []struct{ role, id string }{{"source", c.Source}, {"target", c.Target}} {
				_, isGiven := given[end.id]
				if _, isStored := stored[end.id]; !isGiven && !isStored {
					return nil, fmt.Errorf("neo4j: save: article %d (%q): %w", i, p.article.ID, graph.Errorf(graph.ErrInvalid,
						"claim %d: %s actor %q is neither given nor stored", j, end.role, end.id))
				}
			}
		}
	}
	return stored, nil
}

// actorsToWrite returns the ids of the given actors that the batch adds to: those not stored,
// and those whose stored fields the batch's mentions would change. The others need no write.
// Merging only ever sets empty fields and adds aliases, so an actor that already holds all of a
// batch's mentions holds them whatever is written later: skipping it loses nothing, even when
// another save changes it meanwhile.
func actorsToWrite(mentions map[string][]graph.Actor, stored map[string]graph.Actor) map[string]bool {
	out := map[string]bool{}
	for id, ms := range mentions {
		old, ok := stored[id]
		if !ok {
			out[id] = true
			continue
		}
		merged := old
		for _, m := range ms {
			merged = mergeActor(merged, m)
		}
		if merged.Name != old.Name || merged.Kind != old.Kind || merged.Country != old.Country ||
			merged.QID != old.QID || !slices.Equal(merged.Aliases, old.Aliases) {
			out[id] = true
		}
	}
	return out
}

// pair is a (source, target) dyad whose derived edges a write must recompute.
type pair struct{ source, target string }

// writeArticles writes whole articles in the transaction tx: first the actors among change that
// they give or name (two statements, only when there are such actors), then everything else in
// one statement (writeQuery). It may run more than once (the driver retries), so it changes
// nothing outside tx.
func writeArticles(ctx context.Context, tx driver.ManagedTransaction, articles []preparedArticle, mentions map[string][]graph.Actor, change map[string]bool) error {
	needed := map[string]bool{}
	for _, p := range articles {
		for _, a := range p.actors {
			if change[a.ID] {
				needed[a.ID] = true
			}
		}
		for _, c := range p.claims {
			for _, id := range []string{c.Source, c.Target} {
				if change[id] {
					needed[id] = true
				}
			}
		}
	}
	if err := writeActors(ctx, tx, slices.Sorted(maps.Keys(needed)), mentions); err != nil {
		return fmt.Errorf("actors: %w", err)
	}

	articleRows := make([]map[string]any, len(articles))
	articleIDs := make([]string, len(articles))
	for i, p := range articles {
		articleRows[i] = articleProps(p.article)
		articleIDs[i] = p.article.ID
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
	var pairs []map[string]any
	for i, c := range claims {
		claimRows[i] = claimProps(c)
		keep[i] = c.ID
		if p := (pair{c.Source, c.Target}); !touched[p] {
			touched[p] = true
			pairs = append(pairs, map[string]any{"s": c.Source, "t": c.Target})
		}
	}
	if pairs == nil {
		pairs = []map[string]any{}
	}
	params := map[string]any{
		"articles": articleRows, "articleIds": articleIDs, "keep": keep, "claims": claimRows, "pairs": pairs,
		"undated": dbTime(time.Time{})} // for seenAggregates: an undated claim adds no date to its edge
	recs, err := collect(ctx, tx, writeQuery, params)
	if err != nil {
		return err
	}
	if len(recs) != 1 {
		return fmt.Errorf("claims: got %d records, want 1", len(recs))
	}
	if n := int(asInt(get(recs[0], "written"))); n != len(claims) {
		return fmt.Errorf("claims: wrote %d of %d: an actor or article of a claim is missing", n, len(claims))
	}
	return writeTexts(ctx, tx, articles)
}

// writeTexts replaces the articles' texts, kept in :ArticleText nodes {article, text} apart from
// the :Article nodes, so that the queries that list articles read no text. An article without
// text loses the one it had.
func writeTexts(ctx context.Context, tx driver.ManagedTransaction, articles []preparedArticle) error {
	texts := []map[string]any{}
	none := []string{}
	for _, p := range articles {
		if p.text == "" {
			none = append(none, p.article.ID)
		} else {
			texts = append(texts, map[string]any{"id": p.article.ID, "text": p.text})
		}
	}
	if len(texts) > 0 {
		if err := exec(ctx, tx, "UNWIND $texts AS t MERGE (x:ArticleText {article: t.id}) SET x.text = t.text",
			map[string]any{"texts": texts}); err != nil {
			return fmt.Errorf("texts: %w", err)
		}
	}
	if len(none) > 0 {
		if err := exec(ctx, tx, "MATCH (x:ArticleText) WHERE x.article IN $ids DELETE x", map[string]any{"ids": none}); err != nil {
			return fmt.Errorf("texts: %w", err)
		}
	}
	return nil
}

// writeActors merges the actors with the ids (sorted) with what is stored and with every mention
// in the batch, in batch order; merging is idempotent, so an actor that several transactions of
// one batch write ends the same. MERGE, then SET, locks each actor before its stored fields are
// read, so concurrent saves of one actor merge rather than overwrite.
func writeActors(ctx context.Context, tx driver.ManagedTransaction, ids []string, mentions map[string][]graph.Actor) error {
	if len(ids) == 0 {
		return nil
	}
	recs, err := collect(ctx, tx, `
UNWIND $ids AS id
MERGE (a:Actor {id: id})
SET a.id = id
RETURN properties(a) AS actor`, map[string]any{"ids": ids})
	if err != nil {
		return err
	}
	merged := map[string]graph.Actor{}
	for _, r := range recs {
		a := actorFrom(asMap(get(r, "actor")))
		merged[a.ID] = a
	}
	props := make([]map[string]any, 0, len(ids))
	for _, id := range ids {
		a := merged[id]
		a.ID = id
		for _, b := range mentions[id] {
			a = mergeActor(a, b)
		}
		props = append(props, actorProps(a))
	}
	return exec(ctx, tx, "UNWIND $actors AS a MATCH (x:Actor {id: a.id}) SET x = a", map[string]any{"actors": props})
}

// writeQuery writes a transaction's articles and claims and recomputes the derived edges of the
// dyads it touches, in one statement (one round trip), set-based throughout:
//
//  1. merge the articles ($articles) on their unique id;
//  2. delete the claims of these articles that are no longer given ($keep), and the given
//     claims whose id is stored for another article or dyad, noting their dyads;
//  3. update the given claims that are stored, and create the others with their three
//     relationships (CREATE, not MERGE: their ids are new);
//  4. lock the actors of every touched dyad ($pairs and those of step 2), in id order, so that of
//     two transactions touching one dyad the later one reads the earlier one's claims;
//  5. delete the dyads' derived edges and create them again from their non-negated claims,
//     found by the (source, target) index and aggregated as graph.Aggregate does (the score
//     multiplied in claim id order, as ScoreOf does in Go), one FOREACH per whitelisted type.
//
// Every MATCH on a property names its index (USING INDEX): a plan cached while the database was
// empty otherwise scans a whole index per row once it is not (measured: a 10,000-claim write
// went from 200 million db hits and five minutes to 0.8 million; see BENCHMARKS.md).
//
// Planning this statement costs Neo4j one to three seconds of CPU. Neo4j plans it again whenever
// its statistics drift, which they do all through a load into a young database (measured: two
// such re-plans cost 5.8 s of a 20,000-claim load of 30 s), so it runs with replan=skip: the
// plan cached first is kept, which is safe because every MATCH names its index. A new plan is
// still made for each new bucket of list sizes (Neo4j keys its plan cache on them), which is one
// reason to keep transactions of one size (Options.BatchSize).
//
// It returns how many claims it wrote, which is less than given when an actor or article is
// missing.
var writeQuery = func() string {
	pattern, err := typePattern(allTypes())
	if err != nil {
		panic(err) // graph.Types itself is malformed: a programming error caught by every test
	}
	var create strings.Builder
	for _, info := range graph.Types {
		p, err := typePattern([]graph.RelationType{info.Type})
		if err != nil {
			panic(err)
		}
		fmt.Fprintf(&create, "  FOREACH (_ IN CASE WHEN type = '%[1]s' THEN [1] ELSE [] END |\n"+
			"    CREATE (s)-[:%[1]s {count: count, firstSeen: firstSeen, lastSeen: lastSeen, score: score}]->(t))\n", p)
	}
	return `CYPHER replan=skip
CALL {
  UNWIND $articles AS a
  MERGE (x:Article {id: a.id})
  SET x = a
}
CALL {
  UNWIND $articleIds AS aid
  MATCH (c:Claim {article: aid})
  USING INDEX c:Claim(article)
  WHERE NOT c.id IN $keep
  WITH c, {s: c.source, t: c.target} AS p
  DETACH DELETE c
  RETURN collect(DISTINCT p) AS dropped
}
CALL {
  UNWIND $claims AS n
  MATCH (c:Claim {id: n.id})
  USING INDEX c:Claim(id)
  WHERE c.article <> n.article OR c.source <> n.source OR c.target <> n.target
  WITH c, {s: c.source, t: c.target} AS p
  DETACH DELETE c
  RETURN collect(DISTINCT p) AS moved
}
CALL {
  UNWIND $claims AS n
  OPTIONAL MATCH (old:Claim {id: n.id})
  USING INDEX old:Claim(id)
  CALL {
    WITH n, old
    WITH n, old WHERE old IS NOT NULL
    SET old = n
    RETURN count(*) AS updated
  }
  CALL {
    WITH n, old
    WITH n WHERE old IS NULL
    MATCH (s:Actor {id: n.source})
    USING INDEX s:Actor(id)
    MATCH (t:Actor {id: n.target})
    USING INDEX t:Actor(id)
    MATCH (a:Article {id: n.article})
    USING INDEX a:Article(id)
    CREATE (x:Claim)
    SET x = n
    CREATE (s)-[:SOURCE_OF]->(x), (x)-[:TARGET]->(t), (x)-[:REPORTED_IN]->(a)
    RETURN count(*) AS created
  }
  RETURN sum(updated + created) AS written
}
CALL {
  WITH dropped, moved
  UNWIND dropped + moved + $pairs AS p
  RETURN collect(DISTINCT p) AS pairs
}
CALL {
  WITH pairs
  UNWIND pairs AS p
  UNWIND [p.s, p.t] AS id
  WITH DISTINCT id ORDER BY id
  MATCH (a:Actor {id: id})
  USING INDEX a:Actor(id)
  SET a.id = id
}
CALL {
  WITH pairs
  UNWIND pairs AS p
  MATCH (s:Actor {id: p.s})
  USING INDEX s:Actor(id)
  MATCH (t:Actor {id: p.t})
  USING INDEX t:Actor(id)
  MATCH (s)-[r:` + pattern + `]->(t)
  DELETE r
}
CALL {
  WITH pairs
  UNWIND pairs AS p
  MATCH (c:Claim {source: p.s, target: p.t})
  USING INDEX c:Claim(source, target)
  WHERE c.negated = false
  WITH p, c ORDER BY c.idKey
  WITH p, c.type AS type, count(c) AS count, ` + seenAggregates + `,
    collect(c.confidence) AS confidences
  MATCH (s:Actor {id: p.s})
  USING INDEX s:Actor(id)
  MATCH (t:Actor {id: p.t})
  USING INDEX t:Actor(id)
  WITH s, t, type, count, firstSeen, lastSeen,
    1.0 - reduce(miss = 1.0, x IN confidences |
      miss * (1.0 - CASE WHEN x < 0.0 THEN 0.0 WHEN x > 1.0 THEN 1.0 ELSE x END)) AS score
` + create.String() + `}
RETURN written`
}()
