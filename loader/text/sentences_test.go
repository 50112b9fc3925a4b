package text

import (
	"reflect"
	"testing"
)

func sentenceTexts(text string) []string {
	toks := Tokenize(text)
	var out []string
	for _, s := range splitSentences(text, toks) {
		out = append(out, text[s.Start:s.End])
	}
	return out
}

func TestSplitSentences(t *testing.T) {
	cases := []struct {
		name string
		text string
		want []string
	}{
		{"acronym inside", "The U.S. and the U.K. agreed. Then they left.",
			[]string{"The U.S. and the U.K. agreed.", "Then they left."}},
		{"acronym at end", "Aid came from the U.S. The next day it stopped.",
			[]string{"Aid came from the U.S.", "The next day it stopped."}},
		{"acronym before a name", "The U.S. Navy said so.", []string{"The U.S. Navy said so."}},
		{"titles", "Gen. Mark Milley met Mr. Smith and Dr. Jones. They talked.",
			[]string{"Gen. Mark Milley met Mr. Smith and Dr. Jones.", "They talked."}},
		{"initials", "George W. Bush and J. R. Smith spoke. Nobody listened.",
			[]string{"George W. Bush and J. R. Smith spoke.", "Nobody listened."}},
		{"decimals", "Growth was 3.5 percent. Inflation fell.", []string{"Growth was 3.5 percent.", "Inflation fell."}},
		{"closing quotes", "“We will win,” he said. “No doubt.” Then silence.",
			[]string{"“We will win,” he said.", "“No doubt.”", "Then silence."}},
		{"question in quote", "“Why now?” she asked. Nobody knew.", []string{"“Why now?” she asked.", "Nobody knew."}},
		{"ellipsis inside", "We saw unity … that has not flagged. Good.", []string{"We saw unity … that has not flagged.", "Good."}},
		{"paragraphs", "A headline without a period\n\nThe body starts here.", []string{"A headline without a period", "The body starts here."}},
		{"wrapped line", "Russia attacked\nthe city at night.", []string{"Russia attacked\nthe city at night."}},
		{"month abbreviation", "On Feb. 6 the talks began. They ended.", []string{"On Feb. 6 the talks began.", "They ended."}},
		{"lower case after period", "He cited e.g. the treaty. It held.", []string{"He cited e.g. the treaty.", "It held."}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := sentenceTexts(c.text); !reflect.DeepEqual(got, c.want) {
				t.Errorf("%q:\n got %q\nwant %q", c.text, got, c.want)
			}
		})
	}
}

func TestTokenize(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"Russia’s invasion", []string{"russia", "'s", "invasion"}},
		{"the allies’ ability", []string{"the", "allies", "'s", "ability"}},
		{"U.S.-Soviet talks", []string{"u.s.", "-", "soviet", "talks"}},
		{"Tehran-backed militias", []string{"tehran", "-", "backed", "militias"}},
		{"we’re not O'Brien's", []string{"we're", "not", "o'brien", "'s"}},
		{"‘miscalculate’ now", []string{"'", "miscalculate", "'", "now"}},
		{"25,000 tons and 3.5%", []string{"25,000", "tons", "and", "3.5", "%"}},
		{"Gen. Milley", []string{"gen.", "milley"}},
	}
	for _, c := range cases {
		var got []string
		for _, tk := range Tokenize(c.text) {
			got = append(got, tk.Lower)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("tokenize(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}
