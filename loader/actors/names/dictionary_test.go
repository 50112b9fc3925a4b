package names

import (
	"bufio"
	"os"
	"sort"
	"strings"
	"testing"
)

// keyCollisionLimit bounds the pairs of dictionary records whose names share a Key but not a
// plain fold and that served no state or organisation in common: the merges of distinct people
// that the key's spelling rules add. (Pairs that served the same state are nearly all one
// person recorded twice, "Fouad Siniora" and "Fuad Siniora".) Measured when written: see
// TestKeyCollisionsInDictionary's log.
const keyCollisionLimit = 15

// dictionaryPeople reads the people of the loader's dictionaries: id -> name and aliases, and
// id -> the states and organisations served ("RUS", "igo/un"). A record of a later file
// replaces the earlier one with the same id, as the loader does.
func dictionaryPeople(t *testing.T) (people map[string][]string, served map[string]map[string]bool) {
	people, served = map[string][]string{}, map[string]map[string]bool{}
	for _, path := range []string{"../../data/people.tsv", "../../data/people-recent.tsv"} {
		for _, f := range dataRows(t, path, 4) {
			names := []string{f[1]}
			if f[2] != "" {
				names = append(names, strings.Split(f[2], ";")...)
			}
			people[f[0]] = names
			served[f[0]] = map[string]bool{}
			for _, r := range strings.Split(f[3], ";") {
				aff, _, _ := strings.Cut(r, ":")
				if len(aff) == 7 && aff[3] == '-' {
					aff = aff[:3] // RUS-GOV -> RUS
				}
				served[f[0]][aff] = true
			}
		}
	}
	return people, served
}

// dataRows reads the data lines of one of the loader's tab-separated files (comments and the
// header left out), each with the given number of columns. It skips the test when the file is
// not there, as after the loader's data moves.
func dataRows(t *testing.T, path string, columns int) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		t.Skipf("%s: not found (the data moved?)", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows [][]string
	sc := bufio.NewScanner(f)
	header := true
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if header {
			header = false
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) != columns {
			t.Fatalf("%s: %q: want %d columns", path, line, columns)
		}
		rows = append(rows, fields)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// collidingPairs returns the pairs of distinct people ("id1 id2", sorted) that share a key.
func collidingPairs(people map[string][]string, key func(string) string) map[string]string {
	byKey := map[string]map[string]bool{}
	for id, names := range people {
		for _, n := range names {
			k := key(n)
			if k == "" {
				continue
			}
			if byKey[k] == nil {
				byKey[k] = map[string]bool{}
			}
			byKey[k][id] = true
		}
	}
	pairs := map[string]string{}
	for k, ids := range byKey {
		var list []string
		for id := range ids {
			list = append(list, id)
		}
		sort.Strings(list)
		for i := range list {
			for j := i + 1; j < len(list); j++ {
				pairs[list[i]+" "+list[j]] = k
			}
		}
	}
	return pairs
}

// TestKeyCollisionsInDictionary measures how many distinct people of the dictionary (about
// 17,000) the key merges. The dictionary itself holds some people twice and some names that
// two people share; the key's own cost is the pairs it merges beyond a plain fold.
func TestKeyCollisionsInDictionary(t *testing.T) {
	people, served := dictionaryPeople(t)
	base := collidingPairs(people, Fold)
	keyed := collidingPairs(people, Key)
	var same, distinct []string
	for p, k := range keyed {
		if _, ok := base[p]; ok {
			continue
		}
		a, b, _ := strings.Cut(p, " ")
		shared := false
		for aff := range served[a] {
			shared = shared || served[b][aff]
		}
		if shared {
			same = append(same, p+" ("+k+")")
		} else {
			distinct = append(distinct, p+" ("+k+")")
		}
	}
	sort.Strings(same)
	sort.Strings(distinct)
	t.Logf("%d people; pairs sharing a folded name: %d; sharing a Key: %d; added by the key: %d, "+
		"of which %d served a state in common (one person recorded twice, nearly always) and %d did not",
		len(people), len(base), len(keyed), len(same)+len(distinct), len(same), len(distinct))
	for _, a := range distinct {
		t.Logf("  no state in common: %s", a)
	}
	if testing.Verbose() {
		for _, a := range same {
			t.Logf("  a state in common: %s", a)
		}
	}
	if len(distinct) > keyCollisionLimit {
		t.Errorf("Key merges %d pairs of dictionary people with no state in common beyond a plain fold, more than %d", len(distinct), keyCollisionLimit)
	}
}
