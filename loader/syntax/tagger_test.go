package syntax

import (
	"strings"
	"testing"

	"github.com/jdkato/prose/v2"
)

// sentences written for these tests
var sentences = []string{
	"The ministry said troops killed in the fighting were buried on Monday.",
	"Ukraine's allies pledged more air defence systems after a wave of strikes.",
	"The strike on the port was condemned by the government, which demanded an inquiry.",
	"Police detained dozens of protesters who marched on parliament.",
	"Officials will hold talks in Cairo next week to reach a ceasefire deal.",
}

// The tagger runs prose's model with prose's features: on prose's own tokens it must give
// prose's tags.
func TestSameTagsAsProse(t *testing.T) {
	tg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sentences {
		doc, err := prose.NewDocument(s, prose.WithSegmentation(false), prose.WithExtraction(false))
		if err != nil {
			t.Fatal(err)
		}
		var words, want []string
		for _, tok := range doc.Tokens() {
			words = append(words, tok.Text)
			want = append(want, tok.Tag)
		}
		got := make([]string, len(words))
		tg.Tag(words, got)
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%q:\n got  %v\n want %v", s, got, want)
		}
	}
}

func TestTagsOfConstructions(t *testing.T) {
	tg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		words string
		i     int
		want  string
	}{
		{"The strike hit the port .", 1, "NN"},                   // a noun, not a verb
		{"Workers will strike for higher pay .", 2, "VB"},        // a verb
		{"Soldiers killed in the war were honoured .", 1, "VBN"}, // a reduced relative
		{"Russia attacked Kyiv .", 1, "VBD"},
	} {
		words := strings.Fields(c.words)
		tags := make([]string, len(words))
		tg.Tag(words, tags)
		if tags[c.i] != c.want {
			t.Errorf("%q: word %q tagged %s, want %s (%v)", c.words, words[c.i], tags[c.i], c.want, tags)
		}
	}
}

func BenchmarkTag(b *testing.B) {
	tg, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	var words []string
	for _, s := range sentences {
		words = append(words, strings.Fields(s)...)
	}
	tags := make([]string, len(words))
	b.ResetTimer()
	for b.Loop() {
		tg.Tag(words, tags)
	}
	b.ReportMetric(float64(b.N*len(words))/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkProse tags the same text with prose's own pipeline (its tokenizer and tagger, the
// model loaded once), for a ratio within one run.
func BenchmarkProse(b *testing.B) {
	text := strings.Join(sentences, " ")
	model := prose.ModelFromData("bench")
	n := 0
	for b.Loop() {
		doc, _ := prose.NewDocument(text, prose.WithSegmentation(false), prose.WithExtraction(false), prose.UsingModel(model))
		n += len(doc.Tokens())
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "tokens/s")
}

// CommonWord tells everyday words from names the model knows and from words it never saw.
func TestCommonWord(t *testing.T) {
	tg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for w, want := range map[string]bool{"nice": true, "reading": true, "Split": true, "mobile": true,
		"chicago": false, "Boston": false, "kharkiv": false, "zaporizhzhia": false} {
		if got := tg.CommonWord(w); got != want {
			t.Errorf("CommonWord(%q) = %v, want %v", w, got, want)
		}
	}
}
