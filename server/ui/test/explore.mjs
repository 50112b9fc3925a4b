// Drives dyad's graph explorer in a real Chromium the way an analyst does: search an actor, pick
// it, expand a neighbour with a double-click, filter by relation type and by time, open a
// relation's evidence and the article behind it, and open a shared link in a fresh page.
// server/explore_browser_test.go starts a server over the bundled samples and runs this script:
//
//   node server/ui/test/explore.mjs URL SCREENSHOT_DIR SEARCH CENTRE EXPAND DROP_TYPE
//
// SEARCH is typed into the search box and CENTRE is the actor id to pick among the suggestions;
// EXPAND is a neighbour of CENTRE whose expansion brings new actors; DROP_TYPE a relation type
// shown around CENTRE, unticked to filter it out. The script exits non-zero with a message on
// the first thing that does not work, or when the page asks anything of another origin or
// throws. It keeps explore.png (the evidence panel open over the graph) in SCREENSHOT_DIR and
// prints one JSON line with what it saw. CHROMIUM names the browser (default /usr/bin/chromium).
import { chromium } from "playwright-core";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";

const [base, outDir, searchText, centre, expandId, dropType] = process.argv.slice(2);
if (!base || !outDir || !searchText || !centre || !expandId || !dropType) {
  console.error("usage: node explore.mjs URL SCREENSHOT_DIR SEARCH CENTRE EXPAND DROP_TYPE");
  process.exit(2);
}
const origin = new URL(base).origin;
const t0 = Date.now();
const step = (what) => console.error(`explore: ${((Date.now() - t0) / 1000).toFixed(1)}s ${what}`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  timeout: 60_000,
});

const foreign = [];
const pageErrors = [];
async function open(url) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 860 } });
  page.on("request", (req) => {
    const u = req.url();
    if (!u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:")) foreign.push(u);
  });
  page.on("pageerror", (err) => pageErrors.push(String(err)));
  await page.goto(url, { waitUntil: "load", timeout: 30_000 });
  await page.waitForFunction(() => window.dyadExplorer, null, { timeout: 30_000 });
  return page;
}

// settled waits until the page has the data it asked for and the layout has stopped.
async function settled(page) {
  await page.waitForFunction(() => document.body.dataset.loading === "0" && document.body.dataset.layout !== "running",
    null, { timeout: 30_000 });
}

const actorsShown = (page) => page.evaluate(() => window.dyadExplorer.cy.nodes().map((n) => n.data("actor")).sort());
const relationsShown = (page) => page.evaluate(() => window.dyadExplorer.cy.edges().map((e) => e.data("relation")).sort());

// screenPoint is where an element of the graph is on the screen: an actor's centre, or a
// relation's midpoint.
async function screenPoint(page, selectorId) {
  return page.evaluate((id) => {
    const { cy } = window.dyadExplorer;
    const el = cy.getElementById(id);
    const box = cy.container().getBoundingClientRect();
    const p = el.isNode() ? el.renderedPosition() : el.renderedMidpoint();
    return { x: box.left + p.x, y: box.top + p.y };
  }, selectorId);
}

function check(ok, message) {
  if (!ok) throw new Error(message);
}

const seen = {};
let status = 0;
try {
  // 1. Search as you type, then pick the actor.
  step("search");
  const page = await open(new URL("explore", base).toString());
  await page.click("#search");
  await page.keyboard.type(searchText, { delay: 60 });
  const option = `#suggestions li[data-actor="${centre}"]`;
  await page.waitForSelector(option, { timeout: 30_000 });
  seen.suggestions = await page.$$eval("#suggestions li[data-actor]", (lis) => lis.map((li) => li.dataset.actor));
  await page.click(option);
  await page.waitForFunction((id) => window.dyadExplorer.cy.getElementById("n:" + id).nonempty(), centre, { timeout: 30_000 });
  await settled(page);
  const first = await actorsShown(page);
  check(first.length >= 2, `picking ${centre} shows ${first.length} actors: ${first}`);
  check(new URL(page.url()).searchParams.get("actor") === centre, `the URL does not name ${centre}: ${page.url()}`);
  seen.afterSearch = first.length;

  // 2. Expand a neighbour with a double-click on it.
  step("expand " + expandId);
  check(first.includes(expandId), `${expandId} is not shown around ${centre}: ${first}`);
  // On a loaded machine a node may still drift, or the two clicks may be read as one: the
  // double-click is tried again, at the node's current place, up to three times.
  for (let attempt = 1; ; attempt++) {
    const at = await screenPoint(page, "n:" + expandId);
    await page.mouse.dblclick(at.x, at.y);
    try {
      await page.waitForFunction((id) => window.dyadExplorer.view().centres.includes(id), expandId, { timeout: 10_000 });
      break;
    } catch (err) {
      if (attempt === 3) throw err;
      await settled(page);
    }
  }
  await settled(page);
  const expanded = await actorsShown(page);
  check(expanded.length > first.length, `expanding ${expandId} added no actor (${first.length} → ${expanded.length})`);
  check((new URL(page.url()).searchParams.get("actor") || "").split(",").includes(expandId), `the URL does not keep the expansion: ${page.url()}`);
  seen.afterExpand = expanded.length;

  // 3. Filter without a reload: untick a relation type, then move the time slider.
  step("filter out " + dropType);
  const before = await relationsShown(page);
  check(before.some((id) => id.split("|")[1] === dropType), `no ${dropType} relation is shown: ${before}`);
  await page.evaluate(() => { window.__sameDocument = true; });
  await page.uncheck(`#types input[value="${dropType}"]`);
  await page.waitForFunction((t) => document.body.dataset.loading === "0" &&
    window.dyadExplorer.cy.edges().every((e) => e.data("type") !== t), dropType, { timeout: 30_000 });
  await settled(page);
  const filtered = await relationsShown(page);
  check(filtered.length > 0 && filtered.length < before.length, `type filter: ${before.length} → ${filtered.length} relations`);
  check((new URL(page.url()).searchParams.get("types") || "").length > 0 && !page.url().includes(dropType), `the URL does not keep the type filter: ${page.url()}`);
  check(await page.evaluate(() => window.__sameDocument === true), "the filter reloaded the page");
  seen.afterTypeFilter = filtered.length;

  step("filter by time");
  const slider = await page.$eval("#since", (r) => ({ min: Number(r.min), max: Number(r.max) }));
  check(slider.max > slider.min, `the time slider spans nothing: ${JSON.stringify(slider)}`);
  await page.focus("#since");
  await page.keyboard.press("End"); // since = the latest claim's day
  await page.waitForFunction(() => new URL(location.href).searchParams.has("since"), null, { timeout: 30_000 });
  await page.waitForFunction(() => document.body.dataset.loading === "0", null, { timeout: 30_000 });
  const since = new URL(page.url()).searchParams.get("since");
  const dated = await page.evaluate(() => window.dyadExplorer.cy.edges().map((e) => e.data("relation")));
  check(dated.length < filtered.length, `the time filter since ${since} kept ${dated.length} of ${filtered.length} relations`);
  seen.afterTimeFilter = { since, relations: dated.length };
  // Back to the whole time range for the rest.
  await page.keyboard.press("Home");
  await page.waitForFunction(() => !new URL(location.href).searchParams.has("since"), null, { timeout: 30_000 });
  await page.waitForFunction((n) => document.body.dataset.loading === "0" && window.dyadExplorer.cy.edges().length === n,
    filtered.length, { timeout: 30_000 });
  await settled(page);

  // 4. Share: the link opens the same picture in a fresh page.
  step("share");
  await page.click("#share");
  const link = await page.inputValue("#share-box");
  const nowActors = await actorsShown(page);
  const nowRelations = await relationsShown(page);
  const shared = await open(link);
  await shared.waitForFunction((n) => window.dyadExplorer.cy.nodes().length >= n, nowActors.length, { timeout: 30_000 });
  await settled(shared);
  const sharedActors = await actorsShown(shared);
  const sharedRelations = await relationsShown(shared);
  check(JSON.stringify(sharedActors) === JSON.stringify(nowActors), `the shared link shows other actors: ${sharedActors} vs ${nowActors}`);
  check(JSON.stringify(sharedRelations) === JSON.stringify(nowRelations), `the shared link shows other relations`);
  check(!(await shared.isChecked(`#types input[value="${dropType}"]`)), "the shared link lost the type filter");
  seen.shared = link;
  await shared.close();
  await page.bringToFront();

  // 5. Evidence: click a relation; its panel lists sentences with the predicate marked, the
  // article's title and date.
  step("evidence");
  await page.check(`#types input[value="${dropType}"]`);
  await page.waitForFunction((t) => document.body.dataset.loading === "0" &&
    window.dyadExplorer.cy.edges().some((e) => e.data("type") === t), dropType, { timeout: 30_000 });
  await settled(page);
  // Two hops around the centre, for a fuller picture.
  await page.selectOption("#hops", "2");
  await page.waitForFunction(() => new URL(location.href).searchParams.get("hops") === "2", null, { timeout: 30_000 });
  await page.waitForFunction(() => document.body.dataset.loading === "0", null, { timeout: 30_000 });
  await settled(page);
  const twoHops = await actorsShown(page);
  check(twoHops.length > expanded.length, `two hops show ${twoHops.length} actors, one hop ${expanded.length}`);
  seen.twoHops = twoHops.length;
  await page.evaluate(() => { window.dyadExplorer.cy.fit(undefined, 60); });
  // The longest relation on screen is the easiest to hit.
  const target = await page.evaluate((t) => {
    const { cy } = window.dyadExplorer;
    const edges = cy.edges().filter((e) => e.data("type") === t);
    let best = edges[0];
    let bestLen = -1;
    edges.forEach((e) => {
      const a = e.source().renderedPosition();
      const b = e.target().renderedPosition();
      const len = Math.hypot(a.x - b.x, a.y - b.y);
      if (len > bestLen) { best = e; bestLen = len; }
    });
    return best.id();
  }, dropType);
  const mid = await screenPoint(page, target);
  await page.mouse.click(mid.x, mid.y);
  await page.waitForSelector("#panel .evidence li mark", { timeout: 30_000 });
  const evidence = await page.$eval("#panel", (p) => ({
    title: p.querySelector("h3")?.textContent,
    sentence: p.querySelector(".evidence blockquote")?.textContent,
    mark: p.querySelector(".evidence mark")?.textContent,
    meta: p.querySelector(".evidence .meta")?.textContent,
  }));
  check(evidence.sentence && evidence.sentence.includes(evidence.mark), `the evidence panel is wrong: ${JSON.stringify(evidence)}`);
  check(/\d{4}-\d\d-\d\d|undated/.test(evidence.meta || ""), `the evidence lacks the article's date: ${evidence.meta}`);
  check(new URL(page.url()).searchParams.get("selected") === "relation:" + target.slice(2), `the URL does not keep the open relation: ${page.url()}`);
  const pgLink = await page.getAttribute("#panel a.playground-link", "href");
  check(pgLink && new URL(pgLink, base).searchParams.get("query")?.startsWith("query Evidence"), `no playground link for the evidence query: ${pgLink}`);
  seen.evidence = evidence;

  // 5b. The article behind the evidence: its text, with this claim's sentence marked as the
  // current one, and back to the evidence.
  step("article text");
  await page.click("#panel .evidence .read-article");
  await page.waitForSelector("#panel .article-text mark.current", { timeout: 30_000 });
  const article = await page.$eval("#panel", (p) => ({
    current: p.querySelector(".article-text mark.current")?.textContent,
    marks: p.querySelectorAll(".article-text mark").length,
    text: p.querySelector(".article-text")?.textContent,
  }));
  check(article.current === evidence.sentence, `the article's current mark ${JSON.stringify(article.current)} is not the evidence ${JSON.stringify(evidence.sentence)}`);
  check(article.marks >= 1 && article.text.length > article.current.length, `the article text is wrong: ${JSON.stringify(article)}`);
  seen.article = { marks: article.marks, length: article.text.length };
  await page.click("#panel a.back");
  await page.waitForSelector("#panel .evidence li mark", { timeout: 30_000 });

  // 6. An actor's panel, from a click on it.
  step("actor panel");
  const c = await screenPoint(page, "n:" + centre);
  await page.mouse.click(c.x, c.y);
  await page.waitForSelector(`#panel h3[data-actor="${centre}"]`, { timeout: 30_000 });
  seen.actorPanel = (await page.textContent("#panel dl")).slice(0, 120);
  // The picture for the README: the graph with a relation's evidence open.
  await page.mouse.click(mid.x, mid.y);
  await page.waitForSelector("#panel .evidence li mark", { timeout: 30_000 });

  await mkdir(outDir, { recursive: true });
  seen.screenshot = join(outDir, "explore.png");
  await page.screenshot({ path: seen.screenshot });

  check(!foreign.length, "the page asked for other origins: " + foreign.join(", "));
  check(!pageErrors.length, "the page threw: " + pageErrors.join("; "));
  seen.ok = true;
  console.log(JSON.stringify(seen));
} catch (err) {
  console.error("explore: " + (err.stack || String(err)));
  for (const p of browser.contexts().flatMap((c) => c.pages())) {
    console.error(`explore: the page was at ${p.url()}, status: ${await p.textContent("#status").catch(() => "?")}`);
    await mkdir(outDir, { recursive: true });
    await p.screenshot({ path: join(outDir, "explore-failed.png") }).catch(() => {});
  }
  console.log(JSON.stringify(seen));
  status = 1;
} finally {
  await browser.close();
}
process.exit(status);
