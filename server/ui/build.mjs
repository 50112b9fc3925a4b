// Builds the playground and the explorer into dist/: index.html, playground.js and playground.css;
// explore.html, explore.js and explore.css; everything the pages need (fonts included, as data
// URLs), so that they work offline. The Go server embeds
// dist/ (server/playground.go).
import { build } from "esbuild";
import { copyFile, mkdir, readdir, readFile, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");

// Empty dist/ but keep .gitkeep, which lets the Go build embed the folder before any build.
await mkdir(dist, { recursive: true });
for (const name of await readdir(dist)) {
  if (name !== ".gitkeep") await rm(join(dist, name), { recursive: true, force: true });
}

// The README's GraphQL examples become the playground's tabs: each ```graphql block, with the
// ```json block of variables that follows it after one blank line, as server/readme_test.go reads
// them (and runs them against the samples).
function readmeExamples(text) {
  const out = [];
  const lines = text.split("\n");
  let block = null;
  let kind = "";
  let start = 0;
  let lastEnd = -1;
  lines.forEach((line, i) => {
    const n = i + 1;
    if (block === null && (line === "```graphql" || line === "```json")) {
      block = [];
      kind = line.slice(3);
      start = n;
    } else if (block !== null && line === "```") {
      if (kind === "graphql") out.push({ query: block.join("\n") + "\n", variables: "" });
      else if (out.length && !out[out.length - 1].variables && lastEnd >= 0 && start === lastEnd + 2) {
        out[out.length - 1].variables = block.join("\n");
      }
      lastEnd = kind === "graphql" ? n : -1;
      block = null;
    } else if (block !== null) {
      block.push(line);
    }
  });
  return out;
}
const examples = readmeExamples(await readFile(join(here, "..", "..", "README.md"), "utf8"));

await build({
  entryPoints: {
    playground: join(here, "src", "main.jsx"),
    explore: join(here, "src", "explore.js"),
  },
  outdir: dist,
  bundle: true,
  minify: true,
  sourcemap: false,
  format: "iife",
  target: ["es2020"],
  jsx: "automatic",
  loader: { ".woff": "dataurl", ".woff2": "dataurl", ".ttf": "dataurl", ".svg": "dataurl" },
  define: { "process.env.NODE_ENV": '"production"', __README_EXAMPLES__: JSON.stringify(examples) },
  legalComments: "linked",
  logLevel: "warning",
});
await copyFile(join(here, "src", "index.html"), join(dist, "index.html"));
await copyFile(join(here, "src", "explore.html"), join(dist, "explore.html"));
console.log(`built the playground (${examples.length} README examples) and the explorer into`, dist);
