// Command lexgen derives dyad's event lexicon and dated people from public event-coding
// dictionaries, so the derivation is reproducible and reviewable in diffs.
//
// It reads PETRARCH-2's CAMEO verb dictionary (CAMEO.2.0.txt), PLOVER's CAMEO-to-PLOVER table
// (CAMEO2PLOVER-2021.txt), and the Phoenix country actor and agent dictionaries
// (Phoenix.Countries.actors.txt, Phoenix.agents.txt), and writes, in the formats the loader reads:
//
//	loader/data/cameo-verbs.tsv  verb lemma (+ object head) -> PLOVER type and CAMEO code
//	loader/data/people.tsv       people and the state organ they served, with dates
//	loader/data/agents.tsv       agent nouns ("doctors", "police") and the sector they name
//	loader/data/places.tsv       cities, regions and landmarks, and the state they lie in
//
// Usage:
//
//	go run ./tools/lexgen [-lexicons ../shared/lexicons] [-out loader/data]
//
// Only facts are carried over (which verb and object signal which code; who held which office
// when); the files' own text is not. Hand-curated data (relations.tsv, people-recent.tsv)
// overrides what is derived here.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	lex := flag.String("lexicons", "../shared/lexicons", "folder of the public dictionaries")
	out := flag.String("out", "loader/data", "folder to write the derived files to")
	flag.Parse()
	if err := run(*lex, *out); err != nil {
		fmt.Fprintln(os.Stderr, "lexgen:", err)
		os.Exit(1)
	}
}

func run(lexDir, outDir string) error {
	plover, err := readPLOVER(filepath.Join(lexDir, "CAMEO2PLOVER-2021.txt"))
	if err != nil {
		return err
	}
	verbs, err := readVerbDictionary(filepath.Join(lexDir, "CAMEO.2.0.txt"), plover)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(outDir, "cameo-verbs.tsv"), []byte(verbs), 0o644); err != nil {
		return err
	}
	people, err := readPeople(filepath.Join(lexDir, "Phoenix.Countries.actors.txt"), outDir)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(outDir, "people.tsv"), []byte(people), 0o644); err != nil {
		return err
	}
	agents, err := readAgents(filepath.Join(lexDir, "Phoenix.agents.txt"))
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(outDir, "agents.tsv"), []byte(agents), 0o644); err != nil {
		return err
	}
	places, err := readPlaces(filepath.Join(lexDir, "Phoenix.Countries.actors.txt"), outDir)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(outDir, "places.tsv"), []byte(places), 0o644)
}
