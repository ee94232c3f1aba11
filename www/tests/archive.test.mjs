// Issue 6 point 5: the leader's performance archive (art. 19) as a printable page, archive.html.
// The sample county: a leader's unmet duties (article + our summary) and the cases naming them (rungs,
// dates); a dossier with a listed-supervision bar: a date inside the bar says "no promotion" with the
// case id, the bar's `until` is exclusive; A4 PDF; both languages; no console error, no CSP violation.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { join } from "node:path";
import { setup, shot, dataPaths, readDossier, addDays, REPO } from "./harness.mjs";

const require = createRequire(import.meta.url);
const pingan = require(join(REPO, "pkg", "node", "pingan.js"));
const AXE = require.resolve("axe-core/axe.min.js");
const engine = new pingan.Engine();

let env;
before(async () => (env = await setup()));
after(async () => env && (await env.close()));

const ready = (page) => page.waitForSelector("body[data-ready] #record:not([hidden])", { timeout: 30000 });
const showLeader = async (page, id) => {
  await page.selectOption("#leader-select", id);
  await page.waitForSelector(`#record[data-leader="${id}"]`, { timeout: 10000 });
};
const setDate = async (page, date) => {
  await page.fill("#elig-date", date);
  await page.waitForSelector(`#eligibility[data-date="${date}"]`, { timeout: 10000 });
  return page.locator("#eligibility").getAttribute("data-promotion");
};
const a4 = (pdf) => {
  const text = pdf.toString("latin1");
  return [...text.matchAll(/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [Math.round(+m[1]), Math.round(+m[2])]);
};

test("the sample county: a leader's unmet duties and cases, in Chinese and English, printable on A4", async () => {
  const { county } = await dataPaths();
  const d = await readDossier(county);
  const report = engine.evaluate(d);
  assert.ok(report.ok);
  // A leader with unmet duties and cases naming them (the sample county has several).
  const e = report.archive.find((a) => a.duties_unmet.length && a.cases.length);
  assert.ok(e, "the sample county has a leader with unmet duties and cases");

  const page = await env.open(`/archive.html?src=${county}`);
  await ready(page);
  await showLeader(page, e.leader);
  assert.equal(await page.locator("#record-title").textContent(), `${e.name} 平安建设实绩档案`);
  assert.match(await page.locator("#profile").textContent(), new RegExp(report.unit.name));
  assert.match(await page.locator("#profile [data-grade]").textContent(), /优秀|良好|合格|不合格/);

  // Unmet duties: each with its article and our summary, as report.duties says.
  const unmet = await page.locator('#duties tr[data-status="unmet"]').evaluateAll((rows) =>
    rows.map((r) => ({ duty: r.dataset.duty, status: r.cells[0].textContent, summary: r.cells[1].textContent, article: r.cells[2].textContent })),
  );
  assert.deepEqual(unmet.map((x) => x.duty), e.duties_unmet);
  for (const row of unmet) {
    const line = report.duties.find((x) => x.leader === e.leader && x.duty === row.duty);
    assert.equal(row.status, "未落实");
    assert.equal(row.summary, line.basis.summary.zh);
    assert.match(row.article, /^第[一二三四五六七八九十]+条/);
  }
  assert.equal(await page.locator('#duties tr[data-status="met"]').count(), e.duties_met.length);
  assert.match(await page.locator("#duties-summary").textContent(), new RegExp(`未落实 ${e.duties_unmet.length} 项`));

  // Cases naming the leader, with the rungs and dates of the steps that name them.
  assert.deepEqual(await page.locator("#cases tr[data-case]").evaluateAll((rows) => rows.map((r) => r.dataset.case)), e.cases);
  for (const id of e.cases) {
    const c = report.accountability.cases.find((x) => x.id === id);
    const mine = c.steps.filter((s) => s.targets.includes(e.leader));
    const row = page.locator(`#cases tr[data-case="${id}"]`);
    assert.equal(await row.getAttribute("data-rung"), String(Math.max(...mine.map((s) => s.rung))));
    const steps = await row.locator("li").evaluateAll((lis) => lis.map((li) => [li.dataset.rung, li.dataset.date, li.textContent]));
    assert.deepEqual(steps.map(([r, dt]) => [r, dt]), mine.map((s) => [String(s.rung), s.date]));
    for (const [r, dt, text] of steps) assert.ok(text.startsWith(`${dt} 第${r}级`), text);
    assert.equal(await row.locator("td.date").textContent(), c.opened_on);
  }
  // Praise cycles and "no bar" for this leader.
  assert.deepEqual(await page.locator("#praise li[data-cycle]").evaluateAll((lis) => lis.map((li) => Number(li.dataset.cycle))), e.praise);
  assert.equal(await page.locator("#bars tr[data-case]").count(), e.bars.length);
  // Promotion on as_of: the engine's answer, citing art. 19.
  const elig = engine.eligibility(d, e.leader, d.as_of);
  assert.equal(await page.locator("#eligibility").getAttribute("data-promotion"), elig.promotion ? "yes" : "no");
  assert.match(await page.locator("#eligibility .conclusion").textContent(), /第十九条/);
  await page.locator("#record").scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot("archive-zh.png"), fullPage: true });

  // Printing: only the record, on A4.
  await page.emulateMedia({ media: "print" });
  const vis = await page.evaluate(() => ({
    header: getComputedStyle(document.querySelector("header.site")).display,
    controls: getComputedStyle(document.querySelector("#controls")).display,
    dateInput: document.querySelector("#elig-date").checkVisibility(),
    record: getComputedStyle(document.querySelector("#record")).display,
    // Every cell of the record prints (nothing of it is hidden with the controls).
    hiddenCells: Array.from(document.querySelectorAll("#record td, #record th")).filter((c) => !c.checkVisibility()).length,
  }));
  assert.deepEqual(vis, { header: "none", controls: "none", dateInput: false, record: "block", hiddenCells: 0 });
  const pdf = await page.pdf({ path: shot("archive-a4-zh.pdf"), format: "A4", preferCSSPageSize: true, printBackground: true });
  assert.ok(pdf.length > 10000, `PDF of ${pdf.length} bytes`);
  const boxes = a4(pdf);
  assert.ok(boxes.length >= 1 && boxes.every(([w, h]) => w === 595 && h === 842), `A4 pages: ${JSON.stringify(boxes)}`);
  await page.emulateMedia({ media: "screen" });

  // English.
  await page.click("#lang-toggle");
  await page.waitForFunction(() => document.documentElement.lang === "en");
  assert.equal(await page.locator("#record-title").textContent(), `${e.name}: Ping'an performance archive`);
  assert.equal(await page.locator('#duties tr[data-status="unmet"] td').first().textContent(), "unmet");
  const en = report.duties.find((x) => x.leader === e.leader && x.duty === e.duties_unmet[0]);
  assert.equal(await page.locator(`#duties tr[data-duty="${e.duties_unmet[0]}"] td`).nth(1).textContent(), en.basis.summary.en);
  assert.match(await page.locator(`#duties tr[data-duty="${e.duties_unmet[0]}"] td`).nth(2).textContent(), /^art\. \d+/);
  assert.match(await page.locator("#eligibility .conclusion").textContent(), /art\. 19/);
  assert.match(new URL(page.url()).search, /lang=en/);
  await page.screenshot({ path: shot("archive-en.png"), fullPage: true });
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector("header.site")).display), "none");
  const pdfEn = await page.pdf({ path: shot("archive-a4-en.pdf"), format: "A4", preferCSSPageSize: true, printBackground: true });
  assert.ok(a4(pdfEn).every(([w, h]) => w === 595 && h === 842));
  await env.assertClean(page, assert);
});

test("a date inside a bar: promotion no, with the case id; the bar's until is exclusive", async () => {
  const { county } = await dataPaths();
  const d = await readDossier(county);
  // As in accountability.test.mjs: an unrectified major incident on D reaches listed supervision (a bar)
  // on the day after the yellow card's deadline.
  const D = `${d.year}-03-03`;
  const listed = addDays(addDays(addDays(D, 62), 92), 1);
  const id = "I90";
  const barred = structuredClone(d);
  barred.incidents = [...(barred.incidents || []), { id, date: D, category: "public_safety", severity: "major", locality: d.unit.id }];
  const caseId = `25.3/${id}`;
  const report = engine.evaluate(barred);
  assert.ok(report.ok, JSON.stringify(report.errors));
  const bar = report.accountability.bars.find((b) => b.case === caseId && b.what === "promotion");
  assert.ok(bar, "the engine bars promotion");
  assert.equal(bar.from, listed);
  const leader = report.archive.find((a) => a.bars.some((i) => report.accountability.bars[i] === bar));

  const page = await env.open(`/archive.html`);
  await ready(page);
  await page.setInputFiles("#dossier-file", { name: "barred-county.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(barred)) });
  await page.waitForFunction(() => document.querySelector("#dossier-select").value === "file");
  await page.waitForSelector(`#leader-select option[value="${leader.leader}"]`, { state: "attached" });
  await showLeader(page, leader.leader);
  await page.waitForSelector(`#cases tr[data-case="${caseId}"]`);

  // The bar, "from … until X, exclusive".
  const row = page.locator(`#bars tr[data-case="${caseId}"][data-what="promotion"]`);
  assert.equal(await row.getAttribute("data-from"), bar.from);
  assert.equal(await row.getAttribute("data-until"), bar.until);
  assert.equal(await row.locator("td.period").textContent(), `${bar.from} 起至 ${bar.until} 前`);
  assert.match(await row.textContent(), /第二十九条/);

  // Inside the bar: no promotion, the case id, art. 19 and the bar's basis.
  assert.equal(await setDate(page, addDays(listed, 10)), "no");
  assert.equal(await page.locator("#eligibility dd[data-promotion]").textContent(), "不得提拔");
  const why = page.locator(`#eligibility ul.why li[data-case="${caseId}"]`);
  assert.equal(await why.count(), 1);
  assert.match(await why.textContent(), new RegExp(`案件 ${caseId.replace("/", "\\/")}.*${bar.from} 起至 ${bar.until} 前.*提拔`));
  assert.match(await why.textContent(), /依据：.*第二十九条/);
  assert.match(await page.locator("#eligibility .conclusion").textContent(), /不得提拔.*第十九条/);
  await page.locator(".elig-section").screenshot({ path: shot("archive-bar-zh.png") });
  // The first day, the last day, and `until` itself (free again).
  assert.equal(await setDate(page, bar.from), "no");
  assert.equal(await setDate(page, addDays(bar.until, -1)), "no");
  assert.equal(await setDate(page, bar.until), "yes");
  assert.equal(await page.locator(`#eligibility ul.why li`).count(), 0);
  assert.equal(await setDate(page, addDays(bar.from, -1)), "yes");
  // English says "until X, exclusive".
  await setDate(page, addDays(listed, 10));
  await page.click("#lang-toggle");
  await page.waitForFunction(() => document.documentElement.lang === "en");
  assert.equal(await page.locator("#eligibility dd[data-promotion]").textContent(), "no");
  assert.match(await page.locator(`#eligibility ul.why li[data-case="${caseId}"]`).textContent(), new RegExp(`${bar.from} until ${bar.until}, exclusive`));
  assert.match(await page.locator(`#bars tr[data-case="${caseId}"] td.period`).first().textContent(), new RegExp(`until ${bar.until}, exclusive`));
  await env.assertClean(page, assert);
});

test("?src= takes a same-origin URL and refuses another origin", async () => {
  const page = await env.open(`/archive.html?src=tests/fixtures/sample-county.json&leader=L1&date=2025-06-30`);
  await ready(page);
  assert.equal(await page.locator("#dossier-select").inputValue(), "src");
  assert.equal(await page.locator("#record").getAttribute("data-leader"), "L1");
  assert.equal(await page.locator("#elig-date").inputValue(), "2025-06-30");
  await env.assertClean(page, assert);

  const other = await env.open(`/archive.html?src=${encodeURIComponent("http://example.invalid/d.json")}`);
  await other.waitForSelector("#status.error");
  assert.match(await other.locator("#status").textContent(), /只接受本站/);
  assert.equal(await other.locator("#record").isHidden(), true);
  await env.assertClean(other, assert);
});

test("the demo links to the archive with its working copy", async () => {
  const { county } = await dataPaths();
  const page = await env.open(`/index.html?county=${county}&tab=duties`);
  await page.waitForSelector("body[data-ready]", { timeout: 30000 });
  const link = page.locator("#archive-link-duties");
  assert.match(await link.textContent(), /实绩档案/);
  // Remove the one activity that meets a duty in the demo, then follow the link: the archive shows the
  // edited dossier (that duty unmet).
  const d = await readDossier(county);
  const line = engine.evaluate(d).duties.find((x) => x.status === "met" && x.count && x.evidence.length === 1 && x.count[0] === x.count[1]);
  assert.ok(line, "a duty met by exactly one activity");
  const act = line.evidence[0];
  const edited = { ...d, activities: d.activities.filter((a) => a.id !== act) };
  assert.ok(engine.evaluate(edited).archive.find((a) => a.leader === line.leader).duties_unmet.includes(line.duty));
  await page.locator(`#activity-list li[data-activity="${act}"] button`).click();
  await page.waitForSelector(`#activity-list li[data-activity="${act}"]`, { state: "detached" });
  await Promise.all([page.waitForURL(/archive\.html/), link.click()]);
  await ready(page);
  assert.equal(await page.locator("#dossier-select").inputValue(), "demo");
  assert.equal(await page.locator("#record").getAttribute("data-unit"), d.unit.id);
  await showLeader(page, line.leader);
  assert.equal(await page.locator(`#duties tr[data-duty="${line.duty}"]`).getAttribute("data-status"), "unmet");
  // The sample itself still has it met.
  await page.selectOption("#dossier-select", "sample");
  await page.waitForFunction((duty) => document.querySelector(`#duties tr[data-duty="${duty}"]`)?.dataset.status === "met", line.duty);
  await env.assertClean(page, assert);
});

test("no serious accessibility violation (axe-core), in both languages", async () => {
  // axe is injected as an inline script tag, so this page is served without the CSP header.
  const plain = await setup({ csp: false });
  try {
    for (const lang of ["zh", "en"]) {
      const page = await plain.open(`/archive.html${lang === "en" ? "?lang=en" : ""}`);
      await ready(page);
      await page.addScriptTag({ path: AXE });
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
