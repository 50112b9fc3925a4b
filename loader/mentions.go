package loader

// Actors: the mention finder walks a document's sentences and resolves each mention of an actor
// through the gazetteer, the people dictionary and what the document has named before.

import (
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
	place      bool // a city or region of a state (places.tsv), standing for the state
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
	if e.role == rolePlace && i > s.from && f.toks[i-1].lower == "the" {
		// "the Nile", "the Negev": a river or a region is a scene, never a party
		return mention{from: i, to: end, form: formName, locative: true}, true
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
	default: // a name, a demonym or a place
		m.actors, m.form, m.place = []string{e.actor}, formName, e.role == rolePlace
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
