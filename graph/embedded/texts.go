package embedded

import (
	"context"
)

// bucketTexts holds each article's text by article id, apart from its record in the articles
// bucket, so that listing articles reads no text. It is made on the first Save that writes one,
// so that stores written before texts were kept open unchanged (their articles have none).
var bucketTexts = []byte("texts")

// putText replaces the article's text; "" removes it.
func (w *writer) putText(id, text string) error {
	if text == "" {
		if b := w.tx.Bucket(bucketTexts); b != nil {
			return b.Delete([]byte(id))
		}
		return nil
	}
	b, err := w.tx.CreateBucketIfNotExists(bucketTexts)
	if err != nil {
		return err
	}
	return b.Put([]byte(id), []byte(text))
}

// ArticleText returns the article's text; see graph.Store.
func (s *Store) ArticleText(ctx context.Context, id string) (string, bool, error) {
	var text string
	var ok bool
	err := s.view(ctx, func(r *reader) error {
		if b := r.tx.Bucket(bucketTexts); b != nil {
			if v := b.Get([]byte(id)); v != nil {
				text, ok = string(v), true
			}
		}
		return nil
	})
	return text, ok, err
}
