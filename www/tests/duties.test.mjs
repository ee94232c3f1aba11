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
