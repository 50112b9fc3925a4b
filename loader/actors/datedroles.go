package actors

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/loader/actors/names"
	"github.com/dyadgraph/dyad/loader/text"
)

// People with dated roles (data/people.tsv, derived from the Phoenix dictionaries by
// tools/lexgen, and data/people-recent.tsv, curated by hand for 2014 on). A person named
// without a role word in the text ("Putin said ...") resolves through them to the state organ
// they served on the article's date. Each line is
//
//	id <TAB> name <TAB> aliases <TAB> roles
//
// where roles are AFFILIATION:FROM:TO separated by ";" (AFFILIATION a state organ such as
// RUS-GOV or USA-MIL, or an actor id such as igo/un; dates YYYY-MM-DD, empty for an open end).
// A later file's record with the same id replaces the earlier one.

// personRecord is one person of the dictionary.
type personRecord struct {
	id, name string
	aliases  []string
	roles    []datedRole
}

// datedRole is an organ a person served, and when.
type datedRole struct {
	affiliation string
	from, to    time.Time // zero for an open end
}

func (b *gazetteerBuilder) addPerson(f []string) error {
	id, name := f[0], f[1]
	if !strings.HasPrefix(id, "person/") || name == "" {
		return fmt.Errorf("person %q: want an id person/... and a name", id)
	}
	p := &personRecord{id: id, name: name, aliases: splitMulti(f[2])}
	for _, r := range splitMulti(f[3]) {
		parts := strings.Split(r, ":")
		if len(parts) != 3 || parts[0] == "" {
			return fmt.Errorf("person %s: role %q: want AFFILIATION:FROM:TO", id, r)
		}
		dr := datedRole{affiliation: parts[0]}
		for i, s := range parts[1:] {
			if s == "" {
				continue
			}
			t, err := time.Parse(time.DateOnly, s)
			if err != nil {
				return fmt.Errorf("person %s: role %q: date %q: want YYYY-MM-DD", id, r, s)
			}
			if i == 0 {
				dr.from = t
			} else {
				dr.to = t
			}
		}
		p.roles = append(p.roles, dr)
	}
	if len(p.roles) == 0 {
		return fmt.Errorf("person %s: no roles", id)
	}
	if _, ok := b.people[id]; !ok {
		b.peopleIDs = append(b.peopleIDs, id)
	}
	b.people[id] = p
	return nil
}

// buildPeople indexes the people's names. A name the gazetteer already gives an actor ("Jordan")
// stays that actor's.
func (b *gazetteerBuilder) buildPeople(g *Gazetteer) {
	g.people = map[string]*personRecord{}
	g.peopleRoot = &trieNode{}
	g.peopleKeys = map[string][]string{}
	g.surnames = map[string][]string{}
	addKey := func(m map[string][]string, k, id string) {
		if k == "" {
			return
		}
		for _, o := range m[k] {
			if o == id {
				return
			}
		}
		m[k] = append(m[k], id)
	}
	for _, id := range b.peopleIDs {
		p := b.people[id]
		g.people[id] = p
		for i, n := range append([]string{p.name}, p.aliases...) {
			if i > 0 && strings.ContainsAny(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") && strings.ToUpper(n) == n {
				continue // an acronym ("AMLO") is matched as written, not by key
			}
			addKey(g.peopleKeys, names.Key(n), id)
			if len(strings.Fields(n)) > 1 {
				addKey(g.surnames, names.Key(names.Surname(n)), id)
			}
		}
		for _, n := range append([]string{p.name}, p.aliases...) {
			words := text.LowerTokens(n)
			if len(words) == 0 {
				continue
			}
			if len(words) == 1 {
				if e, _ := g.matchWords(words); e != nil {
					continue
				}
			}
			insertPhrase(g.peopleRoot, words, gazEntry{actor: id})
		}
	}
	g.givenNames = g.buildGivenNames(b)
}

// buildGivenNames collects the given names of the people dictionary: the first words of its
// names of two words or more, save words that begin a name or a role of the gazetteer
// ("United", "General"), sector or place words, titles, name particles and stop words.
func (g *Gazetteer) buildGivenNames(b *gazetteerBuilder) map[string]bool {
	out := map[string]bool{}
	for _, id := range b.peopleIDs {
		p := b.people[id]
		for _, n := range append([]string{p.name}, p.aliases...) {
			words := text.LowerTokens(n)
			if len(words) < 2 || utf8.RuneCountInString(words[0]) < 2 {
				continue
			}
			w := words[0]
			if _, ok := g.root.next[w]; ok {
				continue
			}
			if _, ok := g.roles.next[w]; ok {
				continue
			}
			if _, ok := g.sectors[w]; ok || placeHeads[w] || nameParticles[w] || nameStopwords[w] || honorifics[w] || names.IsTitle(w) {
				continue
			}
			if _, ok := orgHeads[w]; ok {
				continue
			}
			out[w] = true
		}
	}
	return out
}

// matchWords looks a whole phrase up in the actor trie.
func (g *Gazetteer) matchWords(words []string) (*gazEntry, bool) {
	n := g.root
	for _, w := range words {
		if n.next == nil || n.next[w] == nil {
			return nil, false
		}
		n = n.next[w]
	}
	return n.entry, n.entry != nil
}

// matchPerson finds the longest dictionary person's name that starts at toks[i], written with
// capitals, and returns the record and the end.
func (g *Gazetteer) matchPerson(toks []text.Token, i, limit int) (*personRecord, int) {
	if !toks[i].Cap && !nameParticles[toks[i].Lower] {
		return nil, i // "von der Leyen" starts in lower case
	}
	n := g.peopleRoot
	var best *personRecord
	end := i
	for j := i; j < limit && n.next != nil; j++ {
		c := n.next[toks[j].Lower]
		if c == nil {
			break
		}
		n = c
		if n.entry != nil && (toks[j].Cap || toks[j].Kind != text.TokWord || nameParticles[toks[j].Lower] ||
			toks[j].Glued && j > i && toks[j-1].Text == "-") { // "Lee Jae-myung"
			best, end = g.people[n.entry.actor], j+1
		}
	}
	// a name that runs on into another capitalised word is someone else's ("Putin Street" aside,
	// "Abe Lincoln" is not "Abe")
	if best != nil && end < limit && toks[end].Cap && toks[end].Kind == text.TokWord && !toks[end].Glued && end-i == 1 {
		return nil, i
	}
	return best, end
}

// affiliationOn returns the organ the person served on the date: the role that covers it, or
// else the nearest one in time (a former leader still speaks for their state in most news).
// Without a date, the latest role.
func (p *personRecord) affiliationOn(date time.Time) string {
	return p.affiliationWhere(date, func(string) bool { return true })
}

// affiliationWhere is affiliationOn among the roles whose affiliation passes keep.
func (p *personRecord) affiliationWhere(date time.Time, keep func(affiliation string) bool) string {
	best, bestDist := "", time.Duration(1<<63-1)
	for _, r := range p.roles {
		if !keep(r.affiliation) {
			continue
		}
		var dist time.Duration
		switch {
		case date.IsZero():
			// the latest role: an open end first, then the latest end
			if r.to.IsZero() {
				dist = 0
			} else {
				dist = time.Since(r.to)
				if dist < 0 {
					dist = 0
				}
				dist++
			}
		case !r.from.IsZero() && date.Before(r.from):
			dist = r.from.Sub(date)
		case !r.to.IsZero() && date.After(r.to):
			dist = date.Sub(r.to)
		}
		if dist < bestDist {
			best, bestDist = r.affiliation, dist
		}
	}
	return best
}

// personByName finds the dictionary's person that a name written in a text stands for, by
// its key (names.Key: spellings and transliterations compare equal), or, for a surname alone
// ("Macron", "al-Sharaa"), by the surnames of the dictionary's names. A name that keys to
// several people is resolved to the one in office on the date if exactly one is; otherwise to
// none.
func (g *Gazetteer) personByName(name string, date time.Time) *personRecord {
	k := names.Key(name)
	if k == "" {
		return nil
	}
	ids := g.peopleKeys[k]
	if len(ids) == 0 && !strings.Contains(k, " ") {
		ids = g.surnames[k]
	}
	if len(ids) == 0 && strings.Contains(k, " ") {
		ids = g.misspelt(name)
	}
	switch len(ids) {
	case 0:
		return nil
	case 1:
		return g.people[ids[0]]
	}
	if date.IsZero() {
		return nil
	}
	var found *personRecord
	for _, id := range ids {
		if p := g.people[id]; p.roleOn(date) != "" {
			if found != nil {
				return nil
			}
			found = p
		}
	}
	return found
}

// misspelt returns the dictionary people whose surname the name has and whose whole name is
// one letter or two from it ("Benyamin Netanyahu" for "Benjamin Netanyahu"): similar by
// names.Similarity, with the same first letter.
func (g *Gazetteer) misspelt(name string) []string {
	sur := names.Surname(name)
	if sur == "" || sur == name {
		return nil
	}
	k := names.Key(name)
	var out []string
	for _, id := range g.surnames[names.Key(sur)] {
		p := g.people[id]
		for _, n := range append([]string{p.name}, p.aliases...) {
			if kn := names.Key(n); kn != "" && kn[0] == k[0] && strings.Contains(kn, " ") && names.Similarity(name, n) >= 0.85 {
				out = append(out, id)
				break
			}
		}
	}
	return out
}

// personActor is the actor of a dictionary person: their id and name, the names they are
// known by, their Wikidata item and the state they served (on the date, or the nearest).
func (g *Gazetteer) personActor(p *personRecord, date time.Time) graph.Actor {
	a := graph.Actor{ID: p.id, Name: p.name, Kind: graph.KindPerson, QID: g.qids[p.id]}
	a.Aliases = sortedUnique(p.aliases)
	state := p.affiliationWhere(date, func(aff string) bool { return len(aff) >= 3 && isAlpha3(aff[:3]) && (len(aff) == 3 || aff[3] == '-') })
	if state != "" {
		a.Country = state[:3]
	} else if aff := p.affiliationOn(date); aff != "" {
		if o, ok := g.actors[aff]; ok {
			a.Country = o.Country
		}
	}
	return a
}

// roleOn returns the organ the person served on the date, or "" when they held no role then.
// Without a date, the latest role.
func (p *personRecord) roleOn(date time.Time) string {
	if date.IsZero() {
		return p.affiliationOn(date)
	}
	for _, r := range p.roles {
		if (r.from.IsZero() || !date.Before(r.from)) && (r.to.IsZero() || !date.After(r.to)) {
			return r.affiliation
		}
	}
	return ""
}
