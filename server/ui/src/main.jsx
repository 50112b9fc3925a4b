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

const exampleTabs = [
  {
    query: `# Everything within two relations of an actor, as nodes and edges.
query Neighborhood($actor: ID!) {
  neighborhood(actor: $actor, hops: 2, filter: { quad: MATERIAL_CONFLICT }) {
    center { name }
    nodes { distance actor { id name } }
    edges { source { id } type target { id } count }
    truncated
  }
}
`,
    variables: JSON.stringify({ actor: "UKR" }, null, 2),
  },
  {
    query: `# How two actors are connected.
query Path($from: ID!, $to: ID!) {
  shortestPath(from: $from, to: $to, maxHops: 4) {
    length
    steps {
      from { name }
      to { name }
      relations { source { id } type target { id } count }
    }
  }
}
`,
    variables: JSON.stringify({ from: "IRN", to: "UKR" }, null, 2),
  },
];

const fetcher = createGraphiQLFetcher({ url: new URL("graphql", window.location.href).toString() });

function Playground() {
  return (
    <GraphiQL
      fetcher={fetcher}
      defaultQuery={defaultQuery}
      defaultTabs={[{ query: defaultQuery }, ...exampleTabs]}
      defaultEditorToolsVisibility={false}
      shouldPersistHeaders={false}
    />
  );
}

createRoot(document.getElementById("playground")).render(<Playground />);
