package server_test

import (
	"encoding/json"

	"github.com/99designs/gqlgen/client"
	"strings"
	"testing"
)

// TestNode: node(id:) finds actors, relations and articles again by the ids they give, as a Relay
// client refetches, and answers null for an id that names nothing.
func TestNode(t *testing.T) {
	c := newClient(t, seededStore(t))
	data, errs := post(t, c, `{
		rel: relations(first: 1) { nodes { id } }
		article: relations(first: 1) { nodes { evidence(first: 1) { nodes { article { id } } } } }
	}`)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var ids struct {
		Rel     struct{ Nodes []struct{ ID string } }
		Article struct {
			Nodes []struct {
				Evidence struct {
					Nodes []struct{ Article struct{ ID string } }
				}
			}
		}
	}
	mustDecode(t, data, &ids)
	relID, articleID := ids.Rel.Nodes[0].ID, ids.Article.Nodes[0].Evidence.Nodes[0].Article.ID
	for _, tc := range []struct{ id, typename, want string }{
		{"UKR", "Actor", `"name":"Ukraine"`},
		{relID, "Relation", `"count":`},
		{articleID, "Article", `"title":`},
		{"nobody", "", `"node":null`},
		{"XXX|ASSAULT|YYY", "", `"node":null`},
	} {
		data, errs := post(t, c, `query($id: ID!) { node(id: $id) { __typename id
			... on Actor { name } ... on Relation { count } ... on Article { title } } }`, varOpt("id", tc.id))
		if len(errs) > 0 {
			t.Errorf("node(%q): %v", tc.id, errs)
			continue
		}
		s := string(data)
		if !strings.Contains(s, tc.want) || (tc.typename != "" && (!strings.Contains(s, `"__typename":"`+tc.typename+`"`) || !strings.Contains(s, `"id":`+quote(tc.id)))) {
			t.Errorf("node(%q) = %s, want a %s with %s", tc.id, s, tc.typename, tc.want)
		}
	}
}

func mustDecode(t *testing.T, data []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("decoding %s: %v", data, err)
	}
}

func varOpt(name string, v any) client.Option { return client.Var(name, v) }

func quote(s string) string { b, _ := json.Marshal(s); return string(b) }
