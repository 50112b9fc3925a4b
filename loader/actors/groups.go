package actors

// Actors, groups: parts of a state (sectors), groups named without their state, and compound
// names such as "X-backed militias" and "X-based militants".

import (
	"sort"
	"strings"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/loader/text"
)

// genericOrganWords make up names that many bodies share ("Security Council", "General
// Assembly"); such an organisation's name after a state's name is the state's own body.
var genericOrganWords = text.Set("security", "council", "general", "assembly", "human", "rights",
	"commission", "national", "supreme", "court", "committee", "parliament", "central", "bank",
	"development", "agency", "tribunal", "justice")

// nationalOrgan reports an organisation named in generic words right after a state's demonym
// or possessive name: "the Russian Security Council", "Iran's Security Council".
func (f *mentionFinder) nationalOrgan(s text.Sentence, prev, m Mention) bool {
	if len(m.Actors) != 1 || f.kindOf(m.Actors[0]) != graph.KindIGO || len(prev.Actors) != 1 ||
		f.kindOf(prev.Actors[0]) != graph.KindState {
		return false
	}
	switch {
	case prev.Form == FormDemonym && prev.To == m.From:
	case prev.Form == FormName && prev.Possessive && prev.To+1 == m.From:
	default:
		return false
	}
	for k := m.From; k < m.To; k++ {
		if !genericOrganWords[f.toks[k].Lower] {
			return false
		}
	}
	return true
}

// domesticAgents are groups that act inside their own state: a bare "police" is the police of
// the state the passage is about.
// settlementWords name places, not groups, when no state is written before them ("in several
// cities").
var settlementWords = text.Set("city", "cities", "town", "towns", "village", "villages")

var domesticAgents = text.Set("police", "policemen", "gendarmes", "gendarmerie")

// bareStateAgents are a state's own agents, named without the state in news about it:
// "troops" and "prosecutors" in a story about one country are that country's.
var bareStateAgents = text.Set("troops", "soldiers", "prosecutors", "investigators")

// firstParty reports that no mention with an actor comes before token k.
func firstParty(ms []Mention, k int) bool {
	for _, m := range ms {
		if m.From < k && len(m.Actors) > 0 {
			return false
		}
	}
	return true
}

// namesArmedGroup reports a mention of a named armed group (not a state's rebels) among ms.
func (f *mentionFinder) namesArmedGroup(ms []Mention) bool {
	for _, m := range ms {
		for _, id := range m.Actors {
			if !isSectorID(id) && f.kindOf(id) == graph.KindArmedGroup {
				return true
			}
		}
	}
	return false
}

// foreignAgentsBefore reports "peacekeeping troops", "foreign soldiers", "UN investigators"
// in words written before the agent noun at k: agents of no one state.
func (f *mentionFinder) foreignAgentsBefore(s text.Sentence, k int) bool {
	for j := k - 1; j >= s.From && j >= k-2; j-- {
		if f.toks[j].Is("foreign", "peacekeeping", "international", "allied", "coalition", "enemy", "un", "independent") {
			return true
		}
	}
	return false
}

// bareGroups makes mentions of groups named without their state ("disperse fundamentalist
// demonstrators", "rebels fighting the army") in a sentence that names exactly one state:
// in news about one country, its own rebels, protesters and opposition are meant.
func (f *mentionFinder) bareGroups(s text.Sentence, ms []Mention) []Mention {
	// the state the passage is about, never a state that is only a party in this sentence;
	// but rebels and the opposition stand against their own state, so for them a state the
	// sentence names alone is theirs ("rebels turned down an offer from Colombia")
	iso := f.passageState(ms)
	own := iso
	if own == "" {
		own = f.soleState(ms)
	}
	if own == "" {
		return ms
	}
	covered := make([]bool, s.To-s.From)
	for _, m := range ms {
		for k := m.From; k < m.To; k++ {
			covered[k-s.From] = true
		}
	}
	var added []Mention
	for k := s.From; k < s.To; k++ {
		t := &f.toks[k]
		sec := f.g.sectors[t.Lower]
		if domesticAgents[t.Lower] {
			sec = SectorGov // "riot police": a state's own police, in the state the text is about
		} else if bareStateAgents[t.Lower] && !covered[k-s.From] && !(t.Cap && k > s.From) && !f.foreignAgentsBefore(s, k) && firstParty(ms, k) {
			// "Troops shelled the town": the state's own agents as the doers; as the ones done
			// to ("killing several soldiers") they are as often another state's
		} else if covered[k-s.From] || t.Cap && k > s.From || settlementWords[t.Lower] || !(sec == SectorReb || sec == SectorCiv || sec == SectorOpp) ||
			!(strings.HasSuffix(t.Lower, "s") || sec == SectorOpp) || placeHeads[t.Lower] || t.Is("people") {
			continue
		}
		if covered[k-s.From] || t.Cap && k > s.From {
			continue
		}
		if sec == SectorReb && f.namesArmedGroup(ms) {
			continue // "Wagner has deployed fighters": the named group's fighters
		}
		state := iso
		if sec == SectorReb || sec == SectorOpp {
			state = own
		}
		if state == "" {
			continue
		}
		added = append(added, Mention{From: k, To: k + 1, Actors: []string{state + "-" + sec}, Form: FormGeneric, Conf: 0.5, Plural: true,
			Locative: f.isLocative(s, k)})
	}
	if len(added) == 0 {
		return ms
	}
	out := append(ms, added...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].From < out[j].From })
	return out
}

// placeCandidates gives an unknown organisation ("SPLM/A", "La Prensa") the one state its
// sentence names, if it names exactly one: news about a state's own groups names the state
// beside them. The actor is the document's own, so each document decides for itself.
func (f *mentionFinder) placeCandidates(ms []Mention) {
	iso := ""
	for _, m := range ms {
		if m.Form == FormPronoun || m.Person != "" && (f.persons[m.Person] == nil || f.persons[m.Person].Contextual) {
			continue // a person counts only when the text or the dictionary ties them to a state
		}
		for _, id := range m.Actors {
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
		if m.Form != FormCandidate || len(m.Actors) != 1 {
			continue
		}
		if a, ok := f.extra[m.Actors[0]]; ok && a.Country == "" {
			a.Country = iso
			f.extra[a.ID] = a
		}
	}
}

// affiliateByContext gives a person introduced with a government or military role but no
// state ("President Mugabe") the state the text ties them to (titledPersonState): never a
// state that is only the other party of the sentence ("President X criticised Norway").
func (f *mentionFinder) affiliateByContext(ms []Mention) {
	for _, p := range f.newPersons {
		if p.Affiliation != "" || p.roleAff == "" || p.roleAff == "IGO" || p.roleAff == "ORG" {
			continue
		}
		iso := f.titledPersonState(ms, p.Actor.ID)
		if iso == "" {
			continue
		}
		p.Affiliation = sectorID(iso, p.roleAff)
		if a, ok := f.actor(p.Affiliation); ok {
			p.Actor.Country = a.Country
			f.extra[p.Actor.ID] = p.Actor
		}
		p.Contextual = true
		for i := range ms {
			if ms[i].Person == p.Actor.ID {
				ms[i].Actors = f.effective(p.Actor.ID)
				ms[i].Conf *= 0.8
			}
		}
	}
}

// titledPersonState returns the state of a person introduced with a role but no state word:
// the one state that the sentence names by a state's name before the person or by a state's
// organ anywhere ("France is ready to send troops to Liberia, Defence Minister X said"); else
// the one state it names as a scene ("threatened a curfew in Algiers"); else the state of the
// sentences before (priorState). A state named bare after the person is the other party of
// what they do ("President X criticised Norway"): it does not count.
func (f *mentionFinder) titledPersonState(ms []Mention, personID string) string {
	at := -1
	for _, m := range ms {
		if m.Person == personID {
			at = m.From
			break
		}
	}
	tied, scene := "", ""
	tiedOK, sceneOK := true, true
	for _, m := range ms {
		if at < 0 || m.Form == FormPronoun || m.Form == FormCoref || m.Person != "" {
			continue
		}
		for _, id := range m.Actors {
			a, ok := f.actor(id)
			if !ok || a.Country == "" || a.Kind == graph.KindPerson {
				continue
			}
			switch {
			case m.Locative || m.Place:
				sceneOK = sceneOK && (scene == "" || scene == a.Country)
				scene = a.Country
			case a.Kind == graph.KindState && m.Form == FormName && !m.Possessive && m.From > at:
				// the other party
			default:
				tiedOK = tiedOK && (tied == "" || tied == a.Country)
				tied = a.Country
			}
		}
	}
	switch {
	case tied != "":
		if tiedOK {
			return tied
		}
		return ""
	case scene != "":
		if sceneOK {
			return scene
		}
		return ""
	}
	return f.priorState()
}

// soleState returns the one state the mentions of a sentence belong to, or, when they name
// none, the one state the document has named so far; "" when there is not exactly one.
func (f *mentionFinder) soleState(ms []Mention) string {
	found := ""
	for _, m := range ms {
		if m.Form == FormPronoun || m.Person != "" && (f.persons[m.Person] == nil || f.persons[m.Person].Contextual) {
			continue // a person counts only when the text or the dictionary ties them to a state
		}
		for _, id := range m.Actors {
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

// passageState returns the state that the passage around a sentence's mentions is about, for
// people and groups named without a state ("President Okafor", "protesters"): the one state
// the sentence names as a scene ("in Lagos"), unless its organs name another; else the state
// of the sentences before (priorState); else the one state that the sentence names by its
// organs ("Kenyan police", "Iran's government") or by people tied to it in the text. A state
// named bare in the sentence ("accused China") is a party to the event, not the passage: it
// does not count, nor does a reference to one ("the country").
func (f *mentionFinder) passageState(ms []Mention) string {
	scene, organs := "", ""
	sceneOK, organsOK := true, true
	for _, m := range ms {
		if m.Form == FormPronoun || m.Form == FormCoref && m.Person == "" || m.Person != "" && (f.persons[m.Person] == nil || f.persons[m.Person].Contextual) {
			continue // a person counts only when the text or the dictionary ties them to a state
		}
		for _, id := range m.Actors {
			a, ok := f.actor(id)
			if !ok || a.Country == "" || a.Kind == graph.KindPerson && m.Person == "" {
				continue
			}
			switch {
			case m.Locative || m.Place:
				sceneOK = sceneOK && (scene == "" || scene == a.Country)
				scene = a.Country
			case a.Kind == graph.KindState && m.Form == FormName && !m.Possessive:
				// a party to the event
			default:
				organsOK = organsOK && (organs == "" || organs == a.Country)
				organs = a.Country
			}
		}
	}
	if scene != "" {
		if sceneOK && organsOK && (organs == "" || organs == scene) {
			return scene
		}
		return ""
	}
	if iso := f.priorState(); iso != "" {
		return iso
	}
	if organsOK {
		return organs
	}
	return ""
}

// priorState returns the state the three sentences before this one are about: the one they
// name, or the one that more than two thirds of their mentions of states and state organs
// name.
func (f *mentionFinder) priorState() string {
	count := map[string]int{}
	total := 0
	for _, h := range f.history {
		if h.person || h.sentence >= f.sentIdx || f.sentIdx-h.sentence > 3 {
			continue
		}
		if a, ok := f.actor(h.actor); ok && a.Country != "" {
			count[a.Country]++
			total++
		}
	}
	for iso, n := range count {
		if n > 2*(total-n) {
			return iso
		}
	}
	return ""
}

// documentState returns the state the document is about so far: the one its mentions name
// most often (people and places count for the state they belong to), if no other is named as
// often; "" otherwise.
func (f *mentionFinder) documentState() string {
	count := map[string]int{}
	for _, h := range f.history {
		if a, ok := f.actor(h.actor); ok && a.Country != "" {
			count[a.Country]++
		}
	}
	best, bestN, tie := "", 0, false
	for iso, n := range count {
		switch {
		case n > bestN:
			best, bestN, tie = iso, n, false
		case n == bestN:
			tie = true
		}
	}
	if tie {
		return ""
	}
	return best
}

// basedGroup reads "X-based GROUP" after the mention of a state X: the group of that state
// named by a sector word ("Pakistan-based militants" -> PAK-REB).
func (f *mentionFinder) basedGroup(s text.Sentence, m Mention) (Mention, bool) {
	k := m.To
	if k+2 >= s.To || len(m.Actors) != 1 || f.toks[k].Text != "-" || !f.toks[k].Glued || f.toks[k+1].Lower != "based" {
		return Mention{}, false
	}
	a, ok := f.actor(m.Actors[0])
	if !ok || a.Kind != graph.KindState {
		return Mention{}, false
	}
	for j := k + 2; j < s.To && j < k+5; j++ {
		t := &f.toks[j]
		sec, ok := f.g.sectors[t.Lower]
		if !ok || t.Cap {
			if t.Kind != text.TokWord || t.Cap || text.BreakWords[t.Lower] || text.Prepositions[t.Lower] {
				return Mention{}, false
			}
			continue
		}
		if sec == SectorSkip {
			continue
		}
		id := a.ID
		if sec != SectorState {
			id = sectorID(a.ID, sec)
		}
		return Mention{From: m.From, To: j + 1, Actors: []string{id}, Form: FormSector, Conf: 0.8, Plural: strings.HasSuffix(t.Lower, "s")}, true
	}
	return Mention{}, false
}

// compoundHead finds the group described by "X-backed NOUN" after the mention of X: a named
// group mentioned before ("the Iran-backed rebels" after "the Houthis"), or a group of its own
// ("Tehran-backed militias").
func (f *mentionFinder) compoundHead(s text.Sentence, m Mention) (Mention, bool) {
	k := m.To
	if k+2 >= s.To || f.toks[k].Text != "-" || !f.toks[k].Glued || !f.toks[k+1].Glued {
		return Mention{}, false
	}
	if f.g.Lexicon.Participles[f.toks[k+1].Lower] == nil {
		return Mention{}, false
	}
	head := -1
	for j := k + 2; j < s.To && j < k+5; j++ {
		t := &f.toks[j]
		if t.Kind != text.TokWord || t.Cap || nameStopwords[t.Lower] || text.BreakWords[t.Lower] || text.Prepositions[t.Lower] || text.AuxWords[t.Lower] {
			break
		}
		head = j
		if _, ok := f.g.sectors[t.Lower]; ok {
			break
		}
	}
	if head < 0 {
		return Mention{}, false
	}
	g := Mention{From: k + 2, To: head + 1, Form: FormGeneric, Conf: 0.6, Plural: strings.HasSuffix(f.toks[head].Lower, "s")}
	if corefHeads[f.toks[head].Lower] == "ARMED" {
		if id, ok := f.recent(func(h historyItem) bool { return h.kind == graph.KindArmedGroup && !isSectorID(h.actor) }, 3); ok {
			g.Actors, g.Form, g.Conf = []string{id}, FormCoref, 0.7
			return g, true
		}
	}
	name := f.spanText(m.From, head+1)
	id := "group/" + slug(name)
	if _, ok := f.extra[id]; !ok {
		kind := graph.KindOther
		if f.g.sectors[f.toks[head].Lower] == SectorReb {
			kind = graph.KindArmedGroup
		}
		f.extra[id] = graph.Actor{ID: id, Name: name, Kind: kind, Aliases: []string{f.spanText(k+2, head+1)}}
	}
	g.Actors = []string{id}
	return g, true
}

// isEthnicPlural reports a capitalised plural that names no actor ("Kurds" in "Iraqi Kurds").
func (f *mentionFinder) isEthnicPlural(s text.Sentence, k int) bool {
	t := &f.toks[k]
	if !t.Cap || t.AllCaps || !strings.HasSuffix(t.Lower, "s") || nameStopwords[t.Lower] || len(t.Lower) < 4 {
		return false
	}
	if e, _ := f.g.match(f.toks[:s.To], k); e != nil && e.role != rolePeople {
		return false
	}
	return k+1 >= s.To || !f.toks[k+1].Cap
}

// placeAfter reads "in|of (the)? (southern)? STATE" at k and returns the state and the end.
func (f *mentionFinder) placeAfter(s text.Sentence, k int) (string, int, bool) {
	if k >= s.To || !f.toks[k].Is("in", "of") {
		return "", 0, false
	}
	j := k + 1
	for j < s.To && f.toks[j].Is("the", "southern", "northern", "eastern", "western", "central", "south", "north", "east", "west") {
		j++
	}
	if j >= s.To {
		return "", 0, false
	}
	e, end := f.g.match(f.toks[:s.To], j)
	if e == nil || e.role != roleName {
		return "", 0, false
	}
	if a, _ := f.g.Actor(e.actor); a.Kind != graph.KindState {
		return "", 0, false
	}
	return e.actor, end, true
}

// isSectorID reports the id of a state's sector ("PSE-REB"), as against a named actor's
// ("armed/hayat-tahrir-al-sham").
func isSectorID(id string) bool {
	return len(id) > 4 && id[3] == '-' && !strings.Contains(id, "/")
}

func sectorID(iso3, sector string) string {
	if sector == SectorState || sector == "" {
		return iso3
	}
	return iso3 + "-" + sector
}

// sectorWords reads the sector words that follow a name at i ("interim government", "riot
// police"), and returns the end of the last one and its sector. With allowCap, one
// capitalised word that is no name may stand among them ("Sandinista government").
func (f *mentionFinder) sectorWords(s text.Sentence, i int, allowCap bool) (int, string) {
	end, sector := i, ""
	capUsed := false
	for k := i; k < s.To && k < i+4; k++ {
		t := &f.toks[k]
		if t.Kind != text.TokWord {
			if t.Text == "-" && t.Glued {
				continue
			}
			break
		}
		sec, ok := f.g.sectors[t.Lower]
		if !ok {
			if allowCap && !capUsed && t.Cap && !t.AllCaps && k+1 < s.To {
				if e, _ := f.g.match(f.toks[:s.To], k); e == nil {
					if _, isRole := f.g.matchRole(f.toks, k, s.To); isRole == k {
						capUsed = true
						continue
					}
				}
			}
			break
		}
		if t.Cap && k+1 < s.To && f.toks[k+1].Cap && sec == SectorGov {
			// "Russian President Vladimir": a role before a name is for personAt
			break
		}
		if sec == SectorSkip {
			continue
		}
		end, sector = k+1, sec
	}
	return end, sector
}

// sectorOfPlaceAt finds "the president of Armenia", "rebels in the Ivory Coast": a sector
// word, a preposition and a state.
func (f *mentionFinder) sectorOfPlaceAt(s text.Sentence, i int) (Mention, bool) {
	sec, ok := f.g.sectors[f.toks[i].Lower]
	if !ok || sec == SectorSkip {
		return Mention{}, false
	}
	k := i + 1
	for k < s.To && k < i+3 {
		if sec2, ok := f.g.sectors[f.toks[k].Lower]; ok {
			if sec2 != SectorSkip {
				sec = sec2
			}
			k++
			continue
		}
		break
	}
	if k >= s.To || !f.toks[k].Is("of", "in", "throughout", "across") {
		return Mention{}, false
	}
	j := k + 1
	for j < s.To && f.toks[j].Is("the", "southern", "northern", "eastern", "western", "central", "south", "north", "east", "west") {
		j++
	}
	if j >= s.To {
		return Mention{}, false
	}
	e, end := f.g.match(f.toks[:s.To], j)
	if e == nil || e.role == roleDemonym || e.role == rolePeople {
		return Mention{}, false
	}
	a, _ := f.g.Actor(e.actor)
	if a.Kind != graph.KindState {
		return Mention{}, false
	}
	if f.toks[k].Is("of") && sec == SectorCiv && f.toks[i].Is("town", "towns", "city", "cities", "village", "villages") {
		// "the town of X": X is a place, not a state
		return Mention{}, false
	}
	return Mention{From: i, To: end, Actors: []string{sectorID(e.actor, sec)}, Form: FormSector, Conf: 0.9,
		Plural: strings.HasSuffix(f.toks[i].Lower, "s")}, true
}

// coordinateSectors gives a bare demonym the sector of the demonym it is coordinated with:
// "Hungarian and Romanian officials", "US and British forces".
func (f *mentionFinder) coordinateSectors(ms []Mention) {
	for j := len(ms) - 2; j >= 0; j-- {
		a, b := &ms[j], &ms[j+1]
		if (a.Form != FormDemonym && a.Form != FormName) || b.Form != FormSector || len(a.Actors) != 1 || len(b.Actors) != 1 {
			continue
		}
		gap := f.toks[a.To:b.From]
		if len(gap) != 1 || !(gap[0].Lower == "and" || gap[0].Lower == "," || gap[0].Lower == "or") {
			continue
		}
		bid := b.Actors[0]
		if len(bid) != 7 || len(a.Actors[0]) != 3 {
			continue
		}
		a.Actors[0] = a.Actors[0] + bid[3:]
		a.Form, a.Plural = FormSector, b.Plural
	}
}
