package events

import (
	"bytes"
	"testing"

	"github.com/dyadgraph/dyad/loader/classify"
)

// BenchmarkLoadModel measures reading the built-in claim model, as the first extraction that
// uses it does (issue 15 asks for less than 200 ms).
func BenchmarkLoadModel(b *testing.B) {
	for b.Loop() {
		if _, err := classify.Read(bytes.NewReader(builtinModel)); err != nil {
			b.Fatal(err)
		}
	}
}
