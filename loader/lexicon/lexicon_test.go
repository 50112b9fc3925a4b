package lexicon

import "testing"

func TestVerbForms(t *testing.T) {
	cases := map[string][]string{
		"strike":  {"strike", "struck", "stricken", "strikes", "striking"},
		"ban":     {"ban", "bans", "banned", "banning"},
		"expel":   {"expelled", "expelling"},
		"urge":    {"urges", "urged", "urging"},
		"accuse":  {"accused"},
		"deny":    {"denies", "denied", "denying"},
		"visit":   {"visited", "visiting"},
		"meet":    {"met"},
		"fight":   {"fought"},
		"arm":     {"armed"},
		"finance": {"financed", "financing"},
	}
	for lemma, want := range cases {
		forms := map[string]bool{}
		for _, f := range verbForms(lemma) {
			forms[f] = true
		}
		for _, w := range want {
			if !forms[w] {
				t.Errorf("verbForms(%q) lacks %q: %v", lemma, w, verbForms(lemma))
			}
		}
	}
}
