package loader

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/loader/syntax"
)

// RulesName and RulesVersion name the rule-based extractor in its claims. The version changes
// whenever the rules or the built-in data change what is extracted.
const (
	RulesName    = "rules"
	RulesVersion = "2.0.0"
)

// RuleExtractor is the default extractor: deterministic, offline and fast. It cleans the text,
// splits sentences, finds and resolves actor mentions through the gazetteer, and matches the
// relation lexicon in general sentence frames (see frames.go).
type RuleExtractor struct {
	once sync.Once
	g    *Gazetteer
	err  error
}

var _ Extractor = (*RuleExtractor)(nil)

// NewRuleExtractor returns the rule-based extractor over a gazetteer; nil means the built-in
// one, loaded on first use.
func NewRuleExtractor(g *Gazetteer) Extractor {
	r := &RuleExtractor{g: g}
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
			x, err = graph.Extraction{}, fmt.Errorf("loader: rules extractor failed on article %s (%s:%d): %v", doc.ID, doc.File, doc.Line, p)
		}
	}()
	if err := ctx.Err(); err != nil {
		return graph.Extraction{}, err
	}
	g, err := r.gazetteer()
	if err != nil {
		return graph.Extraction{}, err
	}
	tagger, err := syntax.Default()
	if err != nil {
		return graph.Extraction{}, err
	}
	if doc.ID == "" {
		doc.ID = graph.ContentID(doc.Text)
	}
	d := newDocAnalysis(g, doc)
	d.tagger = tagger
	d.run()
	return d.extraction(), nil
}

// docAnalysis holds one document's analysis.
type docAnalysis struct {
	focus  int // the token a claim being added is about (its predicate), or -1
	g      *Gazetteer
	tagger *syntax.Tagger
	doc    Document
	toks   []token
	sents  []*sentAnalysis
	mf     *mentionFinder
	claims map[claimKey]int
	out    []graph.Claim
	runes  runeCounter
}

type claimKey struct {
	source, target string
	typ            graph.RelationType
	start          int
	negated        bool
}

// sentAnalysis is one sentence with its mentions and predicates.
type sentAnalysis struct {
	idx     int
	s       sentence
	ms      []mention
	mAt     []int // per token of the sentence: index into ms, or -1
	preds   []*predicate
	pAt     []int // per token: index into preds, or -1
	speaker []string
	quoted  []bool // per token: inside quotation marks
	persons []*person
	start   int // code point offsets of the sentence
	end     int
	tags    *syntax.Sequence // the tokens' part-of-speech tags (Penn Treebank), nil until asked for
}

func newDocAnalysis(g *Gazetteer, doc Document) *docAnalysis {
	d := &docAnalysis{g: g, doc: doc, claims: map[claimKey]int{}}
	text := doc.Text
	all := tokenize(text)
	// Keep the tokens of the article's text, dropping page furniture; each kept span starts
	// a new sentence.
	spans := Clean(text)
	toks := make([]token, 0, len(all))
	si := 0
	for _, t := range all {
		for si < len(spans) && spans[si].End <= t.start {
			si++
		}
		if si >= len(spans) || t.start < spans[si].Start {
			continue
		}
		if len(toks) > 0 && toks[len(toks)-1].end <= spans[si].Start {
			if t.newlines < 2 {
				t.newlines = 2
			}
		}
		toks = append(toks, t)
	}
	d.toks = toks
	d.mf = newMentionFinder(g, toks)
	d.mf.date = doc.Published
	for i, s := range splitSentences(text, toks) {
		d.sents = append(d.sents, &sentAnalysis{idx: i, s: s})
	}
	return d
}

func (d *docAnalysis) run() {
	// Pass 1: mentions and predicates, in document order (coreference looks back).
	for _, sa := range d.sents {
		d.mf.sentIdx = sa.idx
		sa.ms = d.mf.find(sa.s)
		sa.persons = append(sa.persons, d.mf.newPersons...)
		n := sa.s.to - sa.s.from
		sa.mAt = make([]int, n)
		for k := range sa.mAt {
			sa.mAt[k] = -1
		}
		for mi, m := range sa.ms {
			for k := m.from; k < m.to; k++ {
				sa.mAt[k-sa.s.from] = mi
			}
		}
		d.markQuotes(sa)
		d.findPredicates(sa)
		sa.start, sa.end = d.runes.at(d.doc.Text, sa.s.start), d.runes.at(d.doc.Text, sa.s.end)
	}
	// Pass 2: speakers, and first-person pronouns resolved to them.
	d.findSpeakers()
	// Pass 3: frames.
	for _, sa := range d.sents {
		d.affiliations(sa)
		d.frames(sa)
	}
}

// markQuotes marks the tokens inside quotation marks.
func (d *docAnalysis) markQuotes(sa *sentAnalysis) {
	sa.quoted = make([]bool, sa.s.to-sa.s.from)
	in := false
	for k := sa.s.from; k < sa.s.to; k++ {
		t := &d.toks[k]
		switch t.text {
		case "“", "«":
			in = true
		case "”", "»":
			in = false
		case "\"":
			in = !in
		}
		sa.quoted[k-sa.s.from] = in
	}
	// a sentence that closes a quote it did not open was inside it from its start
	for k := sa.s.from; k < sa.s.to; k++ {
		if t := d.toks[k].text; t == "“" || t == "«" {
			break
		} else if t == "”" || t == "»" {
			for j := sa.s.from; j < k; j++ {
				sa.quoted[j-sa.s.from] = true
			}
			break
		}
	}
}

// extraction assembles the result: the article, the claims, the actors they name, and every
// actor made for this document (people and candidate names) even when no claim names it, so
// that unknown names reach the store for review rather than being dropped.
func (d *docAnalysis) extraction() graph.Extraction {
	x := graph.Extraction{Article: d.doc.Article()}
	x.Article.ID = d.doc.ID
	ids := map[string]bool{}
	for i := range d.out {
		c := &d.out[i]
		c.ID = graph.ClaimID(*c)
		ids[c.Source], ids[c.Target] = true, true
	}
	for id := range d.mf.extra {
		ids[id] = true
	}
	for id := range ids {
		if a, ok := d.mf.actor(id); ok {
			x.Actors = append(x.Actors, a)
		}
	}
	// A government or military rolls up into its state (graph.RelationFilter.Rollup): save the
	// state too, so that the rolled-up node always exists.
	for _, a := range x.Actors {
		if state := graph.RollupID(a); state != a.ID && !ids[state] {
			if sa, ok := d.g.Actor(state); ok {
				ids[state] = true
				x.Actors = append(x.Actors, sa)
			}
		}
	}
	sort.Slice(x.Actors, func(i, j int) bool { return x.Actors[i].ID < x.Actors[j].ID })
	x.Claims = d.out
	return x
}

// runeCounter converts byte offsets, visited in increasing order, to code point offsets.
type runeCounter struct{ byteOff, runeOff int }

func (c *runeCounter) at(text string, off int) int {
	if off < c.byteOff {
		c.byteOff, c.runeOff = 0, 0
	}
	c.runeOff += utf8.RuneCountInString(text[c.byteOff:off])
	c.byteOff = off
	return c.runeOff
}

// addClaim records a claim, keeping the most confident of duplicates within a sentence.
func (d *docAnalysis) addClaim(sa *sentAnalysis, source, target string, typ graph.RelationType, cameo, predicate, sourceText, targetText string, conf float64, negated bool, modality graph.Modality) {
	if source == "" || target == "" || source == target {
		return
	}
	if conf > 1 {
		conf = 1
	}
	conf = float64(int(conf*100+0.5)) / 100
	key := claimKey{source, target, typ, sa.start, negated}
	if i, ok := d.claims[key]; ok {
		if d.out[i].Confidence < conf {
			d.out[i].Confidence = conf
		}
		return
	}
	sentence, start, end := d.evidence(sa)
	c := graph.Claim{
		ArticleID:     d.doc.ID,
		Source:        source,
		Target:        target,
		Type:          typ,
		CAMEO:         cameo,
		Predicate:     predicate,
		SourceText:    sourceText,
		TargetText:    targetText,
		Sentence:      sentence,
		Start:         start,
		End:           end,
		Confidence:    conf,
		Negated:       negated,
		Modality:      modality,
		Time:          resolveTime(d.toks[sa.s.from:sa.s.to], d.doc.Published),
		Extractor:     RulesName,
		ExtractorVers: RulesVersion,
	}
	if c.Modality == "" {
		c.Modality = graph.Asserted
	}
	d.claims[key] = len(d.out)
	d.out = append(d.out, c)
}

// affiliations records, for each person introduced with a role in the sentence, the claim
// that links them to their state organ or organisation.
func (d *docAnalysis) affiliations(sa *sentAnalysis) {
	d.focus = -1
	for _, p := range sa.persons {
		if p.affiliation == "" {
			continue
		}
		conf := 0.9
		if p.contextual {
			conf = 0.6 // the state was taken from the sentence, not from the words around the name
		} else if p.role == "" {
			conf = 0.7 // the people dictionary's dated role, not a role written in the text
		}
		before := len(d.out)
		d.addClaim(sa, p.actor.ID, p.affiliation, graph.Affiliation, "", p.role, p.actor.Name, "", conf, false, graph.Asserted)
		if len(d.out) > before {
			d.out[len(d.out)-1].Role = p.role
		}
	}
}

// text returns the text of tokens [i, j) as written.
// maxEvidenceTokens bounds a claim's evidence: a longer "sentence" (a run-on text without
// sentence breaks) gives as evidence a window of this many tokens around the claim's predicate,
// so that no claim carries megabytes of text.
const maxEvidenceTokens = 120

// evidence returns a claim's evidence text and its code-point offsets: the sentence, or the
// window around d.focus when the sentence is longer than maxEvidenceTokens.
func (d *docAnalysis) evidence(sa *sentAnalysis) (string, int, int) {
	if sa.s.to-sa.s.from <= maxEvidenceTokens {
		return d.doc.Text[sa.s.start:sa.s.end], sa.start, sa.end
	}
	from := sa.s.from
	if d.focus >= sa.s.from && d.focus < sa.s.to {
		from = max(sa.s.from, d.focus-maxEvidenceTokens/2)
	}
	to := min(sa.s.to, from+maxEvidenceTokens)
	b0, b1 := d.toks[from].start, d.toks[to-1].end
	start := sa.start + utf8.RuneCountInString(d.doc.Text[sa.s.start:b0])
	return d.doc.Text[b0:b1], start, start + utf8.RuneCountInString(d.doc.Text[b0:b1])
}

func (d *docAnalysis) text(i, j int) string {
	if i >= j {
		return ""
	}
	return d.doc.Text[d.toks[i].start:d.toks[j-1].end]
}

// mentionText is the text of a mention.
func (d *docAnalysis) mentionText(m *mention) string {
	return strings.TrimSpace(d.text(m.from, m.to))
}
