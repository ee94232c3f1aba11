// Issue 14.2: the adapters for the UI kits portals use, against the REAL npm packages (layui, Element
// Plus + Vue, jQuery; node_modules served at /vendor/), under the strict CSP. An invalid record is never
// saved; each adapter fails open when the engine cannot load.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setup, shot } from "./harness.mjs";

const NOTICE_ZH = "浏览器端校验暂不可用，提交后由系统校验。";
const noWasm = () => {
  delete window.WebAssembly;
};

// layui itself evaluates its lay-options attributes with new Function (it catches the EvalError and
// goes on) and sets a style attribute on some widgets: both are layui's, refused by the strict CSP and
// harmless here. Every other violation fails the test, and no wasm one may occur.
const LAYUI_OWN = new Set(["script-src eval", "style-src-attr inline"]);
async function assertCleanBut(page, allowed) {
  const v = await page.evaluate(() => window.__cspViolations || []);
  assert.deepEqual(v.filter((x) => !allowed.has(x)), [], "CSP violations");
  page.__log.errors = page.__log.errors.filter((e) => !/violates the following Content Security Policy directive/.test(e));
  page.__log.violations = [];
  await page.evaluate(() => (window.__cspViolations = []));
  await env.assertClean(page, assert);
}

let env;
before(async () => (env = await setup()));
after(async () => env && (await env.close()));

async function ready(page) {
  await page.waitForSelector("body[data-ready]", { timeout: 20000 });
}
const engineUp = (page) => page.evaluate(async () => (await import("/elements.js")).ready().then(() => true));

/** Pick an option of a layui-rendered select by clicking its widget (no native change event fires). */
async function layuiPick(page, name, value) {
  const box = page.locator(`select[name="${name}"] + .layui-form-select`);
  await box.locator(".layui-select-title").click();
  await box.locator(`dd[lay-value="${value}"]`).click();
}

test("layui: verify rules from pingan; lay-submit + ajax never saves an invalid record; select refreshes messages", async () => {
  const page = await env.open("/examples/layui.html");
  await ready(page);
  await engineUp(page);
  await page.fill("#l_date", "2025-02-30");
  await page.click("#l_save");
  // layui's own tip for the first bad field, and the messages beside the fields.
  await page.waitForSelector('#l_date[aria-invalid="true"]', { timeout: 10000 });
  assert.ok(await page.locator("#l_date.layui-form-danger").count(), "layui marks the field it was told about");
  const sevMsg = page.locator('[data-pingan-msg-for="severity"]');
  assert.notEqual((await sevMsg.textContent()).trim(), "", "the empty severity is reported beside its select");
  assert.deepEqual(await page.evaluate(() => window.__saved), [], "not saved");
  await page.screenshot({ path: shot("adapter-layui-errors-zh.png"), fullPage: true });
  // A layui select fires no change event: the adapter refreshes the messages from form.on("select").
  await layuiPick(page, "severity", "major");
  await page.waitForFunction(() => document.querySelector('[data-pingan-msg-for="severity"]').textContent === "", null, { timeout: 5000 });
  await layuiPick(page, "category", "criminal_case");
  await page.click("#l_save");
  await page.waitForTimeout(300);
  assert.deepEqual(await page.evaluate(() => window.__saved), [], "still not saved: the date is wrong");
  // A problem at no field of the form (its category select removed): layui's rules cannot see it, guard() does.
  await page.fill("#l_date", "2025-02-28");
  await page.evaluate(() => {
    const s = document.querySelector('select[name="category"]');
    s.closest(".layui-form-item").remove();
  });
  await page.click("#l_save");
  await page.waitForTimeout(300);
  assert.deepEqual(await page.evaluate(() => window.__saved), [], "a record without a category is not saved either");
  assert.ok((await page.locator("pingan-form-check .pingan-summary li").count()) >= 1, "listed in the summary");
  await page.reload();
  await ready(page);
  await engineUp(page);
  await page.fill("#l_date", "2025-02-28");
  await layuiPick(page, "category", "criminal_case");
  await layuiPick(page, "severity", "larger");
  await page.click("#l_save");
  await page.waitForSelector("#saved li", { timeout: 10000 });
  const saved = await page.evaluate(() => window.__saved);
  assert.equal(saved.length, 1);
  assert.deepEqual({ date: saved[0].date, severity: saved[0].severity, category: saved[0].category }, { date: "2025-02-28", severity: "larger", category: "criminal_case" });
  assert.match(await page.locator("#saved li").textContent(), /已保存：I9，2025-02-28，较大/);
  await page.screenshot({ path: shot("adapter-layui-saved-zh.png"), fullPage: true });
  await assertCleanBut(page, LAYUI_OWN);
});

test("layui fails open: with no engine the record is saved (the server checks it) and the notice shows", async () => {
  const page = await env.open("/examples/layui.html", { init: noWasm, allowConsoleErrors: true });
  await ready(page);
  await page.waitForSelector("pingan-form-check .pingan-unavailable", { timeout: 10000 });
  assert.equal(await page.locator("pingan-form-check .pingan-unavailable").textContent(), NOTICE_ZH);
  await page.fill("#l_date", "2025-02-30");
  await page.click("#l_save");
  await page.waitForFunction(() => window.__saved.length === 1, null, { timeout: 10000 });
  assert.equal((await page.evaluate(() => window.__saved))[0].date, "2025-02-30");
  await page.screenshot({ path: shot("adapter-layui-unavailable-zh.png"), fullPage: true });
});

test("jQuery: $(form).pinganCheck — a plain form submits only when valid; $.ajax in a submit handler only with a valid record", async () => {
  const page = await env.open("/examples/jquery.html");
  await ready(page);
  await engineUp(page);
  // Ajax form: empty date and severity.
  await page.click("#a_submit");
  await page.waitForSelector('#a_date[aria-invalid="true"]', { timeout: 10000 });
  assert.equal(await page.locator('#a_sev[aria-invalid="true"]').count(), 1);
  await page.waitForTimeout(200);
  assert.deepEqual(await page.evaluate(() => window.__ajax), [], "$.ajax not called");
  assert.equal(await page.evaluate(() => window.jQuery("#ajaxForm").pinganCheck("result").ok), false);
  await page.screenshot({ path: shot("adapter-jquery-errors-zh.png"), fullPage: true });
  await page.fill("#a_date", "2025-03-01");
  await page.selectOption("#a_sev", "major");
  await page.click("#a_submit");
  await page.waitForSelector("#saved li", { timeout: 10000 });
  assert.deepEqual(await page.evaluate(() => window.__ajax), ["ok.json?id=I22&date=2025-03-01&category=safety_accident&severity=major"]);
  assert.match(await page.locator("#saved li").textContent(), /已保存：I22，2025-03-01，重大/);
  const r = await page.evaluate(() => window.jQuery("#ajaxForm").pinganCheck("check").then((x) => x.ok));
  assert.equal(r, true);
  // Plain form: blocked while the date is bad, then a real GET submission.
  const url0 = page.url();
  await page.fill("#p_date", "2025-13-01");
  await page.click("#p_submit");
  await page.waitForSelector('#p_date[aria-invalid="true"]');
  assert.equal(page.url(), url0);
  await page.fill("#p_date", "2025-12-01");
  await Promise.all([page.waitForURL(/[?&]id=I21/, { timeout: 10000 }), page.click("#p_submit")]);
  assert.equal(new URL(page.url()).searchParams.get("date"), "2025-12-01");
  await page.waitForSelector("#submitted[data-submitted]");
  await page.screenshot({ path: shot("adapter-jquery-saved-zh.png"), fullPage: true });
  await env.assertClean(page, assert);
});

test("jQuery fails open: with no engine $.ajax runs and the plain form submits; the notice shows", async () => {
  const page = await env.open("/examples/jquery.html", { init: noWasm, allowConsoleErrors: true });
  await ready(page);
  await page.waitForSelector("pingan-form-check .pingan-unavailable", { timeout: 10000 });
  assert.equal(await page.locator("pingan-form-check .pingan-unavailable").first().textContent(), NOTICE_ZH);
  await page.click("#a_submit");
  await page.waitForFunction(() => window.__ajax.length === 1, null, { timeout: 10000 });
  await Promise.all([page.waitForURL(/[?&]id=I21/, { timeout: 10000 }), page.click("#p_submit")]);
});

/** Pick an option of an el-select (its dropdown is teleported to <body>). */
async function epPick(page, id, text) {
  await page.locator(`#${id}`).locator("xpath=ancestor::div[contains(@class,'el-select__wrapper')]").click();
  await page.locator(".el-select-dropdown__item:visible", { hasText: text }).first().click();
}
const itemError = (page, prop) => page.locator(`.el-form-item:has(#${prop}) .el-form-item__error`);

test("Element Plus: el-form rules from pinganRules show the engine's messages; the record saves only when valid", async () => {
  const page = await env.open("/examples/element-plus.html");
  await ready(page);
  await engineUp(page);
  await page.fill("#e_date", "2025-02-30");
  await page.locator("#e_date").blur();
  await itemError(page, "e_date").waitFor({ timeout: 10000 });
  assert.match(await itemError(page, "e_date").textContent(), /2025-02-30/);
  await page.click("#e_save");
  await itemError(page, "e_sev").waitFor({ timeout: 10000 });
  await itemError(page, "e_cat").waitFor({ timeout: 10000 });
  assert.deepEqual(await page.evaluate(() => window.__saved), [], "not saved");
  await page.screenshot({ path: shot("adapter-element-plus-errors-zh.png"), fullPage: true });
  await page.fill("#e_date", "2025-02-28");
  await epPick(page, "e_cat", "安全事故");
  await epPick(page, "e_sev", "较大");
  await page.waitForFunction(() => document.querySelectorAll(".el-form-item__error").length === 0, null, { timeout: 10000 });
  await page.click("#e_save");
  await page.waitForSelector("#saved li", { timeout: 10000 });
  const saved = await page.evaluate(() => window.__saved);
  assert.deepEqual(saved, [{ id: "I9", date: "2025-02-28", category: "safety_accident", severity: "larger", locality: "330106" }]);
  assert.equal(await page.locator("#saved li").textContent(), "已保存：I9，2025-02-28，较大");
  // The rules object itself: one async validator per prop of the model, props mapped to pointers.
  const shape = await page.evaluate(async () => {
    const m = await import("/pingan-element-plus.js");
    const rules = m.pinganRules("letter", { id: "", signed_by: { superior: [] } });
    return { props: Object.keys(rules), fn: typeof rules["signed_by.superior"][0].asyncValidator, p: m.propToPointer("targets[0].metric") };
  });
  assert.deepEqual(shape, { props: ["id", "signed_by", "signed_by.superior"], fn: "function", p: "/targets/0/metric" });
  await page.screenshot({ path: shot("adapter-element-plus-saved-zh.png"), fullPage: true });
  await env.assertClean(page, assert);
});

test("Element Plus fails open: with no engine every rule passes, the record saves and the notice shows", async () => {
  const page = await env.open("/examples/element-plus.html", { init: noWasm, allowConsoleErrors: true });
  await ready(page);
  await page.fill("#e_date", "2025-02-30");
  await page.click("#e_save");
  await page.waitForSelector("#saved li", { timeout: 10000 });
  assert.equal((await page.evaluate(() => window.__saved))[0].date, "2025-02-30");
  assert.equal((await page.locator(".el-alert__title").textContent()).trim(), NOTICE_ZH);
  await page.screenshot({ path: shot("adapter-element-plus-unavailable-zh.png"), fullPage: true });
});

test("the adapter examples in English, and at 390 px", async () => {
  for (const name of ["layui", "jquery", "element-plus"]) {
    const page = await env.open(`/examples/${name}.html?lang=en`);
    await ready(page);
    assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
    await page.screenshot({ path: shot(`adapter-${name}-en.png`), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(env.base + `/examples/${name}.html`);
    await ready(page);
    await page.waitForTimeout(300);
    const w = await page.evaluate(() => document.scrollingElement.scrollWidth);
    assert.ok(w <= 390, `${name}: ${w} px wide at 390 px`);
    await page.screenshot({ path: shot(`adapter-${name}-phone-zh.png`), fullPage: true });
    await page.goto(env.base + `/examples/${name}.html?lang=en`);
    await ready(page);
    await page.waitForTimeout(300);
    assert.ok((await page.evaluate(() => document.scrollingElement.scrollWidth)) <= 390, `${name} en at 390 px`);
    await page.screenshot({ path: shot(`adapter-${name}-phone-en.png`), fullPage: true });
    await page.close();
  }
});

/** A page whose .wasm download is held until `release()`: the engine is still loading meanwhile. */
async function heldPage(path) {
  const page = await env.context.newPage();
  let release;
  const gate = new Promise((r) => (release = r));
  await page.route("**/pingan_bg.wasm", async (route) => {
    await gate;
    await route.continue();
  });
  await page.goto(env.base + path);
  await ready(page);
  return { page, release };
}

test("layui while the engine is still loading: a click with a bad record is held and never saved, a good one is saved once", async () => {
  for (const [date, expect] of [["2025-02-30", 0], ["2025-02-28", 1]]) {
    const { page, release } = await heldPage("/examples/layui.html");
    await page.fill("#l_date", date);
    await layuiPick(page, "category", "criminal_case");
    await layuiPick(page, "severity", "larger");
    await page.click("#l_save");
    await page.waitForTimeout(200);
    assert.deepEqual(await page.evaluate(() => window.__saved), [], "nothing saved before the engine answered");
    release();
    await page.waitForFunction(() => !!document.querySelector("pingan-form-check") && document.querySelector("pingan-form-check").result, null, { timeout: 15000 });
    await page.waitForTimeout(300);
    const saved = await page.evaluate(() => window.__saved);
    assert.equal(saved.length, expect, `${date}: ${JSON.stringify(saved)}`);
    if (expect) assert.equal(saved[0].date, date);
    await page.close();
  }
});

test("jQuery while the engine is still loading: an ajax submit is held; $.ajax runs only if the record is valid", async () => {
  for (const [date, expect] of [["2025-02-30", 0], ["2025-02-28", 1]]) {
    const { page, release } = await heldPage("/examples/jquery.html");
    await page.fill("#a_date", date);
    await page.selectOption("#a_sev", "major");
    await page.click("#a_submit");
    await page.waitForTimeout(200);
    assert.deepEqual(await page.evaluate(() => window.__ajax), [], "no $.ajax before the engine answered");
    release();
    await page.waitForFunction(() => window.jQuery("#ajaxForm").pinganCheck("result"), null, { timeout: 15000 });
    await page.waitForTimeout(300);
    assert.equal((await page.evaluate(() => window.__ajax)).length, expect, date);
    await page.close();
  }
});
