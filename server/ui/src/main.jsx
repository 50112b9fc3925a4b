// The playground that dyad serves at /: GraphiQL talking to the server's /graphql, opened on a
// query that shows what the graph holds. Bundled by build.mjs into dist/, which the Go binary
// embeds; nothing is loaded from elsewhere at run time.
import React, { useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { GraphiQL } from "graphiql";
import { ToolbarMenu, useEditorContext, useSchemaContext } from "@graphiql/react";
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import "graphiql/graphiql.css";
import { exportURLQuery, linkSearch, selectionOf } from "./selection.js";

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

const endpoint = new URL("graphql", window.location.href).toString();
const fetcher = createGraphiQLFetcher({ url: endpoint });

// The address bar follows the query and variables editors (as typed, and as a switch of tabs
// fills them), so that a copied link opens the same query: /?query=...&variables=..., written
// with replaceState (no history entry per keystroke) once typing pauses for URL_DELAY ms.
// Headers stay out of it: they may hold a token. It reads the editors themselves, not GraphiQL's
// tab state, which has no variables for a tab opened from a link.
const URL_DELAY = 300;

function LinkFollower() {
  const { queryEditor, variableEditor } = useEditorContext({ nonNull: true });
  useEffect(() => {
    if (!queryEditor || !variableEditor) return undefined;
    let timer = 0;
    const follow = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const search = linkSearch(window.location.search, queryEditor.getValue(), variableEditor.getValue());
        if (search !== window.location.search) {
          history.replaceState(history.state, "", window.location.pathname + search + window.location.hash);
        }
      }, URL_DELAY);
    };
    queryEditor.on("change", follow);
    variableEditor.on("change", follow);
    return () => {
      clearTimeout(timer);
      queryEditor.off("change", follow);
      variableEditor.off("change", follow);
    };
  }, [queryEditor, variableEditor]);
  return null;
}

// ExportMenu downloads the selection that the query reads (its actor, neighbourhood,
// neighbours or relations between actors, under its filter; the whole graph when it names no
// actor) in any of the API's export formats: it asks exportURL for the file's URL, as any
// client would, and follows it. The menu's first line says what it will export; a failure
// shows in the result pane, where the playground shows every error.
function ExportMenu() {
  const { queryEditor, variableEditor, responseEditor } = useEditorContext({ nonNull: true });
  const { schema } = useSchemaContext({ nonNull: true });
  const [selection, setSelection] = useState(null);
  const formats = schema?.getType("ExportFormat")?.getValues() ?? [];
  const onOpenChange = (open) => {
    if (!open) return;
    setSelection(selectionOf(queryEditor?.getValue() ?? "", variableEditor?.getValue() ?? "", queryEditor?.operationName));
  };
  const download = async (format) => {
    try {
      const res = await fetch(endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ query: exportURLQuery, variables: { format, ...selection.args } }),
      });
      const body = await res.json();
      if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join("; "));
      const a = document.createElement("a");
      a.href = new URL(body.data.exportURL, endpoint).toString();
      a.download = "";
      document.body.append(a);
      a.click();
      a.remove();
    } catch (err) {
      responseEditor?.setValue(JSON.stringify({ export: { format, ...selection.args, failed: err.message } }, null, 2));
    }
  };
  const icon = (
    <svg className="graphiql-toolbar-icon" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      <path d="M12 3v12m0 0-4.5-4.5M12 15l4.5-4.5M4 17v3h16v-3" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
  return (
    <ToolbarMenu label="Export the selection this query reads" button={icon} onOpenChange={onOpenChange}>
      <ToolbarMenu.Item disabled className="dyad-export-what">
        {selection?.error ? `Cannot export: ${selection.error}` : `Export ${selection?.description ?? ""} as`}
      </ToolbarMenu.Item>
      {!selection?.error && formats.map((f) => (
        <ToolbarMenu.Item key={f.name} title={f.description ?? ""} data-format={f.name} onSelect={() => download(f.name)}>
          {f.name.toLowerCase().replaceAll("_", "-")}
        </ToolbarMenu.Item>
      ))}
    </ToolbarMenu>
  );
}

// ToolbarExtras is what dyad adds to GraphiQL's toolbar, inside its editor context.
function ToolbarExtras() {
  return (
    <>
      <LinkFollower />
      <ExportMenu />
    </>
  );
}

function Playground() {
  return (
    <GraphiQL
      fetcher={fetcher}
      toolbar={{ additionalComponent: ToolbarExtras }}
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
