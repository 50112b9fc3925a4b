package neo4j

import (
	"bufio"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dyadgraph/dyad/graph"
)

// Bulk gathers extractions for Neo4j's bulk importer (neo4j-admin database import full), which
// builds a new database from CSV files far faster than transactions write one. Save takes
// batches as Store.Save does, with the same checks, and keeps in memory what the batches leave
// once saved one after the other (an article saved again replaces its earlier version, a claim
// id given again moves the claim, an actor's mentions merge); WriteCSV then writes the nodes,
// properties and relationships Store.Save would have written, derived edges included, computed
// as writeQuery computes them. Open, run against the imported database, creates the
// constraints and indexes.
//
// Everything is held in memory until WriteCSV: about 1 KB a claim.
type Bulk struct {
	actors   map[string]graph.Actor
	articles map[string]*bulkArticle
	claims   map[string]graph.Claim
}

// bulkArticle is an article as last saved, with its text and the ids of its claims.
type bulkArticle struct {
	article graph.Article
	text    string
	claims  []string
}

// NewBulk returns an empty Bulk.
func NewBulk() *Bulk {
	return &Bulk{actors: map[string]graph.Actor{}, articles: map[string]*bulkArticle{}, claims: map[string]graph.Claim{}}
}

// Stats counts what the import will hold: actors, articles, claims and derived edges.
func (b *Bulk) Stats() graph.Stats {
	return graph.Stats{Actors: len(b.actors), Articles: len(b.articles), Claims: len(b.claims), Relations: len(b.edges())}
}

// Save adds a batch, checked as Store.Save checks it: an invalid article, or a claim naming an
// actor neither given in the batch nor saved before, rejects the whole batch with
// graph.ErrInvalid and nothing of it is kept.
func (b *Bulk) Save(ctx context.Context, batch []graph.Extraction) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	prepared := make([]preparedArticle, 0, len(batch))
	given := map[string]bool{}
	for i, x := range batch {
		p, err := prepare(x)
		if err != nil {
			return fmt.Errorf("neo4j bulk: save: article %d (%q): %w", i, x.Article.ID, err)
		}
		for _, a := range p.actors {
			given[a.ID] = true
		}
		prepared = append(prepared, p)
	}
	for i, p := range prepared {
		for j, c := range p.claims {
			for _, end := range []struct{ role, id string }{{"source", c.Source}, {"target", c.Target}} {
				if _, stored := b.actors[end.id]; !given[end.id] && !stored {
					return fmt.Errorf("neo4j bulk: save: article %d (%q): %w", i, p.article.ID, graph.Errorf(graph.ErrInvalid,
						"claim %d: %s actor %q is neither given nor stored", j, end.role, end.id))
				}
			}
		}
	}
	// The actors merge with every mention in batch order, as writeActors merges them. Then, as
	// in Store.Save, only the last copy of an article given twice is written.
	for _, p := range prepared {
		for _, m := range p.actors {
			a, ok := b.actors[m.ID]
			if !ok {
				a = graph.Actor{ID: m.ID}
			}
			b.actors[m.ID] = mergeActor(a, m)
		}
	}
	last := map[string]int{}
	for i, p := range prepared {
		last[p.article.ID] = i
	}
	for i, p := range prepared {
		if last[p.article.ID] == i {
			b.apply(p)
		}
	}
	return nil
}

// apply saves one checked article's article, text and claims as writeQuery would, on its own.
func (b *Bulk) apply(p preparedArticle) {
	id := p.article.ID
	keep := make(map[string]bool, len(p.claims))
	ids := make([]string, len(p.claims))
	for i, c := range p.claims {
		keep[c.ID] = true
		ids[i] = c.ID
	}
	if old := b.articles[id]; old != nil {
		for _, cid := range old.claims {
			if !keep[cid] {
				delete(b.claims, cid)
			}
		}
	}
	for _, c := range p.claims {
		if old, ok := b.claims[c.ID]; ok && old.ArticleID != id {
			// The claim moves from the article that gave it before.
			if other := b.articles[old.ArticleID]; other != nil {
				other.claims = slices.DeleteFunc(other.claims, func(x string) bool { return x == c.ID })
			}
		}
		b.claims[c.ID] = c
	}
	b.articles[id] = &bulkArticle{article: p.article, text: p.text, claims: ids}
}

// Articles answers the articles asked by IDs as saved so far (with their claims), as
// Store.Articles does, so that a load can tell new, changed and unchanged articles apart.
// Other queries are not supported.
func (b *Bulk) Articles(ctx context.Context, q graph.ArticleQuery) (graph.ArticlePage, error) {
	if q.IDs == nil || q.Actor != "" || len(q.Types) > 0 || q.Since != nil || q.Until != nil || q.After != "" || q.Before != "" {
		return graph.ArticlePage{}, graph.Errorf(graph.ErrInvalid, "a bulk import only answers articles asked by ids")
	}
	var page graph.ArticlePage
	seen := map[string]bool{}
	for _, id := range q.IDs {
		a := b.articles[id]
		if a == nil || seen[id] {
			continue
		}
		seen[id] = true
		ac := graph.ArticleClaims{Article: a.article}
		for _, cid := range a.claims {
			ac.Claims = append(ac.Claims, b.claims[cid])
		}
		page.Articles = append(page.Articles, ac)
	}
	page.Total = len(page.Articles)
	return page, nil
}

// bulkEdge is a derived edge: the aggregate of a (source, type, target)'s non-negated claims.
type bulkEdge struct {
	source, target      string
	typ                 graph.RelationType
	count               int
	firstSeen, lastSeen time.Time // zero when no claim is dated
	score               float64
}

// edges computes the derived edges as writeQuery does: one per (source, type, target) with a
// non-negated claim, the score multiplied in claim id order (byte order, as idKey sorts).
func (b *Bulk) edges() []bulkEdge {
	ids := make([]string, 0, len(b.claims))
	for id, c := range b.claims {
		if !c.Negated {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	type key struct {
		s, t string
		typ  graph.RelationType
	}
	at := map[key]int{}
	var out []bulkEdge
	miss := []float64{}
	for _, id := range ids {
		c := b.claims[id]
		k := key{c.Source, c.Target, c.Type}
		i, ok := at[k]
		if !ok {
			i = len(out)
			at[k] = i
			out = append(out, bulkEdge{source: c.Source, target: c.Target, typ: c.Type})
			miss = append(miss, 1.0)
		}
		e := &out[i]
		e.count++
		if t := c.Time.UTC(); t.After(time.Time{}) {
			if e.firstSeen.IsZero() || t.Before(e.firstSeen) {
				e.firstSeen = t
			}
			if t.After(e.lastSeen) {
				e.lastSeen = t
			}
		}
		x := c.Confidence
		switch {
		case x < 0:
			x = 0
		case x > 1:
			x = 1
		}
		miss[i] = miss[i] * (1.0 - x)
	}
	for i := range out {
		out[i].score = 1.0 - miss[i]
	}
	return out
}

// BulkFiles are the CSV files WriteCSV wrote, by what they hold.
type BulkFiles struct {
	Dir                                    string
	Actors, Articles, Texts, Claims        string // node files (with their header line)
	SourceOf, Target, ReportedIn, Relation string // relationship files
}

// arrayDelimiter separates the elements of an array property in the CSV files: the unit
// separator, which no name or alias holds (WriteCSV refuses one that does).
const arrayDelimiter = '\x1f'

// AdminArgs are the arguments of `neo4j-admin` that import the files into database (a new
// database, or one to overwrite: the caller checks that it is empty).
func (f BulkFiles) AdminArgs(database string, overwrite bool) []string {
	args := []string{"database", "import", "full", database,
		"--nodes=Actor=" + f.Actors, "--nodes=Article=" + f.Articles, "--nodes=ArticleText=" + f.Texts,
		"--nodes=Claim=" + f.Claims,
		"--relationships=SOURCE_OF=" + f.SourceOf, "--relationships=TARGET=" + f.Target,
		"--relationships=REPORTED_IN=" + f.ReportedIn, "--relationships=" + f.Relation,
		// Names, titles, sentences and texts may hold line breaks. (The v2 format, which reads
		// only the files it is given this way, fails on texts: "Weird input data, found CR
		// outside a text cell", Neo4j 5.26.)
		"--multiline-fields=true",
		"--report-file=" + filepath.Join(f.Dir, "import.report"),
		"--array-delimiter=U+001F", "--id-type=string",
		"--bad-tolerance=0", "--skip-duplicate-nodes=false", "--skip-bad-relationships=false",
		"--strict=true", "--verbose",
	}
	if overwrite {
		args = append(args, "--overwrite-destination=true")
	}
	return args
}

// WriteCSV writes the import files into dir (which must exist).
func (b *Bulk) WriteCSV(dir string) (BulkFiles, error) {
	f := BulkFiles{Dir: dir}
	claimIDs := sortedKeys(b.claims) // sorted once for the four files that list the claims
	var err error
	if f.Actors, err = b.writeFile(dir, "actors.csv", b.writeActors); err != nil {
		return f, err
	}
	if f.Articles, err = b.writeFile(dir, "articles.csv", b.writeArticles); err != nil {
		return f, err
	}
	if f.Texts, err = b.writeFile(dir, "texts.csv", b.writeTexts); err != nil {
		return f, err
	}
	if f.Claims, err = b.writeFile(dir, "claims.csv", func(w *csvWriter) error { return b.writeClaims(w, claimIDs) }); err != nil {
		return f, err
	}
	ends := func(header string, row func(c graph.Claim) (string, string)) func(w *csvWriter) error {
		return func(w *csvWriter) error {
			w.header(header)
			for _, id := range claimIDs {
				from, to := row(b.claims[id])
				w.str(from)
				w.str(to)
				w.end()
			}
			return nil
		}
	}
	if f.SourceOf, err = b.writeFile(dir, "source_of.csv", ends(":START_ID(Actor),:END_ID(Claim)",
		func(c graph.Claim) (string, string) { return c.Source, c.ID })); err != nil {
		return f, err
	}
	if f.Target, err = b.writeFile(dir, "target.csv", ends(":START_ID(Claim),:END_ID(Actor)",
		func(c graph.Claim) (string, string) { return c.ID, c.Target })); err != nil {
		return f, err
	}
	if f.ReportedIn, err = b.writeFile(dir, "reported_in.csv", ends(":START_ID(Claim),:END_ID(Article)",
		func(c graph.Claim) (string, string) { return c.ID, c.ArticleID })); err != nil {
		return f, err
	}
	if f.Relation, err = b.writeFile(dir, "relations.csv", b.writeEdges); err != nil {
		return f, err
	}
	return f, nil
}

func (b *Bulk) writeFile(dir, name string, write func(w *csvWriter) error) (string, error) {
	path := filepath.Join(dir, name)
	file, err := os.Create(path)
	if err != nil {
		return "", fmt.Errorf("neo4j bulk: %w", err)
	}
	w := &csvWriter{w: bufio.NewWriterSize(file, 1<<20), first: true}
	err = write(w)
	if err == nil {
		err = w.err
	}
	if err == nil {
		err = w.w.Flush()
	}
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", fmt.Errorf("neo4j bulk: writing %s: %w", path, err)
	}
	return path, nil
}

func (b *Bulk) writeActors(w *csvWriter) error {
	w.header("id:ID(Actor),idKey,name,nameKey,kind,country,qid,aliases:string[],aliasText,nameLower,searchWords:string[],searchText")
	for _, id := range sortedKeys(b.actors) {
		p := actorProps(b.actors[id])
		for _, k := range []string{"id", "idKey", "name", "nameKey", "kind", "country", "qid"} {
			w.str(p[k].(string))
		}
		if err := w.strs(p["aliases"].([]string), id); err != nil {
			return err
		}
		w.str(p["aliasText"].(string))
		w.str(p["nameLower"].(string))
		if err := w.strs(p["searchWords"].([]string), id); err != nil {
			return err
		}
		w.str(p["searchText"].(string))
		w.end()
	}
	return nil
}

func (b *Bulk) writeArticles(w *csvWriter) error {
	w.header("id:ID(Article),url,title,source,published:datetime")
	for _, id := range sortedKeys(b.articles) {
		a := b.articles[id].article
		w.str(a.ID)
		w.str(a.URL)
		w.str(a.Title)
		w.str(a.Source)
		w.time(a.Published)
		w.end()
	}
	return nil
}

func (b *Bulk) writeTexts(w *csvWriter) error {
	w.header("article,text")
	for _, id := range sortedKeys(b.articles) {
		if t := b.articles[id].text; t != "" {
			w.str(id)
			w.str(t)
			w.end()
		}
	}
	return nil
}

func (b *Bulk) writeClaims(w *csvWriter, ids []string) error {
	w.header("id:ID(Claim),idKey,article,source,sourceKey,target,targetKey,type,cameo,predicate,sourceText,targetText," +
		"sourceStart:long,sourceEnd:long,targetStart:long,targetEnd:long,role,sentence,start:long,end:long," +
		"confidence:double,negated:boolean,modality,time:datetime,extractor,extractorVersion")
	for _, id := range ids {
		c := b.claims[id]
		for _, s := range []string{c.ID, sortKey(c.ID), c.ArticleID, c.Source, sortKey(c.Source), c.Target, sortKey(c.Target),
			string(c.Type), c.CAMEO, c.Predicate, c.SourceText, c.TargetText} {
			w.str(s)
		}
		w.int(c.SourceStart)
		w.int(c.SourceEnd)
		w.int(c.TargetStart)
		w.int(c.TargetEnd)
		w.str(c.Role)
		w.str(c.Sentence)
		w.int(c.Start)
		w.int(c.End)
		w.float(c.Confidence)
		w.raw(strconv.FormatBool(c.Negated))
		w.str(string(c.Modality))
		w.time(c.Time)
		w.str(c.Extractor)
		w.str(c.ExtractorVers)
		w.end()
	}
	return nil
}

func (b *Bulk) writeEdges(w *csvWriter) error {
	w.header(":START_ID(Actor),:END_ID(Actor),:TYPE,count:long,firstSeen:datetime,lastSeen:datetime,score:double")
	for _, e := range b.edges() {
		if _, err := typePattern([]graph.RelationType{e.typ}); err != nil {
			return err // prepare checked the type; this is the whitelist's own check
		}
		w.str(e.source)
		w.str(e.target)
		w.raw(string(e.typ))
		w.int(e.count)
		if e.firstSeen.IsZero() {
			w.raw("") // no dated claim: the edge has no firstSeen or lastSeen, as CREATE with null
			w.raw("")
		} else {
			w.time(e.firstSeen)
			w.time(e.lastSeen)
		}
		w.float(e.score)
		w.end()
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// csvWriter writes the importer's CSV: fields separated by commas, every string quoted (so an
// empty string stays an empty string: an unquoted empty field is no property), quotes doubled.
type csvWriter struct {
	w     *bufio.Writer
	first bool // no field written on this line yet
	err   error
}

func (w *csvWriter) sep() {
	if w.first {
		w.first = false
		return
	}
	w.w.WriteByte(',')
}

// header writes a file's header line.
func (w *csvWriter) header(s string) {
	w.w.WriteString(s)
	w.w.WriteByte('\n')
	w.first = true
}

// raw writes a field as it is.
func (w *csvWriter) raw(s string) {
	w.sep()
	w.w.WriteString(s)
}

func (w *csvWriter) str(s string) {
	w.sep()
	w.w.WriteByte('"')
	w.w.WriteString(strings.ReplaceAll(s, `"`, `""`))
	w.w.WriteByte('"')
}

// strs writes an array of strings; an empty array is written as no property, which is how the
// importer can express it (see BulkFiles).
func (w *csvWriter) strs(list []string, actor string) error {
	for _, s := range list {
		if strings.ContainsRune(s, arrayDelimiter) {
			return graph.Errorf(graph.ErrInvalid, "actor %q: %q holds the character U+001F, which the import files use between aliases", actor, s)
		}
	}
	if len(list) == 0 {
		w.raw("")
		return nil
	}
	w.str(strings.Join(list, string(arrayDelimiter)))
	return nil
}

func (w *csvWriter) int(n int) { w.raw(strconv.Itoa(n)) }

// float writes a double that Java parses back to the same bits.
func (w *csvWriter) float(f float64) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		w.err = fmt.Errorf("%v is not a number the importer reads", f)
	}
	w.raw(strconv.FormatFloat(f, 'g', -1, 64))
}

// time writes a DATETIME in UTC with nanoseconds and the zone named UTC, as the driver stores
// dbTime's values (with "Z" alone, Neo4j would keep an offset instead of the zone).
func (w *csvWriter) time(t time.Time) {
	w.raw(t.UTC().Format("2006-01-02T15:04:05.999999999Z") + "[UTC]")
}

func (w *csvWriter) end() {
	w.w.WriteByte('\n')
	w.first = true
}

// CompleteImport finishes a database built from Bulk's files, on the server that now serves
// it: the importer cannot write an empty array (an empty field is no property), so the actors
// without aliases or search words get the empty lists Store.Save gives them. Open has created
// the constraints and indexes by then.
func (s *Store) CompleteImport(ctx context.Context) error {
	if err := s.autoCommit(ctx,
		"MATCH (a:Actor) WHERE a.aliases IS NULL CALL { WITH a SET a.aliases = [] } IN TRANSACTIONS OF 10000 ROWS",
		"MATCH (a:Actor) WHERE a.searchWords IS NULL CALL { WITH a SET a.searchWords = [] } IN TRANSACTIONS OF 10000 ROWS",
	); err != nil {
		return fmt.Errorf("neo4j: completing the import: %w", err)
	}
	return nil
}
