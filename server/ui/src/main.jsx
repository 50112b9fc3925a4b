// The playground that dyad serves at /: GraphiQL talking to the server's /graphql, opened on a
// query that shows what the graph holds. Bundled by build.mjs into dist/, which the Go binary
// embeds; nothing is loaded from elsewhere at run time.
import React from "react";
import { createRoot } from "react-dom/client";
import { GraphiQL } from "graphiql";
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import "graphiql/graphiql.css";

const defaultQuery = `# dyad: who does what to whom, from the news.
# Run with Ctrl-Enter or the ▶ button. The Docs
# panel (top left) describes every field, and
# Ctrl-Space completes names as you type.

query Overview {
  stats { actors articles claims relations }

  # The best-attested relations, with evidence.
  relations(first: 5) {
    totalCount
    nodes {
      source { id name kind }
      type
      target { id name kind }
      count
      score
      evidence(first: 2) {
        nodes {
          predicate
          sentence
          confidence
          article { title url published }
        }
      }
    }
  }

  # Actors by name or alias.
  actors(search: "united", first: 3) {
    nodes { id name kind country aliases }
  }
}
`;

// The README's GraphQL examples, one tab each (build.mjs reads them from README.md).
/* global __README_EXAMPLES__ */
const exampleTabs = __README_EXAMPLES__.map((ex) => ({
  query: ex.query,
  variables: ex.variables ? JSON.stringify(JSON.parse(ex.variables), null, 2) : undefined,
}));

// /?query=...&variables=... opens that query (in a tab of its own), so that the README, the
// explorer and anyone else can link to a query.
const params = new URLSearchParams(window.location.search);
const linkedQuery = params.get("query") || undefined;
const linkedVariables = params.get("variables") || undefined;

const fetcher = createGraphiQLFetcher({ url: new URL("graphql", window.location.href).toString() });

function Playground() {
  return (
    <GraphiQL
      fetcher={fetcher}
      defaultQuery={defaultQuery}
      defaultTabs={[{ query: defaultQuery }, ...exampleTabs]}
      query={linkedQuery}
      variables={linkedVariables}
      defaultEditorToolsVisibility={linkedVariables || exampleTabs.some((t) => t.variables) ? "variables" : false}
      schemaDescription
      shouldPersistHeaders={false}
    />
  );
}

createRoot(document.getElementById("playground")).render(<Playground />);
