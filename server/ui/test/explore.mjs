// Drives dyad's graph explorer in a real Chromium the way an analyst does: read the help, search
// an actor, pick it, expand a neighbour with a double-click, read the relations' types along
// their lines (colour and dashes by quad), filter by relation type and by time, open a
// relation's evidence and the article behind it, open a shared link in a fresh page, choose months on the timeline,
// download what is drawn, find the paths between two actors, and see an article saved through the
// server appear in the open view (DYAD_INGEST_TOKEN is the test server's ingest token). server/explore_browser_test.go
// starts a server over the bundled samples and runs this script:
//
//   node server/ui/test/explore.mjs URL SCREENSHOT_DIR SEARCH CENTRE EXPAND DROP_TYPE PATH_TO PATH_SEARCH
//
// SEARCH is typed into the search box and CENTRE is the actor id to pick among the suggestions;
// EXPAND is a neighbour of CENTRE whose expansion brings new actors; DROP_TYPE a relation type
// shown around CENTRE, unticked to filter it out; PATH_TO an actor two or more steps from CENTRE,
// found in the path finder by typing PATH_SEARCH. The script exits non-zero with a message on
// the first thing that does not work, or when the page asks anything of another origin or
// throws. It keeps explore.png (a path found, with its list open, over the graph and the
// timeline: the README's picture) in SCREENSHOT_DIR and prints one JSON line with what it saw.
// CHROMIUM names the browser (default /usr/bin/chromium).
import { chromium } from "playwright-core";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";

const [base, outDir, searchText, centre, expandId, dropType, pathTo, pathSearch] = process.argv.slice(2);
if (!base || !outDir || !searchText || !centre || !expandId || !dropType || !pathTo || !pathSearch) {
  console.error("usage: node explore.mjs URL SCREENSHOT_DIR SEARCH CENTRE EXPAND DROP_TYPE PATH_TO PATH_SEARCH");
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
  // 0. The help is the first thing in the left column, open, in sight before any filter.
  const help = await page.evaluate(() => {
    const h = document.getElementById("help");
    const f = document.querySelector("#filters h2");
    return h && { open: h.open, top: h.getBoundingClientRect().top, bottom: h.getBoundingClientRect().bottom,
      before: !!(h.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING), text: h.textContent };
  });
  check(help && help.open && help.top < 120 && help.bottom < 700 && help.before && /Paths/.test(help.text) && /timeline/.test(help.text),
    `the help is not in sight first: ${JSON.stringify(help)}`);
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

  // 2b. Each relation says its type along its line; quads differ in colour and verbal ones are
  // dashed, material ones solid; hovering a relation labels it too.
  step("edge labels and line styles");
  const styles = await page.evaluate(() => window.dyadExplorer.cy.edges().map((e) => ({
    id: e.data("relation"), type: e.data("type"), quad: e.data("quad"), line: e.style("line-style"), color: e.style("line-color"), label: e.style("label"),
  })));
  for (const st of styles) {
    const want = st.quad.startsWith("VERBAL") ? "dashed" : st.quad.startsWith("MATERIAL") ? "solid" : "dotted";
    check(st.line === want, `${st.id} (${st.quad}) is drawn ${st.line}, want ${want}`);
    check(st.label.startsWith(st.type.toLowerCase() + " ×"), `${st.id} is labelled ${JSON.stringify(st.label)}`);
  }
  const colours = new Map(styles.map((st) => [st.quad, st.color]));
  check(colours.size >= 3 && new Set(colours.values()).size === colours.size, `quads share colours: ${JSON.stringify([...colours])}`);
  const hoverEdge = styles[0].id;
  const hp = await screenPoint(page, "e:" + hoverEdge);
  await page.mouse.move(hp.x, hp.y);
  await page.waitForFunction((id) => window.dyadExplorer.cy.getElementById("e:" + id).hasClass("hover"), hoverEdge, { timeout: 10_000 });
  await page.mouse.move(5, 300);
  seen.edgeStyles = [...colours];

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

  // 7. The timeline: claims per month by quad; dragging across a month sets the time range.
  step("timeline");
  await page.waitForFunction(() => Number(document.getElementById("timeline").dataset.months) > 1, null, { timeout: 30_000 });
  const tl = await page.evaluate(() => {
    const box = document.getElementById("timeline");
    const chart = document.getElementById("timeline-chart").getBoundingClientRect();
    return { months: Number(box.dataset.months), first: box.dataset.first, last: box.dataset.last,
      bars: [...document.querySelectorAll("#timeline-chart rect[data-quad]")].map((r) => r.dataset.quad),
      chart: { x: chart.left, y: chart.top, w: chart.width, h: chart.height } };
  });
  check(tl.bars.length > 0 && tl.bars.every((q) => q in { VERBAL_COOPERATION: 1, MATERIAL_COOPERATION: 1, VERBAL_CONFLICT: 1, MATERIAL_CONFLICT: 1 }),
    `the timeline has no bars by quad: ${JSON.stringify(tl)}`);
  const wholeRelations = (await relationsShown(page)).length;
  const monthW = tl.chart.w / tl.months;
  const y = tl.chart.y + tl.chart.h / 2;
  await page.mouse.move(tl.chart.x + monthW * (tl.months - 2) + 2, y);
  await page.mouse.down();
  await page.mouse.move(tl.chart.x + tl.chart.w - 2, y, { steps: 4 });
  await page.mouse.up();
  await page.waitForFunction(() => new URL(location.href).searchParams.has("until"), null, { timeout: 30_000 });
  await page.waitForFunction(() => document.body.dataset.loading === "0", null, { timeout: 30_000 });
  await settled(page);
  const brushed = { since: new URL(page.url()).searchParams.get("since"), until: new URL(page.url()).searchParams.get("until") };
  const lastTwo = [tl.last, tl.last];
  check(brushed.since && brushed.since.slice(0, 7) < tl.last && brushed.until.startsWith(lastTwo[0]),
    `brushing the last two months of ${tl.first}..${tl.last} set ${JSON.stringify(brushed)}`);
  const brushedRelations = (await relationsShown(page)).length;
  check(brushedRelations < wholeRelations, `the brushed range kept ${brushedRelations} of ${wholeRelations} relations`);
  check(await page.$("#timeline-chart rect.brush") !== null, "the chosen months are not marked on the timeline");
  await page.click("#timeline-clear");
  await page.waitForFunction(() => !new URL(location.href).searchParams.has("since"), null, { timeout: 30_000 });
  await page.waitForFunction((n) => document.body.dataset.loading === "0" && window.dyadExplorer.cy.edges().length === n, wholeRelations, { timeout: 30_000 });
  await settled(page);
  seen.timeline = { months: tl.months, bars: tl.bars.length, brushed, relations: [wholeRelations, brushedRelations] };

  // 8. Downloads go through exportURL: the files dyad export writes, with its field names.
  step("downloads");
  const downloads = async (format, n) => {
    const got = [];
    const done = new Promise((resolve) => {
      const on = async (d) => {
        got.push({ name: d.suggestedFilename(), text: await readFile(await d.path(), "utf8") });
        if (got.length === n) { page.off("download", on); resolve(); }
      };
      page.on("download", on);
    });
    await page.selectOption("#download", format);
    await Promise.race([done, new Promise((_, reject) => setTimeout(() => reject(new Error(`${format}: ${got.length} of ${n} downloads`)), 30_000))]);
    return got;
  };
  const [graphml] = await downloads("GRAPHML", 1);
  check(graphml.name.endsWith(".graphml") && graphml.text.includes('attr.name="first_seen"') && graphml.text.includes('<data key="label">') &&
    graphml.text.includes('attr.name="goldstein"') && graphml.text.includes('<data key="dyad_version">'),
  `the GraphML download lacks the CLI's fields: ${graphml.name} ${graphml.text.slice(0, 300)}`);
  const events = await downloads("EVENTS_CSV", 2);
  const csv = events.find((d) => d.name.endsWith(".csv"));
  const dp = events.find((d) => d.name.endsWith(".datapackage.json"));
  check(csv && dp && csv.text.startsWith("claim_id,date,time,relation_id,") && JSON.parse(dp.text).resources[0].path === csv.name,
    `the events download: ${events.map((d) => d.name)}`);
  seen.downloads = [graphml.name, ...events.map((d) => d.name)];

  // 6. An actor's panel, from a click on it.
  step("actor panel");
  const c = await screenPoint(page, "n:" + centre);
  await page.mouse.click(c.x, c.y);
  await page.waitForSelector(`#panel h3[data-actor="${centre}"]`, { timeout: 30_000 });
  seen.actorPanel = (await page.textContent("#panel dl")).slice(0, 120);

  // 9. Paths: from the centre to an actor further away, each step with its claims; the first
  // path is drawn on the graph, the rest faded.
  step("paths to " + pathTo);
  await page.click("#find-path");
  await page.waitForSelector("#path-from");
  await page.selectOption("#path-from", centre);
  await page.fill("#path-to", pathSearch);
  await page.waitForFunction((id) => [...document.querySelectorAll("#path-to-list option")].some((o) => o.value.endsWith(`(${id})`)), pathTo, { timeout: 30_000 });
  const toLabel = await page.evaluate((id) => [...document.querySelectorAll("#path-to-list option")].find((o) => o.value.endsWith(`(${id})`)).value, pathTo);
  await page.fill("#path-to", toLabel);
  await page.click(".path-form button[type=submit]");
  await page.waitForSelector("#path-results li[data-path]", { timeout: 30_000 });
  await page.waitForFunction((ids) => ids.every((id) => window.dyadExplorer.cy.getElementById("n:" + id).hasClass("path")), [centre, pathTo], { timeout: 30_000 });
  await settled(page);
  const paths = await page.$$eval("#path-results li[data-path]", (lis) => lis.map((li) => li.querySelector(".chain").textContent.replace(/\s+/g, " ").trim()));
  const onPath = await page.evaluate(() => ({
    actors: window.dyadExplorer.cy.nodes(".path").map((n) => n.data("actor")),
    relations: window.dyadExplorer.cy.edges(".path").map((e) => e.data("relation")),
    faded: window.dyadExplorer.cy.elements(".faded").length,
  }));
  check(onPath.actors.length >= 3 && onPath.relations.length >= 2 && onPath.faded > 0, `the path drawn: ${JSON.stringify(onPath)}`);
  check(new URL(page.url()).searchParams.get("path") === `${centre}~${pathTo}~0`, `the URL does not keep the path: ${page.url()}`);
  seen.paths = paths;
  seen.pathDrawn = onPath;

  // The picture for the README: a path found, the graph and the timeline, the help in sight.
  await page.evaluate(() => { document.getElementById("filters").scrollTop = 0; });
  await mkdir(outDir, { recursive: true });
  seen.screenshot = join(outDir, "explore.png");
  await page.screenshot({ path: seen.screenshot });

  // A step's claims: its evidence panel.
  await page.click("#path-results a.step");
  await page.waitForSelector("#panel .evidence li", { timeout: 30_000 });

  // 10. Live: an article saved through the server while the view is open shows in it, without
  // a click (claimAdded, over server-sent events).
  step("live update");
  const token = process.env.DYAD_INGEST_TOKEN;
  check(token, "DYAD_INGEST_TOKEN is not set: the test's server takes articles with it");
  await page.waitForFunction(() => Number(document.body.dataset.following || 0) > 0, null, { timeout: 30_000 });
  const ingested = await fetch(new URL("ingest?format=text&name=live.txt", base), {
    method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "text/plain" },
    body: "Vilnius appeals to Tokyo\nLithuania urged Japan to send more air defence systems.",
  });
  check(ingested.ok, `POST /ingest: ${ingested.status} ${await ingested.text()}`);
  await page.waitForFunction(() => window.dyadExplorer.cy.getElementById("e:LTU|REQUEST|JPN").nonempty(), null, { timeout: 30_000 });
  seen.live = await page.textContent("#status");
  check(/new claim/.test(seen.live), `the status does not say what arrived: ${seen.live}`);

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
