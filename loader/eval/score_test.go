package eval

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyadgraph/dyad/graph"
)

// Small gold and prediction files that exercise every matching rule: names and the substring
// rule, legacy country codes, old labels, CAMEO codes, alternatives, numeric ids, duplicates,
// AFFILIATION and negated relations, greedy matching and core events. The expected output
// below is what ../shared/eval/score.py printed for these files.
const (
	sentenceGold = `{"id": "s1", "text": "Jordan and Britain agreed to hold joint exercises.", "events": [{"source": "JOR", "target": "GBR", "code": "AGREE"}, {"source": "GBR", "target": "JOR", "code": "AGREE"}]}
{"id": "s2", "text": "Japanese officials demanded that Italy return the envoy.", "events": [{"source": "JAPGOV", "target": "ITL", "code": "DEMAND"}]}
{"id": "s3", "text": "NATO warned Russia.", "events": [{"source": "IGO", "target": "RUS", "code": "THREATEN", "source_names": ["NATO", "North Atlantic Treaty Organization"]}]}
{"id": "s4", "text": "Iran backs the Houthi rebels.", "events": [{"source": "IRN", "target": "YEM", "code": "SUPPORT|AID", "target_names": ["Houthi", "Ansar Allah"]}]}
{"id": "s5", "text": "Israeli forces struck Hamas positions.", "events": [{"source": "ISRMIL", "target": "PSE", "code": "190"}]}
{"id": 6, "text": "The UN criticised Hungary.", "events": [{"source": "IGOUNO", "target": "HUN", "code": "DISAPPROVE"}]}
{"id": "s7", "text": "Nothing happened.", "events": []}
{"id": "s8", "text": "Vietnam and China fought at sea.", "events": [{"source": "VTN", "target": "CHN", "code": "FIGHT"}, {"source": "CHN", "target": "VTN", "code": "FIGHT"}]}
{"id": "s9", "text": "The EU and Hamas both condemned Syria.", "events": [{"source": "IGO", "target": "SYR", "code": "DISAPPROVE", "source_names": ["EU"]}, {"source": "PSE", "target": "SYR", "code": "ACCUSE", "source_names": ["Hamas"]}]}
`
	sentencePred = `{"article": "s1", "relations": [{"source": {"id": "JOR", "name": "Jordan", "kind": "STATE", "country": "JOR"}, "target": {"id": "GBR", "name": "United Kingdom", "kind": "STATE", "country": "GBR"}, "type": "AGREE", "cameo": "03", "sentence": "Jordan and Britain agreed to hold joint exercises."}, {"source": {"id": "JOR", "name": "Jordan", "kind": "STATE", "country": "JOR"}, "target": {"id": "GBR", "name": "United Kingdom", "kind": "STATE", "country": "GBR"}, "type": "AGREE", "cameo": "03"}]}
{"article": "s1", "relations": [{"source": {"id": "GBR", "name": "United Kingdom", "kind": "STATE", "country": "GBR"}, "target": {"id": "JOR", "name": "Jordan", "kind": "STATE", "country": "JOR"}, "type": "COOPERATE", "cameo": "06"}]}
{"article": "s2", "relations": [{"source": {"id": "JPN-gov", "name": "Japan government", "kind": "GOVERNMENT", "country": "jpn"}, "target": {"id": "ITA", "name": "Italy", "kind": "STATE", "country": "ITA"}, "type": "request", "cameo": "10"}, {"source": {"id": "JPN", "name": "Japan", "kind": "STATE", "country": "JPN"}, "target": {"id": "ITA", "name": "Italy", "kind": "STATE", "country": "ITA"}, "type": "AFFILIATION", "cameo": ""}]}
{"id": "s3", "relations": [{"source": {"id": "igo/nato", "name": "the North Atlantic Treaty Organization", "kind": "IGO"}, "target": {"id": "RUS", "name": "Russia", "kind": "STATE", "country": "RUS"}, "type": "THREATEN", "cameo": "13"}, {"source": {"id": "igo/nato", "name": "NATO", "kind": "IGO"}, "target": {"id": "RUS", "name": "Russia", "kind": "STATE", "country": "RUS"}, "type": "ASSAULT", "cameo": "19", "negated": true}]}
{"article": "s4", "relations": [{"source": {"id": "IRN", "name": "Iran", "kind": "STATE", "country": "IRN"}, "target": {"id": "group/houthis", "name": "Houthi rebels", "kind": "ARMED_GROUP", "country": "YEM"}, "type": "AID", "cameo": "07"}, {"source": {"id": "IRN", "name": "Iran", "kind": "STATE", "country": "IRN"}, "target": {"id": "YEM", "name": "Yemen", "kind": "STATE", "country": "YEM"}, "type": "SUPPORT", "cameo": "05"}]}
{"article": "s5", "relations": [{"source": {"id": "ISR-mil", "name": "Israel Defense Forces", "kind": "MILITARY", "country": "ISR"}, "target": {"id": "group/hamas", "name": "Hamas", "kind": "ARMED_GROUP", "country": "PSE"}, "type": "COERCE", "cameo": "19"}]}
{"article": 6, "relations": [{"source": {"id": "igo/un", "name": "United Nations", "kind": "IGO"}, "target": {"id": "HUN", "name": "Hungary", "kind": "STATE", "country": "HUN"}, "type": "ACCUSE", "cameo": "11"}]}
{"article": "s7", "relations": [{"source": {"id": "X", "name": "X"}, "target": {"id": "Y", "name": "Y"}, "type": "CONSULT", "cameo": "04"}]}
{"article": "s8", "relations": [{"source": {"id": "CHN", "name": "China", "kind": "STATE", "country": "CHN"}, "target": {"id": "VNM", "name": "Vietnam", "kind": "STATE", "country": "VNM"}, "type": "ASSAULT", "cameo": "19"}, {"source": {"id": "CHN", "name": "China", "kind": "STATE", "country": "CHN"}, "target": {"id": "VNM", "name": "Vietnam", "kind": "STATE", "country": "VNM"}, "type": "FIGHT", "cameo": "19"}]}
{"article": "unknown", "relations": [{"source": {"id": "A"}, "target": {"id": "B"}, "type": "AID"}]}
{"article": "s9", "relations": [{"source": {"id": "europe", "name": "Europe", "kind": "OTHER"}, "target": {"id": "SYR", "name": "Syria", "kind": "STATE", "country": "SYR"}, "type": "ACCUSE", "cameo": "11"}, {"source": {"id": "group/hamas", "name": "Hamas movement", "kind": "ARMED_GROUP"}, "target": {"id": "SYR", "name": "Syria", "kind": "STATE", "country": "SYR"}, "type": "ACCUSE", "cameo": "11"}]}
`
	articleGold = `{"id": "art1", "text": "...", "events": [{"source": "IGO", "target": "UKR", "source_names": ["NATO"], "target_names": [], "code": "SUPPORT|AID", "core": true, "why": "NATO pledged to keep supporting Ukraine"}, {"source": "USA", "target": "RUS", "code": "THREATEN", "why": "the United States warned Russia"}, {"source": "", "target": "IGO", "source_names": ["Jens Stoltenberg", "Stoltenberg"], "target_names": ["NATO"], "code": "AFFILIATION", "core": true, "why": "Secretary-General Jens Stoltenberg"}, {"source": "RUS", "target": "UKR", "code": "ASSAULT", "core": true, "why": "Russia's full-scale invasion of its neighbour, which began in February 2022 and still goes on"}, {"source": "RUS", "target": "CHN", "code": "COOPERATE", "core": false, "why": "ties"}]}
{"id": "art2", "text": "...", "events": [{"source": "CAN", "target": "UKR", "code": "07", "core": true, "why": "Canada sent aid"}]}
{"id": "art3", "text": "...", "events": [{"source": "FRA", "target": "DEU", "code": "CONSULT", "core": false, "why": "met"}]}
`
	articlePred = `{"article": "art1", "relations": [{"source": {"id": "igo/nato", "name": "NATO", "kind": "IGO"}, "target": {"id": "UKR", "name": "Ukraine", "kind": "STATE", "country": "UKR"}, "type": "SUPPORT", "cameo": "05"}, {"source": {"id": "igo/nato", "name": "NATO", "kind": "IGO"}, "target": {"id": "UKR", "name": "Ukraine", "kind": "STATE", "country": "UKR"}, "type": "SUPPORT", "cameo": "05"}, {"source": {"id": "person/jens-stoltenberg", "name": "Jens Stoltenberg", "kind": "PERSON", "country": "NOR"}, "target": {"id": "igo/nato", "name": "NATO", "kind": "IGO"}, "type": "AFFILIATION", "cameo": ""}, {"source": {"id": "RUS", "name": "Russia", "kind": "STATE", "country": "RUS"}, "target": {"id": "UKR", "name": "Ukraine", "kind": "STATE", "country": "UKR"}, "type": "ASSAULT", "cameo": "19", "negated": true}, {"source": {"id": "RUS", "name": "Russia", "kind": "STATE", "country": "RUS"}, "target": {"id": "CHN", "name": "China", "kind": "STATE", "country": "CHN"}, "type": "COOPERATE", "cameo": "06"}, {"source": {"id": "USA", "name": "United States", "kind": "STATE", "country": "USA"}, "target": {"id": "CHN", "name": "China", "kind": "STATE", "country": "CHN"}, "type": "ACCUSE", "cameo": "11"}]}
{"article": "art2", "relations": [{"source": {"id": "CAN", "name": "Canada", "kind": "STATE", "country": "CAN"}, "target": {"id": "UKR", "name": "Ukraine", "kind": "STATE", "country": "UKR"}, "type": "AID", "cameo": "07"}]}
`
)

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func readBoth(t *testing.T, gold, pred string) ([]Record, Predictions) {
	t.Helper()
	g, err := ReadGoldFile(writeTemp(t, "gold.jsonl", gold))
	if err != nil {
		t.Fatal(err)
	}
	p, err := ReadPredictionsFile(writeTemp(t, "pred.jsonl", pred))
	if err != nil {
		t.Fatal(err)
	}
	return g, p
}

func TestScoreSentences(t *testing.T) {
	gold, pred := readBoth(t, sentenceGold, sentencePred)
	rep := Score(gold, pred)
	var out bytes.Buffer
	if err := rep.Print(&out); err != nil {
		t.Fatal(err)
	}
	want := "dyad+type P=0.615 R=0.727 F1=0.667 (tp=8 fp=5 fn=3)\n" +
		"dyad      P=0.692 R=0.818 F1=0.750\n"
	if out.String() != want {
		t.Errorf("got\n%swant\n%s", out.String(), want)
	}
	if rep.DyadType != (Counts{8, 5, 3}) || rep.Dyad != (Counts{9, 4, 2}) {
		t.Errorf("counts %+v %+v", rep.DyadType, rep.Dyad)
	}

	var misses, fps []string
	for _, m := range rep.Misses {
		misses = append(misses, m.Record+" "+describeEvent(m.Event))
	}
	for _, fp := range rep.FalsePositives {
		fps = append(fps, fp.Record+" "+tripleOf(fp.Relation).String())
	}
	wantMisses := []string{"s1 GBR AGREE JOR", "s8 VTN FIGHT CHN", "s9 EU DISAPPROVE SYR"}
	wantFPs := []string{"s1 GBR JOR COOPERATE", "s4 IRN YEM SUPPORT", "s7 X Y CONSULT", "s8 CHN VNM FIGHT", "s9 europe SYR ACCUSE"}
	if strings.Join(misses, ";") != strings.Join(wantMisses, ";") {
		t.Errorf("misses %q, want %q", misses, wantMisses)
	}
	if strings.Join(fps, ";") != strings.Join(wantFPs, ";") {
		t.Errorf("false positives %q, want %q", fps, wantFPs)
	}
	if !rep.Misses[0].DyadFound || rep.Misses[1].DyadFound || !rep.FalsePositives[0].DyadMatched || rep.FalsePositives[1].DyadMatched {
		t.Errorf("dyad notes wrong: %+v %+v", rep.Misses, rep.FalsePositives)
	}

	out.Reset()
	if err := rep.PrintErrors(&out); err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{
		"MISS s1: GBR AGREE JOR  (actors found, with another type)\n     text: Jordan and Britain agreed to hold joint exercises.\n",
		"FALSE s1: United Kingdom (GBR) COOPERATE Jordan (JOR) [06]  (right actors, wrong type)\n",
		"FALSE s4: Iran (IRN) SUPPORT Yemen (YEM) [05]\n",
	} {
		if !strings.Contains(out.String(), line) {
			t.Errorf("--errors output lacks %q:\n%s", line, out.String())
		}
	}
}

func TestScoreArticles(t *testing.T) {
	gold, pred := readBoth(t, articleGold, articlePred)
	rep := ScoreArticles(gold, pred)
	var out bytes.Buffer
	if err := rep.Print(&out); err != nil {
		t.Fatal(err)
	}
	want := `art1: core recall=0.50 (2/4) precision=0.75 (3/4)
  missing: the United States warned Russia
  missing: Russia's full-scale invasion of its neighbour, whi
  unmatched: USA CHN ACCUSE
art2: core recall=1.00 (1/1) precision=1.00 (1/1)
art3: core recall=1.00 (0/0) precision=0.00 (0/0)
`
	if out.String() != want {
		t.Errorf("got\n%swant\n%s", out.String(), want)
	}
	if w := rep.Worst(); w != 0 {
		t.Errorf("worst = %v, want 0 (art3 has no predictions)", w)
	}
	out.Reset()
	rep.PrintErrors(&out)
	if !strings.Contains(out.String(), "FALSE art1: United States (USA) ACCUSE China (CHN) [11]\n") {
		t.Errorf("--errors output:\n%s", out.String())
	}
}

func TestReadErrors(t *testing.T) {
	gold := `{"id": "a", "events": []}

{"id": "b", "events": [{"source": "USA", "code": 5}]}
{"text": "no id", "events": []}
{"id": "c"}
not json
{"id": "d", "events": [{"source": "FRA", "target": "DEU", "code": "CONSULT", "core": 0}]}
`
	recs, err := ReadGold(strings.NewReader(gold), "g.jsonl")
	if len(recs) != 2 || recs[0].ID != "a" || recs[1].ID != "d" || recs[1].Line != 7 || recs[1].Events[0].Core {
		t.Errorf("records %+v", recs)
	}
	want := `g.jsonl:3: field "events.code": want string, found number
g.jsonl:4: the record has no "id"
g.jsonl:5: the record has no "events" (write "events": [] for none)
g.jsonl:6: malformed JSON: invalid character 'o' in literal null (expecting 'u')`
	if err == nil || err.Error() != want {
		t.Errorf("got error\n%v\nwant\n%s", err, want)
	}
	var le *lineError
	if !errors.As(err, &le) || le.line != 3 {
		t.Errorf("errors.As: %v", le)
	}

	_, err = ReadPredictions(strings.NewReader(`{"article": "a", "relations": [{"source": "USA"}]}`), "p.jsonl")
	if err == nil || !strings.HasPrefix(err.Error(), "p.jsonl:1: field ") {
		t.Errorf("got %v", err)
	}
	if _, err := ReadGoldFile(filepath.Join(t.TempDir(), "missing.jsonl")); err == nil {
		t.Error("no error for a missing gold file")
	}
}

func TestPredictionKeys(t *testing.T) {
	in := `{"article": "", "id": "fallback", "relations": [{"type": "AID"}]}
{"article": 0, "relations": [{"type": "AID"}]}
{"article": 1.0, "relations": null}
{"article": 12, "relations": [{"type": "AID", "source": null, "negated": 1}]}
{"relations": [{"type": "AID"}]}
{"article": true, "relations": [{"type": "AID", "negated": ""}]}
`
	p, err := ReadPredictions(strings.NewReader(in), "p.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range p {
		keys = append(keys, k)
	}
	for _, k := range []string{"fallback", "None", "1.0", "12", "True"} {
		if _, ok := p[k]; !ok {
			t.Errorf("no key %q in %q", k, keys)
		}
	}
	if len(p["None"]) != 2 || !p["12"][0].Negated || p["True"][0].Negated {
		t.Errorf("predictions %+v", p)
	}
}

func TestPythonValues(t *testing.T) {
	for in, want := range map[string]string{`"x"`: "x", `7`: "7", `-3`: "-3", `1.5`: "1.5", `2.0`: "2.0",
		`1e16`: "1e+16", `1e-5`: "1e-05", `123456789.25`: "123456789.25", `0.0001`: "0.0001", `true`: "True",
		`[1, 2]`: "[1, 2]"} {
		if got, ok := pyStr(json.RawMessage(in)); !ok || got != want {
			t.Errorf("pyStr(%s) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]bool{``: false, `null`: false, `false`: false, `0`: false, `0.0`: false,
		`""`: false, `[]`: false, `{ }`: false, `true`: true, `1`: true, `"0"`: true, `[0]`: true, `-0.5`: true} {
		if got := truthy(json.RawMessage(in)); got != want {
			t.Errorf("truthy(%s) = %v, want %v", in, got, want)
		}
	}
	for in, want := range map[string]string{"The Houthis": "houthis", "  NATO's ": "natos",
		"breathe in": "brea in", "Ünïted-States": "ntedstates", "the the": "the"} {
		if got := norm(in); got != want {
			t.Errorf("norm(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFromExtraction(t *testing.T) {
	x := graph.Extraction{
		Article: graph.Article{ID: "a1"},
		Actors: []graph.Actor{
			{ID: "igo/nato", Name: "NATO", Kind: graph.KindIGO, Aliases: []string{"North Atlantic Treaty Organization"}},
			{ID: "UKR", Name: "Ukraine", Kind: graph.KindState, Country: "UKR"},
		},
		Claims: []graph.Claim{{Source: "igo/nato", Target: "UKR", Type: graph.Support, CAMEO: "05",
			Predicate: "backs", Sentence: "NATO backs Ukraine.", Start: 0, End: 19, Confidence: 0.9},
			{Source: "igo/nato", Target: "ghost", Type: graph.Assault, CAMEO: "19", Negated: true}},
	}
	id, rels := FromExtraction(x)
	if id != "a1" || len(rels) != 2 {
		t.Fatalf("got %q %+v", id, rels)
	}
	if r := rels[0]; r.Source.Name != "NATO" || r.Source.Kind != "IGO" || r.Target.Country != "UKR" ||
		r.Type != "SUPPORT" || r.CAMEO != "05" || r.Sentence != "NATO backs Ukraine." || r.End != 19 {
		t.Errorf("relation %+v", r)
	}
	if r := rels[1]; r.Target.ID != "ghost" || r.Target.Name != "ghost" || !r.Negated {
		t.Errorf("relation %+v", r)
	}
	gold := []Record{{ID: "a1", Events: []Event{{Source: "IGO", Target: "UKR", Code: "SUPPORT|AID",
		SourceNames: []string{"North Atlantic Treaty Organization"}, Core: true}}}}
	if rep := Score(gold, Predictions{id: rels}); rep.DyadType != (Counts{1, 0, 0}) {
		t.Errorf("scored %+v", rep.DyadType)
	}
}

func TestScorePerTypeAndConfusion(t *testing.T) {
	gold := []Record{
		{ID: "a", Events: []Event{{Source: "RUS", Target: "UKR", Code: "ASSAULT"}, {Source: "USA", Target: "UKR", Code: "AID|COOPERATE"}}},
		{ID: "b", Events: []Event{{Source: "FRA", Target: "DEU", Code: "CONSULT"}}},
	}
	act := func(c string) Actor { return Actor{ID: c, Name: c, Country: c} }
	pred := Predictions{
		"a": {{Source: act("RUS"), Target: act("UKR"), Type: "ASSAULT"}, {Source: act("USA"), Target: act("UKR"), Type: "COOPERATE"}},
		"b": {{Source: act("FRA"), Target: act("DEU"), Type: "AGREE"}},
	}
	rep := Score(gold, pred)
	want := map[string]Counts{"ASSAULT": {TP: 1}, "COOPERATE": {TP: 1}, "CONSULT": {FN: 1}, "AGREE": {FP: 1}}
	for typ, w := range want {
		if got := rep.PerType[typ]; got == nil || *got != w {
			t.Errorf("%s: %+v, want %+v", typ, got, w)
		}
	}
	if n := rep.Confusion[[2]string{"CONSULT", "AGREE"}]; n != 1 {
		t.Errorf("confusion CONSULT->AGREE = %d, want 1 (%v)", n, rep.Confusion)
	}
	var out strings.Builder
	if err := rep.PrintTypes(&out); err != nil || !strings.Contains(out.String(), "CONSULT") {
		t.Errorf("PrintTypes: %v\n%s", err, out.String())
	}
}
