// Issue 9: the pages work under the strict CSP (no console error, no violation), user data never
// becomes markup (a unit named <img src=x onerror=alert(1)> shows as text), and the module makes no
// network request of its own (only same-origin 127.0.0.1 requests, and on the legacy page only the
// files it names plus the engine).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { setup, appReady, dataPaths, REPO } from "./harness.mjs";

let env;
before(async () => (env = await setup()));
after(async () => env && (await env.close()));

const PAYLOAD = "<img src=x onerror=alert(1)>";

test("every tab works under the strict CSP with no console error", async () => {
  const { county } = await dataPaths();
  const page = await env.open(`/index.html?county=${county}`);
  await appReady(page);
  for (const tab of ["duties", "scoring", "accountability", "rewards", "forms"]) {
    await page.click(`#tab-${tab}`);
    await page.waitForTimeout(400);
  }
  await page.click("#lang-toggle");
  await page.waitForTimeout(300);
  await env.assertClean(page, assert);
  const paths = page.__log.requests.map((u) => new URL(u).pathname);
  assert.ok(paths.includes("/load.js") && paths.includes("/pingan_bg.wasm"), "the wasm loaded through load.js");
});

test("a unit named like markup shows as text and runs nothing", async () => {
  const page = await env.open(`/index.html?county=tests/fixtures/xss-county.json&tab=scoring`);
  await appReady(page);
  await page.locator("#scorecard .pingan-unit").waitFor({ timeout: 15000 });
  const unit = page.locator("#scorecard .pingan-unit");
  assert.ok((await unit.textContent()).includes(PAYLOAD));
  assert.equal(await unit.isVisible(), true);
  for (const tab of ["duties", "accountability", "rewards"]) {
    await page.click(`#tab-${tab}`);
    await page.waitForTimeout(400);
  }
  await page.click("#tab-duties");
  const header = page.locator("#duty-matrix thead th", { hasText: PAYLOAD });
  assert.equal(await header.count(), 1);
  assert.equal(await header.isVisible(), true);
  // The printable report carries the name in its title, as text.
  await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
  await page.waitForFunction((p) => document.querySelector("#report-title").textContent.includes(p), PAYLOAD);
  const dom = await page.evaluate(() => ({
    imgs: document.querySelectorAll("img").length,
    scripts: Array.from(document.scripts).map((s) => s.getAttribute("src")),
  }));
  assert.equal(dom.imgs, 0, "no <img> element was created from data");
  assert.deepEqual(dom.scripts, ["app.js"]);
  await page.waitForTimeout(300);
  assert.deepEqual(page.__log.dialogs, [], "no dialog fired");
  assert.ok(!page.__log.requests.some((u) => new URL(u).pathname === "/x"), "nothing fetched /x");
  await env.assertClean(page, assert);
});

test("the legacy page requests only its own files and the engine", async () => {
  const page = await env.open("/legacy.html");
  await page.waitForFunction(() => customElements.get("pingan-form-check"));
  await page.locator("#f_date").fill("2025-02-30");
  await page.waitForSelector('#f_date[aria-invalid="true"]');
  await page.waitForTimeout(300);
  // elements.js and its modules (www/elements/, www/elements/internal/), nothing else of www/elements.
  const modules = ["elements", "elements/internal"].flatMap((d) => readdirSync(join(REPO, "www", d)).filter((f) => f.endsWith(".js")).map((f) => `/${d}/${f}`));
  const allowed = new Set(["/legacy.html", "/legacy.css", "/legacy-host.js", "/elements.js", ...modules, "/vocabularies.js", "/load.js", "/pingan.js", "/pkg/web/pingan.js", "/pingan_bg.wasm", "/favicon.svg"]);
  for (const u of page.__log.requests) {
    const url = new URL(u);
    assert.equal(url.hostname, "127.0.0.1", u);
    assert.ok(allowed.has(url.pathname), `unexpected request ${url.pathname}`);
  }
  await env.assertClean(page, assert);
});
