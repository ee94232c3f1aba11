// Issue 14.3 in the elements: the custom elements load the engine through load.js, so a page on an old
// browser core gets the WebAssembly-MVP build, with the same answers, and fail-open is untouched.
//   - forced by plain HTML (<meta name="pingan-build" content="mvp">)
//   - chosen by "auto" because the default module's feature probe fails (reference-types, simulated)
// Screenshots: target/screenshots/loading-mvp-{zh,en}-{desktop,phone}.png.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setup, shot } from "./harness.mjs";
import { PROBES } from "../load.js";

let env;
before(async () => {
  env = await setup();
});
after(async () => env && (await env.close()));

/** In the page: what the element's engine says of the form's record, and the default build's answer. */
async function sameAsDefault(page) {
  return page.evaluate(async () => {
    const m = await import("/elements.js");
    const { build } = await m.ready();
    const el = document.querySelector("#fc");
    const rec = m.formToRecord(document.querySelector("#f"));
    const mine = await el.check(true);
    const { loadPingan } = await import("/load.js");
    const def = await loadPingan({ build: "default" });
    const other = new def.module.Engine().validate("incident", rec);
    return { build, mine: JSON.stringify(mine), other: JSON.stringify(other) };
  });
}

const wasmRequests = (page) => page.__log.requests.map((u) => new URL(u).pathname).filter((p) => p.endsWith(".wasm"));

async function mvpFlow(page, name) {
  const r = await sameAsDefault(page);
  assert.equal(r.build, "mvp", `${name}: the elements run the MVP build`);
  assert.deepEqual(JSON.parse(r.mine), JSON.parse(r.other), `${name}: the MVP build answers as the default one`);
  assert.equal(JSON.parse(r.mine).ok, false, "2025-02-30 is no date");
  // Before the comparison above loaded it on purpose, the page fetched the MVP module only.
  assert.equal(wasmRequests(page)[0], "/pingan_mvp_bg.wasm");
  // The form is blocked while the date is wrong, the message is beside the field (zh).
  const url0 = page.url();
  await page.click("#f_submit");
  await page.waitForSelector('#f_date[aria-invalid="true"]');
  assert.equal(page.url(), url0, "blocked");
  const msg = await page.locator("#f_date + .pingan-msg").textContent();
  assert.match(msg, /发生日期/);
  assert.doesNotMatch(msg, /[:(),;]/, "full-width punctuation in zh");
  assert.doesNotMatch(msg, /\/date|incidents\//, "no JSON Pointer in the message");
  // The scorecard of the same page renders from the MVP engine too: the total the default build gives.
  await page.waitForSelector("#sc .pingan-total");
  const totals = await page.evaluate(async () => {
    const { loadPingan } = await import("/load.js");
    const def = await loadPingan({ build: "default" });
    const d = await (await fetch("/data/sample-county.json")).json();
    const r = new def.module.Engine().evaluate(d);
    return { shown: document.querySelector("#sc .pingan-total").getAttribute("data-total"), def: String(r.assessment.total) };
  });
  assert.equal(totals.shown, totals.def);
  assert.deepEqual(await page.evaluate(() => window.__unavailable), [], "no notice: the module runs");
  assert.equal(await page.locator(".pingan-unavailable").count(), 0);
  return msg;
}

async function shots(page, name) {
  for (const lang of ["zh", "en"]) {
    await page.evaluate((l) => {
      for (const el of document.querySelectorAll("pingan-form-check, pingan-scorecard")) el.setAttribute("lang", l === "en" ? "en" : "zh-CN");
    }, lang);
    await page.waitForTimeout(150);
    for (const [vp, size] of [["desktop", { width: 1280, height: 900 }], ["phone", { width: 390, height: 844 }]]) {
      await page.setViewportSize(size);
      await page.waitForTimeout(150);
      if (vp === "phone") assert.ok((await page.evaluate(() => document.scrollingElement.scrollWidth)) <= 390, `${name} ${lang}: no overflow at 390 px`);
      await page.screenshot({ path: shot(`loading-${name}-${lang}-${vp}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }
  await page.evaluate(() => {
    for (const el of document.querySelectorAll("pingan-form-check, pingan-scorecard")) el.setAttribute("lang", "zh-CN");
  });
}

test("an element page forced to the MVP build (<meta name=pingan-build content=mvp>) checks and submits", async () => {
  const page = await env.open("/tests/fixtures/mvp-elements.html");
  await mvpFlow(page, "meta");
  await shots(page, "mvp");
  // Fixed, it submits once (GET), with the fields as typed.
  await page.fill("#f_date", "2025-02-28");
  await page.waitForFunction(() => !document.querySelector("#f_date").hasAttribute("aria-invalid"));
  await Promise.all([page.waitForURL(/[?&]id=I7/, { timeout: 10000 }), page.click("#f_submit")]);
  assert.equal(new URL(page.url()).searchParams.get("date"), "2025-02-28");
  await page.waitForSelector("#submitted[data-submitted]");
  assert.deepEqual(await page.evaluate(() => window.__rejections), []);
  await env.assertClean(page, assert);
});

test("auto: when the default module's feature probe fails, the elements take the MVP build", async () => {
  const probe = PROBES.reference_types;
  const page = await env.open("/tests/fixtures/mvp-elements.html?auto", {
    // An older core: WebAssembly.validate rejects the reference-types probe (Chromium < 96).
    init: (bytes) => {
      const validate = WebAssembly.validate.bind(WebAssembly);
      WebAssembly.validate = (b) => {
        const u = b instanceof Uint8Array ? b : new Uint8Array(b);
        if (u.length === bytes.length && u.every((x, i) => x === bytes[i])) return false;
        return validate(b);
      };
      // …and the page says nothing about the build: drop the meta before elements.js reads it.
      new MutationObserver((_, obs) => {
        const m = document.querySelector('meta[name="pingan-build"]');
        if (m) {
          m.remove();
          obs.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    },
    initArg: probe,
  });
  assert.equal(await page.evaluate(() => document.querySelector('meta[name="pingan-build"]')), null, "no meta: auto");
  const features = await page.evaluate(async () => (await import("/load.js")).detectFeatures());
  assert.equal(features.reference_types, false);
  assert.equal(features.multi_value, true);
  await mvpFlow(page, "auto");
  await env.assertClean(page, assert);
});

test("fail-open is unchanged on the MVP path: the MVP .wasm missing (404) → the notice, the form submits", async () => {
  const page = await env.context.newPage();
  await page.route("**/pingan_mvp_bg.wasm", (route) => route.fulfill({ status: 404, contentType: "text/plain", body: "not found" }));
  await page.goto(env.base + "/tests/fixtures/mvp-elements.html", { waitUntil: "load" });
  await page.waitForSelector("pingan-form-check .pingan-unavailable", { timeout: 20000 });
  await page.waitForFunction(() => window.__unavailable.length >= 2);
  const seen = await page.evaluate(() => window.__unavailable);
  assert.deepEqual(seen.map((e) => [e.tag, e.reason, e.code]).sort(), [
    ["PINGAN-FORM-CHECK", "fetch", "fetch_failed"],
    ["PINGAN-SCORECARD", "fetch", "fetch_failed"],
  ]);
  assert.equal(await page.locator("pingan-form-check .pingan-unavailable").textContent(), "浏览器端校验暂不可用，提交后由系统校验。");
  await Promise.all([page.waitForURL(/[?&]id=I7/, { timeout: 10000 }), page.click("#f_submit")]);
  assert.equal(new URL(page.url()).searchParams.get("date"), "2025-02-30", "submitted unchecked");
  await page.close();
});

test("load.js's codes map onto the elements' reasons", async () => {
  const page = await env.open("/tests/fixtures/baseline.html");
  const got = await page.evaluate(async () => {
    const m = await import("/elements.js");
    const err = (code, causeName) => Object.assign(new Error("x"), { code, cause: causeName ? Object.assign(new Error("c"), { name: causeName }) : undefined });
    return {
      no_webassembly: m.reasonOf(err("no_webassembly")),
      csp_blocked: m.reasonOf(err("csp_blocked")),
      fetch_failed: m.reasonOf(err("fetch_failed")),
      import_failed: m.reasonOf(err("import_failed", "TypeError")),
      import_syntax: m.reasonOf(err("import_failed", "SyntaxError")),
      compile_old_core: m.reasonOf(err("compile_failed", "CompileError")),
      compile_other: m.reasonOf(err("compile_failed", "RuntimeError")),
      bad_option: m.reasonOf(err("bad_option")),
      csp_event: m.reasonOf(err("compile_failed", "CompileError"), true),
    };
  });
  assert.deepEqual(got, {
    no_webassembly: "unsupported",
    csp_blocked: "csp",
    fetch_failed: "fetch",
    import_failed: "fetch",
    import_syntax: "unsupported",
    compile_old_core: "unsupported",
    compile_other: "error",
    bad_option: "error",
    csp_event: "csp",
  });
  await env.assertClean(page, assert);
});
