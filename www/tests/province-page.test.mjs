// Issue 16: the provincial office's page (www/province.html). A GBK CSV and an .xlsx of the same data
// import identically; bad cells are listed by row and column in Chinese; a 9,000-dossier province ranks
// through the worker pool while a click on the page lands mid-run; the reform editor checks the pack live
// and compares the two schemes; the proposed pack downloads as JSON that `new Engine(pack)` accepts;
// exports carry Chinese headers; working data survives a reload (restore / discard). Screenshots zh/en,
// desktop and a 390 px phone, into target/screenshots/.
// (www/tests/province.test.mjs is issue 7's province view inside index.html.)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { setup, shot, REPO } from "./harness.mjs";

const require = createRequire(import.meta.url);
const pingan = require(join(REPO, "pkg", "node", "pingan.js"));
const province = JSON.parse(readFileSync(join(REPO, "www", "data", "province.json"), "utf8"));
const engine = new pingan.Engine();
const { headers } = engine.tableTemplate();

/** The template filled from the sample counties (as staff would), Chinese headers. */
function sheetRows(dossiers = province.dossiers) {
  const at = (o, key) => key.split("/").slice(1).reduce((x, k) => (x == null ? undefined : x[k]), o);
  return [headers.map((h) => h.zh), ...dossiers.map((d) => headers.map(({ key }) => {
    if (key === "/assessment/bonus") {
      const h = (d.assessment.bonus ?? []).reduce((s, b) => s + Math.round(b.points * 100), 0);
      return h ? h / 100 : null;
    }
    const v = at(d, key);
    return v === undefined ? null : v;
  }))];
}

/** A GBK encoder from Node's own GBK decoder (full ICU): every two-byte code, reversed. */
function gbkEncoder() {
  const dec = new TextDecoder("gbk");
  const map = new Map();
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const ch = dec.decode(new Uint8Array([a, b]));
      if (ch.length === 1 && ch !== "\ufffd" && !map.has(ch)) map.set(ch, [a, b]);
    }
  }
  return (s) => {
    const out = [];
    for (const ch of s) {
      const c = ch.codePointAt(0);
      if (c < 0x80) out.push(c);
      else {
        const m = map.get(ch);
        if (!m) throw new Error(`no GBK code for ${ch}`);
        out.push(...m);
      }
    }
    return Buffer.from(out);
  };
}
const csvOf = (rows) => rows.map((r) => r.map((v) => (v === null ? "" : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))).join(",")).join("\r\n") + "\r\n";

let env;
before(async () => (env = await setup()));
after(async () => env && (await env.close()));

async function openPage(query = "") {
  const page = await env.open(`/province.html${query}`);
  await page.waitForSelector("body[data-ready]", { timeout: 30000 });
  return page;
}
async function importFile(page, name, mimeType, buffer) {
  const n0 = Number(await page.evaluate(() => document.body.dataset.imported || 0));
  await page.setInputFiles("#sheet-file", { name, mimeType, buffer });
  await page.waitForFunction((n) => Number(document.body.dataset.imported || 0) > n, n0, { timeout: 60000 });
  return page.evaluate(() => window.__lastImport);
}

test("a GBK CSV and an .xlsx of the same data import identically; the xlsx library loads only on use", async () => {
  const page = await openPage();
  const vendorBefore = page.__log.requests.filter((u) => u.includes("/vendor/"));
  assert.deepEqual(vendorBefore, [], "no spreadsheet library before a sheet is opened");
  const rows = sheetRows();
  const gbk = gbkEncoder()(csvOf(rows));
  assert.throws(() => new TextDecoder("utf-8", { fatal: true }).decode(gbk), "the CSV really is GBK, not UTF-8");
  const fromCsv = await importFile(page, "全省考核.csv", "text/csv", gbk);
  assert.equal(fromCsv.encoding, "gb18030");
  assert.deepEqual(fromCsv.issues, []);
  assert.equal(fromCsv.dossiers.length, 90);

  const { default: writeExcelFile } = await import("write-excel-file/node");
  const xlsx = await writeExcelFile(rows).toBuffer();
  const fromXlsx = await importFile(page, "全省考核.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx);
  assert.ok(page.__log.requests.some((u) => u.endsWith("/vendor/read-excel-file/read-excel-file.min.js")), "read-excel-file loaded on use");
  assert.deepEqual(fromXlsx.issues, []);
  assert.deepEqual(fromXlsx.dossiers, fromCsv.dossiers, "the same dossiers from both files");
  // And the same scores as the sample dossiers reduced to unit and assessment (the Node round trip, here in the page).
  await page.waitForFunction(() => document.body.dataset.dataLoaded === "90");
  const n = await page.locator("#ranking tbody tr.unit").count();
  assert.equal(n, 90);
  const first = province.dossiers[0];
  const want = engine.score({ as_of: first.as_of, year: first.year, unit: first.unit, localities: first.localities, assessment: first.assessment });
  const shown = await page.locator(`#ranking tr.unit[data-unit="${first.unit.id}"] td:nth-child(5)`).textContent();
  assert.equal(shown, want.total.toFixed(2));
  await env.assertClean(page, assert);
});

test("bad cells are listed by spreadsheet row and column with Chinese messages; good rows are imported", async () => {
  const page = await openPage();
  const rows = sheetRows(province.dossiers.slice(0, 5));
  const sat = headers.findIndex((h) => h.key === "/assessment/indicators/satisfaction");
  rows[3][sat] = "很高";
  const csv = Buffer.from("\ufeff" + csvOf(rows), "utf8");
  const r = await importFile(page, "bad.csv", "text/csv", csv);
  assert.equal(r.encoding, "utf-8");
  assert.equal(r.dossiers.length, 4);
  const col = String.fromCharCode(65 + sat);
  const cell = page.locator(`#import-issues tr[data-row="4"][data-column="${col}"] td:last-child`);
  assert.equal(await cell.textContent(), `第 4 行 ${col} 列（群众安全感满意度）：应为 0–100 之间的数`);
  const text = await page.locator("#import-issues").textContent();
  assert.doesNotMatch(text, /\/assessment|wrong_type/, "no codes or pointers on screen");
  await page.locator(".panel").first().screenshot({ path: shot("issue16-import-issues-zh.png") });
  await env.assertClean(page, assert);
});

test("9,000 dossiers rank through the worker pool while a click lands mid-run", async () => {
  const page = await openPage();
  await page.click("#load-sample");
  await page.waitForFunction(() => document.body.dataset.rankDone === "1", null, { timeout: 60000 });
  await page.evaluate(() => {
    window.__lag = 0;
    let last = performance.now();
    window.__lagTimer = setInterval(() => {
      const now = performance.now();
      if (now - last - 20 > window.__lag) { window.__lag = now - last - 20; window.__lagAt = { at: now, running: document.body.dataset.running || "", progress: document.querySelector("#rank-progress").value }; }
      last = now;
    }, 20);
  });
  await page.selectOption("#scale", "100");
  await page.click("#rank-run");
  await page.waitForFunction(() => document.body.dataset.running === "rank" && document.querySelector("#rank-progress").value > 0.05, null, { timeout: 120000 });
  // A click on the page (the "group by city" switch) is handled while the pool is still ranking.
  const groupedBefore = await page.locator("#ranking tr.city").count();
  await page.click("#f-group");
  const during = await page.evaluate(() => ({ running: document.body.dataset.running === "rank", cities: document.querySelectorAll("#ranking tr.city").length, progress: document.querySelector("#rank-progress").value }));
  assert.ok(groupedBefore > 0);
  assert.equal(during.cities, 0, "the click re-rendered the ranking");
  assert.equal(during.running, true, "…while the run was still going");
  assert.ok(during.progress < 1);
  await page.waitForFunction(() => document.body.dataset.rankDone === "2", null, { timeout: 300000 });
  const lag = await page.evaluate(() => (clearInterval(window.__lagTimer), window.__lag));
  const ds = await page.evaluate(() => ({ ...document.body.dataset }));
  assert.equal(ds.rankCount, "9000");
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  assert.equal(Number(ds.rankWorkers), Math.max(1, Math.min(4, cores || 2)));
  // The 2 shared cores run the pool and other jobs (load ~10 when measured): timers may fire late while the
  // workers run, but the page must never freeze; 240–460 ms was the worst seen, the click above is the real test.
  assert.ok(lag < 1000, `main thread blocked ${Math.round(lag)} ms`);
  const summary = await page.locator("[data-big-run]").textContent();
  assert.match(summary, /模拟的 9000 个单位/);
  console.log(`# worst delay at ${JSON.stringify(await page.evaluate(() => window.__lagAt))}`);
  console.log(`# 9,000 dossiers ranked in ${ds.rankMs} ms by ${ds.rankWorkers} workers; worst main-thread timer delay ${Math.round(lag)} ms`);
  await env.assertClean(page, assert);
});

test("reform: live checks in Chinese, the comparison matches engine.reform, the pack downloads and loads", async () => {
  const page = await openPage();
  await page.click("#load-sample");
  await page.waitForFunction(() => document.body.dataset.rankDone === "1", null, { timeout: 60000 });
  const weight = (k) => page.locator(`#p-indicators input[data-path="/scheme/indicators/${k}/weight"]`);
  await weight(0).fill("25");
  assert.equal(await page.locator("#p-check").getAttribute("data-ok"), "false");
  const check = await page.locator("#p-check").textContent();
  assert.match(check, /权重之和须为 100/);
  assert.doesNotMatch(check, /\/scheme|policy_weights|[a-z]+_[a-z]+/, "no codes or pointers in the messages");
  assert.equal(await weight(0).getAttribute("aria-invalid"), null);
  assert.match(await page.locator("#p-sum").textContent(), /105/);
  await weight(8).fill("5");
  assert.equal(await page.locator("#p-check").getAttribute("data-ok"), "true");
  await page.click("#r-run");
  await page.waitForSelector("#r-result[data-moved-grades]", { timeout: 120000 });
  const policy = pingan.defaultPolicy();
  policy.scheme.indicators[0].weight = 25;
  policy.scheme.indicators[8].weight = 5;
  const want = engine.reform(province.dossiers, policy);
  assert.equal(want.ok, true);
  assert.equal(await page.locator("#r-result").getAttribute("data-moved-grades"), String(want.moved.grades));
  assert.equal(await page.locator("#r-result").getAttribute("data-moved-ranks"), String(want.moved.ranks));
  assert.equal(await page.locator("#r-grade-changes tbody tr").count(), want.moved.grades);
  await page.locator("#r-result").scrollIntoViewIfNeeded();
  await page.locator("#h-reform").locator("..").screenshot({ path: shot("issue16-reform-zh.png") });

  const [dl] = await Promise.all([page.waitForEvent("download"), page.click("#p-download")]);
  const pack = JSON.parse(await readFile(await dl.path(), "utf8"));
  const custom = new pingan.Engine(pack);
  assert.equal(custom.policy().scheme.indicators[0].weight, 25);
  await env.assertClean(page, assert);
});

test("exports: template, ranking and a county's ledger as .xlsx and .csv with Chinese headers", async () => {
  const { readSheet } = await import("read-excel-file/node");
  const page = await openPage();
  await page.click("#load-sample");
  await page.waitForFunction(() => document.body.dataset.rankDone === "1", null, { timeout: 60000 });
  const save = async (sel) => {
    const [dl] = await Promise.all([page.waitForEvent("download"), page.click(sel)]);
    return { name: dl.suggestedFilename(), bytes: await readFile(await dl.path()) };
  };
  const tx = await save("#template-xlsx");
  assert.match(tx.name, /\.xlsx$/);
  const trows = await readSheet(tx.bytes);
  assert.deepEqual(trows[0], headers.map((h) => h.zh));
  const tc = await save("#template-csv");
  assert.ok(tc.bytes.toString("utf8").startsWith("\ufeff单位代码,单位名称"));
  const rx = await readSheet((await save("#rank-xlsx")).bytes);
  assert.deepEqual(rx[0].slice(0, 6), ["名次", "单位代码", "单位", "所属市", "总分", "等次"]);
  assert.equal(rx.length, 91);
  const rc = (await save("#rank-csv")).bytes.toString("utf8");
  assert.equal(rc.trim().split("\r\n").length, 91);
  await page.locator("#ranking tr.unit").first().click();
  await page.waitForSelector("#ledger:not([hidden])");
  const lx = await readSheet((await save("#ledger-xlsx")).bytes);
  assert.deepEqual(lx[0], ["项目", "类别", "填报值", "得分系数", "权重", "得分", "依据"]);
  assert.ok(lx.some((r) => r[0] === "群众安全感满意度" && String(r[6]).startsWith("第十八条")));
  assert.equal(lx[lx.length - 1][0], "合计");
  const lc = (await save("#ledger-csv")).bytes.toString("utf8");
  assert.ok(lc.includes("群众安全感满意度"));
  await env.assertClean(page, assert);
});

test("working data and the proposed pack survive a reload: restore, then discard", async () => {
  const page = await openPage();
  await page.click("#load-sample");
  await page.waitForFunction(() => document.body.dataset.rankDone === "1", null, { timeout: 60000 });
  await page.locator('#p-indicators input[data-path="/scheme/indicators/0/weight"]').fill("22");
  await page.locator('#p-indicators input[data-path="/scheme/indicators/5/weight"]').fill("8");
  await page.waitForFunction(() => document.body.dataset.saved, null, { timeout: 10000 });
  await page.waitForTimeout(500);
  await page.reload();
  await page.waitForSelector("body[data-ready]");
  await page.waitForSelector("#restore:not([hidden])");
  assert.match(await page.locator("#restore-text").textContent(), /90 个单位的考核数据、拟调整方案/);
  await page.screenshot({ path: shot("issue16-restore-zh.png") });
  await page.click("#restore-yes");
  await page.waitForFunction(() => document.body.dataset.rankDone === "1", null, { timeout: 60000 });
  assert.equal(await page.locator("#ranking tbody tr.unit").count(), 90);
  assert.equal(await page.locator('#p-indicators input[data-path="/scheme/indicators/0/weight"]').inputValue(), "22");
  await page.reload();
  await page.waitForSelector("#restore:not([hidden])");
  await page.click("#restore-no");
  await page.waitForFunction(() => document.body.dataset.restored === "no");
  await page.reload();
  await page.waitForSelector("body[data-ready]");
  assert.equal(await page.locator("#restore").isHidden(), true, "nothing left after discard");
  await env.assertClean(page, assert);
});

test("screenshots: zh and en on the desktop, zh on a 390 px phone; a what-if over every county", async () => {
  // Last year's totals (history.assessments[].total) for the change columns: made up for the test.
  const lastTotal = (k) => 70 + ((k * 37) % 25) + 0.25;
  await env.context.route("**/data/province.json", async (route) => {
    const p = structuredClone(province);
    p.dossiers.forEach((d, k) => {
      const a = d.history.assessments.find((x) => x.year === d.year - 1);
      if (a) a.total = lastTotal(k);
    });
    await route.fulfill({ json: p });
  });
  for (const [lang, w, h, name] of [["zh", 1280, 900, "issue16-province-zh-desktop.png"], ["en", 1280, 900, "issue16-province-en-desktop.png"], ["zh", 390, 844, "issue16-province-zh-phone.png"]]) {
    const page = await openPage(lang === "en" ? "?lang=en" : "");
    await page.setViewportSize({ width: w, height: h });
    await page.click("#load-sample");
    await page.waitForFunction(() => document.body.dataset.rankDone === "1", null, { timeout: 60000 });
    await page.selectOption("#f-city", "330100");
    await page.locator("#ranking tr.unit").first().click();
    const k = province.dossiers.findIndex((d) => d.unit.id === "330102");
    const total = engine.score(province.dossiers[k]).total;
    const delta = (Math.round(total * 100) - Math.round(lastTotal(k) * 100)) / 100;
    const cell = await page.locator('#ranking tr.unit[data-unit="330102"] td:nth-child(8)').textContent();
    assert.equal(cell, `${delta > 0 ? "+" : "−"}${Math.abs(delta).toFixed(2)}`);
    const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${name}: the page is ${overflow} px wider than the screen`);
    await page.screenshot({ path: shot(name), fullPage: true });
    await page.screenshot({ path: shot(name.replace(".png", "-top.png")) });
    if (lang === "zh" && w > 1000) {
      await page.selectOption("#w-indicator", "satisfaction");
      await page.fill("#w-amount", "1");
      await page.click("#w-run");
      await page.waitForSelector("#w-result [data-grade-changes]", { timeout: 60000 });
      assert.match(await page.locator("#w-result").textContent(), /群众安全感满意度 变化 \+1 后/);
      // Any JSON Patch, applied to every county: the count of grade changes matches engine.score in Node.
      const patch = [{ op: "replace", path: "/assessment/indicators/satisfaction", value: 96 }];
      const want = province.dossiers.filter((d) => {
        const b = engine.score(d), a = engine.score({ ...d, assessment: { ...d.assessment, indicators: { ...d.assessment.indicators, satisfaction: 96 } } });
        return b.ok && a.ok && a.grade !== b.grade;
      }).length;
      await page.locator("details.patch summary").click();
      await page.fill("#w-patch", JSON.stringify(patch));
      await page.click("#w-run");
      await page.waitForFunction(() => /按所给修改/.test(document.querySelector("#w-result").textContent), null, { timeout: 60000 });
      assert.equal(await page.locator("#w-result [data-grade-changes]").getAttribute("data-grade-changes"), String(want));
      await page.fill("#w-patch", "not json");
      await page.click("#w-run");
      assert.match(await page.locator("#w-result").textContent(), /JSON Patch 格式有误/);
      await page.fill("#w-patch", "");
    }
    const text = await page.locator("main").innerText();
    if (lang === "zh") assert.doesNotMatch(text, /\/assessment|\/scheme|[a-z]+_[a-z]+_?/, "no codes or JSON Pointers on the zh page");
    await env.assertClean(page, assert);
    await page.close();
  }
  await env.context.unroute("**/data/province.json");
});

test("no serious accessibility violations (axe-core), zh and en, with data, ledger and reform shown", async () => {
  const AXE = require.resolve("axe-core/axe.min.js");
  const plain = await setup({ csp: false }); // axe is injected as a script tag
  try {
    for (const lang of ["zh", "en"]) {
      const page = await plain.open(`/province.html${lang === "en" ? "?lang=en" : ""}`);
      await page.waitForSelector("body[data-ready]", { timeout: 30000 });
      await page.click("#load-sample");
      await page.waitForFunction(() => document.body.dataset.rankDone === "1", null, { timeout: 60000 });
      await page.locator("#ranking tr.unit").first().click();
      await page.click("#r-run");
      await page.waitForSelector("#r-result[data-moved-grades]", { timeout: 120000 });
      await page.addScriptTag({ path: AXE });
      const res = await page.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ["violations"] });
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
      });
      const bad = res.filter((v) => v.impact === "serious" || v.impact === "critical");
      assert.deepEqual(bad, [], `${lang}: ${JSON.stringify(bad, null, 1)}`);
      await plain.assertClean(page, assert);
    }
  } finally {
    await plain.close();
  }
});
