package events

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/loader/actors"
	"github.com/dyadgraph/dyad/loader/classify"
	"github.com/dyadgraph/dyad/loader/lexicon"
	"github.com/dyadgraph/dyad/loader/syntax"
	"github.com/dyadgraph/dyad/loader/text"
)

// docAnalysis holds one document's analysis.
type docAnalysis struct {
	focus  int // the token a claim being added is about (its predicate), or -1
	lex    *lexicon.Lexicon
	tagger *syntax.Tagger
	// frameParser parses the sentences the frames and the claim model read: the options'
	// parser, or the embedded one
	frameParser *syntax.Parser
	article     string    // the article's id, for its claims
	published   time.Time // the article's date, for the claims' times
	src         string    // the document's text
	toks        []text.Token
	sents       []*sentAnalysis
	actors      *actors.Doc
	claims      map[claimKey]int
	out         []graph.Claim
	outSent     []int // per claim of out: its sentence's index
	runes       runeCounter
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
	s       text.Sentence
	ms      []actors.Mention
	mAt     []int // per token of the sentence: index into ms, or -1
	preds   []*predicate
	pAt     []int // per token: index into preds, or -1
	speaker []string
	quoted  []bool // per token: inside quotation marks
	persons []*actors.Person
	start   int // code point offsets of the sentence
	end     int
	tags    *syntax.Sequence // the tokens' part-of-speech tags (Penn Treebank), nil until asked for
	tree    *syntax.Tree     // the dependency tree, nil until asked for or when not parsed
	parsed  bool             // tree was asked for
}

// Options choose how the events stage decides its claims.
type Options struct {
	// Model is the claim model. Without one, the hand frames decide every claim (the
	// documented fallback, and the way to see what the frames alone find).
	Model *classify.Model
	// Parser parses the sentences that can hold a claim, for the frames' arguments and the
	// model's paths; nil takes the embedded parser.
	Parser *syntax.Parser
	// Fill makes the model fill the frames' silences rather than decide every claim: the
	// frames' claims all stay, and the model claims only in sentences where the frames claimed
	// no event, at MinProbability (0 takes the model's "fill-threshold"). FrameFloor is then
	// unused.
	Fill bool
	// MinProbability is the probability at which the model's type is claimed; 0 takes the
	// model's "threshold" (or "fill-threshold" with Fill), chosen by its trainer on held-out
	// data.
	MinProbability float64
	// FrameFloor is the probability at or above which a claim that the hand frames made is
	// kept although it is below MinProbability: the frames' reading stands unless the model
	// finds it unlikely. 0 takes the model's "frame-floor"; a value above 1 keeps no claim on
	// the frames' word alone.
	FrameFloor float64
}

// decision returns the threshold and the frame floor that opts choose for model m.
func (o Options) decision() (minP, floor float64) {
	minP, floor = o.MinProbability, o.FrameFloor
	if minP == 0 && o.Fill {
		minP = o.Model.Params["fill-threshold"]
	}
	if minP == 0 {
		minP = o.Model.Params["threshold"]
	}
	if minP == 0 {
		minP = 0.5
	}
	if floor == 0 {
		floor = o.Model.Params["frame-floor"]
	}
	if floor == 0 {
		floor = 2
	}
	return minP, floor
}

// Find returns the claims of a document: its text, the actors found in it, and the
// article's id and date, which its claims carry. The claims have neither an id nor the
// extractor's name yet: the extractor that runs the stages gives them.
func Find(lex *lexicon.Lexicon, tagger *syntax.Tagger, t *text.Doc, a *actors.Doc, article string, published time.Time, opts Options) []graph.Claim {
	return analyse(lex, tagger, t, a, article, published, opts).out
}

// analyse runs the events stage over a document: the frames, then the claim model's decision
// when opts has a model.
func analyse(lex *lexicon.Lexicon, tagger *syntax.Tagger, t *text.Doc, a *actors.Doc, article string, published time.Time, opts Options) *docAnalysis {
	d := newDocAnalysis(lex, tagger, t, a, article, published)
	d.frameParser = framesParser(opts.Parser)
	d.run()
	if opts.Model != nil {
		minP, floor := opts.decision()
		if opts.Fill {
			d.fill(opts.Model, minP)
		} else {
			d.decide(opts.Model, minP, floor)
		}
	}
	return d
}

// Candidates returns the candidate pairs of a document, with the features the claim model
// reads: what the model's trainer labels and learns from.
func Candidates(lex *lexicon.Lexicon, tagger *syntax.Tagger, parser *syntax.Parser, t *text.Doc, a *actors.Doc, article string, published time.Time) []Candidate {
	d := newDocAnalysis(lex, tagger, t, a, article, published)
	d.frameParser = framesParser(parser)
	d.run()
	return d.allCandidates()
}

// framesParser returns the parser the frames read trees from: p, or the embedded parser.
// Without a model (a build that embeds none) the frames find no arguments.
func framesParser(p *syntax.Parser) *syntax.Parser {
	if p != nil {
		return p
	}
	p, _ = syntax.DefaultParser()
	return p
}

func newDocAnalysis(lex *lexicon.Lexicon, tagger *syntax.Tagger, t *text.Doc, a *actors.Doc, article string, published time.Time) *docAnalysis {
	d := &docAnalysis{lex: lex, tagger: tagger, article: article, published: published, src: t.Text, toks: t.Tokens,
		actors: a, claims: map[claimKey]int{}}
	for i, s := range t.Sentences {
		// the mentions are copied, since this stage rewrites some (a pronoun resolved to its
		// speaker, a seat standing for its state) and the actors stage's Doc stays as found
		d.sents = append(d.sents, &sentAnalysis{idx: i, s: s, ms: slices.Clone(a.Sentences[i].Mentions), persons: a.Sentences[i].Persons})
	}
	return d
}

func (d *docAnalysis) run() {
	// Pass 1: predicates, in document order.
	for _, sa := range d.sents {
		n := sa.s.To - sa.s.From
		sa.mAt = make([]int, n)
		for k := range sa.mAt {
			sa.mAt[k] = -1
		}
		for mi, m := range sa.ms {
			for k := m.From; k < m.To; k++ {
				sa.mAt[k-sa.s.From] = mi
			}
		}
		d.markQuotes(sa)
		d.findPredicates(sa)
		sa.start, sa.end = d.runes.at(d.src, sa.s.Start), d.runes.at(d.src, sa.s.End)
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
	sa.quoted = make([]bool, sa.s.To-sa.s.From)
	in := false
	for k := sa.s.From; k < sa.s.To; k++ {
		t := &d.toks[k]
		switch t.Text {
		case "“", "«":
			in = true
		case "”", "»":
			in = false
		case "\"":
			in = !in
		}
		sa.quoted[k-sa.s.From] = in
	}
	// a sentence that closes a quote it did not open was inside it from its start
	for k := sa.s.From; k < sa.s.To; k++ {
		if t := d.toks[k].Text; t == "“" || t == "«" {
			break
		} else if t == "”" || t == "»" {
			for j := sa.s.From; j < k; j++ {
				sa.quoted[j-sa.s.From] = true
			}
			break
		}
	}
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
	srcFrom, srcTo := d.mentionSpan(sa, sourceText, source, -1)
	tgtFrom, tgtTo := d.mentionSpan(sa, targetText, target, srcFrom)
	c := graph.Claim{
		ArticleID:   d.article,
		Source:      source,
		Target:      target,
		Type:        typ,
		CAMEO:       cameo,
		Predicate:   predicate,
		SourceText:  sourceText,
		TargetText:  targetText,
		SourceStart: srcFrom, SourceEnd: srcTo,
		TargetStart: tgtFrom, TargetEnd: tgtTo,
		Sentence:   sentence,
		Start:      start,
		End:        end,
		Confidence: conf,
		Negated:    negated,
		Modality:   modality,
		Time:       text.ResolveTime(d.toks[sa.s.From:sa.s.To], d.published),
	}
	if c.Modality == "" {
		c.Modality = graph.Asserted
	}
	d.claims[key] = len(d.out)
	d.out = append(d.out, c)
	d.outSent = append(d.outSent, sa.idx)
}

// affiliations records, for each person introduced with a role in the sentence, the claim
// that links them to their state organ or organisation.
func (d *docAnalysis) affiliations(sa *sentAnalysis) {
	d.focus = -1
	for _, p := range sa.persons {
		if p.Affiliation == "" {
			continue
		}
		conf := 0.9
		if p.Contextual {
			conf = 0.6 // the state was taken from the sentence, not from the words around the name
		} else if p.Role == "" {
			conf = 0.7 // the people dictionary's dated role, not a role written in the text
		}
		before := len(d.out)
		d.addClaim(sa, p.Actor.ID, p.Affiliation, graph.Affiliation, "", p.Role, p.Actor.Name, "", conf, false, graph.Asserted)
		if len(d.out) > before {
			d.out[len(d.out)-1].Role = p.Role
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
	if sa.s.To-sa.s.From <= maxEvidenceTokens {
		return d.src[sa.s.Start:sa.s.End], sa.start, sa.end
	}
	from := sa.s.From
	if d.focus >= sa.s.From && d.focus < sa.s.To {
		from = max(sa.s.From, d.focus-maxEvidenceTokens/2)
	}
	to := min(sa.s.To, from+maxEvidenceTokens)
	b0, b1 := d.toks[from].Start, d.toks[to-1].End
	start := sa.start + utf8.RuneCountInString(d.src[sa.s.Start:b0])
	return d.src[b0:b1], start, start + utf8.RuneCountInString(d.src[b0:b1])
}

// mentionSpan finds where the words that name a claim's end stand in the sentence, and
// returns their code point offsets in the text (equal when the sentence does not hold them as
// written, as for a person's dictionary name): of the places that hold those words, one that
// a mention of the actor starts, else the first; a place other than the one that starts at
// code point avoid (the other end's) when there is one.
func (d *docAnalysis) mentionSpan(sa *sentAnalysis, words, actor string, avoid int) (int, int) {
	if words == "" {
		return 0, 0
	}
	best, rank := -1, -1
	for k := sa.s.From; k < sa.s.To; k++ {
		b := d.toks[k].Start
		if !strings.HasPrefix(d.src[b:], words) {
			continue
		}
		from := sa.start + utf8.RuneCountInString(d.src[sa.s.Start:b])
		r := 0
		if from != avoid {
			r += 2
		}
		if mi := sa.mAt[k-sa.s.From]; mi >= 0 && sa.ms[mi].From == k {
			if m := &sa.ms[mi]; m.Person == actor || slices.Contains(m.Actors, actor) {
				r++
			}
		}
		if r > rank {
			best, rank = from, r
		}
	}
	if best < 0 {
		return 0, 0
	}
	return best, best + utf8.RuneCountInString(words)
}

func (d *docAnalysis) text(i, j int) string {
	if i >= j {
		return ""
	}
	return d.src[d.toks[i].Start:d.toks[j-1].End]
}

// mentionText is the text of a mention.
func (d *docAnalysis) mentionText(m *actors.Mention) string {
	return strings.TrimSpace(d.text(m.From, m.To))
}
