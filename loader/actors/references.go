package actors

// Actors, references: definite descriptions ("the alliance") and pronouns resolved to the
// actors named before them.

import (
	"strings"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/loader/lexicon"
	"github.com/dyadgraph/dyad/loader/text"
)

// Coreference heads: a definite description ("the alliance") and the kind of actor it points to.
var corefHeads = map[string]string{
	"alliance": "IGO", "bloc": "IGO", "organization": "IGO", "organisation": "IGO", "body": "IGO",
	"council": "ORG", "agency": "ORG", "court": "ORG", "grouping": "ORG", "fund": "ORG", "union": "ORG",
	"commission": "ORG", "assembly": "ORG", "cartel": "ORG", "group": "ORG",
	"militants": "ARMED", "rebels": "ARMED", "insurgents": "ARMED", "militia": "ARMED",
	"militias": "ARMED", "movement": "ARMED", "guerrillas": "ARMED", "fighters": "ARMED",
	"country": "STATE", "nation": "STATE", "kingdom": "STATE", "republic": "STATE", "island": "STATE",
	"countries": "STATES", "nations": "STATES", "sides": "STATES", "neighbours": "STATES", "neighbors": "STATES",
	"government": "GOV", "regime": "GOV", "administration": "GOV", "authorities": "GOV", "ministry": "GOV",
	"army": "MIL", "military": "MIL",
}

// history remembers the actors named so far in a document, for coreference.
type historyItem struct {
	actor    string
	kind     graph.ActorKind
	plural   bool
	sentence int
	person   bool
	personID string // for a person, their own id (actor is what stands for them)
}

func (f *mentionFinder) remember(m Mention) {
	if m.Form == FormPronoun || len(m.Actors) == 0 || m.Place {
		return // a city the text names ("talks in Istanbul") is no party a reference points to
	}
	if m.Locative && len(m.Actors) == 1 && f.kindOf(m.Actors[0]) != graph.KindState {
		// "in Brussels" names a place, not the organisation "the bloc" refers to; a capital
		// ("rallied in Yerevan") still says which state the passage is about
		if a, ok := f.actor(m.Actors[0]); ok && a.Kind == graph.KindGovernment && a.Country != "" {
			f.history = append(f.history, historyItem{actor: a.Country, kind: graph.KindState, sentence: f.sentIdx})
		}
		return
	}
	plural := m.Plural || len(m.Actors) > 1
	for _, id := range m.Actors {
		if m.Person != "" {
			f.history = append(f.history, historyItem{actor: id, kind: graph.KindPerson, sentence: f.sentIdx, person: true, personID: m.Person})
			continue
		}
		f.history = append(f.history, historyItem{actor: id, kind: f.kindOf(id), plural: plural, sentence: f.sentIdx})
	}
	if len(f.history) > 64 {
		f.history = f.history[len(f.history)-64:]
	}
}

// referenceAt resolves pronouns and definite descriptions to actors named before.
func (f *mentionFinder) referenceAt(s text.Sentence, i int) (Mention, bool) {
	t := &f.toks[i]
	switch t.Lower {
	case "he", "him", "his", "she", "her":
		if id, ok := f.recent(func(h historyItem) bool { return h.person }, 3); ok {
			return Mention{From: i, To: i + 1, Actors: f.effective(id), Person: id, Form: FormPronoun, Conf: 0.75,
				Possessive: t.Is("his", "her")}, true
		}
		return Mention{}, false
	case "it", "its":
		fits := func(h historyItem) bool { return !h.person && !h.plural && h.kind != graph.KindOther }
		id, ok := f.recent(fits, 2)
		if i == s.From || i == s.From+1 && text.Openers[f.toks[s.From].Text] {
			// a sentence that opens with "It" continues with the last sentence's subject
			id, ok = f.previousSubject(fits, id, ok)
		}
		if ok {
			return Mention{From: i, To: i + 1, Actors: []string{id}, Form: FormPronoun, Conf: 0.7, Possessive: t.Lower == "its"}, true
		}
		return Mention{}, false
	case "they", "them", "their":
		// an armed group or a plural named earlier in the same sentence comes first ("Wagner
		// has deployed fighters to Mali, where they fought"), then a plural named before
		sameSentence := func(h historyItem) bool {
			return h.sentence == f.sentIdx && !h.person && (h.plural || h.kind == graph.KindArmedGroup)
		}
		id, ok := f.recent(sameSentence, 0)
		if !ok {
			id, ok = f.recent(func(h historyItem) bool { return h.plural && !h.person }, 2)
		}
		if ok {
			return Mention{From: i, To: i + 1, Actors: []string{id}, Form: FormPronoun, Conf: 0.6, Plural: true, Possessive: t.Lower == "their"}, true
		}
		return Mention{}, false
	case "we", "we're", "we've", "we'll", "us", "our":
		if t.AllCaps {
			return Mention{}, false // "US" is a name, not "us"
		}
		// resolved to the speaker once the sentence's speaker is known
		return Mention{From: i, To: i + 1, Form: FormPronoun, Conf: 0.7, Plural: true, Possessive: t.Lower == "our"}, true
	case "the", "this", "that", "these", "both":
	default:
		return Mention{}, false
	}
	if t.Lower == "the" {
		if m, ok := f.titleReference(s, i); ok {
			return m, true
		}
	}
	// a definite description: the (two|military|...)? HEAD
	k := i + 1
	count := 1
	for k < s.To && k < i+3 {
		w := f.toks[k].Lower
		if w == "two" || w == "both" {
			count = 2
			k++
			continue
		}
		if _, isHead := corefHeads[w]; isHead {
			break
		}
		if f.toks[k].Kind == text.TokWord && !f.toks[k].Cap && (w == "military" || w == "western" || w == "main" || w == "militant" || w == "rebel" || w == "islamist" || w == "armed" || w == "foreign" || w == "defence" || w == "defense" || w == "interior" || w == "transatlantic" || w == "atlantic") {
			k++
			continue
		}
		if f.toks[k].Cap && (w == "foreign" || w == "defence" || w == "defense" || w == "interior") {
			k++
			continue
		}
		break
	}
	if k >= s.To {
		return Mention{}, false
	}
	want, ok := corefHeads[f.toks[k].Lower]
	if !ok {
		return Mention{}, false
	}
	if _, end := f.g.match(f.toks[:s.To], k); end > k+1 {
		return Mention{}, false // "the Council of Europe": a name, not a reference
	}
	if t.Lower == "both" && want != "STATES" {
		return Mention{}, false
	}
	if want == "ORG" && k+1 < s.To && f.toks[k+1].Is("of") {
		return Mention{}, false // "the court of appeal", "the union of ..."
	}
	if k+1 < s.To && f.toks[k+1].Is("of", "'s") && want != "IGO" && want != "ARMED" && want != "ORG" {
		// "the government of X" is for sectorOfPlaceAt; "the country's" stays a reference, and so
		// does "accused the government of corruption"
		if f.toks[k+1].Is("of") && (k+2 >= s.To || f.toks[k+2].Cap || f.toks[k+2].Is("the")) {
			return Mention{}, false
		}
	}
	if want == "MIL" && f.modifiesNoun(s, k+1) {
		return Mention{}, false // "the military coup", "the army chief"
	}
	m := Mention{From: i, To: k + 1, Form: FormCoref, Conf: 0.75}
	if k+1 < s.To && f.toks[k+1].Lower == "'s" {
		m.Possessive = true
	}
	switch want {
	case "IGO":
		id, ok := f.recent(func(h historyItem) bool { return h.kind == graph.KindIGO }, 8)
		if !ok {
			return Mention{}, false
		}
		m.Actors = []string{id}
	case "ORG":
		// "the council", "the agency", "the group": the organisation named last; an IGO
		// within eight sentences, another named organisation within four
		id, ok := f.recent(func(h historyItem) bool {
			return !h.person && !isSectorID(h.actor) && (h.kind == graph.KindIGO ||
				f.sentIdx-h.sentence <= 4 && (h.kind == graph.KindArmedGroup || h.kind == graph.KindNGO || h.kind == graph.KindParty))
		}, 8)
		if !ok {
			return Mention{}, false
		}
		m.Actors = []string{id}
		m.Plural = f.kindOf(id) == graph.KindArmedGroup
	case "ARMED":
		id, ok := f.recent(func(h historyItem) bool { return h.kind == graph.KindArmedGroup && !isSectorID(h.actor) }, 4)
		if !ok {
			return Mention{}, false
		}
		m.Actors, m.Plural = []string{id}, true
	case "STATE":
		id, ok := f.recent(func(h historyItem) bool { return h.kind == graph.KindState }, 4)
		if !ok {
			return Mention{}, false
		}
		m.Actors = []string{id}
	case "STATES":
		if count < 2 && !strings.HasSuffix(f.toks[k].Lower, "s") {
			return Mention{}, false
		}
		ids := f.recentStates(2, 4)
		if len(ids) < 2 {
			return Mention{}, false
		}
		m.Actors, m.Plural = ids, true
	case "GOV", "MIL":
		fits := func(h historyItem) bool { return h.kind == graph.KindState || h.kind == graph.KindGovernment }
		id, ok := f.recent(fits, 4)
		if f.toks[k].Lower == "ministry" {
			// "Japan protested to China. The foreign ministry summoned ...": a ministry
			// speaks for the state the passage is about, the subject of the sentence before,
			// more often than for the state named last
			ofState := func(h historyItem) bool {
				if h.person {
					return false
				}
				a, known := f.actor(h.actor)
				return known && a.Country != "" && (a.Kind == graph.KindState || a.Kind == graph.KindGovernment || a.Kind == graph.KindMilitary)
			}
			if subj, found := f.previousSubject(ofState, "", false); found {
				a, _ := f.actor(subj)
				id, ok = a.Country, true
			}
		}
		if !ok {
			return Mention{}, false
		}
		iso := id
		if len(iso) > 3 {
			iso = iso[:3]
		}
		if want == "GOV" {
			m.Actors = []string{iso + "-" + SectorGov}
		} else {
			m.Actors = []string{iso + "-" + SectorMil}
		}
	}
	return m, true
}

// titleReference resolves a title alone ("the president", "the former president", "the
// crown prince") to the person named with a role or from the people dictionary in this
// sentence or the three before: the person whose role is of the title's kind if there is one,
// else the last one named. The person's organ stands for them, unless the title says
// "former".
func (f *mentionFinder) titleReference(s text.Sentence, i int) (Mention, bool) {
	k := i + 1
	former := false
	for k < s.To && (nameModifiers[f.toks[k].Lower] || f.toks[k].Is("new")) {
		former = former || pastModifiers[f.toks[k].Lower]
		k++
	}
	if k < s.To && f.toks[k].Is("commission", "bank", "fund", "council") {
		k++ // "the commission president": an organisation's own title
	}
	from := k
	roleAff, end := "", k
	for k < s.To {
		a, e := f.g.matchRole(f.toks, k, s.To)
		if e == k {
			break
		}
		roleAff, end, k = a, e, e
	}
	if end == from {
		return Mention{}, false
	}
	if end < s.To && (f.toks[end].Cap && f.toks[end].Kind == text.TokWord || f.toks[end].Is("of", "'s", "-")) {
		return Mention{}, false // a name or a state follows: not a title alone
	}
	fits := func(h historyItem) bool {
		if !h.person {
			return false
		}
		p := f.persons[h.personID]
		return p != nil && p.Affiliation != "" && roleKind(p.Affiliation) == roleAff
	}
	id, ok := f.recentPerson(fits, 3)
	if !ok {
		if id, ok = f.recentPerson(func(h historyItem) bool { return h.person }, 3); !ok {
			return Mention{}, false
		}
	}
	m := Mention{From: i, To: end, Actors: f.effective(id), Person: id, Form: FormCoref, Conf: 0.7}
	if former {
		m.Actors = []string{id}
	}
	if end < s.To && f.toks[end].Lower == "'s" {
		m.Possessive = true
	}
	return m, true
}

// roleKind is the kind of role (roles.tsv) that an affiliation is for: GOV, MIL or IGO.
func roleKind(aff string) string {
	switch {
	case strings.HasSuffix(aff, "-"+SectorMil):
		return SectorMil
	case strings.HasPrefix(aff, "igo/"):
		return "IGO"
	}
	return SectorGov
}

// recentPerson returns the most recent person remembered that passes ok, named within the
// last `within` sentences.
func (f *mentionFinder) recentPerson(ok func(historyItem) bool, within int) (string, bool) {
	h, found := f.recentItem(ok, within)
	return h.personID, found
}

// modifiesNoun reports that the word at k is a noun that the word before it modifies: a
// lower-case content word that looks like no verb (no -ed or -s ending, no irregular past
// participle, no verb of the relation lexicon).
func (f *mentionFinder) modifiesNoun(s text.Sentence, k int) bool {
	if k >= s.To {
		return false
	}
	t := &f.toks[k]
	w := t.Lower
	if t.Kind != text.TokWord || t.Cap || text.AuxWords[w] || text.BreakWords[w] || text.Prepositions[w] || nameStopwords[w] ||
		strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "s") || lexicon.IsIrregularParticiple(w) || strings.HasSuffix(w, "ly") {
		return false
	}
	for _, p := range f.g.Lexicon.ByFirst[w] {
		if !p.Entry.Flags.Has(lexicon.FlagNoun) {
			return false
		}
	}
	return true
}

// recent returns the most recent remembered actor that passes ok, named within the last
// `within` sentences.
func (f *mentionFinder) recent(ok func(historyItem) bool, within int) (string, bool) {
	h, found := f.recentItem(ok, within)
	return h.actor, found
}

// recentItem returns the most recent remembered item that passes ok, named within the last
// `within` sentences.
func (f *mentionFinder) recentItem(ok func(historyItem) bool, within int) (historyItem, bool) {
	for j := len(f.history) - 1; j >= 0; j-- {
		h := f.history[j]
		if f.sentIdx-h.sentence > within {
			break
		}
		if ok(h) {
			return h, true
		}
	}
	return historyItem{}, false
}

// previousSubject returns the first fitting actor of the latest earlier sentence that has one,
// or the fallback.
func (f *mentionFinder) previousSubject(ok func(historyItem) bool, fallback string, found bool) (string, bool) {
	sent := -1
	best := ""
	for j := len(f.history) - 1; j >= 0; j-- {
		h := f.history[j]
		if h.sentence == f.sentIdx {
			continue
		}
		if sent >= 0 && h.sentence != sent {
			break
		}
		if ok(h) {
			sent, best = h.sentence, h.actor
		}
	}
	if sent >= 0 && f.sentIdx-sent <= 2 {
		return best, true
	}
	return fallback, found
}

// recentStates returns up to n distinct states named most recently.
func (f *mentionFinder) recentStates(n, within int) []string {
	var out []string
	for j := len(f.history) - 1; j >= 0 && len(out) < n; j-- {
		h := f.history[j]
		if f.sentIdx-h.sentence > within {
			break
		}
		if h.kind != graph.KindState && h.kind != graph.KindGovernment {
			continue
		}
		iso := h.actor
		if len(iso) > 3 {
			iso = iso[:3]
		}
		dup := false
		for _, o := range out {
			dup = dup || o == iso
		}
		if !dup {
			out = append(out, iso)
		}
	}
	return out
}
