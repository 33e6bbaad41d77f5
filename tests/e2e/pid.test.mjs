import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { ARTIFACTS, openSite } from "./browser.mjs";

let site;
before(async () => (site = await openSite()));
after(() => site.close());

async function openPid(query = "", options) {
  const page = await site.newPage(`/pid.html${query}`, options);
  await page.waitForSelector("body[data-ready=true]");
  return page;
}

const atom = (page, name, measure = "broja") =>
  page.locator(`#atoms-body td[data-atom="${name}"][data-measure="${measure}"]`).textContent();

/** Waits until the atom shows `expected` (the page recomputes on the next frame). */
async function expectAtom(page, name, expected, measure = "broja") {
  await page.waitForFunction(
    ([name, measure, expected]) =>
      document.querySelector(`#atoms-body td[data-atom="${name}"][data-measure="${measure}"]`)
        ?.textContent === expected,
    [name, measure, expected],
  );
  assert.equal(await atom(page, name, measure), expected);
}

const chartPixels = (page) => page.evaluate(() => document.getElementById("atoms-chart").toDataURL());

test("XOR is pure synergy: S = 1.000 bits", async () => {
  const page = await openPid();
  await page.selectOption("#preset", "xor");
  await expectAtom(page, "S", "1.000");
  await expectAtom(page, "R", "0.000");
  assert.equal(await page.locator("#identities .holds").count(), 3);
  await page.screenshot({ path: `${ARTIFACTS}/pid-xor.png`, fullPage: true });
  assert.deepEqual(page.problems, []);
});

test("AND has R = 0.311 bits of redundancy", async () => {
  const page = await openPid();
  await page.selectOption("#preset", "and");
  await expectAtom(page, "R", "0.311");
  await expectAtom(page, "S", "0.500");
  assert.deepEqual(page.problems, []);
});

test("a negative cell is named on the page and the other cells are kept", async () => {
  const page = await openPid("?preset=and");
  const before = await page.locator("#editor input").evaluateAll((inputs) => inputs.map((i) => i.value));
  await page.fill('input[data-cell="0,1,0"]', "-0.25");

  const message = page.locator("#message");
  await message.waitFor({ state: "visible" });
  assert.match(await message.textContent(), /p\(x1=0, x2=1, y=0\) = -0.25 is negative/);
  const afterEdit = await page.locator("#editor input").evaluateAll((inputs) => inputs.map((i) => i.value));
  const changed = afterEdit.flatMap((value, index) => (value === before[index] ? [] : [index]));
  assert.equal(changed.length, 1, "only the edited cell may change");
  assert.equal(await page.getAttribute('input[data-cell="0,1,0"]', "aria-invalid"), "true");
  await page.screenshot({ path: `${ARTIFACTS}/pid-negative.png` });
  assert.deepEqual(page.problems, []);
});

test("a table that does not sum to 1 is not changed until the student normalises it", async () => {
  const page = await openPid("?preset=xor");
  await page.fill('input[data-cell="0,0,0"]', "0.75");
  await page.locator("#message").waitFor({ state: "visible" });
  assert.match(await page.locator("#message").textContent(), /sum to 1\.5, not 1.*Normalise/);
  assert.equal(await page.inputValue('input[data-cell="0,0,0"]'), "0.75");

  await page.click("#normalise");
  await page.locator("#message").waitFor({ state: "hidden" });
  assert.equal(await page.inputValue('input[data-cell="0,0,0"]'), "0.5");
  assert.deepEqual(page.problems, []);
});

test("NaN and text in a cell are refused with a message", async () => {
  const page = await openPid("?preset=or");
  await page.fill('input[data-cell="1,1,1"]', "abc");
  await page.locator("#message").waitFor({ state: "visible" });
  assert.match(await page.locator("#message").textContent(), /finite number/);
  assert.deepEqual(page.problems, []);
});

test("moving the noise slider changes the chart and the numbers", async () => {
  const page = await openPid("?preset=xor");
  await expectAtom(page, "S", "1.000");
  const before = await chartPixels(page);

  await page.locator("#noise").fill("0.5");
  await page.waitForFunction(
    () => document.querySelector('#atoms-body td[data-atom="S"]')?.textContent !== "1.000",
  );
  assert.ok(Number(await atom(page, "S")) < 1);
  assert.notEqual(await chartPixels(page), before, "the bar chart must be redrawn");
  assert.deepEqual(page.problems, []);
});

test("COPY shows the measures disagree when compared side by side", async () => {
  const page = await openPid("?preset=copy&compare=1");
  await expectAtom(page, "U1", "1.000", "broja");
  await expectAtom(page, "R", "0.000", "broja");
  await expectAtom(page, "R", "1.000", "imin");
  await expectAtom(page, "S", "1.000", "mmi");
  await page.screenshot({ path: `${ARTIFACTS}/pid-copy-compare.png`, fullPage: true });
  assert.deepEqual(page.problems, []);
});

test("a copied link reproduces the setup, and a tampered one falls back with a notice", async () => {
  const page = await openPid("?preset=random&seed=3&n1=4&n2=3&ny=2&noise=0.2");
  const link = page.url();
  const numbers = await page.locator("#atoms-body").textContent();
  const again = await site.newPage(new URL(link).pathname + new URL(link).search);
  await again.waitForSelector("body[data-ready=true]");
  assert.equal(await again.locator("#atoms-body").textContent(), numbers);

  const tampered = await openPid("?preset=evil&n1=9&noise=<b>x</b>");
  const notice = await tampered.locator("#message").textContent();
  assert.match(notice, /"preset=evil" is not valid/);
  assert.match(notice, /"n1=9" is not valid/);
  assert.equal(await tampered.locator("#message b").count(), 0, "URL text must never become HTML");
  await expectAtom(tampered, "S", "1.000");
  assert.deepEqual([...page.problems, ...again.problems, ...tampered.problems], []);
});

test("the page fits a phone and reads in dark mode", async () => {
  const page = await openPid("?preset=and", { viewport: { width: 375, height: 800 }, colorScheme: "dark" });
  await expectAtom(page, "R", "0.311");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow} px wider than the phone`);
  await page.screenshot({ path: `${ARTIFACTS}/pid-phone-dark.png`, fullPage: true });
  assert.deepEqual(page.problems, []);
});

test("editing a cell of a random table hides its seed and sizes, which no longer describe it", async () => {
  const page = await openPid("?preset=random&n1=2&n2=2&ny=2");
  assert.equal(await page.locator("#size-row").isVisible(), true);
  await page.fill('input[data-cell="0,0,0"]', "0.5");
  await page.locator("#message").waitFor({ state: "visible" });
  assert.equal(await page.inputValue("#preset"), "custom");
  assert.equal(await page.locator("#size-row").isVisible(), false);
  assert.equal(await page.locator("#random-row").isVisible(), false);
  assert.deepEqual(page.problems, []);
});
