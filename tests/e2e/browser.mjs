// Shared set-up for the end-to-end tests: the site served on a free loopback
// port, and headless Debian Chromium pages that record every console error,
// uncaught exception and request off the site's origin.

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

export async function openSite() {
  const server = await startServer({ root: "www", port: 0 });
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: CHROMIUM_FLAGS,
  });
  mkdirSync(ARTIFACTS, { recursive: true });

  /** A fresh page; `page.problems` lists what went wrong on it. */
  async function newPage(path, options = {}) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
    const page = await context.newPage();
    page.problems = [];
    page.on("console", (message) => {
      if (message.type() === "error") page.problems.push(`console error: ${message.text()}`);
    });
    page.on("pageerror", (error) => page.problems.push(`uncaught: ${error.message}`));
    page.on("request", (request) => {
      const url = request.url();
      if (!url.startsWith(origin) && !url.startsWith("data:") && !url.startsWith("blob:")) {
        page.problems.push(`request off the origin: ${url}`);
      }
    });
    await page.goto(origin + path);
    return page;
  }

  async function close() {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }

  return { origin, newPage, close };
}
