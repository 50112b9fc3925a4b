package export

import "testing"

// A column added to a table must say what it means: the datapackage.json describes every one.
func TestEveryDescribedColumnHasAMeaning(t *testing.T) {
	for _, f := range Formats {
		for _, c := range f.columns {
			if about[c.name] == "" {
				t.Errorf("%s: column %q has no meaning in about (export/fields.go)", f.Name, c.name)
			}
		}
	}
}
