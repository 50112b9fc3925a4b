package loader

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/graph"
)

// testAnalysis runs the stages up to the events over a text, without a tagger.
func testAnalysis(g *Gazetteer, text string) *docAnalysis {
	t := analyzeText(text)
	d := newDocAnalysis(g.lexicon, nil, t, findActors(g, t, time.Time{}), "m", time.Time{})
	d.run()
	return d
}

// mentionsOf resolves the mentions of a text's sentences, in order, as "text=actor,...".
func mentionsOf(t *testing.T, g *Gazetteer, text string) []string {
	t.Helper()
	d := testAnalysis(g, text)
	var out []string
	for _, sa := range d.sents {
		for _, m := range sa.ms {
			if len(m.actors) == 0 {
				continue
			}
			out = append(out, d.mentionText(&m)+"="+strings.Join(m.actors, ","))
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
	if m := d.sents[0].ms[0]; !m.locative {
		t.Errorf("\"in Ukraine\" should be a place: %+v", m)
	}
	if a, ok := d.actors.actor("candidate/montenegro-municipality-association"); ok {
		t.Errorf("unexpected actor %+v", a)
	}
	if got := mentionsOf(t, g, "The Montenegro Assembly met."); !reflect.DeepEqual(got, []string{"Montenegro Assembly=MNE-GOV"}) {
		t.Errorf("Montenegro Assembly: %q", got)
	}
	// an unknown organisation named after a state belongs to it
	d = testAnalysis(g, "The Kenya Anti-Corruption Commission met.")
	if a, ok := d.actors.actor("candidate/kenya-anti-corruption-commission"); !ok || a.Country != "KEN" {
		t.Errorf("want a candidate of Kenya: %+v %v", a, ok)
	}
}

func TestLoadGazetteerExtra(t *testing.T) {
	dir := t.TempDir()
	actors := filepath.Join(dir, "actors.tsv")
	os.WriteFile(actors, []byte("# mine\nid\tkind\tname\tcountry\tqid\taliases\narmed/example-brigade\tARMED_GROUP\tExample Brigade\tSYR\t\tExample Brigades;the brigade\n"), 0o644)
	countries := filepath.Join(dir, "countries.tsv")
	os.WriteFile(countries, []byte("iso3\tiso2\tname\taliases\tdemonyms\tcapital\tseats\tqid\nCAN\tCA\tCanada\t\tCanadian;Canadians\tOttawa\tOttawa;Parliament Hill\tQ16\n"), 0o644)
	patterns := filepath.Join(dir, "patterns.tsv")
	os.WriteFile(patterns, []byte("pattern\ttype\tcameo\tflags\nrebuke sharply\tACCUSE\t111\t\nhector\tACCUSE\t111\t\n"), 0o644)
	g, err := LoadGazetteer(actors, countries, patterns)
	if err != nil {
		t.Fatal(err)
	}
	a, ok := g.Actor("armed/example-brigade")
	if !ok || a.Kind != graph.KindArmedGroup || a.Country != "SYR" || !reflect.DeepEqual(a.Aliases, []string{"Example Brigades"}) {
		t.Errorf("added actor: %+v %v (\"the brigade\" is no alias)", a, ok)
	}
	x, err := NewRuleExtractor(g).Extract(context.Background(), Document{ID: "x", Text: "Parliament Hill hectored the Example Brigades."})
	if err != nil {
		t.Fatal(err)
	}
	if len(x.Claims) != 1 || x.Claims[0].Source != "CAN-GOV" || x.Claims[0].Target != "armed/example-brigade" || x.Claims[0].Type != graph.Accuse {
		t.Errorf("user data not used: %s", renderClaims(x))
	}
}

func TestLoadGazetteerErrors(t *testing.T) {
	dir := t.TempDir()
	cases := []struct{ content, want string }{
		{"id\tkind\tname\tcountry\tqid\taliases\nx/y\tWIZARD\tX\t\t\t\n", "bad.tsv:2: actor x/y: unknown kind"},
		{"# c\niso3\tiso2\tname\taliases\tdemonyms\tcapital\tseats\tqid\nRU\tRU\tRussia\t\t\t\t\t\n", "bad.tsv:3: iso3 \"RU\""},
		{"pattern\ttype\tcameo\tflags\nscold\tSCOLD\t\t\n", "bad.tsv:2: pattern \"scold\": unknown type"},
		{"pattern\ttype\tcameo\tflags\nscold\tACCUSE\t190\t\n", "bad.tsv:2: pattern \"scold\": CAMEO code 190"},
		{"pattern\ttype\tcameo\tflags\nscold\tACCUSE\t\tloud\n", "bad.tsv:2: pattern \"scold\": unknown flag"},
		{"who\twhat\n", "bad.tsv:1: unknown header"},
		{"id\tkind\tname\tcountry\tqid\taliases\na\tIGO\tA\t\t\t\textra\n", "bad.tsv:2: 7 columns"},
		{"id\tkind\tname\tcountry\tqid\taliases\na\tIGO\tA\tXX\t\t\n", "bad.tsv:2: actor a: country \"XX\""},
	}
	for _, c := range cases {
		path := filepath.Join(dir, "bad.tsv")
		os.WriteFile(path, []byte(c.content), 0o644)
		_, err := LoadGazetteer(path)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want it to contain %q", c.content, err, c.want)
		}
	}
	if _, err := LoadGazetteer(filepath.Join(dir, "missing.tsv")); err == nil || !strings.Contains(err.Error(), "missing.tsv") {
		t.Errorf("missing file: %v", err)
	}
}

func TestVerbForms(t *testing.T) {
	cases := map[string][]string{
		"strike":  {"strike", "struck", "stricken", "strikes", "striking"},
		"ban":     {"ban", "bans", "banned", "banning"},
		"expel":   {"expelled", "expelling"},
		"urge":    {"urges", "urged", "urging"},
		"accuse":  {"accused"},
		"deny":    {"denies", "denied", "denying"},
		"visit":   {"visited", "visiting"},
		"meet":    {"met"},
		"fight":   {"fought"},
		"arm":     {"armed"},
		"finance": {"financed", "financing"},
	}
	for lemma, want := range cases {
		forms := map[string]bool{}
		for _, f := range verbForms(lemma) {
			forms[f] = true
		}
		for _, w := range want {
			if !forms[w] {
				t.Errorf("verbForms(%q) lacks %q: %v", lemma, w, verbForms(lemma))
			}
		}
	}
}

// TestLexicon checks that every PLOVER type has patterns in the built-in lexicon.
func TestLexicon(t *testing.T) {
	g := testGazetteer(t)
	have := map[graph.RelationType]int{}
	for _, e := range g.lexicon.entries {
		have[e.typ]++
	}
	for _, info := range graph.Types {
		if info.Type != graph.Affiliation && have[info.Type] == 0 {
			t.Errorf("no pattern for %s", info.Type)
		}
	}
}
