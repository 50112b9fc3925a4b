package eval

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyadgraph/dyad/graph"
)

// sharedEval is ../shared/eval seen from this package's directory.
var sharedEval = filepath.Join("..", "..", "..", "shared", "eval")

// needShared skips the test when the shared evaluation data or python3 is missing, and fails it
// instead under CI=true.
func needShared(t *testing.T, files ...string) {
	t.Helper()
	var missing []string
	if _, err := exec.LookPath("python3"); err != nil {
		missing = append(missing, "python3")
	}
	for _, f := range files {
		if _, err := os.Stat(filepath.Join(sharedEval, f)); err != nil {
			missing = append(missing, filepath.Join(sharedEval, f))
		}
	}
	if len(missing) == 0 {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("CI=true needs %s", strings.Join(missing, " and "))
	}
	t.Skipf("cannot compare with score.py: %s missing", strings.Join(missing, " and "))
}

// runScorePy runs score.py and returns what it prints.
func runScorePy(t *testing.T, gold, pred string, article bool) string {
	t.Helper()
	args := []string{filepath.Join(sharedEval, "score.py"), gold, pred}
	if article {
		args = append(args, "--article")
	}
	cmd := exec.Command("python3", args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("score.py %s %s: %v\n%s", gold, pred, err, stderr.String())
	}
	return string(out)
}

// TestMatchesScorePy scores random predictions for the shared gold files with score.py and
// with this package, at sentence and article level, and wants the same output to the byte.
func TestMatchesScorePy(t *testing.T) {
	golds := []string{"plover-dev.jsonl", "sample-article.gold.jsonl"}
	needShared(t, append(golds, "score.py")...)
	for _, name := range golds {
		goldPath := filepath.Join(sharedEval, name)
		gold, err := ReadGoldFile(goldPath)
		if err != nil {
			t.Fatal(err)
		}
		for seed := uint64(1); seed <= 4; seed++ {
			predPath := filepath.Join(t.TempDir(), "pred.jsonl")
			if err := os.WriteFile(predPath, randomPredictions(rand.New(rand.NewPCG(seed, 7)), gold), 0o644); err != nil {
				t.Fatal(err)
			}
			pred, err := ReadPredictionsFile(predPath)
			if err != nil {
				t.Fatal(err)
			}
			for _, article := range []bool{false, true} {
				var got bytes.Buffer
				path := goldPath
				if article {
					path = withWhy(t, goldPath)
					whyGold, err := ReadGoldFile(path)
					if err != nil {
						t.Fatal(err)
					}
					ScoreArticles(whyGold, pred).Print(&got)
				} else {
					Score(gold, pred).Print(&got)
				}
				if want := runScorePy(t, path, predPath, article); got.String() != want {
					t.Errorf("%s, seed %d, article=%v:\ngo:\n%s\nscore.py:\n%s", name, seed, article, got.String(), want)
				}
			}
		}
	}
}

// withWhy returns a copy of a gold file in which every event without "why" has one (its
// record's text), since score.py --article stops at an event without it.
func withWhy(t *testing.T, goldPath string) string {
	t.Helper()
	data, err := os.ReadFile(goldPath)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	for _, line := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatal(err)
		}
		for _, e := range rec["events"].([]any) {
			if ev := e.(map[string]any); ev["why"] == nil {
				ev["why"] = rec["text"]
			}
		}
		b, _ := json.Marshal(rec)
		out.Write(append(b, '\n'))
	}
	p := filepath.Join(t.TempDir(), "gold-with-why.jsonl")
	if err := os.WriteFile(p, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// randomPredictions makes predictions for gold records that hit, half-hit and miss their
// events in every way the matching rules distinguish.
func randomPredictions(rng *rand.Rand, gold []Record) []byte {
	var types []string
	for _, ti := range graph.Types {
		types = append(types, string(ti.Type))
	}
	countries := []string{"USA", "RUS", "UKR", "CHN", "IRN", "ISR", "JPN", "ITA", "VNM", "GBR", "FRA"}
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	cameoOf := func(typ string) string {
		if rng.IntN(5) == 0 {
			return fmt.Sprintf("%02d", 1+rng.IntN(20))
		}
		return graph.RelationType(typ).CAMEO() + pick([]string{"", "", "1", "3"})
	}
	actor := func(code string, names []string) map[string]any {
		if len(names) > 0 && rng.IntN(4) > 0 {
			n := pick(names)
			switch rng.IntN(5) {
			case 0:
				n = "the " + n
			case 1:
				n = n + " forces"
			case 2:
				if len(n) > 3 {
					n = n[:3] // too short for the substring rule
				}
			}
			a := map[string]any{"id": "x/" + strings.ToLower(strings.ReplaceAll(n, " ", "-")), "name": n, "kind": "OTHER"}
			if rng.IntN(3) == 0 {
				a["aliases"] = []string{pick(names), "Someone Else"}
			}
			return a
		}
		c3 := strings.ToUpper(code)
		if len(c3) > 3 {
			c3 = c3[:3]
		}
		if rng.IntN(6) == 0 || c3 == "" {
			c3 = pick(countries)
		}
		switch c3 {
		case "IGO":
			return map[string]any{"id": "igo/x", "name": "Some Organization", "kind": pick([]string{"IGO", "INTERNATIONAL_ORGANIZATION", "igo"})}
		case "NGO":
			return map[string]any{"id": "ngo/x", "name": "Some Charity", "kind": "NGO"}
		case "IMG":
			return map[string]any{"id": "group/x", "name": "Some Militia", "kind": "ARMED_GROUP"}
		}
		switch c3 {
		case "JAP":
			c3 = "JPN"
		case "ITL":
			c3 = "ITA"
		case "VTN":
			c3 = "VNM"
		}
		country := c3
		if rng.IntN(8) == 0 {
			country = strings.ToLower(country)
		}
		return map[string]any{"id": c3 + pick([]string{"", "", "-gov"}), "name": "Name of " + c3, "kind": "STATE", "country": country}
	}
	typeFor := func(code string) string {
		alts := strings.Split(code, "|")
		alt := strings.TrimSpace(pick(alts))
		switch rng.IntN(7) {
		case 0:
			return pick(types)
		case 1:
			for old, plover := range oldLabels {
				if plover == strings.ToUpper(alt) {
					return old
				}
			}
		case 2:
			return strings.ToLower(alt)
		case 3:
			return "AFFILIATION"
		}
		if alt != "" && alt[0] >= '0' && alt[0] <= '9' {
			for _, ti := range graph.Types {
				if strings.HasPrefix(alt, ti.CAMEO) && ti.CAMEO != "" {
					return string(ti.Type)
				}
			}
			return pick(types)
		}
		return alt
	}
	var out bytes.Buffer
	for _, g := range gold {
		if rng.IntN(10) == 0 {
			continue // no prediction at all
		}
		var rels []map[string]any
		for _, e := range g.Events {
			for range rng.IntN(3) {
				src, dst := actor(e.Source, e.SourceNames), actor(e.Target, e.TargetNames)
				if rng.IntN(8) == 0 {
					src, dst = dst, src
				}
				typ := typeFor(e.Code)
				rel := map[string]any{"source": src, "target": dst, "type": typ, "cameo": cameoOf(strings.ToUpper(typ)),
					"sentence": g.Text}
				if rng.IntN(8) == 0 {
					rel["negated"] = true
				}
				rels = append(rels, rel)
				if rng.IntN(6) == 0 {
					rels = append(rels, rel) // a duplicate triple
				}
			}
		}
		for range rng.IntN(3) {
			rels = append(rels, map[string]any{"source": actor(pick(countries), nil), "target": actor(pick(countries), nil),
				"type": pick(types), "cameo": cameoOf(pick(types))})
		}
		rng.Shuffle(len(rels), func(i, j int) { rels[i], rels[j] = rels[j], rels[i] })
		// Split an article's relations over one or two lines, named by "article" or "id".
		cut := 0
		if len(rels) > 1 && rng.IntN(3) == 0 {
			cut = 1 + rng.IntN(len(rels)-1)
		}
		for _, part := range [][]map[string]any{rels[:cut], rels[cut:]} {
			if len(part) == 0 && cut != 0 {
				continue
			}
			key := "article"
			if rng.IntN(5) == 0 {
				key = "id"
			}
			line, err := json.Marshal(map[string]any{key: g.ID, "relations": part})
			if err != nil {
				panic(err)
			}
			out.Write(line)
			out.WriteByte('\n')
		}
	}
	return out.Bytes()
}
