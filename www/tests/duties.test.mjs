// Issue 3: removing a research activity turns the matching duty unmet at once.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setup, appReady, shot, dataPaths, readDossier } from "./harness.mjs";

let env;
before(async () => (env = await setup()));
after(async () => env && (await env.close()));

test("removing a special research turns the leader's research duty unmet", async () => {
  const { county } = await dataPaths();
  const d = await readDossier(county);
  // A principal or in-charge leader with exactly one special research in the year.
  const roles = new Map(d.leaders.map((l) => [l.id, l.role]));
  const research = d.activities.filter((a) => a.type === "special_research" && a.date.startsWith(String(d.year)) && ["principal", "in_charge"].includes(roles.get(a.by)));
  const counts = new Map();
  for (const a of research) counts.set(a.by, (counts.get(a.by) || 0) + 1);
  const act = research.find((a) => counts.get(a.by) === 1);
  assert.ok(act, "the sample county has a leader with exactly one special research");
  const duty = roles.get(act.by) === "principal" ? "principal.research" : "in_charge.research";

  const page = await env.open(`/index.html?county=${county}&tab=duties`);
  await appReady(page);
  const cell = page.locator(`#duty-matrix .pingan-cell[data-leader="${act.by}"][data-duty="${duty}"]`);
  await cell.waitFor({ timeout: 15000 });
  assert.equal(await cell.getAttribute("data-status"), "met");
  // The cell tells its article and our summary on click (and on hover / focus).
  await cell.click();
  const detail = await page.locator("#duty-matrix .pingan-detail").textContent();
  assert.match(detail, /第[七八]条/);
  await page.locator("#panel-duties").screenshot({ path: shot("issue3-duty-matrix-before.png") });

  await page.click(`#activity-list li[data-activity="${act.id}"] button`);
  await page.waitForFunction(
    ([l, du]) => document.querySelector(`#duty-matrix .pingan-cell[data-leader="${l}"][data-duty="${du}"]`)?.dataset.status === "unmet",
    [act.by, duty],
    { timeout: 5000 },
  );
  assert.equal(await page.locator(`#activity-list li[data-activity="${act.id}"]`).count(), 0);
  // The finding appears too.
  assert.ok((await page.locator("#duty-matrix .pingan-findings li").count()) > 0);
  await page.locator("#panel-duties").screenshot({ path: shot("issue3-duty-matrix-after.png") });
  await env.assertClean(page, assert);
});

test("rev. 2 forms: a major decision without a risk assessment, a plenary report, the office director", async () => {
  const { county } = await dataPaths();
  const d = await readDossier(county);
  const principal = d.leaders.find((l) => l.role === "principal" && !l.until);
  assert.ok(principal, "the sample county has a principal in post");
  const page = await env.open(`/index.html?county=${county}&tab=duties`);
  await appReady(page);
  const finding = (code) => page.locator(`#duty-matrix .pingan-findings li[data-code="${code}"]`);
  // Art. 7(4): a major decision dated in the year, not risk-assessed → one finding at /decisions/N, the
  // principal's 稳评 cell unmet.
  const n = (d.decisions || []).length;
  await page.fill("#ad-date", `${d.year}-05-01`);
  await page.click("#add-decision button[type=submit]");
  await page.waitForFunction(
    (l) => document.querySelector(`#duty-matrix .pingan-cell[data-leader="${l}"][data-duty="principal.stability_assessment"]`)?.dataset.status === "unmet",
    principal.id,
    { timeout: 5000 },
  );
  assert.equal(await page.locator(`#duty-matrix .pingan-findings li[data-code="no_stability_assessment"][data-path="/decisions/${n}"]`).count(), 1);
  assert.equal(await page.locator("#decision-list li").count(), n + 1);
  // Art. 13(1): a plenary report covering Ping'an work clears the unit's plenary finding.
  const hadPlenary = await finding("no_plenary_report").count();
  await page.selectOption("#aa-type", "plenary_report");
  await page.fill("#aa-date", `${d.year}-12-28`);
  await page.check("#aa-covers");
  await page.click("#add-activity button[type=submit]");
  await page.waitForFunction(() => !document.querySelector('#duty-matrix .pingan-findings li[data-code="no_plenary_report"]'), null, { timeout: 5000 });
  assert.ok(hadPlenary <= 1, "the plenary report is one finding for the unit");
  // Art. 5: the director select writes leading_group.office_director; a party secretary is no deputy.
  await page.selectOption("#office-director", principal.id);
  await page.waitForFunction(() => document.querySelector('#duty-matrix .pingan-findings li[data-code="office_director"]'), null, { timeout: 5000 });
  // The choice lives in the dossier: it survives the re-render another edit causes.
  await page.fill("#ad-date", `${d.year}-06-01`);
  await page.fill("#ad-assessed", `${d.year}-05-20`);
  await page.click("#add-decision button[type=submit]");
  await page.waitForFunction((k) => document.querySelectorAll("#decision-list li").length === k, n + 2, { timeout: 5000 });
  assert.equal(await page.inputValue("#office-director"), principal.id);
  // The second decision was assessed before it: still one 稳评 finding.
  assert.equal(await finding("no_stability_assessment").count(), 1);
  await page.locator("#panel-duties").screenshot({ path: shot("issue13-duty-forms.png") });
  await env.assertClean(page, assert);
});
