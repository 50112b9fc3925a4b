package main

import (
	"testing"

	"github.com/dyadgraph/dyad/graph"
)

func TestDuplicates(t *testing.T) {
	person := func(id, name, country, qid string) graph.Actor {
		return graph.Actor{ID: id, Name: name, Kind: graph.KindPerson, Country: country, QID: qid}
	}
	in := []graph.Actor{
		person("person/zelenskiy", "Zelenskiy", "UKR", ""),
		person("person/volodymyr-zelenskyy", "Volodymyr Zelenskyy", "UKR", "Q3874799"),
		person("person/kim-jong-un", "Kim Jong Un", "PRK", ""),
		person("person/kim-yo-jong", "Kim Yo Jong", "PRK", ""),
		person("person/ivan-petrenko", "Ivan Petrenko", "RUS", ""), // same name, other country
		person("person/ivan-petrenko-2", "Ivan Petrenko", "UKR", ""),
		{ID: "other/harbour-trust", Name: "Harbour Trust", Kind: graph.KindOther},
		{ID: "other/harbor-trust", Name: "Harbor Trust", Kind: graph.KindOther},
		{ID: "RUS", Name: "Russia", Kind: graph.KindState, Country: "RUS"},
	}
	got := map[string]string{}
	for _, d := range Duplicates(in, 0.85) {
		got[d.From.ID] = d.Into.ID
	}
	want := map[string]string{
		"person/zelenskiy":   "person/volodymyr-zelenskyy",
		"other/harbor-trust": "other/harbour-trust",
	}
	if len(got) != len(want) {
		t.Errorf("got %v, want %v", got, want)
	}
	for from, into := range want {
		if got[from] != into {
			t.Errorf("%s merged into %q, want %s (all: %v)", from, got[from], into, got)
		}
	}
}
