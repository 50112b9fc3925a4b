package server_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/dyadgraph/dyad/loader"
	"github.com/dyadgraph/dyad/server"
)

// An article loaded through the server keeps its text, and its claims' offsets point into it.
func TestArticleTextHoldsTheClaimsEvidence(t *testing.T) {
	const token = "s3cret-token"
	store := openStore(t)
	h := server.New(store, server.WithLogger(testLogger(t)), server.WithIngest(loader.NewRuleExtractor(nil), token))
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	text := "Kyiv — “Talks” resumed on Monday.\n\nRussia attacked Ukraine on Tuesday. France pledged support for Ukraine."
	body := `{"id": "t1", "title": "Attack", "published": "2024-05-01", "text": "Kyiv — “Talks” resumed on Monday.\n\nRussia attacked Ukraine on Tuesday. France pledged support for Ukraine."}` + "\n"
	if code, out := postIngest(t, ts.URL, "name=a.jsonl", "application/x-ndjson", token, body); code != http.StatusOK || out["articles"] != 1.0 {
		t.Fatalf("ingest: %d %v", code, out)
	}
	c := newClient(t, store)
	type article = struct {
		Text       string
		TextLength int
		Middle     string
		Past       string
		Claims     []struct {
			Sentence   string
			Start, End int
		}
	}
	var resp struct {
		Articles struct{ Nodes []article }
	}
	mustQuery(t, c, `{ articles(filter: {ids: ["t1"]}) { nodes { text textLength middle: text(offset: 5, length: 8) past: text(offset: 500)
		claims { sentence start end } } } }`, &resp)
	if len(resp.Articles.Nodes) != 1 {
		t.Fatalf("articles: %+v", resp)
	}
	a := resp.Articles.Nodes[0]
	runes := []rune(text)
	if a.Text != text || a.TextLength != len(runes) {
		t.Fatalf("text %q (%d code points), want %q (%d)", a.Text, a.TextLength, text, len(runes))
	}
	if want := string(runes[5:13]); a.Middle != want {
		t.Errorf("text(offset: 5, length: 8) = %q, want %q", a.Middle, want)
	}
	if a.Past != "" {
		t.Errorf("text past the end = %q, want empty", a.Past)
	}
	if len(a.Claims) == 0 {
		t.Fatal("no claims extracted")
	}
	for _, cl := range a.Claims {
		if got := string(runes[cl.Start:cl.End]); got != cl.Sentence {
			t.Errorf("text[%d:%d] = %q, want the claim's sentence %q", cl.Start, cl.End, got, cl.Sentence)
		}
	}
	wantCode(t, c, `{ articles(filter: {ids: ["t1"]}) { nodes { text(length: 100001) } } }`, "BAD_USER_INPUT")
}
