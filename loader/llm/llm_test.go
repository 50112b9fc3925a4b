package llm

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/loader"
)

// The test article: written for these tests, with furniture, typographic quotes and
// multi-byte letters ahead of the evidence, so that byte and code-point offsets differ.
const articleText = `Ministers from Zürich to Kyiv met on Monday.

Story continues below advertisement

NATO pledged new air defence systems to Ukraine on Monday, the alliance’s chief said in Brussels.

Russia’s forces shelled Kharkiv overnight, Ukrainian officials said. The Kremlin did not threaten Finland, a spokesman insisted.

Fighters of the Sable Crescent Front attacked a Malian army convoy near the border.`

var testPublished = time.Date(2024, 3, 4, 12, 0, 0, 0, time.UTC)

func testDoc() loader.Document {
	return loader.Document{ID: "a1", Title: "Ministers meet", Source: "test wire", Published: testPublished,
		Text: articleText, File: "wire.jsonl", Line: 7}
}

// mapResolver resolves names from a map, as the gazetteer would.
type mapResolver map[string]graph.Actor

func (m mapResolver) Resolve(text string) (graph.Actor, bool) {
	a, ok := m[text]
	return a, ok
}

var testResolver = mapResolver{
	"NATO":    {ID: "igo/nato", Name: "NATO", Kind: graph.KindIGO, QID: "Q7184"},
	"Ukraine": {ID: "UKR", Name: "Ukraine", Kind: graph.KindState, Country: "UKR"},
	"Russia":  {ID: "RUS", Name: "Russia", Kind: graph.KindState, Country: "RUS"},
	"Kremlin": {ID: "RUS/gov", Name: "Government of Russia", Kind: graph.KindGovernment, Country: "RUS"},
	"Finland": {ID: "FIN", Name: "Finland", Kind: graph.KindState, Country: "FIN"},
	"Mali":    {ID: "MLI", Name: "Mali", Kind: graph.KindState, Country: "MLI"},
}

// fakeEndpoint is an OpenAI-compatible chat-completions server whose answers a test scripts.
type fakeEndpoint struct {
	*httptest.Server
	mu       sync.Mutex
	bodies   []map[string]any
	headers  []http.Header
	paths    []string
	respond  func(n int, w http.ResponseWriter, r *http.Request, user string)
	finished chan struct{}
}

func newFake(t *testing.T, respond func(n int, w http.ResponseWriter, r *http.Request, user string)) *fakeEndpoint {
	t.Helper()
	f := &fakeEndpoint{respond: respond}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		var body map[string]any
		if err := json.Unmarshal(raw, &body); err != nil {
			t.Errorf("request body is not JSON: %v", err)
		}
		f.mu.Lock()
		n := len(f.bodies)
		f.bodies = append(f.bodies, body)
		f.headers = append(f.headers, r.Header.Clone())
		f.paths = append(f.paths, r.Method+" "+r.URL.Path)
		f.mu.Unlock()
		f.respond(n, w, r, userText(body))
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeEndpoint) requests() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.bodies)
}

// userText is the article text in a request: the user message after "TEXT:\n".
func userText(body map[string]any) string {
	msgs, _ := body["messages"].([]any)
	for _, m := range msgs {
		mm, _ := m.(map[string]any)
		if mm["role"] == "user" {
			s, _ := mm["content"].(string)
			_, text, _ := strings.Cut(s, "TEXT:\n")
			return text
		}
	}
	return ""
}

// answer writes a chat completion whose message content is content.
func answer(w http.ResponseWriter, content string) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{
		"id": "chatcmpl-1", "object": "chat.completion",
		"choices": []any{map[string]any{
			"index":         0,
			"message":       map[string]any{"role": "assistant", "content": content},
			"finish_reason": "stop",
		}},
	})
}

func relationsJSON(t *testing.T, rels ...relation) string {
	t.Helper()
	if rels == nil {
		rels = []relation{}
	}
	b, err := json.Marshal(output{Relations: rels})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// goodRelations is what a good model answers for articleText, plus the mistakes models make.
var goodRelations = []relation{
	{ // kept: the model straightened the apostrophe and doubled a space
		Source: "NATO", Target: "Ukraine", Type: "AID", Predicate: "pledged new air defence systems to",
		Sentence: "NATO pledged new air defence systems to Ukraine on Monday,  the alliance's chief said in Brussels.",
		Modality: "PLEDGED", Confidence: 0.9,
	},
	{ // kept, verbatim
		Source: "Russia's", Target: "Ukraine", Type: "assault", Predicate: "shelled",
		Sentence: "Russia’s forces shelled Kharkiv overnight, Ukrainian officials said.", Modality: "ASSERTED",
		Confidence: 0.8,
	},
	{ // kept, negated; "the Kremlin" resolves as "Kremlin"
		Source: "the Kremlin", Target: "Finland", Type: "THREATEN", Predicate: "did not threaten",
		Sentence: "The Kremlin did not threaten Finland, a spokesman insisted.", Negated: true,
		Modality: "ASSERTED", Confidence: 0.7,
	},
	{ // kept, with a candidate source
		Source: "the Sable Crescent Front", Target: "Mali", Type: "ASSAULT", Predicate: "attacked",
		Sentence: "Fighters of the Sable Crescent Front attacked a Malian army convoy near the border.",
		Modality: "ASSERTED", Confidence: 0.9,
	},
	{ // dropped: paraphrased evidence
		Source: "NATO", Target: "Ukraine", Type: "SUPPORT", Predicate: "promised",
		Sentence: "NATO promised air defences to Ukraine.", Modality: "PLEDGED", Confidence: 0.8,
	},
	{ // dropped: not a type
		Source: "NATO", Target: "Ukraine", Type: "PRAISE", Predicate: "pledged",
		Sentence: "NATO pledged new air defence systems to Ukraine on Monday, the alliance’s chief said in Brussels.",
		Modality: "ASSERTED", Confidence: 0.8,
	},
	{ // dropped: the same actor at both ends
		Source: "Russia", Target: "Russia’s", Type: "ACCUSE", Predicate: "said",
		Sentence: "Russia’s forces shelled Kharkiv overnight, Ukrainian officials said.", Modality: "ASSERTED",
	},
	{ // dropped: evidence too short to be a sentence
		Source: "Russia", Target: "Ukraine", Type: "ASSAULT", Predicate: "shelled",
		Sentence: "forces shelled", Modality: "ASSERTED", Confidence: 0.8,
	},
	{ // dropped: a repeat of the first
		Source: "NATO", Target: "Ukraine", Type: "AID", Predicate: "pledged new air defence systems to",
		Sentence: "NATO pledged new air defence systems to Ukraine on Monday, the alliance’s chief said in Brussels.",
		Modality: "PLEDGED", Confidence: 0.9,
	},
}

// newTest makes an Extractor for the fake, recording the waits between retries instead of
// sleeping through them.
func newTest(t *testing.T, f *fakeEndpoint, cfg Config, r ActorResolver) (*Extractor, *[]time.Duration) {
	t.Helper()
	cfg.BaseURL = f.URL + "/v1/"
	if cfg.Model == "" {
		cfg.Model = "test-model"
	}
	e, err := New(cfg, r)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	waits := &[]time.Duration{}
	e.sleep = func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		*waits = append(*waits, d)
		mu.Unlock()
		return ctx.Err()
	}
	return e, waits
}

func TestExtractGoodAnswer(t *testing.T) {
	f := newFake(t, func(_ int, w http.ResponseWriter, _ *http.Request, _ string) {
		answer(w, relationsJSON(t, goodRelations...))
	})
	e, _ := newTest(t, f, Config{APIKey: "sekret"}, testResolver)
	x, err := e.Extract(context.Background(), testDoc())
	if err != nil {
		t.Fatal(err)
	}

	// The request.
	if f.requests() != 1 {
		t.Fatalf("%d requests, want 1", f.requests())
	}
	body, hdr := f.bodies[0], f.headers[0]
	if f.paths[0] != "POST /v1/chat/completions" {
		t.Errorf("request to %q, want POST /v1/chat/completions", f.paths[0])
	}
	if got := hdr.Get("Authorization"); got != "Bearer sekret" {
		t.Errorf("Authorization %q, want Bearer sekret", got)
	}
	if body["model"] != "test-model" {
		t.Errorf("model %v, want test-model", body["model"])
	}
	rf, _ := body["response_format"].(map[string]any)
	js, _ := rf["json_schema"].(map[string]any)
	if rf["type"] != "json_schema" || js["strict"] != true || js["name"] == "" {
		t.Errorf("response_format = %v, want a strict json_schema", rf)
	}
	enum := dig(js, "schema", "properties", "relations", "items", "properties", "type", "enum")
	if list, _ := enum.([]any); len(list) != len(graph.Types) {
		t.Errorf("type enum %v, want the %d types", enum, len(graph.Types))
	}
	user := userText(body)
	if !strings.Contains(user, "NATO pledged new air defence systems to Ukraine") {
		t.Errorf("the article text is not in the request: %q", user)
	}
	if strings.Contains(user, "Story continues below advertisement") {
		t.Errorf("page furniture was sent to the model: %q", user)
	}

	// The claims.
	want := []struct {
		source, target string
		typ            graph.RelationType
		sentence       string
		negated        bool
		modality       graph.Modality
		confidence     float64
	}{
		{"igo/nato", "UKR", graph.Aid, "NATO pledged new air defence systems to Ukraine on Monday, the alliance’s chief said in Brussels.", false, graph.Pledged, 0.9},
		{"RUS", "UKR", graph.Assault, "Russia’s forces shelled Kharkiv overnight, Ukrainian officials said.", false, graph.Asserted, 0.8},
		{"RUS/gov", "FIN", graph.Threaten, "The Kremlin did not threaten Finland, a spokesman insisted.", true, graph.Asserted, 0.7},
		{"candidate/sable-crescent-front", "MLI", graph.Assault, "Fighters of the Sable Crescent Front attacked a Malian army convoy near the border.", false, graph.Asserted, 0.9 * CandidateFactor},
	}
	if len(x.Claims) != len(want) {
		t.Fatalf("%d claims, want %d: %+v", len(x.Claims), len(want), x.Claims)
	}
	runes := []rune(articleText)
	for i, w := range want {
		c := x.Claims[i]
		if c.Source != w.source || c.Target != w.target || c.Type != w.typ {
			t.Errorf("claim %d: %s %s %s, want %s %s %s", i, c.Source, c.Type, c.Target, w.source, w.typ, w.target)
		}
		if c.Sentence != w.sentence {
			t.Errorf("claim %d: sentence %q, want the document's own %q", i, c.Sentence, w.sentence)
		}
		if c.Start < 0 || c.End > len(runes) || string(runes[c.Start:c.End]) != w.sentence {
			t.Errorf("claim %d: offsets [%d,%d) do not hold its sentence", i, c.Start, c.End)
		}
		if c.Negated != w.negated || c.Modality != w.modality {
			t.Errorf("claim %d: negated %v modality %s, want %v %s", i, c.Negated, c.Modality, w.negated, w.modality)
		}
		// the ends' words are placed where the sentence holds them as written, and only there
		for _, end := range []struct {
			words    string
			from, to int
		}{{c.SourceText, c.SourceStart, c.SourceEnd}, {c.TargetText, c.TargetStart, c.TargetEnd}} {
			switch {
			case end.to > end.from && (end.from < c.Start || end.to > c.End || string(runes[end.from:end.to]) != end.words):
				t.Errorf("claim %d: offsets [%d,%d) do not hold %q", i, end.from, end.to, end.words)
			case end.to == end.from && strings.Contains(c.Sentence, end.words):
				t.Errorf("claim %d: %q is in the sentence, but has no offsets", i, end.words)
			}
		}
		if diff := c.Confidence - w.confidence; diff > 1e-9 || diff < -1e-9 {
			t.Errorf("claim %d: confidence %v, want %v", i, c.Confidence, w.confidence)
		}
		if c.CAMEO != w.typ.CAMEO() || c.CAMEO == "" {
			t.Errorf("claim %d: CAMEO %q, want %q", i, c.CAMEO, w.typ.CAMEO())
		}
		if c.Extractor != "llm" || c.ExtractorVers != "llm/test-model/p1" {
			t.Errorf("claim %d: extractor %q %q, want llm llm/test-model/p1", i, c.Extractor, c.ExtractorVers)
		}
		if c.ArticleID != "a1" || !c.Time.Equal(testPublished) || c.ID != graph.ClaimID(c) {
			t.Errorf("claim %d: article %q time %v id %q: want a1, the publication time and ClaimID", i, c.ArticleID, c.Time, c.ID)
		}
	}
	if c := x.Claims[0]; c.SourceEnd <= c.SourceStart || c.TargetEnd <= c.TargetStart {
		t.Errorf("claim 0: NATO and Ukraine are in its sentence, but their offsets are [%d,%d) and [%d,%d)", c.SourceStart, c.SourceEnd, c.TargetStart, c.TargetEnd)
	}
	if x.Claims[1].SourceText != "Russia's" || x.Claims[1].Predicate != "shelled" {
		t.Errorf("source text %q predicate %q, want them as the model wrote them", x.Claims[1].SourceText, x.Claims[1].Predicate)
	}

	// The actors: each once, resolved ones as the resolver gave them.
	var ids []string
	for _, a := range x.Actors {
		ids = append(ids, a.ID)
	}
	wantIDs := []string{"igo/nato", "UKR", "RUS", "RUS/gov", "FIN", "candidate/sable-crescent-front", "MLI"}
	if !slices.Equal(ids, wantIDs) {
		t.Errorf("actors %v, want %v", ids, wantIDs)
	}
	if x.Actors[0].QID != "Q7184" {
		t.Errorf("resolved actor %+v lost its fields", x.Actors[0])
	}
	if c := x.Actors[5]; c.Kind != graph.KindOther || c.Name != "Sable Crescent Front" {
		t.Errorf("candidate %+v, want kind OTHER named Sable Crescent Front", c)
	}
	if x.Article.ID != "a1" || x.Article.Title != "Ministers meet" {
		t.Errorf("article %+v", x.Article)
	}

	st := e.Stats()
	wantStats := Stats{Requests: 1, Relations: int64(len(goodRelations)), Claims: 4, DroppedEvidence: 2,
		DroppedType: 1, DroppedActors: 1, Duplicates: 1, Candidates: 1}
	if st != wantStats {
		t.Errorf("stats %+v, want %+v", st, wantStats)
	}
}

func dig(m map[string]any, keys ...string) any {
	var v any = m
	for _, k := range keys {
		mm, _ := v.(map[string]any)
		v = mm[k]
	}
	return v
}

func TestExtractUnwrapsFencesAndThinking(t *testing.T) {
	rel := goodRelations[2]
	for name, content := range map[string]string{
		"fenced":        "```json\n" + relationsJSON(t, rel) + "\n```",
		"prose+fence":   "Here are the relations:\n```\n" + relationsJSON(t, rel) + "\n```\nDone.",
		"think":         "<think>The Kremlin is the government.</think>\n" + relationsJSON(t, rel),
		"bare array":    "[" + strings.TrimSuffix(strings.TrimPrefix(relationsJSON(t, rel), `{"relations":[`), "}") + "",
		"no relations":  `{"relations": []}`,
		"spaced output": "\n\n  " + relationsJSON(t, rel) + "  \n",
	} {
		t.Run(name, func(t *testing.T) {
			f := newFake(t, func(_ int, w http.ResponseWriter, _ *http.Request, _ string) { answer(w, content) })
			e, _ := newTest(t, f, Config{}, testResolver)
			x, err := e.Extract(context.Background(), testDoc())
			if err != nil {
				t.Fatal(err)
			}
			want := 1
			if name == "no relations" {
				want = 0
			}
			if len(x.Claims) != want {
				t.Fatalf("%d claims, want %d", len(x.Claims), want)
			}
			if want == 1 && (x.Claims[0].Source != "RUS/gov" || x.Claims[0].Target != "FIN") {
				t.Errorf("claim %+v", x.Claims[0])
			}
		})
	}
}

func TestExtractMalformedOutput(t *testing.T) {
	for name, content := range map[string]string{
		"broken JSON":  `{"relations": [{"source": "NATO", "target": `,
		"not JSON":     "NATO supports Ukraine.",
		"empty":        "   ",
		"wrong shape":  `{"events": []}`,
		"wrong fields": `{"relations": [{"source": "NATO", "confidence": "high"}]}`,
	} {
		t.Run(name, func(t *testing.T) {
			f := newFake(t, func(_ int, w http.ResponseWriter, _ *http.Request, _ string) { answer(w, content) })
			e, _ := newTest(t, f, Config{}, testResolver)
			x, err := e.Extract(context.Background(), testDoc())
			if !errors.Is(err, ErrMalformedOutput) {
				t.Fatalf("error %v, want ErrMalformedOutput", err)
			}
			for _, part := range []string{"wire.jsonl:7", `article "a1"`} {
				if !strings.Contains(err.Error(), part) {
					t.Errorf("error %q does not name %s", err, part)
				}
			}
			if len(x.Claims) != 0 || f.requests() != 1 {
				t.Errorf("%d claims after %d requests; want none after one (malformed output is not retried)",
					len(x.Claims), f.requests())
			}
		})
	}
}

func TestExtractBadResponses(t *testing.T) {
	cases := map[string]struct {
		respond func(w http.ResponseWriter)
		want    error
	}{
		"html page":  {func(w http.ResponseWriter) { io.WriteString(w, "<html>proxy login</html>") }, ErrBadResponse},
		"no choices": {func(w http.ResponseWriter) { io.WriteString(w, `{"choices": []}`) }, ErrBadResponse},
		"cut off": {func(w http.ResponseWriter) {
			io.WriteString(w, `{"choices": [{"message": {"content": "{\"relations\": ["}, "finish_reason": "length"}]}`)
		}, ErrMalformedOutput},
		"refusal": {func(w http.ResponseWriter) {
			io.WriteString(w, `{"choices": [{"message": {"content": null, "refusal": "I cannot help"}, "finish_reason": "stop"}]}`)
		}, ErrMalformedOutput},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			f := newFake(t, func(_ int, w http.ResponseWriter, _ *http.Request, _ string) { tc.respond(w) })
			e, _ := newTest(t, f, Config{}, testResolver)
			_, err := e.Extract(context.Background(), testDoc())
			if !errors.Is(err, tc.want) {
				t.Fatalf("error %v, want %v", err, tc.want)
			}
			if f.requests() != 1 {
				t.Errorf("%d requests, want 1", f.requests())
			}
		})
	}
}

func TestExtractTimeout(t *testing.T) {
	f := newFake(t, func(_ int, w http.ResponseWriter, r *http.Request, _ string) {
		select { // a model that takes far longer than the timeout
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
		answer(w, `{"relations": []}`)
	})
	e, waits := newTest(t, f, Config{Timeout: 50 * time.Millisecond, MaxRetries: 2, RetryBackoff: time.Millisecond}, testResolver)
	_, err := e.Extract(context.Background(), testDoc())
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("error %v, want ErrTimeout", err)
	}
	if !strings.Contains(err.Error(), "gave up after 3 attempts") || !strings.Contains(err.Error(), "wire.jsonl:7") {
		t.Errorf("error %q should say it gave up after 3 attempts and name the file and line", err)
	}
	if f.requests() != 3 || len(*waits) != 2 {
		t.Errorf("%d requests and %d waits, want 3 and 2", f.requests(), len(*waits))
	}
}

func TestExtractRetriesAfter429(t *testing.T) {
	f := newFake(t, func(n int, w http.ResponseWriter, _ *http.Request, _ string) {
		switch n {
		case 0:
			w.Header().Set("Retry-After", "0")
			http.Error(w, `{"error": {"message": "slow down"}}`, http.StatusTooManyRequests)
		case 1:
			w.Header().Set("Retry-After", "7")
			http.Error(w, `{"error": "rate limited"}`, http.StatusTooManyRequests)
		default:
			answer(w, relationsJSON(t, goodRelations[2]))
		}
	})
	e, waits := newTest(t, f, Config{}, testResolver)
	x, err := e.Extract(context.Background(), testDoc())
	if err != nil {
		t.Fatal(err)
	}
	if len(x.Claims) != 1 {
		t.Errorf("%d claims, want 1", len(x.Claims))
	}
	if want := []time.Duration{0, 7 * time.Second}; !slices.Equal(*waits, want) {
		t.Errorf("waited %v, want %v as Retry-After asked", *waits, want)
	}
	if st := e.Stats(); st.Requests != 3 || st.Retries != 2 {
		t.Errorf("stats %+v, want 3 requests, 2 retries", st)
	}
}

func TestExtractGivesUpOn500s(t *testing.T) {
	f := newFake(t, func(_ int, w http.ResponseWriter, _ *http.Request, _ string) {
		http.Error(w, `{"error": {"message": "model is loading"}}`, http.StatusServiceUnavailable)
	})
	e, waits := newTest(t, f, Config{MaxRetries: 3, RetryBackoff: 10 * time.Millisecond}, testResolver)
	_, err := e.Extract(context.Background(), testDoc())
	se, ok := errors.AsType[*StatusError](err)
	if !ok || se.Code != http.StatusServiceUnavailable || se.Message != "model is loading" {
		t.Fatalf("error %v, want a 503 StatusError with the endpoint's message", err)
	}
	if f.requests() != 4 {
		t.Errorf("%d requests, want 1 + 3 retries", f.requests())
	}
	if len(*waits) != 3 {
		t.Fatalf("waits %v, want 3", *waits)
	}
	for i, d := range *waits { // doubling, with up to a quarter of jitter
		lo := 10 * time.Millisecond << i
		if d < lo || d > lo+lo/4 {
			t.Errorf("wait %d = %v, want %v to %v", i, d, lo, lo+lo/4)
		}
	}
}

func TestExtractDoesNotRetryClientErrors(t *testing.T) {
	f := newFake(t, func(_ int, w http.ResponseWriter, _ *http.Request, _ string) {
		http.Error(w, `{"error": {"message": "model \"nope\" not found"}}`, http.StatusNotFound)
	})
	e, _ := newTest(t, f, Config{Model: "nope"}, testResolver)
	_, err := e.Extract(context.Background(), testDoc())
	if se, ok := errors.AsType[*StatusError](err); !ok || se.Code != 404 || !strings.Contains(err.Error(), `model "nope" not found`) {
		t.Fatalf("error %v, want a 404 StatusError with the endpoint's message", err)
	}
	if f.requests() != 1 {
		t.Errorf("%d requests, want 1", f.requests())
	}
}

func TestExtractStopsAtTheDeadline(t *testing.T) {
	f := newFake(t, func(_ int, w http.ResponseWriter, _ *http.Request, _ string) {
		w.Header().Set("Retry-After", "120")
		http.Error(w, "busy", http.StatusTooManyRequests)
	})
	e, waits := newTest(t, f, Config{}, testResolver)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err := e.Extract(ctx, testDoc())
	if err == nil || !strings.Contains(err.Error(), "deadline") {
		t.Fatalf("error %v, want one about the deadline", err)
	}
	if f.requests() != 1 || len(*waits) != 0 {
		t.Errorf("%d requests, %d waits; want 1 and none", f.requests(), len(*waits))
	}
}

func TestExtractChunksLongArticles(t *testing.T) {
	var paras []string
	for _, country := range []string{"Chile", "Peru", "Bolivia", "Paraguay", "Uruguay", "Ecuador", "Colombia"} {
		paras = append(paras, "NATO’s envoy praised "+country+" for its steady support of Ukraine in the talks.")
	}
	text := strings.Join(paras, "\n\n")
	const limit = 170
	f := newFake(t, func(_ int, w http.ResponseWriter, _ *http.Request, user string) {
		var rels []relation
		for _, p := range strings.Split(user, "\n\n") { // one relation per paragraph sent
			country := strings.Fields(p)[3]
			rels = append(rels, relation{Source: "NATO", Target: country, Type: "SUPPORT", Predicate: "praised",
				Sentence: p, Modality: "ASSERTED", Confidence: 0.8})
		}
		answer(w, relationsJSON(t, rels...))
	})
	e, _ := newTest(t, f, Config{MaxChunkChars: limit}, testResolver)
	doc := loader.Document{ID: "long", Text: text}
	x, err := e.Extract(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	if f.requests() < 3 {
		t.Errorf("%d requests, want the article in several chunks", f.requests())
	}
	sent := map[string]int{}
	for _, b := range f.bodies {
		user := userText(b)
		if n := len([]rune(strings.ReplaceAll(user, "\n\n", ""))); n > limit {
			t.Errorf("a chunk holds %d code points, over the limit of %d", n, limit)
		}
		for _, p := range strings.Split(user, "\n\n") {
			sent[p]++
		}
	}
	for _, p := range paras {
		if sent[p] != 1 {
			t.Errorf("paragraph %q sent %d times, want once, whole", p, sent[p])
		}
	}
	if len(x.Claims) != len(paras) {
		t.Fatalf("%d claims, want one per paragraph (%d)", len(x.Claims), len(paras))
	}
	runes := []rune(text)
	for i, c := range x.Claims {
		if c.Sentence != paras[i] || string(runes[c.Start:c.End]) != paras[i] {
			t.Errorf("claim %d: sentence %q at [%d,%d), want paragraph %d", i, c.Sentence, c.Start, c.End, i)
		}
		if !strings.HasPrefix(c.Target, "candidate/") || c.Source != "igo/nato" {
			t.Errorf("claim %d: %s -> %s, want igo/nato -> a candidate", i, c.Source, c.Target)
		}
	}
}

func TestExtractEmptyArticleAsksNothing(t *testing.T) {
	f := newFake(t, func(_ int, w http.ResponseWriter, _ *http.Request, _ string) { answer(w, `{"relations": []}`) })
	e, _ := newTest(t, f, Config{}, nil)
	x, err := e.Extract(context.Background(), loader.Document{ID: "e", Text: " \n\n \n"})
	if err != nil || len(x.Claims) != 0 || f.requests() != 0 || x.Article.ID != "e" {
		t.Errorf("got %+v, %v after %d requests; want the article alone and no request", x, err, f.requests())
	}
}

func TestExtractWithoutResolverMakesCandidates(t *testing.T) {
	f := newFake(t, func(_ int, w http.ResponseWriter, _ *http.Request, _ string) {
		answer(w, relationsJSON(t, goodRelations[1]))
	})
	e, _ := newTest(t, f, Config{}, nil)
	x, err := e.Extract(context.Background(), testDoc())
	if err != nil {
		t.Fatal(err)
	}
	if len(x.Claims) != 1 || x.Claims[0].Source != "candidate/russia" || x.Claims[0].Target != "candidate/ukraine" {
		t.Fatalf("claims %+v, want candidate/russia -> candidate/ukraine", x.Claims)
	}
	if got, want := x.Claims[0].Confidence, 0.8*CandidateFactor*CandidateFactor; got < want-1e-9 || got > want+1e-9 {
		t.Errorf("confidence %v, want %v", got, want)
	}
}

func TestExtractHonoursCancellation(t *testing.T) {
	f := newFake(t, func(_ int, w http.ResponseWriter, _ *http.Request, _ string) {
		http.Error(w, "down", http.StatusBadGateway)
	})
	e, err := New(Config{BaseURL: f.URL, Model: "m", RetryBackoff: time.Hour}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for f.requests() == 0 {
			time.Sleep(time.Millisecond)
		}
		cancel()
	}()
	_, err = e.Extract(ctx, testDoc())
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled while waiting to retry", err)
	}
}

func TestNewValidatesConfig(t *testing.T) {
	for _, cfg := range []Config{
		{Model: "m"},
		{BaseURL: "http://localhost:11434/v1"},
		{BaseURL: "localhost:11434", Model: "m"},
		{BaseURL: "ftp://host/v1", Model: "m"},
		{BaseURL: "http://host/v1", Model: "m", Timeout: -time.Second},
	} {
		if _, err := New(cfg, nil); err == nil {
			t.Errorf("New(%+v) succeeded, want an error", cfg)
		}
	}
	e, err := New(Config{BaseURL: "http://localhost:11434/v1/", Model: " qwen2.5:7b ", MaxRetries: -1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if e.endpoint != "http://localhost:11434/v1/chat/completions" || e.cfg.MaxRetries != 0 ||
		e.cfg.Timeout != DefaultTimeout || e.cfg.MaxChunkChars != DefaultMaxChunkChars {
		t.Errorf("endpoint %q, config %+v", e.endpoint, e.cfg)
	}
	if e.Name() != "llm" || e.Version() != "llm/qwen2.5:7b/p1" {
		t.Errorf("name %q version %q", e.Name(), e.Version())
	}
}

func TestPromptDefinesEveryType(t *testing.T) {
	for _, ti := range graph.Types {
		if typeDefinitions[ti.Type] == "" {
			t.Errorf("type %s has no definition", ti.Type)
		}
		if !strings.Contains(systemPrompt, "- "+string(ti.Type)+": ") {
			t.Errorf("the system prompt does not define %s", ti.Type)
		}
	}
	if len(typeDefinitions) != len(graph.Types) {
		t.Errorf("%d definitions for %d types", len(typeDefinitions), len(graph.Types))
	}
}

func TestFind(t *testing.T) {
	text := "Intro line.\n\nThe  “Blue Star” group — said officials — met\nin Zürich\u00ad. Next one."
	n := normalize(text, 100)
	for _, tc := range []struct {
		sentence string
		want     string // "" for not found
	}{
		{`The "Blue Star" group - said officials - met in Zürich.`, "The  “Blue Star” group — said officials — met\nin Zürich\u00ad."},
		{"  met in Zürich. Next  one. ", "met\nin Zürich\u00ad. Next one."},
		{"The Blue Star group met in Zurich.", ""},
		{"Next one.", ""}, // too short to be evidence
		{"", ""},
	} {
		start, end, ok := n.find(tc.sentence)
		switch {
		case tc.want == "" && ok:
			t.Errorf("find(%q) = %q, want not found", tc.sentence, text[start-100:end-100])
		case tc.want != "" && !ok:
			t.Errorf("find(%q) not found, want %q", tc.sentence, tc.want)
		case ok && text[start-100:end-100] != tc.want:
			t.Errorf("find(%q) = %q, want %q", tc.sentence, text[start-100:end-100], tc.want)
		}
	}
}

func TestChunkText(t *testing.T) {
	long := strings.Repeat("Über alles wird gesprochen. ", 10) + "Ende"
	text := "  First para line one\nline two.  \n\n\n" + long + "\n \nLast."
	chunks := chunkText(text, 60)
	var pieces []string
	for _, c := range chunks {
		if n := len([]rune(strings.ReplaceAll(c.text, "\n\n", ""))); n > 60 {
			t.Errorf("chunk %q has %d code points, over 60", c.text, n)
		}
		if c.start < 0 || c.end > len(text) || c.start >= c.end {
			t.Fatalf("chunk span [%d,%d) out of range", c.start, c.end)
		}
		if !strings.HasPrefix(text[c.start:c.end], strings.SplitN(c.text, "\n\n", 2)[0]) {
			t.Errorf("chunk %q does not start its span %q", c.text, text[c.start:c.end])
		}
		pieces = append(pieces, strings.Split(c.text, "\n\n")...)
	}
	if got, want := strings.Join(strings.Fields(strings.Join(pieces, " ")), " "), strings.Join(strings.Fields(text), " "); got != want {
		t.Errorf("chunks lose or repeat text:\n got %q\nwant %q", got, want)
	}
	for _, p := range pieces[1 : len(pieces)-2] { // the long paragraph is cut after sentences
		if strings.HasPrefix(p, "Über") && !strings.HasSuffix(p, "gesprochen.") {
			t.Errorf("piece %q not cut at a sentence end", p)
		}
	}
	if chunkText("   \n\n", 10) != nil {
		t.Error("a blank text gives chunks")
	}
	hard := chunkText(strings.Repeat("ä", 25), 10) // no space anywhere: cut at code points
	if len(hard) != 3 || hard[0].text != strings.Repeat("ä", 10) || hard[2].text != strings.Repeat("ä", 5) {
		t.Errorf("hard cut = %+v", hard)
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Sable Crescent Front":     "sable-crescent-front",
		"  Ansar Allah's militia ": "ansar-allahs-militia",
		"U.N. Mission (Mali)":      "un-mission-mali",
		"Forças Armadas":           "forças-armadas",
		"---":                      "",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}
