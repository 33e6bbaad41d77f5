// The coordination lab in a real browser: the temperature moves the loss,
// training raises recall@1 and brightens the similarity matrix's diagonal,
// CCA explains a singular covariance instead of failing, kernel CCA fills
// its table, and the page fits a phone in dark mode.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { ARTIFACTS, openSite } from "./browser.mjs";

let site;
before(async () => (site = await openSite()));
after(() => site.close());

async function openLab(query = "", options) {
  const page = await site.newPage(`/coordination.html${query}`, options);
  await page.waitForSelector("body[data-ready=true]");
  return page;
}

const text = (page, id) => page.locator(`#${id}`).textContent();
const diagonal = (page) =>
  page.evaluate(() => Number(document.getElementById("similarity").dataset.diagonal));

test("moving the temperature slider changes the loss", async () => {
  const page = await openLab();
  const before = await text(page, "test-loss");
  await page.focus("#temperature");
  await page.keyboard.press("ArrowRight");
  assert.equal(await text(page, "temperature-value"), "0.2");
  await page.waitForFunction((before) => document.getElementById("test-loss").textContent !== before, before);
  assert.ok(Number(await text(page, "test-loss")) < Number(before), "a higher temperature softens the loss");
  assert.match(page.url(), /temperature=0.2/);
  assert.deepEqual(page.problems, []);
});

test("training raises recall@1 and brightens the diagonal of the similarity matrix", async () => {
  const page = await openLab("?steps=800");
  const recallBefore = Number.parseFloat(await text(page, "recall-ab"));
  const diagonalBefore = await diagonal(page);
  const embeddingsBefore = await page.evaluate(() => document.getElementById("embeddings").toDataURL());

  await page.click("#play");
  await page.waitForFunction(() => /Stopped/.test(document.getElementById("status").textContent), null, {
    timeout: 90000,
  });
  const recallAfter = Number.parseFloat(await text(page, "recall-ab"));
  const chance = Number.parseFloat(await text(page, "chance"));
  assert.ok(recallAfter > 5 * chance, `recall@1 ${recallAfter} % against chance ${chance} %`);
  assert.ok(recallAfter > recallBefore, `recall@1 went from ${recallBefore} % to ${recallAfter} %`);
  const diagonalAfter = await diagonal(page);
  assert.ok(
    diagonalAfter > diagonalBefore + 0.2,
    `true pairs minus other pairings: ${diagonalBefore} before, ${diagonalAfter} after`,
  );
  assert.notEqual(
    await page.evaluate(() => document.getElementById("embeddings").toDataURL()),
    embeddingsBefore,
  );
  assert.match(await text(page, "learned-recovered"), /^0\.\d{3}$/);
  await page.screenshot({ path: `${ARTIFACTS}/coordination-trained.png`, fullPage: true });
  assert.deepEqual(page.problems, []);
});

test("CCA gives its spectrum, and a singular covariance is explained, not a crash", async () => {
  const page = await openLab("?source=digits&space=cca&noise=0");
  assert.match(await text(page, "spectrum-numbers"), /^Canonical correlations: 0\.\d{3}/);
  const diagonalWithRidge = await diagonal(page);
  assert.ok(Number.isFinite(diagonalWithRidge));

  await page.selectOption("#ridge", "0");
  await page.locator("#cca-message").waitFor({ state: "visible" });
  assert.match(await text(page, "cca-message"), /ridge/i);
  assert.notEqual(await text(page, "train-loss"), "–", "the encoders are untouched by CCA's failure");

  await page.selectOption("#ridge", "0.01");
  await page.locator("#cca-message").waitFor({ state: "hidden" });
  assert.match(await text(page, "spectrum-numbers"), /^Canonical correlations: 0\.\d{3}/);
  assert.deepEqual(page.problems, []);
});

test("kernel CCA finds the nonlinear shared structure that linear CCA shows beside it", async () => {
  const page = await openLab();
  await page.click("#kernel-cca");
  await page.waitForFunction(() =>
    /^0\.\d{3}/.test(document.getElementById("kernel-correlations").textContent),
  );
  const kernel = (await text(page, "kernel-correlations")).split(", ").map(Number);
  const linear = (await text(page, "linear-correlations")).split(", ").map(Number);
  assert.ok(
    kernel.every((value) => value >= 0 && value <= 1),
    `kernel correlations ${kernel}`,
  );
  assert.ok(
    linear.every((value) => value >= 0 && value <= 1),
    `linear correlations ${linear}`,
  );
  assert.deepEqual(page.problems, []);
});

test("every kernel and space draws a matrix, and a tampered link falls back with a notice", async () => {
  const page = await openLab("?temperature=99&kernel=nosuch");
  assert.match(await text(page, "message"), /"temperature=99" is not valid/);
  assert.equal(await text(page, "temperature-value"), "0.1");
  // The link holds tau as the slider shows it.
  const exact = await openLab("?temperature=0.5");
  assert.equal(await text(exact, "temperature-value"), "0.5");
  assert.equal(await exact.inputValue("#temperature"), "6");
  assert.deepEqual(exact.problems, []);
  for (const space of ["raw", "cca", "learned"]) {
    await page.selectOption("#space", space);
    for (const kernel of ["cosine", "linear", "polynomial", "exponential", "rbf"]) {
      await page.selectOption("#kernel", kernel);
      assert.match(
        await text(page, "diagonal-note"),
        /^Mean similarity of true pairs -?\d/,
        `${space} ${kernel}`,
      );
    }
  }
  assert.deepEqual(page.problems, []);
});

test("the lab fits a phone in dark mode", async () => {
  const page = await openLab("?steps=100&play=1", {
    viewport: { width: 375, height: 800 },
    colorScheme: "dark",
  });
  await page.waitForFunction(() => /Stopped/.test(document.getElementById("status").textContent), null, {
    timeout: 60000,
  });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow} px wider than the phone`);
  await page.screenshot({ path: `${ARTIFACTS}/coordination-phone-dark.png`, fullPage: true });
  assert.deepEqual(page.problems, []);
});

test("a student's CSV of pairs: the Linnerud example gives its textbook correlations", async () => {
  const page = await openLab("?ridge=0");
  // Choosing one's own data before having any starts from the example.
  await page.selectOption("#source", "csv");
  await page.waitForFunction(() => /linnerud\.csv/.test(document.getElementById("csv-columns").textContent));
  assert.equal(await page.inputValue("#columns-a"), "1-3");
  // Canonical correlations of the Linnerud data (numpy, cross-checked with
  // scikit-learn): 0.795608, 0.200556, 0.072570.
  assert.equal(await text(page, "spectrum-numbers"), "Canonical correlations: 0.796, 0.201, 0.073.");

  await page.setInputFiles("#csv-file", {
    name: "broken.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("a,b\n1,2\n3,x\n" + "4,5\n".repeat(30)),
  });
  await page.locator("#csv-message").waitFor({ state: "visible" });
  assert.match(await text(page, "csv-message"), /line 3, column "b": "x" is not a finite number/);
  assert.equal(
    await text(page, "spectrum-numbers"),
    "Canonical correlations: 0.796, 0.201, 0.073.",
    "the table on screen is kept",
  );
  await page.fill("#columns-a", "1-9");
  await page.click("#csv-load");
  assert.match(await text(page, "csv-message"), /"1-9" is not a column or a range/);
  await page.fill("#columns-a", "1, 2, 2");
  await page.click("#csv-load");
  assert.match(await text(page, "csv-message"), /column 2 is listed twice/);
  await page.fill("#columns-a", "1-3");

  await page.setInputFiles("#csv-file", {
    name: "huge.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(
      Array.from(
        { length: 60 },
        (_, i) => `${1 + (i % 7)}e300,${i}e280,${i % 5},${i * i},${(7 * i) % 11},${i % 3}\n`,
      ).join(""),
    ),
  });
  await page.waitForFunction(() => /huge\.csv/.test(document.getElementById("csv-columns").textContent));
  assert.equal(await page.inputValue("#columns-a"), "1-3", "the columns typed are kept when they fit");
  await page.click("#play");
  await page.waitForFunction(() => /Step [1-9]/.test(document.getElementById("status").textContent));
  await page.click("#play");
  assert.doesNotMatch(await text(page, "status"), /training…/, "a paused lab does not say it is training");
  assert.doesNotMatch(await page.locator("body").textContent(), /NaN/);
  assert.deepEqual(page.problems, []);
});

test("a snapshot, CSV included, reopens as the same encoders", async () => {
  const page = await openLab("?objective=maxMargin&margin=0.3");
  await page.selectOption("#source", "csv");
  await page.click("#csv-example");
  await page.waitForFunction(() => /linnerud\.csv/.test(document.getElementById("csv-columns").textContent));
  for (let i = 0; i < 3; i++) await page.click("#step");
  const numbers = await page.locator("#curve-numbers").textContent();
  const download = page.waitForEvent("download");
  await page.click("#export-json");
  const saved = readFileSync(await (await download).path());

  const fresh = await openLab();
  await fresh.setInputFiles("#import-json", {
    name: "snapshot.json",
    mimeType: "application/json",
    buffer: saved,
  });
  await fresh.waitForFunction(() =>
    /the same curves as saved/.test(document.getElementById("link-status").textContent),
  );
  assert.equal(await fresh.inputValue("#source"), "csv");
  assert.equal(await fresh.inputValue("#objective"), "maxMargin");
  assert.equal(await fresh.locator("#curve-numbers").textContent(), numbers);

  await fresh.setInputFiles("#import-json", {
    name: "x.json",
    mimeType: "application/json",
    buffer: Buffer.from("[]"),
  });
  await fresh.locator("#message").waitFor({ state: "visible" });
  assert.match(await fresh.locator("#message").textContent(), /cannot be reopened.*Nothing was changed/);
  assert.deepEqual([...page.problems, ...fresh.problems], []);
});
