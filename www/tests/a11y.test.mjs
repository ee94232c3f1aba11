// Issue 7: axe-core (npm, injected from node_modules) finds no serious or critical violation on the
// demo's tabs and the legacy fixture. The script tag is inline, so this file serves without the CSP
// header (the CSP itself is tested by security.test.mjs and every other test).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { setup, appReady, dataPaths, readDossier } from "./harness.mjs";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");

let env;
before(async () => (env = await setup({ csp: false })));
after(async () => env && (await env.close()));

async function axe(page, label) {
  await page.addScriptTag({ path: AXE });
  const res = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  });
  const bad = res.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(bad, [], `${label}: ${JSON.stringify(bad, null, 1)}`);
  return res;
}

test("the demo's tabs have no serious accessibility violations", async () => {
  const { county } = await dataPaths();
  const d = await readDossier(county);
  for (const lang of ["zh", "en"]) {
    const page = await env.open(`/index.html?county=${county}${lang === "en" ? "&lang=en" : ""}`);
    await appReady(page);
    await page.locator("#inc-date").fill("2025-02-30");
    await page.waitForSelector('#inc-date[aria-invalid="true"]');
    await axe(page, `${lang} forms`);
    for (const tab of ["duties", "scoring", "accountability", "rewards"]) {
      await page.click(`#tab-${tab}`);
      await page.waitForTimeout(300);
      if (tab === "accountability") {
        await page.fill("#ai-date", `${d.year}-03-03`);
        await page.selectOption("#ai-severity", "major");
        await page.click('#add-incident button[type="submit"]');
        await page.locator("#timeline li[data-case]").first().waitFor({ timeout: 10000 });
      }
      await axe(page, `${lang} ${tab}`);
    }
    await env.assertClean(page, assert);
  }
});

test("the legacy fixture has no serious accessibility violations", async () => {
  const page = await env.open("/legacy.html");
  await page.waitForFunction(() => customElements.get("pingan-form-check"));
  await page.locator("#f_date").fill("2025-02-30");
  await page.waitForSelector('#f_date[aria-invalid="true"]');
  await axe(page, "legacy");
  await env.assertClean(page, assert);
});
