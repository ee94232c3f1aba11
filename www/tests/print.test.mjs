// Issue 7: a unit's report (scorecard, cases, duty matrix) prints as a clean A4 document in Chinese.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setup, appReady, shot, dataPaths, readDossier } from "./harness.mjs";

/** Each page of a PDF as a PNG next to it (pdftoppm from poppler-utils, when installed). */
async function pdfToPng(pdfPath, prefix) {
  const { spawnSync } = await import("node:child_process");
  const { readdir, rm } = await import("node:fs/promises");
  for (const f of await readdir(shot(""))) if (f.startsWith(prefix + "-") && f.endsWith(".png")) await rm(shot(f));
  const r = spawnSync("pdftoppm", ["-png", "-r", "60", pdfPath, shot(prefix)], { encoding: "utf8" });
  if (r.error) console.log(`# pdftoppm not available: ${prefix} pages not rendered to PNG`);
}

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
  // Issue 14.7: the sign-off lines, page numbers, and a landscape page on which every leader fits.
  const sign = await page.evaluate(() => ({
    shown: getComputedStyle(document.querySelector("#report-signoff")).display,
    text: document.querySelector("#report-signoff").textContent.replace(/\s+/g, ""),
    pageNumbers: Array.from(document.styleSheets).flatMap((sh) => { try { return Array.from(sh.cssRules); } catch (_) { return []; } })
      .filter((r) => r instanceof CSSPageRule).map((r) => r.cssText).join(" "),
    matrixPage: getComputedStyle(document.querySelector("#report-matrix")).page,
  }));
  assert.equal(sign.shown, "flex");
  assert.equal(sign.text, "填报单位：审核人：日期：");
  assert.match(sign.pageNumbers, /counter\(page\)/, "page numbers in the page margin");
  assert.equal(sign.matrixPage, "matrix");
  const pdf = await page.pdf({ path: shot("report-a4-zh.pdf"), preferCSSPageSize: true, printBackground: true });
  assert.ok(pdf.length > 10000);
  // A4 is 595 × 842 points: portrait pages, and the matrix's landscape one.
  const text = pdf.toString("latin1");
  const boxes = [...text.matchAll(/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [Math.round(+m[1]), Math.round(+m[2])]);
  assert.ok(boxes.length >= 2 && boxes.every(([w, h]) => (w === 595 && h === 842) || (w === 842 && h === 595)), `A4 pages: ${JSON.stringify(boxes)}`);
  assert.ok(boxes.some(([w]) => w === 842), `a landscape page for the matrix: ${JSON.stringify(boxes)}`);
  // Every leader's column inside the landscape page's content width (297 mm − 2 × 12 mm at 96 dpi).
  await page.setViewportSize({ width: Math.floor(((297 - 24) / 25.4) * 96), height: 900 });
  const fit = await page.evaluate(() => {
    const t = document.querySelector("#report-matrix table");
    const heads = Array.from(t.querySelectorAll("thead th[data-leader]"));
    const right = document.documentElement.clientWidth;
    return { leaders: heads.length, out: heads.filter((th) => th.getBoundingClientRect().right > right + 0.5).map((th) => th.textContent), tableRight: t.getBoundingClientRect().right, right };
  });
  const onScreen = await page.evaluate(() => new Set(Array.from(document.querySelectorAll("#report-matrix tbody [data-leader]")).map((b) => b.dataset.leader)).size);
  assert.equal(fit.leaders, onScreen, "a column for every leader with a duty");
  assert.ok(fit.leaders >= 2);
  assert.deepEqual(fit.out, [], `leaders cut off the printed matrix: ${JSON.stringify(fit)}`);
  assert.ok(fit.tableRight <= fit.right + 0.5, JSON.stringify(fit));
  await pdfToPng(shot("report-a4-zh.pdf"), "report-a4-zh");
  await page.screenshot({ path: shot("report-print-media-zh.png"), fullPage: true });
  await env.assertClean(page, assert);
});

test("the printed report in English, and the matrix of every leader on its landscape page", async () => {
  const { county } = await dataPaths();
  const page = await env.open(`/index.html?county=${county}&tab=scoring&lang=en`);
  await appReady(page);
  await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
  await page.emulateMedia({ media: "print" });
  await page.locator("#report-matrix table").waitFor({ state: "attached", timeout: 15000 });
  assert.equal((await page.locator("#report-signoff").textContent()).replace(/\s+/g, " ").trim(), "Reporting unit: Reviewed by: Date:");
  await page.pdf({ path: shot("report-a4-en.pdf"), preferCSSPageSize: true, printBackground: true });
  await pdfToPng(shot("report-a4-en.pdf"), "report-a4-en");
  await env.assertClean(page, assert);
});
