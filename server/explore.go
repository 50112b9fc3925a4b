package server

import (
	"io/fs"
	"net/http"
)

// explorePage serves the graph explorer (server/ui/src/explore.js, built into dist/explore.html)
// at /explore: a Cytoscape.js view of the graph that talks only to /graphql. Without the built
// bundle it serves a short page that says how to build it.
func explorePage(dist fs.FS) http.Handler { return builtPage(dist, "explore.html", exploreFallback) }

// exploreFallback is /explore when the bundle was not built into the binary.
const exploreFallback = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>dyad explorer</title></head>
<body style="font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 48rem">
<h1>dyad explorer</h1>
<p>The explorer was not built into this binary. Build it, then rebuild dyad:<br>
<code>npm --prefix server/ui ci &amp;&amp; npm --prefix server/ui run build</code></p>
<p>Until then, query <a href="graphql">/graphql</a> with any GraphQL client.</p>
</body>
</html>
`
