import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { ARTIFACTS, openSite } from "./browser.mjs";

let site;
before(async () => (site = await openSite()));
after(() => site.close());

test("the landing page presents all six challenges and links only the live ones", async () => {
  const page = await site.newPage("/");
  const challenges = page.locator(".challenge h2");
  assert.equal(await challenges.count(), 6);
  assert.deepEqual(
    (await challenges.allTextContents()).map((title) => title.replace(/^\d\.\s*/, "")),
    ["Representation", "Alignment", "Reasoning", "Generation", "Transference", "Quantification"],
  );
  assert.equal(await page.locator(".challenge.coming a").count(), 0, "coming demos must not link anywhere");

  await page.getByRole("link", { name: /PID calculator/ }).click();
  await page.waitForSelector("body[data-ready=true]");
  assert.match(page.url(), /pid\.html/);
  await page.screenshot({ path: `${ARTIFACTS}/landing-to-pid.png` });
  assert.deepEqual(page.problems, []);
});

test("the landing page reads at phone width in dark mode", async () => {
  const page = await site.newPage("/", { viewport: { width: 375, height: 800 }, colorScheme: "dark" });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow} px wider than the phone`);
  await page.screenshot({ path: `${ARTIFACTS}/landing-phone-dark.png`, fullPage: true });
  assert.deepEqual(page.problems, []);
});
