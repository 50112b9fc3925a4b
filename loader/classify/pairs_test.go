package classify

import (
	"slices"
	"testing"
)

// "Russian forces shelled the port of Odesa in Ukraine on Monday"-like sentence, built by hand:
// Russia's forces (0-1), a target (4), a place of scene (7).
func sampleSentence() *Sentence {
	return &Sentence{
		Words:  []string{"Russian", "forces", "shelled", "the", "Ukrainians", "near", "the", "Dnipro", "."},
		Tags:   []string{"JJ", "NNS", "VBD", "DT", "NNPS", "IN", "DT", "NNP", "."},
		Heads:  []int{1, 2, -1, 4, 2, 7, 7, 2, 2},
		Labels: []string{"amod", "nsubj", "root", "det", "obj", "case", "det", "obl", "punct"},
		Mentions: []Mention{
			{From: 0, To: 2, Kind: "MILITARY", Country: "RUS"},
			{From: 4, To: 5, Kind: "STATE", Country: "UKR"},
			{From: 7, To: 8, Kind: "STATE", Country: "UKR", Locative: true},
		},
		Cues: []Cue{{From: 2, To: 3, Type: "ASSAULT", CAMEO: "195"}},
	}
}

func TestPairsSkipSceneryAndFarMentions(t *testing.T) {
	s := sampleSentence()
	got := Pairs(s, 8)
	want := []Pair{{0, 1}, {1, 0}}
	if !slices.Equal(got, want) {
		t.Errorf("Pairs = %v, want %v", got, want)
	}
	s.Mentions[2].Locative = false
	if got := Pairs(s, 1); len(got) != 4 { // 0-1, 1-0, 1-2, 2-1
		t.Errorf("Pairs within 1 = %v, want 4 pairs", got)
	}
}

func TestPairFeaturesTellDirectionAndPath(t *testing.T) {
	s := sampleSentence()
	fwd := PairFeatures(s, Pair{0, 1}, nil, nil)
	back := PairFeatures(s, Pair{1, 0}, nil, nil)
	has := func(fs []uint64, parts ...string) bool {
		f := featureSet{}
		f.add(parts...)
		return slices.Contains(fs, f.out[0])
	}
	if !has(fwd, "cue", "ASSAULT", "between", "fwd") || !has(back, "cue", "ASSAULT", "between", "back") {
		t.Error("the cue between the mentions is not told apart by direction")
	}
	if !has(fwd, "path-word", "nsubj|obj", "shell") {
		t.Error("forward pair lacks the nsubj|obj path through 'shelled'")
	}
	if !has(back, "path-word", "obj|nsubj", "shell") {
		t.Error("backward pair lacks the obj|nsubj path")
	}
	if again := PairFeatures(s, Pair{0, 1}, nil, nil); !slices.Equal(again, fwd) {
		t.Error("features differ between two calls")
	}
	with := PairFeatures(s, Pair{0, 1}, []string{"rule=ASSAULT"}, nil)
	if !has(with, "x", "rule=ASSAULT", "fwd") {
		t.Error("extra feature missing")
	}
}

func TestNegationNearTheCue(t *testing.T) {
	s := sampleSentence()
	s.Words = []string{"Russian", "forces", "never", "shelled", "the", "Ukrainians", "near", "the", "Dnipro", "."}
	s.Heads, s.Labels, s.Tags = nil, nil, nil
	s.Mentions[1] = Mention{From: 5, To: 6, Kind: "STATE", Country: "UKR"}
	s.Mentions[2] = Mention{From: 8, To: 9, Kind: "STATE", Country: "UKR", Locative: true}
	s.Cues = []Cue{{From: 3, To: 4, Type: "ASSAULT"}}
	fs := PairFeatures(s, Pair{0, 1}, nil, nil)
	f := featureSet{}
	f.add("negation", "fwd")
	f.add("cue-negated", "ASSAULT", "between", "fwd")
	for _, h := range f.out {
		if !slices.Contains(fs, h) {
			t.Error("negation features missing")
		}
	}
}

func TestFeatureHashIsHashOfTheJoinedName(t *testing.T) {
	f := featureSet{}
	f.add("cue", "ASSAULT", "between")
	f.add("bias")
	if f.out[0] != Hash("cue\x1fASSAULT\x1fbetween") || f.out[1] != Hash("bias") {
		t.Error("featureSet.add hashes differently from Hash of the joined name")
	}
}
