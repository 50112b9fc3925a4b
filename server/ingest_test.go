package server_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/dyadgraph/dyad/loader"
	"github.com/dyadgraph/dyad/server"
)

// postIngest sends body to /ingest?query with the token (none when empty) and decodes the answer.
func postIngest(t *testing.T, url, query, contentType, token, body string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url+"/ingest?"+query, strings.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("POST /ingest answered %d, not JSON: %s", resp.StatusCode, raw)
	}
	return resp.StatusCode, out
}

func TestIngestEndpoint(t *testing.T) {
	const token = "s3cret-token"
	store := openStore(t)
	ts := httptest.NewServer(server.New(store, server.WithLogger(testLogger(t)),
		server.WithIngest(loader.NewRuleExtractor(nil), token)))
	t.Cleanup(ts.Close)
	jsonl := `{"id": "a1", "title": "Attack", "published": "2024-05-01", "text": "Russia attacked Ukraine on Monday."}
not json
{"id": "a2", "title": "Support", "text": "France pledged support for Ukraine."}
`

	t.Run("off", func(t *testing.T) {
		off := httptest.NewServer(server.New(store, server.WithLogger(testLogger(t))))
		defer off.Close()
		code, out := postIngest(t, off.URL, "", "application/x-ndjson", token, jsonl)
		if code != http.StatusForbidden || !strings.Contains(out["error"].(string), "ingest is off") {
			t.Errorf("without WithIngest: %d %v", code, out)
		}
	})
	t.Run("no token", func(t *testing.T) {
		code, out := postIngest(t, ts.URL, "", "application/x-ndjson", "", jsonl)
		if code != http.StatusUnauthorized {
			t.Errorf("without a token: %d %v", code, out)
		}
		code, _ = postIngest(t, ts.URL, "", "application/x-ndjson", token+"x", jsonl)
		if code != http.StatusUnauthorized {
			t.Errorf("with a wrong token: %d", code)
		}
	})
	t.Run("jsonl", func(t *testing.T) {
		code, out := postIngest(t, ts.URL, "name=feed.jsonl", "application/octet-stream", token, jsonl)
		if code != http.StatusOK || out["articles"] != 2.0 || out["failed"] != 1.0 || out["claims"].(float64) < 2 {
			t.Fatalf("JSONL with a bad line: %d %v", code, out)
		}
		errs := out["errors"].([]any)
		if len(errs) != 1 || !strings.HasPrefix(errs[0].(string), "feed.jsonl:2:") {
			t.Errorf("the bad line's error should name feed.jsonl:2: %v", errs)
		}
		if out["new"] != 2.0 || out["changed"] != 0.0 || out["unchanged"] != 0.0 {
			t.Errorf("a first ingest should count 2 new articles: %v", out)
		}
		// the same feed again changes nothing; a corrected title changes one article
		edited := strings.Replace(jsonl, `"title": "Support"`, `"title": "Support, corrected"`, 1)
		code, out = postIngest(t, ts.URL, "name=feed.jsonl", "application/x-ndjson", token, edited)
		if code != http.StatusOK || out["new"] != 0.0 || out["changed"] != 1.0 || out["unchanged"] != 1.0 {
			t.Errorf("the feed again with one title corrected: %d %v", code, out)
		}
	})
	t.Run("text", func(t *testing.T) {
		code, out := postIngest(t, ts.URL, "", "text/plain; charset=utf-8", token, "Sanctions\n\nThe European Union imposed sanctions on Iran.\n")
		if code != http.StatusOK || out["articles"] != 1.0 || out["failed"] != 0.0 {
			t.Fatalf("a text article: %d %v", code, out)
		}
	})
	t.Run("visible", func(t *testing.T) {
		c := newClient(t, store)
		data, errs := post(t, c, `{ stats { articles } relations(source: "RUS", target: "UKR") { nodes { type } } }`)
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		if !strings.Contains(string(data), `"articles":3`) || !strings.Contains(string(data), `"ASSAULT"`) {
			t.Errorf("after ingest the API answers %s", data)
		}
	})
	t.Run("bad format", func(t *testing.T) {
		code, out := postIngest(t, ts.URL, "format=xml", "text/plain", token, "x")
		if code != http.StatusBadRequest {
			t.Errorf("format=xml: %d %v", code, out)
		}
	})
}
