package graphtest

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/dyadgraph/dyad/graph"
)

// testState checks graph.StateKeeper: values round-trip, are replaced, are kept apart by key,
// and stay out of the graph.
func testState(t *testing.T, s graph.Store) {
	sk, ok := s.(graph.StateKeeper)
	if !ok {
		t.Fatalf("%T does not implement graph.StateKeeper", s)
	}
	ctx := context.Background()
	if v, err := sk.LoadState(ctx, "watch:feed-a"); err != nil || v != nil {
		t.Fatalf("LoadState of nothing = %q, %v; want nil, nil", v, err)
	}
	for _, v := range [][]byte{[]byte(`{"etag":"\"1\""}`), []byte(`{"etag":"\"2\"","items":{}}`)} {
		if err := sk.SaveState(ctx, "watch:feed-a", v); err != nil {
			t.Fatalf("SaveState: %v", err)
		}
		if got, err := sk.LoadState(ctx, "watch:feed-a"); err != nil || !bytes.Equal(got, v) {
			t.Fatalf("LoadState = %q, %v; want %q", got, err, v)
		}
	}
	if err := sk.SaveState(ctx, "watch:feed-b", []byte("b")); err != nil {
		t.Fatal(err)
	}
	if got, _ := sk.LoadState(ctx, "watch:feed-a"); !bytes.Equal(got, []byte(`{"etag":"\"2\"","items":{}}`)) {
		t.Errorf("saving another key changed this one: %q", got)
	}
	if err := sk.SaveState(ctx, "", []byte("x")); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("SaveState without a key: %v, want ErrInvalid", err)
	}
	if err := sk.SaveState(ctx, "big", make([]byte, graph.MaxStateBytes+1)); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("SaveState over MaxStateBytes: %v, want ErrInvalid", err)
	}
	if st, err := s.Stats(ctx); err != nil || st != (graph.Stats{}) {
		t.Errorf("states show in Stats: %+v, %v", st, err)
	}
}

// testArticleText checks that an article's text is kept with it, replaced with it, and stays
// out of the article's description and of listings.
func testArticleText(t *testing.T, s graph.Store) {
	ctx := context.Background()
	batch := Fixture()
	text := "Kyiv — NATO’s chief pledged support on Saturday.\n\nA second paragraph, with “quotes”."
	batch[0].Text = text
	mustSave(t, s, batch)
	id := batch[0].Article.ID
	if got, ok, err := s.ArticleText(ctx, id); err != nil || !ok || got != text {
		t.Fatalf("ArticleText(%s) = %q, %v, %v; want the text saved", id, got, ok, err)
	}
	if got, ok, err := s.ArticleText(ctx, batch[1].Article.ID); err != nil || ok || got != "" {
		t.Errorf("ArticleText of an article saved without text = %q, %v, %v; want none", got, ok, err)
	}
	if _, ok, err := s.ArticleText(ctx, "no-such-article"); err != nil || ok {
		t.Errorf("ArticleText of no article = %v, %v; want none", ok, err)
	}
	if a, err := s.Article(ctx, id); err != nil || !graph.SameArticle(a, batch[0].Article) {
		t.Errorf("Article(%s) = %+v, %v; want it as saved", id, a, err)
	}
	// Saved again with another text, then without: replaced, then gone.
	again := batch[0]
	again.Text = "Another version of the text."
	mustSave(t, s, []graph.Extraction{again})
	if got, _, _ := s.ArticleText(ctx, id); got != again.Text {
		t.Errorf("after saving another text, ArticleText = %q", got)
	}
	again.Text = ""
	mustSave(t, s, []graph.Extraction{again})
	if _, ok, _ := s.ArticleText(ctx, id); ok {
		t.Error("after saving the article without text, its old text is still there")
	}
	if st, err := s.Stats(ctx); err != nil || st.Articles != len(batch) {
		t.Errorf("Stats = %+v, %v; want %d articles", st, err, len(batch))
	}
}
