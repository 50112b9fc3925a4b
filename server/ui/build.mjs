// Builds the playground and the explorer into dist/: index.html, playground.js and playground.css;
// explore.html, explore.js and explore.css; everything the pages need (fonts included, as data
// URLs), so that they work offline. The Go server embeds
// dist/ (server/playground.go).
import { build } from "esbuild";
import { copyFile, mkdir, readdir, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");

// Empty dist/ but keep .gitkeep, which lets the Go build embed the folder before any build.
await mkdir(dist, { recursive: true });
for (const name of await readdir(dist)) {
  if (name !== ".gitkeep") await rm(join(dist, name), { recursive: true, force: true });
}

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
  define: { "process.env.NODE_ENV": '"production"' },
  legalComments: "linked",
  logLevel: "warning",
});
await copyFile(join(here, "src", "index.html"), join(dist, "index.html"));
await copyFile(join(here, "src", "explore.html"), join(dist, "explore.html"));
console.log("built the playground and the explorer into", dist);
