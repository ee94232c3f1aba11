// Issue 7: a unit's report (scorecard, cases, duty matrix) prints as a clean A4 document in Chinese.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setup, appReady, shot, dataPaths, readDossier } from "./harness.mjs";

let env;
before(async () => (env = await setup()));
after(async () => env && (await env.close()));

test("the print stylesheet shows only the report, on A4", async () => {
  const { county } = await dataPaths();
  const d = await readDossier(county);
  const page = await env.open(`/index.html?county=${county}&tab=scoring`);
  await appReady(page);
  await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
  await page.emulateMedia({ media: "print" });
  await page.locator("#report-scorecard .pingan-total").waitFor({ state: "attached", timeout: 15000 });
  await page.locator("#report-matrix table").waitFor({ state: "attached", timeout: 15000 });
  const vis = await page.evaluate(() => ({
    report: getComputedStyle(document.querySelector("#report")).display,
    header: getComputedStyle(document.querySelector("header.site")).display,
    tabs: getComputedStyle(document.querySelector(".tabs")).display,
    panel: getComputedStyle(document.querySelector("#panel-scoring")).display,
    title: document.querySelector("#report-title").textContent,
  }));
  assert.equal(vis.report, "block");
  assert.equal(vis.header, "none");
  assert.equal(vis.tabs, "none");
  assert.equal(vis.panel, "none");
  assert.ok(vis.title.includes(d.unit.name) && /年度报告/.test(vis.title), vis.title);
  const pdf = await page.pdf({ path: shot("report-a4-zh.pdf"), preferCSSPageSize: true, printBackground: true });
  assert.ok(pdf.length > 10000);
  // A4 is 595 × 842 points.
  const text = pdf.toString("latin1");
  const boxes = [...text.matchAll(/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [Math.round(+m[1]), Math.round(+m[2])]);
  assert.ok(boxes.length >= 1 && boxes.every(([w, h]) => w === 595 && h === 842), `A4 pages: ${JSON.stringify(boxes)}`);
  await page.screenshot({ path: shot("report-print-media-zh.png"), fullPage: true });
  await env.assertClean(page, assert);
});
