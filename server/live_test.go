package server_test

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/dyadgraph/dyad/loader"
	"github.com/dyadgraph/dyad/server"
)

const liveQuery = `subscription Live($actors: [ID!]) { claimAdded(actors: $actors) {
  claim { id type cameo quad negated source { id } target { id } article { id } }
  relation { id count } } }`

// claimAddedEvent is one claimAdded answer.
type claimAddedEvent struct {
	Data struct {
		ClaimAdded struct {
			Claim struct {
				ID, Type, Cameo, Quad string
				Source, Target        struct{ ID string }
				Article               struct{ ID string }
			}
			Relation struct {
				ID    string
				Count int
			}
		}
	}
	Errors []gqlError
}

// The claims that POST /ingest saves reach a subscription as they are saved, over server-sent
// events and over a websocket, only those of the actors followed, each with its relation.
func TestClaimAddedSubscription(t *testing.T) {
	const token = "live-token"
	ts := httptest.NewServer(server.New(openStore(t), server.WithLogger(testLogger(t)),
		server.WithIngest(loader.NewRuleExtractor(nil), token)))
	defer ts.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	// Server-sent events: a POST that accepts text/event-stream.
	body, _ := json.Marshal(map[string]any{"query": liveQuery, "variables": map[string]any{"actors": []string{"UKR"}}})
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, ts.URL+"/graphql", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "text/event-stream")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		t.Fatalf("subscribing over SSE: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	sse := make(chan claimAddedEvent, 10)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				var ev claimAddedEvent
				if json.Unmarshal([]byte(data), &ev) == nil {
					sse <- ev
				}
			}
		}
		close(sse)
	}()

	// A websocket, graphql-transport-ws.
	ws, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(ts.URL, "http")+"/graphql",
		&websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}})
	if err != nil {
		t.Fatal(err)
	}
	defer ws.CloseNow()
	send := func(v any) {
		b, _ := json.Marshal(v)
		if err := ws.Write(ctx, websocket.MessageText, b); err != nil {
			t.Fatal(err)
		}
	}
	read := func() map[string]json.RawMessage {
		_, b, err := ws.Read(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]json.RawMessage
		json.Unmarshal(b, &m)
		return m
	}
	send(map[string]any{"type": "connection_init"})
	if m := read(); string(m["type"]) != `"connection_ack"` {
		t.Fatalf("websocket: %v", m)
	}
	send(map[string]any{"id": "1", "type": "subscribe", "payload": map[string]any{"query": liveQuery,
		"variables": map[string]any{"actors": []string{"UKR"}}}})
	time.Sleep(300 * time.Millisecond) // both subscriptions registered before the saves

	// An article about others first, then one about Ukraine: only the second is announced.
	for _, text := range []string{
		"France and Germany\nFrance criticised Germany over its budget on Monday.",
		"Kyiv appeals\nUkraine urged the United States to send more air defence systems.",
	} {
		if code, rep := postIngest(t, ts.URL, "format=text&name=a.txt", "text/plain", token, text); code != 200 {
			t.Fatalf("POST /ingest: %d %v", code, rep)
		}
	}
	check := func(how string, ev claimAddedEvent) {
		c := ev.Data.ClaimAdded
		if len(ev.Errors) > 0 || c.Claim.Source.ID != "UKR" && c.Claim.Target.ID != "UKR" {
			t.Errorf("%s: an event of other actors: %+v", how, ev)
		}
		if c.Claim.Type != "REQUEST" || c.Claim.Cameo != "020" || c.Claim.Quad != "VERBAL_COOPERATION" ||
			c.Relation.ID != "UKR|REQUEST|USA" || c.Relation.Count != 1 {
			t.Errorf("%s: %+v; want Ukraine's appeal to the United States, an appeal (020, verbal cooperation), with its relation", how, c)
		}
	}
	select {
	case ev, ok := <-sse:
		if !ok {
			t.Fatal("SSE: the stream ended")
		}
		check("SSE", ev)
	case <-ctx.Done():
		t.Fatal("SSE: no event")
	}
	m := read()
	if string(m["type"]) != `"next"` {
		t.Fatalf("websocket: %v", m)
	}
	var ev claimAddedEvent
	if err := json.Unmarshal(m["payload"], &ev); err != nil {
		t.Fatal(err)
	}
	check("websocket", ev)

	// A subscription with a bad filter is refused at once.
	bad, _ := json.Marshal(map[string]any{"query": `subscription { claimAdded(filter: { minConfidence: 2 }) { claim { id } } }`})
	req, _ = http.NewRequestWithContext(ctx, http.MethodPost, ts.URL+"/graphql", strings.NewReader(string(bad)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "text/event-stream")
	resp2, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp2.Body.Close()
	sc := bufio.NewScanner(resp2.Body)
	refused := false
	for sc.Scan() {
		if strings.Contains(sc.Text(), "BAD_USER_INPUT") {
			refused = true
			break
		}
	}
	if !refused {
		t.Errorf("a subscription with minConfidence 2 was not refused with BAD_USER_INPUT")
	}
}
