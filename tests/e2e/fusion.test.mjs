// The fusion lab in a real browser: training moves the curves and the map,
// the comparison table fills, EMAP shows its two maps, bad settings are
// refused with a message, and the page fits a phone in dark mode.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { ARTIFACTS, openSite } from "./browser.mjs";

let site;
before(async () => (site = await openSite()));
after(() => site.close());

async function openFusion(query = "", options) {
  const page = await site.newPage(`/fusion.html${query}`, options);
  await page.waitForSelector("body[data-ready=true]");
  return page;
}

const pixels = (page, id) => page.evaluate((id) => document.getElementById(id).toDataURL(), id);
const text = (page, id) => page.locator(`#${id}`).textContent();
const stepOf = async (page) => Number((await text(page, "status")).match(/(\d+)/)?.[1] ?? NaN);

test('pause says so at once: the status drops "training"', async () => {
  const page = await openFusion("?steps=50000");
  await page.click("#play");
  await page.waitForFunction(() => /training…/.test(document.querySelector("#status").textContent));
  await page.click("#play");
  assert.doesNotMatch(await text(page, "status"), /training/);
  assert.match(await text(page, "status"), /^Step \d+ of 50000$/);
  assert.deepEqual(page.problems, []);
});

test("a rank above full rank in a link is lowered with a notice", async () => {
  const page = await openFusion("?fusion=low-rank&width=4&rank=50");
  assert.match(await text(page, "message"), /"rank=50" is above the full rank of 5/);
  assert.match(page.url(), /rank=5(&|$)/);
  assert.deepEqual(page.problems, []);
});

test("play trains the model: the loss falls and the map changes", async () => {
  const page = await openFusion("?fusion=multiplicative&interaction=synergy&steps=1500");
  const lossBefore = Number(await text(page, "train-loss"));
  const mapBefore = await pixels(page, "map");
  const curvesBefore = await pixels(page, "curves");

  await page.click("#play");
  assert.equal(await text(page, "play"), "Pause");
  assert.equal(await page.getAttribute("#status", "aria-live"), "off", "no announcement on every frame");
  await page.waitForFunction(() => /Stopped/.test(document.getElementById("status").textContent), null, {
    timeout: 60000,
  });
  assert.equal(await text(page, "play"), "Play");
  assert.equal(await page.getAttribute("#status", "aria-live"), "polite");
  const lossAfter = Number(await text(page, "train-loss"));
  assert.ok(lossAfter < lossBefore / 2, `the loss went from ${lossBefore} to ${lossAfter}`);
  assert.notEqual(await pixels(page, "map"), mapBefore, "the map must change as the model trains");
  assert.notEqual(await pixels(page, "curves"), curvesBefore, "the curves must grow");
  const accuracy = Number.parseFloat(await text(page, "test-accuracy"));
  assert.ok(accuracy > 90, `multiplicative fusion should fit XOR, got ${accuracy} %`);
  await page.screenshot({ path: `${ARTIFACTS}/fusion-trained.png`, fullPage: true });
  assert.deepEqual(page.problems, []);
});

test("EMAP shows both maps, and on XOR the projection falls to chance", async () => {
  const page = await openFusion("?fusion=tensor&interaction=synergy&steps=1500");
  await page.click("#play");
  await page.waitForFunction(() => /Stopped/.test(document.getElementById("status").textContent), null, {
    timeout: 60000,
  });
  const model = Number.parseFloat(await text(page, "emap-accuracy"));
  const projected = Number.parseFloat(await text(page, "emap-projected"));
  assert.ok(model > 90, `model accuracy ${model} %`);
  assert.ok(projected < 65, `projected accuracy ${projected} %`);
  const blank = await page.evaluate(() => {
    const canvas = document.createElement("canvas");
    const shown = document.getElementById("emap-map");
    canvas.width = shown.width;
    canvas.height = shown.height;
    return canvas.toDataURL();
  });
  assert.notEqual(await pixels(page, "emap-map"), blank, "the EMAP map must be drawn");
  assert.notEqual(
    await pixels(page, "emap-map"),
    await pixels(page, "map"),
    "the two maps must differ on XOR",
  );
  assert.deepEqual(page.problems, []);
});

test("step and reset move the step counter and start again", async () => {
  const page = await openFusion();
  await page.click("#step");
  assert.equal(await stepOf(page), 25);
  await page.click("#step");
  assert.equal(await stepOf(page), 50);
  await page.click("#reset");
  assert.equal(await stepOf(page), 0);
  assert.deepEqual(page.problems, []);
});

test("the comparison table fills with every fusion", async () => {
  const page = await openFusion("?interaction=synergy&steps=400&width=8");
  await page.click("#compare");
  await page.waitForFunction(() => document.querySelectorAll("#comparison-body tr").length === 7, null, {
    timeout: 120000,
  });
  const rows = await page
    .locator("#comparison-body tr")
    .evaluateAll((rows) => rows.map((row) => [...row.cells].map((cell) => cell.textContent)));
  assert.deepEqual(
    rows.map((row) => row[0]),
    ["additive", "early", "multiplicative", "bilinear", "tensor", "low-rank", "gated"],
  );
  const parameters = Object.fromEntries(rows.map((row) => [row[0], Number(row[1].replaceAll(",", ""))]));
  assert.ok(parameters.tensor > parameters["low-rank"], "tensor fusion must have more weights than low-rank");
  await page.screenshot({ path: `${ARTIFACTS}/fusion-comparison.png`, fullPage: true });
  assert.deepEqual(page.problems, []);
});

test("a diverging learning rate stops training with a hint, and no NaN is shown", async () => {
  const page = await openFusion("?fusion=tensor&width=64&lr=10&interaction=synergy");
  await page.click("#play");
  await page.locator("#message").waitFor({ state: "visible", timeout: 60000 });
  assert.match(await text(page, "message"), /diverged.*lower learning rate/);
  assert.doesNotMatch(await page.locator("main").innerText(), /NaN/);
  assert.deepEqual(page.problems, []);
});

test("changing the model mid-training resets cleanly", async () => {
  const page = await openFusion("?steps=100000");
  await page.click("#play");
  await page.waitForFunction(
    () => Number(document.getElementById("status").textContent.match(/\d+/)?.[0]) > 100,
  );
  await page.selectOption("#fusion", "gated");
  const step = await stepOf(page);
  assert.ok(step < 100, `training must restart from step 0, got ${step}`);
  assert.match(await page.locator("#formula").textContent(), /g/);
  await page.click("#play");
  assert.deepEqual(page.problems, []);
});

test("the digits and the multivariate data train without a map", async () => {
  const page = await openFusion("?source=digits&fusion=early&steps=200");
  assert.equal(await page.locator("#maps").isHidden(), true);
  assert.equal(await page.locator("#no-map").isVisible(), true);
  await page.click("#play");
  await page.waitForFunction(() => /Stopped/.test(document.getElementById("status").textContent), null, {
    timeout: 60000,
  });
  const accuracy = Number.parseFloat(await text(page, "test-accuracy"));
  assert.ok(
    accuracy > 50,
    `early fusion on digits halves should beat chance (10 %) by far, got ${accuracy} %`,
  );
  await page.selectOption("#source", "multivariate");
  assert.equal(await stepOf(page), 0);
  assert.deepEqual(page.problems, []);
});

test("a tampered link falls back to defaults with a notice", async () => {
  const page = await openFusion("?fusion=quantum&width=9999&lr=5");
  assert.equal(await page.inputValue("#fusion"), "additive");
  assert.equal(await page.inputValue("#width"), "16");
  assert.match(await text(page, "message"), /"fusion=quantum" is not valid here/);
  assert.deepEqual(page.problems, []);
});

test("the page fits a phone and reads in dark mode", async () => {
  const page = await openFusion("?interaction=additive", {
    viewport: { width: 375, height: 800 },
    colorScheme: "dark",
  });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow} px wider than the phone`);
  await page.screenshot({ path: `${ARTIFACTS}/fusion-phone-dark.png`, fullPage: true });
  assert.deepEqual(page.problems, []);
});

test("a snapshot reopens as the same model, retrained a frame at a time", async () => {
  const page = await openFusion("?fusion=gated&interaction=synergy");
  for (let i = 0; i < 4; i++) await page.click("#step");
  const numbers = await page.locator("#curve-numbers").textContent();
  const download = page.waitForEvent("download");
  await page.click("#export-json");
  const saved = readFileSync(await (await download).path());

  const fresh = await openFusion();
  await fresh.setInputFiles("#import-json", {
    name: "snapshot.json",
    mimeType: "application/json",
    buffer: saved,
  });
  await fresh.waitForFunction(() =>
    /the same curves as saved/.test(document.getElementById("link-status").textContent),
  );
  assert.equal(await fresh.inputValue("#fusion"), "gated");
  assert.equal(await fresh.locator("#curve-numbers").textContent(), numbers);

  await fresh.setInputFiles("#import-json", {
    name: "x.json",
    mimeType: "application/json",
    buffer: Buffer.from("{}"),
  });
  await fresh.locator("#message").waitFor({ state: "visible" });
  assert.match(await fresh.locator("#message").textContent(), /cannot be reopened.*Nothing was changed/);
  assert.deepEqual([...page.problems, ...fresh.problems], []);
});

test("the embed snippets carry the setup and the teacher options", async () => {
  const page = await openFusion("?fusion=tensor&hide=share&text=0");
  await page.evaluate(() => (document.getElementById("group-share").hidden = false));
  await page.click("#show-embed");
  const element = await page.inputValue("#embed-element");
  assert.match(element, /<mmml-demo demo="fusion" fusion="tensor" hide="share" text="0" height="1500">/);
  assert.match(await page.inputValue("#embed-iframe"), /fusion\.html\?.*fusion=tensor.*embed=1/);
  assert.deepEqual(page.problems, []);
});

// --- Your data (CSV) ----------------------------------------------------------

const EXAMPLE = readFileSync("www/data/fusion-example.csv");
const parameterCount = async (page) => Number((await text(page, "parameters")).replace(/\D/g, ""));

/** Chooses `buffer` as the CSV file and waits until the lab trains on it (or refuses it). */
async function chooseCsv(page, buffer, name = "mine.csv") {
  await page.setInputFiles("#csv-file", { name, mimeType: "text/csv", buffer });
}

async function openWithCsv(query = "") {
  const page = await openFusion(query);
  await page.selectOption("#source", "table");
  await page.locator("#table-rows").waitFor({ state: "visible" });
  await chooseCsv(page, EXAMPLE);
  await page.waitForFunction(() =>
    /Training on mine\.csv/.test(document.getElementById("csv-summary").textContent),
  );
  return page;
}

test("choosing the CSV source loads the example, and a CSV of one's own trains and moves the loss", async () => {
  const page = await openFusion("?fusion=multiplicative&steps=800");
  await page.selectOption("#source", "table");
  assert.match(await text(page, "csv-summary"), /Training on the example: 300 rows/);
  assert.equal(await page.inputValue("#source"), "table");

  await chooseCsv(page, EXAMPLE);
  await page.waitForFunction(() =>
    /Training on mine\.csv/.test(document.getElementById("csv-summary").textContent),
  );
  assert.match(await text(page, "csv-summary"), /A: a_signal, a_noise; B: b_signal, b_noise; target y/);
  assert.match(await text(page, "csv-summary"), /0 = different, 1 = same/);
  assert.equal(await page.locator("#maps").isHidden(), true, "two columns per modality: no plane to draw");
  assert.match(await text(page, "no-map"), /exactly one column per modality.*A 2 and B 2/);

  const lossBefore = Number(await text(page, "train-loss"));
  await page.click("#play");
  await page.waitForFunction(() => /Stopped/.test(document.getElementById("status").textContent), null, {
    timeout: 60000,
  });
  const lossAfter = Number(await text(page, "train-loss"));
  assert.ok(lossAfter < 0.8 * lossBefore, `the loss went from ${lossBefore} to ${lossAfter}`);
  await page.screenshot({ path: `${ARTIFACTS}/fusion-csv-desktop.png`, fullPage: true });
  assert.deepEqual(page.problems, []);
});

test("reassigning the columns changes the model's inputs, and one column each draws the map", async () => {
  const page = await openWithCsv("?fusion=early");
  const before = await parameterCount(page);
  await page.selectOption("#csv-role-1", "ignored");
  await page.selectOption("#csv-role-3", "ignored");
  await page.waitForFunction(() =>
    /A: a_signal; B: b_signal;/.test(document.getElementById("csv-summary").textContent),
  );
  const after = await parameterCount(page);
  // Two fewer inputs to an encoder of width 16: 2 x 16 fewer weights.
  assert.equal(before - after, 32, `parameters went from ${before} to ${after}`);
  assert.equal(await page.locator("#maps").isVisible(), true);
  assert.match(await text(page, "map-caption"), /P\(y = same\).*a_signal across, b_signal up, standardised/);

  await page.selectOption("#csv-role-0", "b");
  assert.match(await text(page, "csv-message"), /modality A has no column.*previous data and model are kept/);
  assert.equal(await parameterCount(page), after, "a refused assignment keeps the model");
  await page.selectOption("#csv-role-1", "a");
  await page.waitForFunction(() =>
    /A: a_noise; B: a_signal, b_signal;/.test(document.getElementById("csv-summary").textContent),
  );
  assert.equal(await page.locator("#csv-message").isHidden(), true);
  assert.deepEqual(page.problems, []);
});

test("a malformed CSV names the line and the column, and keeps the previous data and model", async () => {
  const page = await openWithCsv();
  await page.click("#step");
  assert.equal(await stepOf(page), 25);
  const numbers = await text(page, "curve-numbers");
  const parameters = await parameterCount(page);

  const lines = EXAMPLE.toString().split("\n");
  lines[4] = lines[4].replace(/^[^,]+/, "about 170");
  await chooseCsv(page, Buffer.from(lines.join("\n")), "typo.csv");
  await page.locator("#csv-message").waitFor({ state: "visible" });
  assert.match(
    await text(page, "csv-message"),
    /line 5, column "a_signal": "about 170" is not a finite number.*previous data and model are kept/,
  );
  assert.equal(await stepOf(page), 25);
  assert.equal(await text(page, "curve-numbers"), numbers);
  assert.equal(await parameterCount(page), parameters);
  assert.match(await text(page, "csv-summary"), /Training on mine\.csv/);

  await page.fill("#csv-text", "a,b,y\n1,2,0\n3,4\n");
  await page.click("#csv-use");
  assert.match(await text(page, "csv-message"), /line 3 of the CSV has 2 fields/);
  assert.equal(await stepOf(page), 25);
  // The role editor still shows typo.csv: marking its bad column ignored trains on the rest.
  await page.selectOption("#csv-role-0", "ignored");
  await page.waitForFunction(() =>
    /Training on typo\.csv.*A: a_noise;/.test(document.getElementById("csv-summary").textContent),
  );
  assert.equal(await page.locator("#csv-message").isHidden(), true);
  assert.deepEqual(page.problems, []);
});

test("a link cannot carry the CSV: sharing says so, and such a link falls back to the default data", async () => {
  const page = await openWithCsv();
  await page.click("#copy-link");
  await page.waitForFunction(() =>
    /not your CSV data/.test(document.getElementById("link-status").textContent),
  );
  assert.match(await text(page, "link-status"), /snapshot/);
  await page.click("#show-embed");
  assert.match(await text(page, "link-status"), /reproduces the settings but not your CSV data/);

  const opened = await openFusion("?source=table&fusion=tensor");
  assert.equal(await opened.inputValue("#source"), "univariate");
  assert.equal(await opened.inputValue("#fusion"), "tensor");
  assert.match(await text(opened, "message"), /a link cannot carry.*default data is shown/);
  assert.ok(await parameterCount(opened), "the default data trains");
  assert.deepEqual([...page.problems, ...opened.problems], []);
});

test("a snapshot holds the CSV and reopens as the same model", async () => {
  const page = await openWithCsv("?fusion=gated");
  await page.selectOption("#csv-role-3", "ignored");
  await page.waitForFunction(() => /B: b_signal;/.test(document.getElementById("csv-summary").textContent));
  for (let i = 0; i < 3; i++) await page.click("#step");
  const numbers = await text(page, "curve-numbers");
  const download = page.waitForEvent("download");
  await page.click("#export-json");
  const saved = readFileSync(await (await download).path());
  assert.equal(JSON.parse(saved).table.text, EXAMPLE.toString());

  const fresh = await openFusion();
  await fresh.setInputFiles("#import-json", {
    name: "snapshot.json",
    mimeType: "application/json",
    buffer: saved,
  });
  await fresh.waitForFunction(() =>
    /the same curves as saved/.test(document.getElementById("link-status").textContent),
  );
  assert.equal(await fresh.inputValue("#source"), "table");
  assert.equal(await fresh.inputValue("#csv-role-3"), "ignored");
  assert.equal(await text(fresh, "curve-numbers"), numbers);

  const withoutTable = JSON.parse(saved);
  delete withoutTable.table;
  await fresh.setInputFiles("#import-json", {
    name: "edited.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(withoutTable)),
  });
  await fresh.waitForFunction(() =>
    /a link cannot carry/.test(document.getElementById("link-status").textContent),
  );
  assert.equal(await fresh.inputValue("#source"), "univariate");
  assert.deepEqual([...page.problems, ...fresh.problems], []);
});

test("the CSV source fits a phone", async () => {
  const page = await openFusion("", { viewport: { width: 375, height: 800 } });
  await page.selectOption("#source", "table");
  await page.selectOption("#csv-role-1", "ignored");
  await page.selectOption("#csv-role-3", "ignored");
  await page.locator("#maps").waitFor({ state: "visible" });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow} px wider than the phone`);
  await page.screenshot({ path: `${ARTIFACTS}/fusion-csv-phone.png`, fullPage: true });
  assert.deepEqual(page.problems, []);
});
