// Writes the project's benchmark table to artifacts/bench/table.md and prints
// it. Run by scripts/bench.sh, which builds everything first.
//
// - Workloads: every benchmark driver bench/*.mjs, run as
//   `node bench/<name>.mjs --json --peer`. A driver prints one JSON object per
//   line on stdout (anything else goes to stderr):
//     {"workload": "...", "ours_native_ms": 1.2, "ours_wasm_ms": 3.4,
//      "peer": "cvxpy + Clarabel", "peer_ms": 56.7,
//      "goal_ratio": 20, "note": "..."}      (the last two are optional)
//   with every time measured in the same run. goal_ratio is the least
//   peer / wasm ratio the project aims for.
// - The WebAssembly module's size, raw and gzipped.
// - Each demo page (scripts/pages.mjs): the gzipped weight of every file it
//   loads (HTML, CSS, JavaScript, WebAssembly, icons), and its time to
//   interactive in headless Chromium served on loopback, from navigation
//   start to `body[data-ready=true]`, the median of fresh loads with an
//   empty cache after one warm-up load.
//
// `--pages` measures the modules and pages only, without the drivers.

import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { launchChromium } from "../tests/e2e/browser.mjs";
import { READY_SELECTOR, WWW, demoPages, wasmOf } from "./pages.mjs";
import { startServer } from "./server.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OUT = path.join(ROOT, "artifacts", "bench");

/** Fresh loads of each page; the table shows their median. */
const LOADS = 7;
const INTERACTIVE_GOAL_MS = 1000;
const WEIGHT_GOAL_BYTES = 1000 * 1000;

const gzipped = (bytes) => gzipSync(bytes, { level: 9 }).length;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

const milliseconds = (value) => (value == null ? "-" : value.toFixed(value < 1 ? 3 : value < 100 ? 2 : 0));
const kibibytes = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const ratio = (peer, ours) => (peer && ours ? `${(peer / ours).toFixed(1)}x` : "-");

function markdownTable(header, rows) {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => String(row[column]).length)),
  );
  const line = (cells) =>
    "| " + cells.map((cell, column) => String(cell).padEnd(widths[column])).join(" | ") + " |";
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join("\n");
}

/** The rows of every driver in bench/; a driver that fails gives one row saying so. */
function runDrivers() {
  const drivers = readdirSync(path.join(ROOT, "bench"))
    .filter((name) => name.endsWith(".mjs"))
    .sort();
  const rows = [];
  for (const driver of drivers) {
    console.error(`Running bench/${driver} --json --peer`);
    try {
      const output = execFileSync(process.execPath, [path.join("bench", driver), "--json", "--peer"], {
        cwd: ROOT,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
      });
      const found = output
        .split("\n")
        .filter((line) => line.trim().startsWith("{"))
        .map((line) => JSON.parse(line))
        .filter((row) => typeof row.workload === "string");
      if (found.length === 0) throw new Error("printed no JSON row with a workload");
      rows.push(...found.map((row) => ({ driver, ...row })));
    } catch (error) {
      rows.push({
        driver,
        workload: `bench/${driver} failed`,
        failed: true,
        // A driver's own messages went to stderr, above the table.
        note: error.status ? `exit status ${error.status}, see its messages above` : error.message,
      });
    }
  }
  return rows;
}

/** Marks the moment the page sets its ready signal, in ms since navigation start. */
function recordReady(selector) {
  const observer = new MutationObserver(() => {
    if (document.querySelector(selector)) {
      window.mmmlReadyAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { subtree: true, attributes: true, childList: true });
}

/** One load of `url` in a fresh context: time to ready, and every file fetched from the site. */
async function loadOnce(browser, origin, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(recordReady, READY_SELECTOR);
  const page = await context.newPage();
  const files = [];
  page.on("response", (response) => {
    if (response.url().startsWith(origin)) {
      files.push(response.body().then((body) => ({ url: new URL(response.url()).pathname, body })));
    }
  });
  const problems = [];
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (message) => message.type() === "error" && problems.push(message.text()));

  await page.goto(url);
  await page.waitForSelector(READY_SELECTOR, { timeout: 30_000 });
  const readyMs = await page.evaluate(() => window.mmmlReadyAt);
  await page.waitForLoadState("networkidle");
  const fetched = await Promise.all(files);
  await context.close();
  return { readyMs, fetched, problems };
}

const KINDS = { html: "HTML", css: "CSS", js: "JS", mjs: "JS", wasm: "wasm" };

/** Time to interactive and weight of every demo page. */
async function measurePages() {
  const server = await startServer({ root: WWW, port: 0 });
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await launchChromium();
  const pages = [];
  try {
    for (const { page } of demoPages()) {
      console.error(`Loading ${page} ${LOADS} times in headless Chromium`);
      const loads = [];
      try {
        // The first load also starts Chromium's renderer and network processes: not counted.
        await loadOnce(browser, origin, `${origin}/${page}`);
        for (let load = 0; load < LOADS; load++) {
          loads.push(await loadOnce(browser, origin, `${origin}/${page}`));
        }
      } catch (error) {
        pages.push({ page, failed: error.message.split("\n")[0] });
        continue;
      }
      const weight = { HTML: 0, CSS: 0, JS: 0, wasm: 0, other: 0 };
      for (const { url, body } of loads[0].fetched) {
        weight[KINDS[url.split(".").pop()] ?? "other"] += gzipped(body);
      }
      const times = loads.map((load) => load.readyMs);
      pages.push({
        page,
        files: loads[0].fetched.length,
        weight,
        total: Object.values(weight).reduce((sum, bytes) => sum + bytes, 0),
        medianMs: median(times),
        minMs: Math.min(...times),
        maxMs: Math.max(...times),
        problems: [...new Set(loads.flatMap((load) => load.problems))],
      });
    }
    return { pages, chromium: browser.version() };
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
}

function workloadTable(rows) {
  const header = [
    "workload",
    "ours, native ms",
    "ours, wasm in Node ms",
    "peer",
    "peer ms (same run)",
    "peer / native",
    "peer / wasm",
    "goal (peer / wasm)",
    "note",
  ];
  return markdownTable(
    header,
    rows.map((row) =>
      row.failed
        ? [row.workload, "-", "-", "-", "-", "-", "-", "-", row.note]
        : [
            row.workload,
            milliseconds(row.ours_native_ms),
            milliseconds(row.ours_wasm_ms),
            row.peer ?? "-",
            milliseconds(row.peer_ms),
            ratio(row.peer_ms, row.ours_native_ms),
            ratio(row.peer_ms, row.ours_wasm_ms),
            row.goal_ratio
              ? `${row.goal_ratio}x: ${row.peer_ms / row.ours_wasm_ms >= row.goal_ratio ? "met" : "missed"}`
              : "-",
            row.note ?? "",
          ],
    ),
  );
}

function wasmTable() {
  return markdownTable(
    ["WebAssembly module", "raw", "gzipped"],
    demoPages().map(({ module }) => {
      const bytes = readFileSync(wasmOf(module));
      return [path.relative(ROOT, wasmOf(module)), kibibytes(bytes.length), kibibytes(gzipped(bytes))];
    }),
  );
}

function pageTable(pages) {
  const header = [
    "page",
    "files",
    "HTML",
    "CSS",
    "JS",
    "wasm",
    "other",
    "total gzipped",
    `time to interactive (median of ${LOADS})`,
    "range",
    "goal (< 1 s, < 1 MB)",
  ];
  const rows = pages.map((page) => {
    if (page.failed) return [page.page, "-", "-", "-", "-", "-", "-", "-", "-", "-", page.failed];
    const met = page.medianMs < INTERACTIVE_GOAL_MS && page.total < WEIGHT_GOAL_BYTES;
    const problems = page.problems.length ? `; errors: ${page.problems.join(" / ")}` : "";
    return [
      page.page,
      page.files,
      ...["HTML", "CSS", "JS", "wasm", "other"].map((kind) => kibibytes(page.weight[kind])),
      kibibytes(page.total),
      `${milliseconds(page.medianMs)} ms`,
      `${milliseconds(page.minMs)} to ${milliseconds(page.maxMs)} ms`,
      (met ? "met" : "missed") + problems,
    ];
  });
  return markdownTable(header, rows);
}

const rustc = execFileSync("rustc", ["--version"], { encoding: "utf8" }).trim();
const workloads = process.argv.includes("--pages") ? [] : runDrivers();
const { pages, chromium } = await measurePages();

const table = [
  `# mmml benchmarks, ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
  "",
  `${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${rustc}, Node ${process.version}, Chromium ${chromium}.`,
  "Every time in a row was measured in this run; ratios above 1x mean we are faster than the peer.",
  "",
  ...(workloads.length ? [workloadTable(workloads), ""] : []),
  wasmTable(),
  "",
  "Pages served on loopback; each load in a fresh browser context (empty cache), after one warm-up load.",
  `Time to interactive: from navigation start to \`${READY_SELECTOR}\`. Sizes: each file gzipped at level 9.`,
  "",
  pageTable(pages),
  "",
].join("\n");

mkdirSync(OUT, { recursive: true });
writeFileSync(path.join(OUT, "table.md"), table);
writeFileSync(path.join(OUT, "rows.json"), JSON.stringify({ workloads, pages }, null, 1) + "\n");
console.log(table);
console.log(`Written to ${path.relative(ROOT, path.join(OUT, "table.md"))}.`);

if (workloads.some((row) => row.failed) || pages.some((page) => page.failed)) process.exit(1);
