package graph

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestQuadsFollowPLOVERCodebook reads each event type's "Quad category" from the PLOVER
// codebook in ../shared/lexicons and checks that Types agrees with it for all sixteen.
func TestQuadsFollowPLOVERCodebook(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "lexicons", "PLOVER_MANUAL.tex")
	data, err := os.ReadFile(path)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true needs the PLOVER codebook: %v", err)
		}
		t.Skipf("the PLOVER codebook is not at %s: %v", path, err)
	}
	section := regexp.MustCompile(`^\\section\{([A-Z]+)\}`)
	quad := regexp.MustCompile(`^\\subsection\{Quad category: ([A-Z ]+)\}`)
	found := map[RelationType]Quad{}
	current := RelationType("")
	for _, line := range strings.Split(string(data), "\n") {
		if m := section.FindStringSubmatch(line); m != nil {
			current = RelationType(m[1])
		}
		if m := quad.FindStringSubmatch(line); m != nil && current.Valid() {
			found[current] = Quad(strings.ReplaceAll(strings.TrimSpace(m[1]), " ", "_"))
		}
	}
	for _, info := range Types {
		if info.Type == Affiliation {
			continue
		}
		want, ok := found[info.Type]
		if !ok {
			t.Errorf("the codebook gives no quad for %s", info.Type)
			continue
		}
		if info.Quad != want {
			t.Errorf("%s is %s here, %s in the codebook", info.Type, info.Quad, want)
		}
	}
}

// TestClaimVocabularyFollowsPredicate checks that a claim's CAMEO code, quad and score follow
// the code its predicate was given, not its type alone.
func TestClaimVocabularyFollowsPredicate(t *testing.T) {
	cases := []struct {
		claim     Claim
		cameo     string
		quad      Quad
		goldstein float64
	}{
		{Claim{Type: Request, CAMEO: "020"}, "020", VerbalCooperation, 3.0},     // appeals to
		{Claim{Type: Request, CAMEO: "023"}, "023", VerbalCooperation, 3.0},     // appeals for aid
		{Claim{Type: Request, CAMEO: "100"}, "100", VerbalConflict, -5.0},       // demands
		{Claim{Type: Request}, "10", VerbalConflict, -5.0},                      // no code: the type's root
		{Claim{Type: Concede, CAMEO: "081"}, "081", VerbalCooperation, 5.0},     // eases restrictions
		{Claim{Type: Retreat, CAMEO: "0874"}, "0874", MaterialCooperation, 5.0}, // withdraws
		{Claim{Type: Concede, CAMEO: "080"}, "080", VerbalCooperation, 5.0},     // 080 says no more than the type
		{Claim{Type: Retreat, CAMEO: "080"}, "080", MaterialCooperation, 5.0},
		{Claim{Type: Accuse, CAMEO: "090"}, "090", VerbalConflict, -2.0},
		{Claim{Type: Assault, CAMEO: "183"}, "183", MaterialConflict, -9.0},
		{Claim{Type: Affiliation}, "", "", 0},
	}
	for _, c := range cases {
		if got := ClaimCAMEO(c.claim); got != c.cameo {
			t.Errorf("%s %q: CAMEO %q, want %q", c.claim.Type, c.claim.CAMEO, got, c.cameo)
		}
		if got := ClaimQuad(c.claim); got != c.quad {
			t.Errorf("%s %q: quad %q, want %q", c.claim.Type, c.claim.CAMEO, got, c.quad)
		}
		if got := ClaimGoldstein(c.claim); got != c.goldstein {
			t.Errorf("%s %q: Goldstein %v, want %v", c.claim.Type, c.claim.CAMEO, got, c.goldstein)
		}
	}
	for _, info := range Types {
		if info.Type == Affiliation {
			continue
		}
		c := Claim{Type: info.Type, CAMEO: info.CAMEO}
		if got := ClaimGoldstein(c); got != info.Cooperation {
			t.Errorf("%s at its own root scores %v, but the type scores %v", info.Type, got, info.Cooperation)
		}
	}
}
