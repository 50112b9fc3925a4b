package main

import (
	"bufio"
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/loader/actors/names"
)

// runActors runs the actors subcommands: "duplicates" lists likely duplicate actors in a store.
func runActors(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] != "duplicates" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
			fmt.Fprintln(e.stderr, "Usage: dyad actors duplicates [flags]\n\nRun 'dyad actors duplicates --help' for its flags.")
			return nil
		}
		return usageErr("want a subcommand: dyad actors duplicates [flags]")
	}
	fs := newFlags(e, "actors duplicates", "",
		"Duplicates lists the pairs of actors in a store that are likely one actor under two ids: of the\n"+
			"same country and kind, with names that are spellings of one name or one the surname of the\n"+
			"other (\"Zelensky\", \"Volodymyr Zelenskyy\"). It prints a gazetteer file of merges (columns id,\n"+
			"same_as), each pair after a comment that says why: check the pairs, delete the wrong ones,\n"+
			"and pass the file to dyad load --gazetteer; the next load gives the first id's claims to the\n"+
			"second (see loader/data/README.md).")
	var sf storeFlags
	sf.register(fs, e)
	minSim := fs.Float64("min-similarity", 0.8, "the least names.Similarity of two names, 0 to 1")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErr("actors duplicates takes flags only, not %q", fs.Arg(0))
	}
	sf.readOnly = true
	st, _, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	var all []graph.Actor
	for after := ""; ; {
		page, err := st.Actors(ctx, graph.ActorQuery{Page: graph.Page{First: graph.MaxPageSize, After: after}})
		if err != nil {
			return err
		}
		all = append(all, page.Actors...)
		if !page.HasNext {
			break
		}
		after = page.EndCursor
	}
	w := bufio.NewWriter(e.stdout)
	fmt.Fprintln(w, "# likely duplicate actors, written by dyad actors duplicates: check each pair")
	fmt.Fprintln(w, "id\tsame_as")
	for _, d := range Duplicates(all, *minSim) {
		fmt.Fprintf(w, "# %.2f %q (%s) and %q (%s), %s %s\n%s\t%s\n", d.Similarity, d.From.Name, d.From.ID, d.Into.Name, d.Into.ID,
			orNone(d.Into.Country), d.Into.Kind, d.From.ID, d.Into.ID)
	}
	return w.Flush()
}

func orNone(s string) string {
	if s == "" {
		return "(no country)"
	}
	return s
}

// Duplicate is a pair of actors that are likely one: From is to be merged into Into.
type Duplicate struct {
	From, Into graph.Actor
	Similarity float64
}

// Duplicates finds the likely duplicates among actors: pairs of the same kind and country whose
// names (or aliases) are at least minSim alike by names.Similarity, or of which one's name is the
// surname or a short form of the other's (names.Refers). States and their organs are left out:
// their ids are fixed. The actor with a QID, else with the longer name, is the one kept.
func Duplicates(actors []graph.Actor, minSim float64) []Duplicate {
	type block struct{ kind, country, initial string }
	blocks := map[block][]int{}
	for i, a := range actors {
		if a.Kind == graph.KindState || a.Kind == graph.KindGovernment && len(a.ID) == 7 && a.ID[3] == '-' {
			continue
		}
		k := names.Key(names.Surname(a.Name))
		if k == "" {
			continue
		}
		b := block{string(a.Kind), a.Country, k[:1]}
		blocks[b] = append(blocks[b], i)
	}
	var out []Duplicate
	for _, ix := range blocks {
		for x := 0; x < len(ix); x++ {
			for y := x + 1; y < len(ix); y++ {
				a, b := actors[ix[x]], actors[ix[y]]
				sim := nameSimilarity(a, b)
				if sim < minSim {
					continue
				}
				if keep(b, a) {
					a, b = b, a
				}
				out = append(out, Duplicate{From: b, Into: a, Similarity: sim})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Similarity != out[j].Similarity {
			return out[i].Similarity > out[j].Similarity
		}
		return out[i].From.ID < out[j].From.ID
	})
	return out
}

// nameSimilarity is the best names.Similarity between the names of two actors, 1 when one's
// name refers to the other's (a surname, a short form).
func nameSimilarity(a, b graph.Actor) float64 {
	best := 0.0
	for _, n := range append([]string{a.Name}, a.Aliases...) {
		for _, m := range append([]string{b.Name}, b.Aliases...) {
			if a.Kind == graph.KindPerson && (names.Refers(n, m) || names.Refers(m, n)) {
				return 1
			}
			best = max(best, names.Similarity(n, m))
		}
	}
	return best
}

// keep reports whether a rather than b should be the id kept: a has a QID and b none, or a
// name of more words or letters, or (a tie) the smaller id.
func keep(a, b graph.Actor) bool {
	if (a.QID != "") != (b.QID != "") {
		return a.QID != ""
	}
	if la, lb := len(strings.Fields(a.Name)), len(strings.Fields(b.Name)); la != lb {
		return la > lb
	}
	if len(a.Name) != len(b.Name) {
		return len(a.Name) > len(b.Name)
	}
	return a.ID < b.ID
}
