// Issue 4: dragging the satisfaction slider changes total and grade to the values computed by hand
// from the spec: only the satisfaction line moves, by 20 × (x − 85) / 11 rounded half-up to 0.01.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setup, appReady, shot, dataPaths, readDossier, resultPoints, fmtHundredths, gradeOf, decimal } from "./harness.mjs";

let env;
before(async () => (env = await setup()));
after(async () => env && (await env.close()));

const SAT = { weight: 20, zero_at: 85, full_at: 96 };
const hundredths = (v) => {
  const [n, s] = decimal(v);
  return (n * 100n) / s;
};

test("dragging the satisfaction slider moves total and grade as the spec says", async () => {
  const { county } = await dataPaths();
  const d = await readDossier(county);
  const x0 = d.assessment.indicators.satisfaction;
  assert.equal(typeof x0, "number", "the sample county has a satisfaction figure");

  const page = await env.open(`/index.html?county=${county}&tab=scoring`);
  await appReady(page);
  const total = page.locator("#scorecard .pingan-total");
  await total.waitFor({ timeout: 15000 });
  const t0 = hundredths(await total.getAttribute("data-total"));
  const g0 = await page.locator("#scorecard .pingan-grade").getAttribute("data-grade");
  const vetoed = (await page.locator("#scorecard .pingan-veto").count()) > 0;
  const expectFor = (x) => {
    const t = t0 - resultPoints(x0, SAT) + resultPoints(x, SAT);
    return { total: t < 0n ? 0n : t, grade: vetoed ? "fail" : gradeOf(t < 0n ? 0n : t) };
  };

  // Pick a target whose expected grade differs from the current one, in the middle of such a run.
  const slider = page.locator("#ind-satisfaction");
  const [min, max] = [Number(await slider.getAttribute("min")), Number(await slider.getAttribute("max"))];
  const candidates = [];
  for (let v = Math.round(min * 10); v <= Math.round(max * 10); v++) {
    const x = v / 10;
    if (x > 85 && x < 96 && expectFor(x).grade !== g0) candidates.push(x);
  }
  assert.ok(candidates.length || vetoed, "some satisfaction value changes the grade");
  const target = candidates.length ? candidates[Math.floor(candidates.length / 2)] : 90;

  // A real drag with the mouse: from the thumb to the target's position on the track.
  const box = await slider.boundingBox();
  const thumb = 16; // Chromium's default range thumb
  const at = (x) => box.x + thumb / 2 + ((x - min) / (max - min)) * (box.width - thumb);
  const y = box.y + box.height / 2;
  await page.mouse.move(at(x0), y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(at(x0) + ((at(target) - at(x0)) * i) / 10, y);
  await page.mouse.up();

  const x = Number(await slider.inputValue());
  assert.notEqual(x, x0, "the drag moved the slider");
  const want = expectFor(x);
  await page.waitForFunction(
    (v) => document.querySelector("#scorecard .pingan-total")?.textContent === v,
    fmtHundredths(want.total),
    { timeout: 5000 },
  ).catch(() => {});
  assert.equal(await total.textContent(), fmtHundredths(want.total), `total at satisfaction ${x}`);
  assert.equal(await page.locator("#scorecard .pingan-grade").getAttribute("data-grade"), want.grade, `grade at satisfaction ${x}`);
  if (!vetoed) assert.notEqual(want.grade, g0, "the grade changed");
  // The ledger shows the new satisfaction line; the chart's bar follows.
  const line = await page.locator('#scorecard tr[data-indicator="satisfaction"] td').nth(4).textContent();
  assert.equal(line, fmtHundredths(resultPoints(x, SAT)));
  assert.equal(await page.locator("#ind-satisfaction-num").inputValue(), String(x));
  await page.locator("#panel-scoring").screenshot({ path: shot("issue4-scoring-after-drag.png") });
  await env.assertClean(page, assert);
});
