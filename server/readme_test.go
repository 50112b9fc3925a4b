package server_test

import (
	"bufio"
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"
)

// readmeExample is a GraphQL example of README.md.
type readmeExample struct {
	line      int    // where its block starts
	query     string // the ```graphql block
	variables string // the ```json block right after it, if any
}

// readmeExamples returns the README's ```graphql blocks, each with the ```json block of
// variables that directly follows it, if any. server/ui/build.mjs reads them the same way to make
// the playground's tabs.
func readmeExamples(t *testing.T, path string) []readmeExample {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("reading the README: %v", err)
	}
	defer f.Close()
	var out []readmeExample
	var block *strings.Builder
	kind, start, lastEnd := "", 0, -1
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case block == nil && (line == "```graphql" || line == "```json"):
			block, kind, start = &strings.Builder{}, strings.TrimPrefix(line, "```"), n
		case block != nil && line == "```":
			if kind == "graphql" {
				out = append(out, readmeExample{line: start, query: block.String()})
			} else if len(out) > 0 && out[len(out)-1].variables == "" && lastEnd >= 0 && start == lastEnd+2 {
				out[len(out)-1].variables = block.String() // a json block one blank line after
			}
			block, lastEnd = nil, n
			if kind != "graphql" {
				lastEnd = -1
			}
		case block != nil:
			block.WriteString(line + "\n")
		}
	}
	return out
}

// TestReadmeExamples runs every GraphQL example of README.md against the bundled samples, as a
// reader who just ran `dyad load loader/samples` would, and checks that each answers without
// errors and with something: no field null, no list of objects empty, every totalCount above
// zero, and a neighbourhood with more than its centre.
func TestReadmeExamples(t *testing.T) {
	examples := readmeExamples(t, "../README.md")
	if len(examples) < 5 {
		t.Fatalf("found %d GraphQL examples in README.md, want at least 5 (```graphql blocks)", len(examples))
	}
	c := newClient(t, samplesStore(t))
	for _, ex := range examples {
		t.Run(strings.FieldsFunc(ex.query, func(r rune) bool { return r == ' ' || r == '(' || r == '\n' })[1], func(t *testing.T) {
			var vars map[string]any
			if ex.variables != "" {
				if err := json.Unmarshal([]byte(ex.variables), &vars); err != nil {
					t.Fatalf("README.md:%d: the variables are not JSON: %v", ex.line, err)
				}
			}
			var opts []client.Option
			for k, v := range vars {
				opts = append(opts, client.Var(k, v))
			}
			data, errs := post(t, c, ex.query, opts...)
			if len(errs) > 0 {
				t.Fatalf("README.md:%d: errors %+v", ex.line, errs)
			}
			var answer map[string]any
			if err := json.Unmarshal(data, &answer); err != nil {
				t.Fatal(err)
			}
			for _, problem := range emptyParts("", answer) {
				t.Errorf("README.md:%d: %s\nanswer: %.600s", ex.line, problem, data)
			}
		})
	}
}

// emptyParts lists what is empty in an answer.
func emptyParts(path string, v any) []string {
	var out []string
	switch v := v.(type) {
	case nil:
		out = append(out, path+" is null")
	case map[string]any:
		if n, ok := v["totalCount"].(float64); ok && n == 0 {
			out = append(out, path+".totalCount is 0")
		}
		if _, isSubgraph := v["nodes"]; isSubgraph && strings.HasSuffix(path, "neighborhood") {
			if nodes, _ := v["nodes"].([]any); len(nodes) < 2 {
				out = append(out, path+" holds its centre alone")
			}
		}
		for k, x := range v {
			out = append(out, emptyParts(path+"."+k, x)...)
		}
	case []any:
		if len(v) == 0 && !strings.HasSuffix(path, "aliases") {
			out = append(out, path+" is empty")
		}
		for i, x := range v {
			if _, obj := x.(map[string]any); obj {
				out = append(out, emptyParts(path+"["+strconv.Itoa(i)+"]", x)...)
			}
		}
	}
	return out
}
