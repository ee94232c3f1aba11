// Issue 16 points 2 and 5 on archive.html: the leader's performance archive year by year (dossiers of
// several years of one unit + the earlier grades of `history.assessments`), the unit's trend (total and
// every indicator, table + SVG), and the archive out as .csv (UTF-8 with BOM) and .xlsx with Chinese
// headers (English when the page is). Screenshots zh/en, desktop and a 390 px phone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { setup, shot, readDossier, resultPoints, fmtHundredths, REPO, WWW } from "./harness.mjs";

const require = createRequire(import.meta.url);
const pingan = require(join(REPO, "pkg", "node", "pingan.js"));
const policy = pingan.defaultPolicy();
const { decodeCsv, parseCsv } = await import(pathToFileURL(join(WWW, "province-sheets.js")).href);
const readXlsx = (await import("read-excel-file/node")).default;

let env;
before(async () => (env = await setup()));
after(async () => env && (await env.close()));

/** Every date moved back `k` years, every `year`/`cycle` number too (29 Feb → 28 Feb). */
function shiftYears(x, k, key = null) {
  if (typeof x === "string" && /^\d{4}-\d{2}-\d{2}$/.test(x)) {
    let [y, m, d] = x.split("-");
    if (m === "02" && d === "29") d = "28";
    return `${Number(y) - k}-${m}-${d}`;
  }
  if (typeof x === "number" && (key === "year" || key === "cycle")) return x - k;
  if (Array.isArray(x)) return x.map((v) => shiftYears(v, k));
  if (x && typeof x === "object") return Object.fromEntries(Object.entries(x).map(([kk, v]) => [kk, shiftYears(v, k, kk)]));
  return x;
}

const H = (x) => BigInt(Math.round(x * 100));

/**
 * One county, two dossiers (2024, 2025) and an earlier-assessment record for 2022 (grade + total) and
 * 2023 (grade only). 2024 is 2025 moved back a year with satisfaction 90 instead of 96.5: the same
 * duties and no deduction, so its total is 2025's minus the satisfaction points the change costs.
 */
async function multiYear() {
  const prov = await readDossier("data/province.json");
  const d25 = structuredClone(prov.dossiers[0]);
  d25.history = { ...d25.history, assessments: [{ year: 2022, grade: "pass", vetoed: false, total: 71.5 }, { year: 2023, grade: "good", vetoed: false }, { year: 2024, grade: "good", vetoed: false }] };
  const d24 = shiftYears({ ...d25 }, 1);
  delete d24.history;
  d24.assessment.indicators.satisfaction = 90;
  const sat = policy.scheme.indicators.find((i) => i.id === "satisfaction");
  const r25 = new pingan.Engine().evaluate(d25);
  assert.ok(r25.ok);
  const t25 = H(r25.assessment.total);
  const t24 = t25 - resultPoints(96.5, sat) + resultPoints(90, sat);
  return { list: [d25, d24], d25, d24, r25, t25: fmtHundredths(t25), t24: fmtHundredths(t24) };
}

const open = async (list) => {
  const page = await env.open("/archive.html");
  await page.waitForSelector("body[data-ready] #record:not([hidden])", { timeout: 30000 });
  await page.setInputFiles("#dossier-file", { name: "county-years.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(list)) });
  await page.waitForSelector('#years-table tr[data-year="2024"]', { timeout: 20000 });
  return page;
};

const cells = (page, sel) => page.locator(`${sel} tbody tr`).evaluateAll((rows) => rows.map((r) => [...r.cells].map((c) => c.textContent)));

test("years side by side: the leader's rows and the unit's trend over dossiers and history", async () => {
  const { list, r25, t24, t25, d24 } = await multiYear();
  const page = await open(list);
  // The record shows the latest year; the year choice offers both dossiers.
  assert.equal(await page.locator("#year-select").inputValue(), "2025");
  assert.deepEqual(await page.locator("#year-select option").allTextContents(), ["2024", "2025"]);
  const a = r25.archive[0];
  assert.equal(await page.locator("#leader-select").inputValue(), a.leader);

  // The leader across years: 2022–2023 from the history (grade, and 2022's total), 2024–2025 from dossiers.
  const years = await cells(page, "#years-table");
  assert.deepEqual(years.map((r) => r[0]), ["2022", "2023", "2024", "2025"]);
  assert.deepEqual(years.map((r) => [r[2], r[3]]), [["合格", "71.50"], ["良好", "—"], ["良好", t24], ["优秀", t25]]);
  assert.equal(t25, "94.28");
  assert.deepEqual(years[3].slice(4, 6), [`${a.duties_met.length}／${a.duties_unmet.length}`, "无"]);
  assert.deepEqual(years[0].slice(4), ["—", "—", "—", "—", "往年考核记录"]);
  assert.equal(years[3][8], "本年度档案");

  // The unit's trend: total, grade and each indicator; the 2024 satisfaction figure is the one we set.
  // One column per year; rows: total, grade, every indicator, source.
  assert.deepEqual(await page.locator("#trend-table thead th").allTextContents(), ["项目", "2022", "2023", "2024", "2025"]);
  const row = (sel) => page.locator(`#trend-table tbody tr${sel}`).evaluate((tr) => [...tr.cells].map((c) => c.textContent));
  assert.deepEqual(await row('[data-row="total"]'), ["总分", "71.50", "—", t24, t25]);
  assert.deepEqual(await row('[data-row="grade"]'), ["等次", "合格", "良好", "良好", "优秀"]);
  assert.deepEqual(await row('[data-indicator="satisfaction"]'), ["群众安全感满意度", "—", "—", "90", "96.5"]);
  assert.deepEqual(await row('[data-indicator="leadership_duties"]'), [policy.scheme.indicators.find((i) => i.id === "leadership_duties").name.zh, "—", "—", d24.assessment.process.leadership_duties, d24.assessment.process.leadership_duties]);
  assert.deepEqual(await row('[data-row="source"]'), ["来源", "往年考核记录", "往年考核记录", "本年度档案", "本年度档案"]);
  // The chart: a titled image with one point per year that has a total (2023 has none).
  assert.equal(await page.locator("svg.trend-chart circle").count(), 3);
  assert.match(await page.locator("svg.trend-chart title").textContent(), /梅门区 历年考核总分/);

  // The year choice switches the record, and the years stay.
  await page.selectOption("#year-select", "2024");
  await page.waitForFunction(() => document.querySelector("#record-kicker").textContent.startsWith("2024"));
  assert.equal(await page.locator("#years-table tbody tr").count(), 4);
  await page.selectOption("#year-select", "2025");
  await page.waitForFunction(() => document.querySelector("#record-kicker").textContent.startsWith("2025"));

  await page.locator("#years-section").scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot("archive-years-zh.png"), fullPage: true });
  const sections = (name) => page.locator("#years-section, #trend-section").evaluateAll(() => 0).then(async () => {
    await page.locator("#years-section").screenshot({ path: shot(`${name}-years.png`) });
    await page.locator("#trend-section").screenshot({ path: shot(`${name}-trend.png`) });
  });
  await sections("archive-zh");
  // On paper the years and the trend print in full (nothing cut off by the scroll boxes).
  await page.emulateMedia({ media: "print" });
  await page.pdf({ path: shot("archive-years-a4-zh.pdf"), format: "A4", preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: "screen" });
  await page.setViewportSize({ width: 390, height: 844 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), "no sideways scroll of the page at 390 px");
  await page.screenshot({ path: shot("archive-years-zh-390.png"), fullPage: true });
  await sections("archive-zh-390");
  await page.locator("header.site, #controls").first().screenshot({ path: shot("archive-zh-390-header.png") });
  await page.click("#lang-toggle");
  await page.waitForFunction(() => document.documentElement.lang === "en");
  assert.deepEqual((await cells(page, "#years-table")).map((r) => r[2]), ["pass", "good", "good", "excellent"]);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), "no sideways scroll at 390 px (English)");
  await page.screenshot({ path: shot("archive-years-en-390.png"), fullPage: true });
  await sections("archive-en-390");
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: shot("archive-years-en.png"), fullPage: true });
  await sections("archive-en");
  await env.assertClean(page, assert);
});

test("the archive out: CSV with BOM and .xlsx, Chinese headers, the leader's values; English headers in English", async () => {
  const { list, r25, t24 } = await multiYear();
  const page = await open(list);
  const a = r25.archive[0];
  const zhHead = ["年度", "单位", "单位考核等次", "总分", "已落实职责（项）", "未落实职责（项）", "未落实的职责", "追究案件", "限制期", "表彰奖励", "来源"];

  const [csvDl] = await Promise.all([page.waitForEvent("download"), page.click("#export-csv")]);
  assert.equal(csvDl.suggestedFilename(), `实绩档案-${a.name}-330102.csv`);
  const bytes = await readFile(await csvDl.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 byte-order mark");
  const { text, encoding } = decodeCsv(bytes);
  assert.equal(encoding, "utf-8");
  const rows = parseCsv(text);
  assert.deepEqual(rows[0], zhHead);
  assert.equal(rows.length, 5);
  const unmet = a.duties_unmet.map((id) => r25.duties.find((x) => x.leader === a.leader && x.duty === id).basis.summary.zh).join("；");
  assert.deepEqual(rows[4], ["2025", "梅门区（330102）", "优秀", "94.28", String(a.duties_met.length), String(a.duties_unmet.length), unmet, "无", "无", "无", "本年度档案"]);
  assert.deepEqual(rows[3].slice(0, 4), ["2024", "梅门区（330102）", "良好", t24]);
  assert.deepEqual(rows[1], ["2022", "梅门区（330102）", "合格", "71.5", "", "", "", "", "", "", "往年考核记录"]);

  const [xDl] = await Promise.all([page.waitForEvent("download"), page.click("#export-xlsx")]);
  assert.equal(xDl.suggestedFilename(), `实绩档案-${a.name}-330102.xlsx`);
  const sheets = await readXlsx(await xDl.path());
  const data = Array.isArray(sheets) && sheets[0] && Array.isArray(sheets[0].data) ? sheets[0].data : sheets;
  assert.deepEqual(data[0], zhHead);
  assert.deepEqual(data[4].slice(0, 6), [2025, "梅门区（330102）", "优秀", 94.28, a.duties_met.length, a.duties_unmet.length]);
  assert.equal(data[2][3], null, "2023: grade only, no total");

  await page.click("#lang-toggle");
  await page.waitForFunction(() => document.documentElement.lang === "en");
  const [enDl] = await Promise.all([page.waitForEvent("download"), page.click("#export-csv")]);
  assert.equal(enDl.suggestedFilename(), `archive-${a.leader}-330102.csv`);
  const en = parseCsv(decodeCsv(await readFile(await enDl.path())).text);
  assert.deepEqual(en[0], ["Year", "Unit", "Unit's grade", "Total", "Duties met", "Duties unmet", "Unmet duties", "Cases", "Bars", "Praise", "Source"]);
  assert.deepEqual(en[4].slice(0, 4), ["2025", "梅门区 (330102)", "excellent", "94.28"]);
  await env.assertClean(page, assert);
});

test("years side by side: no serious accessibility violation (axe-core), zh and en", async () => {
  const { list } = await multiYear();
  const AXE = require.resolve("axe-core/axe.min.js");
  const plain = await setup({ csp: false }); // axe goes in as an inline script
  try {
    const page = await plain.open("/archive.html");
    await page.waitForSelector("body[data-ready] #record:not([hidden])", { timeout: 30000 });
    await page.setInputFiles("#dossier-file", { name: "county-years.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(list)) });
    await page.waitForSelector('#years-table tr[data-year="2024"]', { timeout: 20000 });
    await page.addScriptTag({ path: AXE });
    for (const lang of ["zh", "en"]) {
      if (lang === "en") {
        await page.click("#lang-toggle");
        await page.waitForFunction(() => document.documentElement.lang === "en");
      }
      const res = await page.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ["violations"] });
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
      });
      assert.deepEqual(res.filter((v) => v.impact === "serious" || v.impact === "critical"), [], `${lang}: ${JSON.stringify(res)}`);
    }
  } finally {
    await plain.close();
  }
});
