package schema

import "github.com/dyadgraph/dyad/graph"

// Claim is a claim with the article it was found in: what the GraphQL type Claim shows.
type Claim struct {
	graph.Claim
	Article graph.Article
}

// ClaimOf turns a store's evidence into a Claim.
func ClaimOf(e graph.Evidence) Claim { return Claim{Claim: e.Claim, Article: e.Article} }

// Quad is the quad of the claim's CAMEO code (graph.ClaimQuad); nil for Affiliation.
func (c Claim) Quad() *graph.Quad {
	if q := graph.ClaimQuad(c.Claim); q != "" {
		return &q
	}
	return nil
}

// Goldstein is the Goldstein-scale score of the claim's CAMEO root (graph.ClaimGoldstein); nil
// for Affiliation.
func (c Claim) Goldstein() *float64 {
	if c.Type == graph.Affiliation {
		return nil
	}
	g := graph.ClaimGoldstein(c.Claim)
	return &g
}
