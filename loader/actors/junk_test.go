package actors

import (
	"slices"
	"strings"
	"testing"

	"github.com/dyadgraph/dyad/graph"
)

// madeOthers returns the names of the OTHER actors a document made (candidate actors).
func madeOthers(d *Doc) []string {
	var out []string
	for _, id := range d.Made() {
		if a, ok := d.Actor(id); ok && a.Kind == graph.KindOther {
			out = append(out, a.Name)
		}
	}
	slices.Sort(out)
	return out
}

// TestNoJunkCandidates: phrases that name no actor make no OTHER actor: a number word before
// a name, the acronym of a document, an ideology, a facility, two names joined by "and", an
// office without a name, "Member States" alone.
func TestNoJunkCandidates(t *testing.T) {
	for _, txt := range []string{
		"Forty EU monitors accused Azerbaijan of blocking their patrol.",
		"After the Joint Declaration (JD) was signed, Ghana praised the JD.",
		"Bangladesh police blocked the Namaz-e-Janaza (NJ) march and arrested marchers.",
		"Serbia invoked Pan-Slavism in its appeal to Russia.",
		"Iran fired missiles at the Ain al-Asad Air Base and the United States counted the damage.",
		"Israel bombed the Nuseirat Refugee Camp on Tuesday.",
		"Nigeria sued Zenora and Baltec over unpaid royalties.",
		"The Federal Secretary Water warned the provinces about the drought.",
		"Member States condemned the coup in Gabon.",
	} {
		d := findIn(t, txt, "2023-06-01")
		if got := madeOthers(d); len(got) > 0 {
			t.Errorf("%q: made OTHER actors %q, want none", txt, got)
		}
	}
	// an organisation's name with a facility word is still an organisation
	d := findIn(t, "The Harbour Pilots Association accused Panama of unsafe rules.", "2023-06-01")
	if got := madeOthers(d); !slices.Equal(got, []string{"Harbour Pilots Association"}) {
		t.Errorf("made OTHER actors %q, want the Harbour Pilots Association", got)
	}
}

// TestOrgansWithoutStateWord: a ministry or an office named without a state word is the organ
// of the state named by a demonym or possessive before it, else of the state the document is
// about; a body named with an intergovernmental organisation's name is that organisation.
func TestOrgansWithoutStateWord(t *testing.T) {
	for _, tt := range []struct{ txt, phrase, want string }{
		{"Ghana recalled its envoy. The Ministry of Foreign Affairs accused Togo of harbouring rebels.", "Ministry of Foreign Affairs", "GHA-GOV"},
		{"The Qatari Ministry of Interior thanked Kuwait.", "Qatari Ministry of Interior", "QAT-GOV"},
		{"The Ecuador Ministry of Defence accused Colombia of an incursion.", "Ecuador Ministry of Defence", "ECU-GOV"},
		{"The Nigerian Federal Secretary Petroleum accused Ghana of smuggling fuel.", "Nigerian Federal Secretary Petroleum", "NGA-GOV"},
		{"The United Nations Verification Mission in Colombia criticised the army.", "United Nations Verification Mission", "igo/un"},
		{"EU member states agreed to sanction Belarus.", "EU member states", "igo/eu"},
		{"The African Union met in Addis Ababa. Member States condemned the coup.", "Member States", "igo/au"},
	} {
		d := findIn(t, tt.txt, "2023-06-01")
		if m := mentionOf(t, d, tt.phrase); !slices.Equal(m.Actors, []string{tt.want}) {
			t.Errorf("%q: %q is %q, want %s", tt.txt, tt.phrase, m.Actors, tt.want)
		}
	}
	// with more than one state and none ahead, the ministry is no state's: no actor at all
	d := findIn(t, "Peru and Chile met. The Ministry of Foreign Affairs said nothing.", "2023-06-01")
	if m := mentionOf(t, d, "Ministry of Foreign Affairs"); len(m.Actors) > 0 {
		t.Errorf("a ministry of no one state: actors %q, want none", m.Actors)
	}
}

// TestPersonByNameShape: an unknown name that opens with a given name of the people dictionary
// and holds no organisation word is a person, not an OTHER actor.
func TestPersonByNameShape(t *testing.T) {
	d := findIn(t, "Kenya deported Ahmed Warsame Farah to Somalia.", "2019-04-01")
	m := mentionOf(t, d, "Ahmed Warsame Farah")
	if a, _ := d.Actor(m.Person); m.Person == "" || a.Kind != graph.KindPerson {
		t.Errorf("Ahmed Warsame Farah: person %q (%+v), want a PERSON", m.Person, a)
	}
	d = findIn(t, "Zenora Liberation Fighters attacked Mali.", "2019-04-01")
	for _, id := range d.Made() {
		if strings.HasPrefix(id, "person/") {
			t.Errorf("an unknown group's name made a person %s", id)
		}
	}
}
