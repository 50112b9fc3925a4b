package loader

import (
	"context"
	"testing"
	"unicode/utf8"
)

// FuzzExtract checks that no text makes the extractor panic or produce offsets outside the
// text. Run it with `go test ./loader -fuzz FuzzExtract`; without -fuzz it runs the seeds.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"", "U.S.", "(", "“", "’s", "Iran-", "-backed", "NATO, U.S. pledge Ukraine support and warn Russia.",
		"(Russian President Vladimir) Putin", "Kofi Annan, the", "the two countries", "X must", "said:",
		"Secretary-General", "President", "Iran must reign in its proxies, referring to the", "between Russia and",
		"Fazl-ur-", "US $", "\n\n\n", "Click to play video: 'x'\nx\n", "force the UN refugee agency, UNHCR,",
	} {
		f.Add(s)
	}
	g, err := LoadGazetteer()
	if err != nil {
		f.Fatal(err)
	}
	ex := NewRuleExtractor(g)
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		x, err := ex.Extract(context.Background(), Document{ID: "f", Text: text})
		if err != nil {
			t.Fatal(err)
		}
		n := utf8.RuneCountInString(text)
		for _, c := range x.Claims {
			if c.Start < 0 || c.End > n || c.Start > c.End {
				t.Fatalf("offsets %d-%d outside a text of %d code points", c.Start, c.End, n)
			}
		}
		if _, err := ContractLine(x); err != nil {
			t.Fatal(err)
		}
	})
}
