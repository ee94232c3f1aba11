// Issue 7: the province view scores every county with evaluateMany in a Web Worker; the page stays
// responsive while it runs (a click is handled mid-run) and shows progress and the ranking.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setup, appReady, shot, dataPaths } from "./harness.mjs";

let env;
before(async () => (env = await setup()));
after(async () => env && (await env.close()));

test("the province view runs in the worker and the page stays responsive", async () => {
  const { county, province } = await dataPaths();
  const page = await env.open(`/index.html?county=${county}&province=${province}&tab=scoring`);
  await appReady(page);
  // Measure how late timers fire on the main thread during the run.
  await page.evaluate(() => {
    window.__lag = 0;
    let last = performance.now();
    window.__lagTimer = setInterval(() => {
      const now = performance.now();
      window.__lag = Math.max(window.__lag, now - last - 20);
      last = now;
    }, 20);
  });
  // The test's own button (the demo has no test buttons): a click on it must be handled mid-run.
  await page.evaluate(() => {
    const b = document.createElement("button");
    b.type = "button";
    b.id = "ping";
    b.textContent = "ping";
    const out = document.createElement("output");
    out.id = "ping-count";
    out.textContent = "0";
    let n = 0;
    b.addEventListener("click", () => {
      out.textContent = String(++n);
      out.dataset.duringRun = String(document.body.hasAttribute("data-province-running"));
    });
    document.querySelector(".province").append(b, out);
  });
  // A larger "province" until a run lasts long enough for a click to land in the middle of it.
  let clicks = 0, during = "false";
  for (const scale of ["10", "50", "100"]) {
    await page.selectOption("#province-scale", scale);
    const done0 = await page.evaluate(() => document.body.dataset.provinceDone || "");
    await page.click("#province-run");
    await page.waitForFunction(() => document.body.hasAttribute("data-province-running") && document.querySelector("#province-progress").value > 0, null, { timeout: 20000 }).catch(() => {});
    await page.click("#ping");
    clicks++;
    assert.equal(await page.locator("#ping-count").textContent(), String(clicks), "the click was handled");
    during = await page.locator("#ping-count").getAttribute("data-during-run");
    await page.waitForFunction((d0) => (document.body.dataset.provinceDone || "") !== d0, done0, { timeout: 240000 });
    if (during === "true") break;
  }
  assert.equal(during, "true", "the click was handled while the worker ran");
  const lag = await page.evaluate(() => (clearInterval(window.__lagTimer), window.__lag));
  assert.ok(lag < 250, `main thread blocked ${Math.round(lag)} ms`);
  assert.equal(await page.locator("#province-progress").evaluate((p) => p.value), 1);
  const rows = await page.locator("#province-result table.ranking tbody tr").count();
  assert.ok(rows > 0, "a ranking");
  const failed = await page.locator("#province-result .pingan-error").count();
  assert.equal(failed, 0, "every county dossier was scored: " + (failed ? await page.locator("#province-result .pingan-error").textContent() : ""));
  // Ranks ascend, totals descend.
  const ranks = await page.locator("#province-result table.ranking tbody tr td:first-child").allTextContents();
  for (let i = 1; i < ranks.length; i++) assert.ok(Number(ranks[i]) >= Number(ranks[i - 1]));
  await page.locator(".province").screenshot({ path: shot("issue7-province-ranking.png") });

  // Province-scale what-if (whatIf per county, in the worker).
  await page.selectOption("#province-scale", "1");
  await page.click("#province-whatif");
  await page.waitForFunction(() => document.querySelector("#province-result [data-grade-changes]"), null, { timeout: 120000 });
  await env.assertClean(page, assert);
});
