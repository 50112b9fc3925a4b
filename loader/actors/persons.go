package actors

// Actors, people: persons named with a role, from the people dictionary, or again by surname,
// and the state organ or organisation they stand for.

import (
	"strings"
	"unicode/utf8"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/loader/actors/names"
	"github.com/dyadgraph/dyad/loader/text"
)

// Person is someone named in the document with a role.
type Person struct {
	Actor       graph.Actor
	Affiliation string // actor id of the state organ or organisation, or ""
	Role        string // as written
	roleAff     string // what the role belongs to: GOV, MIL, OPP, IGO, ORG (see roles.tsv)
	Contextual  bool   // the affiliation was taken from the context, not the text around the name
	Former      bool   // the text says the role is a former one: the person's deeds are their own
}

// Name particles that may stand in lower case inside a person's name.
var nameParticles = text.Set("al", "bin", "ibn", "de", "da", "van", "von", "der", "del", "la", "le", "el", "du", "dos", "das", "y", "bint", "ben")

// Words after which a capitalised word is not the start of a role-less name.
var nameModifiers = text.Set("new", "former", "acting", "interim", "outgoing", "then", "senior", "top", "chief", "current", "incoming", "ousted", "late", "exiled")

// effective returns the actors a person's deeds are attributed to: their organisation, or the
// person when none is known.
func (f *mentionFinder) effective(personID string) []string {
	if p := f.persons[personID]; p != nil && p.Affiliation != "" && !p.Former {
		return []string{p.Affiliation}
	}
	return []string{personID}
}

// roleAffiliation reads what may stand before a role from token k: an affiliation (a state,
// its demonym or an organisation, maybe with 's: "Russia's", "U.S.") and modifiers such as
// "former". It returns the affiliation's actor and kind, whether a modifier puts the role in
// the past, and the token after them.
func (f *mentionFinder) roleAffiliation(s text.Sentence, k int) (aff string, kind graph.ActorKind, former bool, next int) {
	toks := f.toks
	if e, end := f.g.match(toks[:s.To], k); e != nil && e.role != rolePeople {
		a, _ := f.g.Actor(e.actor)
		aff, kind, k = e.actor, a.Kind, end
		if k < s.To && toks[k].Lower == "'s" {
			k++
		}
	}
	for k < s.To && nameModifiers[toks[k].Lower] {
		former = former || pastModifiers[toks[k].Lower]
		k++
	}
	return aff, kind, former, k
}

// personAt finds a person introduced with a role: "(Russian President Vladimir) Putin",
// "U.S. National Security Advisor Jake Sullivan", "King Hassan of Morocco".
func (f *mentionFinder) personAt(s text.Sentence, i int) (Mention, bool) {
	toks := f.toks
	k := i
	if toks[k].Text == "(" {
		k++
	}
	// an affiliation before the role: a state, its demonym, or an organisation, maybe 's
	aff, affKind, former, k := f.roleAffiliation(s, k)
	// "Iran's religious leader", "Syria's top diplomat": up to two lower-case modifiers when a
	// role follows them
	if aff != "" {
		for n := 1; n <= 2 && k+n < s.To; n++ {
			w := &toks[k+n-1]
			if w.Kind != text.TokWord || w.Cap || nameStopwords[w.Lower] || text.BreakWords[w.Lower] {
				break
			}
			// a verb or a sector word ends the phrase: "the German government welcomed President X"
			if _, sector := f.g.sectors[w.Lower]; sector && f.g.sectors[w.Lower] != SectorSkip || strings.HasSuffix(w.Lower, "ed") {
				break
			}
			if _, end := f.g.matchRole(toks, k+n, s.To); end > k+n {
				k += n
				break
			}
		}
	}
	roleFrom := k
	roleAff, roleEnd := "", k
	for k < s.To {
		a, end := f.g.matchRole(toks, k, s.To)
		if end == k {
			break
		}
		roleAff, roleEnd = a, end
		k = end
		for k < s.To && toks[k].Is("-") && toks[k].Glued { // "Vice-President"
			k++
		}
	}
	if roleEnd == roleFrom {
		if aff != "" {
			return Mention{}, false
		}
		return Mention{}, false
	}
	role := f.spanText(roleFrom, roleEnd)
	if roleEnd < s.To && toks[roleEnd].Text == ")" {
		roleEnd++
	}
	nameFrom, nameTo, ok := f.nameAt(s, roleEnd)
	if !ok {
		return Mention{}, false
	}
	end := nameTo
	if i < roleFrom && toks[i].Text == "(" && nameFrom == roleEnd {
		// "(Russian President Vladimir) Putin": the bracket closed inside the name
	}
	// "King Hassan of Morocco"
	if aff == "" && end+1 < s.To && toks[end].Is("of") {
		j := end + 1
		if j+1 < s.To && toks[j].Is("the") {
			j++
		}
		if e, e2 := f.g.match(toks[:s.To], j); e != nil && e.role == roleName {
			a, _ := f.g.Actor(e.actor)
			aff, affKind, end = e.actor, a.Kind, e2
		}
	}
	name := f.personName(nameFrom, nameTo)
	affiliation := f.affiliation(aff, affKind, roleAff)
	if affiliation == "" {
		// "President Donald Trump": a role without its state; the people dictionary knows
		// whose president on the article's date
		if rec := f.g.personByName(name, f.date); rec != nil {
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
	if former {
		p.Former = true // "former President X": the person, not the organ they once led
	}
	return Mention{From: i, To: end, Actors: f.effective(p.Actor.ID), Person: p.Actor.ID, Form: FormPerson, Conf: 0.9}, true
}

// pastModifiers say that a role written after them is one the person no longer holds.
// "then" and "late" are not among them: "then-President X said" tells of a deed done in office.
var pastModifiers = text.Set("former", "ousted", "exiled", "deposed", "ex")

// affiliation turns the actor named beside a role into the organ the person belongs to.
func (f *mentionFinder) affiliation(aff string, kind graph.ActorKind, roleAff string) string {
	if aff != "" {
		if kind == graph.KindState {
			switch roleAff {
			case SectorMil:
				return aff + "-" + SectorMil
			case SectorOpp:
				return aff + "-" + SectorOpp
			}
			return aff + "-" + SectorGov
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
func (f *mentionFinder) nameAt(s text.Sentence, i int) (int, int, bool) {
	toks := f.toks
	k := i
	words := 0
	lastCap := -1
	for k < s.To && k < i+7 {
		t := &toks[k]
		switch {
		case t.Kind == text.TokWord && t.Cap && !nameStopwords[t.Lower] && t.Lower != "'s":
			if words > 0 && !t.Glued {
				// a state's name after a name is no part of it ("Putin Russia")
				if e, _ := f.g.match(toks[:s.To], k); e != nil && e.role == roleName {
					goto done
				}
			}
			if _, end := f.g.matchRole(toks, k, s.To); end > k && words == 0 {
				return 0, 0, false
			}
			words++
			lastCap = k
		case t.Kind == text.TokWord && nameParticles[t.Lower] && k+1 < s.To && (toks[k+1].Cap || toks[k+1].Text == "-"):
		case t.Kind == text.TokWord && words > 0 && t.Glued && toks[k-1].Text == "-" && k+1 < s.To && toks[k+1].Text == "-" && toks[k+1].Glued:
			// "Fazl-ur-Rehman": a lower-case part between hyphens
		case t.Kind == text.TokWord && words > 0 && t.Glued && toks[k-1].Text == "-" && lastCap == k-2 && len(t.Lower) >= 2:
			// "Lai Ching-te", "Kim Hong-kyun": the lower-case second part of a given name
			lastCap = k
		case t.Text == "-" && t.Glued && words > 0 && k+1 < s.To && toks[k+1].Glued && toks[k+1].Kind == text.TokWord:
		case t.Text == ")" && words > 0 && k+1 < s.To && toks[k+1].Cap:
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
		if t.Text == ")" || t.Text == "(" {
			continue
		}
		if b.Len() > 0 && !t.Glued {
			b.WriteByte(' ')
		}
		b.WriteString(t.Text)
	}
	return b.String()
}

// addPerson registers a person, or returns the one already known by that name: a person named
// before in the document by the same name, a spelling of it or its surname ("Mr Shara" after
// "Ahmed al-Sharaa"), or else the people dictionary's entry for the name, whose id, name,
// aliases and QID the person takes, so that every spelling of one person is one actor.
func (f *mentionFinder) addPerson(name, affiliation, role, roleAff string, i, j int) *Person {
	if p := f.knownPerson(name); p != nil {
		if p.Affiliation == "" && affiliation != "" {
			p.Affiliation, p.Role, p.roleAff = affiliation, role, roleAff
			if a, ok := f.actor(affiliation); ok && a.Country != "" && p.Actor.Country == "" {
				p.Actor.Country = a.Country
				f.extra[p.Actor.ID] = p.Actor
			}
			f.newPersons = append(f.newPersons, p)
		}
		f.indexPerson(p, name)
		return p
	}
	var actor graph.Actor
	if rec := f.g.personByName(name, f.date); rec != nil {
		actor = f.g.personActor(rec, f.date)
		if !strings.EqualFold(name, actor.Name) {
			actor.Aliases = sortedUnique(append(actor.Aliases, name))
		}
	} else {
		actor = graph.Actor{ID: "person/" + slug(name), Name: name, Kind: graph.KindPerson}
		if sur := names.Surname(name); sur != name {
			actor.Aliases = []string{sur}
		}
	}
	if to := f.g.Canonical(actor.ID); to != actor.ID {
		// a user's merge: the person is the one merged into, known by this name too
		if a, ok := f.actor(to); ok {
			a.Aliases = sortedUnique(append(append([]string(nil), a.Aliases...), name))
			actor = a
		}
		actor.ID = to
	}
	if p, ok := f.persons[actor.ID]; ok {
		f.indexPerson(p, name)
		return p
	}
	if affiliation != "" {
		if a, ok := f.actor(affiliation); ok && a.Country != "" {
			actor.Country = a.Country
		}
	}
	p := &Person{Actor: actor, Affiliation: affiliation, Role: role, roleAff: roleAff}
	f.persons[actor.ID] = p
	f.extra[actor.ID] = p.Actor
	f.indexPerson(p, name)
	f.newPersons = append(f.newPersons, p)
	return p
}

// indexPerson remembers the names by which a person may be named again in the document: the
// name as written and the person's own, their surnames, and their keys.
func (f *mentionFinder) indexPerson(p *Person, written string) {
	if f.surnames[strings.ToLower(written)] == p.Actor.ID && f.surnames[strings.ToLower(p.Actor.Name)] == p.Actor.ID {
		return // indexed before
	}
	for _, n := range []string{written, p.Actor.Name} {
		f.surnames[strings.ToLower(n)] = p.Actor.ID
		f.addPersonKey(f.key(n), p.Actor.ID)
		if sur := names.Surname(n); sur != "" && sur != n {
			f.surnames[strings.ToLower(sur)] = p.Actor.ID
			f.addPersonKey(f.key(sur), p.Actor.ID)
			// al-Bashir is also "Bashir"
			if ix := strings.LastIndex(sur, "-"); ix >= 0 && ix+1 < len(sur) && nameParticles[strings.ToLower(sur[:ix])] {
				f.surnames[strings.ToLower(sur[ix+1:])] = p.Actor.ID
			}
		}
	}
}

// addPersonKey indexes a person by a key, and the first two letters of the key's words, which
// keyedPersonAt checks before it computes any key.
func (f *mentionFinder) addPersonKey(k, id string) {
	f.personKeys[k] = id
	if f.keyStarts == nil {
		f.keyStarts = map[string]bool{}
	}
	for _, w := range strings.Fields(k) {
		f.keyStarts[w[:min(2, len(w))]] = true
	}
}

// knownPerson returns the person of this document that a name refers to, or nil.
func (f *mentionFinder) knownPerson(name string) *Person {
	if id, ok := f.surnames[strings.ToLower(name)]; ok {
		return f.persons[id]
	}
	if id, ok := f.personKeys[f.key(name)]; ok {
		return f.persons[id]
	}
	return nil
}

// key is names.Key, remembered for the document: names recur.
func (f *mentionFinder) key(name string) string {
	if k, ok := f.keys[name]; ok {
		return k
	}
	if f.keys == nil {
		f.keys = map[string]string{}
	}
	k := names.Key(name)
	f.keys[name] = k
	return k
}

// honorifics may stand before a person's name ("Mr Trump").
var honorifics = text.Set("mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame")

// dictionaryPersonAt finds a person of the people dictionary named without a role word
// ("Putin said"), and ties them to the organ they served on the article's date.
func (f *mentionFinder) dictionaryPersonAt(s text.Sentence, i int) (Mention, bool) {
	from := i
	if honorifics[f.toks[i].Lower] && i+1 < s.To {
		i++
		if f.toks[i].Text == "." && f.toks[i].Glued && i+1 < s.To {
			i++
		}
	}
	rec, end := f.g.matchPerson(f.toks, i, s.To)
	if rec == nil {
		return Mention{}, false
	}
	if end < s.To && f.toks[end].Text == "," {
		// "Kofi Annan, the former secretary-general of the United Nations": the role as
		// written wins over the dictionary's
		if m, ok := f.appositivePerson(s, from, end); ok {
			return m, true
		}
	}
	// in office on the article's date: the organ they served; out of office, the person (a
	// former official, of the state the dictionary gives them)
	aff := rec.roleOn(f.date)
	if _, ok := f.actor(aff); !ok {
		aff = ""
	}
	p := f.addPerson(f.personName(i, end), aff, "", "", i, end)
	m := Mention{From: from, To: end, Actors: f.effective(p.Actor.ID), Person: p.Actor.ID, Form: FormSurname, Conf: 0.8}
	if end < s.To && f.toks[end].Lower == "'s" {
		m.Possessive = true
	}
	return m, true
}

// knownPersonAt finds a person named again by surname or full name.
func (f *mentionFinder) knownPersonAt(s text.Sentence, i int) (Mention, bool) {
	t := &f.toks[i]
	if !t.Cap && !(nameParticles[t.Lower] && i+1 < s.To && (f.toks[i+1].Cap || nameParticles[f.toks[i+1].Lower])) {
		return Mention{}, false // "von der Leyen" starts in lower case
	}
	// the longest run of capitalised words that names a known person
	best := -1
	var name strings.Builder
	for k := i; k < s.To && k < i+5; k++ {
		if !f.toks[k].Cap && !(f.toks[k].Text == "-" && f.toks[k].Glued) && !nameParticles[f.toks[k].Lower] {
			break
		}
		if k > i && !f.toks[k].Glued {
			name.WriteByte(' ')
		}
		name.WriteString(f.toks[k].Lower)
		if _, ok := f.surnames[name.String()]; ok {
			best = k + 1
		}
	}
	id := ""
	if best >= 0 {
		id = f.surnames[strings.ToLower(f.personName(i, best))]
	} else if id, best = f.keyedPersonAt(s, i); best < 0 {
		return Mention{}, false
	}
	m := Mention{From: i, To: best, Actors: f.effective(id), Person: id, Form: FormSurname, Conf: 0.85}
	if best < s.To && f.toks[best].Lower == "'s" {
		m.Possessive = true
	}
	return m, true
}

// keyedPersonAt finds a person of the document named again in another spelling or by another
// form of their name ("Zelenskiy" after "Volodymyr Zelenskyy", "Mr Shara" after "Ahmed
// al-Sharaa"), by names.Key, and returns the person's id and the end of the name, or -1.
func (f *mentionFinder) keyedPersonAt(s text.Sentence, i int) (string, int) {
	if len(f.personKeys) == 0 {
		return "", -1
	}
	k := i
	if honorifics[f.toks[k].Lower] && k+1 < s.To {
		k++
		if f.toks[k].Text == "." && f.toks[k].Glued && k+1 < s.To {
			k++
		}
	}
	if w := f.toks[k].Lower; !nameParticles[w] && len(w) >= 2 && w[0] < utf8.RuneSelf && w[1] < utf8.RuneSelf && !f.keyStarts[w[:2]] {
		return "", -1 // no person's key has a word that starts so
	}
	id, best := "", -1
	for j := k; j < s.To && j < k+4; j++ {
		t := &f.toks[j]
		if !t.Cap && !(t.Text == "-" && t.Glued) && !nameParticles[t.Lower] {
			break
		}
		if !t.Cap {
			continue
		}
		if p, ok := f.personKeys[f.key(f.personName(k, j+1))]; ok {
			id, best = p, j+1
		}
	}
	if best >= 0 && best < s.To && f.toks[best].Cap && f.toks[best].Kind == text.TokWord && !f.toks[best].Glued {
		return "", -1 // "Kim" of "Kim Yo Jong" is not "Kim Jong Un"
	}
	return id, best
}

// appositivePerson reads ", (the|a)? AFFILIATION? ROLE (of|for X)?" after a name.
func (f *mentionFinder) appositivePerson(s text.Sentence, i, end int) (Mention, bool) {
	toks := f.toks
	k := end + 1
	if k < s.To && toks[k].Is("the", "a", "an") {
		k++
	}
	aff, affKind, former, k := f.roleAffiliation(s, k)
	roleFrom := k
	roleAff := ""
	for k < s.To {
		a, e2 := f.g.matchRole(toks, k, s.To)
		if e2 == k {
			break
		}
		roleAff, k = a, e2
	}
	if k == roleFrom {
		return Mention{}, false
	}
	role := f.spanText(roleFrom, k)
	if aff == "" && k+1 < s.To && toks[k].Is("of", "for") {
		j := k + 1
		if j+1 < s.To && toks[j].Is("the") {
			j++
		}
		if e, e2 := f.g.match(toks[:s.To], j); e != nil && (e.role == roleName || e.role == roleSeat) {
			a, _ := f.g.Actor(e.actor)
			aff, affKind, k = e.actor, a.Kind, e2
		}
	}
	name := f.personName(i, end)
	p := f.addPerson(name, f.affiliation(aff, affKind, roleAff), role, roleAff, i, end)
	if former {
		p.Former = true // "X, the former president of Y": the person, of Y
	}
	// the mention covers the apposition, up to its closing comma
	to := k
	if to < s.To && toks[to].Text == "," {
		to++
	}
	return Mention{From: i, To: to, Actors: f.effective(p.Actor.ID), Person: p.Actor.ID, Form: FormPerson, Conf: 0.85}, true
}
