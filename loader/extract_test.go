package loader

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/loader/events"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// testGazetteer loads the built-in gazetteer once for the package's tests.
var testGazetteer = func() func(t testing.TB) *Gazetteer {
	var g *Gazetteer
	var err error
	loaded := false
	return func(t testing.TB) *Gazetteer {
		t.Helper()
		if !loaded {
			g, err = LoadGazetteer()
			loaded = true
		}
		if err != nil {
			t.Fatalf("LoadGazetteer: %v", err)
		}
		return g
	}
}()

// readFrameText reads a testdata text: an optional "# published: TIME" first line, then the
// article text.
func readFrameText(t *testing.T, path string) Document {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	doc := Document{ID: strings.TrimSuffix(filepath.Base(path), ".txt")}
	if strings.HasPrefix(text, "# published: ") {
		line, rest, _ := strings.Cut(text, "\n")
		ts, err := time.Parse(time.RFC3339, strings.TrimPrefix(line, "# published: "))
		if err != nil {
			t.Fatalf("%s:1: %v", path, err)
		}
		doc.Published, text = ts, rest
	}
	doc.Text = text
	return doc
}

// renderClaims renders an extraction as a readable, stable table for golden files.
func renderClaims(x graph.Extraction) string {
	var b strings.Builder
	names := map[string]graph.Actor{}
	for _, a := range x.Actors {
		names[a.ID] = a
	}
	for _, c := range x.Claims {
		neg := ""
		if c.Negated {
			neg = " NEGATED"
		}
		role := ""
		if c.Role != "" {
			role = fmt.Sprintf(" role=%q", c.Role)
		}
		fmt.Fprintf(&b, "%s -%s/%s-> %s  %s%s%s conf=%.2f pred=%q src=%q tgt=%q at=%d-%d time=%s\n",
			c.Source, c.Type, c.CAMEO, c.Target, c.Modality, neg, role, c.Confidence, c.Predicate,
			c.SourceText, c.TargetText, c.Start, c.End, c.Time.Format("2006-01-02"))
	}
	b.WriteString("actors:\n")
	for _, a := range x.Actors {
		fmt.Fprintf(&b, "  %s %s %q country=%s\n", a.ID, a.Kind, a.Name, a.Country)
	}
	return b.String()
}

// TestGolden extracts each testdata/frames/*.txt and compares with its .golden file; run
// `go test ./loader -update` to rewrite them after a reviewed change.
func TestGolden(t *testing.T) {
	g := testGazetteer(t)
	ex := NewRuleExtractor(g)
	files, err := filepath.Glob("testdata/frames/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata/frames/*.txt: %v", err)
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			doc := readFrameText(t, path)
			x, err := ex.Extract(context.Background(), doc)
			if err != nil {
				t.Fatal(err)
			}
			checkOffsets(t, doc, x)
			got := renderClaims(x)
			golden := strings.TrimSuffix(path, ".txt") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./loader -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s; run with -update after review.\n--- got\n%s--- want\n%s", path, golden, got, want)
			}
		})
	}
}

// checkOffsets asserts that each claim's sentence is found at its code point offsets.
func checkOffsets(t *testing.T, doc Document, x graph.Extraction) {
	t.Helper()
	runes := []rune(doc.Text)
	for _, c := range x.Claims {
		if c.Start < 0 || c.End > len(runes) || c.Start >= c.End {
			t.Errorf("claim %s %s %s: offsets %d-%d outside the text", c.Source, c.Type, c.Target, c.Start, c.End)
			continue
		}
		if got := string(runes[c.Start:c.End]); got != c.Sentence {
			t.Errorf("claim %s %s %s: text at %d-%d is %q, sentence is %q", c.Source, c.Type, c.Target, c.Start, c.End, got, c.Sentence)
		}
		if c.Extractor != RulesName || c.ExtractorVers != RulesVersion || c.ArticleID != doc.ID {
			t.Errorf("claim %s %s %s: provenance %q %q %q", c.Source, c.Type, c.Target, c.Extractor, c.ExtractorVers, c.ArticleID)
		}
		if !c.Type.Valid() || (c.Type != graph.Affiliation && c.CAMEO == "") {
			t.Errorf("claim %s %s %s: type %q cameo %q", c.Source, c.Type, c.Target, c.Type, c.CAMEO)
		}
	}
}

// triple is what the frame tests look for.
type triple struct {
	source string
	typ    graph.RelationType
	target string
}

func extractTriples(t *testing.T, text string) (map[triple]graph.Claim, graph.Extraction) {
	t.Helper()
	x, err := NewRuleExtractor(testGazetteer(t)).Extract(context.Background(), Document{ID: "t", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	out := map[triple]graph.Claim{}
	for _, c := range x.Claims {
		out[triple{c.Source, c.Type, c.Target}] = c
	}
	return out, x
}

func TestFrames(t *testing.T) {
	cases := []struct {
		name    string
		text    string
		want    []triple
		notWant []triple
	}{
		{"active", "Iran condemned Israel.", []triple{{"IRN", graph.Accuse, "ISR"}}, nil},
		{"passive", "The convoy of Sudan was attacked by Chadian troops.", []triple{{"TCD-MIL", graph.Assault, "SDN"}}, nil},
		{"passive-no-agent", "Ukraine was attacked.", nil, []triple{{"UKR", graph.Assault, "UKR"}}},
		{"nominal-after-adverbials", "The United States announced in Havana on Monday the lifting of sanctions on Cuba.", []triple{{"USA", graph.Concede, "CUB"}}, nil},
		{"nominal-after-time-before-verb", "Japan on Friday announced the easing of sanctions on Iran.", []triple{{"JPN", graph.Concede, "IRN"}}, nil},
		{"nominal-inside-phrase", "The minister blamed Hamas for the shelling of Israeli towns.", nil, []triple{{"armed/hamas", graph.Assault, "ISR"}}},
		{"name-calling", "Pyongyang branded Japan a warmonger on Tuesday.", []triple{{"PRK-GOV", graph.Accuse, "JPN"}}, nil},
		{"name-calling-noun", "North Korea called Japan a menace to peace.", []triple{{"PRK", graph.Accuse, "JPN"}}, nil},
		{"calling-no-insult", "Egypt called Qatar a partner in the talks.", nil, []triple{{"EGY", graph.Accuse, "QAT"}}},
		{"ease-against", "Britain eased sanctions against Myanmar.", []triple{{"GBR", graph.Concede, "MMR"}}, nil},
		{"city-target", "Hezbollah fired rockets at Haifa on Sunday.", []triple{{"armed/hezbollah", graph.Assault, "ISR"}}, nil},
		{"city-target-passive", "Mosul was shelled by Turkish artillery.", []triple{{"TUR-MIL", graph.Assault, "IRQ"}}, nil},
		{"city-is-no-party", "Armenian and Azerbaijani envoys met in Geneva on Monday. The two sides agreed to continue talks.",
			[]triple{{"ARM", graph.Agree, "AZE"}}, []triple{{"CHE", graph.Agree, "ARM"}, {"ARM", graph.Agree, "CHE"}}},
		{"own-region", "Moscow rejected calls to recognise the independence of Dagestan.", nil, []triple{{"RUS-GOV", graph.Agree, "RUS"}}},
		{"possessive-of-reporter", "Georgia said Russian troops shelled its border posts overnight.", []triple{{"RUS-MIL", graph.Assault, "GEO"}}, nil},
		{"possessive-without-speaker", "Britain imposed sanctions on Iran on Friday, targeting its oil exports.", []triple{{"GBR", graph.Sanction, "IRN"}}, []triple{{"GBR", graph.Assault, "IRN"}}},
		{"possessive-of-subject", "Armenian troops shelled its own border posts overnight.", nil, []triple{{"ARM-MIL", graph.Assault, "ARM"}}},
		{"attack-on-reporter", "Iran fired 30 drones overnight, Israel's military said.", []triple{{"IRN", graph.Assault, "ISR"}}, nil},
		{"attack-elsewhere", "Iran fired 30 drones into the Gulf, Israel's military said.", nil, []triple{{"IRN", graph.Assault, "ISR"}}},
		{"named-attack-on-reporter", "Jordan said two guards were hurt in drone strikes launched by Syrian militias on Friday.", []triple{{"SYR-REB", graph.Assault, "JOR"}}, nil},
		{"named-attack-elsewhere", "Turkish air strikes hit positions in Syria, Iraq said.", nil, []triple{{"TUR", graph.Assault, "IRQ"}}},
		{"attack-by-reporter", "Israel's military said it fired 30 drones overnight.", nil, []triple{{"ISR-MIL", graph.Assault, "ISR"}}},
		{"anti-government-protest", "Thousands joined anti-government street protests in Yerevan on Friday.", []triple{{"ARM-CIV", graph.Protest, "ARM-GOV"}}, nil},
		{"anti-state-protest", "Hundreds of anti-French demonstrators gathered outside the French embassy in Bamako.", []triple{{"MLI-CIV", graph.Protest, "FRA"}}, []triple{{"FRA-CIV", graph.Protest, "FRA"}}},
		{"anti-cause-protest", "An anti-corruption march drew thousands in Bucharest.", nil, []triple{{"ROU-CIV", graph.Protest, "ROU-GOV"}}},
		{"mutual-compound", "Israel and Jordan agreed to share water.", []triple{{"ISR", graph.Agree, "JOR"}, {"JOR", graph.Agree, "ISR"}}, nil},
		{"list-source", "Egypt, Qatar and the United States urged Hamas to free the hostages.",
			[]triple{{"EGY", graph.Request, "armed/hamas"}, {"QAT", graph.Request, "armed/hamas"}, {"USA", graph.Request, "armed/hamas"}}, nil},
		{"list-target", "Canada sanctioned Iran, Syria and North Korea.",
			[]triple{{"CAN", graph.Sanction, "IRN"}, {"CAN", graph.Sanction, "SYR"}, {"CAN", graph.Sanction, "PRK"}}, nil},
		{"possessive-nominal", "Russia's invasion of Ukraine continued.", []triple{{"RUS", graph.Assault, "UKR"}}, nil},
		{"by-nominal", "The invasion of Kuwait by Iraq shocked the region.", []triple{{"IRQ", graph.Assault, "KWT"}}, nil},
		{"backed", "Iran-backed Houthis attacked a ship.", []triple{{"IRN", graph.Support, "armed/houthis"}}, nil},
		{"urge-to", "Ukraine urges Canada to donate rockets.", []triple{{"UKR", graph.Request, "CAN"}}, nil},
		{"warn", "Japan warned China.", []triple{{"JPN", graph.Threaten, "CHN"}}, nil},
		{"reported-speech", "Blinken said Washington will not abandon Taiwan.", []triple{{"USA-GOV", graph.Support, "TWN"}}, nil},
		{"modal-request", "Egyptian President Abdel Fattah al-Sisi said Israel must withdraw.", []triple{{"EGY-GOV", graph.Request, "ISR"}}, []triple{{"ISR", graph.Retreat, "ISR"}}},
		{"alliance", "NATO met in Brussels. Russia criticized the alliance.", []triple{{"RUS", graph.Accuse, "igo/nato"}}, nil},
		{"two-countries", "China and Russia held drills. The two countries criticized Japan.", []triple{{"CHN", graph.Accuse, "JPN"}, {"RUS", graph.Accuse, "JPN"}}, nil},
		{"pronoun", "Germany sent tanks. It also urged Austria to help.", []triple{{"DEU", graph.Request, "AUT"}}, nil},
		{"military", "Russian troops shelled Ukrainian towns.", []triple{{"RUS-MIL", graph.Assault, "UKR-CIV"}}, nil},
		{"seat", "The Kremlin accused Washington of meddling.", []triple{{"RUS-GOV", graph.Accuse, "USA-GOV"}}, nil},
		{"coordinated-sector", "Hungarian and Romanian officials agreed to reopen the border.", []triple{{"HUN-GOV", graph.Agree, "ROU-GOV"}, {"ROU-GOV", graph.Agree, "HUN-GOV"}}, nil},
		{"control", "Syria threatened to shell Turkish villages.", []triple{{"SYR", graph.Threaten, "TUR-CIV"}}, []triple{{"SYR", graph.Assault, "TUR-CIV"}}},
		{"intent", "India will provide aid to Nepal.", []triple{{"IND", graph.Agree, "NPL"}}, nil},
		{"threat-unless", "Chad will withdraw its troops from Niger unless the junta frees the detainees.", []triple{{"TCD", graph.Threaten, "NER"}}, nil},
		{"unknown-name-in-gap", "Germany delivered another Patriot battery to Ukraine.", []triple{{"DEU", graph.Aid, "UKR"}}, nil},
		{"money-in-gap", "Japan provided $4.5 billion in aid to Ukraine.", []triple{{"JPN", graph.Aid, "UKR"}}, nil},
		{"reject-proposal-to", "Hungary rejected a proposal to fund weapons for Ukraine.", []triple{{"HUN", graph.Reject, "UKR"}}, []triple{{"HUN", graph.Aid, "UKR"}}},
		{"noun-after-name", "The United States and Britain struck Houthi targets in Yemen.",
			[]triple{{"USA", graph.Assault, "armed/houthis"}, {"GBR", graph.Assault, "armed/houthis"}}, []triple{{"armed/houthis", graph.Assault, "YEM"}}},
		{"alongside-is-no-target", "Russia's Wagner Group has deployed fighters to Mali, where they fought alongside the army against jihadist groups.",
			[]triple{{"armed/wagner", graph.Mobilize, "MLI"}}, []triple{{"armed/wagner", graph.Assault, "MLI-MIL"}, {"MLI-MIL", graph.Assault, "armed/wagner"}}},
		{"border-with", "Russia massed troops near its border with Ukraine.", []triple{{"RUS", graph.Mobilize, "UKR"}}, nil},
		{"security-council", "The Security Council condemned Israel.", []triple{{"igo/unsc", graph.Accuse, "ISR"}}, nil},
		{"national-security-council", "The Russian Security Council condemned Ukraine.", []triple{{"RUS-GOV", graph.Accuse, "UKR"}}, []triple{{"igo/unsc", graph.Accuse, "UKR"}}},
		{"igo-role", "NATO and the European Union met in Brussels. Secretary-General Mark Rutte praised Estonia.",
			[]triple{{"person/mark-rutte", graph.Affiliation, "igo/nato"}}, []triple{{"person/mark-rutte", graph.Affiliation, "igo/eu"}}},
		{"military-adjective", "France and Italy condemned the military coup in Niger.", []triple{{"FRA", graph.Accuse, "NER"}}, []triple{{"FRA", graph.Accuse, "ITA-MIL"}}},
		{"failed-to", "Serbia and Kosovo held talks but failed to agree on a plan.", []triple{{"SRB", graph.Consult, "XKX"}}, nil},
		{"relative-clause-before-verb", "Hamas, which Washington calls a terrorist group, accused Israel of stalling.",
			[]triple{{"armed/hamas", graph.Accuse, "ISR"}}, []triple{{"USA-GOV", graph.Accuse, "ISR"}}},
		{"apposition-before-verb", "Egypt, a longtime mediator between the two sides, condemned Israel.", []triple{{"EGY", graph.Accuse, "ISR"}}, nil},
		{"person-without-role", "Zelenskyy thanked Canada for its help.", []triple{{"UKR-GOV", graph.Support, "CAN"}}, nil},
		{"person-with-honorific", "Mr Macron criticised Russia.", []triple{{"FRA-GOV", graph.Accuse, "RUS"}}, nil},
		{"derived-verb-object", "Japan gave vaccines to Laos.", []triple{{"JPN", graph.Aid, "LAO"}}, nil},
		{"derived-ditransitive", "Japan gave Laos vaccines.", []triple{{"JPN", graph.Aid, "LAO"}}, nil},
		{"sanctions-targeting", "Brussels adopted new sanctions targeting Iranian banks.", []triple{{"igo/eu", graph.Sanction, "IRN"}}, []triple{{"igo/eu", graph.Assault, "IRN"}}},
		{"restrictions-on-demonym-group", "Canada will impose restrictions on several Iranian firms.", []triple{{"CAN", graph.Sanction, "IRN"}}, nil},
		{"pledged-talks-one-way", "Washington is still ready to hold talks with Tehran.",
			[]triple{{"USA-GOV", graph.Agree, "IRN-GOV"}}, []triple{{"IRN-GOV", graph.Agree, "USA-GOV"}, {"USA-GOV", graph.Consult, "IRN-GOV"}}},
		{"pledge-before-nominal", "Moscow says it is willing to continue negotiations with Kyiv.", []triple{{"RUS-GOV", graph.Agree, "UKR-GOV"}}, nil},
		{"release-prisoners", "Israel released 90 Palestinian prisoners.", []triple{{"ISR", graph.Retreat, "PSE-CIV"}}, nil},
		{"hand-over-hostages", "Hamas handed over three Israeli hostages to the Red Cross.", []triple{{"armed/hamas", graph.Retreat, "ISR-CIV"}}, nil},
		{"summon-envoy", "Japan summoned the Chinese ambassador on Monday.", []triple{{"JPN", graph.Accuse, "CHN-GOV"}}, nil},
		{"adjective-is-no-derived-verb", "Washington is ready to help Tehran.", nil, []triple{{"USA-GOV", graph.Threaten, "IRN-GOV"}, {"USA-GOV", graph.Mobilize, "IRN-GOV"}}},
		{"weapon-subject", "Turkish drone and artillery strikes targeted Syria on Sunday.", []triple{{"TUR", graph.Assault, "SYR"}}, nil},
		{"domestic-police", "Kenyan lawmakers passed the bill. Police fired tear gas at protesters.", []triple{{"KEN-GOV", graph.Assault, "KEN-CIV"}}, nil},
		{"police-tear-gas-and-participle", "Serbian police used tear gas against demonstrators, detaining seven students.",
			[]triple{{"SRB-GOV", graph.Assault, "SRB-CIV"}, {"SRB-GOV", graph.Coerce, "SRB-CIV"}}, nil},
		{"based-group", "Kenya blamed Somalia-based militants for the bombing.", []triple{{"KEN", graph.Accuse, "SOM-REB"}}, nil},
		{"operations-against", "The talks stalled after new Sudanese army operations against the RSF.", []triple{{"SDN-MIL", graph.Assault, "armed/rsf"}}, nil},
		{"withdrawal-from-organisation", "Mali, Burkina Faso and Niger have announced their withdrawal from ECOWAS.",
			[]triple{{"MLI", graph.Sanction, "igo/ecowas"}, {"BFA", graph.Sanction, "igo/ecowas"}, {"NER", graph.Sanction, "igo/ecowas"}}, nil},
		{"speech-verb-gerund", "Turkey confirmed bombing PKK positions in Iraq.", []triple{{"TUR", graph.Assault, "armed/pkk"}}, []triple{{"TUR", graph.Assault, "IRQ"}}},
		{"what-it-called", "Ghana denounced what it described as a reckless Togolese raid.", []triple{{"GHA", graph.Accuse, "TGO"}}, nil},
		{"expel-by-asking-to-leave", "Mali's junta asked the Danish ambassador to leave the country.", []triple{{"MLI-GOV", graph.Sanction, "DNK-GOV"}}, []triple{{"MLI-GOV", graph.Request, "DNK-GOV"}}},
		{"accusation-content-is-no-act", "Seoul accused Moscow of preparing to ship rockets to Syria.",
			[]triple{{"KOR-GOV", graph.Accuse, "RUS-GOV"}}, []triple{{"RUS-GOV", graph.Mobilize, "SYR"}, {"RUS-GOV", graph.Aid, "SYR"}}},
		{"agree-to-do-is-one-way", "Norway agreed to give Sudan more time.", []triple{{"NOR", graph.Agree, "SDN"}}, []triple{{"SDN", graph.Agree, "NOR"}}},
		{"offer-from", "The rebels turned down a truce offer from Colombia.", []triple{{"COL", graph.Agree, "COL-REB"}}, nil},
		{"visit-by-travel", "A Greek delegation travelled to Cyprus for talks.", []triple{{"GRC-GOV", graph.Consult, "CYP"}}, nil},
		{"drills-around", "Russia began naval drills near Japan on Friday.", []triple{{"RUS", graph.Mobilize, "JPN"}}, nil},
		{"frustration-with", "Macron expressed frustration with Italy.", []triple{{"FRA-GOV", graph.Accuse, "ITA"}}, nil},
		{"participle-agent-after-comma", "Trade fell after sanctions against Brazil, imposed by Argentina.", []triple{{"ARG", graph.Sanction, "BRA"}}, nil},
		{"role-without-state", "President Emmanuel Macron criticised Algeria.", []triple{{"FRA-GOV", graph.Accuse, "DZA"}}, nil},
		{"place-after-across-is-no-target", "Students occupied campuses across Chile.", nil, []triple{{"CHL-CIV", graph.Assault, "CHL"}}},
		{"apposition-target-of-noun", "Chad announced its withdrawal from the regional body, the African Union.", []triple{{"TCD", graph.Sanction, "igo/au"}}, nil},
		{"engage-in-talks", "Paris says it would now engage in talks with Algiers.", []triple{{"FRA-GOV", graph.Agree, "DZA-GOV"}}, nil},
		{"quoted-noun-phrase", "Iran said it launched a \"massive drone attack targeting the Saudi oil fields\".", []triple{{"IRN", graph.Assault, "SAU"}}, nil},
		{"what-it-called-quoted", "Accra denounced what officials called a “reckless Togolese raid”.", []triple{{"GHA-GOV", graph.Accuse, "TGO"}}, nil},
		{"verb-in-s-after-name", "Manila opposes new tariffs on Vietnam.", nil, []triple{{"PHL-GOV", graph.Sanction, "VNM"}}},
		{"noun-target-not-past-a-verb", "Houthi raids on shipping angered Egypt.", nil, []triple{{"armed/houthis", graph.Assault, "EGY"}}},
		{"surname-of-long-serving-leader", "The German government welcomed President Reagan's statement.", []triple{{"DEU-GOV", graph.Support, "USA-GOV"}}, nil},
		{"protesters-demand-is-protest", "Chilean demonstrators demanded the resignation of the Chilean interior minister.", []triple{{"CHL-CIV", graph.Protest, "CHL-GOV"}}, []triple{{"CHL-CIV", graph.Request, "CHL-GOV"}}},
		{"participle-after-object", "Bolivian police fired tear gas at students demanding the release of jailed activists.",
			[]triple{{"BOL-GOV", graph.Assault, "BOL-CIV"}}, nil},
		{"call-in-envoy", "Lithuania called in the Belarusian ambassador on Friday.", []triple{{"LTU", graph.Accuse, "BLR-GOV"}}, nil},
		{"demand-of-protesting-subject", "Students staged mass demonstrations to demand reforms from the Peruvian government.",
			[]triple{{"PER-CIV", graph.Protest, "PER-GOV"}}, nil},
		{"event-noun-in-circumstance", "Nepalese youths threw stones during demonstrations against the Indian embassy.",
			[]triple{{"NPL-CIV", graph.Protest, "IND-GOV"}}, nil},
		{"government-of-a-charge", "Peru was tense. Students accused the government of fraud.", []triple{{"PER-CIV", graph.Accuse, "PER-GOV"}}, nil},
		{"reduced-relative-is-no-agent", "Turkish soldiers killed in the clashes were buried in Ankara.", nil,
			[]triple{{"TUR-MIL", graph.Assault, "TUR-GOV"}, {"TUR-MIL", graph.Assault, "TUR"}}},
		{"reported-speech-inner-clause", "Georgia said Russian troops attacked Georgian villages.",
			[]triple{{"RUS-MIL", graph.Assault, "GEO-CIV"}}, []triple{{"GEO", graph.Assault, "GEO-CIV"}}},
		{"noun-is-never-a-verb", "The attacks worried Japan.", nil, []triple{{"JPN", graph.Assault, "JPN"}}},
		{"every-pair-of-coordinated-lists", "Canada, France and Germany condemned Iran and Syria.",
			[]triple{{"CAN", graph.Accuse, "IRN"}, {"CAN", graph.Accuse, "SYR"}, {"FRA", graph.Accuse, "IRN"},
				{"FRA", graph.Accuse, "SYR"}, {"DEU", graph.Accuse, "IRN"}, {"DEU", graph.Accuse, "SYR"}}, nil},
		{"noun-entry-after-verb-rejected", "Colombia's government resumed talks with ELN rebels.", []triple{{"COL-GOV", graph.Consult, "armed/eln"}}, nil},
		{"state-not-on-own-government", "Sanctions on Syria were lifted ahead of a meeting with the Syrian government.", nil, []triple{{"SYR", graph.Consult, "SYR-GOV"}}},
		{"ban-imports", "Moscow banned imports of Georgian wine.", []triple{{"RUS-GOV", graph.Sanction, "GEO"}}, nil},
		{"fire-toward", "North Korea fired two missiles toward Japan.", []triple{{"PRK", graph.Assault, "JPN"}}, nil},
		{"capital-gives-the-passage-state", "Thousands of Georgians rallied in Tbilisi to protest against the government.",
			[]triple{{"GEO-CIV", graph.Protest, "GEO-GOV"}}, nil},
		{"the-two-sides", "Greek and Turkish officials met in Ankara. Both sides then agreed to swap prisoners.",
			[]triple{{"GRC", graph.Agree, "TUR"}, {"TUR", graph.Agree, "GRC"}}, nil},
		{"demolish", "Israeli bulldozers demolished Palestinian homes.", []triple{{"ISR", graph.Assault, "PSE"}}, nil},
		{"hack-into", "Chinese hackers hacked into Taiwanese ministry servers.", []triple{{"CHN", graph.Assault, "TWN-GOV"}}, nil},
		{"hand-over-weapons", "Denmark handed over more jets to Ukraine.", []triple{{"DNK", graph.Aid, "UKR"}}, nil},
		{"attend-summit", "Orban will attend the summit in Beijing next week.", []triple{{"HUN-GOV", graph.Agree, "CHN-GOV"}}, nil},
		{"refusal-is-rejection", "Iran said it would not negotiate with Washington.", []triple{{"IRN", graph.Reject, "USA-GOV"}}, nil},
		{"failure-is-no-rejection", "Chile and Peru failed to agree on the border.", nil, []triple{{"CHL", graph.Reject, "PER"}, {"PER", graph.Reject, "CHL"}}},
		{"lifting-of-sanctions", "Washington announced the lifting of sanctions on Belarus.",
			[]triple{{"USA-GOV", graph.Concede, "BLR"}}, []triple{{"USA-GOV", graph.Sanction, "BLR"}}},
		{"escalate-attacks", "Al-Shabaab escalated their rocket attacks against Kenyan and Somali bases.",
			[]triple{{"armed/al-shabaab", graph.Assault, "KEN"}, {"armed/al-shabaab", graph.Assault, "SOM"}}, nil},
		{"talks-between", "Talks between Serbia and Kosovo resumed in Brussels.", []triple{{"SRB", graph.Consult, "XKX"}, {"XKX", graph.Consult, "SRB"}}, nil},
		{"retaliate-pledged", "Pakistan vowed to retaliate against India.", []triple{{"PAK", graph.Threaten, "IND"}}, []triple{{"PAK", graph.Assault, "IND"}}},
		{"freeze-assets", "Canada froze the assets of Iranian officials.", []triple{{"CAN", graph.Sanction, "IRN-GOV"}}, nil},
		{"trade-accusations", "Egypt and Ethiopia traded accusations over the dam.", []triple{{"EGY", graph.Accuse, "ETH"}, {"ETH", graph.Accuse, "EGY"}}, nil},
		{"purpose-clause", "Nigeria shared intelligence with Chad to fight Boko Haram.", nil, []triple{{"TCD", graph.Assault, "armed/boko-haram"}}},
		// Constructions read from the dependency tree (loader/events: verbal.go, nominal.go,
		// scope.go). Each is common in news; the sentences are written for these tests.
		{"tree-obl-own-preposition", "Poland imposed tariffs on Belarusian grain.", []triple{{"POL", graph.Sanction, "BLR"}}, nil},
		{"tree-object-control-at-distance", "The Arab League urged Israel on Sunday to withdraw its forces from Lebanon.",
			[]triple{{"igo/arab-league", graph.Request, "ISR"}}, []triple{{"ISR", graph.Retreat, "LBN"}}},
		{"tree-reported-clause-with-auxiliary", "Colombia said Venezuelan soldiers had shelled Colombian border posts.",
			[]triple{{"VEN-MIL", graph.Assault, "COL"}}, []triple{{"COL", graph.Assault, "COL"}}},
		{"tree-speech-verb-no-claim", "Pakistan said Indian jets bombed Pakistani villages.",
			[]triple{{"IND-MIL", graph.Assault, "PAK-CIV"}}, []triple{{"PAK", graph.Assault, "PAK-CIV"}}},
		{"tree-relative-clause-subject", "Nigeria condemned the Boko Haram fighters who attacked Cameroonian villages on Friday.",
			[]triple{{"NGA", graph.Accuse, "armed/boko-haram"}, {"armed/boko-haram", graph.Assault, "CMR-CIV"}}, []triple{{"NGA", graph.Assault, "CMR-CIV"}}},
		{"tree-relative-clause-between-subject-and-verb", "Greece and Cyprus, which signed a defence pact last year, condemned Turkey.",
			[]triple{{"GRC", graph.Accuse, "TUR"}, {"CYP", graph.Accuse, "TUR"}}, nil},
		{"tree-coordinated-verbs-share-subject", "Hungary and Slovakia signed a gas deal and criticised Ukraine.",
			[]triple{{"HUN", graph.Accuse, "UKR"}, {"SVK", graph.Accuse, "UKR"}}, nil},
		{"tree-list-of-subjects", "The United States, Britain and France recognised Kosovo.",
			[]triple{{"USA", graph.Support, "XKX"}, {"GBR", graph.Support, "XKX"}, {"FRA", graph.Support, "XKX"}}, nil},
		{"tree-apposition-names-the-subject", "The regional bloc, the African Union, condemned Niger.", []triple{{"igo/au", graph.Accuse, "NER"}}, nil},
		{"tree-apposition-before-possessor", "Kenya's neighbour, Uganda, criticised Somalia.", []triple{{"UGA", graph.Accuse, "SOM"}}, []triple{{"KEN", graph.Accuse, "SOM"}}},
		{"tree-whose-clause", "Belarus, whose soldiers attacked Lithuanian border guards, denied any wrongdoing.", []triple{{"BLR", graph.Assault, "LTU"}}, nil},
		{"tree-nominal-by-then-on", "The attack by Azerbaijan on Armenian positions drew criticism.", []triple{{"AZE", graph.Assault, "ARM"}}, nil},
		{"tree-nominal-relative-clause-agent", "The strikes that Israel carried out on Syrian air defences angered Damascus.",
			[]triple{{"ISR", graph.Assault, "SYR"}}, []triple{{"SYR-GOV", graph.Assault, "SYR"}}},
		{"tree-nominal-possessive-with-modifier", "Russia's repeated attacks on Ukrainian power plants drew condemnation.", []triple{{"RUS", graph.Assault, "UKR"}}, nil},
		{"tree-stance-on-event-is-not-its-agent", "Ghana condemned the airstrikes on Togolese villages that Burkina Faso carried out last week.",
			[]triple{{"GHA", graph.Accuse, "TGO-CIV"}}, []triple{{"GHA", graph.Assault, "TGO-CIV"}}},
		{"tree-end-of-an-act", "Sudan called for an end to the shelling of Khartoum by the RSF.", nil, []triple{{"armed/rsf", graph.Assault, "SDN"}}},
		{"tree-demand-of-an-act", "Kenya demanded the release of Ugandan prisoners.", []triple{{"KEN", graph.Request, "UGA-CIV"}}, []triple{{"KEN", graph.Retreat, "UGA-CIV"}}},
		{"tree-planned-act", "Greece presented a plan to supply tanks to Cyprus.", nil, []triple{{"GRC", graph.Aid, "CYP"}, {"GRC", graph.Agree, "CYP"}}},
		{"tree-act-under-failure", "Chile and Peru failed to agree on a plan to normalise relations.", nil, []triple{{"CHL", graph.Support, "PER"}, {"PER", graph.Support, "CHL"}}},
		{"tree-stopped-act", "Tunisia stopped its attacks on Libyan smugglers.", nil, []triple{{"TUN", graph.Assault, "LBY"}, {"TUN", graph.Assault, "LBY-CIV"}}},
		{"tree-protesters-say-must", "Serbian students staged rallies in Belgrade, saying the government must resign.",
			[]triple{{"SRB-CIV", graph.Protest, "SRB-GOV"}}, []triple{{"SRB-CIV", graph.Request, "SRB-GOV"}}},
		{"tree-preposition-read-as-verb", "Jordan recalled its ambassador following the bombing of Syrian villages.", nil, []triple{{"JOR", graph.Assault, "SYR-CIV"}, {"JOR", graph.Assault, "SYR"}}},
		{"tree-list-with-unknown-first-member", "Israeli strikes on the Natanz, Isfahan and Arak sites drew condemnation.", []triple{{"ISR", graph.Assault, "IRN"}}, nil},
		{"tree-threatened-act", "North Korea threatened a military strike on South Korea.",
			[]triple{{"PRK", graph.Threaten, "KOR"}}, []triple{{"PRK", graph.Assault, "KOR"}}},
		{"tree-whether-clause", "It remained unclear whether Indian and Pakistani leaders would meet in Almaty.", nil,
			[]triple{{"IND-GOV", graph.Consult, "PAK-GOV"}, {"IND-GOV", graph.Agree, "PAK-GOV"}, {"PAK-GOV", graph.Agree, "IND-GOV"}}},
		{"tree-lifted-sanctions-apart", "Canada lifted Trump-era trade sanctions against Libya.",
			[]triple{{"CAN", graph.Concede, "LBY"}}, []triple{{"CAN", graph.Sanction, "LBY"}}},
		{"tree-suspended-cooperation", "Indonesia suspended its military cooperation with Australia.",
			[]triple{{"IDN", graph.Sanction, "AUS"}}, []triple{{"IDN", graph.Cooperate, "AUS"}}},
		{"tree-revoked-sanctions-by-agent", "British sanctions on Zimbabwe were revoked by London on Friday.",
			[]triple{{"GBR-GOV", graph.Concede, "ZWE"}}, []triple{{"GBR", graph.Sanction, "ZWE"}}},
		{"tree-if-clause", "If Serbia attacks Kosovo, NATO will respond.", nil, []triple{{"SRB", graph.Assault, "XKX"}}},
		{"tree-revoked-act", "Sanctions imposed on Syria by the European Union were lifted.", nil, []triple{{"igo/eu", graph.Sanction, "SYR"}}},
		{"tree-participle-as-adjective", "France sent armoured fighting vehicles to Ukraine.", []triple{{"FRA", graph.Aid, "UKR"}}, []triple{{"FRA", graph.Assault, "UKR"}}},
		{"tree-coordinated-modifiers-mutual-act-place-is-no-partner", "Chinese and Russian warships held joint drills in the Sea of Japan.",
			[]triple{{"CHN-MIL", graph.Cooperate, "RUS-MIL"}, {"RUS-MIL", graph.Cooperate, "CHN-MIL"}},
			[]triple{{"RUS-MIL", graph.Cooperate, "JPN"}, {"JPN", graph.Cooperate, "RUS-MIL"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, x := extractTriples(t, c.text)
			for _, w := range c.want {
				if _, ok := got[w]; !ok {
					t.Errorf("%q: want %v; got\n%s", c.text, w, renderClaims(x))
				}
			}
			for _, w := range c.notWant {
				if _, ok := got[w]; ok {
					t.Errorf("%q: do not want %v", c.text, w)
				}
			}
		})
	}
}

// TestFrameScope checks the scope the tree gives a claim: negation, possibility, a denial.
func TestFrameScope(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       triple
		negated    bool
		modality   graph.Modality
	}{
		{"negation", "Ethiopia did not attack Eritrea.", triple{"ETH", graph.Assault, "ERI"}, true, graph.Asserted},
		{"negation-in-reported-clause", "Belgian officials said Rwanda had not attacked Burundi.", triple{"RWA", graph.Assault, "BDI"}, true, graph.Asserted},
		{"denial", "Niger denied attacking Malian troops.", triple{"NER", graph.Assault, "MLI-MIL"}, true, graph.Asserted},
		{"denial-of-a-clause", "Algeria denied that its troops had shelled Moroccan positions.", triple{"DZA", graph.Assault, "MAR"}, true, graph.Asserted},
		{"no-before-noun", "There were no talks between Serbia and Kosovo.", triple{"SRB", graph.Consult, "XKX"}, true, graph.Asserted},
		{"modal-of-possibility", "Iran could attack Israeli ships.", triple{"IRN", graph.Assault, "ISR"}, false, graph.Hypothetical},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, x := extractTriples(t, c.text)
			cl, ok := got[c.want]
			if !ok {
				t.Fatalf("%q: want %v; got\n%s", c.text, c.want, renderClaims(x))
			}
			if cl.Negated != c.negated || cl.Modality != c.modality {
				t.Errorf("%q: %v negated=%v modality=%s, want negated=%v modality=%s", c.text, c.want, cl.Negated, cl.Modality, c.negated, c.modality)
			}
		})
	}
}

// A person named without a role resolves to the organ they served on the article's date.
func TestDatedPeople(t *testing.T) {
	g := testGazetteer(t)
	for _, c := range []struct {
		date string
		want string
	}{
		{"2010-03-01", "NOR-GOV"},  // prime minister of Norway
		{"2019-03-01", "igo/nato"}, // secretary-general
		{"", "NOR-GOV"},            // undated: the latest role
	} {
		doc := Document{ID: "d", Text: "Stoltenberg criticised Russia."}
		if c.date != "" {
			doc.Published, _ = time.Parse(time.DateOnly, c.date)
		}
		x, err := NewRuleExtractor(g).Extract(context.Background(), doc)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, cl := range x.Claims {
			if cl.Type == graph.Accuse && cl.Target == "RUS" {
				found = cl.Source == c.want
			}
		}
		if !found {
			t.Errorf("dated %q: want %s ACCUSE RUS; got\n%s", c.date, c.want, renderClaims(x))
		}
	}
}

func TestFailedToIsNegated(t *testing.T) {
	got, x := extractTriples(t, "Serbia and Kosovo held talks but failed to agree on a plan.")
	if c, ok := got[triple{"SRB", graph.Agree, "XKX"}]; ok && !c.Negated {
		t.Errorf("\"failed to agree\" should be negated; got\n%s", renderClaims(x))
	}
}

func TestNegationAndModality(t *testing.T) {
	got, x := extractTriples(t, "Egypt did not attack Sudan. North Korea vowed to strike South Korea. Ethiopia may invade Eritrea.")
	if c, ok := got[triple{"EGY", graph.Assault, "SDN"}]; !ok || !c.Negated {
		t.Errorf("want a negated EGY ASSAULT SDN; got\n%s", renderClaims(x))
	}
	if c, ok := got[triple{"PRK", graph.Threaten, "KOR"}]; !ok || c.Modality != graph.Threatened {
		t.Errorf("want PRK THREATEN KOR, threatened; got\n%s", renderClaims(x))
	}
	if c, ok := got[triple{"ETH", graph.Assault, "ERI"}]; !ok || c.Modality != graph.Hypothetical {
		t.Errorf("want ETH ASSAULT ERI, hypothetical; got\n%s", renderClaims(x))
	}
}

func TestAffiliation(t *testing.T) {
	text := "U.S. National Security Advisor Jake Sullivan met NATO officials. Kofi Annan, the former secretary-general of the United Nations, criticized Israel. Sullivan later praised Poland."
	got, x := extractTriples(t, text)
	c, ok := got[triple{"person/jake-sullivan", graph.Affiliation, "USA-GOV"}]
	if !ok || c.Role != "National Security Advisor" {
		t.Errorf("want Sullivan AFFILIATION USA-GOV with his role; got\n%s", renderClaims(x))
	}
	if _, ok := got[triple{"person/kofi-annan", graph.Affiliation, "igo/un"}]; !ok {
		t.Errorf("want Annan AFFILIATION igo/un; got\n%s", renderClaims(x))
	}
	// a later bare surname resolves to the person, whose deeds are the government's
	if _, ok := got[triple{"USA-GOV", graph.Support, "POL"}]; !ok {
		t.Errorf("want USA-GOV SUPPORT POL from \"Sullivan later praised Poland\"; got\n%s", renderClaims(x))
	}
	for _, a := range x.Actors {
		if a.ID == "person/jake-sullivan" && (a.Kind != graph.KindPerson || a.Country != "USA") {
			t.Errorf("Sullivan: %+v", a)
		}
	}
}

func TestEmptyAndCancelled(t *testing.T) {
	ex := NewRuleExtractor(testGazetteer(t))
	x, err := ex.Extract(context.Background(), Document{Text: ""})
	if err != nil || len(x.Claims) != 0 || x.Article.ID == "" {
		t.Errorf("empty text: %v %+v", err, x)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ex.Extract(ctx, Document{Text: "Iran condemned Israel."}); err == nil {
		t.Error("a cancelled context should fail")
	}
	if ex.Name() != "rules" || ex.Version() != RulesVersion {
		t.Errorf("name %q version %q", ex.Name(), ex.Version())
	}
}

// sampleEvalDir is the shared evaluation data, outside the repository.
const sampleEvalDir = "../../shared/eval"

// goldEvent is an event of the shared gold format (see ../shared/eval/score.py).
type goldEvent struct {
	Source      string   `json:"source"`
	Target      string   `json:"target"`
	Code        string   `json:"code"`
	SourceNames []string `json:"source_names"`
	TargetNames []string `json:"target_names"`
	Core        *bool    `json:"core"`
	Why         string   `json:"why"`
}

var nonAlnum = regexp.MustCompile(`[^a-z0-9 ]`)

// The matching rules of score.py: names when the gold gives them, else the first three
// letters of the country (or IGO, NGO, IMG for kinds).
func normName(s string) string {
	return strings.TrimSpace(nonAlnum.ReplaceAllString(strings.ReplaceAll(strings.ToLower(s), "the ", " "), ""))
}

func actorCode(a ContractActor) string {
	if c := strings.ToUpper(a.Country); len(c) == 3 {
		return c
	}
	return map[string]string{"IGO": "IGO", "NGO": "NGO", "ARMED_GROUP": "IMG"}[strings.ToUpper(a.Kind)]
}

func actorMatches(code string, names []string, a ContractActor) bool {
	if len(names) > 0 {
		have := []string{normName(a.Name), normName(a.ID)}
		for _, x := range a.Aliases {
			have = append(have, normName(x))
		}
		for _, n := range have {
			for _, g := range names {
				g = normName(g)
				if n != "" && (n == g || len(g) > 3 && strings.Contains(n, g)) {
					return true
				}
			}
		}
		return false
	}
	if len(code) < 3 {
		return false
	}
	return actorCode(a) == strings.ToUpper(code[:3])
}

func typeMatches(code string, r ContractRelation) bool {
	for _, alt := range strings.Split(code, "|") {
		alt = strings.ToUpper(strings.TrimSpace(alt))
		if len(alt) >= 2 && alt[0] >= '0' && alt[0] <= '9' {
			if strings.HasPrefix(r.CAMEO, alt[:2]) {
				return true
			}
		} else if alt == r.Type {
			return true
		}
	}
	return false
}

func eventMatches(e goldEvent, r ContractRelation) bool {
	return typeMatches(e.Code, r) && actorMatches(e.Source, e.SourceNames, r.Source) && actorMatches(e.Target, e.TargetNames, r.Target)
}

// TestSampleArticle extracts the shared sample article and scores it as score.py --article
// does: every core relation found, and at least 90% of the distinct predicted triples right.
func TestSampleArticle(t *testing.T) {
	path := filepath.Join(sampleEvalDir, "sample-article.gold.jsonl")
	f, err := os.Open(path)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true and the shared evaluation data is missing: %v", err)
		}
		t.Skipf("shared evaluation data not found (%v); it lives outside the repository", err)
	}
	defer f.Close()
	ex := NewRuleExtractor(testGazetteer(t))
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var rec struct {
			ID     string      `json:"id"`
			Text   string      `json:"text"`
			Events []goldEvent `json:"events"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		x, err := ex.Extract(context.Background(), Document{ID: rec.ID, Text: rec.Text})
		if err != nil {
			t.Fatal(err)
		}
		cr, err := Contract(x)
		if err != nil {
			t.Fatal(err)
		}
		distinct := map[string]ContractRelation{}
		for _, r := range cr.Relations {
			if !r.Negated {
				distinct[r.Source.ID+"|"+r.Type+"|"+r.Target.ID] = r
			}
		}
		for _, e := range rec.Events {
			if e.Core != nil && !*e.Core {
				continue
			}
			found := false
			for _, r := range distinct {
				found = found || eventMatches(e, r)
			}
			if !found {
				t.Errorf("%s: core relation not found: %s %s %s (%s)", rec.ID, e.Source, e.Code, e.Target, e.Why)
			}
		}
		var wrong []string
		for key, r := range distinct {
			ok := false
			for _, e := range rec.Events {
				ok = ok || eventMatches(e, r)
			}
			if !ok {
				wrong = append(wrong, key)
			}
		}
		sort.Strings(wrong)
		if prec := 1 - float64(len(wrong))/float64(len(distinct)); len(distinct) == 0 || prec < 0.9 {
			t.Errorf("%s: precision %.2f < 0.90; unmatched: %v", rec.ID, prec, wrong)
		}
	}
}

// BenchmarkExtract measures extraction throughput over the repository's own texts: the
// sample articles and the golden-test texts, repeated to about 1 MB, with the hand frames
// alone and with the built-in claim model deciding.
func BenchmarkExtract(b *testing.B) {
	m, err := events.DefaultModel()
	if err != nil {
		b.Fatal(err)
	}
	b.Run("frames", func(b *testing.B) { benchmarkExtract(b, WithClaimModel(nil, events.Options{})) })
	b.Run("model", func(b *testing.B) { benchmarkExtract(b, WithClaimModel(m, events.Options{})) })
}

func benchmarkExtract(b *testing.B, opt RuleOption) {
	var texts []string
	for _, pattern := range []string{"samples/*.txt", "testdata/frames/*.txt"} {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			texts = append(texts, string(data))
		}
	}
	if data, err := os.ReadFile("samples/wire.jsonl"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			var a struct{ Text string }
			if json.Unmarshal([]byte(line), &a) == nil && a.Text != "" {
				texts = append(texts, a.Text)
			}
		}
	}
	if len(texts) == 0 {
		b.Fatal("no sample texts")
	}
	var docs []Document
	size := 0
	for size < 1<<20 {
		for _, t := range texts {
			docs = append(docs, Document{ID: fmt.Sprint(len(docs)), Text: t})
			size += len(t)
		}
	}
	g := testGazetteer(b)
	ex := NewRuleExtractor(g, opt)
	ctx := context.Background()
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			if _, err := ex.Extract(ctx, d); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// A run-on text without sentence breaks gives each claim a bounded window of evidence around
// its predicate, whose offsets still slice the evidence out of the text.
func TestRunOnTextEvidenceIsBounded(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 400; i++ {
		b.WriteString("officials spoke at length about trade and weather and ")
	}
	b.WriteString("Chile condemned Peru and ")
	for i := 0; i < 400; i++ {
		b.WriteString("officials spoke at length about trade and weather and ")
	}
	b.WriteString("ended.")
	text := b.String()
	x, err := NewRuleExtractor(testGazetteer(t)).Extract(context.Background(), Document{ID: "r", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	runes := []rune(text)
	found := false
	for _, c := range x.Claims {
		if c.Source == "CHL" && c.Type == graph.Accuse && c.Target == "PER" {
			found = true
		}
		if n := len([]rune(c.Sentence)); n > 2000 {
			t.Errorf("evidence of %d code points for a claim in a run-on text", n)
		}
		if string(runes[c.Start:c.End]) != c.Sentence {
			t.Errorf("offsets %d-%d do not slice the evidence out of the text", c.Start, c.End)
		}
		if !strings.Contains(c.Sentence, "condemned") {
			t.Errorf("the evidence window misses its predicate: %q", c.Sentence)
		}
	}
	if !found {
		t.Errorf("want CHL ACCUSE PER; got\n%s", renderClaims(x))
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

// TestModelAbstainsWhereNoPairHoldsTheActors checks the claim model's documented fallback: a
// claim the frames make between actors that no candidate pair of the sentence holds (here the
// state of the speaker who reports an attack: the speaker's mention is its military) stays as
// the frames made it, even with a model that keeps no claim on the frames' word alone; a claim
// between two mentions is the model's to decide.
func TestModelAbstainsWhereNoPairHoldsTheActors(t *testing.T) {
	m, err := events.DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	text := "Iran fired 30 drones overnight, Israel's military said."
	ex := NewRuleExtractor(testGazetteer(t), WithClaimModel(m, events.Options{MinProbability: 0.999, FrameFloor: 2}))
	x, err := ex.Extract(context.Background(), Document{ID: "t", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	var kept bool
	for _, c := range x.Claims {
		kept = kept || c.Source == "IRN" && c.Type == graph.Assault && c.Target == "ISR"
	}
	if !kept {
		t.Errorf("%q: the frames' IRN ASSAULT ISR, which no candidate pair holds, was dropped; got\n%s", text, renderClaims(x))
	}
	cands, err := Candidates(testGazetteer(t), Document{ID: "t", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cands {
		if c.Source == "IRN" && c.Target == "ISR" {
			t.Fatalf("a candidate pair holds IRN and ISR, so this sentence does not test the fallback")
		}
	}
}

// TestFillKeepsTheFramesAndSpeaksOnlyInTheirSilences checks the default extractor's decision:
// every claim of the hand frames alone is kept, and the claim model adds claims only in
// sentences where the frames claimed no event.
func TestFillKeepsTheFramesAndSpeaksOnlyInTheirSilences(t *testing.T) {
	g := testGazetteer(t)
	frames := NewRuleExtractor(g, WithClaimModel(nil, events.Options{}))
	def := NewRuleExtractor(g)
	files, _ := filepath.Glob("testdata/frames/*.txt")
	samples, _ := filepath.Glob("samples/*.txt")
	added := 0
	for _, path := range append(files, samples...) {
		doc := readFrameText(t, path)
		fx, err := frames.Extract(context.Background(), doc)
		if err != nil {
			t.Fatal(err)
		}
		dx, err := def.Extract(context.Background(), doc)
		if err != nil {
			t.Fatal(err)
		}
		type key struct {
			source, target string
			typ            graph.RelationType
			start          int
			negated        bool
		}
		have := map[key]bool{}
		spoke := map[int]bool{} // sentences (by start) where the frames claimed an event
		for _, c := range dx.Claims {
			have[key{c.Source, c.Target, c.Type, c.Start, c.Negated}] = true
		}
		framed := map[key]bool{}
		for _, c := range fx.Claims {
			k := key{c.Source, c.Target, c.Type, c.Start, c.Negated}
			framed[k] = true
			if !have[k] {
				t.Errorf("%s: the frames' %s %s %s (%q) is missing from the default extraction", path, c.Source, c.Type, c.Target, c.Sentence)
			}
			if c.Type != graph.Affiliation {
				spoke[c.Start] = true
			}
		}
		for _, c := range dx.Claims {
			if k := (key{c.Source, c.Target, c.Type, c.Start, c.Negated}); !framed[k] {
				added++
				if spoke[c.Start] {
					t.Errorf("%s: the model added %s %s %s in a sentence where the frames claimed an event: %q", path, c.Source, c.Type, c.Target, c.Sentence)
				}
			}
		}
	}
	t.Logf("the model added %d claims to the frames' in these texts", added)
}
