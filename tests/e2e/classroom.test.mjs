// What instructors and students need around every demo: embedding, teacher
// options, their own data, exports, keyboard use and accessibility.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { ARTIFACTS, openSite } from "./browser.mjs";

const PAGES = ["/", "/pid.html", "/fusion.html", "/coordination.html", "/embed-example.html"];
const DEMOS = new Set(["/pid.html", "/fusion.html", "/coordination.html"]);

let site;
before(async () => (site = await openSite()));
after(() => site.close());

async function openPid(query = "", options) {
  const page = await site.newPage(`/pid.html${query}`, options);
  await page.waitForSelector("body[data-ready=true]");
  return page;
}

const atomText = (frameOrPage, name, measure = "broja") =>
  frameOrPage.locator(`#atoms-body td[data-atom="${name}"][data-measure="${measure}"]`).textContent();

test("the custom element works twice on one page", async () => {
  const page = await site.newPage("/embed-example.html");
  const first = page.frameLocator("#first iframe");
  const second = page.frameLocator("#second iframe");
  await first.locator("body[data-ready=true]").waitFor();
  await page.locator("#second").scrollIntoViewIfNeeded();
  await second.locator("body[data-ready=true]").waitFor();

  assert.equal(await atomText(first, "R"), "0.311");
  assert.equal(await atomText(second, "R", "imin"), "1.000");
  assert.equal(await second.locator("#group-data").isHidden(), true, "hide=data hides the CSV controls");
  assert.equal(await first.locator(".site-header").isHidden(), true, "embedded demos drop the site header");
  await page.screenshot({ path: `${ARTIFACTS}/embed-two-demos.png` });
  assert.deepEqual(page.problems, []);
});

test("teacher options hide controls and text, and unknown ones are reported", async () => {
  const page = await openPid("?preset=and&hide=move,data,nosuch&text=0");
  assert.equal(await page.locator("#group-move").isHidden(), true);
  assert.equal(await page.locator("#group-data").isHidden(), true);
  assert.equal(await page.locator(".explain").first().isHidden(), true);
  assert.match(
    await page.locator("#message").textContent(),
    /"hide=nosuch" names no group.*\(the groups: start, table, move, data, measure, share\)/,
  );
  assert.deepEqual(page.problems, []);
});

test("embed snippets escape what a link carries, and embed.js leaves the page's own attributes out", async () => {
  const page = await openPid("?preset=and&hide=data%22%3E%3Cb%3Ex");
  await page.click("#show-embed");
  const element = await page.inputValue("#embed-element");
  assert.match(element, /hide="data&quot;&gt;&lt;b&gt;x"/);
  assert.doesNotMatch(element, /<b>/);
  assert.doesNotMatch(await page.inputValue("#embed-iframe"), /<b>/);

  const example = await site.newPage("/embed-example.html");
  const frame = example.locator("mmml-demo iframe").first();
  await frame.waitFor();
  await example.waitForFunction(() => document.querySelector("mmml-demo iframe")?.src);
  const src = await frame.getAttribute("src");
  assert.match(src, /embed=1/);
  assert.doesNotMatch(src, /[?&](id|class|style)=/);
  assert.deepEqual([...page.problems, ...example.problems], []);
});

test("a student's CSV becomes the table, and a broken one is named by line", async () => {
  const page = await openPid("?preset=or");
  const xorSamples = "colour,shape,label\nred,round,no\nred,square,yes\nblue,round,yes\nblue,square,no\n";
  await page.setInputFiles("#csv-file", {
    name: "xor.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(xorSamples),
  });
  await page.locator("#csv-columns").waitFor();
  await page.click("#csv-load");
  await page.waitForFunction(
    () => document.querySelector('#atoms-body td[data-atom="S"]')?.textContent === "1.000",
  );
  assert.match(await page.locator("#csv-labels").textContent(), /4 samples\. X1: 0 = blue, 1 = red/);

  const before = await page.locator("#editor input").evaluateAll((inputs) => inputs.map((i) => i.value));
  const broken = "a,b,y\n0,1,1\n1,0\n";
  await page.setInputFiles("#csv-file", {
    name: "broken.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(broken),
  });
  await page.locator("#message").waitFor({ state: "visible" });
  assert.match(await page.locator("#message").textContent(), /line 3 of the CSV has 2 fields/);
  const afterwards = await page.locator("#editor input").evaluateAll((inputs) => inputs.map((i) => i.value));
  assert.deepEqual(afterwards, before, "a broken CSV must not touch the table");

  await page.setInputFiles("#csv-file", {
    name: "excel.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("a;b;y\n0;1;1\n1;0;1\n"),
  });
  await page.waitForFunction(() => /semicolons/.test(document.querySelector("#message").textContent));
  assert.match(await page.locator("#message").textContent(), /save the file with commas/);
  assert.deepEqual(
    await page.locator("#editor input").evaluateAll((inputs) => inputs.map((i) => i.value)),
    before,
  );
  assert.deepEqual(page.problems, []);
});

test("results export as CSV and JSON, and the JSON reopens the same setup", async () => {
  const page = await openPid("?preset=random&seed=11&n1=3&n2=2&ny=4&noise=0.1");
  const numbers = await page.locator("#atoms-body").textContent();

  const csvDownload = page.waitForEvent("download");
  await page.click("#export-csv");
  const csv = readFileSync(await (await csvDownload).path(), "utf8");
  assert.match(csv, /^measure,R,U1,U2,S,I_X1_Y,I_X2_Y,I_X1X2_Y,coinformation\nbroja,/);

  const jsonDownload = page.waitForEvent("download");
  await page.click("#export-json");
  const saved = readFileSync(await (await jsonDownload).path());

  const pngDownload = page.waitForEvent("download");
  await page.click("#export-png");
  const png = readFileSync(await (await pngDownload).path());
  assert.equal(png.subarray(1, 4).toString(), "PNG");

  const fresh = await openPid("?preset=xor");
  await fresh.setInputFiles("#import-json", {
    name: "pid-setup.json",
    mimeType: "application/json",
    buffer: saved,
  });
  await fresh.waitForFunction(
    (expected) => document.querySelector("#atoms-body").textContent === expected,
    numbers,
  );
  assert.equal(await fresh.inputValue("#noise"), "0.1");

  await fresh.setInputFiles("#import-json", {
    name: "x.json",
    mimeType: "application/json",
    buffer: Buffer.from("{"),
  });
  await fresh.locator("#message").waitFor({ state: "visible" });
  assert.match(
    await fresh.locator("#message").textContent(),
    /cannot be reopened: it is not a JSON snapshot.*Nothing was changed/,
  );

  // A table the editor cannot show is refused; bad settings inside a snapshot are named.
  await fresh.setInputFiles("#import-json", {
    name: "one-value.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify({ format: "mmml-pid", table: [[[0.5, 0.5]]] })),
  });
  await fresh.waitForFunction(() =>
    /each variable needs 2 to 8/.test(document.querySelector("#message").textContent),
  );
  const table = [
    [
      [0.25, 0],
      [0, 0.25],
    ],
    [
      [0, 0.25],
      [0.25, 0],
    ],
  ];
  await fresh.setInputFiles("#import-json", {
    name: "bad-setup.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify({ format: "mmml-pid", table, setup: { measure: "zzz" } })),
  });
  await fresh.waitForFunction(() =>
    /"measure=zzz" is not valid/.test(document.querySelector("#message").textContent),
  );
  assert.deepEqual([...page.problems, ...fresh.problems], []);
});

test("the keyboard alone reaches and moves the controls", async () => {
  const page = await openPid("?preset=xor");
  const reached = new Set();
  for (let press = 0; press < 60; press++) {
    await page.keyboard.press("Tab");
    const id = await page.evaluate(
      () => document.activeElement?.id || document.activeElement?.dataset.cell || "",
    );
    reached.add(id);
    if (id === "noise") break;
  }
  for (const id of ["preset", "0,0,0", "normalise", "noise"]) {
    assert.ok(reached.has(id), `Tab never reached ${id}`);
  }
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.inputValue("#noise"), "0.02");
  await page.waitForFunction(
    () => document.querySelector('#atoms-body td[data-atom="S"]')?.textContent !== "1.000",
  );
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, "none", "the focused control must show a visible focus ring");
  assert.deepEqual(page.problems, []);
});

test("axe-core finds no serious accessibility violation on any page", async () => {
  const axe = readFileSync("node_modules/axe-core/axe.min.js", "utf8");
  for (const path of PAGES) {
    for (const colorScheme of ["light", "dark"]) {
      // axe is injected as a script, which the pages' own policy rightly forbids.
      const page = await site.newPage(path, { bypassCSP: true, colorScheme });
      await page.waitForLoadState("load");
      if (DEMOS.has(path)) await page.waitForSelector("body[data-ready=true]");
      await page.addScriptTag({ content: axe });
      const violations = await page.evaluate(async () => {
        const { violations } = await window.axe.run(document, { resultTypes: ["violations"] });
        return violations
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
      });
      assert.deepEqual(violations, [], `${path} (${colorScheme})`);
    }
  }
});
