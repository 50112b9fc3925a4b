package loader

// Actors, groups: parts of a state (sectors), groups named without their state, and compound
// names such as "X-backed militias" and "X-based militants".

import (
	"sort"
	"strings"

	"github.com/dyadgraph/dyad/graph"
)

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
// settlementWords name places, not groups, when no state is written before them ("in several
// cities").
var settlementWords = toSet("city", "cities", "town", "towns", "village", "villages")

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
		} else if covered[k-s.from] || t.cap && k > s.from || settlementWords[t.lower] || !(sec == sectorReb || sec == sectorCiv || sec == sectorOpp) ||
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
		if m.form == formPronoun || m.person != "" && (f.persons[m.person] == nil || f.persons[m.person].contextual) {
			continue // a person counts only when the text or the dictionary ties them to a state
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
		if m.form == formPronoun || m.person != "" && (f.persons[m.person] == nil || f.persons[m.person].contextual) {
			continue // a person counts only when the text or the dictionary ties them to a state
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
