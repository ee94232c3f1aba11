// Issues 14.7 and 14.8: the demo on a phone (390 px, touch) and for office staff (plain words, plain case
// names, a readable confirmation, the working copy kept in the browser with a restore / discard prompt).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setup, appReady, shot, dataPaths, readDossier } from "./harness.mjs";

let env, phone;
before(async () => {
  env = await setup();
  phone = await setup({ viewport: { width: 390, height: 844 } });
});
after(async () => {
  if (env) await env.close();
  if (phone) await phone.close();
});

const TABS = ["forms", "duties", "scoring", "accountability", "rewards"];
// Words meant for developers that must not show in the page's text.
const DEV_WORDS = /as_of|Web Worker|evaluateMany|evaluate\(|JSON|undefined|null|\/incidents\/|\/activities\//;

async function ensureCase(page, year) {
  await page.click("#tab-accountability");
  await page.locator("#timeline h3").waitFor({ timeout: 15000 });
  if ((await page.locator("#timeline li[data-case]").count()) > 0) return;
  await page.fill("#ai-date", `${year}-03-03`);
  await page.selectOption("#ai-severity", "major");
  await page.click('#add-incident button[type="submit"]');
  await page.locator("#timeline li[data-case]").first().waitFor({ timeout: 10000 });
}

test("no tab is wider than 390 px on a 390 px phone, zh and en; the ledger never wraps a character per line", async () => {
  const { county } = await dataPaths();
  const d = await readDossier(county);
  for (const lang of ["zh", "en"]) {
    const page = await phone.open(`/index.html?county=${county}${lang === "en" ? "&lang=en" : ""}`);
    await appReady(page);
    await ensureCase(page, d.year);
    for (const tab of TABS) {
      await page.click(`#tab-${tab}`);
      if (tab === "duties") await page.locator("#duty-matrix table").waitFor({ timeout: 15000 });
      if (tab === "scoring") await page.locator("#scorecard .pingan-ledger").waitFor({ timeout: 15000 });
      if (tab === "rewards") await page.locator("#awards").waitFor();
      await page.waitForTimeout(150);
      const w = await page.evaluate(() => document.scrollingElement.scrollWidth);
      assert.ok(w <= 390, `${lang} ${tab}: the page is ${w} px wide`);
      await page.screenshot({ path: shot(`phone-${tab}-${lang}.png`), fullPage: true });
    }
    await page.click("#tab-scoring");
    const narrow = await page.evaluate(() => {
      const bad = [];
      for (const c of document.querySelectorAll("#scorecard .pingan-ledger th, #scorecard .pingan-ledger td")) {
        const text = c.textContent.trim();
        if (Array.from(text).length < 2) continue;
        const fs = parseFloat(getComputedStyle(c).fontSize);
        // Room for at least two characters on a line (one CJK character is about one em).
        if (c.clientWidth - parseFloat(getComputedStyle(c).paddingLeft) - parseFloat(getComputedStyle(c).paddingRight) < 1.9 * fs) bad.push(`${text} ${c.clientWidth}px`);
      }
      return bad;
    });
    assert.deepEqual(narrow, [], "ledger cells too narrow for two characters");
    await phone.assertClean(page, assert);
  }
});

test("touch replaces hover: a tap on a duty cell shows its article; the hint says tap", async () => {
  const { county } = await dataPaths();
  const ctx = await phone.context.browser()?.newContext?.({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, locale: "zh-CN" });
  // A persistent context has no browser() handle: emulate touch through CDP on a page of it instead.
  const page = ctx ? await ctx.newPage() : await phone.context.newPage();
  if (!ctx) {
    const cdp = await phone.context.newCDPSession(page);
    await cdp.send("Emulation.setTouchEmulationEnabled", { enabled: true, maxTouchPoints: 5 });
    await cdp.send("Emulation.setEmitTouchEventsForMouse", { enabled: true, configuration: "mobile" });
    await cdp.send("Emulation.setEmulatedMedia", { features: [{ name: "hover", value: "none" }, { name: "pointer", value: "coarse" }, { name: "any-hover", value: "none" }] });
  }
  await page.goto(phone.base + `/index.html?county=${county}&tab=duties`);
  await appReady(page);
  await page.locator("#duty-matrix .pingan-cell").first().waitFor({ timeout: 15000 });
  assert.equal(await page.evaluate(() => matchMedia("(hover: none)").matches), true);
  assert.match(await page.locator("#duty-matrix .pingan-detail").textContent(), /轻触/);
  const cell = page.locator('#duty-matrix .pingan-cell[data-status="unmet"]').first();
  await cell.scrollIntoViewIfNeeded();
  await cell.tap();
  assert.equal(await cell.getAttribute("aria-pressed"), "true");
  assert.match(await page.locator("#duty-matrix .pingan-detail").textContent(), /第.+条/);
  const size = await cell.boundingBox();
  assert.ok(size.width >= 40 && size.height >= 40, `a finger-sized target: ${JSON.stringify(size)}`);
  await page.screenshot({ path: shot("phone-duties-tap-zh.png"), fullPage: false });
  await page.close();
  if (ctx) await ctx.close();
});

test("plain words for office staff: no developer words, no test button, plain case names (id in small print)", async () => {
  const { county } = await dataPaths();
  const d = await readDossier(county);
  for (const lang of ["zh", "en"]) {
    const page = await env.open(`/index.html?county=${county}${lang === "en" ? "&lang=en" : ""}`);
    await appReady(page);
    await ensureCase(page, d.year);
    for (const tab of TABS) {
      await page.click(`#tab-${tab}`);
      await page.waitForTimeout(150);
      if (tab === "duties") await page.locator("#duty-matrix table").waitFor({ timeout: 15000 });
      if (tab === "scoring") await page.locator("#scorecard .pingan-ledger").waitFor({ timeout: 15000 });
      await page.screenshot({ path: shot(`desktop-${tab}-${lang}.png`), fullPage: true });
      const text = await page.evaluate(() => document.body.innerText);
      const m = text.match(DEV_WORDS);
      assert.equal(m, null, `${lang} ${tab}: developer word ${m && m[0]}`);
    }
    assert.equal(await page.locator("#ping").count(), 0, "no test button");
    await page.click("#tab-accountability");
    const c = page.locator("#timeline li[data-case]").first();
    const id = await c.getAttribute("data-case");
    const name = await c.locator(".pingan-case-name").textContent();
    assert.ok(!name.includes(id), `the title is a plain name, not ${id}: ${name}`);
    if (lang === "zh") assert.match(name, /[\u4e00-\u9fff]{4,}/);
    assert.equal(await c.locator("small.pingan-id").textContent(), id, "the id in small print");
    const opt = await page.locator("#ar-case option").first().textContent();
    assert.ok(!opt.includes("/"), `the case select shows names: ${opt}`);
    await page.locator("#panel-accountability").screenshot({ path: shot(`demo-accountability-${lang}.png`) });
    await env.assertClean(page, assert);
  }
});

test("the working copy is kept in the browser: after a reload, 恢复 restores it and 放弃 discards it", async () => {
  const { county } = await dataPaths();
  const page = await env.open(`/index.html?county=${county}&tab=duties`);
  await appReady(page);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await appReady(page);
  assert.equal(await page.locator("#restore-bar").isVisible(), false, "nothing to restore on a first visit");
  await page.locator("#activity-list li").first().waitFor();
  const n0 = await page.locator("#activity-list li").count();
  await page.locator("#activity-list button.remove").first().click();
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith("pingan-demo-working-copy")), null, { timeout: 5000 });
  await page.reload();
  await appReady(page);
  await page.locator("#restore-bar").waitFor({ state: "visible" });
  assert.match(await page.locator("#restore-text").textContent(), /上次未完成的修改（\d{4}-\d{2}-\d{2} \d{2}:\d{2}）/);
  await page.screenshot({ path: shot("demo-restore-prompt-zh.png") });
  assert.equal(await page.locator("#activity-list li").count(), n0, "nothing changes before the answer");
  await page.click("#restore-yes");
  await page.waitForFunction((n) => document.querySelectorAll("#activity-list li").length === n - 1, n0);
  assert.equal(await page.locator("#restore-bar").isVisible(), false);
  // Discard: the sample comes back and the copy is gone.
  await page.reload();
  await appReady(page);
  await page.locator("#restore-bar").waitFor({ state: "visible" });
  await page.click("#restore-no");
  assert.equal(await page.locator("#activity-list li").count(), n0);
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("pingan-demo")).length), 0);
  await page.reload();
  await appReady(page);
  assert.equal(await page.locator("#restore-bar").isVisible(), false);
  await env.assertClean(page, assert);
});
