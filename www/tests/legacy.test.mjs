// Issue 7: the legacy-portal fixture — a plain server-rendered form plus one module script.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setup, shot } from "./harness.mjs";

let env;
before(async () => (env = await setup()));
after(async () => env && (await env.close()));

const HAN = /[\u4e00-\u9fff]/;

test("legacy form: a bad date shows beside the field and blocks submit; fixing it lets submit through", async () => {
  const page = await env.open("/legacy.html");
  await page.waitForFunction(() => customElements.get("pingan-form-check"));
  // The host page hears every result.
  await page.evaluate(() => {
    window.__results = [];
    document.addEventListener("pingan-result", (e) => window.__results.push({ ok: e.detail.ok, phase: e.detail.phase, record: e.detail.record, errors: (e.detail.result.errors || []).length }));
  });
  const date = page.locator("#f_date");
  await date.pressSequentially("2025-02-30", { delay: 10 });
  await page.waitForSelector('#f_date[aria-invalid="true"]', { timeout: 10000 });
  const beside = await page.evaluate(() => {
    const f = document.querySelector("#f_date");
    const s = f.nextElementSibling;
    return { text: s.textContent, ok: (f.getAttribute("aria-describedby") || "").split(" ").includes(s.id), sameCell: s.parentElement === f.parentElement };
  });
  assert.ok(HAN.test(beside.text), beside.text);
  assert.ok(beside.ok && beside.sameCell, "message beside the field, linked by aria-describedby");
  await page.locator("#content").screenshot({ path: shot("issue7-legacy-bad-date-zh.png") });

  // Submit is blocked.
  const url0 = page.url();
  await page.click("#f_submit");
  await page.waitForFunction(() => window.__results.some((r) => r.phase === "submit"));
  assert.equal(page.url(), url0);
  const sub = await page.evaluate(() => window.__results.filter((r) => r.phase === "submit"));
  assert.equal(sub.at(-1).ok, false);
  assert.equal(await page.locator("#submitted").textContent(), "");
  assert.equal(await page.evaluate(() => document.activeElement.id), "f_date", "focus goes to the first bad field");
  assert.equal(await page.locator("#eventlog").getAttribute("data-last-ok"), "false", "the host's own classic script heard the event");

  // English, via the attribute.
  await page.evaluate(() => document.querySelector("pingan-form-check").setAttribute("lang", "en"));
  const en = await page.evaluate(() => document.querySelector("#f_date").nextElementSibling.textContent);
  assert.ok(en && !HAN.test(en), en);
  await page.locator("#content").screenshot({ path: shot("issue7-legacy-bad-date-en.png") });
  await page.evaluate(() => document.querySelector("pingan-form-check").setAttribute("lang", "zh"));

  // Fix it: the error clears, submit goes through (a real GET submission).
  await date.fill("2025-02-28");
  await page.waitForFunction(() => !document.querySelector("#f_date").hasAttribute("aria-invalid"));
  assert.equal(await page.evaluate(() => document.querySelector("#f_date").nextElementSibling.textContent), "");
  const last = await page.evaluate(() => window.__results.at(-1));
  assert.equal(last.ok, true);
  assert.equal(last.record.date, "2025-02-28");
  assert.equal(last.record.severity, "larger");
  const log = page.__log;
  await Promise.all([page.waitForURL(/legacy\.html\?.*id=I101/), page.click("#f_submit")]);
  page.__log = log;
  await page.waitForSelector("#submitted[data-submitted]");
  assert.match(await page.locator("#submitted").textContent(), /2025-02-28/);
  await env.assertClean(page, assert);
});
