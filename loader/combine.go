package loader

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/dyadgraph/dyad/graph"
)

// Combine returns an Extractor that runs each of extractors on a document, in order, and merges
// what they find into one Extraction:
//
//   - one Article: each field is taken from the first extractor that sets it;
//   - actors united by id: each field is taken from the first extractor that sets it, and the
//     aliases of all are united (sorted, without duplicates);
//   - every claim, each keeping its own Extractor and ExtractorVers, so the provenance of each
//     survives; a claim without an ID gets graph.ClaimID, and a claim whose ID an earlier claim
//     already has is dropped (graph.ClaimID includes the extractor's name, so this only drops
//     true repeats, never one extractor's claim in favour of another's).
//
// When some extractors fail and others succeed, Extract returns the merged extraction of those
// that succeeded together with a *PartialError naming each one that failed; the caller decides
// whether a partial extraction is good enough (saving it replaces the article's stored claims,
// the failed extractor's included). When every extractor fails, or the context ends, Extract
// returns an empty Extraction and an error that is not a *PartialError. Either error names the
// document's file, line and id, and wraps each failure's error for errors.Is and errors.As.
//
// The extractors run one after another, so an Extractor need not be safe for concurrent use
// with the others; Combine's result is as safe for concurrent use as its parts are.
//
// The name is "combined(a+b)" of the extractors' names, the version "a-version+b-version".
func Combine(extractors ...Extractor) Extractor {
	return &combined{parts: slices.Clone(extractors)}
}

// PartialError reports that some of a combined extractor's parts failed on a document while
// others succeeded: the extraction returned with it holds only the successful parts' findings.
type PartialError struct {
	Article  string             // the document's id
	File     string             // the file the document was read from
	Line     int                // the line it starts on
	Failures []ExtractorFailure // the parts that failed, in order
}

// ExtractorFailure is one part of a combined extractor that failed.
type ExtractorFailure struct {
	Extractor string // its Name
	Err       error
}

func (e *PartialError) Error() string {
	return describeFailures(e.File, e.Line, e.Article, "partial extraction", e.Failures)
}

// Unwrap returns the failures' errors, so that errors.Is and errors.As see through them.
func (e *PartialError) Unwrap() []error {
	errs := make([]error, len(e.Failures))
	for i, f := range e.Failures {
		errs[i] = f.Err
	}
	return errs
}

type combined struct{ parts []Extractor }

func (c *combined) Name() string {
	return "combined(" + c.join(Extractor.Name) + ")"
}

func (c *combined) Version() string { return c.join(Extractor.Version) }

func (c *combined) join(field func(Extractor) string) string {
	s := make([]string, len(c.parts))
	for i, p := range c.parts {
		s[i] = field(p)
	}
	return strings.Join(s, "+")
}

func (c *combined) Extract(ctx context.Context, doc Document) (graph.Extraction, error) {
	var (
		m        merger
		failures []ExtractorFailure
	)
	for _, p := range c.parts {
		x, err := p.Extract(ctx, doc)
		if err != nil {
			failures = append(failures, ExtractorFailure{Extractor: p.Name(), Err: err})
			continue
		}
		m.add(x)
	}
	if err := ctx.Err(); err != nil {
		where := ""
		if doc.File != "" {
			where = fmt.Sprintf("%s:%d: ", doc.File, doc.Line)
		}
		return graph.Extraction{}, fmt.Errorf("%sarticle %q: %s: %w", where, doc.ID, c.Name(), err)
	}
	if len(failures) == 0 {
		return m.result(doc), nil
	}
	partial := &PartialError{Article: doc.ID, File: doc.File, Line: doc.Line, Failures: failures}
	if len(failures) == len(c.parts) {
		return graph.Extraction{}, &allFailedError{*partial}
	}
	return m.result(doc), partial
}

// allFailedError reports that every part of a combined extractor failed on a document.
type allFailedError struct{ p PartialError }

func (e *allFailedError) Error() string {
	return describeFailures(e.p.File, e.p.Line, e.p.Article, "every extractor failed", e.p.Failures)
}

func (e *allFailedError) Unwrap() []error { return e.p.Unwrap() }

func describeFailures(file string, line int, article, headline string, failures []ExtractorFailure) string {
	var b strings.Builder
	if file != "" {
		fmt.Fprintf(&b, "%s:%d: ", file, line)
	}
	fmt.Fprintf(&b, "article %q: %s:", article, headline)
	for i, f := range failures {
		if i > 0 {
			b.WriteString(";")
		}
		fmt.Fprintf(&b, " extractor %s failed: %v", f.Extractor, f.Err)
	}
	return b.String()
}

// merger accumulates extractions of one article.
type merger struct {
	article  graph.Article
	any      bool
	actors   []graph.Actor
	actorAt  map[string]int
	claims   []graph.Claim
	claimIDs map[string]bool
}

func (m *merger) add(x graph.Extraction) {
	if !m.any {
		m.article, m.any = x.Article, true
	} else {
		mergeArticle(&m.article, x.Article)
	}
	if m.actorAt == nil {
		m.actorAt = map[string]int{}
		m.claimIDs = map[string]bool{}
	}
	for _, a := range x.Actors {
		if i, ok := m.actorAt[a.ID]; ok {
			mergeActor(&m.actors[i], a)
			continue
		}
		a.Aliases = unitedAliases(nil, a.Aliases)
		m.actorAt[a.ID] = len(m.actors)
		m.actors = append(m.actors, a)
	}
	for _, cl := range x.Claims {
		if cl.ID == "" {
			cl.ID = graph.ClaimID(cl)
		}
		if m.claimIDs[cl.ID] {
			continue
		}
		m.claimIDs[cl.ID] = true
		m.claims = append(m.claims, cl)
	}
}

// result is the merged extraction; with no successful part, it is the document's article alone.
func (m *merger) result(doc Document) graph.Extraction {
	if !m.any {
		return graph.Extraction{Article: doc.Article()}
	}
	return graph.Extraction{Article: m.article, Actors: m.actors, Claims: m.claims}
}

func mergeArticle(dst *graph.Article, src graph.Article) {
	firstSet(&dst.ID, src.ID)
	firstSet(&dst.URL, src.URL)
	firstSet(&dst.Title, src.Title)
	firstSet(&dst.Source, src.Source)
	if dst.Published.IsZero() {
		dst.Published = src.Published
	}
}

func mergeActor(dst *graph.Actor, src graph.Actor) {
	firstSet(&dst.Name, src.Name)
	if dst.Kind == "" {
		dst.Kind = src.Kind
	}
	firstSet(&dst.Country, src.Country)
	firstSet(&dst.QID, src.QID)
	dst.Aliases = unitedAliases(dst.Aliases, src.Aliases)
}

func firstSet(dst *string, src string) {
	if *dst == "" {
		*dst = src
	}
}

// unitedAliases returns the aliases of a and b, sorted, without duplicates or empty ones, in a
// new slice.
func unitedAliases(a, b []string) []string {
	out := make([]string, 0, len(a)+len(b))
	for _, s := range slices.Concat(a, b) {
		if s != "" {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	out = slices.Compact(out)
	if len(out) == 0 {
		return nil
	}
	return out
}
