// Opens dyad's explorer on the busiest actor of a large store, as a hub (one hop) and as a large
// neighbourhood (two hops), and reports how it went: how many actors and relations it drew, how
// long until the layout stopped, and how the page kept answering meanwhile (a timer that should
// fire every 50 ms: how often it fired from the page's start until the layout stopped, and its
// longest gap). server/explore_browser_test.go runs it over a generated store, and so can anyone
// over any server (a 100k-claim store from dyad gen, say):
//
//   node server/ui/test/explore-large.mjs URL SCREENSHOT_DIR
//
// The hub must draw as its strongest neighbours plus groups of the rest, each group opening into
// its members on a click, with at most 3 relations per pair of actors and 150 among the
// neighbours, and with its actors' and groups' names readable (not hidden by the zoom). It
// fails when the two-hop page draws fewer than 300 actors, when the hub is not grouped or is
// drawn otherwise, when a page throws, or when the timer never fires while a page loads (the
// page froze). It keeps explore-hub.png and explore-large.png and prints one JSON line;
// star.msUntilLaidOut is the hub's draw time, from navigation until its layout stopped.
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
  const errors = [];
  const probed = async () => {
    const p = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    p.on("pageerror", (err) => errors.push(String(err)));
    // The probe starts before the page's own script, and counts timer ticks while the layout runs.
    await p.addInitScript(() => {
      window.__probe = { ticks: 0, maxGap: 0, last: performance.now() };
      setInterval(() => {
        const now = performance.now();
        const pr = window.__probe;
        if (document.body?.dataset.layout !== "done") {
          pr.ticks++;
          pr.maxGap = Math.max(pr.maxGap, now - pr.last);
        }
        pr.last = now;
      }, 50);
    });
    return p;
  };

  // The hub, one hop: its strongest neighbours one by one, the rest in groups by kind.
  const star = await probed();
  const t0 = Date.now();
  await star.goto(new URL(`explore?actor=${encodeURIComponent(hub)}`, base).toString());
  await star.waitForFunction(() => document.body.dataset.layout === "done", null, { timeout: 150_000 });
  const hubDrawn = Date.now() - t0;
  const hubSeen = await star.evaluate(() => ({
    actors: window.dyadExplorer.cy.nodes().filter((n) => n.data("actor")).length,
    groups: window.dyadExplorer.cy.nodes(".group").map((n) => ({ key: n.data("group"), name: n.data("name") })),
    relations: window.dyadExplorer.cy.edges().length,
    status: document.getElementById("status").textContent,
    probe: window.__probe,
    ...(() => {
      const { cy, view } = window.dyadExplorer;
      const centre = view().centres[0];
      const perPair = new Map();
      let among = 0;
      cy.edges().not(".group").forEach((e) => {
        const [a, b] = [e.source().data("actor"), e.target().data("actor")].sort();
        perPair.set(a + " " + b, (perPair.get(a + " " + b) || 0) + 1);
        if (a !== centre && b !== centre) among++;
      });
      // A name shows when its font, zoomed, reaches the style's min-zoomed-font-size.
      const readable = (n) => cy.zoom() * parseFloat(n.style("font-size")) >= parseFloat(n.style("min-zoomed-font-size"));
      return {
        mostPerPair: Math.max(0, ...perPair.values()),
        amongNeighbours: among,
        zoom: cy.zoom(),
        unreadable: cy.nodes().filter((n) => !readable(n)).map((n) => n.data("name")),
      };
    })(),
  }));
  await mkdir(outDir, { recursive: true });
  await star.screenshot({ path: join(outDir, "explore-hub.png") });
  if (!hubSeen.groups.length || hubSeen.actors > 41 + 1) {
    throw new Error(`the hub is not grouped: ${JSON.stringify(hubSeen)}`);
  }
  if (hubSeen.mostPerPair > 3 || hubSeen.amongNeighbours > 150) {
    throw new Error(`the hub draws ${hubSeen.mostPerPair} relations of one pair and ${hubSeen.amongNeighbours} among its neighbours`);
  }
  if (hubSeen.unreadable.length) {
    throw new Error(`at zoom ${hubSeen.zoom.toFixed(2)} the hub hides the names of ${hubSeen.unreadable.join(", ")}`);
  }
  // A click on a group draws its members.
  const g = hubSeen.groups[0];
  const members = Number(g.name.match(/^(\d+)/)[1]);
  const at = await star.evaluate((key) => {
    const { cy } = window.dyadExplorer;
    const n = cy.getElementById("g:" + key);
    const box = cy.container().getBoundingClientRect();
    const p = n.renderedPosition();
    return { x: box.left + p.x, y: box.top + p.y };
  }, g.key);
  await star.mouse.click(at.x, at.y);
  await star.waitForFunction((key) => window.dyadExplorer.cy.getElementById("g:" + key).empty(), g.key, { timeout: 30_000 });
  const opened = await star.evaluate(() => window.dyadExplorer.cy.nodes().filter((n) => n.data("actor")).length);
  if (opened < hubSeen.actors + members || !new URL(star.url()).searchParams.get("open")) {
    throw new Error(`opening ${g.name} drew ${opened} actors (was ${hubSeen.actors}); the URL: ${star.url()}`);
  }
  await star.close();

  const page = await probed();
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
  await page.screenshot({ path: join(outDir, "explore-large.png") });
  const report = { hub, star: { ...hubSeen, msUntilLaidOut: hubDrawn, opened }, ...seen, msUntilLaidOut: laidOut, errors };
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
