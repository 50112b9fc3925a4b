package names

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

func TestNotActor(t *testing.T) {
	for _, tt := range []struct {
		phrase string
		want   bool
	}{
		{"B", true}, {"Beta", true}, {"Charter", true}, {"Islamic", true}, {"Jewish", true},
		{"Association", true}, {"Cessation of Hostilities", true}, {"Memorandum of Understanding", true},
		{"Investment Forum", true}, {"the Paris Agreement", true}, {"the Abraham Accords", true},
		{"Resolution 2334", true}, {"Article 5", true}, {"Operation Spiderweb", true},
		{"Executive Order", true}, {"White Paper", true}, {"New START", true}, {"Monday", true},
		{"Vision 2030", true}, {"the Munich Security Conference", true}, {"", true},
		{"Pan-Slavism", true}, {"Eurofederalism", true}, {"Political Islamism", true}, {"Zionism", true},
		{"Ministry of Tourism", false}, {"Bism", false},
		{"Hezbollah", false}, {"Ramaphosa", false}, {"Mr Shara", false}, {"Herzogovina", false},
		{"the Council", false}, {"Assembly", false}, {"Congress", false}, {"May", false},
		{"Democratic Alliance", false}, {"Social Democrats", false}, {"G7", false}, {"7", false}, {"PLAN", false}, {"CARE", false},
	} {
		if got := NotActor(tt.phrase); got != tt.want {
			t.Errorf("NotActor(%q) = %v, want %v", tt.phrase, got, tt.want)
		}
	}
}

// TestNotActorOnPhraseSet measures NotActor on the loader's actor phrase set: how many of the
// phrases that are no actor by their words alone (tag "junk") it catches, and that it calls no
// actor phrase "not an actor". Phrases that only their context shows to be no actor (tag
// "context": the acronym of a document, a facility, two names joined by "and") are for the
// mention finder.
func TestNotActorOnPhraseSet(t *testing.T) {
	f, err := os.Open("../../testdata/actor-phrases.jsonl")
	if os.IsNotExist(err) {
		t.Skip("the actor phrase set is not there (moved?)")
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var junk, caught, actors, wrong int
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var p struct{ ID, Phrase, Kind, Tag string }
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatal(err)
		}
		if p.Kind == "NONE" && p.Tag == "context" {
			continue
		}
		if p.Kind == "NONE" {
			junk++
			if NotActor(p.Phrase) {
				caught++
			} else {
				t.Logf("not caught: %s %q", p.ID, p.Phrase)
			}
			continue
		}
		actors++
		if NotActor(p.Phrase) {
			wrong++
			t.Errorf("%s: NotActor(%q) is true, but it is a %s", p.ID, p.Phrase, p.Kind)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	t.Logf("phrases that are no actor: %d, caught %d; actor phrases: %d, called no actor %d", junk, caught, actors, wrong)
	if junk > 0 && float64(caught) < 0.9*float64(junk) {
		t.Errorf("NotActor catches %d of %d phrases that are no actor, want 90%%", caught, junk)
	}
}

// TestNotActorOnGazetteerNames lists the gazetteer's own names that NotActor would refuse: they
// are actors by being listed, so a caller must ask NotActor only of names the gazetteer does not
// know. The test fails when their number grows past what was measured.
func TestNotActorOnGazetteerNames(t *testing.T) {
	var refused []string
	n := 0
	for _, file := range []struct {
		path    string
		columns int
		names   []int // columns holding names
	}{{"../../data/actors.tsv", 6, []int{2, 5}}, {"../../data/countries.tsv", 8, []int{2, 3, 6}}} {
		for _, fields := range dataRows(t, file.path, file.columns) {
			for _, c := range file.names {
				for _, name := range strings.Split(fields[c], ";") {
					if name == "" {
						continue
					}
					n++
					if NotActor(name) {
						refused = append(refused, fields[0]+" "+name)
					}
				}
			}
		}
	}
	t.Logf("%d gazetteer names; NotActor refuses %d (actors by being listed): %v", n, len(refused), refused)
	if len(refused) > 6 {
		t.Errorf("NotActor refuses %d gazetteer names, more than the 4 measured and a margin", len(refused))
	}
}

// TestNotActorOnPeople checks that NotActor refuses no person of the dictionary (about 17,500
// people): only "Damascus Declaration", a group the derived dictionary files as a person.
func TestNotActorOnPeople(t *testing.T) {
	people, _ := dictionaryPeople(t)
	var refused []string
	for id, names := range people {
		for _, name := range names {
			if NotActor(name) && id != "person/damascus-declaration" {
				refused = append(refused, id+" "+name)
			}
		}
	}
	if len(refused) > 0 {
		t.Errorf("NotActor refuses %d names of dictionary people: %v", len(refused), refused)
	}
}
