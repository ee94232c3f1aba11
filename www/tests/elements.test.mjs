// Issue 7: each element in both languages (screenshots for the closing note), keyboard use, and the
// src attribute (same-origin fetch) of the display elements.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setup, appReady, shot, dataPaths, readDossier } from "./harness.mjs";

let env;
before(async () => (env = await setup()));
after(async () => env && (await env.close()));

async function ensureCase(page, year) {
  if ((await page.locator("#timeline li[data-case]").count()) > 0) return;
  await page.fill("#ai-date", `${year}-03-03`);
  await page.selectOption("#ai-severity", "major");
  await page.click('#add-incident button[type="submit"]');
  await page.locator("#timeline li[data-case]").first().waitFor({ timeout: 10000 });
}

test("every element renders in Chinese and in English", async () => {
  const { county } = await dataPaths();
  const d = await readDossier(county);
  for (const lang of ["zh", "en"]) {
    const page = await env.open(`/index.html?county=${county}${lang === "en" ? "&lang=en" : ""}`);
    await appReady(page);
    assert.equal(await page.evaluate(() => document.documentElement.lang), lang === "en" ? "en" : "zh-CN");
    // form-check
    await page.locator("#inc-date").fill("2025-02-30");
    await page.waitForSelector('#inc-date[aria-invalid="true"]');
    await page.locator("#incident-form").screenshot({ path: shot(`element-form-check-${lang}.png`) });
    // duty matrix
    await page.click("#tab-duties");
    await page.locator("#duty-matrix table").waitFor({ timeout: 15000 });
    await page.locator("#duty-matrix").screenshot({ path: shot(`element-duty-matrix-${lang}.png`) });
    const caption = await page.locator("#duty-matrix caption").textContent();
    assert.equal(caption, lang === "en" ? "Leadership duty matrix" : "领导责任清单");
    // scorecard
    await page.click("#tab-scoring");
    await page.locator("#scorecard .pingan-total").waitFor({ timeout: 15000 });
    await page.locator("#scorecard").screenshot({ path: shot(`element-scorecard-${lang}.png`) });
    // timeline
    await page.click("#tab-accountability");
    await page.locator("#timeline h3").waitFor({ timeout: 15000 });
    await ensureCase(page, d.year);
    await page.locator("#timeline").screenshot({ path: shot(`element-timeline-${lang}.png`) });
    const h3 = await page.locator("#timeline h3").textContent();
    assert.equal(h3, lang === "en" ? "Accountability cases" : "追究案件");
    await page.click("#tab-rewards");
    await page.locator("#awards").waitFor();
    await page.locator("#panel-rewards").screenshot({ path: shot(`tab-rewards-${lang}.png`) });
    await env.assertClean(page, assert);
  }
});

test("keyboard: tabs by arrow keys, matrix cells by Tab with their article shown on focus", async () => {
  const { county } = await dataPaths();
  const page = await env.open(`/index.html?county=${county}`);
  await appReady(page);
  await page.focus("#tab-forms");
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.evaluate(() => document.activeElement.id), "tab-duties");
  assert.equal(await page.locator("#panel-duties").isVisible(), true);
  await page.locator("#duty-matrix .pingan-cell").first().waitFor({ timeout: 15000 });
  await page.locator("#duty-matrix .pingan-cell").first().focus();
  await page.keyboard.press("Tab");
  const focused = await page.evaluate(() => document.activeElement.className);
  assert.match(focused, /pingan-cell/);
  const detail = await page.locator("#duty-matrix .pingan-detail").textContent();
  assert.match(detail, /第.+条/);
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("aria-pressed")), "true");
  // Timeline markers are focusable too.
  await page.click("#tab-accountability");
  const d = await readDossier(county);
  await page.locator("#timeline h3").waitFor({ timeout: 15000 });
  await ensureCase(page, d.year);
  const marker = page.locator("#timeline svg .pingan-marker").first();
  await marker.focus();
  assert.notEqual(await page.locator("#timeline .pingan-detail").textContent(), "");
  await env.assertClean(page, assert);
});

test("display elements take a same-origin src and dispatch pingan-result", async () => {
  const { county } = await dataPaths();
  const page = await env.open(`/tests/fixtures/elements.html?src=/${county}`);
  await page.waitForFunction(() => window.__results && window.__results.length >= 3, null, { timeout: 15000 });
  const results = await page.evaluate(() => window.__results);
  assert.deepEqual(results.map((r) => r.tag).sort(), ["PINGAN-DUTY-MATRIX", "PINGAN-SCORECARD", "PINGAN-TIMELINE"]);
  for (const r of results) assert.equal(r.ok, true, `${r.tag}: ${JSON.stringify(r.errors)}`);
  await env.assertClean(page, assert);
});

test("elements.js copied next to pingan.js in pkg/web works there, with no shim", async () => {
  const { readFile, writeFile, copyFile } = await import("node:fs/promises");
  const { join } = await import("node:path");
  const { REPO } = await import("./harness.mjs");
  // `make build` copies www/elements.js into pkg/web; keep the copy current when run on its own.
  const { readdirSync, mkdirSync } = await import("node:fs");
  const modules = ["elements", "elements/internal"].flatMap((d) => readdirSync(join(REPO, "www", d)).filter((f) => f.endsWith(".js")).map((f) => `${d}/${f}`));
  for (const f of ["elements.js", "worker.js", "load.js", ...modules]) {
    const src = join(REPO, "www", f), dst = join(REPO, "pkg", "web", f);
    const same = await Promise.all([readFile(src, "utf8"), readFile(dst, "utf8").catch(() => "")]).then(([a, b]) => a === b);
    if (!same) {
      mkdirSync(join(dst, ".."), { recursive: true });
      await copyFile(src, dst);
    }
  }
  const page = await env.open("/tests/fixtures/vendored.html");
  await page.locator("#d").pressSequentially("2025-02-30", { delay: 5 });
  await page.waitForSelector('#d[aria-invalid="true"]', { timeout: 10000 });
  const rec = await page.evaluate(async () => {
    const m = await import("/pkg/web/elements.js");
    return m.formToRecord(document.querySelector("#f"));
  });
  assert.deepEqual(rec, { date: "2025-02-30", severity: "major", id: "I1", category: "criminal_case" });
  const paths = page.__log.requests.map((u) => new URL(u).pathname);
  assert.ok(paths.includes("/pkg/web/pingan.js"));
  assert.ok(!paths.includes("/pingan.js"), "no shim needed");
  await env.assertClean(page, assert);
});

test("field names map to JSON Pointers (dots, slashes, brackets, data-pointer) with typed values", async () => {
  const page = await env.open("/legacy.html");
  await page.waitForFunction(() => customElements.get("pingan-form-check"));
  const rec = await page.evaluate(async () => {
    const m = await import("/elements.js");
    const f = document.createElement("form");
    f.innerHTML = `
      <input name="id" value="R1"><input name="year" type="number" value="2025">
      <input name="signed_by.superior" data-type="list" value="C1, C2">
      <input name="signed_by/subordinate" data-type="list" value="L1、L2">
      <input name="targets[0].metric" value="satisfaction"><input name="targets[0].target" type="number" value="96.5">
      <input name="x" data-pointer="/targets/1/metric" value="third_party">
      <input name="flag" type="checkbox" checked><input name="empty" value="">
      <select name="multi" multiple><option selected>a</option><option>b</option><option selected>c</option></select>`;
    return m.formToRecord(f);
  });
  assert.deepEqual(rec, {
    id: "R1",
    year: 2025,
    signed_by: { superior: ["C1", "C2"], subordinate: ["L1", "L2"] },
    targets: [{ metric: "satisfaction", target: 96.5 }, { metric: "third_party" }],
    flag: true,
    multi: ["a", "c"],
  });
  await env.assertClean(page, assert);
});
