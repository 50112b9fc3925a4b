package actors

import (
	"slices"
	"testing"
)

// TestStatesFromPassage: people and groups named without a state take the state the passage is
// about, never the state that is only the other party of their sentence; stand-ins resolve to
// the organisation named before; ministries and generic party names take the document's state.
func TestStatesFromPassage(t *testing.T) {
	for _, tt := range []struct {
		txt, phrase string
		want        []string // nil: no actor, or only the person's own
	}{
		// a titled person with no state word and no passage: not the other party's organ
		{"President Okonkwo criticised Norway over its fishing quotas.", "President Okonkwo", []string{"person/okonkwo"}},
		{"Ghana's parliament sat late. President Okonkwo criticised Norway over its quotas.", "President Okonkwo", []string{"GHA-GOV"}},
		// the state the sentence names before the person is theirs, not the scene after it
		{"France is ready to send 4,000 troops to a peace force in Haiti, Defence Minister Jules Perrin said.", "Defence Minister Jules Perrin", []string{"FRA-GOV"}},
		// a scene is the person's when nothing else ties them
		{"President Okonkwo imposed a curfew in Accra after the riots.", "President Okonkwo", []string{"GHA-GOV"}},
		// agent nouns: the passage's one state, not the party accused
		{"Bolivia's president resigned on Sunday. Crowds accused Peru of sheltering him.", "Crowds", []string{"BOL-CIV"}},
		{"Chile's navy went on alert. Soldiers accused Argentina of crossing the border.", "Soldiers", []string{"CHL-MIL"}},
		{"Congo's mines closed. Survivors of the flood accused Rwanda of hoarding aid.", "Survivors", []string{"COD-CIV"}},
		// stand-ins
		{"The Arab League met on Monday. The bloc urged Israel to halt the raids.", "The bloc", []string{"igo/arab-league"}},
		// ministries and parties of the document's state
		{"Spain condemned the attack. The interior ministry accused Morocco of lax controls.", "The interior ministry", []string{"ESP-GOV"}},
		{"Sweden's election went to a recount. The Social Democrats accused Hungary of meddling.", "Social Democrats", []string{"candidate/social-democrats-swe"}},
		{"Kenya held a vote on Tuesday. The Democratic Party accused Uganda of interference.", "Democratic Party", []string{"candidate/democratic-party-ken"}},
		{"The Democratic Party accused Russia of meddling.", "Democratic Party", []string{"party/democratic-party"}},
	} {
		d := findIn(t, tt.txt, "2024-05-01")
		m := mentionOf(t, d, tt.phrase)
		if !slices.Equal(m.Actors, tt.want) {
			t.Errorf("%q: %q is %q, want %q", tt.txt, tt.phrase, m.Actors, tt.want)
		}
	}
	// with no passage state, a bare agent noun is no one's: "Crowds accused India" names no
	// crowd of India
	d := findIn(t, "Crowds accused India of sheltering the former leader.", "2024-05-01")
	for _, s := range d.Sentences {
		for _, m := range s.Mentions {
			if slices.Contains(m.Actors, "IND-CIV") {
				t.Errorf("crowds given the accused state: %+v", m)
			}
		}
	}
	// a local party is an actor of its state, PARTY
	d = findIn(t, "Kenya held a vote on Tuesday. The Democratic Party accused Uganda of interference.", "2024-05-01")
	if a, ok := d.Actor("candidate/democratic-party-ken"); !ok || a.Country != "KEN" || a.Kind != "PARTY" {
		t.Errorf("local party %+v, want a PARTY of KEN", a)
	}
}

// TestHyphenatedGivenNames: a given name whose second part is in lower case ("Ching-te",
// "Hong-kyun") is read whole, so that the person is the dictionary's, not a new "Lai Ching".
func TestHyphenatedGivenNames(t *testing.T) {
	d := findIn(t, "Beijing criticised Taiwan President Lai Ching-te again on Monday.", "2025-04-01")
	if m := mentionOf(t, d, "Taiwan President Lai Ching-te"); m.Person != "person/lai-ching-te" {
		t.Errorf("person %q, want person/lai-ching-te", m.Person)
	}
	d = findIn(t, "Vice minister Park Sung-ho summoned the Japanese envoy.", "2025-04-01")
	if m := mentionOf(t, d, "minister Park Sung-ho"); m.Person != "person/park-sung-ho" {
		t.Errorf("person %q, want person/park-sung-ho", m.Person)
	}
}

// TestMisspeltPeople: a known person's name written with a letter off, or with a particle,
// is the dictionary's person and serves the organ they served on the date; a name as far from
// every known one stays a person of its own.
func TestMisspeltPeople(t *testing.T) {
	for _, tt := range []struct{ txt, phrase, person, organ string }{
		{"Benyamin Netanyahu rejected the French proposal.", "Benyamin Netanyahu", "person/benjamin-netanyahu", "ISR-GOV"},
		{"Muhammad bin Salman praised China's mediation with Iran.", "Muhammad bin Salman", "person/mohammed-bin-salman", "SAU-GOV"},
	} {
		d := findIn(t, tt.txt, "2024-11-12")
		m := mentionOf(t, d, tt.phrase)
		if m.Person != tt.person || !slices.Equal(m.Actors, []string{tt.organ}) {
			t.Errorf("%q: person %q actors %q, want %s for %s", tt.phrase, m.Person, m.Actors, tt.person, tt.organ)
		}
	}
	d := findIn(t, "Benoit Netanyahu, a lawyer, sued Israel.", "2024-11-12")
	for _, s := range d.Sentences {
		for _, m := range s.Mentions {
			if m.Person == "person/benjamin-netanyahu" {
				t.Errorf("a name two letters and more from Benjamin Netanyahu was taken for him: %+v", m)
			}
		}
	}
}

// TestHyphenatedNamesUnknown: a name with a hyphenated given name that the dictionary knows
// ("Lee Jae-myung") is its person; one it does not know is a person too, not an OTHER actor.
func TestHyphenatedNamesUnknown(t *testing.T) {
	d := findIn(t, "Lee Jae-myung took office last week. Lee urged Japan to confront its history.", "2025-06-10")
	if m := mentionOf(t, d, "Lee"); m.Person != "person/lee-jae-myung" || !slices.Equal(m.Actors, []string{"KOR-GOV"}) {
		t.Errorf("Lee: person %q actors %q, want person/lee-jae-myung for KOR-GOV", m.Person, m.Actors)
	}
	d = findIn(t, "Kim Min-seok met Ukraine's envoy.", "2025-06-10")
	if m := mentionOf(t, d, "Kim Min-seok"); m.Person != "person/kim-min-seok" {
		t.Errorf("Kim Min-seok: person %q actors %q, want a person of their own", m.Person, m.Actors)
	}
}
