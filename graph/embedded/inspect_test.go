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
		if err := tx.Bucket(bucketClaims).ForEach(func(k, v []byte) error {
			var cl graph.Claim
			err := json.Unmarshal(v, &cl)
			c.claims[string(k)] = cl
			return err
		}); err != nil {
			return err
		}
		tx.Bucket(bucketArticleClaims).ForEach(func(k, v []byte) error {
			p := split(k)
			c.articleClaims[p[0]] = append(c.articleClaims[p[0]], p[1])
			return nil
		})
		tx.Bucket(bucketKeyClaims).ForEach(func(k, v []byte) error {
			key, _, _ := parseRelKey(k)
			c.keys[key]++
			return nil
		})
		return tx.Bucket(bucketAdjacency).ForEach(func(k, v []byte) error {
			c.adjacency[split(k)[0]]++
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}
