package loader_test

import (
	"slices"
	"testing"

	"github.com/dyadgraph/dyad/loader"
)

func TestSentencesExported(t *testing.T) {
	text := "Russia invaded Ukraine. U.S. National Security Advisor Jake Sullivan spoke on Jan. 5 in Brussels! " +
		"“Enough,” he said. Gen. Smith agreed? Yes.\nA caption line without a stop\n\n" +
		"The talks end at 5 p.m. today. Then 12 states signed. J. Doe left."
	want := []string{
		"Russia invaded Ukraine.",
		"U.S. National Security Advisor Jake Sullivan spoke on Jan. 5 in Brussels!",
		"“Enough,” he said.",
		"Gen. Smith agreed?",
		"Yes.",
		"A caption line without a stop",
		"The talks end at 5 p.m. today.",
		"Then 12 states signed.",
		"J. Doe left.",
	}
	if got := loader.Sentences(text); !slices.Equal(got, want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}
