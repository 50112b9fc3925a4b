package loader_test

import (
	"os"
	"strings"
	"testing"
)

// TestGazetteerDataQIDs checks data/qids.tsv: its header, QIDs of the right form, ids that the
// people and actors files know, and no QID given twice, there or in countries.tsv and actors.tsv.
func TestGazetteerDataQIDs(t *testing.T) {
	const path = "data/qids.tsv"
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	table, errs := gazdataParse(path, f, []string{"id", "qid"})
	for _, err := range errs {
		t.Error(err)
	}
	known := map[string]bool{}
	taken := map[string]string{} // qid -> where
	for _, file := range []struct {
		name   string
		header []string
		qid    int // column of the qid, or -1
	}{
		{"data/people.tsv", []string{"id", "name", "aliases", "roles"}, -1},
		{"data/people-recent.tsv", []string{"id", "name", "aliases", "roles"}, -1},
		{gazdataActorsFile, gazdataActorsHeader, 4},
		{gazdataCountriesFile, gazdataCountriesHeader, 7},
	} {
		r, err := os.Open(file.name)
		if err != nil {
			t.Fatal(err)
		}
		tab, _ := gazdataParse(file.name, r, file.header)
		r.Close()
		for _, row := range tab.rows {
			known[row.fields[0]] = true
			if file.qid >= 0 && row.fields[file.qid] != "" {
				taken[row.fields[file.qid]] = file.name
			}
		}
	}
	for _, row := range table.rows {
		id, qid := row.fields[0], row.fields[1]
		if !known[id] {
			t.Errorf("%s:%d: %s is in no people or actors file", path, row.line, id)
		}
		if !gazdataQID.MatchString(qid) {
			t.Errorf("%s:%d: qid %q does not match %s", path, row.line, qid, gazdataQID)
		}
		if where, dup := taken[qid]; dup {
			t.Errorf("%s:%d: qid %s of %s is also given in %s", path, row.line, qid, id, where)
		}
		taken[qid] = path
		if !strings.HasPrefix(id, "person/") && !strings.Contains(id, "/") {
			t.Errorf("%s:%d: %s is not a person or actor id", path, row.line, id)
		}
	}
	t.Logf("%d QIDs", len(table.rows))
}
