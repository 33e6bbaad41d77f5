// Shared set-up for the end-to-end tests: the site served on a free loopback
// port, and headless Debian Chromium pages that record every console error,
// uncaught exception and request off the site's origin. openFiles() does the
// same for pages opened from disk (file://), where any request is a problem.

import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";
import { startServer } from "../../scripts/server.mjs";

export const ARTIFACTS = "artifacts/e2e";

const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Headless Debian Chromium (or $CHROMIUM) with the flags above. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: CHROMIUM_FLAGS,
  });
}

/** Records on `page.problems` console errors, uncaught exceptions and requests that `allowed` refuses. */
function recordProblems(page, allowed) {
  page.problems = [];
  page.on("console", (message) => {
    if (message.type() === "error") page.problems.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => page.problems.push(`uncaught: ${error.message}`));
  page.on("request", (request) => {
    if (!allowed(request.url())) page.problems.push(`request off the origin: ${request.url()}`);
  });
}

export async function openSite() {
  const server = await startServer({ root: "www", port: 0 });
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });

  /** A fresh page; `page.problems` lists what went wrong on it. */
  async function newPage(path, options = {}) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
    const page = await context.newPage();
    recordProblems(page, (url) => [origin, "data:", "blob:"].some((allowed) => url.startsWith(allowed)));
    await page.goto(origin + path);
    return page;
  }

  async function close() {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }

  return { origin, newPage, close };
}

/** Pages opened from disk; every request that is not file:, data: or blob: is a problem. */
export async function openFiles() {
  const browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });

  /** A fresh page at `fileUrl` (a file:// URL); `page.problems` lists what went wrong on it. */
  async function newPage(fileUrl, options = {}) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
    const page = await context.newPage();
    recordProblems(page, (url) => ["file:", "data:", "blob:"].some((allowed) => url.startsWith(allowed)));
    await page.goto(fileUrl);
    return page;
  }

  return { newPage, close: () => browser.close() };
}
