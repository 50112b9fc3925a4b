package events

import (
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/loader/actors"
	"github.com/dyadgraph/dyad/loader/text"
)

// builtin is the built-in gazetteer, loaded once for the package's tests.
var builtin = sync.OnceValues(func() (*actors.Gazetteer, error) { return actors.LoadGazetteer() })

func testGazetteer(t testing.TB) *actors.Gazetteer {
	t.Helper()
	g, err := builtin()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// testAnalysis runs the stages up to the events over a text, without a tagger.
func testAnalysis(g *actors.Gazetteer, s string) *docAnalysis {
	t := text.Analyze(s)
	d := newDocAnalysis(g.Lexicon, nil, t, actors.Find(g, t, time.Time{}), "m", time.Time{})
	d.run()
	return d
}

// mentionsOf resolves the mentions of a text's sentences, in order, as "text=actor,...".
func mentionsOf(t *testing.T, g *actors.Gazetteer, s string) []string {
	t.Helper()
	d := testAnalysis(g, s)
	var out []string
	for _, sa := range d.sents {
		for _, m := range sa.ms {
			if len(m.Actors) == 0 {
				continue
			}
			out = append(out, d.mentionText(&m)+"="+strings.Join(m.Actors, ","))
		}
	}
	return out
}

func TestMentions(t *testing.T) {
	g := testGazetteer(t)
	cases := []struct {
		text string
		want []string
	}{
		{"Russian troops entered Ukraine.", []string{"Russian troops=RUS-MIL", "Ukraine=UKR"}},
		{"The Kremlin and the White House spoke.", []string{"Kremlin=RUS-GOV", "White House=USA-GOV"}},
		{"Iraq's interim government met Turkish police.", []string{"Iraq's interim government=IRQ-GOV", "Turkish police=TUR-GOV"}},
		{"Canadians and Houthi rebels.", []string{"Canadians=CAN-CIV", "Houthi rebels=armed/houthis"}},
		{"Hungarian and Romanian officials met.", []string{"Hungarian=HUN-GOV", "Romanian officials=ROU-GOV"}},
		{"Rebels in the Ivory Coast fought the president of Armenia.", []string{"Rebels in the Ivory Coast=CIV-REB", "president of Armenia=ARM-GOV"}},
		{"Ethnic Albanians in south Serbia protested.", []string{"Albanians in south Serbia=SRB-CIV"}},
		{"NATO met. The alliance agreed.", []string{"NATO=igo/nato", "The alliance=igo/nato"}},
		{"Secretary-General Jens Stoltenberg spoke. Stoltenberg left.", // no organisation named yet
			[]string{"Secretary-General Jens Stoltenberg=igo/nato", "Stoltenberg=igo/nato"}},
		{"NATO Secretary-General Jens Stoltenberg spoke. Stoltenberg left. He returned.",
			[]string{"NATO Secretary-General Jens Stoltenberg=igo/nato", "Stoltenberg=igo/nato", "He=igo/nato"}},
		{"(Russian President Vladimir) Putin spoke.", []string{"(Russian President Vladimir) Putin=RUS-GOV"}},
		{"King Hassan of Morocco spoke.", []string{"King Hassan of Morocco=MAR-GOV"}},
		{"Montenegro Municipality Association (AKK) officials met.", []string{"Montenegro Municipality Association (AKK)=candidate/montenegro-municipality-association"}},
		{"The US said the US $50 million was spent.", []string{"US=USA"}},
		{"Fighting in Ukraine went on.", []string{"Ukraine=UKR"}},
	}
	for _, c := range cases {
		if got := mentionsOf(t, g, c.text); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q:\n got %q\nwant %q", c.text, got, c.want)
		}
	}
}

func TestMentionDetails(t *testing.T) {
	g := testGazetteer(t)
	d := testAnalysis(g, "Fighting in Ukraine went on. President Mugabe of Zimbabwe spoke. The Montenegro Assembly met.")
	if m := d.sents[0].ms[0]; !m.Locative {
		t.Errorf("\"in Ukraine\" should be a place: %+v", m)
	}
	if a, ok := d.actors.Actor("candidate/montenegro-municipality-association"); ok {
		t.Errorf("unexpected actor %+v", a)
	}
	if got := mentionsOf(t, g, "The Montenegro Assembly met."); !reflect.DeepEqual(got, []string{"Montenegro Assembly=MNE-GOV"}) {
		t.Errorf("Montenegro Assembly: %q", got)
	}
	// an unknown organisation named after a state belongs to it
	d = testAnalysis(g, "The Kenya Anti-Corruption Commission met.")
	if a, ok := d.actors.Actor("candidate/kenya-anti-corruption-commission"); !ok || a.Country != "KEN" {
		t.Errorf("want a candidate of Kenya: %+v %v", a, ok)
	}
}
