package actors_test

import (
	"testing"

	"github.com/dyadgraph/dyad/loader/actors"
)

func TestResolveWholeNames(t *testing.T) {
	g, err := actors.LoadGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"NATO":                               "igo/nato",
		"North Atlantic Treaty Organization": "igo/nato",
		"the Kremlin":                        "RUS-GOV",
		"Russia":                             "RUS",
		"United States":                      "USA",
		"Ukraine.":                           "UKR",
	} {
		a, ok := g.Resolve(name)
		if !ok || a.ID != want {
			t.Errorf("Resolve(%q) = %q, %v; want %q", name, a.ID, ok, want)
		}
	}
	for _, name := range []string{"", "Russia and Ukraine", "nobody in particular", "nato"} {
		if a, ok := g.Resolve(name); ok {
			t.Errorf("Resolve(%q) = %q, want no actor", name, a.ID)
		}
	}
}
