package actors

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/loader/data"
	"github.com/dyadgraph/dyad/loader/lexicon"
	"github.com/dyadgraph/dyad/loader/text"
)

// The built-in data files, read in this order.
var (
	// cameo-verbs.tsv, agents.tsv and people.tsv are derived by tools/lexgen; the hand-curated
	// files beside them take precedence (see findPredicates in package events, and the order here).
	builtinFiles = []string{"data/countries.tsv", "data/places.tsv", "data/actors.tsv", "data/cameo-verbs.tsv", "data/relations.tsv",
		"data/agents.tsv", "data/sectors.tsv", "data/roles.tsv", "data/people.tsv", "data/people-recent.tsv", "data/qids.tsv"}
)

// Headers of the gazetteer's file formats. A file's first non-comment line names its format.
var (
	countriesHeader = []string{"iso3", "iso2", "name", "aliases", "demonyms", "capital", "seats", "qid"}
	actorsHeader    = []string{"id", "kind", "name", "country", "qid", "aliases"}
	lexiconHeader   = []string{"pattern", "type", "cameo", "flags"}
	sectorsHeader   = []string{"word", "sector"}
	rolesHeader     = []string{"role", "affiliation"}
	peopleHeader    = []string{"id", "name", "aliases", "roles"}
	placesHeader    = []string{"place", "country"}
	qidsHeader      = []string{"id", "qid"}
	sameAsHeader    = []string{"id", "same_as"}
)

// The sectors of a state that have actors of their own: "RUS-GOV", "RUS-MIL", ...
const (
	SectorState = ""     // the state itself
	SectorGov   = "GOV"  // government, officials, ministries, police
	SectorMil   = "MIL"  // armed forces
	SectorReb   = "REB"  // rebels and insurgents of that country
	SectorCiv   = "CIV"  // people, civilians, citizens, groups of them
	SectorOpp   = "OPP"  // the political opposition
	SectorSkip  = "SKIP" // a word that is not a group of people (a modifier such as "peacekeeping")
)

// nameRole says what kind of name a gazetteer phrase is for its actor.
type nameRole uint8

const (
	roleName    nameRole = iota // the actor's name or an alias
	roleSeat                    // a seat of government ("the Kremlin"): stands for the government
	roleCapital                 // a capital city: stands for the government when it acts
	roleDemonym                 // an adjective of nationality ("Russian")
	rolePeople                  // a plural demonym ("Russians"): the people of the state
	rolePlace                   // a city, region or landmark of the state ("Kharkiv", "the Negev")
)

// gazEntry is what a phrase of the gazetteer names.
type gazEntry struct {
	actor     string // actor id; for states the ISO alpha-3 code
	role      nameRole
	exactCase bool // a short all-caps acronym (US, UN) that matches only in capitals
	lowerOK   bool // the phrase itself starts in lower case ("al-Qaeda"), so the text may too
}

type trieNode struct {
	next  map[string]*trieNode
	entry *gazEntry
}

// Gazetteer resolves names to canonical actors, and holds the relation lexicon and the
// sector words that the rule-based extractor uses. Build one with LoadGazetteer; it is safe
// for concurrent use once built.
type Gazetteer struct {
	actors     map[string]graph.Actor // by id
	countries  map[string]*countryInfo
	root       *trieNode
	Lexicon    *lexicon.Lexicon
	sectors    map[string]string        // lower-cased word -> sector
	roles      *trieNode                // role phrases; entry.actor holds the affiliation (GOV, MIL, IGO, ...)
	people     map[string]*personRecord // the dictionary of people with dated roles, by id
	peopleRoot *trieNode                // their names; entry.actor holds the person id
	peopleKeys map[string][]string      // names.Key of each name and alias -> person ids
	surnames   map[string][]string      // names.Key of each name's surname -> person ids
	qids       map[string]string        // actor or person id -> Wikidata QID (qids.tsv)
	sameAs     map[string]string        // an id merged into another by a user's file (id, same_as)
	givenNames map[string]bool          // first words of the dictionary's people's names that start no other name
}

// countryInfo is what the gazetteer knows of a state beyond its Actor.
type countryInfo struct {
	iso3, iso2, name string
	demonym          string // the first demonym, for naming the state's sectors
	demonyms         []string
	capital          string
	seats            []string
	aliases          []string
	qid              string
}

type actorRecord struct {
	actor graph.Actor
	names []string
}

// gazetteerBuilder collects records from files; later records override earlier ones.
type gazetteerBuilder struct {
	countries map[string]*countryInfo
	order     []string
	actors    map[string]*actorRecord
	actorIDs  []string
	lexicon   lexicon.Builder
	derived   bool // the file being read is derived data (tools/lexgen)
	sectors   map[string]string
	roles     map[string]string
	people    map[string]*personRecord
	peopleIDs []string
	places    map[string]string // place -> state; every other name of the gazetteer comes first
	qids      map[string]string
	sameAs    map[string]string
}

// LoadGazetteer builds the gazetteer from the built-in data and then each extra file, in
// order. An extra file is in one of the built-in formats, told by its header line: countries
// (iso3, iso2, name, aliases, demonyms, capital, seats, qid), actors (id, kind, name, country,
// qid, aliases), relation patterns (pattern, type, cameo, flags) or sector words (word,
// sector). Its entries add to the built-in ones, and replace those with the same id (or, for
// patterns and sector words, the same pattern or word). Errors name the file and line.
func LoadGazetteer(extra ...string) (*Gazetteer, error) {
	b := &gazetteerBuilder{countries: map[string]*countryInfo{}, actors: map[string]*actorRecord{}, sectors: map[string]string{},
		roles: map[string]string{}, people: map[string]*personRecord{}, qids: map[string]string{}, sameAs: map[string]string{}}
	for _, name := range builtinFiles {
		b.derived = name == "data/cameo-verbs.tsv"
		content, err := data.FS.ReadFile(path.Base(name))
		if err != nil {
			return nil, fmt.Errorf("loader: built-in %s: %w", name, err)
		}
		if err := b.read(name, strings.NewReader(string(content))); err != nil {
			return nil, err
		}
	}
	b.derived = false
	for _, path := range extra {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("gazetteer %s: %w", path, err)
		}
		err = b.read(path, f)
		f.Close()
		if err != nil {
			return nil, err
		}
	}
	return b.build()
}

// read parses one file of any of the formats.
func (b *gazetteerBuilder) read(name string, r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	var header []string
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if line == 1 {
			text = strings.TrimPrefix(text, "\ufeff")
		}
		if !utf8.ValidString(text) {
			return fmt.Errorf("%s:%d: invalid UTF-8", name, line)
		}
		if strings.TrimSpace(text) == "" || strings.HasPrefix(strings.TrimSpace(text), "#") {
			continue
		}
		fields := strings.Split(text, "\t")
		for i := range fields {
			fields[i] = strings.TrimSpace(fields[i])
		}
		if header == nil {
			switch {
			case sameHeader(fields, countriesHeader), sameHeader(fields, actorsHeader),
				sameHeader(fields, lexiconHeader), sameHeader(fields, sectorsHeader), sameHeader(fields, rolesHeader),
				sameHeader(fields, peopleHeader), sameHeader(fields, placesHeader), sameHeader(fields, qidsHeader),
				sameHeader(fields, sameAsHeader):
				header = fields
			default:
				return fmt.Errorf("%s:%d: unknown header %q: want the columns of countries (%s), actors (%s), patterns (%s), sectors (%s), roles (%s), people (%s), places (%s), qids (%s) or merges (%s)",
					name, line, text, strings.Join(countriesHeader, ","), strings.Join(actorsHeader, ","),
					strings.Join(lexiconHeader, ","), strings.Join(sectorsHeader, ","), strings.Join(rolesHeader, ","),
					strings.Join(peopleHeader, ","), strings.Join(placesHeader, ","), strings.Join(qidsHeader, ","),
					strings.Join(sameAsHeader, ","))
			}
			continue
		}
		if len(fields) > len(header) {
			return fmt.Errorf("%s:%d: %d columns, want at most %d", name, line, len(fields), len(header))
		}
		for len(fields) < len(header) {
			fields = append(fields, "")
		}
		var err error
		switch {
		case sameHeader(header, countriesHeader):
			err = b.addCountry(fields)
		case sameHeader(header, actorsHeader):
			err = b.addActor(fields)
		case sameHeader(header, lexiconHeader):
			err = b.lexicon.Add(fields, b.derived)
		case sameHeader(header, rolesHeader):
			err = b.addRole(fields)
		case sameHeader(header, peopleHeader):
			err = b.addPerson(fields)
		case sameHeader(header, placesHeader):
			err = b.addPlace(fields)
		case sameHeader(header, qidsHeader):
			err = b.addQID(fields)
		case sameHeader(header, sameAsHeader):
			err = b.addSameAs(fields)
		default:
			err = b.addSector(fields)
		}
		if err != nil {
			return fmt.Errorf("%s:%d: %v", name, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s:%d: %w", name, line+1, err)
	}
	return nil
}

func sameHeader(fields, want []string) bool {
	if len(fields) != len(want) {
		return false
	}
	for i := range want {
		if !strings.EqualFold(fields[i], want[i]) {
			return false
		}
	}
	return true
}

func splitMulti(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func (b *gazetteerBuilder) addCountry(f []string) error {
	iso3 := strings.ToUpper(f[0])
	if !isAlpha3(iso3) {
		return fmt.Errorf("iso3 %q: want three letters", f[0])
	}
	if f[2] == "" {
		return fmt.Errorf("country %s has no name", iso3)
	}
	c := &countryInfo{iso3: iso3, iso2: strings.ToUpper(f[1]), name: f[2], aliases: splitMulti(f[3]),
		demonyms: splitMulti(f[4]), capital: f[5], seats: splitMulti(f[6]), qid: f[7]}
	if len(c.demonyms) > 0 {
		c.demonym = c.demonyms[0]
	}
	if _, ok := b.countries[iso3]; !ok {
		b.order = append(b.order, iso3)
	}
	b.countries[iso3] = c
	return nil
}

func isAlpha3(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

func (b *gazetteerBuilder) addActor(f []string) error {
	id, kind, name := f[0], graph.ActorKind(strings.ToUpper(f[1])), f[2]
	if id == "" || name == "" {
		return fmt.Errorf("an actor needs an id and a name")
	}
	if !kind.Valid() {
		return fmt.Errorf("actor %s: unknown kind %q", id, f[1])
	}
	country := strings.ToUpper(f[3])
	if country != "" && !isAlpha3(country) {
		return fmt.Errorf("actor %s: country %q is not an ISO alpha-3 code", id, f[3])
	}
	var aliases []string
	for _, a := range splitMulti(f[5]) {
		if isGenericReference(a) {
			continue // "the alliance" is coreference, not a name
		}
		aliases = append(aliases, a)
	}
	a := graph.Actor{ID: id, Name: name, Kind: kind, Country: country, QID: f[4], Aliases: sortedUnique(aliases)}
	if _, ok := b.actors[id]; !ok {
		b.actorIDs = append(b.actorIDs, id)
	}
	b.actors[id] = &actorRecord{actor: a, names: append([]string{name}, aliases...)}
	return nil
}

// isGenericReference reports whether an alias is a common noun phrase such as "the alliance",
// which names no actor by itself.
func isGenericReference(alias string) bool {
	words := strings.Fields(alias)
	if len(words) < 2 || !strings.EqualFold(words[0], "the") {
		return false
	}
	for _, w := range words[1:] {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

func (b *gazetteerBuilder) addSector(f []string) error {
	word, sector := strings.ToLower(f[0]), strings.ToUpper(f[1])
	switch sector {
	case SectorGov, SectorMil, SectorReb, SectorCiv, SectorOpp, SectorSkip, "STATE":
	default:
		return fmt.Errorf("sector %q: want GOV, MIL, REB, CIV, OPP, STATE or SKIP", f[1])
	}
	if word == "" {
		return fmt.Errorf("empty word")
	}
	if sector == "STATE" {
		sector = SectorState
	}
	b.sectors[word] = sector
	return nil
}

// addPlace records a place and its state; the state must be known by the time the gazetteer is
// built.
func (b *gazetteerBuilder) addPlace(f []string) error {
	iso := strings.ToUpper(f[1])
	if f[0] == "" || !isAlpha3(iso) {
		return fmt.Errorf("place %q, country %q: want a name and a state's three-letter code", f[0], f[1])
	}
	if b.places == nil {
		b.places = map[string]string{}
	}
	b.places[f[0]] = iso
	return nil
}

// addQID records the Wikidata item of a person or an actor (qids.tsv).
func (b *gazetteerBuilder) addQID(f []string) error {
	id, qid := f[0], f[1]
	if id == "" || len(qid) < 2 || qid[0] != 'Q' || strings.Trim(qid[1:], "0123456789") != "" {
		return fmt.Errorf("qid %q of %q: want an id and Q followed by digits", qid, id)
	}
	b.qids[id] = qid
	return nil
}

// addSameAs records that an id names the same actor as another (a user's merge of two nodes):
// whatever the loader would give the first id goes to the second.
func (b *gazetteerBuilder) addSameAs(f []string) error {
	id, same := f[0], f[1]
	if id == "" || same == "" || id == same {
		return fmt.Errorf("same_as: want two different ids, got %q and %q", id, same)
	}
	b.sameAs[id] = same
	return nil
}

func (b *gazetteerBuilder) addRole(f []string) error {
	role, aff := strings.ToLower(f[0]), strings.ToUpper(f[1])
	switch aff {
	case SectorGov, SectorMil, SectorOpp, SectorReb, "IGO", "ORG", "NONE":
	default:
		return fmt.Errorf("role %q: affiliation %q: want GOV, MIL, OPP, REB, IGO, ORG or NONE", f[0], f[1])
	}
	if role == "" {
		return fmt.Errorf("empty role")
	}
	b.roles[role] = aff
	return nil
}

func sortedUnique(in []string) []string {
	if len(in) == 0 {
		return nil
	}
	out := append([]string(nil), in...)
	sort.Strings(out)
	j := 0
	for i := range out {
		if i == 0 || out[i] != out[j-1] {
			out[j] = out[i]
			j++
		}
	}
	return out[:j]
}

// build indexes the collected records.
func (b *gazetteerBuilder) build() (*Gazetteer, error) {
	g := &Gazetteer{actors: map[string]graph.Actor{}, countries: b.countries, root: &trieNode{}, sectors: b.sectors, roles: &trieNode{},
		qids: b.qids, sameAs: map[string]string{}}
	// a chain of merges ends at the last id; a cycle is an error
	for id := range b.sameAs {
		to, seen := id, map[string]bool{id: true}
		for {
			next, ok := b.sameAs[to]
			if !ok {
				break
			}
			if seen[next] {
				return nil, fmt.Errorf("gazetteer: same_as: %s is merged into itself through %s", id, next)
			}
			seen[next], to = true, next
		}
		g.sameAs[id] = to
	}
	for role, aff := range b.roles {
		insertPhrase(g.roles, text.LowerTokens(role), gazEntry{actor: aff})
	}
	// Names are added from the weakest role to the strongest, so that a phrase that is both a
	// demonym of one actor and the name of another resolves to the name; among equals the
	// later entry wins.
	type pending struct {
		phrase string
		e      gazEntry
	}
	var all []pending
	for _, iso := range b.order {
		c := b.countries[iso]
		aliases := sortedUnique(c.aliases)
		g.actors[iso] = graph.Actor{ID: iso, Name: c.name, Kind: graph.KindState, Country: iso, QID: c.qid, Aliases: aliases}
		for _, d := range c.demonyms {
			role := roleDemonym
			if isPluralDemonym(d, c.demonyms) {
				role = rolePeople
			}
			all = append(all, pending{d, gazEntry{actor: iso, role: role}})
		}
		if c.capital != "" {
			all = append(all, pending{c.capital, gazEntry{actor: iso, role: roleCapital}})
		}
		for _, s := range c.seats {
			all = append(all, pending{s, gazEntry{actor: iso, role: roleSeat}})
		}
		for _, n := range append([]string{c.name}, c.aliases...) {
			all = append(all, pending{n, gazEntry{actor: iso, role: roleName}})
		}
	}
	for place, iso := range b.places {
		if _, ok := b.countries[iso]; ok {
			all = append(all, pending{place, gazEntry{actor: iso, role: rolePlace}})
		}
	}
	for _, id := range b.actorIDs {
		r := b.actors[id]
		if q := b.qids[id]; q != "" && r.actor.QID == "" {
			r.actor.QID = q
		}
		g.actors[id] = r.actor
		for _, n := range r.names {
			all = append(all, pending{n, gazEntry{actor: id, role: roleName}})
		}
	}
	// a merged actor's names become aliases of the actor it is merged into
	for id, to := range g.sameAs {
		a, ok := g.actors[id]
		t, ok2 := g.actors[to]
		if ok && ok2 {
			t.Aliases = sortedUnique(append(append(append([]string(nil), t.Aliases...), a.Name), a.Aliases...))
			g.actors[to] = t
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].e.role > all[j].e.role })
	for _, p := range all {
		g.add(p.phrase, p.e)
	}
	lex, err := lexicon.Build(b.lexicon.Entries)
	if err != nil {
		return nil, err
	}
	g.Lexicon = lex
	b.buildPeople(g)
	return g, nil
}

func isPluralDemonym(d string, all []string) bool {
	if !strings.HasSuffix(d, "s") {
		return false
	}
	for _, o := range all {
		if o != d && (o+"s" == d || o+"es" == d) {
			return true
		}
	}
	return false
}

// add indexes a phrase. A leading "the" is dropped ("the Kremlin" matches "Kremlin", and the
// article stays outside the mention).
func (g *Gazetteer) add(phrase string, e gazEntry) {
	words := text.LowerTokens(phrase)
	if len(words) > 1 && words[0] == "the" {
		words = words[1:]
	}
	if len(words) == 0 {
		return
	}
	plain := strings.TrimSpace(phrase)
	if strings.HasPrefix(strings.ToLower(plain), "the ") {
		plain = strings.TrimSpace(plain[4:])
	}
	e.exactCase = text.IsAllCaps(plain) && utf8.RuneCountInString(plain) <= 4 && !strings.Contains(plain, ".")
	r, _ := utf8.DecodeRuneInString(plain)
	e.lowerOK = unicode.IsLower(r)
	insertPhrase(g.root, words, e)
}

func insertPhrase(root *trieNode, words []string, e gazEntry) {
	n := root
	for _, w := range words {
		if n.next == nil {
			n.next = map[string]*trieNode{}
		}
		c := n.next[w]
		if c == nil {
			c = &trieNode{}
			n.next[w] = c
		}
		n = c
	}
	ec := e
	n.entry = &ec
}

// matchRole finds the longest role phrase that starts at toks[i] and returns its
// affiliation and end, or "" and i.
func (g *Gazetteer) matchRole(toks []text.Token, i, limit int) (string, int) {
	n := g.roles
	aff, end := "", i
	for j := i; j < limit && n.next != nil; j++ {
		c := n.next[toks[j].Lower]
		if c == nil {
			break
		}
		n = c
		if n.entry != nil {
			aff, end = n.entry.actor, j+1
		}
	}
	return aff, end
}

// match finds the longest gazetteer phrase that starts at toks[i], and returns its entry
// and the index after its last token, or nil.
func (g *Gazetteer) match(toks []text.Token, i int) (*gazEntry, int) {
	n := g.root
	var best *gazEntry
	bestEnd := i
	for j := i; j < len(toks) && n.next != nil; j++ {
		if j > i && toks[j].Newlines > 0 {
			break
		}
		c := n.next[toks[j].Lower]
		if c == nil {
			break
		}
		n = c
		if e := n.entry; e != nil && g.caseFits(e, toks, i, j+1) {
			best, bestEnd = e, j+1
		}
	}
	return best, bestEnd
}

// caseFits applies the entry's case rules to the text that matched it.
func (g *Gazetteer) caseFits(e *gazEntry, toks []text.Token, i, j int) bool {
	if e.exactCase {
		for k := i; k < j; k++ {
			if toks[k].Kind == text.TokWord && !toks[k].AllCaps {
				return false
			}
		}
		return true
	}
	if e.lowerOK {
		return true
	}
	return toks[i].Cap || toks[i].Kind == text.TokNumber
}

// Canonical returns the id that an id stands for after a user's merges (files of the id,
// same_as format): the id itself when it is merged into none.
func (g *Gazetteer) Canonical(id string) string {
	if to, ok := g.sameAs[id]; ok {
		return to
	}
	return id
}

// Actor returns the actor with the id: a gazetteer actor, or a sector of a state ("RUS-GOV").
func (g *Gazetteer) Actor(id string) (graph.Actor, bool) {
	if a, ok := g.actors[id]; ok {
		return a, true
	}
	if len(id) == 7 && id[3] == '-' {
		if a, ok := g.sectorActor(id[:3], id[4:]); ok {
			return a, true
		}
	}
	return graph.Actor{}, false
}

// sectorActor returns the actor for a sector of a state.
func (g *Gazetteer) sectorActor(iso3, sector string) (graph.Actor, bool) {
	c := g.countries[iso3]
	if c == nil {
		return graph.Actor{}, false
	}
	if sector == SectorState {
		return g.actors[iso3], true
	}
	adj := c.demonym
	if adj == "" || strings.HasSuffix(adj, "s") && !strings.HasSuffix(adj, "ss") {
		adj = c.name
	}
	a := graph.Actor{ID: iso3 + "-" + sector, Country: iso3}
	switch sector {
	case SectorGov:
		a.Name, a.Kind = "Government of "+c.name, graph.KindGovernment
		a.Aliases = sortedUnique(append([]string{adj + " government"}, c.seats...))
	case SectorMil:
		a.Name, a.Kind = adj+" armed forces", graph.KindMilitary
		a.Aliases = []string{adj + " military"}
	case SectorReb:
		a.Name, a.Kind = "Rebels in "+c.name, graph.KindArmedGroup
	case SectorCiv:
		a.Name, a.Kind = "People of "+c.name, graph.KindOther
	case SectorOpp:
		a.Name, a.Kind = "Opposition in "+c.name, graph.KindOther
	default:
		return graph.Actor{}, false
	}
	return a, true
}

// Actors returns the gazetteer's actors (states and listed organisations), ordered by id.
func (g *Gazetteer) Actors() []graph.Actor {
	out := make([]graph.Actor, 0, len(g.actors))
	for _, a := range g.actors {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}
