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
	joinPrev   bool // the mention takes in the one before it (a demonym before an organ's name)
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
	"hundreds", "dozens", "tens", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
	"seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty",
	"sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "dozen", "several", "few", "up", "up to", "over", "about", "around", "senior", "top",
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

// Facilities and small places: a name with one of these words and no organisation word
// ("Al Udeid Air Base", but not "Harbour Workers Union") is where something happens, not
// who does it.
var facilityWords = text.Set("base", "airbase", "airfield", "camp", "prison", "jail", "hospital", "stadium", "refinery",
	"highway", "road", "avenue", "checkpoint", "crossing", "dam", "village", "county", "oblast",
	"governorate", "terminal", "harbour", "harbor", "reactor", "mosque")

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
	"democrats": "PARTY", "republicans": "PARTY", "socialists": "PARTY", "greens": "PARTY",
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
		if n := len(out); n > 0 && m.joinPrev && out[n-1].From == m.From {
			out = out[:n-1] // "Pakistani Federal Secretary Interior": the demonym is part of it
		}
		m.joinPrev = false
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
	if m, ok := f.gazetteerAt(s, i, prev); ok {
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
		if id == "" {
			// the acronym of a phrase that names no actor ("MOU" after "Memorandum of
			// Understanding (MOU)")
			return Mention{From: i, To: i + 1, Form: FormCandidate}, true
		}
		return Mention{From: i, To: i + 1, Actors: []string{id}, Form: FormName, Conf: 0.9}, true
	}
	return f.candidateAt(s, i, prev)
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
func (f *mentionFinder) gazetteerAt(s text.Sentence, i int, prev []Mention) (Mention, bool) {
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
		if local, ok := f.localParty(i, end, a, prev); ok {
			m.Actors = []string{local} // "Serbia's Democratic Party" is not the American one
		}
		m.Plural = strings.HasSuffix(f.toks[end-1].Lower, "s")
		// "Houthi rebels", "NATO peacekeeping troops": the group words belong to the actor
		if k, _ := f.sectorWords(s, end, false); k > end {
			m.To = k
			m.Plural = true
		} else if k, _ := f.sectorWords(s, end+1, false); end < s.To && f.toks[end].Lower == "'s" && k > end+1 {
			m.To, m.Plural = k, true // "Nato's leaders": the organisation's own people
		} else if n := membersAfter(f.toks[end:s.To]); n > 0 && a.Kind == graph.KindIGO {
			m.To, m.Plural = end+n, true // "EU member states": the members acting as one
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
			if f.toks[k-1].Cap {
				m.To = f.ofComplement(s, k) // "the Qatari Ministry of Interior"
			}
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
// "Montenegro Municipality Association", "Kenya Anti-Corruption Commission", "the Qatar
// Ministry of Defence"; or a body of an intergovernmental organisation named with the
// organisation's name ("the United Nations Observer Mission"), which stands for the
// organisation.
func (f *mentionFinder) organisationAt(s text.Sentence, i int) (Mention, bool) {
	e, end := f.g.match(f.toks[:s.To], i)
	if e == nil || e.role != roleName {
		return Mention{}, false
	}
	a, _ := f.g.Actor(e.actor)
	if a.Kind != graph.KindState && a.Kind != graph.KindIGO {
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
		if e2, _ := f.g.match(f.toks[:s.To], k); e2 != nil && e2.role == roleName && k == end {
			break // "NATO Ukraine Council" aside, a name after a name is another actor
		}
		if h, ok := orgHeads[t.Lower]; ok {
			last, head = k, h
		}
		k++
	}
	if last < 0 || last == end-1 {
		return Mention{}, false
	}
	to := f.ofComplement(s, last+1)
	if a.Kind == graph.KindIGO {
		m := Mention{From: i, To: to, Actors: []string{e.actor}, Form: FormName, Conf: 0.8}
		f.absorbAcronym(s, &m)
		return m, true
	}
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

// ofComplement reads the capitalised complement of an organisation word at k ("of Foreign
// Affairs", "for Interior") and returns its end, or k when there is none.
func (f *mentionFinder) ofComplement(s text.Sentence, k int) int {
	if k+1 >= s.To || !f.toks[k].Is("of", "for") || !f.toks[k+1].Cap {
		return k
	}
	end := k
	for j := k + 1; j < s.To && j < k+6; j++ {
		t := &f.toks[j]
		switch {
		case t.Kind == text.TokWord && t.Cap && !nameStopwords[t.Lower]:
			if e, _ := f.g.match(f.toks[:s.To], j); e != nil && (e.role == roleName || e.role == roleDemonym) && f.kindOf(e.actor) == graph.KindState {
				return end // "the Ministry of Defence of Ukraine" ends before the state
			}
			end = j + 1
		case t.Kind == text.TokWord && t.Is("and", "the") && j+1 < s.To && f.toks[j+1].Cap:
		default:
			return end
		}
	}
	return end
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
// with a role in apposition ("Kofi Annan, UN secretary-general"). What names no actor gets a
// mention without actors, so that no part of it is read again: a common word, a document or
// a meeting, a place or a facility, a role without a name, the acronym of such a phrase.
func (f *mentionFinder) candidateAt(s text.Sentence, i int, prev []Mention) (Mention, bool) {
	toks := f.toks
	t := &toks[i]
	if !t.Cap || nameStopwords[t.Lower] {
		return Mention{}, false
	}
	if _, end := f.g.matchRole(toks, i, s.To); end > i {
		return Mention{}, false
	}
	if f.acronymOfNoActor(s, i, prev) {
		// "Shan-e-Mustafa (SAW)": the bracketed acronym of a phrase that named no actor
		f.aliases[t.Lower] = ""
		return Mention{From: i, To: i + 1, Form: FormCandidate}, true
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
		case u.Kind == text.TokWord && u.Glued && last == k-2 && toks[k-1].Text == "-" && len(u.Lower) >= 2 && !(k+1 < s.To && toks[k+1].Text == "-"):
			last = k // "Jae-myung": the lower-case second part of a given name ("Sharekat-e" is none)
		case u.Text == "/" && u.Glued && last >= 0 && k+1 < s.To && toks[k+1].Glued:
		case u.Text == "'" && u.Glued && last >= 0 && strings.HasSuffix(toks[k-1].Lower, "s") && k+1 < s.To && toks[k+1].Cap:
			// "Workers' Party"
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
	end = f.splitConjoined(i, end)
	// a single capitalised word that opens a sentence is usually no name
	if end-i == 1 && (i == s.From || text.Openers[toks[i-1].Text]) && !t.AllCaps {
		return Mention{}, false
	}
	// regions and geographic names are no actors, nor is a name after "in", "near" or "the
	// town of": a place, not a participant
	facility, org := false, false
	for k := i; k < end; k++ {
		if placeHeads[toks[k].Lower] {
			return Mention{}, false
		}
		_, isOrg := orgHeads[toks[k].Lower]
		org = org || isOrg
		facility = facility || facilityWords[toks[k].Lower]
	}
	if facility && !org {
		return Mention{From: i, To: end, Form: FormCandidate, Locative: true}, true
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
		// a common word, a treaty, a meeting, a document: no actor, and no more is its acronym
		m := Mention{From: i, To: end, Form: FormCandidate}
		if k := end; k+2 < s.To && toks[k].Text == "(" && toks[k+2].Text == ")" && toks[k+1].AllCaps {
			f.aliases[toks[k+1].Lower] = ""
			m.To = k + 3
		}
		return m, true
	}
	if m, ok := f.membersAt(s, i, end); ok {
		return m, true
	}
	head := ""
	if h, ok := orgHeads[toks[end-1].Lower]; ok {
		head = h
	}
	if m, ok := f.namedOrgan(s, i, end, prev); ok {
		return m, true
	}
	if m, ok := f.roleFragment(s, i, end, head, prev); ok {
		return m, true
	}
	if head == SectorGov || head == SectorMil {
		head = ""
	}
	if end-i == 1 && !t.AllCaps && head == "" {
		// a lone unknown name ("Karen", "Beta") is most often a person or a people named
		// without a role, or no name at all: too uncertain for claims or for an actor
		return Mention{From: i, To: end, Form: FormCandidate}, true
	}
	if f.personShaped(i, end) {
		// "Zoran Kovac said": a given name and a surname, no organisation word; a person of
		// the dictionary in another spelling ("Benyamin Netanyahu") serves the organ they
		// served on the article's date
		name := f.personName(i, end)
		aff := ""
		if rec := f.g.personByName(name, f.date); rec != nil {
			if aff = rec.roleOn(f.date); aff != "" {
				if _, ok := f.actor(aff); !ok {
					aff = ""
				}
			}
		}
		p := f.addPerson(name, aff, "", "", i, end)
		m := Mention{From: i, To: end, Actors: f.effective(p.Actor.ID), Person: p.Actor.ID, Form: FormSurname, Conf: 0.7}
		if end < s.To && toks[end].Lower == "'s" {
			m.Possessive = true
		}
		return m, true
	}
	id := ""
	if head == "PARTY" {
		// a party is of the state the passage is about: "the Social Democrats" of Denmark
		id = f.partyOfPassage(i, end, prev)
	}
	if id == "" {
		id = f.candidate(i, end, head, "")
	}
	m := Mention{From: i, To: end, Actors: []string{id}, Form: FormCandidate, Conf: 0.6}
	if end < s.To && toks[end].Lower == "'s" {
		m.Possessive = true
	}
	f.absorbAcronym(s, &m)
	return m, true
}

// acronymOfNoActor reports a bracketed acronym at i after a capitalised word that no mention
// with an actor covers: the acronym of a phrase that names no actor. An actor's acronym is
// taken into the actor's mention (absorbAcronym) and never comes here.
func (f *mentionFinder) acronymOfNoActor(s text.Sentence, i int, prev []Mention) bool {
	toks := f.toks
	if !toks[i].AllCaps || i-2 < s.From || i+1 >= s.To || toks[i-1].Text != "(" || toks[i+1].Text != ")" {
		return false
	}
	j := i - 2
	if toks[j].Kind != text.TokWord || !toks[j].Cap {
		return false
	}
	for _, m := range prev {
		if m.From <= j && j < m.To && len(m.Actors) > 0 {
			return false
		}
	}
	return true
}

// splitConjoined ends a capitalised run at its first "and" when no organisation word comes
// in the run: "Rosneft and Lukoil" are two names, "Committee for Trade and Development" one.
func (f *mentionFinder) splitConjoined(i, end int) int {
	and := -1
	for k := i; k < end; k++ {
		if _, ok := orgHeads[f.toks[k].Lower]; ok {
			return end
		}
		if and < 0 && f.toks[k].Lower == "and" {
			and = k
		}
	}
	if and < 0 {
		return end
	}
	for and > i && !f.toks[and-1].Cap {
		and--
	}
	return and
}

// membersAt reads "Member States" (or "Member Countries", "Members") standing alone: the
// members of the organisation named last acting together, which is that organisation; with
// none named, no actor.
func (f *mentionFinder) membersAt(s text.Sentence, i, end int) (Mention, bool) {
	if !isMembersPhrase(f.toks[i:end]) {
		return Mention{}, false
	}
	m := Mention{From: i, To: end, Form: FormCoref, Plural: true, Conf: 0.7}
	if id, ok := f.recent(func(h historyItem) bool { return h.kind == graph.KindIGO }, 8); ok {
		m.Actors = []string{id}
	}
	return m, true
}

// membersAfter returns the length of a members phrase at the start of toks, or 0.
func membersAfter(toks []text.Token) int {
	for n := 2; n >= 1; n-- {
		if len(toks) >= n && isMembersPhrase(toks[:n]) {
			return n
		}
	}
	return 0
}

// isMembersPhrase reports "member states", "member countries", "member nations" or "members".
func isMembersPhrase(toks []text.Token) bool {
	switch {
	case len(toks) == 1:
		return toks[0].Lower == "members"
	case len(toks) == 2:
		return toks[0].Lower == "member" && toks[1].Is("states", "countries", "nations", "governments")
	}
	return false
}

// roleFragment reads a capitalised run that holds a role word but no name after it and ends
// in no organisation word ("Federal Secretary Interior"): an official named by office alone.
// After a state's demonym or possessive name it is that state's organ (the role says which);
// otherwise no actor.
func (f *mentionFinder) roleFragment(s text.Sentence, i, end int, head string, prev []Mention) (Mention, bool) {
	if head != "" {
		return Mention{}, false // "Prime Minister's Office": an organisation
	}
	roleAff := ""
	found := false
	for k := i; k < end && !found; k++ {
		t := &f.toks[k]
		if a, e := f.g.matchRole(f.toks, k, end); e > k {
			roleAff, found = a, true
		} else if t.Kind == text.TokWord && !honorifics[t.Lower] && names.IsTitle(t.Text) {
			found = true // "Secretary", "Commissioner": an office written as a title
		}
	}
	if !found {
		return Mention{}, false
	}
	m := Mention{From: i, To: end, Form: FormCandidate}
	if iso, from, ok := f.stateBefore(i, prev); ok {
		sec := SectorGov
		if roleAff == SectorMil {
			sec = SectorMil
		}
		m.From, m.Actors, m.Form, m.Conf, m.joinPrev = from, []string{iso + "-" + sec}, FormSector, 0.7, true
	}
	return m, true
}

// stateBefore returns the state whose demonym or possessive name ends right before token i
// ("Pakistani", "Niger's"), and where that mention starts.
func (f *mentionFinder) stateBefore(i int, prev []Mention) (string, int, bool) {
	if len(prev) == 0 {
		return "", 0, false
	}
	p := prev[len(prev)-1]
	if len(p.Actors) != 1 || f.kindOf(p.Actors[0]) != graph.KindState {
		return "", 0, false
	}
	switch {
	case p.Form == FormDemonym && p.To == i:
	case p.Possessive && p.To+1 == i && f.toks[p.To].Lower == "'s":
	default:
		return "", 0, false
	}
	return p.Actors[0], p.From, true
}

// namedOrgan reads a government body named without its state (its name has "Ministry",
// "Department", "Cabinet" or "Office", or ends in another government word such as "Court"
// or "Assembly": "the Ministry of Foreign Affairs", "the Interior Ministry"): the organ of
// the state named by a demonym or possessive right before it, else of the one state the
// sentence names, else of the state the document is about; with none of these, no actor.
func (f *mentionFinder) namedOrgan(s text.Sentence, i, end int, prev []Mention) (Mention, bool) {
	found := false
	for k := i; k < end; k++ {
		if internationalWords[f.toks[k].Lower] {
			return Mention{}, false // "International Criminal Court": no state's organ
		}
		if orgHeads[f.toks[k].Lower] == SectorGov && (f.toks[k].Is("ministry", "department", "cabinet", "office") || k == end-1) {
			found = true
		}
	}
	if !found {
		return Mention{}, false
	}
	head := SectorGov
	m := Mention{From: i, To: end, Form: FormSector, Conf: 0.7}
	if iso, from, ok := f.stateBefore(i, prev); ok {
		m.From, m.Actors, m.joinPrev = from, []string{iso + "-" + head}, true
		return m, true
	}
	iso := f.soleState(prev)
	if iso == "" {
		iso = f.documentState()
	}
	if iso == "" {
		return Mention{From: i, To: end, Form: FormCandidate}, true
	}
	m.Actors = []string{iso + "-" + head}
	return m, true
}

// genericPartyWords make up party names that many states' parties share ("Democratic Party",
// "Labour Party", "Social Democrats").
var genericPartyWords = text.Set("democratic", "republican", "labour", "labor", "conservative",
	"liberal", "socialist", "communist", "workers", "workers'", "'", "green", "greens", "people's",
	"peoples", "national", "social", "christian", "progressive", "party", "democrats", "republicans",
	"socialists", "liberals", "conservatives", "communists", "union", "front", "alliance", "of", "the",
	"people", "'s", "new", "popular", "radical", "left", "centre", "center", "unity", "renewal", "reform")

// localParty reads a gazetteer party whose name is made of generic words only ("Democratic
// Party", "Labour Party") in a passage about another state than the party's: the party of
// that name in that state (partyOfPassage).
func (f *mentionFinder) localParty(i, end int, a graph.Actor, prev []Mention) (string, bool) {
	if a.Kind != graph.KindParty {
		return "", false
	}
	for k := i; k < end; k++ {
		if !genericPartyWords[f.toks[k].Lower] {
			return "", false
		}
	}
	if iso := f.stateOfPassage(i, prev); iso == "" || iso == a.Country {
		return "", false
	}
	return f.partyOfPassage(i, end, prev), true
}

// partyOfPassage makes the document's actor for a party named in toks[i:end], of the state
// the passage is about (stateOfPassage); "" when there is none. A name of generic words only
// ("Social Democrats") names a party in many states: its id holds the state.
func (f *mentionFinder) partyOfPassage(i, end int, prev []Mention) string {
	iso := f.stateOfPassage(i, prev)
	if iso == "" {
		return ""
	}
	name := f.spanText(i, end)
	id := "candidate/" + slug(name)
	for k := i; k < end; k++ {
		if !genericPartyWords[f.toks[k].Lower] {
			return f.candidate(i, end, "PARTY", iso)
		}
	}
	id = "candidate/" + slug(name+" "+iso)
	if _, ok := f.extra[id]; !ok {
		f.extra[id] = graph.Actor{ID: id, Name: name, Kind: graph.KindParty, Country: iso}
	}
	return id
}

// stateOfPassage returns the state of a name at i: the one named by a demonym or possessive
// right before it, else the passage's (passageState), else the document's (documentState).
func (f *mentionFinder) stateOfPassage(i int, prev []Mention) string {
	if iso, _, ok := f.stateBefore(i, prev); ok {
		return iso
	}
	if iso := f.passageState(prev); iso != "" {
		return iso
	}
	return f.documentState()
}

// internationalWords mark the name of a body of many states.
var internationalWords = text.Set("international", "world", "global", "united", "european", "african",
	"arab", "asian", "american", "pacific", "regional", "inter", "intergovernmental")

// personShaped reports a run of two to four capitalised words that reads as a person's name:
// the first a given name of the people dictionary or the run a dictionary person's name in
// another spelling, the others no organisation, place or role words, no acronyms, no
// connectors but name particles ("bin", "al").
func (f *mentionFinder) personShaped(i, end int) bool {
	n := 0
	for k := i; k < end; k++ {
		t := &f.toks[k]
		if t.Kind != text.TokWord {
			if t.Text == "-" && t.Glued {
				continue
			}
			return false
		}
		if k > i && !t.Cap && (nameParticles[t.Lower] || t.Glued && f.toks[k-1].Text == "-") {
			continue // "bin", "al"; the "seok" of "Min-seok"
		}
		if !t.Cap || t.AllCaps && len(t.Lower) > 1 {
			return false
		}
		if _, ok := orgHeads[t.Lower]; ok {
			return false
		}
		if _, ok := f.g.sectors[t.Lower]; ok || placeHeads[t.Lower] {
			return false
		}
		n++
	}
	if n < 2 || n > 4 {
		return false
	}
	return f.g.givenNames[f.toks[i].Lower] || f.g.personByName(f.personName(i, end), f.date) != nil
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
