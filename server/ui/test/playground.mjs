// Opens dyad's playground in a real Chromium, runs the default query and checks that the result
// pane shows data; that the address bar follows the edited query, variables and tab (a copied
// link opens the same query, and no history entry is added per keystroke); and that the Export
// menu downloads, through exportURL, the selection that the query reads (and says why when it
// cannot).
// server/playground_browser_test.go starts a seeded server and runs this script:
//
//   node server/ui/test/playground.mjs URL SCREENSHOT_DIR [EXPECTED_TEXT...]
//
// It exits non-zero with a message when the page fails to render, the query fails, the result
// lacks an expected text, or the page asks for anything from another origin (the playground must
// work offline). It prints one JSON line with what it saw. CHROMIUM names the browser to use
// (default /usr/bin/chromium, Debian's).
import { chromium } from "playwright-core";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";

const [url, outDir, ...expected] = process.argv.slice(2);
if (!url || !outDir) {
  console.error("usage: node playground.mjs URL SCREENSHOT_DIR [EXPECTED_TEXT...]");
  process.exit(2);
}
const origin = new URL(url).origin;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
  ],
  timeout: 60_000,
});

let failed = false;
function fail(message) {
  console.error("playground: " + message);
  failed = true;
}

try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const foreign = [];
  const pageErrors = [];
  page.on("request", (req) => {
    const u = req.url();
    if (!u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:")) foreign.push(u);
  });
  page.on("pageerror", (err) => pageErrors.push(String(err)));

  await page.goto(url, { waitUntil: "load", timeout: 30_000 });
  await page.waitForSelector(".graphiql-container", { timeout: 30_000 });
  await page.waitForSelector(".graphiql-query-editor .CodeMirror", { timeout: 30_000 });

  // Run the default query the way a user does: the ▶ button.
  const response = page.waitForResponse(
    (r) => r.url().startsWith(origin + "/graphql") && r.request().method() === "POST" &&
      (r.request().postData() || "").includes("relations"),
    { timeout: 30_000 },
  );
  await page.click(".graphiql-execute-button");
  const answer = await response;
  if (answer.status() !== 200) fail(`POST /graphql answered ${answer.status()}`);
  const body = await answer.json();
  if (body.errors) fail("the default query failed: " + JSON.stringify(body.errors));

  // Wait until the result pane shows every expected text.
  const wanted = expected.length ? expected : ['"data"'];
  let shown = "";
  try {
    await page.waitForFunction(
      (texts) => {
        const pane = document.querySelector(".graphiql-response");
        return pane && texts.every((t) => pane.innerText.includes(t));
      },
      wanted,
      { timeout: 15_000 },
    );
  } catch {
    fail(`the result pane does not show ${JSON.stringify(wanted)}`);
  }
  shown = await page.evaluate(() => document.querySelector(".graphiql-response")?.innerText ?? "");

  await mkdir(outDir, { recursive: true });
  const screenshot = join(outDir, "playground.png");
  await page.screenshot({ path: screenshot });

  // Every README example is a tab (build.mjs makes them from README.md).
  const tabs = await page.$$eval(".graphiql-tab", (ts) => ts.map((t) => t.innerText.trim()));
  if (tabs.length < 6 || !tabs.includes("NatoSupport")) fail("the README examples are not tabs: " + JSON.stringify(tabs));

  // The Docs panel opens on dyad's own description of its schema.
  await page.click('button[aria-label="Show Documentation Explorer"]');
  let docs = "";
  try {
    await page.waitForFunction(() => (document.querySelector(".graphiql-doc-explorer")?.innerText || "").includes("dyad's GraphQL API"), null, { timeout: 15_000 });
  } catch {
    docs = await page.evaluate(() => document.querySelector(".graphiql-doc-explorer")?.innerText ?? "");
    fail("the Docs panel does not show dyad's schema description: " + docs.slice(0, 200));
  }

  // /?query=...&variables=... opens that query with its variables, in a fresh browser context.
  const linkedQuery = "query Linked($id: ID!) { actor(id: $id) { name kind } }";
  const linked = await (await browser.newContext()).newPage();
  linked.on("pageerror", (err) => pageErrors.push(String(err)));
  await linked.goto(url + "?query=" + encodeURIComponent(linkedQuery) + "&variables=" + encodeURIComponent('{"id": "UKR"}'));
  await linked.waitForSelector(".graphiql-query-editor .CodeMirror", { timeout: 30_000 });
  const opened = await linked.evaluate(() => ({
    query: document.querySelector(".graphiql-query-editor .CodeMirror").CodeMirror.getValue(),
    variables: document.querySelector(".graphiql-editor-tool .CodeMirror")?.CodeMirror.getValue() ?? "",
  }));
  if (opened.query !== linkedQuery || !opened.variables.includes('"UKR"')) fail("/?query= did not open the query: " + JSON.stringify(opened));
  const linkedAnswer = linked.waitForResponse((r) => r.url().startsWith(origin + "/graphql") &&
    (r.request().postData() || "").includes("Linked"), { timeout: 30_000 });
  await linked.click(".graphiql-execute-button");
  const linkedBody = await (await linkedAnswer).json();
  if (linkedBody.errors || linkedBody.data?.actor?.kind !== "STATE") fail("the linked query answered " + JSON.stringify(linkedBody));

  // The address bar follows what is typed, once typing pauses, without a history entry a key.
  const editorValues = (p) => p.evaluate(() => ({
    query: document.querySelector(".graphiql-query-editor .CodeMirror").CodeMirror.getValue(),
    variables: document.querySelector(".graphiql-editor-tool .CodeMirror")?.CodeMirror.getValue() ?? "",
  }));
  const linkOf = (p) => { const u = new URL(p.url()); return { query: u.searchParams.get("query"), variables: u.searchParams.get("variables") }; };
  const waitForLink = async (p, want, what) => {
    try {
      await p.waitForFunction((w) => {
        const q = new URLSearchParams(window.location.search);
        return (q.get("query") || "").includes(w.query) && (!w.variables || (q.get("variables") || "").includes(w.variables));
      }, want, { timeout: 10_000 });
    } catch {
      fail(`the address bar did not follow ${what}: ${p.url()}`);
    }
  };
  const historyBefore = await linked.evaluate(() => history.length);
  await linked.click(".graphiql-query-editor .CodeMirror-code");
  await linked.keyboard.press("Control+End");
  await linked.keyboard.type(" # typed by the test", { delay: 20 });
  // (the variables that came with the link stay in it)
  await waitForLink(linked, { query: "# typed by the test", variables: '"UKR"' }, "the typed query");
  await linked.click(".graphiql-editor-tool .CodeMirror-code");
  await linked.keyboard.press("Control+A");
  await linked.keyboard.type('{"id": "RUS"}', { delay: 20 });
  await waitForLink(linked, { query: "# typed by the test", variables: '"RUS"' }, "the typed variables");
  const historyAfter = await linked.evaluate(() => history.length);
  if (historyAfter !== historyBefore) fail(`typing added ${historyAfter - historyBefore} history entries`);
  const typed = await editorValues(linked);
  const link = linkOf(linked);
  if (link.query !== typed.query || link.variables !== typed.variables) fail("the link differs from the editors: " + JSON.stringify({ link, typed }));

  // The copied link opens the same query and variables, in a browser that never saw them.
  const copied = await (await browser.newContext()).newPage();
  copied.on("pageerror", (err) => pageErrors.push(String(err)));
  await copied.goto(linked.url());
  await copied.waitForSelector(".graphiql-query-editor .CodeMirror", { timeout: 30_000 });
  const reopened = await editorValues(copied);
  if (reopened.query !== typed.query || reopened.variables !== typed.variables) fail("the copied link opened " + JSON.stringify(reopened));

  // Another tab: the address bar shows that tab's query.
  await linked.click('.graphiql-tab:has-text("NatoSupport") button.graphiql-tab-button');
  await waitForLink(linked, { query: "NatoSupport" }, "the tab shown");

  // Export: the menu says what the query selects, and a format downloads it through exportURL.
  const exportMenu = async (p) => {
    await p.click('button[aria-label="Export the selection this query reads"]');
    await p.waitForSelector(".dyad-export-what", { timeout: 10_000 });
    return (await p.innerText(".dyad-export-what")).trim();
  };
  const what = await exportMenu(copied);
  if (!what.includes("RUS and its neighbours")) fail("the Export menu says " + JSON.stringify(what));
  const asked = copied.waitForRequest((r) => (r.postData() || "").includes("exportURL"), { timeout: 10_000 });
  const downloaded = copied.waitForEvent("download", { timeout: 30_000 });
  await copied.click('[data-format="GRAPHML"]');
  const exportVars = JSON.parse((await asked).postData()).variables;
  const file = await downloaded;
  const saved = join(outDir, "playground-export-" + file.suggestedFilename());
  await mkdir(outDir, { recursive: true });
  await file.saveAs(saved);
  const graphml = await readFile(saved, "utf8");
  if (exportVars.actor !== "RUS" || exportVars.format !== "GRAPHML" || !graphml.includes("<graphml") ||
      !graphml.includes('"RUS"') || !graphml.includes('"UKR"') || !file.url().includes("/export?")) {
    fail(`the export: ${file.url()} ${file.suggestedFilename()} with ${JSON.stringify(exportVars)}: ${graphml.slice(0, 200)}`);
  }
  await copied.keyboard.press("Escape");

  // A neighbourhood query exports its hops and filter; a query that does not parse says so.
  await copied.evaluate(() => document.querySelector(".graphiql-query-editor .CodeMirror").CodeMirror.setValue(
    'query Hood($f: RelationFilter) { neighborhood(actor: "UKR", hops: 2, filter: $f) { nodes { actor { id } } } }'));
  await copied.evaluate(() => document.querySelector(".graphiql-editor-tool .CodeMirror").CodeMirror.setValue('{"f": {"types": ["ASSAULT"]}}'));
  const hoodWhat = await exportMenu(copied);
  const hoodAsked = copied.waitForRequest((r) => (r.postData() || "").includes("exportURL"), { timeout: 10_000 });
  const hoodFile = copied.waitForEvent("download", { timeout: 30_000 });
  await copied.click('[data-format="EVENTS_CSV"]');
  const hoodVars = JSON.parse((await hoodAsked).postData()).variables;
  const hoodURL = new URL((await hoodFile).url());
  if (!hoodWhat.includes("2-hop neighbourhood of UKR") || hoodVars.hops !== 2 || hoodURL.searchParams.get("hops") !== "2" ||
      hoodURL.searchParams.get("format") !== "events-csv" || !hoodURL.search.includes("ASSAULT")) {
    fail(`the neighbourhood export: ${hoodWhat}, ${JSON.stringify(hoodVars)}, ${hoodURL}`);
  }
  await copied.keyboard.press("Escape");
  await copied.evaluate(() => document.querySelector(".graphiql-query-editor .CodeMirror").CodeMirror.setValue("{ actor(id: "));
  const broken = await exportMenu(copied);
  if (!broken.startsWith("Cannot export: the query does not parse")) fail("a broken query's Export menu says " + JSON.stringify(broken));
  await copied.keyboard.press("Escape");
  // An actor that does not exist: exportURL refuses, and the result pane says why.
  await copied.evaluate(() => document.querySelector(".graphiql-query-editor .CodeMirror").CodeMirror.setValue('{ actor(id: "NO/SUCH") { name } }'));
  await exportMenu(copied);
  await copied.click('[data-format="GEXF"]');
  try {
    await copied.waitForFunction(() => /failed[\s\S]*NO\/SUCH/.test(document.querySelector(".graphiql-response")?.innerText || ""), null, { timeout: 10_000 });
  } catch {
    fail("a failed export does not show in the result pane: " + await copied.evaluate(() => document.querySelector(".graphiql-response")?.innerText));
  }

  if (foreign.length) fail("the page asked for other origins: " + foreign.join(", "));
  if (pageErrors.length) fail("the page threw: " + pageErrors.join("; "));
  console.log(JSON.stringify({
    ok: !failed,
    title: await page.title(),
    tabs,
    screenshot,
    result: shown.slice(0, 400),
  }));
} catch (err) {
  fail(err.stack || String(err));
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
