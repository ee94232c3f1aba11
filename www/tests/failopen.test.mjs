// Issue 14.1: fail open, loudly. When the module cannot be compiled or fetched, a GET form guarded by
// <pingan-form-check> submits as it would without pingan, every element shows the notice and fires
// `pingan-unavailable` ({ reason }), and nothing throws. When the module runs, it blocks bad records only.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir, copyFile, cp, rm } from "node:fs/promises";
import { join } from "node:path";
import { setup, shot, REPO, CSP } from "./harness.mjs";

const NO_WASM_CSP = "default-src 'self'; script-src 'self'"; // a portal policy without 'wasm-unsafe-eval'
const NOWASM_DIR = join(REPO, "target", "failopen", "nowasm");
const NOTICE_ZH = "浏览器端校验暂不可用，提交后由系统校验。";
const NOTICE_EN = "In-browser checks are unavailable; the system will check on submit.";

let env;
before(async () => {
  // A deploy that forgot the .wasm: pingan.js, load.js, elements.js and its modules of pkg/web, nothing else.
  await rm(NOWASM_DIR, { recursive: true, force: true });
  await mkdir(NOWASM_DIR, { recursive: true });
  for (const f of ["pingan.js", "elements.js"]) await copyFile(join(REPO, "pkg", "web", f), join(NOWASM_DIR, f));
  await copyFile(join(REPO, "www", "elements.js"), join(NOWASM_DIR, "elements.js")); // the current ones
  await cp(join(REPO, "www", "elements"), join(NOWASM_DIR, "elements"), { recursive: true });
  await copyFile(join(REPO, "www", "load.js"), join(NOWASM_DIR, "load.js"));
  await copyFile(join(REPO, "www", "vocabularies.js"), join(NOWASM_DIR, "vocabularies.js"));
  env = await setup({
    // The served header: without 'wasm-unsafe-eval' on ?csp=nowasm, the strict one everywhere else.
    csp: (path, search) => (/[?&]csp=nowasm/.test(search) ? NO_WASM_CSP : CSP),
    mounts: { "/nowasm/": "target/failopen/nowasm" },
  });
});
after(async () => env && (await env.close()));

/** Open, wait for the notice, submit, and check that the GET submission really happened. */
async function failsOpen(path, { reason, name, init = null, violation = false }) {
  const page = await env.open(path, { allowConsoleErrors: true, init });
  await page.waitForSelector("pingan-form-check .pingan-unavailable", { timeout: 20000 });
  await page.waitForFunction(() => window.__unavailable.length >= 2, null, { timeout: 10000 });
  const seen = await page.evaluate(() => window.__unavailable);
  assert.deepEqual(
    seen.map((e) => e.tag).sort(),
    ["PINGAN-FORM-CHECK", "PINGAN-SCORECARD"],
    "every element fires pingan-unavailable once",
  );
  for (const e of seen) {
    assert.equal(e.reason, reason, `${name}: reason`);
    assert.equal(e.bubbles, true);
    assert.equal(e.composed, true);
  }
  assert.equal(await page.locator("pingan-form-check .pingan-unavailable").textContent(), NOTICE_ZH);
  assert.equal(await page.locator("pingan-scorecard .pingan-unavailable").textContent(), NOTICE_ZH);
  // The module's API says so too, and check() passes (fail open) instead of throwing.
  const api = await page.evaluate(async () => {
    const el = document.querySelector("pingan-form-check");
    const r = await el.check();
    return { ok: r.ok, unavailable: r.unavailable, errors: r.errors.length };
  });
  assert.deepEqual(api, { ok: true, unavailable: reason, errors: 0 });
  // English, via the attribute.
  await page.evaluate(() => document.querySelector("pingan-form-check").setAttribute("lang", "en"));
  assert.equal(await page.locator("pingan-form-check .pingan-unavailable").textContent(), NOTICE_EN);
  await page.locator("main").screenshot({ path: shot(`failopen-${name}-en.png`) });
  await page.evaluate(() => document.querySelector("pingan-form-check").setAttribute("lang", "zh-CN"));
  await page.locator("main").screenshot({ path: shot(`failopen-${name}-zh.png`) });
  if (violation) {
    const v = await page.evaluate(() => window.__cspViolations);
    assert.ok(v.some((x) => /script-src/.test(x) && /wasm-eval/.test(x)), `the CSP blocked the compile: ${v}`);
  }
  // The record is invalid (2025-02-30), yet the form submits: the server checks it.
  const before = page.url();
  await Promise.all([page.waitForURL(/[?&]id=I7/, { timeout: 10000 }), page.click("#f_submit")]);
  const url = new URL(page.url());
  assert.notEqual(page.url(), before);
  assert.equal(url.searchParams.get("date"), "2025-02-30");
  assert.equal(url.searchParams.get("severity"), "major");
  await page.waitForSelector("#submitted[data-submitted]");
  const rejections = await page.evaluate(() => window.__rejections);
  assert.deepEqual(rejections, [], "no unhandled rejection");
  assert.deepEqual(page.__log.errors.filter((e) => e.startsWith("pageerror")), [], "nothing thrown");
  return page;
}

test("CSP without 'wasm-unsafe-eval' (served header): the form submits, the notice shows", async () => {
  await failsOpen("/tests/fixtures/failopen.html?csp=nowasm", { reason: "csp", name: "csp-header", violation: true });
});

test("CSP without 'wasm-unsafe-eval' (meta tag): the form submits, the notice shows", async () => {
  await failsOpen("/tests/fixtures/failopen-meta.html", { reason: "csp", name: "csp-meta", violation: true });
});

test("the .wasm is missing (404): the form submits, the notice shows", async () => {
  const page = await failsOpen("/tests/fixtures/failopen-404.html", { reason: "fetch", name: "404" });
  assert.ok(page.__log.requests.some((u) => u.endsWith("/nowasm/pingan_bg.wasm")), "the .wasm was asked for");
});

test("no WebAssembly in this browser core: the form submits, the notice shows", async () => {
  await failsOpen("/tests/fixtures/failopen.html", {
    reason: "unsupported",
    name: "no-webassembly",
    init: () => {
      delete window.WebAssembly;
    },
  });
});

test("a submit held while loading goes through unchecked when the module then fails", async () => {
  // The .wasm answer is held back until after the click: the submit waits for ready(), which fails.
  const page = await env.context.newPage();
  let release;
  const gate = new Promise((r) => (release = r));
  await page.route("**/nowasm/pingan_bg.wasm", async (route) => {
    await gate;
    await route.fulfill({ status: 404, contentType: "text/plain", body: "not found" });
  });
  await page.addInitScript(() => {
    window.__cspViolations = [];
  });
  await page.goto(env.base + "/tests/fixtures/failopen-404.html", { waitUntil: "load" });
  await page.waitForFunction(() => customElements.get("pingan-form-check"));
  await page.click("#f_submit");
  assert.ok(!/[?&]id=/.test(page.url()), "held while loading");
  release();
  await page.waitForURL(/[?&]id=I7/, { timeout: 10000 });
  assert.equal(new URL(page.url()).searchParams.get("date"), "2025-02-30");
  await page.close();
});

test("with the module running, the same form is blocked only while it has errors", async () => {
  const page = await env.open("/tests/fixtures/failopen.html");
  await page.waitForFunction(() => customElements.get("pingan-form-check"));
  await page.evaluate(async () => {
    const m = await import("/elements.js");
    await m.ready();
  });
  const url0 = page.url();
  await page.click("#f_submit");
  await page.waitForSelector('#f_date[aria-invalid="true"]', { timeout: 10000 });
  assert.equal(page.url(), url0, "blocked: 2025-02-30 is no date");
  assert.equal(await page.locator(".pingan-unavailable").count(), 0, "no notice when the module runs");
  assert.deepEqual(await page.evaluate(() => window.__unavailable), []);
  await page.fill("#f_date", "2025-02-28");
  await page.waitForFunction(() => !document.querySelector("#f_date").hasAttribute("aria-invalid"));
  await Promise.all([page.waitForURL(/[?&]id=I7/, { timeout: 10000 }), page.click("#f_submit")]);
  assert.equal(new URL(page.url()).searchParams.get("date"), "2025-02-28");
  await env.assertClean(page, assert);
});
