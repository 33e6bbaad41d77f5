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

test("play trains the model: the loss falls and the map changes", async () => {
  const page = await openFusion("?fusion=multiplicative&interaction=synergy&steps=1500");
  const lossBefore = Number(await text(page, "train-loss"));
  const mapBefore = await pixels(page, "map");
  const curvesBefore = await pixels(page, "curves");

  await page.click("#play");
  assert.equal(await page.getAttribute("#play", "aria-pressed"), "true");
  await page.waitForFunction(() => /Stopped/.test(document.getElementById("status").textContent), null, {
    timeout: 60000,
  });
  assert.equal(await page.getAttribute("#play", "aria-pressed"), "false");
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
