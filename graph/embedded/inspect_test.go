package embedded

import (
	"encoding/json"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/dyadgraph/dyad/graph"
)

// contents is everything a store file holds, read from its record buckets, for tests that
// check what a Save left.
type contents struct {
	articles      map[string]graph.Article
	claims        map[string]graph.Claim
	articleClaims map[string][]string // claim ids by article, from the index
	keys          map[graph.RelationKey]int
	adjacency     map[string]int // relation keys by actor
}

func inspect(t testing.TB, s *Store) contents {
	t.Helper()
	c := contents{articles: map[string]graph.Article{}, claims: map[string]graph.Claim{},
		articleClaims: map[string][]string{}, keys: map[graph.RelationKey]int{}, adjacency: map[string]int{}}
	err := s.db.View(func(tx *bolt.Tx) error {
		if err := tx.Bucket(bucketArticles).ForEach(func(k, v []byte) error {
			var a graph.Article
			err := json.Unmarshal(v, &a)
			c.articles[string(k)] = a
			return err
		}); err != nil {
			return err
		}
		byID := map[string]string{}
		tx.Bucket(bucketClaims).ForEach(func(k, v []byte) error {
			byID[string(k)] = string(v)
			return nil
		})
		if err := tx.Bucket(bucketArticleClaims).ForEach(func(k, v []byte) error {
			p := split(k)
			c.articleClaims[p[0]] = append(c.articleClaims[p[0]], p[1])
			var cl graph.Claim
			err := json.Unmarshal(v, &cl)
			c.claims[p[1]] = cl
			if byID[p[1]] != p[0] {
				t.Errorf("claim %q is under article %q, but its entry by id names %q", p[1], p[0], byID[p[1]])
			}
			return err
		}); err != nil {
			return err
		}
		if len(byID) != len(c.claims) {
			t.Errorf("%d claims have an entry by id, %d a record", len(byID), len(c.claims))
		}
		return tx.Bucket(bucketAdjacency).ForEach(func(k, v []byte) error {
			p := split(k)
			if len(p) == 5 { // a claim entry under its key's outgoing entry
				c.keys[graph.RelationKey{Source: p[0], Type: graph.RelationType(p[2]), Target: p[3]}]++
				return nil
			}
			c.adjacency[p[0]]++
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}
