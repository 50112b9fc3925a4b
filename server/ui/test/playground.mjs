// Opens dyad's playground in a real Chromium, runs the default query and checks that the result
// pane shows data. server/playground_browser_test.go starts a seeded server and runs this script:
//
//   node server/ui/test/playground.mjs URL SCREENSHOT_DIR [EXPECTED_TEXT...]
//
// It exits non-zero with a message when the page fails to render, the query fails, the result
// lacks an expected text, or the page asks for anything from another origin (the playground must
// work offline). It prints one JSON line with what it saw. CHROMIUM names the browser to use
// (default /usr/bin/chromium, Debian's).
import { chromium } from "playwright-core";
import { mkdir } from "node:fs/promises";
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
