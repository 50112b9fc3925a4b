package llm

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/loader"
)

// builder turns the model's relations for one document into claims and actors.
type builder struct {
	e         *Extractor
	doc       loader.Document
	articleID string
	actors    []graph.Actor
	actorAt   map[string]int
	claims    []graph.Claim
	claimIDs  map[string]bool
}

// add checks one relation against the text and keeps it as a claim, or drops it and counts why.
func (b *builder) add(r relation, hay *normText) {
	st := &b.e.stats
	st.relations.Add(1)
	typ := graph.RelationType(strings.ToUpper(strings.TrimSpace(r.Type)))
	info, ok := typ.Info()
	if !ok {
		st.droppedType.Add(1)
		b.drop("unknown type", r)
		return
	}
	startByte, endByte, ok := hay.find(r.Sentence)
	if !ok {
		st.droppedEvidence.Add(1)
		b.drop("sentence not found verbatim in the text", r)
		return
	}
	src, srcCandidate, okS := b.resolve(r.Source)
	tgt, tgtCandidate, okT := b.resolve(r.Target)
	if !okS || !okT || src.ID == tgt.ID {
		st.droppedActors.Add(1)
		b.drop("missing actor, or the same actor at both ends", r)
		return
	}
	confidence := r.Confidence
	if confidence <= 0 || confidence != confidence { // none given, or NaN
		confidence = DefaultConfidence
	}
	confidence = min(confidence, 1)
	for _, candidate := range []bool{srcCandidate, tgtCandidate} {
		if candidate {
			confidence *= CandidateFactor
			st.candidates.Add(1)
		}
	}
	modality := graph.Modality(strings.ToUpper(strings.TrimSpace(r.Modality)))
	if !validModality(modality) {
		modality = graph.Asserted
	}
	c := graph.Claim{
		ArticleID:     b.articleID,
		Source:        src.ID,
		Target:        tgt.ID,
		Type:          typ,
		CAMEO:         info.CAMEO,
		Predicate:     collapseSpace(r.Predicate),
		SourceText:    collapseSpace(r.Source),
		TargetText:    collapseSpace(r.Target),
		Sentence:      b.doc.Text[startByte:endByte],
		Start:         utf8.RuneCountInString(b.doc.Text[:startByte]),
		Confidence:    confidence,
		Negated:       r.Negated,
		Modality:      modality,
		Time:          b.doc.Published,
		Extractor:     Name,
		ExtractorVers: b.e.Version(),
	}
	c.End = c.Start + utf8.RuneCountInString(c.Sentence)
	// the model's words for each end, where the sentence has them as written (the first
	// time; for the target, another place than the source's when there is one)
	c.SourceStart, c.SourceEnd = wordsIn(c.Sentence, c.Start, c.SourceText, -1)
	c.TargetStart, c.TargetEnd = wordsIn(c.Sentence, c.Start, c.TargetText, c.SourceStart)
	if typ == graph.Affiliation {
		c.Role = collapseSpace(r.Role)
	}
	c.ID = graph.ClaimID(c)
	if b.claimIDs[c.ID] {
		st.duplicates.Add(1)
		return
	}
	b.claimIDs[c.ID] = true
	b.claims = append(b.claims, c)
	st.claims.Add(1)
	b.keepActor(src)
	b.keepActor(tgt)
}

// wordsIn returns the code point offsets of words in a sentence that starts at code point
// start, skipping a place that starts at avoid when the words stand elsewhere too; equal
// offsets when the sentence does not hold them as written.
func wordsIn(sentence string, start int, words string, avoid int) (int, int) {
	if words == "" {
		return 0, 0
	}
	found := -1
	for off := 0; off < len(sentence); {
		i := strings.Index(sentence[off:], words)
		if i < 0 {
			break
		}
		at := start + utf8.RuneCountInString(sentence[:off+i])
		if found < 0 {
			found = at
		}
		if at != avoid {
			found = at
			break
		}
		off += i + len(words)
	}
	if found < 0 {
		return 0, 0
	}
	return found, found + utf8.RuneCountInString(words)
}

func (b *builder) drop(why string, r relation) {
	b.e.log.Debug("llm: relation dropped", "article", b.articleID, "file", b.doc.File, "line", b.doc.Line,
		"reason", why, "source", r.Source, "type", r.Type, "target", r.Target, "sentence", r.Sentence)
}

func (b *builder) keepActor(a graph.Actor) {
	if _, ok := b.actorAt[a.ID]; ok {
		return
	}
	b.actorAt[a.ID] = len(b.actors)
	b.actors = append(b.actors, a)
}

// resolve finds the actor a name as written refers to. A name the resolver does not know
// becomes a candidate actor; an empty name resolves to nothing.
func (b *builder) resolve(name string) (a graph.Actor, candidate, ok bool) {
	name = collapseSpace(name)
	if name == "" {
		return graph.Actor{}, false, false
	}
	if r := b.e.resolver; r != nil {
		for _, form := range nameForms(name) {
			if a, ok := r.Resolve(form); ok && a.ID != "" {
				return a, false, true
			}
		}
	}
	bare := nameForms(name)
	display := bare[len(bare)-1]
	slug := Slug(display)
	if slug == "" {
		return graph.Actor{}, false, false
	}
	return graph.Actor{ID: "candidate/" + slug, Name: display, Kind: graph.KindOther}, true, true
}

// nameForms lists the forms of a name to try, the name as written first: then without a
// leading article, then without a possessive ending as well.
func nameForms(name string) []string {
	forms := []string{name}
	for _, article := range []string{"the ", "The "} {
		if rest, ok := strings.CutPrefix(name, article); ok && rest != "" {
			name = rest
			forms = append(forms, name)
			break
		}
	}
	for _, suffix := range []string{"'s", "’s", "'", "’"} {
		if rest, ok := strings.CutSuffix(name, suffix); ok && rest != "" {
			forms = append(forms, rest)
			break
		}
	}
	return forms
}

// Slug turns a name into the last part of a candidate actor's id: lower case letters and
// digits, with a single hyphen for each run of anything else ("Foo-Bar Movement" ->
// "foo-bar-movement").
func Slug(name string) string {
	var s strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r == '\'' || r == '’' || r == '.':
			// "Ansar Allah's", "U.N." keep their letters together
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if hyphen && s.Len() > 0 {
				s.WriteByte('-')
			}
			hyphen = false
			s.WriteRune(r)
		default:
			hyphen = true
		}
	}
	return s.String()
}

func collapseSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// modalities lists graph's modalities (graph has no list of them).
var modalities = []graph.Modality{graph.Asserted, graph.Pledged, graph.Threatened, graph.Hypothetical}

func validModality(m graph.Modality) bool {
	for _, v := range modalities {
		if m == v {
			return true
		}
	}
	return false
}
