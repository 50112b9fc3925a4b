package actors

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/loader/text"
)

// findIn runs the actors stage over a text written for the test, on a date.
func findIn(t *testing.T, txt, date string) *Doc {
	t.Helper()
	var d time.Time
	if date != "" {
		var err error
		if d, err = time.Parse(time.DateOnly, date); err != nil {
			t.Fatal(err)
		}
	}
	return Find(testGazetteer(t), text.Analyze(txt), d)
}

// mentionOf returns the mention whose words are the phrase, searching every sentence.
func mentionOf(t *testing.T, d *Doc, phrase string) Mention {
	t.Helper()
	var seen []string
	for _, s := range d.Sentences {
		for _, m := range s.Mentions {
			got := d.f.spanText(m.From, m.To)
			if got == phrase {
				return m
			}
			seen = append(seen, got)
		}
	}
	t.Fatalf("no mention %q; mentions: %q", phrase, seen)
	return Mention{}
}

// TestPersonSpellings: spellings, transliterations and surnames of one person are one actor,
// the people dictionary's, with its QID and aliases.
func TestPersonSpellings(t *testing.T) {
	d := findIn(t, "Volodymyr Zelenskiy spoke to soldiers in Lviv. The next day Zelensky met the Irish ambassador.", "2024-02-01")
	for _, phrase := range []string{"Volodymyr Zelenskiy", "Zelensky"} {
		if m := mentionOf(t, d, phrase); m.Person != "person/volodymyr-zelenskyy" {
			t.Errorf("%q: person %q, want person/volodymyr-zelenskyy", phrase, m.Person)
		}
	}
	a, ok := d.Actor("person/volodymyr-zelenskyy")
	if !ok || a.QID != "Q3874799" || a.Country != "UKR" || !slices.Contains(a.Aliases, "Volodymyr Zelenskiy") {
		t.Errorf("actor %+v, want the QID Q3874799, country UKR and the spelling as an alias", a)
	}

	d = findIn(t, "Ahmed al-Sharaa arrived in Doha on a state visit. Mr Shara then thanked the emir.", "2025-05-01")
	if m := mentionOf(t, d, "Mr Shara"); m.Person != "person/ahmed-al-sharaa" || !slices.Equal(m.Actors, []string{"SYR-GOV"}) {
		t.Errorf("Mr Shara: person %q actors %q, want person/ahmed-al-sharaa for SYR-GOV", m.Person, m.Actors)
	}

	d = findIn(t, "Ursula von der Leyen flew to Tallinn. Later von der Leyen praised Estonia.", "2024-03-01")
	if m := mentionOf(t, d, "von der Leyen"); m.Person != "person/ursula-von-der-leyen" || !slices.Equal(m.Actors, []string{"igo/european-commission"}) {
		t.Errorf("von der Leyen: person %q actors %q", m.Person, m.Actors)
	}

	// a title and a surname only: the dictionary's entry, not a person of its own
	d = findIn(t, "President Macron opened a vaccine factory near Lyon.", "2021-06-01")
	if m := mentionOf(t, d, "President Macron"); m.Person != "person/emmanuel-macron" || !slices.Equal(m.Actors, []string{"FRA-GOV"}) {
		t.Errorf("President Macron: person %q actors %q", m.Person, m.Actors)
	}
}

// TestDatedRoles: a person in office on the article's date stands for the organ they serve;
// out of office, or called "former", for themself, with their state.
func TestDatedRoles(t *testing.T) {
	const txt = "Angela Merkel telephoned the Dutch king about flooding."
	if m := mentionOf(t, findIn(t, txt, "2016-07-01"), "Angela Merkel"); !slices.Equal(m.Actors, []string{"DEU-GOV"}) {
		t.Errorf("in office: %q, want DEU-GOV", m.Actors)
	}
	d := findIn(t, txt, "2023-07-01")
	if m := mentionOf(t, d, "Angela Merkel"); !slices.Equal(m.Actors, []string{"person/angela-merkel"}) {
		t.Errorf("out of office: %q, want the person", m.Actors)
	}
	if a, _ := d.Actor("person/angela-merkel"); a.Country != "DEU" {
		t.Errorf("out of office: country %q, want DEU", a.Country)
	}
	d = findIn(t, "Former Prime Minister Imran Khan told a rally in Lahore that he would appeal.", "2019-01-01")
	if m := mentionOf(t, d, "Former Prime Minister Imran Khan"); !slices.Equal(m.Actors, []string{"person/imran-khan"}) {
		t.Errorf("former: %q, want the person", m.Actors)
	}
}

// TestNoJunkActors: unknown capitalised words that names no actor (a treaty, a meeting, a
// lone common word) make no actor; a title that is no role word before a name makes a person.
func TestNoJunkActors(t *testing.T) {
	d := findIn(t, "Delegates praised the Lisbon Framework Agreement at the Harbour Investment Forum. Charter rules were read aloud.", "2024-01-01")
	if made := d.Made(); len(made) != 0 {
		t.Errorf("made %q, want no actor", made)
	}
	d = findIn(t, "Crowds cheered as Mr Tinubu arrived in Kano.", "2024-01-01")
	if m := mentionOf(t, d, "Mr Tinubu"); m.Person != "person/bola-tinubu" || !slices.Equal(m.Actors, []string{"NGA-GOV"}) {
		t.Errorf("Mr Tinubu: person %q actors %q, want person/bola-tinubu for NGA-GOV", m.Person, m.Actors)
	}
}

// TestTitleReferences: a title alone refers to the person named before it, and stands for
// their organ; "the former president" for the person.
func TestTitleReferences(t *testing.T) {
	d := findIn(t, "Cyril Ramaphosa toured a mine in Limpopo. The president then called Zambia's leader.", "2023-05-01")
	if m := mentionOf(t, d, "The president"); m.Person != "person/cyril-ramaphosa" || !slices.Equal(m.Actors, []string{"ZAF-GOV"}) {
		t.Errorf("The president: person %q actors %q, want person/cyril-ramaphosa for ZAF-GOV", m.Person, m.Actors)
	}
	d = findIn(t, "Robert Mugabe was buried in his home village. The former president had ruled for decades.", "2019-09-30")
	if m := mentionOf(t, d, "The former president"); !slices.Equal(m.Actors, []string{"person/robert-mugabe"}) {
		t.Errorf("The former president: actors %q, want the person", m.Actors)
	}
}

// TestStandIns: "the agency", "the fund", "the group" stand for the organisation named before.
func TestStandIns(t *testing.T) {
	for _, c := range []struct{ txt, phrase, want string }{
		{"The International Monetary Fund sent a mission to Accra. The fund asked Ghana for reforms.", "The fund", "igo/imf"},
		{"Hezbollah fired rockets at an army post. Hours later the group claimed a second strike.", "the group", "armed/hezbollah"},
		{"The UN Security Council met in an emergency session. The council then adjourned.", "The council", "igo/unsc"},
	} {
		d := findIn(t, c.txt, "2024-01-01")
		if m := mentionOf(t, d, c.phrase); !slices.Equal(m.Actors, []string{c.want}) {
			t.Errorf("%q in %q: %q, want %s", c.phrase, c.txt, m.Actors, c.want)
		}
	}
}

// TestSameAs: a user's file of merges (id, same_as) gives one id's mentions to another.
func TestSameAs(t *testing.T) {
	path := t.TempDir() + "/merges.tsv"
	content := "# merges\nid\tsame_as\ncandidate/harbour-workers-union\tngo/amnesty-international\nperson/ivan-sirko\tperson/volodymyr-zelenskyy\n"
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	g, err := LoadGazetteer(path)
	if err != nil {
		t.Fatal(err)
	}
	d := Find(g, text.Analyze("The Harbour Workers Union criticised the port authority. Ivan Sirko, a Ukrainian general, replied."), time.Time{})
	if m := mentionOf(t, d, "Harbour Workers Union"); !slices.Equal(m.Actors, []string{"ngo/amnesty-international"}) {
		t.Errorf("merged candidate: %q", m.Actors)
	}
	m := mentionOf(t, d, "Ivan Sirko, a Ukrainian general,")
	if m.Person != "person/volodymyr-zelenskyy" {
		t.Errorf("merged person: %q", m.Person)
	}
	if a, ok := d.Actor(m.Person); !ok || a.Name != "Volodymyr Zelenskyy" {
		t.Errorf("merged person's actor: %+v", a)
	}
	if _, err := LoadGazetteer(writeFile(t, "id\tsame_as\na/x\ta/y\na/y\ta/x\n")); err == nil || !strings.Contains(err.Error(), "merged into itself") {
		t.Errorf("a cycle of merges: %v", err)
	}
}

func writeFile(t *testing.T, content string) string {
	path := t.TempDir() + "/f.tsv"
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
