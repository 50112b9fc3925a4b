package loader

import (
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/dyadgraph/dyad/graph"
)

// mentionForm says how a mention names its actor.
type mentionForm uint8

const (
	formName      mentionForm = iota // a gazetteer name or alias: "Russia", "NATO"
	formDemonym                      // a nationality adjective alone: "Russian (success)"
	formPeople                       // a plural demonym: "Canadians"
	formSeat                         // a capital or seat of government: "Moscow", "the Kremlin"
	formSector                       // a state's organ or group: "Russian troops", "Iraq's government"
	formPerson                       // a person with a role: "Secretary-General Jens Stoltenberg"
	formSurname                      // a person named again: "Stoltenberg"
	formPronoun                      // he, it, they, its, we ...
	formCoref                        // a definite description: "the alliance", "the two countries"
	formCandidate                    // an unknown capitalised name
	formGeneric                      // a described group: "Tehran-backed militias"
)

// mention is a reference to one or more actors in a sentence.
type mention struct {
	from, to   int      // token span, half-open
	actors     []string // the actors it resolves to, for relations (a person's organisation)
	person     string   // for a person: the person's own actor id
	form       mentionForm
	conf       float64 // how sure the resolution is
	plural     bool
	locative   bool // a place after "in", "at", ...: the scene, not a participant
	possessive bool // followed by 's, or a possessive pronoun
}

// person is someone named in the document with a role.
type person struct {
	actor       graph.Actor
	affiliation string // actor id of the state organ or organisation, or ""
	role        string // as written
	roleAff     string // what the role belongs to: GOV, MIL, OPP, IGO, ORG (see roles.tsv)
	contextual  bool   // the affiliation was taken from the context, not the text around the name
}

// Words that mark a place rather than a participant when they come before a name.
var locativePreps = toSet("in", "at", "near", "inside", "outside", "across", "throughout", "within", "around", "along", "into")

// Words that cannot be part of a person's name or a candidate actor's name.
var nameStopwords = toSet("the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "but", "and",
	"or", "in", "on", "at", "as", "this", "that", "these", "those", "his", "her", "their", "its", "our",
	"there", "however", "meanwhile", "after", "before", "when", "while", "if", "so", "yet", "both",
	"some", "many", "most", "no", "not", "all", "any", "for", "of", "to", "from", "with", "by", "since",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
	"february", "march", "april", "may", "june", "july", "august", "september", "october",
	"november", "december", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.",
	"oct.", "nov.", "dec.", "mr.", "mrs.", "ms.", "dr.", "says", "said", "click", "story", "sponsored",
	"advertisement", "watch", "read", "more", "related", "today", "yesterday", "tomorrow", "despite",
	"although", "though", "because", "under", "with", "according", "also", "even", "what", "who",
	"where", "why", "how", "which", "until", "again", "only", "just", "than", "then", "here", "yes",
	"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "thousands",
	"hundreds", "dozens", "tens", "up", "up to", "over", "about", "around", "senior", "top",
	// regional adjectives: descriptions, not names ("European security", "Western governments")
	"western", "eastern", "northern", "southern", "european", "african", "asian")

// Place words and regions that are never actors ("Red Sea", "Indo-Pacific").
var placeHeads = toSet("sea", "ocean", "gulf", "river", "strait", "straits", "bay", "mountains",
	"mountain", "valley", "peninsula", "island", "islands", "desert", "canal", "lake", "coast",
	"region", "province", "street", "square", "bridge", "border", "city", "town", "district",
	"airport", "port", "channel", "enclave", "basin", "hills", "heights", "plain", "strip", "bank",
	"pacific", "atlantic", "asia", "europe", "africa", "america", "americas", "arctic", "antarctica",
	"indo-pacific", "east", "west", "north", "south", "middle", "caucasus", "balkans", "sahel",
	"mediterranean", "baltic", "caribbean", "latin", "scandinavia", "eurasia", "oceania")

// Organisation words: a capitalised name ending in one is an organisation.
var orgHeads = map[string]string{
	"association": "", "commission": "", "commision": "", "committee": "", "company": "",
	"council": "", "court": sectorGov, "party": "PARTY", "front": "ARMED", "movement": "",
	"army": sectorMil, "union": "", "agency": "", "assembly": sectorGov, "ministry": sectorGov,
	"bank": "", "institute": "", "university": "", "organization": "", "organisation": "",
	"federation": "", "league": "", "alliance": "", "coalition": "", "forces": sectorMil,
	"corporation": "", "authority": sectorGov, "service": "", "police": sectorGov, "guard": sectorMil,
	"guards": sectorMil, "brigades": "ARMED", "brigade": "ARMED", "tribunal": sectorGov,
	"congress": sectorGov, "parliament": sectorGov, "senate": sectorGov, "government": sectorGov,
	"centre": "", "center": "", "foundation": "", "group": "", "network": "", "news": "MEDIA",
	"radio": "MEDIA", "television": "MEDIA", "times": "MEDIA", "post": "MEDIA", "press": "MEDIA",
	"navy": sectorMil, "cabinet": sectorGov, "office": sectorGov, "department": sectorGov,
	"watch": "NGO", "international": "", "conference": "", "mission": "", "program": "", "programme": "",
}

// Name particles that may stand in lower case inside a person's name.
var nameParticles = toSet("al", "bin", "ibn", "de", "da", "van", "von", "der", "del", "la", "le", "el", "du", "dos", "das", "y", "bint", "ben")

// Words after which a capitalised word is not the start of a role-less name.
var nameModifiers = toSet("new", "former", "acting", "interim", "outgoing", "then", "senior", "top", "chief", "current", "incoming", "ousted", "late", "exiled")

// Coreference heads: a definite description ("the alliance") and the kind of actor it points to.
var corefHeads = map[string]string{
	"alliance": "IGO", "bloc": "IGO", "organization": "IGO", "organisation": "IGO", "body": "IGO",
	"group": "ARMED", "militants": "ARMED", "rebels": "ARMED", "insurgents": "ARMED", "militia": "ARMED",
	"militias": "ARMED", "movement": "ARMED", "guerrillas": "ARMED", "fighters": "ARMED",
	"country": "STATE", "nation": "STATE", "kingdom": "STATE", "republic": "STATE", "island": "STATE",
	"countries": "STATES", "nations": "STATES", "neighbours": "STATES", "neighbors": "STATES",
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
}

// mentionFinder finds and resolves mentions sentence by sentence through a document.
type mentionFinder struct {
	g          *Gazetteer
	toks       []token
	history    []historyItem
	persons    map[string]*person // by actor id
	surnames   map[string]string  // lower-cased surname or full name -> person id
	aliases    map[string]string  // acronyms defined in the text ("(FDD)") -> actor id
	extra      map[string]graph.Actor
	newPersons []*person // persons introduced in the current sentence, for affiliation claims
	sentIdx    int
	date       time.Time // the article's date, for people's dated roles
}

func newMentionFinder(g *Gazetteer, toks []token) *mentionFinder {
	return &mentionFinder{g: g, toks: toks, persons: map[string]*person{}, surnames: map[string]string{},
		aliases: map[string]string{}, extra: map[string]graph.Actor{}}
}

// actor returns an actor by id, from the gazetteer or from those made for this document.
func (f *mentionFinder) actor(id string) (graph.Actor, bool) {
	if a, ok := f.extra[id]; ok {
		return a, true
	}
	return f.g.Actor(id)
}

func (f *mentionFinder) kindOf(id string) graph.ActorKind {
	a, _ := f.actor(id)
	return a.Kind
}

// find returns the mentions of a sentence, in order, without overlaps.
func (f *mentionFinder) find(s sentence) []mention {
	f.newPersons = f.newPersons[:0]
	var out []mention
	for i := s.from; i < s.to; {
		m, ok := f.at(s, i, out)
		if !ok {
			i++
			continue
		}
		if n := len(out); n > 0 && f.nationalOrgan(s, out[n-1], m) {
			// "the Russian Security Council": the state's own body of that name
			prev := out[n-1]
			iso := prev.actors[0][:3]
			m = mention{from: prev.from, to: m.to, actors: []string{iso + "-" + sectorGov}, form: formSector, conf: 0.9}
			out = out[:n-1]
		}
		if g, ok := f.basedGroup(s, m); ok {
			m = g // "Pakistan-based militants": the state's own group
		}
		out = append(out, m)
		f.remember(m)
		i = m.to
		if g, ok := f.compoundHead(s, m); ok {
			out = append(out, g)
			f.remember(g)
			i = g.to
		}
	}
	f.coordinateSectors(out)
	f.affiliateByContext(out)
	f.placeCandidates(out)
	return f.bareGroups(s, out)
}

// genericOrganWords make up names that many bodies share ("Security Council", "General
// Assembly"); such an organisation's name after a state's name is the state's own body.
var genericOrganWords = toSet("security", "council", "general", "assembly", "human", "rights",
	"commission", "national", "supreme", "court", "committee", "parliament", "central", "bank",
	"development", "agency", "tribunal", "justice")

// nationalOrgan reports an organisation named in generic words right after a state's demonym
// or possessive name: "the Russian Security Council", "Iran's Security Council".
func (f *mentionFinder) nationalOrgan(s sentence, prev, m mention) bool {
	if len(m.actors) != 1 || f.kindOf(m.actors[0]) != graph.KindIGO || len(prev.actors) != 1 ||
		f.kindOf(prev.actors[0]) != graph.KindState {
		return false
	}
	switch {
	case prev.form == formDemonym && prev.to == m.from:
	case prev.form == formName && prev.possessive && prev.to+1 == m.from:
	default:
		return false
	}
	for k := m.from; k < m.to; k++ {
		if !genericOrganWords[f.toks[k].lower] {
			return false
		}
	}
	return true
}

// domesticAgents are groups that act inside their own state: a bare "police" is the police of
// the state the passage is about.
var domesticAgents = toSet("police", "policemen", "gendarmes", "gendarmerie")

// bareGroups makes mentions of groups named without their state ("disperse fundamentalist
// demonstrators", "rebels fighting the army") in a sentence that names exactly one state:
// in news about one country, its own rebels, protesters and opposition are meant.
func (f *mentionFinder) bareGroups(s sentence, ms []mention) []mention {
	// the one state the sentence names, or else the one the passage has named so far
	iso := f.soleState(ms)
	if iso == "" {
		return ms
	}
	covered := make([]bool, s.to-s.from)
	for _, m := range ms {
		for k := m.from; k < m.to; k++ {
			covered[k-s.from] = true
		}
	}
	var added []mention
	for k := s.from; k < s.to; k++ {
		t := &f.toks[k]
		sec := f.g.sectors[t.lower]
		if domesticAgents[t.lower] {
			sec = sectorGov // "riot police": a state's own police, in the state the text is about
		} else if covered[k-s.from] || t.cap && k > s.from || !(sec == sectorReb || sec == sectorCiv || sec == sectorOpp) ||
			!(strings.HasSuffix(t.lower, "s") || sec == sectorOpp) || placeHeads[t.lower] || t.is("people") {
			continue
		}
		if covered[k-s.from] || t.cap && k > s.from {
			continue
		}
		added = append(added, mention{from: k, to: k + 1, actors: []string{iso + "-" + sec}, form: formGeneric, conf: 0.5, plural: true,
			locative: f.isLocative(s, k)})
	}
	if len(added) == 0 {
		return ms
	}
	out := append(ms, added...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].from < out[j].from })
	return out
}

// placeCandidates gives an unknown organisation ("SPLM/A", "La Prensa") the one state its
// sentence names, if it names exactly one: news about a state's own groups names the state
// beside them. The actor is the document's own, so each document decides for itself.
func (f *mentionFinder) placeCandidates(ms []mention) {
	iso := ""
	for _, m := range ms {
		if m.person != "" || m.form == formPronoun {
			continue
		}
		for _, id := range m.actors {
			if a, ok := f.actor(id); ok && a.Country != "" {
				if iso != "" && iso != a.Country {
					return
				}
				iso = a.Country
			}
		}
	}
	if iso == "" {
		return
	}
	for _, m := range ms {
		if m.form != formCandidate || len(m.actors) != 1 {
			continue
		}
		if a, ok := f.extra[m.actors[0]]; ok && a.Country == "" {
			a.Country = iso
			f.extra[a.ID] = a
		}
	}
}

// affiliateByContext gives a person introduced with a government or military role but no
// state ("President Mugabe") the one state that the sentence names, if it names exactly one;
// failing that, the one state the document has named so far.
func (f *mentionFinder) affiliateByContext(ms []mention) {
	for _, p := range f.newPersons {
		if p.affiliation != "" || p.roleAff == "" || p.roleAff == "IGO" || p.roleAff == "ORG" {
			continue
		}
		iso := f.soleState(ms)
		if iso == "" {
			continue
		}
		p.affiliation = sectorID(iso, p.roleAff)
		if a, ok := f.actor(p.affiliation); ok {
			p.actor.Country = a.Country
			f.extra[p.actor.ID] = p.actor
		}
		p.contextual = true
		for i := range ms {
			if ms[i].person == p.actor.ID {
				ms[i].actors = f.effective(p.actor.ID)
				ms[i].conf *= 0.8
			}
		}
	}
}

// soleState returns the one state the mentions of a sentence belong to, or, when they name
// none, the one state the document has named so far; "" when there is not exactly one.
func (f *mentionFinder) soleState(ms []mention) string {
	found := ""
	for _, m := range ms {
		if m.person != "" || m.form == formPronoun {
			continue
		}
		for _, id := range m.actors {
			a, ok := f.actor(id)
			if !ok || a.Country == "" || a.Kind == graph.KindPerson {
				continue
			}
			if found != "" && found != a.Country {
				return ""
			}
			found = a.Country
		}
	}
	if found != "" {
		return found
	}
	for _, h := range f.history {
		if h.person {
			continue
		}
		a, ok := f.actor(h.actor)
		if !ok || a.Country == "" {
			continue
		}
		if found != "" && found != a.Country {
			return ""
		}
		found = a.Country
	}
	return found
}

func (f *mentionFinder) remember(m mention) {
	if m.form == formPronoun || len(m.actors) == 0 {
		return
	}
	if m.locative && len(m.actors) == 1 && f.kindOf(m.actors[0]) != graph.KindState {
		return // "in Brussels" names a place, not the organisation "the bloc" refers to
	}
	plural := m.plural || len(m.actors) > 1
	for _, id := range m.actors {
		if m.person != "" {
			f.history = append(f.history, historyItem{actor: id, kind: graph.KindPerson, sentence: f.sentIdx, person: true})
			continue
		}
		f.history = append(f.history, historyItem{actor: id, kind: f.kindOf(id), plural: plural, sentence: f.sentIdx})
	}
	if len(f.history) > 64 {
		f.history = f.history[len(f.history)-64:]
	}
}

// at tries each kind of mention at token i.
func (f *mentionFinder) at(s sentence, i int, prev []mention) (mention, bool) {
	t := &f.toks[i]
	if t.kind == tokPunct && t.text != "(" {
		return mention{}, false
	}
	if m, ok := f.personAt(s, i); ok {
		return m, true
	}
	if t.kind != tokWord {
		return mention{}, false
	}
	if m, ok := f.organisationAt(s, i); ok {
		return m, true
	}
	if m, ok := f.gazetteerAt(s, i); ok {
		return m, true
	}
	if m, ok := f.sectorOfPlaceAt(s, i); ok {
		return m, true
	}
	if m, ok := f.referenceAt(s, i); ok {
		return m, true
	}
	if m, ok := f.knownPersonAt(s, i); ok {
		return m, true
	}
	if m, ok := f.dictionaryPersonAt(s, i); ok {
		return m, true
	}
	if id, ok := f.aliases[t.lower]; ok && t.cap {
		return mention{from: i, to: i + 1, actors: []string{id}, form: formName, conf: 0.9}, true
	}
	return f.candidateAt(s, i)
}

// basedGroup reads "X-based GROUP" after the mention of a state X: the group of that state
// named by a sector word ("Pakistan-based militants" -> PAK-REB).
func (f *mentionFinder) basedGroup(s sentence, m mention) (mention, bool) {
	k := m.to
	if k+2 >= s.to || len(m.actors) != 1 || f.toks[k].text != "-" || !f.toks[k].glued || f.toks[k+1].lower != "based" {
		return mention{}, false
	}
	a, ok := f.actor(m.actors[0])
	if !ok || a.Kind != graph.KindState {
		return mention{}, false
	}
	for j := k + 2; j < s.to && j < k+5; j++ {
		t := &f.toks[j]
		sec, ok := f.g.sectors[t.lower]
		if !ok || t.cap {
			if t.kind != tokWord || t.cap || breakWords[t.lower] || prepositions[t.lower] {
				return mention{}, false
			}
			continue
		}
		if sec == sectorSkip {
			continue
		}
		id := a.ID
		if sec != sectorState {
			id = sectorID(a.ID, sec)
		}
		return mention{from: m.from, to: j + 1, actors: []string{id}, form: formSector, conf: 0.8, plural: strings.HasSuffix(t.lower, "s")}, true
	}
	return mention{}, false
}

// compoundHead finds the group described by "X-backed NOUN" after the mention of X: a named
// group mentioned before ("the Iran-backed rebels" after "the Houthis"), or a group of its own
// ("Tehran-backed militias").
func (f *mentionFinder) compoundHead(s sentence, m mention) (mention, bool) {
	k := m.to
	if k+2 >= s.to || f.toks[k].text != "-" || !f.toks[k].glued || !f.toks[k+1].glued {
		return mention{}, false
	}
	if f.g.lexicon.participles[f.toks[k+1].lower] == nil {
		return mention{}, false
	}
	head := -1
	for j := k + 2; j < s.to && j < k+5; j++ {
		t := &f.toks[j]
		if t.kind != tokWord || t.cap || nameStopwords[t.lower] || breakWords[t.lower] || prepositions[t.lower] || auxWords[t.lower] {
			break
		}
		head = j
		if _, ok := f.g.sectors[t.lower]; ok {
			break
		}
	}
	if head < 0 {
		return mention{}, false
	}
	g := mention{from: k + 2, to: head + 1, form: formGeneric, conf: 0.6, plural: strings.HasSuffix(f.toks[head].lower, "s")}
	if corefHeads[f.toks[head].lower] == "ARMED" {
		if id, ok := f.recent(func(h historyItem) bool { return h.kind == graph.KindArmedGroup && !strings.Contains(h.actor, "-") }, 3); ok {
			g.actors, g.form, g.conf = []string{id}, formCoref, 0.7
			return g, true
		}
	}
	name := f.spanText(m.from, head+1)
	id := "group/" + slug(name)
	if _, ok := f.extra[id]; !ok {
		kind := graph.KindOther
		if f.g.sectors[f.toks[head].lower] == sectorReb {
			kind = graph.KindArmedGroup
		}
		f.extra[id] = graph.Actor{ID: id, Name: name, Kind: kind, Aliases: []string{f.spanText(k+2, head+1)}}
	}
	g.actors = []string{id}
	return g, true
}

// isLocative reports whether the token before i (skipping "the") is a locative preposition.
func (f *mentionFinder) isLocative(s sentence, i int) bool {
	j := i - 1
	for j >= s.from && f.toks[j].is("the", "southern", "northern", "eastern", "western", "central", "south", "north", "east", "west", "occupied", "neighboring", "neighbouring") {
		j--
	}
	return j >= s.from && locativePreps[f.toks[j].lower]
}

// gazetteerAt resolves a gazetteer name at i, with the sector words that follow it.
func (f *mentionFinder) gazetteerAt(s sentence, i int) (mention, bool) {
	e, end := f.g.match(f.toks[:s.to], i)
	if e == nil {
		return mention{}, false
	}
	if end < s.to && f.toks[end].text == "$" {
		return mention{from: i, to: end, form: formName}, true // a currency: "US $50 million"
	}
	m := mention{from: i, to: end, conf: 1}
	a, _ := f.g.Actor(e.actor)
	isState := a.Kind == graph.KindState
	switch {
	case !isState:
		m.actors, m.form = []string{e.actor}, formName
		m.plural = strings.HasSuffix(f.toks[end-1].lower, "s")
		// "Houthi rebels", "NATO peacekeeping troops": the group words belong to the actor
		if k, _ := f.sectorWords(s, end, false); k > end {
			m.to = k
			m.plural = true
		} else if end < s.to && f.toks[end].cap {
			if _, ok := orgHeads[f.toks[end].lower]; ok {
				m.to = end + 1 // "Fatah Party", "Hamas Movement"
			}
		}
	case e.role == rolePeople:
		m.actors, m.form, m.plural = []string{e.actor + "-" + sectorCiv}, formPeople, true
		// "Albanians in south Serbia", "the Albanians of southern Serbia": a people living in
		// another state are, for that state, its people
		if iso, to, ok := f.placeAfter(s, end); ok {
			m.actors, m.to = []string{iso + "-" + sectorCiv}, to
		}
	case e.role == roleCapital:
		// a capital that is not a seat of government is a place
		m.actors, m.form, m.locative = []string{e.actor}, formName, true
		return m, true
	case e.role == roleSeat:
		m.actors, m.form = []string{e.actor + "-" + sectorGov}, formSeat
		if k, sec := f.sectorWords(s, end, false); k > end && sec != "" {
			m.to, m.actors, m.form = k, []string{sectorID(e.actor, sec)}, formSector
		}
	default: // a name or a demonym
		m.actors, m.form = []string{e.actor}, formName
		if e.role == roleDemonym {
			m.form = formDemonym
		}
		start := end
		if end < s.to && f.toks[end].lower == "'s" && e.role == roleName {
			start = end + 1
		}
		if k, sec := f.sectorWords(s, start, true); k > start && sec != "" || (k > start && sec == sectorState) {
			m.to, m.actors, m.form = k, []string{sectorID(e.actor, sec)}, formSector
			m.plural = strings.HasSuffix(f.toks[k-1].lower, "s")
		} else if e.role == roleDemonym && start < s.to && f.isEthnicPlural(s, start) {
			// "Iraqi Kurds": a people of the state
			m.to, m.actors, m.form, m.plural = start+1, []string{e.actor + "-" + sectorCiv}, formSector, true
		}
	}
	if m.form != formSector && m.to < s.to && f.toks[m.to].lower == "'s" {
		m.possessive = true
	}
	m.locative = f.isLocative(s, i) && (m.form == formName || m.form == formSeat || m.form == formSector && strings.HasSuffix(m.actors[0], sectorCiv))
	f.absorbAcronym(s, &m)
	return m, true
}

// isEthnicPlural reports a capitalised plural that names no actor ("Kurds" in "Iraqi Kurds").
func (f *mentionFinder) isEthnicPlural(s sentence, k int) bool {
	t := &f.toks[k]
	if !t.cap || t.allCaps || !strings.HasSuffix(t.lower, "s") || nameStopwords[t.lower] || len(t.lower) < 4 {
		return false
	}
	if e, _ := f.g.match(f.toks[:s.to], k); e != nil && e.role != rolePeople {
		return false
	}
	return k+1 >= s.to || !f.toks[k+1].cap
}

// placeAfter reads "in|of (the)? (southern)? STATE" at k and returns the state and the end.
func (f *mentionFinder) placeAfter(s sentence, k int) (string, int, bool) {
	if k >= s.to || !f.toks[k].is("in", "of") {
		return "", 0, false
	}
	j := k + 1
	for j < s.to && f.toks[j].is("the", "southern", "northern", "eastern", "western", "central", "south", "north", "east", "west") {
		j++
	}
	if j >= s.to {
		return "", 0, false
	}
	e, end := f.g.match(f.toks[:s.to], j)
	if e == nil || e.role != roleName {
		return "", 0, false
	}
	if a, _ := f.g.Actor(e.actor); a.Kind != graph.KindState {
		return "", 0, false
	}
	return e.actor, end, true
}

func sectorID(iso3, sector string) string {
	if sector == sectorState || sector == "" {
		return iso3
	}
	return iso3 + "-" + sector
}

// sectorWords reads the sector words that follow a name at i ("interim government", "riot
// police"), and returns the end of the last one and its sector. With allowCap, one
// capitalised word that is no name may stand among them ("Sandinista government").
func (f *mentionFinder) sectorWords(s sentence, i int, allowCap bool) (int, string) {
	end, sector := i, ""
	capUsed := false
	for k := i; k < s.to && k < i+4; k++ {
		t := &f.toks[k]
		if t.kind != tokWord {
			if t.text == "-" && t.glued {
				continue
			}
			break
		}
		sec, ok := f.g.sectors[t.lower]
		if !ok {
			if allowCap && !capUsed && t.cap && !t.allCaps && k+1 < s.to {
				if e, _ := f.g.match(f.toks[:s.to], k); e == nil {
					if _, isRole := f.g.matchRole(f.toks, k, s.to); isRole == k {
						capUsed = true
						continue
					}
				}
			}
			break
		}
		if t.cap && k+1 < s.to && f.toks[k+1].cap && sec == sectorGov {
			// "Russian President Vladimir": a role before a name is for personAt
			break
		}
		if sec == sectorSkip {
			continue
		}
		end, sector = k+1, sec
	}
	return end, sector
}

// sectorOfPlaceAt finds "the president of Armenia", "rebels in the Ivory Coast": a sector
// word, a preposition and a state.
func (f *mentionFinder) sectorOfPlaceAt(s sentence, i int) (mention, bool) {
	sec, ok := f.g.sectors[f.toks[i].lower]
	if !ok || sec == sectorSkip {
		return mention{}, false
	}
	k := i + 1
	for k < s.to && k < i+3 {
		if sec2, ok := f.g.sectors[f.toks[k].lower]; ok {
			if sec2 != sectorSkip {
				sec = sec2
			}
			k++
			continue
		}
		break
	}
	if k >= s.to || !f.toks[k].is("of", "in", "throughout", "across") {
		return mention{}, false
	}
	j := k + 1
	for j < s.to && f.toks[j].is("the", "southern", "northern", "eastern", "western", "central", "south", "north", "east", "west") {
		j++
	}
	if j >= s.to {
		return mention{}, false
	}
	e, end := f.g.match(f.toks[:s.to], j)
	if e == nil || e.role == roleDemonym || e.role == rolePeople {
		return mention{}, false
	}
	a, _ := f.g.Actor(e.actor)
	if a.Kind != graph.KindState {
		return mention{}, false
	}
	if f.toks[k].is("of") && sec == sectorCiv && f.toks[i].is("town", "towns", "city", "cities", "village", "villages") {
		// "the town of X": X is a place, not a state
		return mention{}, false
	}
	return mention{from: i, to: end, actors: []string{sectorID(e.actor, sec)}, form: formSector, conf: 0.9,
		plural: strings.HasSuffix(f.toks[i].lower, "s")}, true
}

// organisationAt finds a capitalised organisation name that begins with a state's name:
// "Montenegro Municipality Association", "Kenya Anti-Corruption Commission".
func (f *mentionFinder) organisationAt(s sentence, i int) (mention, bool) {
	e, end := f.g.match(f.toks[:s.to], i)
	if e == nil || e.role != roleName {
		return mention{}, false
	}
	if a, _ := f.g.Actor(e.actor); a.Kind != graph.KindState {
		return mention{}, false
	}
	k := end
	last := -1
	head := ""
	for k < s.to && k < end+5 {
		t := &f.toks[k]
		if t.kind == tokPunct && t.text == "-" && t.glued {
			k++
			continue
		}
		if t.kind != tokWord || !t.cap || nameStopwords[t.lower] {
			break
		}
		if h, ok := orgHeads[t.lower]; ok {
			last, head = k, h
		}
		k++
	}
	if last < 0 || last == end-1 {
		return mention{}, false
	}
	to := last + 1
	m := mention{from: i, to: to, conf: 0.8, form: formCandidate}
	switch head {
	case sectorGov, sectorMil:
		m.actors, m.form = []string{e.actor + "-" + head}, formSector
	default:
		m.actors = []string{f.candidate(i, to, head, e.actor)}
		m.conf = 0.7
	}
	f.absorbAcronym(s, &m)
	return m, true
}

// candidate makes an actor for an unknown name in toks[i:j].
func (f *mentionFinder) candidate(i, j int, head, country string) string {
	name := f.spanText(i, j)
	id := "candidate/" + slug(name)
	if _, ok := f.extra[id]; ok {
		return id
	}
	kind := graph.KindOther
	switch head {
	case "PARTY":
		kind = graph.KindParty
	case "ARMED":
		kind = graph.KindArmedGroup
	case "MEDIA":
		kind = graph.KindMedia
	case "NGO":
		kind = graph.KindNGO
	}
	f.extra[id] = graph.Actor{ID: id, Name: name, Kind: kind, Country: country}
	return id
}

// spanText is the text of toks[i:j] as written, with single spaces.
func (f *mentionFinder) spanText(i, j int) string {
	var b strings.Builder
	for k := i; k < j; k++ {
		if k > i && !f.toks[k].glued {
			b.WriteByte(' ')
		}
		b.WriteString(f.toks[k].text)
	}
	return b.String()
}

// absorbAcronym takes a parenthesised acronym after a name into the mention and remembers
// it: "Forces for Defence of Democracy (FDD)".
func (f *mentionFinder) absorbAcronym(s sentence, m *mention) {
	k := m.to
	if k+2 < s.to && f.toks[k].text == "(" && f.toks[k+2].text == ")" && f.toks[k+1].allCaps && len(m.actors) == 1 {
		f.aliases[f.toks[k+1].lower] = m.actors[0]
		m.to = k + 3
	}
}

// referenceAt resolves pronouns and definite descriptions to actors named before.
func (f *mentionFinder) referenceAt(s sentence, i int) (mention, bool) {
	t := &f.toks[i]
	switch t.lower {
	case "he", "him", "his", "she", "her":
		if id, ok := f.recent(func(h historyItem) bool { return h.person }, 3); ok {
			return mention{from: i, to: i + 1, actors: f.effective(id), person: id, form: formPronoun, conf: 0.75,
				possessive: t.is("his", "her")}, true
		}
		return mention{}, false
	case "it", "its":
		fits := func(h historyItem) bool { return !h.person && !h.plural && h.kind != graph.KindOther }
		id, ok := f.recent(fits, 2)
		if i == s.from || i == s.from+1 && openers[f.toks[s.from].text] {
			// a sentence that opens with "It" continues with the last sentence's subject
			id, ok = f.previousSubject(fits, id, ok)
		}
		if ok {
			return mention{from: i, to: i + 1, actors: []string{id}, form: formPronoun, conf: 0.7, possessive: t.lower == "its"}, true
		}
		return mention{}, false
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
			return mention{from: i, to: i + 1, actors: []string{id}, form: formPronoun, conf: 0.6, plural: true, possessive: t.lower == "their"}, true
		}
		return mention{}, false
	case "we", "we're", "we've", "we'll", "us", "our":
		if t.allCaps {
			return mention{}, false // "US" is a name, not "us"
		}
		// resolved to the speaker once the sentence's speaker is known
		return mention{from: i, to: i + 1, form: formPronoun, conf: 0.7, plural: true, possessive: t.lower == "our"}, true
	case "the", "this", "that", "these", "both":
	default:
		return mention{}, false
	}
	// a definite description: the (two|military|...)? HEAD
	k := i + 1
	count := 1
	for k < s.to && k < i+3 {
		w := f.toks[k].lower
		if w == "two" || w == "both" {
			count = 2
			k++
			continue
		}
		if _, isHead := corefHeads[w]; isHead {
			break
		}
		if f.toks[k].kind == tokWord && !f.toks[k].cap && (w == "military" || w == "western" || w == "main" || w == "militant" || w == "rebel" || w == "islamist" || w == "armed" || w == "foreign" || w == "defence" || w == "defense" || w == "interior" || w == "transatlantic" || w == "atlantic") {
			k++
			continue
		}
		if f.toks[k].cap && (w == "foreign" || w == "defence" || w == "defense" || w == "interior") {
			k++
			continue
		}
		break
	}
	if k >= s.to {
		return mention{}, false
	}
	want, ok := corefHeads[f.toks[k].lower]
	if !ok {
		return mention{}, false
	}
	if t.lower == "both" && want != "STATES" {
		return mention{}, false
	}
	if k+1 < s.to && f.toks[k+1].is("of", "'s") && want != "IGO" && want != "ARMED" {
		// "the government of X" is for sectorOfPlaceAt; "the country's" stays a reference
		if f.toks[k+1].is("of") {
			return mention{}, false
		}
	}
	if want == "MIL" && f.modifiesNoun(s, k+1) {
		return mention{}, false // "the military coup", "the army chief"
	}
	m := mention{from: i, to: k + 1, form: formCoref, conf: 0.75}
	if k+1 < s.to && f.toks[k+1].lower == "'s" {
		m.possessive = true
	}
	switch want {
	case "IGO":
		id, ok := f.recent(func(h historyItem) bool { return h.kind == graph.KindIGO }, 8)
		if !ok {
			return mention{}, false
		}
		m.actors = []string{id}
	case "ARMED":
		id, ok := f.recent(func(h historyItem) bool { return h.kind == graph.KindArmedGroup && !strings.Contains(h.actor, "-") }, 4)
		if !ok {
			return mention{}, false
		}
		m.actors, m.plural = []string{id}, true
	case "STATE":
		id, ok := f.recent(func(h historyItem) bool { return h.kind == graph.KindState }, 4)
		if !ok {
			return mention{}, false
		}
		m.actors = []string{id}
	case "STATES":
		if count < 2 && !strings.HasSuffix(f.toks[k].lower, "s") {
			return mention{}, false
		}
		ids := f.recentStates(2, 4)
		if len(ids) < 2 {
			return mention{}, false
		}
		m.actors, m.plural = ids, true
	case "GOV", "MIL":
		id, ok := f.recent(func(h historyItem) bool { return h.kind == graph.KindState || h.kind == graph.KindGovernment }, 4)
		if !ok {
			return mention{}, false
		}
		iso := id
		if len(iso) > 3 {
			iso = iso[:3]
		}
		if want == "GOV" {
			m.actors = []string{iso + "-" + sectorGov}
		} else {
			m.actors = []string{iso + "-" + sectorMil}
		}
	}
	return m, true
}

// modifiesNoun reports that the word at k is a noun that the word before it modifies: a
// lower-case content word that looks like no verb (no -ed or -s ending, no irregular past
// participle, no verb of the relation lexicon).
func (f *mentionFinder) modifiesNoun(s sentence, k int) bool {
	if k >= s.to {
		return false
	}
	t := &f.toks[k]
	w := t.lower
	if t.kind != tokWord || t.cap || auxWords[w] || breakWords[w] || prepositions[w] || nameStopwords[w] ||
		strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "s") || isIrregularParticiple(w) || strings.HasSuffix(w, "ly") {
		return false
	}
	for _, p := range f.g.lexicon.byFirst[w] {
		if !p.entry.flags.has(flagNoun) {
			return false
		}
	}
	return true
}

// recent returns the most recent remembered actor that passes ok, named within the last
// `within` sentences.
func (f *mentionFinder) recent(ok func(historyItem) bool, within int) (string, bool) {
	for j := len(f.history) - 1; j >= 0; j-- {
		h := f.history[j]
		if f.sentIdx-h.sentence > within {
			break
		}
		if ok(h) {
			return h.actor, true
		}
	}
	return "", false
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

// effective returns the actors a person's deeds are attributed to: their organisation, or the
// person when none is known.
func (f *mentionFinder) effective(personID string) []string {
	if p := f.persons[personID]; p != nil && p.affiliation != "" {
		return []string{p.affiliation}
	}
	return []string{personID}
}

// personAt finds a person introduced with a role: "(Russian President Vladimir) Putin",
// "U.S. National Security Advisor Jake Sullivan", "King Hassan of Morocco".
func (f *mentionFinder) personAt(s sentence, i int) (mention, bool) {
	toks := f.toks
	k := i
	if toks[k].text == "(" {
		k++
	}
	// an affiliation before the role: a state, its demonym, or an organisation, maybe 's
	aff, affKind := "", graph.ActorKind("")
	if k < s.to {
		if e, end := f.g.match(toks[:s.to], k); e != nil && e.role != rolePeople {
			a, _ := f.g.Actor(e.actor)
			aff, affKind = e.actor, a.Kind
			k = end
			if k < s.to && toks[k].lower == "'s" {
				k++
			}
		}
	}
	for k < s.to && nameModifiers[toks[k].lower] {
		k++
	}
	// "Iran's religious leader", "Syria's top diplomat": up to two lower-case modifiers when a
	// role follows them
	if aff != "" {
		for n := 1; n <= 2 && k+n < s.to; n++ {
			if w := &toks[k+n-1]; w.kind != tokWord || w.cap || nameStopwords[w.lower] || breakWords[w.lower] {
				break
			}
			if _, end := f.g.matchRole(toks, k+n, s.to); end > k+n {
				k += n
				break
			}
		}
	}
	roleFrom := k
	roleAff, roleEnd := "", k
	for k < s.to {
		a, end := f.g.matchRole(toks, k, s.to)
		if end == k {
			break
		}
		roleAff, roleEnd = a, end
		k = end
		for k < s.to && toks[k].is("-") && toks[k].glued { // "Vice-President"
			k++
		}
	}
	if roleEnd == roleFrom {
		if aff != "" {
			return mention{}, false
		}
		return mention{}, false
	}
	role := f.spanText(roleFrom, roleEnd)
	if roleEnd < s.to && toks[roleEnd].text == ")" {
		roleEnd++
	}
	nameFrom, nameTo, ok := f.nameAt(s, roleEnd)
	if !ok {
		return mention{}, false
	}
	end := nameTo
	if i < roleFrom && toks[i].text == "(" && nameFrom == roleEnd {
		// "(Russian President Vladimir) Putin": the bracket closed inside the name
	}
	// "King Hassan of Morocco"
	if aff == "" && end+1 < s.to && toks[end].is("of") {
		j := end + 1
		if j+1 < s.to && toks[j].is("the") {
			j++
		}
		if e, e2 := f.g.match(toks[:s.to], j); e != nil && e.role == roleName {
			a, _ := f.g.Actor(e.actor)
			aff, affKind, end = e.actor, a.Kind, e2
		}
	}
	name := f.personName(nameFrom, nameTo)
	affiliation := f.affiliation(aff, affKind, roleAff)
	if affiliation == "" {
		// "President Donald Trump": a role without its state; the people dictionary knows
		// whose president on the article's date
		if rec, end := f.g.matchPerson(f.toks, nameFrom, s.to); rec != nil && end == nameTo {
			// only a role of the kind written: a secretary-general's organisation, a
			// president's state
			igo := roleAff == "IGO"
			keep := func(a string) bool { return strings.HasPrefix(a, "igo/") == igo }
			if a := rec.affiliationWhere(f.date, keep); a != "" {
				if _, ok := f.actor(a); ok {
					affiliation = a
				}
			}
		}
	}
	p := f.addPerson(name, affiliation, role, roleAff, nameFrom, nameTo)
	return mention{from: i, to: end, actors: f.effective(p.actor.ID), person: p.actor.ID, form: formPerson, conf: 0.9}, true
}

// affiliation turns the actor named beside a role into the organ the person belongs to.
func (f *mentionFinder) affiliation(aff string, kind graph.ActorKind, roleAff string) string {
	if aff != "" {
		if kind == graph.KindState {
			switch roleAff {
			case sectorMil:
				return aff + "-" + sectorMil
			case sectorOpp:
				return aff + "-" + sectorOpp
			}
			return aff + "-" + sectorGov
		}
		return aff
	}
	if roleAff == "IGO" {
		return f.likelyOrganisation()
	}
	return ""
}

// likelyOrganisation picks the organisation a bare organisational role ("Secretary-General
// Mark Rutte") belongs to: of the organisations named in this sentence or the two before, the
// one the document names most often (its subject), ties going to the one named first in the
// latest sentence that names any ("NATO and the European Union ..."); with none so near, the
// last one named.
func (f *mentionFinder) likelyOrganisation() string {
	count := map[string]int{}
	for _, h := range f.history {
		if h.kind == graph.KindIGO {
			count[h.actor]++
		}
	}
	best, bestN, latest := "", 0, -1
	for j := len(f.history) - 1; j >= 0; j-- {
		h := f.history[j]
		if f.sentIdx-h.sentence > 2 {
			break
		}
		if h.kind != graph.KindIGO {
			continue
		}
		if latest < 0 {
			latest = h.sentence
		}
		// walking back, a later (nearer) sentence wins ties; within it, the first named
		if n := count[h.actor]; n > bestN || n == bestN && h.sentence == latest {
			best, bestN = h.actor, n
		}
	}
	if best != "" {
		return best
	}
	id, _ := f.recent(func(h historyItem) bool { return h.kind == graph.KindIGO }, 1000)
	return id
}

// nameAt reads a person's name at i: capitalised words, name particles, initials and
// hyphenated parts, and a closing bracket of an editorial insertion ("Vladimir) Putin").
func (f *mentionFinder) nameAt(s sentence, i int) (int, int, bool) {
	toks := f.toks
	k := i
	words := 0
	lastCap := -1
	for k < s.to && k < i+7 {
		t := &toks[k]
		switch {
		case t.kind == tokWord && t.cap && !nameStopwords[t.lower] && t.lower != "'s":
			if words > 0 && !t.glued {
				// a state's name after a name is no part of it ("Putin Russia")
				if e, _ := f.g.match(toks[:s.to], k); e != nil && e.role == roleName {
					goto done
				}
			}
			if _, end := f.g.matchRole(toks, k, s.to); end > k && words == 0 {
				return 0, 0, false
			}
			words++
			lastCap = k
		case t.kind == tokWord && nameParticles[t.lower] && k+1 < s.to && (toks[k+1].cap || toks[k+1].text == "-"):
		case t.kind == tokWord && words > 0 && t.glued && toks[k-1].text == "-" && k+1 < s.to && toks[k+1].text == "-" && toks[k+1].glued:
			// "Fazl-ur-Rehman": a lower-case part between hyphens
		case t.text == "-" && t.glued && words > 0 && k+1 < s.to && toks[k+1].glued && toks[k+1].kind == tokWord:
		case t.text == ")" && words > 0 && k+1 < s.to && toks[k+1].cap:
		default:
			goto done
		}
		k++
	}
done:
	if lastCap < 0 {
		return 0, 0, false
	}
	return i, lastCap + 1, true
}

// personName is the name in toks[i:j] without brackets.
func (f *mentionFinder) personName(i, j int) string {
	var b strings.Builder
	for k := i; k < j; k++ {
		t := &f.toks[k]
		if t.text == ")" || t.text == "(" {
			continue
		}
		if b.Len() > 0 && !t.glued {
			b.WriteByte(' ')
		}
		b.WriteString(t.text)
	}
	return b.String()
}

// addPerson registers a person, or returns the one already known by that name.
func (f *mentionFinder) addPerson(name, affiliation, role, roleAff string, i, j int) *person {
	if id, ok := f.surnames[strings.ToLower(name)]; ok {
		p := f.persons[id]
		if p.affiliation == "" && affiliation != "" {
			p.affiliation, p.role = affiliation, role
			f.newPersons = append(f.newPersons, p)
		}
		return p
	}
	id := "person/" + slug(name)
	if p, ok := f.persons[id]; ok {
		return p
	}
	country := ""
	if affiliation != "" {
		if a, ok := f.actor(affiliation); ok {
			country = a.Country
		}
	}
	words := strings.Fields(name)
	surname := words[len(words)-1]
	if ix := strings.LastIndex(surname, "-"); ix >= 0 && ix+1 < len(surname) && nameParticles[strings.ToLower(surname[:ix])] {
		// al-Bashir is also "Bashir"
		f.surnames[strings.ToLower(surname[ix+1:])] = id
	}
	p := &person{actor: graph.Actor{ID: id, Name: name, Kind: graph.KindPerson, Country: country}, affiliation: affiliation, role: role, roleAff: roleAff}
	if len(words) > 1 {
		p.actor.Aliases = []string{surname}
	}
	f.persons[id] = p
	f.extra[id] = p.actor
	f.surnames[strings.ToLower(name)] = id
	f.surnames[strings.ToLower(surname)] = id
	f.newPersons = append(f.newPersons, p)
	return p
}

// honorifics may stand before a person's name ("Mr Trump").
var honorifics = toSet("mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame")

// dictionaryPersonAt finds a person of the people dictionary named without a role word
// ("Putin said"), and ties them to the organ they served on the article's date.
func (f *mentionFinder) dictionaryPersonAt(s sentence, i int) (mention, bool) {
	from := i
	if honorifics[f.toks[i].lower] && i+1 < s.to {
		i++
		if f.toks[i].text == "." && f.toks[i].glued && i+1 < s.to {
			i++
		}
	}
	rec, end := f.g.matchPerson(f.toks, i, s.to)
	if rec == nil {
		return mention{}, false
	}
	if end < s.to && f.toks[end].text == "," {
		// "Kofi Annan, the former secretary-general of the United Nations": the role as
		// written wins over the dictionary's
		if m, ok := f.appositivePerson(s, from, end); ok {
			return m, true
		}
	}
	aff := rec.affiliationOn(f.date)
	if _, ok := f.actor(aff); !ok {
		aff = ""
	}
	p := f.addPerson(rec.name, aff, "", "", i, end)
	m := mention{from: from, to: end, actors: f.effective(p.actor.ID), person: p.actor.ID, form: formSurname, conf: 0.8}
	if end < s.to && f.toks[end].lower == "'s" {
		m.possessive = true
	}
	return m, true
}

// knownPersonAt finds a person named again by surname or full name.
func (f *mentionFinder) knownPersonAt(s sentence, i int) (mention, bool) {
	t := &f.toks[i]
	if !t.cap {
		return mention{}, false
	}
	// the longest run of capitalised words that names a known person
	best := -1
	var name strings.Builder
	for k := i; k < s.to && k < i+5; k++ {
		if !f.toks[k].cap && !(f.toks[k].text == "-" && f.toks[k].glued) && !nameParticles[f.toks[k].lower] {
			break
		}
		if k > i && !f.toks[k].glued {
			name.WriteByte(' ')
		}
		name.WriteString(f.toks[k].lower)
		if _, ok := f.surnames[name.String()]; ok {
			best = k + 1
		}
	}
	if best < 0 {
		return mention{}, false
	}
	id := f.surnames[strings.ToLower(f.personName(i, best))]
	m := mention{from: i, to: best, actors: f.effective(id), person: id, form: formSurname, conf: 0.85}
	if best < s.to && f.toks[best].lower == "'s" {
		m.possessive = true
	}
	return m, true
}

// candidateAt makes a candidate actor of an unknown capitalised name, or of a person named
// with a role in apposition ("Kofi Annan, UN secretary-general").
func (f *mentionFinder) candidateAt(s sentence, i int) (mention, bool) {
	toks := f.toks
	t := &toks[i]
	if !t.cap || nameStopwords[t.lower] {
		return mention{}, false
	}
	if _, end := f.g.matchRole(toks, i, s.to); end > i {
		return mention{}, false
	}
	k := i
	last := -1
	for k < s.to && k < i+8 {
		u := &toks[k]
		switch {
		case u.kind == tokWord && u.cap && !nameStopwords[u.lower]:
			if k > i {
				if e, _ := f.g.match(toks[:s.to], k); e != nil && (e.role != roleName && e.role != roleDemonym || f.kindOf(e.actor) == graph.KindState) {
					goto done
				}
			}
			last = k
		case u.kind == tokWord && u.is("of", "for", "and", "de", "al", "bin") && k+1 < s.to && toks[k+1].cap && last >= 0:
		case u.text == "-" && u.glued && last >= 0 && k+1 < s.to && toks[k+1].glued:
		case u.text == "/" && u.glued && last >= 0 && k+1 < s.to && toks[k+1].glued:
		default:
			goto done
		}
		k++
	}
done:
	if last < 0 {
		return mention{}, false
	}
	end := last + 1
	// a single capitalised word that opens a sentence is usually no name
	if end-i == 1 && (i == s.from || openers[toks[i-1].text]) && !t.allCaps {
		return mention{}, false
	}
	// regions and geographic names are no actors, nor is a name after "in", "near" or "the
	// town of": a place, not a participant
	for k := i; k < end; k++ {
		if placeHeads[toks[k].lower] {
			return mention{}, false
		}
	}
	if f.isLocative(s, i) {
		return mention{from: i, to: end, form: formCandidate, locative: true}, true
	}
	if j := i - 1; j-1 >= s.from && toks[j].is("of") && placeHeads[toks[j-1].lower] {
		return mention{from: i, to: end, form: formCandidate, locative: true}, true
	}
	// apposition: "Kofi Annan, UN secretary-general," / "X, the foreign minister of Y"
	if end+1 < s.to && toks[end].text == "," {
		if m, ok := f.appositivePerson(s, i, end); ok {
			return m, true
		}
	}
	head := ""
	if h, ok := orgHeads[toks[end-1].lower]; ok {
		head = h
	}
	if head == sectorGov || head == sectorMil {
		head = ""
	}
	if end-i == 1 && !t.allCaps && head == "" {
		// a lone unknown name ("Putin", "Karen") is most often a person or a people named
		// without a role: remembered as a candidate, but too uncertain to take part in claims
		f.candidate(i, end, head, "")
		return mention{from: i, to: end, form: formCandidate}, true
	}
	m := mention{from: i, to: end, actors: []string{f.candidate(i, end, head, "")}, form: formCandidate, conf: 0.6}
	if end < s.to && toks[end].lower == "'s" {
		m.possessive = true
	}
	f.absorbAcronym(s, &m)
	return m, true
}

// appositivePerson reads ", (the|a)? AFFILIATION? ROLE (of|for X)?" after a name.
func (f *mentionFinder) appositivePerson(s sentence, i, end int) (mention, bool) {
	toks := f.toks
	k := end + 1
	if k < s.to && toks[k].is("the", "a", "an") {
		k++
	}
	aff, affKind := "", graph.ActorKind("")
	if e, e2 := f.g.match(toks[:s.to], k); e != nil && e.role != rolePeople {
		a, _ := f.g.Actor(e.actor)
		aff, affKind, k = e.actor, a.Kind, e2
		if k < s.to && toks[k].lower == "'s" {
			k++
		}
	}
	for k < s.to && nameModifiers[toks[k].lower] {
		k++
	}
	roleFrom := k
	roleAff := ""
	for k < s.to {
		a, e2 := f.g.matchRole(toks, k, s.to)
		if e2 == k {
			break
		}
		roleAff, k = a, e2
	}
	if k == roleFrom {
		return mention{}, false
	}
	role := f.spanText(roleFrom, k)
	if aff == "" && k+1 < s.to && toks[k].is("of", "for") {
		j := k + 1
		if j+1 < s.to && toks[j].is("the") {
			j++
		}
		if e, e2 := f.g.match(toks[:s.to], j); e != nil && (e.role == roleName || e.role == roleSeat) {
			a, _ := f.g.Actor(e.actor)
			aff, affKind, k = e.actor, a.Kind, e2
		}
	}
	name := f.personName(i, end)
	p := f.addPerson(name, f.affiliation(aff, affKind, roleAff), role, roleAff, i, end)
	// the mention covers the apposition, up to its closing comma
	to := k
	if to < s.to && toks[to].text == "," {
		to++
	}
	return mention{from: i, to: to, actors: f.effective(p.actor.ID), person: p.actor.ID, form: formPerson, conf: 0.85}, true
}

// coordinateSectors gives a bare demonym the sector of the demonym it is coordinated with:
// "Hungarian and Romanian officials", "US and British forces".
func (f *mentionFinder) coordinateSectors(ms []mention) {
	for j := len(ms) - 2; j >= 0; j-- {
		a, b := &ms[j], &ms[j+1]
		if (a.form != formDemonym && a.form != formName) || b.form != formSector || len(a.actors) != 1 || len(b.actors) != 1 {
			continue
		}
		gap := f.toks[a.to:b.from]
		if len(gap) != 1 || !(gap[0].lower == "and" || gap[0].lower == "," || gap[0].lower == "or") {
			continue
		}
		bid := b.actors[0]
		if len(bid) != 7 || len(a.actors[0]) != 3 {
			continue
		}
		a.actors[0] = a.actors[0] + bid[3:]
		a.form, a.plural = formSector, b.plural
	}
}

// slug makes an id part of a name: lower case, letters and digits, words joined by '-'.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}
