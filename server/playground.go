package server

import (
	"embed"
	"io/fs"
	"net/http"
)

// uiDist holds the playground as server/ui builds it (npm --prefix server/ui run build): an
// index.html and the GraphiQL bundle it loads from ui/. The bundle is made at build time and not
// committed; without it the folder holds only .gitkeep and / serves fallbackPage instead.
//
//go:embed all:ui/dist
var uiDist embed.FS

// playgroundFiles is the built playground, or nil when it was not built.
func playgroundFiles() fs.FS {
	dist, err := fs.Sub(uiDist, "ui/dist")
	if err != nil {
		return nil
	}
	if _, err := fs.Stat(dist, "index.html"); err != nil {
		return nil
	}
	return dist
}

// PlaygroundBuilt reports whether the GraphiQL bundle was built into this binary; without it the
// playground is a plain form that says how to build it.
func PlaygroundBuilt() bool { return playgroundFiles() != nil }

// playgroundPage serves the GraphiQL page of the built playground dist at /, or fallbackPage
// when dist is nil.
func playgroundPage(dist fs.FS) http.Handler { return builtPage(dist, "index.html", fallbackPage) }

// builtPage serves the page name of the built dist, or fallback when it was not built.
func builtPage(dist fs.FS, name, fallback string) http.Handler {
	page := []byte(fallback)
	if dist != nil {
		if b, err := fs.ReadFile(dist, name); err == nil {
			page = b
		}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Write(page)
	})
}

// playgroundAssets serves the built playground's files under /ui/.
func playgroundAssets(dist fs.FS) http.Handler {
	if dist == nil {
		return http.NotFoundHandler()
	}
	return http.StripPrefix("/ui/", http.FileServerFS(dist))
}

// fallbackPage is the playground when the GraphiQL bundle was not built: how to build it, and a
// form that still sends queries to /graphql.
const fallbackPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>dyad GraphQL</title>
<style>
  body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 64rem; padding: 0 1rem; color: #1d2330; }
  code, textarea, pre { font: 13px/1.4 ui-monospace, monospace; }
  .note { background: #fff6dd; border: 1px solid #e8cf7a; padding: .75rem 1rem; border-radius: 6px; }
  .panes { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; margin-top: 1rem; }
  textarea, pre { width: 100%; box-sizing: border-box; min-height: 28rem; border: 1px solid #c8ccd6; border-radius: 6px; padding: .6rem; margin: 0; }
  pre { background: #f5f6f8; overflow: auto; white-space: pre-wrap; }
  label { display: block; margin: .6rem 0 .2rem; font-weight: 600; }
  button { font: inherit; padding: .35rem 1rem; margin-top: .6rem; }
</style>
</head>
<body>
<h1>dyad GraphQL</h1>
<p class="note">The GraphiQL playground was not built into this binary. Build it, then rebuild dyad:<br>
<code>npm --prefix server/ui ci &amp;&amp; npm --prefix server/ui run build</code><br>
Until then, send queries with the form below, or POST them to <code>/graphql</code> with any GraphQL client.</p>
<div class="panes">
<div>
<label for="query">Query</label>
<textarea id="query" spellcheck="false">{
  stats { actors articles claims relations }
  relations(first: 5) {
    totalCount
    nodes {
      source { id name }
      type
      target { id name }
      count
      evidence(first: 1) {
        nodes { sentence article { title } }
      }
    }
  }
}</textarea>
<label for="variables">Variables (JSON)</label>
<textarea id="variables" spellcheck="false" style="min-height: 4rem">{}</textarea>
<button id="run" type="button">Run</button>
</div>
<div>
<label for="result">Result</label>
<pre id="result" aria-live="polite"></pre>
</div>
</div>
<script>
document.getElementById("run").addEventListener("click", async () => {
  const out = document.getElementById("result");
  let variables;
  try {
    variables = JSON.parse(document.getElementById("variables").value || "{}");
  } catch (e) {
    out.textContent = "Variables are not valid JSON: " + e.message;
    return;
  }
  out.textContent = "Running...";
  try {
    const res = await fetch("graphql", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify({ query: document.getElementById("query").value, variables }),
    });
    out.textContent = JSON.stringify(await res.json(), null, 2);
  } catch (e) {
    out.textContent = "The request failed: " + e.message;
  }
});
</script>
</body>
</html>
`
