// Issue 6: toggling "outstanding contribution" turns the third-class merit of a cycle into a
// second-class merit (a prior third-class merit and 8+ years of work being there).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setup, appReady, shot, dataPaths, readDossier } from "./harness.mjs";

let env;
before(async () => (env = await setup()));
after(async () => env && (await env.close()));

test("outstanding contribution changes the award", async () => {
  const { county } = await dataPaths();
  const d = await readDossier(county);
  const Y = d.year;
  const page = await env.open(`/index.html?county=${county}&tab=rewards`);
  await appReady(page);
  await page.locator("#cycle-boxes input").first().waitFor();
  // Cycles Y−4, Y−2, Y; work since Y−12; outstanding off.
  for (const cb of await page.locator("#cycle-boxes input").all()) {
    const y = Number(await cb.getAttribute("value"));
    const want = y === Y - 4 || y === Y - 2 || y === Y;
    if ((await cb.isChecked()) !== want) await cb.click();
  }
  await page.fill("#work-since", String(Y - 12));
  if (await page.locator("#outstanding").isChecked()) await page.locator("#outstanding").click();
  const award = (y) => page.locator(`#awards tr[data-cycle="${y}"]`);
  await page.waitForFunction((y) => document.querySelector(`#awards tr[data-cycle="${y}"]`), Y);
  assert.equal(await award(Y - 4).getAttribute("data-award"), "commendation");
  assert.equal(await award(Y - 2).getAttribute("data-award"), "third_class_merit");
  assert.equal(await award(Y).getAttribute("data-award"), "third_class_merit");

  await page.locator("#outstanding").click();
  await page.waitForFunction((y) => document.querySelector(`#awards tr[data-cycle="${y}"]`)?.dataset.award === "second_class_merit", Y, { timeout: 5000 });
  assert.equal(await award(Y - 2).getAttribute("data-award"), "third_class_merit");
  assert.match(await award(Y).textContent(), /记二等功/);
  await page.locator("#panel-rewards").screenshot({ path: shot("issue6-rewards-second-class.png") });

  // And what an incident this year would cost (whatIf): a before/after table.
  await page.selectOption("#cost-severity", "especially_major");
  await page.waitForFunction(() => document.querySelector("#cost table.cost"));
  const rows = await page.locator("#cost table.cost tbody tr").count();
  assert.equal(rows, 5);
  await env.assertClean(page, assert);
});
