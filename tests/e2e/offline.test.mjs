// The offline editions (scripts/offline.mjs) opened from disk in headless
// Chromium, with the browser context offline: the demo must compute, log no
// error and make no request that is not file:, data: or blob:.
// Needs the WebAssembly built into www/pkg (scripts/build.sh).

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { ARTIFACTS, openFiles } from "./browser.mjs";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const OFFLINE = new URL("../../dist/offline/", import.meta.url);

let files;
before(async () => {
  execFileSync(process.execPath, ["scripts/offline.mjs"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
  });
  files = await openFiles();
});
after(() => files?.close());

const offline = { offline: true };

test("the single-file PID calculator works from disk: AND has R = 0.311 bits", async () => {
  const page = await files.newPage(new URL("pid.html", OFFLINE).href, offline);
  await page.waitForSelector("body[data-ready=true]");
  assert.match(page.url(), /^file:\/\/.*\/dist\/offline\/pid\.html/);
  assert.equal(
    await page.locator("script[src], link[rel=stylesheet]").count(),
    0,
    "everything must be inlined",
  );

  await page.selectOption("#preset", "and");
  const cell = (name) => `#atoms-body td[data-atom="${name}"][data-measure="broja"]`;
  await page.waitForFunction(
    (selector) => document.querySelector(selector)?.textContent === "0.311",
    cell("R"),
  );
  assert.equal(await page.locator(cell("R")).textContent(), "0.311");
  assert.equal(await page.locator(cell("S")).textContent(), "0.500");
  assert.equal(await page.locator("#identities .holds").count(), 3);

  // A file:// address cannot be embedded: the snippets name the site's files relatively.
  await page.click("#show-embed");
  assert.match(
    await page.inputValue("#embed-iframe"),
    /<iframe src="pid\.html\?[^"]*preset=and[^"]*embed=1"/,
  );
  assert.match(await page.inputValue("#embed-element"), /<script type="module" src="embed\.js"><\/script>/);
  assert.match(await page.locator("#link-status").textContent(), /opened from disk.*dist\/offline\/site\//);
  await page.screenshot({ path: `${ARTIFACTS}/offline-pid.png`, fullPage: true });
  assert.deepEqual(page.problems, []);
});

test("the offline landing page links to the single-file demos", async () => {
  const page = await files.newPage(new URL("index.html", OFFLINE).href, offline);
  const link = page.getByRole("link", { name: /PID calculator/ });
  assert.equal(await link.getAttribute("href"), "pid.html");

  await link.click();
  await page.waitForSelector("body[data-ready=true]");
  assert.equal(
    page.url().split("?")[0],
    new URL("pid.html", OFFLINE).href,
    "the page keeps its setup in the query",
  );
  await page.locator(".brand").click();
  await page.waitForURL(new URL("index.html", OFFLINE).href);
  assert.deepEqual(page.problems, []);
});

test("the single-file fusion lab trains from disk", async () => {
  const page = await files.newPage(
    new URL("fusion.html?fusion=tensor&interaction=synergy", OFFLINE).href,
    offline,
  );
  await page.waitForSelector("body[data-ready=true]");
  assert.equal(
    await page.locator("script[src], link[rel=stylesheet]").count(),
    0,
    "everything must be inlined",
  );
  await page.click("#step");
  await page.click("#step");
  assert.match(await page.locator("#status").textContent(), /^Step 50 of 3000/);

  // The example CSV is bundled in the crate, so it loads with no file beside the page.
  await page.selectOption("#source", "table");
  assert.match(await page.locator("#csv-summary").textContent(), /Training on the example: 300 rows/);
  await page.click("#step");
  assert.match(await page.locator("#status").textContent(), /^Step 25 of 3000/);
  assert.deepEqual(page.problems, []);
});

test("the single-file coordination lab trains from disk", async () => {
  const page = await files.newPage(new URL("coordination.html?space=cca", OFFLINE).href, offline);
  await page.waitForSelector("body[data-ready=true]");
  assert.equal(
    await page.locator("script[src], link[rel=stylesheet]").count(),
    0,
    "everything must be inlined",
  );
  await page.click("#step");
  await page.click("#step");
  assert.match(await page.locator("#status").textContent(), /^Step 50 of 2000/);
  assert.match(await page.locator("#spectrum-numbers").textContent(), /^Canonical correlations: 0\.\d{3}/);
  await page.screenshot({ path: `${ARTIFACTS}/offline-coordination.png`, fullPage: true });
  assert.deepEqual(page.problems, []);
});
