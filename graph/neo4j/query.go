package neo4j

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dyadgraph/dyad/graph"
	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Actor returns the actor with the id, or graph.ErrNotFound.
func (s *Store) Actor(ctx context.Context, id string) (graph.Actor, error) {
	actors, err := read(ctx, s, func(tx driver.ManagedTransaction) (map[string]graph.Actor, error) {
		return actorsByID(ctx, tx, []string{id})
	})
	if err != nil {
		return graph.Actor{}, fmt.Errorf("neo4j: actor %q: %w", id, err)
	}
	a, ok := actors[id]
	if !ok {
		return graph.Actor{}, graph.Errorf(graph.ErrNotFound, "actor %q", id)
	}
	return a, nil
}

// ActorsByID returns, by id, the actors that exist among ids, in one query; see
// graph.Store.ActorsByID. No ids ask nothing of the database.
func (s *Store) ActorsByID(ctx context.Context, ids []string) (map[string]graph.Actor, error) {
	if len(ids) == 0 {
		return map[string]graph.Actor{}, nil
	}
	actors, err := read(ctx, s, func(tx driver.ManagedTransaction) (map[string]graph.Actor, error) {
		return actorsByID(ctx, tx, ids)
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: actors by id: %w", err)
	}
	return actors, nil
}

// actorsByID fetches, in one query, the actors with the ids that exist. The ids are one list
// parameter, matched through the uniqueness constraint's index on Actor.id.
func actorsByID(ctx context.Context, tx driver.ManagedTransaction, ids []string) (map[string]graph.Actor, error) {
	recs, err := collect(ctx, tx, "MATCH (a:Actor) WHERE a.id IN $ids RETURN properties(a) AS a", map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := make(map[string]graph.Actor, len(recs))
	for _, r := range recs {
		a := actorFrom(asMap(get(r, "a")))
		out[a.ID] = a
	}
	return out, nil
}

// Article returns the article with the id, or graph.ErrNotFound.
func (s *Store) Article(ctx context.Context, id string) (graph.Article, error) {
	recs, err := read(ctx, s, func(tx driver.ManagedTransaction) ([]*driver.Record, error) {
		return collect(ctx, tx, "MATCH (a:Article {id: $id}) RETURN properties(a) AS a", map[string]any{"id": id})
	})
	if err != nil {
		return graph.Article{}, fmt.Errorf("neo4j: article %q: %w", id, err)
	}
	if len(recs) == 0 {
		return graph.Article{}, graph.Errorf(graph.ErrNotFound, "article %q", id)
	}
	return articleFrom(asMap(get(recs[0], "a"))), nil
}

// maxIndexedWord is the longest word (in characters) that Lucene's whitespace tokenizer keeps
// whole; a longer search word cannot use the full-text index.
const maxIndexedWord = 255

// Actors lists the actors that match the query, in graph.ActorQuery's order.
func (s *Store) Actors(ctx context.Context, q graph.ActorQuery) (graph.ActorPage, error) {
	mark, hasMark, err := q.Page.ActorMark(q.Search)
	if err != nil {
		return graph.ActorPage{}, err
	}
	params := map[string]any{"size": int64(q.Page.Size())}
	var conds []string
	if q.Kind != "" {
		if !q.Kind.Valid() {
			return graph.ActorPage{}, graph.Errorf(graph.ErrInvalid, "unknown actor kind %q", q.Kind)
		}
		conds = append(conds, "a.kind = $kind")
		params["kind"] = string(q.Kind)
	}
	if err := graph.CheckSearch(q.Search); err != nil {
		return graph.ActorPage{}, err
	}
	words := graph.SearchWords(q.Search)
	if len(words) > 0 {
		// graph.MatchesSearch: every word of the search begins a word of the name or an alias.
		conds = append(conds, "all(q IN $words WHERE any(w IN a.searchWords WHERE w STARTS WITH q))")
		params["words"] = words
	}
	match := "MATCH (a:Actor)"
	if len(words) > 0 && indexable(words) {
		match = "CALL db.index.fulltext.queryNodes($index, $lucene) YIELD node AS a"
		conds = append([]string{"a:Actor"}, conds...)
		params["index"] = FullTextIndex
		params["lucene"] = luceneQuery(words)
	}
	if len(conds) > 0 {
		match += " WHERE " + strings.Join(conds, " AND ")
	}
	// The sort key: graph.ActorMark.
	with, keys := "WITH a", "a"
	parts := []keyPart{{"a.nameKey", "markName", false}, {"a.idKey", "markID", false}}
	if strings.TrimSpace(q.Search) != "" {
		// graph.SearchRank: the whole name, then a prefix of it, then the rest.
		with, keys = "WITH a, CASE WHEN a.nameLower = $whole THEN 0 WHEN a.nameLower STARTS WITH $whole THEN 1 ELSE 2 END AS rank", "a, rank"
		parts = append([]keyPart{{"rank", "markRank", false}}, parts...)
		params["whole"] = strings.ToLower(strings.TrimSpace(q.Search))
	}
	beyond := "true"
	if hasMark {
		beyond = keyset(parts, q.Page.Backward())
		params["markRank"], params["markName"], params["markID"] = int64(mark.Rank), sortKey(mark.Name), sortKey(mark.ID)
	}
	query := `
CALL { ` + match + `
  ` + with + `
  RETURN count(a) AS total, count(CASE WHEN ` + beyond + ` THEN 1 END) AS past }
CALL { ` + match + `
  ` + with + ` WHERE ` + beyond + `
  WITH ` + keys + ` ORDER BY ` + orderBy(parts, q.Page.Backward()) + ` LIMIT $size
  RETURN collect(properties(a)) AS page }
RETURN total, past, page`
	recs, err := read(ctx, s, func(tx driver.ManagedTransaction) ([]*driver.Record, error) {
		return collect(ctx, tx, query, params)
	})
	if err != nil || len(recs) != 1 {
		return graph.ActorPage{}, wrap("actors", err, len(recs))
	}
	out := graph.ActorPage{Total: int(asInt(get(recs[0], "total")))}
	for _, m := range asList(get(recs[0], "page")) {
		out.Actors = append(out.Actors, actorFrom(asMap(m)))
	}
	if q.Page.Backward() {
		slices.Reverse(out.Actors)
	}
	if n := len(out.Actors); n > 0 {
		out.EndCursor = graph.ActorCursor(out.Actors[n-1], q.Search)
	}
	out.HasPrev, out.HasNext = q.Page.Beyond(out.Total, int(asInt(get(recs[0], "past"))))
	return out, nil
}

func indexable(words []string) bool {
	for _, w := range words {
		if utf8.RuneCountInString(w) > maxIndexedWord {
			return false
		}
	}
	return true
}

// luceneQuery asks for actors with a word beginning with each of words: "+w1* +w2*".
func luceneQuery(words []string) string {
	var b strings.Builder
	for i, w := range words {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('+')
		for _, r := range w {
			if strings.ContainsRune(`+-&|!(){}[]^"~*?:\/ `, r) {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
		b.WriteByte('*')
	}
	return b.String()
}

// scope selects relations by their ends.
type scope struct {
	actor, source, target string
	between               []string
	hasBetween            bool
}

// conds are the scope's conditions on the source and target id expressions src and tgt.
func (sc scope) conds(src, tgt string, params map[string]any) []string {
	var out []string
	if sc.actor != "" {
		out = append(out, "("+src+" = $actor OR "+tgt+" = $actor)")
		params["actor"] = sc.actor
	}
	if sc.source != "" {
		out = append(out, src+" = $source")
		params["source"] = sc.source
	}
	if sc.target != "" {
		out = append(out, tgt+" = $target")
		params["target"] = sc.target
	}
	if sc.hasBetween {
		out = append(out, src+" IN $between AND "+tgt+" IN $between")
		params["between"] = sc.between
	}
	return out
}

// seenAggregates compute a relation's firstSeen and lastSeen over its dated claims: null when
// none is dated (graph.Relation.Seen).
const seenAggregates = "min(CASE WHEN c.time > $undated THEN c.time END) AS firstSeen,\n  max(CASE WHEN c.time > $undated THEN c.time END) AS lastSeen"

// onlyTypes reports whether the filter restricts nothing but types, so that the derived edges,
// which count every non-negated claim, answer it.
func onlyTypes(f graph.RelationFilter) bool {
	return f.Since == nil && f.Until == nil && f.MinConfidence == 0
}

// claimConds are the filter's conditions on claim c (graph.RelationFilter.Passes), except the
// type, which the caller restricts. Negated claims are kept out unless withNegated.
func claimConds(f graph.RelationFilter, withNegated bool, params map[string]any) []string {
	out := []string{"c.confidence >= $minConfidence"}
	params["minConfidence"] = f.MinConfidence
	if !withNegated {
		out = append(out, "c.negated = false")
	}
	params["undated"] = dbTime(time.Time{}) // also for seenAggregates
	if f.Since != nil || f.Until != nil {
		out = append(out, "c.time > $undated") // an undated claim is in no time range
	}
	if f.Since != nil {
		out = append(out, "c.time >= $since")
		params["since"] = dbTime(*f.Since)
	}
	if f.Until != nil {
		out = append(out, "c.time <= $until")
		params["until"] = dbTime(*f.Until)
	}
	return out
}

// Relations lists the relations that match the query, ordered by count (highest first), then
// source, type and target.
func (s *Store) Relations(ctx context.Context, q graph.RelationQuery) (graph.RelationPage, error) {
	if err := q.Filter.Validate(); err != nil {
		return graph.RelationPage{}, err
	}
	if _, _, err := q.Page.RelationMark(); err != nil { // refuse a bad cursor before any work
		return graph.RelationPage{}, err
	}
	sc := scope{actor: q.Actor, source: q.Source, target: q.Target, between: q.Between, hasBetween: q.Between != nil}
	out, err := read(ctx, s, func(tx driver.ManagedTransaction) (graph.RelationPage, error) {
		return relationPage(ctx, tx, sc, q.Filter, &q.Page)
	})
	if err != nil {
		return graph.RelationPage{}, fmt.Errorf("neo4j: relations: %w", err)
	}
	return out, nil
}

// relationKey is the sort key of Relations' order (graph.RelationMark), over relationRows.
var relationKey = []keyPart{{"count", "markCount", true}, {"sourceKey", "markSource", false},
	{"type", "markType", false}, {"targetKey", "markTarget", false}}

// relations runs one query for all the relations in scope that pass the filter, in Relations'
// order, and tells how many there are.
func relations(ctx context.Context, tx driver.ManagedTransaction, sc scope, f graph.RelationFilter) ([]graph.Relation, int, error) {
	page, err := relationPage(ctx, tx, sc, f, nil)
	return page.Relations, page.Total, err
}

// relationPage runs one query for a page of the relations in scope that pass the filter, in
// Relations' order, cut after (or before) the page's cursor; all of them when page is nil.
func relationPage(ctx context.Context, tx driver.ManagedTransaction, sc scope, f graph.RelationFilter, page *graph.Page) (graph.RelationPage, error) {
	all := page == nil
	if all {
		page = &graph.Page{}
	}
	mark, hasMark, err := page.RelationMark()
	if err != nil {
		return graph.RelationPage{}, err
	}
	if len(f.AllowedTypes()) == 0 || (sc.hasBetween && len(sc.between) == 0) {
		return graph.RelationPage{}, nil
	}
	params := map[string]any{"size": int64(page.Size())}
	if sc.wholeGraph() && onlyTypes(f) && !f.Rollup && !all {
		return topRelations(ctx, tx, f.AllowedTypes(), page)
	}
	rows, row, err := relationRows(sc, f, params)
	if err != nil {
		return graph.RelationPage{}, err
	}
	beyond, slice := "true", pageOf("past", page.Backward())
	if all {
		slice = "past"
	}
	if hasMark {
		beyond = keyset(relationKey, page.Backward())
		params["markCount"], params["markSource"] = int64(mark.Count), sortKey(mark.Key.Source)
		params["markType"], params["markTarget"] = string(mark.Key.Type), sortKey(mark.Key.Target)
	}
	query := rows + `ORDER BY ` + orderBy(relationKey, false) + `
WITH count(*) AS total, collect(CASE WHEN ` + beyond + ` THEN ` + row + ` END) AS past
RETURN total, size(past) AS pastCount, ` + slice + ` AS page`
	recs, err := collect(ctx, tx, query, params)
	if err != nil || len(recs) != 1 {
		return graph.RelationPage{}, wrap("relations", err, len(recs))
	}
	rels := relationsFrom(get(recs[0], "page"))
	return page.RelationPageOf(rels, int(asInt(get(recs[0], "pastCount"))), int(asInt(get(recs[0], "total")))), nil
}

// relationRows is the Cypher that binds, one row per relation in scope that passes the filter,
// source, sourceKey, type, target, targetKey, count, firstSeen, lastSeen and either score or
// confidences; and row, the map expression of a row that relationFrom reads. The filter must
// allow at least one type.
func relationRows(sc scope, f graph.RelationFilter, params map[string]any) (query, row string, err error) {
	types := f.AllowedTypes()
	var b strings.Builder
	row = `{source: source, type: type, target: target, count: count, firstSeen: firstSeen,
  lastSeen: lastSeen, confidences: confidences}`
	switch {
	case f.Rollup:
		// Roll-up regroups claims, so the derived edges, kept per stored pair, do not serve.
		conds := append([]string{"c.type IN $types"}, claimConds(f, false, params)...)
		params["types"] = typeStrings(types)
		b.WriteString("MATCH (c:Claim)\nWHERE " + strings.Join(conds, " AND ") + "\n" + rollupEnds("", params))
		if scoped := sc.conds("source", "target", params); len(scoped) > 0 {
			b.WriteString("  AND " + strings.Join(scoped, " AND ") + "\n")
		}
		b.WriteString(`WITH c, source, sourceKey, target, targetKey ORDER BY c.idKey
WITH source, sourceKey, c.type AS type, target, targetKey, count(c) AS count, ` + seenAggregates + `,
  collect(c.confidence) AS confidences
`)
	case onlyTypes(f):
		pattern, err := typePattern(types)
		if err != nil {
			return "", "", err
		}
		var conds []string
		if sc.actor != "" {
			// Anchor on the actor's index entry; both directions, each edge once.
			fmt.Fprintf(&b, "MATCH (:Actor {id: $actor})-[r:%s]-(:Actor)\nWITH DISTINCT r\nWITH startNode(r) AS s, r, endNode(r) AS t\n", pattern)
			inner := sc
			inner.actor = ""
			params["actor"] = sc.actor
			conds = inner.conds("s.id", "t.id", params)
		} else {
			fmt.Fprintf(&b, "MATCH (s:Actor)-[r:%s]->(t:Actor)\n", pattern)
			conds = sc.conds("s.id", "t.id", params)
		}
		if len(conds) > 0 {
			b.WriteString("WHERE " + strings.Join(conds, " AND ") + "\n")
		}
		b.WriteString(`WITH s.id AS source, s.idKey AS sourceKey, type(r) AS type, t.id AS target,
  t.idKey AS targetKey, r.count AS count, r.firstSeen AS firstSeen, r.lastSeen AS lastSeen, r.score AS score
`)
		row = `{source: source, type: type, target: target, count: count, firstSeen: firstSeen,
  lastSeen: lastSeen, score: score}`
	default:
		conds := append([]string{"c.type IN $types"}, claimConds(f, false, params)...)
		params["types"] = typeStrings(types)
		conds = append(conds, sc.conds("c.source", "c.target", params)...)
		b.WriteString("MATCH (c:Claim)\nWHERE " + strings.Join(conds, " AND ") + `
WITH c ORDER BY c.idKey
WITH c.source AS source, c.sourceKey AS sourceKey, c.type AS type, c.target AS target,
  c.targetKey AS targetKey, count(c) AS count, ` + seenAggregates + `,
  collect(c.confidence) AS confidences
`)
	}
	return b.String(), row, nil
}

// Evidence returns, for each relation key, a page of the claims behind it that pass the filter
// (negated ones included), ordered by time, then id, each with its article. It runs one query
// for all the keys.
func (s *Store) Evidence(ctx context.Context, keys []graph.RelationKey, f graph.RelationFilter, page graph.Page) (map[graph.RelationKey]graph.EvidencePage, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	mark, hasMark, err := page.ClaimMark()
	if err != nil {
		return nil, err
	}
	out := make(map[graph.RelationKey]graph.EvidencePage, len(keys))
	var asked []graph.RelationKey
	var keyRows []map[string]any
	for _, k := range keys {
		if _, seen := out[k]; seen {
			continue
		}
		out[k] = graph.EvidencePage{}
		if !f.AllowsType(k.Type) {
			continue
		}
		keyRows = append(keyRows, map[string]any{"i": int64(len(asked)), "source": k.Source, "type": string(k.Type), "target": k.Target})
		asked = append(asked, k)
	}
	if len(asked) == 0 {
		return out, nil
	}
	params := map[string]any{"keys": keyRows, "size": int64(page.Size())}
	// The sort key: graph.ClaimMark.
	claimKey := []keyPart{{"c.time", "markTime", false}, {"c.idKey", "markID", false}}
	beyond := "true"
	if hasMark {
		beyond = keyset(claimKey, page.Backward())
		params["markTime"], params["markID"] = dbTime(mark.Time), sortKey(mark.ID)
	}
	conds := append([]string{"c.target = k.target", "c.type = k.type"}, claimConds(f, true, params)...)
	match := `MATCH (c:Claim {source: k.source})
WHERE ` + strings.Join(conds, " AND ")
	if f.Rollup {
		// The claims of the key's ends and of the governments and militaries that stand for them.
		conds := append([]string{"c.type = k.type"}, claimConds(f, true, params)...)
		match = `MATCH (x:Actor) WHERE x.id = k.source OR (x.kind IN $rollupKinds AND x.country = k.source)
MATCH (c:Claim {source: x.id})
WHERE ` + strings.Join(conds, " AND ") + `
` + rollupEnds("k", params) + "  AND source = k.source AND target = k.target"
	}
	query := `
UNWIND $keys AS k
` + match + `
WITH k, c ORDER BY ` + orderBy(claimKey, false) + `
WITH k, count(c) AS total, collect(CASE WHEN ` + beyond + ` THEN c END) AS past
WITH k, total, size(past) AS pastCount, ` + pageOf("past", page.Backward()) + ` AS page
RETURN k.i AS i, total, pastCount,
  [c IN page | {claim: properties(c), article: [(c)-[:REPORTED_IN]->(a:Article) | properties(a)][0]}] AS page`
	recs, err := read(ctx, s, func(tx driver.ManagedTransaction) ([]*driver.Record, error) {
		return collect(ctx, tx, query, params)
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: evidence: %w", err)
	}
	for _, r := range recs {
		i := int(asInt(get(r, "i")))
		if i < 0 || i >= len(asked) {
			return nil, fmt.Errorf("neo4j: evidence: unexpected key index %d", i)
		}
		ev := graph.EvidencePage{Total: int(asInt(get(r, "total")))}
		for _, row := range asList(get(r, "page")) {
			m := asMap(row)
			ev.Evidence = append(ev.Evidence, graph.Evidence{
				Claim:   claimFrom(asMap(m["claim"])),
				Article: articleFrom(asMap(m["article"])),
			})
		}
		if n := len(ev.Evidence); n > 0 {
			ev.EndCursor = graph.EvidenceCursor(ev.Evidence[n-1].Claim)
		}
		ev.HasPrev, ev.HasNext = page.Beyond(ev.Total, int(asInt(get(r, "pastCount"))))
		out[asked[i]] = ev
	}
	return out, nil
}
