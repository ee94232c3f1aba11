// Issue 2: the demo's incident form — a bad date shows a Chinese error beside the field (English on
// the toggle), submit stays blocked until it is fixed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setup, appReady, shot, dataPaths } from "./harness.mjs";

let env;
before(async () => (env = await setup()));
after(async () => env && (await env.close()));

const HAN = /[\u4e00-\u9fff]/;

test("a bad incident date shows a Chinese error beside the field, then English on the toggle", async () => {
  const { county } = await dataPaths();
  const page = await env.open(`/index.html?county=${county}`);
  await appReady(page);
  const date = page.locator("#inc-date");
  await date.fill("");
  await date.pressSequentially("2025-02-30", { delay: 10 });
  await assert.doesNotReject(page.waitForSelector('#inc-date[aria-invalid="true"]', { timeout: 10000 }), "the field is marked invalid");
  // The message is the element right after the field, and the field points at it.
  const msg = await page.evaluate(() => {
    const f = document.querySelector("#inc-date");
    const span = f.nextElementSibling;
    return { text: span && span.textContent, id: span && span.id, describedby: f.getAttribute("aria-describedby"), cls: span && span.className };
  });
  assert.match(msg.cls, /pingan-msg/);
  assert.ok(msg.text && HAN.test(msg.text), `a Chinese message beside the field, got ${JSON.stringify(msg.text)}`);
  assert.ok(msg.describedby.split(" ").includes(msg.id), "aria-describedby points at the message");
  await page.locator("#incident-form").screenshot({ path: shot("issue2-incident-bad-date-zh.png") });

  // Submit is blocked: nothing lands in the output.
  await page.locator('#incident-form button[type="submit"]').click();
  assert.equal(await page.locator("#incident-out").textContent(), "");

  // English.
  await page.click("#lang-toggle");
  await page.waitForFunction(() => document.documentElement.lang === "en");
  const en = await page.evaluate(() => document.querySelector("#inc-date").nextElementSibling.textContent);
  assert.ok(en && !HAN.test(en) && /[a-z]/i.test(en), `an English message, got ${JSON.stringify(en)}`);
  await page.locator("#incident-form").screenshot({ path: shot("issue2-incident-bad-date-en.png") });
  await page.click("#lang-toggle");

  // Fix the date and fill the rest: the error goes and submit goes through.
  await date.fill("2025-02-28");
  await page.selectOption("#inc-category", "safety_accident");
  await page.selectOption("#inc-severity", "larger");
  await page.waitForFunction(() => !document.querySelector("#inc-date").hasAttribute("aria-invalid"));
  assert.equal(await page.evaluate(() => document.querySelector("#inc-date").nextElementSibling.textContent), "");
  await page.locator('#incident-form button[type="submit"]').click();
  await page.waitForFunction(() => document.querySelector("#incident-out").textContent.includes("2025-02-28"));
  // Issue 14.8: a readable confirmation (the form's labels, option texts), not raw JSON.
  const conf = await page.evaluate(() => {
    const out = document.querySelector("#incident-out");
    return { text: out.textContent, pairs: Array.from(out.querySelectorAll("dt")).map((dt) => [dt.textContent, dt.nextElementSibling.textContent]), pre: out.querySelectorAll("pre").length };
  });
  assert.equal(conf.pre, 0);
  assert.ok(!/[{}"]/.test(conf.text), `no JSON: ${conf.text}`);
  const pairs = Object.fromEntries(conf.pairs);
  assert.equal(pairs["发生日期"], "2025-02-28");
  assert.equal(pairs["类别"], "安全事故");
  assert.equal(pairs["等级"], "较大");
  await page.locator("#incident-form").screenshot({ path: shot("demo-submitted-zh.png") });
  await env.assertClean(page, assert);
});

test("the letter form checks as you type too", async () => {
  const { county } = await dataPaths();
  const page = await env.open(`/index.html?county=${county}`);
  await appReady(page);
  await page.locator("#let-date").fill("2025-13-01");
  await page.waitForSelector('#let-date[aria-invalid="true"]', { timeout: 10000 });
  const text = await page.evaluate(() => document.querySelector("#let-date").nextElementSibling.textContent);
  assert.ok(HAN.test(text), text);
  await page.locator("#letter-form").screenshot({ path: shot("issue2-letter-bad-date-zh.png") });
  await env.assertClean(page, assert);
});
