// Opens dyad's explorer on a large neighbourhood (the busiest actor, two hops) and reports how it
// went: how many actors and relations it drew, how long until the layout stopped, and how the
// page kept answering meanwhile (a timer that should fire every 50 ms: how often it fired from
// the page's start until the layout stopped, and its longest gap). server/explore_browser_test.go runs it over a generated store:
//
//   node server/ui/test/explore-large.mjs URL SCREENSHOT_DIR
//
// It fails when the page draws fewer than 300 actors, throws, or the timer never fires while the
// page loads (the page froze). It keeps explore-large.png and prints one JSON line.
import { chromium } from "playwright-core";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";

const [base, outDir] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage"],
  timeout: 60_000,
});
let status = 0;
try {
  const res = await fetch(new URL("graphql", base), {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ query: "{ relations(first: 1) { nodes { source { id } } } }" }),
  });
  const hub = (await res.json()).data.relations.nodes[0].source.id;
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors = [];
  page.on("pageerror", (err) => errors.push(String(err)));
  // The probe starts before the page's own script, and counts timer ticks while the layout runs.
  await page.addInitScript(() => {
    window.__probe = { ticks: 0, maxGap: 0, last: performance.now() };
    setInterval(() => {
      const now = performance.now();
      const p = window.__probe;
      if (document.body?.dataset.layout !== "done") {
        p.ticks++;
        p.maxGap = Math.max(p.maxGap, now - p.last);
      }
      p.last = now;
    }, 50);
  });
  const start = Date.now();
  await page.goto(new URL(`explore?actor=${encodeURIComponent(hub)}&hops=2`, base).toString());
  await page.waitForFunction(() => document.body.dataset.layout === "done", null, { timeout: 150_000 });
  const laidOut = Date.now() - start;
  const seen = await page.evaluate(() => ({
    actors: window.dyadExplorer.cy.nodes().length,
    relations: window.dyadExplorer.cy.edges().length,
    status: document.getElementById("status").textContent,
    probe: window.__probe,
  }));
  await mkdir(outDir, { recursive: true });
  await page.screenshot({ path: join(outDir, "explore-large.png") });
  const report = { hub, ...seen, msUntilLaidOut: laidOut, errors };
  console.log(JSON.stringify(report));
  if (seen.actors < 300) throw new Error(`only ${seen.actors} actors drawn`);
  if (seen.probe.ticks < 3) throw new Error(`the page froze while loading: the 50 ms timer fired ${seen.probe.ticks} times`);
  if (errors.length) throw new Error("the page threw: " + errors.join("; "));
} catch (err) {
  console.error("explore-large: " + (err.stack || String(err)));
  status = 1;
} finally {
  await browser.close();
}
process.exit(status);
