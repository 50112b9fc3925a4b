package loader

import (
	"context"
	"fmt"
	"sort"
	"sync"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/loader/actors"
	"github.com/dyadgraph/dyad/loader/classify"
	"github.com/dyadgraph/dyad/loader/events"
	"github.com/dyadgraph/dyad/loader/syntax"
	"github.com/dyadgraph/dyad/loader/text"
)

// RulesName and RulesVersion name the rule-based extractor in its claims. The version changes
// whenever the rules or the built-in data change what is extracted.
const (
	RulesName    = "rules"
	RulesVersion = "2.0.0"
)

// RuleExtractor is the default extractor: deterministic, offline and fast. It cleans the text,
// splits sentences, finds and resolves actor mentions through the gazetteer, and matches the
// relation lexicon in general sentence frames (see package events).
type RuleExtractor struct {
	once   sync.Once
	g      *Gazetteer
	err    error
	events events.Options
	// modelSet: the options chose the claim model (or none); otherwise the built-in one.
	modelSet bool
}

var _ Extractor = (*RuleExtractor)(nil)

// defaultModel says whether the built-in claim model takes part when no option chose: it then
// fills the hand frames' silences (events.Options.Fill).
const defaultModel = true

// RuleOption configures the rule extractor.
type RuleOption func(*RuleExtractor)

// WithClaimModel makes m decide the claims with the given options (see events.Options: the
// zero values take the settings m was trained with). A nil m leaves every claim to the hand
// frames.
func WithClaimModel(m *classify.Model, opts events.Options) RuleOption {
	return func(r *RuleExtractor) {
		opts.Model = m
		r.events, r.modelSet = opts, true
	}
}

// NewRuleExtractor returns the rule-based extractor over a gazetteer; nil means the built-in
// one, loaded on first use.
func NewRuleExtractor(g *Gazetteer, opts ...RuleOption) Extractor {
	r := &RuleExtractor{g: g}
	for _, o := range opts {
		o(r)
	}
	if g != nil {
		r.once.Do(func() {})
	}
	return r
}

// Name returns "rules".
func (r *RuleExtractor) Name() string { return RulesName }

// Version returns RulesVersion.
func (r *RuleExtractor) Version() string { return RulesVersion }

func (r *RuleExtractor) gazetteer() (*Gazetteer, error) {
	r.once.Do(func() { r.g, r.err = LoadGazetteer() })
	return r.g, r.err
}

// Extract finds the claims in a document. Its offsets are code points into doc.Text.
func (r *RuleExtractor) Extract(ctx context.Context, doc Document) (x graph.Extraction, err error) {
	defer func() {
		// A bug in a rule must cost one article, not the whole run.
		if p := recover(); p != nil {
			x, err = graph.Extraction{}, failedOn(doc, p)
		}
	}()
	st, err := r.stages(ctx, &doc)
	if err != nil {
		return graph.Extraction{}, err
	}
	claims := events.Find(st.g.Lexicon, st.tagger, st.text, st.actors, doc.ID, doc.Published, st.opts)
	stamp(claims)
	return extraction(st.g, doc, st.actors, claims), nil
}

// failedOn is the error of a document on which the extractor panicked.
func failedOn(doc Document, p any) error {
	return fmt.Errorf("loader: rules extractor failed on article %s (%s:%d): %v", doc.ID, doc.File, doc.Line, p)
}

// stagesOf is what the events stage reads for one document.
type stagesOf struct {
	g      *Gazetteer
	tagger *syntax.Tagger
	opts   events.Options
	text   *text.Doc
	actors *actors.Doc
}

// stages loads what the stages need (once) and runs the stages before the events over the
// document: its text, then its actors. A document without an id gets its content id.
func (r *RuleExtractor) stages(ctx context.Context, doc *Document) (stagesOf, error) {
	if err := ctx.Err(); err != nil {
		return stagesOf{}, err
	}
	g, err := r.gazetteer()
	if err != nil {
		return stagesOf{}, err
	}
	tagger, err := syntax.Default()
	if err != nil {
		return stagesOf{}, err
	}
	if doc.ID == "" {
		doc.ID = graph.ContentID(doc.Text)
	}
	opts := r.events
	if !r.modelSet && defaultModel {
		if opts.Model, err = events.DefaultModel(); err != nil {
			return stagesOf{}, err
		}
		opts.Fill = true
	}
	if opts.Parser == nil {
		if opts.Parser, err = syntax.DefaultParser(); err != nil {
			return stagesOf{}, err
		}
	}
	t := text.Analyze(doc.Text)
	return stagesOf{g: g, tagger: tagger, opts: opts, text: t, actors: actors.Find(g, t, doc.Published)}, nil
}

// Explain returns, for each sentence of the document, what the extractor read in it (its
// words' tags, dependency tree, actor mentions and lexicon entries) and the claims it made
// there: the answer to "why was this claim made, or missed?" (dyad explain).
func (r *RuleExtractor) Explain(ctx context.Context, doc Document) (x []events.Explanation, err error) {
	defer func() {
		if p := recover(); p != nil {
			x, err = nil, failedOn(doc, p)
		}
	}()
	st, err := r.stages(ctx, &doc)
	if err != nil {
		return nil, err
	}
	x = events.Explain(st.g.Lexicon, st.tagger, st.text, st.actors, doc.ID, doc.Published, st.opts)
	for _, s := range x {
		stamp(s.Claims)
	}
	return x, nil
}

// stamp gives claims the extractor's name and version and their ids.
func stamp(claims []graph.Claim) {
	for i := range claims {
		c := &claims[i]
		c.Extractor, c.ExtractorVers = RulesName, RulesVersion
		c.ID = graph.ClaimID(*c)
	}
}

// Candidates returns the candidate pairs of actor mentions of a document, with the features
// the claim model reads (see package events); the claim model's trainer learns from them.
func Candidates(g *Gazetteer, doc Document) ([]events.Candidate, error) {
	tagger, err := syntax.Default()
	if err != nil {
		return nil, err
	}
	parser, err := syntax.DefaultParser()
	if err != nil {
		return nil, err
	}
	t := text.Analyze(doc.Text)
	a := actors.Find(g, t, doc.Published)
	return events.Candidates(g.Lexicon, tagger, parser, t, a, doc.ID, doc.Published), nil
}

// extraction assembles the result: the article, the claims, the actors they name, and every
// actor made for this document (people and candidate names) even when no claim names it, so
// that unknown names reach the store for review rather than being dropped.
func extraction(g *Gazetteer, doc Document, found *actors.Doc, claims []graph.Claim) graph.Extraction {
	x := graph.Extraction{Article: doc.Article()}
	x.Article.ID = doc.ID
	ids := map[string]bool{}
	for i := range claims {
		c := &claims[i]
		ids[c.Source], ids[c.Target] = true, true
	}
	for _, id := range found.Made() {
		ids[id] = true
	}
	for id := range ids {
		if a, ok := found.Actor(id); ok {
			x.Actors = append(x.Actors, a)
		}
	}
	// A government or military rolls up into its state (graph.RelationFilter.Rollup): save the
	// state too, so that the rolled-up node always exists.
	for _, a := range x.Actors {
		if state := graph.RollupID(a); state != a.ID && !ids[state] {
			if sa, ok := g.Actor(state); ok {
				ids[state] = true
				x.Actors = append(x.Actors, sa)
			}
		}
	}
	sort.Slice(x.Actors, func(i, j int) bool { return x.Actors[i].ID < x.Actors[j].ID })
	x.Claims = claims
	return x
}
