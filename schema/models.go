package schema

import "github.com/dyadgraph/dyad/graph"

// Claim is a claim with the article it was found in: what the GraphQL type Claim shows.
type Claim struct {
	graph.Claim
	Article graph.Article
}

// ClaimOf turns a store's evidence into a Claim.
func ClaimOf(e graph.Evidence) Claim { return Claim{Claim: e.Claim, Article: e.Article} }
