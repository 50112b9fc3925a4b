package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"text/template"
	"time"

	"github.com/dyadgraph/dyad/server"
)

// abusiveQuery is one file of testdata/abusive: a query template whose header comments say
// how the server must refuse it.
//
//	# want: CODE           the error code the refusal carries
//	# variables: {...}     the request's variables (optional)
//	# method: GET          send it in the URL (default: a JSON POST)
//	# raw: true            the text is the whole POST body, not a query
//
// The template functions build what would be tedious to commit: repeat N S, alias N S (S
// under N aliases), nest N OPEN CLOSE INNER, seq N and fragbomb N (fragments each spreading
// the one before twice).
type abusiveQuery struct {
	name, want, method, variables string
	raw                           bool
	text                          string
}

var abusiveFuncs = template.FuncMap{
	"repeat": func(n int, s string) string { return strings.Repeat(s, n) },
	"alias": func(n int, s string) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "a%d: %s ", i, s)
		}
		return b.String()
	},
	"nest": func(n int, open, close, inner string) string {
		return strings.Repeat(open+" ", n) + inner + strings.Repeat(" "+close, n)
	},
	"seq": func(n int) []int {
		s := make([]int, n)
		for i := range s {
			s[i] = i
		}
		return s
	},
	"fragbomb": func(n int) string {
		var b strings.Builder
		b.WriteString("fragment F0 on Query { stats { actors } }\n")
		for i := 1; i <= n; i++ {
			fmt.Fprintf(&b, "fragment F%d on Query { ...F%d ...F%d }\n", i, i-1, i-1)
		}
		return b.String()
	},
}

func readAbusiveQueries(t *testing.T) []abusiveQuery {
	t.Helper()
	files, err := filepath.Glob("testdata/abusive/*.graphql")
	if err != nil || len(files) < 20 {
		t.Fatalf("the abusive-query corpus: %d files, %v; want at least 20", len(files), err)
	}
	var out []abusiveQuery
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		q := abusiveQuery{name: filepath.Base(f), method: http.MethodPost}
		var body []string
		for _, line := range strings.Split(string(data), "\n") {
			key, value, ok := strings.Cut(strings.TrimPrefix(line, "# "), ": ")
			if !strings.HasPrefix(line, "# ") || !ok {
				body = append(body, line)
				continue
			}
			switch key {
			case "want":
				q.want = value
			case "variables":
				q.variables = value
			case "method":
				q.method = value
			case "raw":
				q.raw = value == "true"
			default:
				body = append(body, line)
			}
		}
		tmpl, err := template.New(q.name).Funcs(abusiveFuncs).Parse(strings.Join(body, "\n"))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		var b strings.Builder
		if err := tmpl.Execute(&b, nil); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		q.text = b.String()
		if q.want == "" {
			t.Fatalf("%s: no \"# want: CODE\" line", f)
		}
		out = append(out, q)
	}
	return out
}

// request builds the HTTP request that sends q to the server at base.
func (q abusiveQuery) request(t testing.TB, base string) *http.Request {
	t.Helper()
	var req *http.Request
	var err error
	switch {
	case q.method == http.MethodGet:
		v := url.Values{"query": {q.text}}
		if q.variables != "" {
			v.Set("variables", q.variables)
		}
		req, err = http.NewRequest(http.MethodGet, base+"/graphql?"+v.Encode(), nil)
	case q.raw:
		req, err = http.NewRequest(http.MethodPost, base+"/graphql", strings.NewReader(q.text))
	default:
		body := map[string]any{"query": q.text}
		if q.variables != "" {
			body["variables"] = json.RawMessage(q.variables)
		}
		b, _ := json.Marshal(body)
		req, err = http.NewRequest(http.MethodPost, base+"/graphql", bytes.NewReader(b))
	}
	if err != nil {
		t.Fatal(err)
	}
	if req.Method == http.MethodPost {
		req.Header.Set("Content-Type", "application/json")
	}
	return req
}

// refusalBound is how long a refusal may take in this test: ten times the 100 ms the server
// aims for (BenchmarkAbusiveQueries measures it), so that a shared, busy machine does not fail
// the test, while the minutes that these queries cost an unguarded server still do.
const refusalBound = time.Second

// Every query of the abusive corpus is refused quickly with its code, while a normal query
// keeps answering.
func TestAbusiveQueries(t *testing.T) {
	ts := httptest.NewServer(server.New(seededStore(t), server.WithLogger(testLogger(t))))
	defer ts.Close()

	var normal struct {
		answered, failed atomic.Int64
		slowest          atomic.Int64
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		body := `{"query":"{ relations(actor: \"UKR\", first: 5) { totalCount nodes { type source { name } } } }"}`
		for {
			select {
			case <-stop:
				return
			default:
			}
			start := time.Now()
			resp, err := http.Post(ts.URL+"/graphql", "application/json", strings.NewReader(body))
			if err != nil {
				normal.failed.Add(1)
				continue
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || !strings.Contains(string(b), `"totalCount"`) || strings.Contains(string(b), `"errors"`) {
				normal.failed.Add(1)
				t.Errorf("a normal query during the corpus: %d %s", resp.StatusCode, b)
				continue
			}
			normal.answered.Add(1)
			if d := int64(time.Since(start)); d > normal.slowest.Load() {
				normal.slowest.Store(d)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}()

	for _, q := range readAbusiveQueries(t) {
		t.Run(q.name, func(t *testing.T) {
			start := time.Now()
			resp, err := http.DefaultClient.Do(q.request(t, ts.URL))
			if err != nil {
				t.Fatal(err)
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			took := time.Since(start)
			if err != nil {
				t.Fatal(err)
			}
			var out struct {
				Data   map[string]any
				Errors []gqlError
			}
			if err := json.Unmarshal(body, &out); err != nil {
				t.Fatalf("status %d, body %.300s: %v", resp.StatusCode, body, err)
			}
			if len(out.Errors) == 0 || out.Errors[0].Extensions["code"] != q.want {
				t.Fatalf("got %d, errors %+v, data %.200v; want the code %s", resp.StatusCode, out.Errors, out.Data, q.want)
			}
			if out.Data != nil && len(out.Data) > 0 && q.want != "BAD_USER_INPUT" {
				t.Errorf("a refused query answered data %.200v", out.Data)
			}
			if len(body) > 2000 {
				t.Errorf("the refusal is %d bytes long: %.300s", len(body), body)
			}
			if took > refusalBound {
				t.Errorf("refused after %s, want under %s", took, refusalBound)
			}
			t.Logf("%s in %s: %s", q.want, took.Round(time.Microsecond), out.Errors[0].Message)
		})
	}
	close(stop)
	wg.Wait()
	if normal.answered.Load() == 0 || normal.failed.Load() > 0 {
		t.Errorf("the normal query: %d answered, %d failed during the corpus", normal.answered.Load(), normal.failed.Load())
	}
	t.Logf("the normal query answered %d times, the slowest in %s", normal.answered.Load(), time.Duration(normal.slowest.Load()).Round(time.Microsecond))
}

// The limits leave room for what clients really send: the playground's introspection query,
// and dyad's deepest useful query.
func TestLimitsLeaveRoomForRealQueries(t *testing.T) {
	c := newClient(t, seededStore(t))
	var intro map[string]any
	mustQuery(t, c, introspectionQuery, &intro)
	var deep map[string]any
	mustQuery(t, c, `{ actor(id: "UKR") { relations(first: 5) { edges { node { source { name }
		evidence(first: 2) { edges { node { sentence article { title url published } } } } } } } } }`, &deep)
}

// BenchmarkAbusiveQueries measures how long each abusive query takes to be refused.
func BenchmarkAbusiveQueries(b *testing.B) {
	t := &testing.T{}
	ts := httptest.NewServer(server.New(hubStore(b)))
	defer ts.Close()
	for _, q := range readAbusiveQueries(t) {
		b.Run(strings.TrimSuffix(q.name, ".graphql"), func(b *testing.B) {
			for b.Loop() {
				resp, err := http.DefaultClient.Do(q.request(t, ts.URL))
				if err != nil {
					b.Fatal(err)
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		})
	}
}

// introspectionQuery is the query GraphiQL sends to fill its Docs panel (graphql-js's
// getIntrospectionQuery with descriptions, deprecations and seven levels of type references).
const introspectionQuery = `query IntrospectionQuery {
  __schema {
    queryType { name } mutationType { name } subscriptionType { name }
    types { ...FullType }
    directives { name description locations args(includeDeprecated: true) { ...InputValue } }
  }
}
fragment FullType on __Type {
  kind name description specifiedByURL
  fields(includeDeprecated: true) { name description args(includeDeprecated: true) { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
  inputFields(includeDeprecated: true) { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue isDeprecated deprecationReason }
fragment TypeRef on __Type {
  kind name
  ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name
    ofType { kind name ofType { kind name ofType { kind name } } } } } } } }
}`
