// Issue 14.4 on the elements: `messages` (relabel by issue code) and `dictionary` (the portal's own codes,
// 字典表 → pingan's values) as JSON attributes in plain HTML and as properties, passed to the element's
// engine; a bad hook is ignored (console warning), never blocks the form. Page-wide: configure().
// Screenshots: target/screenshots/hooks-{zh,en}-{desktop,phone}.png.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setup, shot } from "./harness.mjs";

let env;
before(async () => {
  env = await setup();
});
after(async () => env && (await env.close()));

const msgOf = (page, id) => page.locator(`#${id} + .pingan-msg`).textContent();

test("a relabelled message shows and the portal's dictionary codes are accepted (attributes)", async () => {
  const page = await env.open("/tests/fixtures/hooks.html", { allowConsoleErrors: false });
  await page.evaluate(async () => (await import("/elements.js")).ready());
  const r = await page.evaluate(() => document.querySelector("#fc").check(true));
  // Only the empty date is wrong: "03" and "02" are the portal's codes for criminal_case and larger.
  assert.deepEqual(r.errors.map((e) => [e.code, e.path]), [["required", "/date"]]);
  assert.equal(r.errors[0].message.zh, "请填写发生日期", "the portal's wording, {field} filled in");
  assert.equal(r.errors[0].message.en, "Please fill in the date of the incident");
  assert.equal(await msgOf(page, "f_date"), "请填写发生日期");
  assert.equal(await page.locator('#f_sev[aria-invalid="true"], #f_cat[aria-invalid="true"]').count(), 0);
  for (const lang of ["zh", "en"]) {
    await page.evaluate((l) => document.querySelector("#fc").setAttribute("lang", l === "en" ? "en" : "zh-CN"), lang);
    if (lang === "en") assert.equal(await msgOf(page, "f_date"), "Please fill in the date of the incident");
    for (const [vp, size] of [["desktop", { width: 1280, height: 900 }], ["phone", { width: 390, height: 844 }]]) {
      await page.setViewportSize(size);
      await page.waitForTimeout(150);
      if (vp === "phone") assert.ok((await page.evaluate(() => document.scrollingElement.scrollWidth)) <= 390, `${lang}: no overflow at 390 px`);
      await page.screenshot({ path: shot(`hooks-${lang}-${vp}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }
  await page.evaluate(() => document.querySelector("#fc").setAttribute("lang", "zh-CN"));
  // Blocked while the date is empty; with it, the GET carries the portal's own codes (the server's).
  const url0 = page.url();
  await page.click("#f_submit");
  assert.equal(page.url(), url0);
  await page.fill("#f_date", "2025-03-01");
  await page.waitForFunction(() => !document.querySelector("#f_date").hasAttribute("aria-invalid"));
  await Promise.all([page.waitForURL(/[?&]id=I7/, { timeout: 10000 }), page.click("#f_submit")]);
  const q = new URL(page.url()).searchParams;
  assert.deepEqual([q.get("category"), q.get("severity")], ["03", "02"]);
  await env.assertClean(page, assert);
});

test("messages and dictionary as properties; without a dictionary the codes are refused", async () => {
  const page = await env.open("/tests/fixtures/hooks.html");
  await page.evaluate(async () => (await import("/elements.js")).ready());
  const before = await page.evaluate(() => document.querySelector("#gc").check(true));
  assert.deepEqual(before.errors.map((e) => [e.code, e.path]).sort(), [["bad_enum", "/category"], ["bad_enum", "/severity"]]);
  assert.match(await msgOf(page, "g_sev"), /一般、较大、重大、特别重大/, "the allowed values, in Chinese");
  // The property: the same table, now the record passes.
  await page.evaluate(() => {
    const el = document.querySelector("#gc");
    el.dictionary = { "/category": { "03": "criminal_case" }, "/severity": { "02": "larger" } };
  });
  const after = await page.evaluate(() => document.querySelector("#gc").check(true));
  assert.equal(after.ok, true, JSON.stringify(after.errors));
  assert.deepEqual(await page.evaluate(() => document.querySelector("#gc").dictionary), { "/category": { "03": "criminal_case" }, "/severity": { "02": "larger" } });
  // messages by property, on a field emptied: {field} and {message} filled in.
  await page.evaluate(() => {
    const el = document.querySelector("#gc");
    el.messages = { required: { zh: "{field}：必填。", en: "{field}: required." } };
    document.querySelector("#g_date").value = "";
  });
  const third = await page.evaluate(() => document.querySelector("#gc").check(true));
  assert.deepEqual(third.errors.map((e) => e.message.zh), ["发生日期：必填。"]);
  assert.equal(await msgOf(page, "g_date"), "发生日期：必填。");
  // The first form's attribute hooks are its own: the second form's engine is another one.
  const first = await page.evaluate(() => document.querySelector("#fc").check(true));
  assert.deepEqual(first.errors.map((e) => e.message.zh), ["请填写发生日期"]);
  await env.assertClean(page, assert);
});

test("a bad hook is ignored with a console warning, and never blocks the form", async () => {
  const page = await env.open("/tests/fixtures/hooks.html");
  await page.evaluate(async () => (await import("/elements.js")).ready());
  const r = await page.evaluate(() => {
    const el = document.querySelector("#gc");
    el.setAttribute("messages", "{not json");
    el.dictionary = { severity: { "02": "larger" } }; // a key that is no JSON Pointer
    return el.check(true);
  });
  // Both ignored: the record is checked as without hooks (its codes refused), nothing thrown.
  assert.deepEqual(r.errors.map((e) => e.code).sort(), ["bad_enum", "bad_enum"]);
  const warnings = page.__log.consoleAll.filter((l) => l.startsWith("warning: pingan:"));
  assert.ok(warnings.some((w) => /not JSON/.test(w)), warnings.join("\n"));
  assert.ok(warnings.some((w) => /dictionary ignored|messages \/ dictionary ignored/.test(w)), warnings.join("\n"));
  await env.assertClean(page, assert);
});

test("page-wide: configure({ messages, dictionary }) reaches every element's engine", async () => {
  const page = await env.open("/tests/fixtures/hooks.html");
  const r = await page.evaluate(async () => {
    const m = await import("/elements.js");
    await m.ready();
    m.configure({ dictionary: { "/category": { "03": "criminal_case" }, "/severity": { "02": "larger" } }, messages: { required: { zh: "必须填写{field}" } } });
    const g = await document.querySelector("#gc").check(true);
    document.querySelector("#f_date").value = "";
    const f = await document.querySelector("#fc").check(true);
    return { g: g.ok, f: f.errors.map((e) => e.message.zh) };
  });
  assert.equal(r.g, true, "the page's dictionary applies to the element without its own");
  assert.deepEqual(r.f, ["请填写发生日期"], "an element's own messages win over the page's");
  await env.assertClean(page, assert);
});
