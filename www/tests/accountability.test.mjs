// Issue 5: an unrectified major incident on D climbs the ladder: circular on D (deadline D+61),
// yellow card + interview on D+62 (deadline D+62+92), listed supervision on the day after that.
// Changing a rectification date moves the timeline at once.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setup, appReady, shot, dataPaths, readDossier, addDays } from "./harness.mjs";

let env;
before(async () => (env = await setup()));

/** The demo's accountability tab with one more unrectified major incident on `date`: its case and steps. */
async function withMajorIncident(county, date) {
  const page = await env.open(`/index.html?county=${county}&tab=accountability`);
  await appReady(page);
  await page.locator("#timeline h3").waitFor({ timeout: 15000 });
  const before = await page.locator('#acc-records li[data-kind="incidents"]').count();
  await page.fill("#ai-date", date);
  await page.selectOption("#ai-category", "public_safety");
  await page.selectOption("#ai-severity", "major");
  await page.selectOption("#ai-impact", "");
  await page.click('#add-incident button[type="submit"]');
  await page.waitForFunction((n) => document.querySelectorAll('#acc-records li[data-kind="incidents"]').length === n + 1, before);
  const id = await page.locator('#acc-records li[data-kind="incidents"]').last().getAttribute("data-id");
  const caseId = `25.3/${id}`;
  const step = (m) => page.locator(`#timeline li[data-case="${caseId}"][data-measure="${m}"]`);
  return { page, caseId, step };
}
after(async () => env && (await env.close()));

test("an unrectified major incident reaches listed supervision on the right date", async () => {
  const { county } = await dataPaths();
  const d = await readDossier(county);
  const D = `${d.year}-03-03`;
  const circularDeadline = addDays(D, 61);
  const yellow = addDays(D, 62);
  const yellowDeadline = addDays(yellow, 92);
  const listed = addDays(yellowDeadline, 1);
  assert.ok(listed <= d.as_of, "as_of lies after the listed-supervision date");

  const { page, caseId, step } = await withMajorIncident(county, D);
  await step("listed_supervision").waitFor({ timeout: 10000 });
  assert.equal(await step("circular").getAttribute("data-date"), D);
  assert.equal(await step("circular").getAttribute("data-deadline"), circularDeadline);
  assert.equal(await step("yellow_card").getAttribute("data-date"), yellow);
  assert.equal(await step("yellow_card").getAttribute("data-deadline"), yellowDeadline);
  assert.equal(await step("interview").getAttribute("data-date"), yellow);
  assert.equal(await step("listed_supervision").getAttribute("data-date"), listed);
  // The SVG draws the same step, and the case has its plain-language explanation citing art. 27.
  assert.equal(await page.locator(`#timeline svg g[data-case="${caseId}"][data-measure="listed_supervision"]`).getAttribute("data-date"), listed);
  const explain = await page.locator(`#timeline li[data-case="${caseId}"] .pingan-explain`).textContent();
  assert.match(explain, /第二十七条/);
  assert.match(explain, /第二十五条第三项/);
  await page.locator("#timeline").screenshot({ path: shot("issue5-timeline-listed-supervision.png") });
  // Listed supervision bars the unit's honours and the principals' promotion on as_of (art. 19 check).
  const principal = d.leaders.find((l) => l.role === "principal" && (!l.until || l.until >= d.as_of));
  await page.locator(`#eligibility tr[data-subject="${principal.id}"]`).waitFor();
  assert.equal(await page.locator(`#eligibility tr[data-subject="${d.unit.id}"] td`).first().textContent(), "✗");
  assert.equal(await page.locator(`#eligibility tr[data-subject="${principal.id}"] td`).nth(2).textContent(), "✗");

  // A rectification accepted before the yellow card's deadline closes the case at rung 2 …
  await page.selectOption("#ar-case", caseId);
  await page.fill("#ar-date", addDays(yellow, 30));
  await page.click('#add-rect button[type="submit"]');
  await page.waitForFunction((c) => document.querySelector(`#timeline li[data-case="${c}"]`)?.dataset.status === "closed", caseId, { timeout: 5000 });
  assert.equal(await step("listed_supervision").count(), 0);
  assert.equal(await step("yellow_card").count(), 1);
  // … and moving its date before the circular's deadline takes the yellow card away, at once.
  await page.fill(`#rect-list input[data-case="${caseId}"]`, addDays(D, 30));
  await page.waitForFunction((c) => !document.querySelector(`#timeline li[data-case="${c}"][data-measure="yellow_card"]`), caseId, { timeout: 5000 });
  assert.equal(await step("circular").count(), 1);
  assert.equal(await page.locator(`#timeline li[data-case="${caseId}"]`).first().getAttribute("data-status"), "closed");
  await env.assertClean(page, assert);
});

test("截至日期 replays the past (rev. 2 { at }): moving it back shows the cases as they stood, without errors", async () => {
  const { county } = await dataPaths();
  const d = await readDossier(county);
  const D = `${d.year}-03-03`;
  const yellow = addDays(D, 62);
  const { page, caseId, step } = await withMajorIncident(county, D);
  await step("yellow_card").waitFor({ timeout: 10000 });
  // The day before the yellow card: only the circular is there, and the page shows no error.
  await page.fill("#as-of", addDays(yellow, -1));
  await page.waitForFunction((c) => !document.querySelector(`#timeline li[data-case="${c}"][data-measure="yellow_card"]`), caseId, { timeout: 5000 });
  assert.equal(await step("circular").count(), 1);
  await page.screenshot({ path: shot("rev2-at-day-before-yellow-card.png"), fullPage: true });
  assert.equal(await page.locator("#timeline .pingan-errors, #timeline [role=alert]").count(), 0, "no error box when the date moves back");
  // Before the incident the case does not exist yet.
  await page.fill("#as-of", addDays(D, -1));
  await page.waitForFunction((c) => !document.querySelector(`#timeline li[data-case="${c}"]`), caseId, { timeout: 5000 });
  assert.ok((await page.locator("#timeline").textContent()).includes(addDays(D, -1)), "the timeline speaks for the replay date");
  await page.locator("#timeline").screenshot({ path: shot("rev2-at-before-incident.png") });
  // Back to the dossier's own date: the ladder is there again.
  await page.fill("#as-of", d.as_of);
  await step("yellow_card").waitFor({ timeout: 5000 });
  await env.assertClean(page, assert);
});
