package loader_test

// TestActorPhrases scores the rule-based extractor's actor resolution on testdata/actor-phrases.jsonl:
// one actor phrase per line, set in a sentence against one other actor, with the state and the
// kind the phrase should resolve to on the article's date (issue 16). The sentences were written
// for this test; they cover spellings, surnames and titles after a full mention, dated roles,
// titled people with no state word, agent nouns, stand-ins, mixed-case acronyms, fleets,
// breakaway regions, parties and ministries, offices without a name, bodies of an
// organisation, people known by the shape of their name, and words that are no actor at all
// (alone, or by their context: the acronym of a document, a facility, two names joined by
// "and", a number word before a name).
//
// The extractor has no phrase-level API yet, so the test reads what it can through the public
// one: the actor of the claim whose source or target text is the phrase (or contains it, or is
// contained in it), else an actor of the extraction named by the phrase, else the actor that
// Gazetteer.Resolve gives the phrase out of context, else none ("NONE"). A phrase that only
// context resolves ("the bloc", "Ramaphosa" after "Cyril Ramaphosa") and that takes part in no
// claim therefore counts as missed; the log says how many phrases were found each way.

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/loader"
)

// Floors a little below today's figures (see the log). They guard against regressions; they are
// not targets, and the sentences are not to be tuned against.
const (
	actorPhrasesStateFloor = 0.90
	actorPhrasesKindFloor  = 0.84
	actorPhrasesBothFloor  = 0.83
)

// actorPhrase is one line of testdata/actor-phrases.jsonl.
type actorPhrase struct {
	ID        string `json:"id"`
	Text      string `json:"text"`
	Published string `json:"published"` // YYYY-MM-DD
	Phrase    string `json:"phrase"`    // as written in Text
	State     string `json:"state"`     // ISO 3166-1 alpha-3, or "" for none
	Kind      string `json:"kind"`      // an actor kind, or NONE for "not an actor"
	Case      string `json:"case"`      // what the line tests
	Tag       string `json:"tag"`       // the case, as a short key for the tallies
}

func readActorPhrases(t *testing.T, path string) []actorPhrase {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	kinds := map[string]bool{"NONE": true}
	for _, k := range graph.ActorKinds {
		kinds[string(k)] = true
	}
	var out []actorPhrase
	ids := map[string]bool{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		var p actorPhrase
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatalf("%s:%d: %v", path, n, err)
		}
		switch {
		case p.ID == "" || ids[p.ID]:
			t.Fatalf("%s:%d: missing or repeated id %q", path, n, p.ID)
		case !strings.Contains(strings.ToLower(p.Text), strings.ToLower(p.Phrase)):
			t.Fatalf("%s:%d: %s: the phrase %q is not in the text", path, n, p.ID, p.Phrase)
		case !kinds[p.Kind]:
			t.Fatalf("%s:%d: %s: unknown kind %q", path, n, p.ID, p.Kind)
		case p.State != "" && len(p.State) != 3:
			t.Fatalf("%s:%d: %s: state %q is not an alpha-3 code", path, n, p.ID, p.State)
		case p.Tag == "" || p.Case == "":
			t.Fatalf("%s:%d: %s: no case", path, n, p.ID)
		}
		if _, err := time.Parse(time.DateOnly, p.Published); err != nil {
			t.Fatalf("%s:%d: %s: published: %v", path, n, p.ID, err)
		}
		ids[p.ID] = true
		out = append(out, p)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// phraseKey is the form in which a phrase and a mention are compared: lower case, single
// spaces, without a leading "the" or a trailing possessive.
func phraseKey(s string) string {
	k := strings.Join(strings.Fields(strings.ToLower(s)), " ")
	k = strings.TrimPrefix(k, "the ")
	k = strings.TrimSuffix(strings.TrimSuffix(k, "'s"), "’s")
	return strings.Trim(k, " ,.")
}

// containsWords reports whether the words of b occur together in a.
func containsWords(a, b string) bool {
	if b == "" {
		return false
	}
	return strings.Contains(" "+a+" ", " "+b+" ")
}

// phraseResolution is what the extraction made of a phrase, and how it was found.
type phraseResolution struct {
	actor graph.Actor
	found string // "claim", "actors", "resolve" or "" (not found: NONE)
}

// resolvePhrase finds the actor an extraction gave the phrase: the claim mention (of a claim
// other than an affiliation) equal to it,
// else one containing it or contained in it, else an actor of the extraction with the phrase
// as its name or an alias, else the gazetteer's actor for the phrase as a whole name.
func resolvePhrase(g *loader.Gazetteer, x graph.Extraction, phrase string) phraseResolution {
	byID := map[string]graph.Actor{}
	for _, a := range x.Actors {
		byID[a.ID] = a
	}
	want := phraseKey(phrase)
	best, bestScore := "", 0
	for _, c := range x.Claims {
		if c.Type == graph.Affiliation {
			// the person's tie to their organ: its source is the person by definition, whatever
			// the person's deeds are attributed to
			continue
		}
		for _, m := range []struct{ text, id string }{{c.SourceText, c.Source}, {c.TargetText, c.Target}} {
			k := phraseKey(m.text)
			score := 0
			switch {
			case k == want:
				score = 3
			case containsWords(k, want) || containsWords(want, k):
				score = 2
			}
			if score > bestScore {
				best, bestScore = m.id, score
			}
		}
	}
	if a, ok := byID[best]; ok {
		return phraseResolution{actor: a, found: "claim"}
	}
	for _, a := range x.Actors {
		for _, n := range append([]string{a.Name}, a.Aliases...) {
			if phraseKey(n) == want {
				return phraseResolution{actor: a, found: "actors"}
			}
		}
	}
	if a, ok := g.Resolve(phrase); ok {
		return phraseResolution{actor: a, found: "resolve"}
	}
	return phraseResolution{}
}

type phraseTally struct{ n, state, kind, both int }

func (t *phraseTally) add(stateOK, kindOK bool) {
	t.n++
	if stateOK {
		t.state++
	}
	if kindOK {
		t.kind++
	}
	if stateOK && kindOK {
		t.both++
	}
}

func (t phraseTally) String() string {
	r := func(k int) float64 { return float64(k) / float64(max(t.n, 1)) }
	return fmt.Sprintf("n=%3d state=%.3f kind=%.3f both=%.3f", t.n, r(t.state), r(t.kind), r(t.both))
}

func TestActorPhrases(t *testing.T) {
	const path = "testdata/actor-phrases.jsonl"
	phrases := readActorPhrases(t, path)
	if len(phrases) < 320 {
		t.Fatalf("%s holds %d phrases; want at least 320", path, len(phrases))
	}
	g, err := loader.LoadGazetteer()
	if err != nil {
		t.Fatalf("LoadGazetteer: %v", err)
	}
	ex := loader.NewRuleExtractor(g)
	var all phraseTally
	byTag := map[string]*phraseTally{}
	found := map[string]int{}
	for _, p := range phrases {
		published, _ := time.Parse(time.DateOnly, p.Published)
		x, err := ex.Extract(context.Background(), loader.Document{ID: p.ID, Text: p.Text, Published: published, File: path})
		if err != nil {
			t.Fatalf("%s: %v", p.ID, err)
		}
		r := resolvePhrase(g, x, p.Phrase)
		gotKind, gotState := "NONE", ""
		if r.found != "" {
			gotKind, gotState = string(r.actor.Kind), r.actor.Country
		}
		found[r.found]++
		stateOK, kindOK := gotState == p.State, gotKind == p.Kind
		all.add(stateOK, kindOK)
		if byTag[p.Tag] == nil {
			byTag[p.Tag] = &phraseTally{}
		}
		byTag[p.Tag].add(stateOK, kindOK)
		if testing.Verbose() && !(stateOK && kindOK) {
			t.Logf("%s %-10s %q: got %s/%s (%s, via %q), want %s/%s", p.ID, p.Tag, p.Phrase,
				orDash(gotState), gotKind, r.actor.ID, r.found, orDash(p.State), p.Kind)
		}
	}
	tags := make([]string, 0, len(byTag))
	for tag := range byTag {
		tags = append(tags, tag)
	}
	sort.Strings(tags)
	for _, tag := range tags {
		t.Logf("%-10s %s", tag, byTag[tag])
	}
	t.Logf("%-10s %s (found in a claim %d, among the actors %d, by Resolve %d, not found %d)",
		"all", all, found["claim"], found["actors"], found["resolve"], found[""])
	rate := func(k int) float64 { return float64(k) / float64(all.n) }
	if rate(all.state) < actorPhrasesStateFloor {
		t.Errorf("state accuracy %.3f below the floor %.2f", rate(all.state), actorPhrasesStateFloor)
	}
	if rate(all.kind) < actorPhrasesKindFloor {
		t.Errorf("kind accuracy %.3f below the floor %.2f", rate(all.kind), actorPhrasesKindFloor)
	}
	if rate(all.both) < actorPhrasesBothFloor {
		t.Errorf("state and kind accuracy %.3f below the floor %.2f", rate(all.both), actorPhrasesBothFloor)
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
