package actors

// Actors: the mention finder walks a document's sentences and resolves each mention of an actor
// through the gazetteer, the people dictionary and what the document has named before.

import (
	"strings"
	"time"
	"unicode"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/loader/actors/names"
	"github.com/dyadgraph/dyad/loader/text"
)

// Form says how a mention names its actor.
type Form uint8

const (
	FormName      Form = iota // a gazetteer name or alias: "Russia", "NATO"
	FormDemonym               // a nationality adjective alone: "Russian (success)"
	FormPeople                // a plural demonym: "Canadians"
	FormSeat                  // a capital or seat of government: "Moscow", "the Kremlin"
	FormSector                // a state's organ or group: "Russian troops", "Iraq's government"
	FormPerson                // a person with a role: "Secretary-General Jens Stoltenberg"
	FormSurname               // a person named again: "Stoltenberg"
	FormPronoun               // he, it, they, its, we ...
	FormCoref                 // a definite description: "the alliance", "the two countries"
	FormCandidate             // an unknown capitalised name
	FormGeneric               // a described group: "Tehran-backed militias"
)

// Mention is a reference to one or more actors in a sentence.
type Mention struct {
	From, To   int      // token span, half-open
	Actors     []string // the actors it resolves to, for relations (a person's organisation)
	Person     string   // for a person: the person's own actor id
	Form       Form
	Conf       float64 // how sure the resolution is
	Plural     bool
	Locative   bool // a place after "in", "at", ...: the scene, not a participant
	Possessive bool // followed by 's, or a possessive pronoun
	Place      bool // a city or region of a state (places.tsv), standing for the state
}

// Words that mark a place rather than a participant when they come before a name.
var LocativePreps = text.Set("in", "at", "near", "inside", "outside", "across", "throughout", "within", "around", "along", "into")

// Words that cannot be part of a person's name or a candidate actor's name.
var nameStopwords = text.Set("the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "but", "and",
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
var placeHeads = text.Set("sea", "ocean", "gulf", "river", "strait", "straits", "bay", "mountains",
	"mountain", "valley", "peninsula", "island", "islands", "desert", "canal", "lake", "coast",
	"region", "province", "street", "square", "bridge", "border", "city", "town", "district",
	"airport", "port", "channel", "enclave", "basin", "hills", "heights", "plain", "strip", "bank",
	"pacific", "atlantic", "asia", "europe", "africa", "america", "americas", "arctic", "antarctica",
	"indo-pacific", "east", "west", "north", "south", "middle", "caucasus", "balkans", "sahel",
	"mediterranean", "baltic", "caribbean", "latin", "scandinavia", "eurasia", "oceania")

// Organisation words: a capitalised name ending in one is an organisation.
var orgHeads = map[string]string{
	"association": "", "commission": "", "commision": "", "committee": "", "company": "",
	"council": "", "court": SectorGov, "party": "PARTY", "front": "ARMED", "movement": "",
	"army": SectorMil, "union": "", "agency": "", "assembly": SectorGov, "ministry": SectorGov,
	"bank": "", "institute": "", "university": "", "organization": "", "organisation": "",
	"federation": "", "league": "", "alliance": "", "coalition": "", "forces": SectorMil,
	"corporation": "", "authority": SectorGov, "service": "", "police": SectorGov, "guard": SectorMil,
	"guards": SectorMil, "brigades": "ARMED", "brigade": "ARMED", "tribunal": SectorGov,
	"congress": SectorGov, "parliament": SectorGov, "senate": SectorGov, "government": SectorGov,
	"centre": "", "center": "", "foundation": "", "group": "", "network": "", "news": "MEDIA",
	"radio": "MEDIA", "television": "MEDIA", "times": "MEDIA", "post": "MEDIA", "press": "MEDIA",
	"navy": SectorMil, "cabinet": SectorGov, "office": SectorGov, "department": SectorGov,
	"watch": "NGO", "international": "", "conference": "", "mission": "", "program": "", "programme": "",
}

// mentionFinder finds and resolves mentions sentence by sentence through a document.
type mentionFinder struct {
	g          *Gazetteer
	toks       []text.Token
	history    []historyItem
	persons    map[string]*Person // by actor id
	surnames   map[string]string  // lower-cased surname or full name -> person id
	personKeys map[string]string  // names.Key of a person's names and surnames -> person id
	keys       map[string]string  // names.Key of names seen in the document
	keyStarts  map[string]bool    // the first two letters of the words of personKeys
	aliases    map[string]string  // acronyms defined in the text ("(FDD)") -> actor id
	extra      map[string]graph.Actor
	newPersons []*Person // persons introduced in the current sentence, for affiliation claims
	sentIdx    int
	date       time.Time // the article's date, for people's dated roles
}

func newMentionFinder(g *Gazetteer, toks []text.Token) *mentionFinder {
	return &mentionFinder{g: g, toks: toks, persons: map[string]*Person{}, surnames: map[string]string{}, personKeys: map[string]string{},
		aliases: map[string]string{}, extra: map[string]graph.Actor{}}
}

// actor returns an actor by id, from the gazetteer or from those made for this document.
func (f *mentionFinder) actor(id string) (graph.Actor, bool) {
	if a, ok := f.extra[id]; ok {
		return a, true
	}
	if a, ok := f.g.Actor(id); ok {
		return a, true
	}
	if p := f.g.people[id]; p != nil {
		return f.g.personActor(p, f.date), true // a person merged into a dictionary person
	}
	return graph.Actor{}, false
}

func (f *mentionFinder) kindOf(id string) graph.ActorKind {
	a, _ := f.actor(id)
	return a.Kind
}

// find returns the mentions of a sentence, in order, without overlaps.
func (f *mentionFinder) find(s text.Sentence) []Mention {
	f.newPersons = f.newPersons[:0]
	var out []Mention
	for i := s.From; i < s.To; {
		m, ok := f.at(s, i, out)
		if !ok {
			i++
			continue
		}
		if n := len(out); n > 0 && f.nationalOrgan(s, out[n-1], m) {
			// "the Russian Security Council": the state's own body of that name
			prev := out[n-1]
			iso := prev.Actors[0][:3]
			m = Mention{From: prev.From, To: m.To, Actors: []string{iso + "-" + SectorGov}, Form: FormSector, Conf: 0.9}
			out = out[:n-1]
		}
		if g, ok := f.basedGroup(s, m); ok {
			m = g // "Pakistan-based militants": the state's own group
		}
		out = append(out, m)
		f.remember(m)
		i = m.To
		if g, ok := f.compoundHead(s, m); ok {
			out = append(out, g)
			f.remember(g)
			i = g.To
		}
	}
	f.coordinateSectors(out)
	f.affiliateByContext(out)
	f.placeCandidates(out)
	return f.bareGroups(s, out)
}

// at tries each kind of mention at token i.
func (f *mentionFinder) at(s text.Sentence, i int, prev []Mention) (Mention, bool) {
	t := &f.toks[i]
	if t.Kind == text.TokPunct && t.Text != "(" {
		return Mention{}, false
	}
	if m, ok := f.personAt(s, i); ok {
		return m, true
	}
	if t.Kind != text.TokWord {
		return Mention{}, false
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
	if id, ok := f.aliases[t.Lower]; ok && t.Cap {
		return Mention{From: i, To: i + 1, Actors: []string{id}, Form: FormName, Conf: 0.9}, true
	}
	return f.candidateAt(s, i)
}

// isLocative reports whether the token before i (skipping "the") is a locative preposition.
func (f *mentionFinder) isLocative(s text.Sentence, i int) bool {
	j := i - 1
	for j >= s.From && f.toks[j].Is("the", "southern", "northern", "eastern", "western", "central", "south", "north", "east", "west", "occupied", "neighboring", "neighbouring") {
		j--
	}
	return j >= s.From && LocativePreps[f.toks[j].Lower]
}

// gazetteerAt resolves a gazetteer name at i, with the sector words that follow it.
func (f *mentionFinder) gazetteerAt(s text.Sentence, i int) (Mention, bool) {
	e, end := f.g.match(f.toks[:s.To], i)
	if e == nil {
		return Mention{}, false
	}
	if end < s.To && f.toks[end].Text == "$" {
		return Mention{From: i, To: end, Form: FormName}, true // a currency: "US $50 million"
	}
	if e.role == rolePlace && i > s.From && f.toks[i-1].Lower == "the" {
		// "the Nile", "the Negev": a river or a region is a scene, never a party
		return Mention{From: i, To: end, Form: FormName, Locative: true}, true
	}
	m := Mention{From: i, To: end, Conf: 1}
	a, _ := f.g.Actor(e.actor)
	isState := a.Kind == graph.KindState
	switch {
	case !isState:
		m.Actors, m.Form = []string{e.actor}, FormName
		m.Plural = strings.HasSuffix(f.toks[end-1].Lower, "s")
		// "Houthi rebels", "NATO peacekeeping troops": the group words belong to the actor
		if k, _ := f.sectorWords(s, end, false); k > end {
			m.To = k
			m.Plural = true
		} else if end < s.To && f.toks[end].Cap {
			if _, ok := orgHeads[f.toks[end].Lower]; ok {
				m.To = end + 1 // "Fatah Party", "Hamas Movement"
			}
		}
	case e.role == rolePeople:
		m.Actors, m.Form, m.Plural = []string{e.actor + "-" + SectorCiv}, FormPeople, true
		// "Albanians in south Serbia", "the Albanians of southern Serbia": a people living in
		// another state are, for that state, its people
		if iso, to, ok := f.placeAfter(s, end); ok {
			m.Actors, m.To = []string{iso + "-" + SectorCiv}, to
		}
	case e.role == roleCapital:
		// a capital that is not a seat of government is a place
		m.Actors, m.Form, m.Locative = []string{e.actor}, FormName, true
		return m, true
	case e.role == roleSeat:
		m.Actors, m.Form = []string{e.actor + "-" + SectorGov}, FormSeat
		if k, sec := f.sectorWords(s, end, false); k > end && sec != "" {
			m.To, m.Actors, m.Form = k, []string{sectorID(e.actor, sec)}, FormSector
		}
	default: // a name, a demonym or a place
		m.Actors, m.Form, m.Place = []string{e.actor}, FormName, e.role == rolePlace
		if e.role == roleDemonym {
			m.Form = FormDemonym
		}
		start := end
		if end < s.To && f.toks[end].Lower == "'s" && e.role == roleName {
			start = end + 1
		}
		if k, sec := f.sectorWords(s, start, true); k > start && sec != "" || (k > start && sec == SectorState) {
			m.To, m.Actors, m.Form = k, []string{sectorID(e.actor, sec)}, FormSector
			m.Plural = strings.HasSuffix(f.toks[k-1].Lower, "s")
		} else if e.role == roleDemonym && start < s.To && f.isEthnicPlural(s, start) {
			// "Iraqi Kurds": a people of the state
			m.To, m.Actors, m.Form, m.Plural = start+1, []string{e.actor + "-" + SectorCiv}, FormSector, true
		}
	}
	if m.Form != FormSector && m.To < s.To && f.toks[m.To].Lower == "'s" {
		m.Possessive = true
	}
	m.Locative = f.isLocative(s, i) && (m.Form == FormName || m.Form == FormSeat || m.Form == FormSector && strings.HasSuffix(m.Actors[0], SectorCiv))

	f.absorbAcronym(s, &m)
	return m, true
}

// organisationAt finds a capitalised organisation name that begins with a state's name:
// "Montenegro Municipality Association", "Kenya Anti-Corruption Commission".
func (f *mentionFinder) organisationAt(s text.Sentence, i int) (Mention, bool) {
	e, end := f.g.match(f.toks[:s.To], i)
	if e == nil || e.role != roleName {
		return Mention{}, false
	}
	if a, _ := f.g.Actor(e.actor); a.Kind != graph.KindState {
		return Mention{}, false
	}
	k := end
	last := -1
	head := ""
	for k < s.To && k < end+5 {
		t := &f.toks[k]
		if t.Kind == text.TokPunct && t.Text == "-" && t.Glued {
			k++
			continue
		}
		if t.Kind != text.TokWord || !t.Cap || nameStopwords[t.Lower] {
			break
		}
		if h, ok := orgHeads[t.Lower]; ok {
			last, head = k, h
		}
		k++
	}
	if last < 0 || last == end-1 {
		return Mention{}, false
	}
	to := last + 1
	m := Mention{From: i, To: to, Conf: 0.8, Form: FormCandidate}
	switch head {
	case SectorGov, SectorMil:
		m.Actors, m.Form = []string{e.actor + "-" + head}, FormSector
	default:
		m.Actors = []string{f.candidate(i, to, head, e.actor)}
		m.Conf = 0.7
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
		if k > i && !f.toks[k].Glued {
			b.WriteByte(' ')
		}
		b.WriteString(f.toks[k].Text)
	}
	return b.String()
}

// absorbAcronym takes a parenthesised acronym after a name into the mention and remembers
// it: "Forces for Defence of Democracy (FDD)".
func (f *mentionFinder) absorbAcronym(s text.Sentence, m *Mention) {
	k := m.To
	if k+2 < s.To && f.toks[k].Text == "(" && f.toks[k+2].Text == ")" && f.toks[k+1].AllCaps && len(m.Actors) == 1 {
		f.aliases[f.toks[k+1].Lower] = m.Actors[0]
		m.To = k + 3
	}
}

// candidateAt makes a candidate actor of an unknown capitalised name, or of a person named
// with a role in apposition ("Kofi Annan, UN secretary-general").
func (f *mentionFinder) candidateAt(s text.Sentence, i int) (Mention, bool) {
	toks := f.toks
	t := &toks[i]
	if !t.Cap || nameStopwords[t.Lower] {
		return Mention{}, false
	}
	if _, end := f.g.matchRole(toks, i, s.To); end > i {
		return Mention{}, false
	}
	k := i
	last := -1
	for k < s.To && k < i+8 {
		u := &toks[k]
		switch {
		case u.Kind == text.TokWord && u.Cap && !nameStopwords[u.Lower]:
			if k > i {
				if e, _ := f.g.match(toks[:s.To], k); e != nil && (e.role != roleName && e.role != roleDemonym || f.kindOf(e.actor) == graph.KindState) {
					goto done
				}
			}
			last = k
		case u.Kind == text.TokWord && u.Is("of", "for", "and", "de", "al", "bin") && k+1 < s.To && toks[k+1].Cap && last >= 0:
		case u.Text == "-" && u.Glued && last >= 0 && k+1 < s.To && toks[k+1].Glued:
		case u.Text == "/" && u.Glued && last >= 0 && k+1 < s.To && toks[k+1].Glued:
		default:
			goto done
		}
		k++
	}
done:
	if last < 0 {
		return Mention{}, false
	}
	end := last + 1
	// a single capitalised word that opens a sentence is usually no name
	if end-i == 1 && (i == s.From || text.Openers[toks[i-1].Text]) && !t.AllCaps {
		return Mention{}, false
	}
	// regions and geographic names are no actors, nor is a name after "in", "near" or "the
	// town of": a place, not a participant
	for k := i; k < end; k++ {
		if placeHeads[toks[k].Lower] {
			return Mention{}, false
		}
	}
	if f.isLocative(s, i) {
		return Mention{From: i, To: end, Form: FormCandidate, Locative: true}, true
	}
	if j := i - 1; j-1 >= s.From && toks[j].Is("of") && placeHeads[toks[j-1].Lower] {
		return Mention{From: i, To: end, Form: FormCandidate, Locative: true}, true
	}
	// apposition: "Kofi Annan, UN secretary-general," / "X, the foreign minister of Y"
	if end+1 < s.To && toks[end].Text == "," {
		if m, ok := f.appositivePerson(s, i, end); ok {
			return m, true
		}
	}
	name := f.spanText(i, end)
	if stripped := names.StripTitles(name); stripped != name && !names.IsTitle(name) {
		// "Mr Tinubu", "Captain Traore": a title that is no role word, before a name
		if m, ok := f.titledPerson(s, i, end, stripped); ok {
			return m, true
		}
	}
	if names.NotActor(name) {
		// a common word, a treaty, a meeting, a document: no actor
		return Mention{From: i, To: end, Form: FormCandidate}, true
	}
	head := ""
	if h, ok := orgHeads[toks[end-1].Lower]; ok {
		head = h
	}
	if head == SectorGov || head == SectorMil {
		head = ""
	}
	if end-i == 1 && !t.AllCaps && head == "" {
		// a lone unknown name ("Karen", "Beta") is most often a person or a people named
		// without a role, or no name at all: too uncertain for claims or for an actor
		return Mention{From: i, To: end, Form: FormCandidate}, true
	}
	m := Mention{From: i, To: end, Actors: []string{f.candidate(i, end, head, "")}, Form: FormCandidate, Conf: 0.6}
	if end < s.To && toks[end].Lower == "'s" {
		m.Possessive = true
	}
	f.absorbAcronym(s, &m)
	return m, true
}

// titledPerson makes a person of a name after a title that is no role word ("Mr Tinubu",
// "Field Marshal Haftar"): a person named before, or the people dictionary's with the organ
// they served on the article's date.
func (f *mentionFinder) titledPerson(s text.Sentence, i, end int, name string) (Mention, bool) {
	if len(strings.Fields(name)) > 4 {
		return Mention{}, false
	}
	aff := ""
	if f.knownPerson(name) == nil {
		rec := f.g.personByName(name, f.date)
		if rec == nil && len(strings.Fields(name)) == 1 {
			return Mention{}, false // a title and an unknown word: not enough for a person
		}
		if rec != nil {
			if aff = rec.roleOn(f.date); aff != "" {
				if _, ok := f.actor(aff); !ok {
					aff = ""
				}
			}
		}
	}
	p := f.addPerson(name, aff, "", "", i, end)
	m := Mention{From: i, To: end, Actors: f.effective(p.Actor.ID), Person: p.Actor.ID, Form: FormSurname, Conf: 0.8}
	if end < s.To && f.toks[end].Lower == "'s" {
		m.Possessive = true
	}
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
