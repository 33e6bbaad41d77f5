// A monkey test: a seeded stream of random actions on every demo page
// (scripts/pages.mjs finds them), the way a class of students pokes at a demo
// on the projector: sliders dragged anywhere, buttons, selects and checkboxes
// clicked, garbage typed into every field, random files uploaded, the page
// reopened from the link it wrote. After each action the page must show no
// console error, no uncaught exception, no panic of the crate ("internal
// error in mmml") and no "NaN" in its visible text.
//
// The same seed gives the same actions: a failure names the seed, the page
// and the last actions, and a screenshot is saved in artifacts/e2e.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { READY_SELECTOR, demoPages } from "../../scripts/pages.mjs";
import { ARTIFACTS, openSite } from "./browser.mjs";

const SEED = 20260611;
const TOTAL_ACTIONS = 1000;
/** Every so many actions the page is reloaded from the URL it wrote. */
const RELOAD_EVERY = 100;
/** How long one action may wait for its element before it is skipped. */
const ACTION_TIMEOUT_MS = 2000;

/** What students type: numbers in range and out of it, and plain garbage. */
const TYPED = ["-1", "NaN", "1e999", "abc", "", "0", "1", "2", "8", "0.5", "-0", "1e-320", " 3 ", "Infinity"];
/** Cells of the files the monkey uploads; "nan" and "inf" are what Rust's number parser accepts. */
const FILE_CELLS = ["0", "1", "2", "red", "blue", "-1", "3.5", "1e999", "nan", "inf", "", '"a,b"', "x y"];

const CONTROLS = "input, select, button, textarea";

/** mulberry32: a small seeded generator of numbers in [0, 1). */
function generator(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let site;
before(async () => (site = await openSite()));
after(() => site.close());

/** The controls a student could use now: visible, enabled, and not ones that leave the page. */
function usableControls(selector) {
  return [...document.querySelectorAll(selector)].flatMap((element, index) => {
    const leaves = element.closest("a[href]") || (element.type === "submit" && element.form);
    if (leaves || element.disabled || element.readOnly || !element.checkVisibility()) return [];
    return [
      {
        index,
        tag: element.tagName.toLowerCase(),
        type: element.type,
        min: element.min,
        max: element.max,
        options: element.tagName === "SELECT" ? [...element.options].filter((o) => !o.disabled).length : 0,
        accept: element.accept ?? "",
        label: element.id || element.dataset.cell || element.textContent.trim().slice(0, 30),
      },
    ];
  });
}

/** What is wrong on the page now, as text, or "" when nothing is. */
function visibleProblems() {
  // A URL on the page may carry what was typed (a copied link shows the cells).
  const text = document.body.innerText.replace(/\bhttps?:\/\/\S+/g, "");
  const problems = [];
  if (text.includes("internal error in mmml")) problems.push("the crate panicked");
  const nan = text.match(/.{0,40}\bNaN\b.{0,40}/);
  if (nan) problems.push(`"NaN" is shown: ...${nan[0]}...`);
  return problems.join("; ");
}

function randomFile(random, accept) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const json = accept.includes("json");
  if (json && random() < 0.5) {
    const kinds = ['{"format":"mmml-pid","table":[[[1]]]}', "{", "[]", '{"format":"mmml-pid","table":"x"}'];
    return { name: "monkey.json", mimeType: "application/json", buffer: Buffer.from(pick(kinds)) };
  }
  const columns = 1 + Math.floor(random() * 4);
  const rows = Math.floor(random() * 30);
  const lines = Array.from({ length: rows + 1 }, () =>
    Array.from({ length: columns + (random() < 0.1 ? 1 : 0) }, () => pick(FILE_CELLS)).join(","),
  );
  return { name: "monkey.csv", mimeType: "text/csv", buffer: Buffer.from(lines.join("\n")) };
}

/** Does one random thing to one random control; returns what it did. */
async function act(page, random) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const controls = await page.evaluate(usableControls, CONTROLS);
  if (controls.length === 0) return "nothing to do";
  const control = pick(controls);
  const element = page.locator(CONTROLS).nth(control.index);
  const options = { timeout: ACTION_TIMEOUT_MS };
  const name = `${control.tag}[${control.type}] ${control.label}`;

  if (random() < 0.1) {
    const key = pick(["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "PageUp", "End", "Home", "Space"]);
    await element.focus(options);
    await page.keyboard.press(key);
    return `${key} on ${name}`;
  }
  if (control.tag === "select") {
    const index = Math.floor(random() * control.options);
    await element.selectOption({ index }, options);
    return `option ${index} of ${name}`;
  }
  if (control.tag === "button" || ["checkbox", "radio"].includes(control.type)) {
    await element.click(options);
    return `click ${name}`;
  }
  if (control.type === "range") {
    const [min, max] = [Number(control.min || 0), Number(control.max || 100)];
    const value = String(min + random() * (max - min));
    await element.fill(value, options);
    return `slide ${name} to ${value}`;
  }
  if (control.type === "file") {
    const file = randomFile(random, control.accept);
    await element.setInputFiles(file, options);
    return `upload ${JSON.stringify(file.buffer.toString().slice(0, 60))} to ${name}`;
  }
  // Text, number and any other field: typed over, then Enter or Tab commits it.
  const typed = random() < 0.7 ? pick(TYPED) : String(Math.round(random() * 1000) / 100);
  const commit = pick(["Enter", "Tab"]);
  await element.click(options);
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(typed);
  await page.keyboard.press(commit);
  return `type ${JSON.stringify(typed)} + ${commit} into ${name}`;
}

/** Resolves after the page has drawn two frames: the demos recompute on the next one. */
const settle = (page) =>
  page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

async function openDemo(path) {
  const page = await site.newPage(path);
  page.on("dialog", (dialog) => dialog.dismiss());
  page.on("popup", (popup) => popup.close());
  page.on("console", (message) => {
    if (message.text().includes("internal error in mmml")) page.problems.push(`panic: ${message.text()}`);
  });
  page.on("crash", () => page.problems.push("the page crashed"));
  await page.waitForSelector(READY_SELECTOR);
  return page;
}

const pages = demoPages();

test("the site has at least one demo page for the monkey", () => {
  assert.ok(pages.length > 0, "no www/*.html loads a js/<name>.js module");
});

pages.forEach(({ page: file }, position) => {
  const share = Math.floor(TOTAL_ACTIONS / pages.length) + (position < TOTAL_ACTIONS % pages.length ? 1 : 0);

  test(`${share} random actions on ${file} break nothing (seed ${SEED})`, async (t) => {
    const random = generator(SEED + position);
    const path = `/${file}`;
    let page = await openDemo(path);
    const history = [];
    let skipped = 0;

    for (let action = 1; action <= share; action++) {
      let done;
      try {
        done = await act(page, random);
      } catch (error) {
        // The control moved or vanished between choosing and acting: not the page's fault.
        if (error.name !== "TimeoutError") throw error;
        done = `skipped (${error.message.split("\n")[0]})`;
        skipped++;
      }
      history.push(`${action}: ${done}`);

      if (new URL(page.url()).pathname !== path) {
        t.diagnostic(`action ${action} left the page for ${page.url()}; reopened it`);
        await page.context().close();
        page = await openDemo(path);
      } else if (action % RELOAD_EVERY === 0) {
        history.push(`${action}: reload ${page.url().slice(page.url().indexOf(path))}`);
        await page.reload();
        await page.waitForSelector(READY_SELECTOR);
      }
      await settle(page);

      const problems = [...page.problems, (await page.evaluate(visibleProblems)) || []].flat();
      if (problems.length) {
        await page.screenshot({ path: `${ARTIFACTS}/monkey-${file.replace(".html", "")}-failure.png` });
        assert.fail(
          `${file}, seed ${SEED + position}, after action ${action}:\n  ${problems.join("\n  ")}\n` +
            `last actions:\n  ${history.slice(-12).join("\n  ")}\nURL: ${page.url()}`,
        );
      }
    }
    const kinds = {};
    for (const line of history) {
      const kind = line.split(" ")[1];
      kinds[kind] = (kinds[kind] ?? 0) + 1;
    }
    t.diagnostic(`${share} actions, ${skipped} skipped: ${JSON.stringify(kinds)}`);
    assert.ok(skipped < share / 10, `${skipped} of ${share} actions were skipped`);
    await page.context().close();
  });
});
