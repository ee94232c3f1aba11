// The browser baseline in Chromium (issue 14 §3): pkg/web/load.js forced to the WebAssembly MVP build and
// to the default build gives identical answers on the sample county and on every golden case that runs a
// method of Engine; "auto" picks the default build on this (modern) Chromium; the MVP glue really ran.
import test from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { setup, dataPaths, readDossier, REPO } from "./harness.mjs";

const CASES = join(REPO, "tests", "cases");
const FIXTURES = join(CASES, "fixtures");

/** Golden-case calls with their fixtures expanded (no policy patches: the engine is the default one). */
function goldenCalls() {
  const calls = [];
  const fixture = (name) => JSON.parse(readFileSync(join(FIXTURES, name + ".json"), "utf8"));
  const expand = (v) => {
    if (Array.isArray(v)) return v.map(expand);
    if (v && typeof v === "object") {
      if (typeof v.$fixture === "string" && Object.keys(v).length === 1) return fixture(v.$fixture);
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, expand(x)]));
    }
    return v;
  };
  const engineCalls = new Set(["score", "evaluate", "validate", "whatIf", "toReach", "eligibility", "evaluateMany"]);
  for (const f of readdirSync(CASES).filter((f) => f.endsWith(".json")).sort()) {
    for (const c of JSON.parse(readFileSync(join(CASES, f), "utf8")).cases || []) {
      if (!engineCalls.has(c.call) || c.policy_patch !== undefined) continue;
      try {
        calls.push({ name: `${f}: ${c.name}`, call: c.call, args: expand(c.args || []) });
      } catch {
        // a fixture this runner does not know how to expand: the Node case runner covers it
      }
    }
  }
  return calls;
}

/** In the page: load one build, run every call, answer JSON text of each result (or of the error). */
async function runIn(page, build, calls) {
  return page.evaluate(async ({ build, calls }) => {
    const { loadPingan } = await import("/pkg/web/load.js");
    const loaded = await loadPingan({ build });
    const engine = new loaded.module.Engine();
    // "slider": a prepared handle's compact score and compact moves beside the full ones (the compact
    // answers are made in the glue from numbers: src/compact.js).
    const slider = (d) => {
      const h = engine.prepare(d);
      const moves = [60, 85.55, "n/a", 100].map((v) => [h.scoreWith("satisfaction", v, { compact: true }), h.scoreWith("satisfaction", v)]);
      const out = { compact: h.score({ compact: true }), full: h.score(), moves };
      h.free();
      return out;
    };
    const answers = calls.map((c) => {
      try {
        return JSON.stringify(c.call === "slider" ? slider(...c.args) : engine[c.call](...c.args));
      } catch (e) {
        return `threw ${e && e.message}`;
      }
    });
    return { build: loaded.build, url: loaded.url, version: JSON.stringify(loaded.module.version()), answers };
  }, { build, calls });
}

test("MVP and default builds answer identically in Chromium", async () => {
  const env = await setup();
  try {
    const { county } = await dataPaths();
    const dossier = await readDossier(county);
    const calls = [
      { name: "sample county: evaluate", call: "evaluate", args: [dossier] },
      { name: "sample county: score", call: "score", args: [dossier] },
      { name: "sample county: toReach excellent", call: "toReach", args: [dossier, "excellent"] },
      { name: "sample county: compact score", call: "score", args: [dossier, { compact: true }] },
      { name: "sample county: prepared, compact moves", call: "slider", args: [dossier] },
      ...goldenCalls(),
    ];
    for (const c of calls.filter((c) => c.call === "score" && c.args.length === 1))
      calls.push({ name: `${c.name} (compact)`, call: "score", args: [c.args[0], { compact: true }] });
    assert.ok(calls.length > 10, `only ${calls.length} calls`);

    const page = await env.open("/tests/fixtures/baseline.html");
    const mvp = await runIn(page, "mvp", calls);
    const page2 = await env.open("/tests/fixtures/baseline.html");
    const def = await runIn(page2, "default", calls);

    assert.equal(mvp.build, "mvp");
    assert.match(mvp.url, /\/pingan_mvp\.js$/, "the MVP glue was imported");
    assert.equal(def.build, "default");
    assert.match(def.url, /\/pingan\.js$/);
    assert.equal(mvp.version, def.version);
    assert.equal(mvp.answers.length, calls.length);
    const evaluated = JSON.parse(mvp.answers[0]);
    assert.equal(evaluated.ok, true, "the sample county evaluates");
    // The compact answers carry the full answers' numbers and ids (tests/node/compact.test.mjs holds them
    // to the compact form key for key; here in the browser's glue).
    const brief = (a) => [a.total, a.grade, a.vetoed, a.lines.map((l) => [l.id ?? l.indicator, l.kind, l.points, l.weight ?? null])];
    const s = JSON.parse(def.answers[4]);
    assert.deepEqual(brief(s.compact), brief(s.full));
    assert.equal(s.moves.length, 4);
    for (const [c, f] of s.moves) assert.deepEqual(brief(c), brief(f));
    assert.notEqual(s.moves[0][0].total, s.moves[3][0].total, "the moves moved the total");
    assert.deepEqual(brief(JSON.parse(def.answers[3])), brief(JSON.parse(def.answers[1])), "compact score of the county");
    calls.forEach((c, i) => {
      assert.deepEqual(JSON.parse(mvp.answers[i].startsWith("threw") ? JSON.stringify(mvp.answers[i]) : mvp.answers[i]),
        JSON.parse(def.answers[i].startsWith("threw") ? JSON.stringify(def.answers[i]) : def.answers[i]), c.name);
    });

    // The requests prove which wasm each page fetched.
    assert.ok(page.__log.requests.some((u) => u.endsWith("/pkg/web/pingan_mvp_bg.wasm")), "MVP page fetched the MVP wasm");
    assert.ok(!page.__log.requests.some((u) => u.endsWith("/pkg/web/pingan_bg.wasm")), "MVP page did not fetch the default wasm");

    // Auto: this Chromium has every probed feature, so the default build.
    const auto = await page2.evaluate(async () => {
      const m = await import("/pkg/web/load.js");
      const r = await m.loadPingan();
      return { build: r.build, features: r.features, choose: m.chooseBuild() };
    });
    assert.equal(auto.build, "default");
    assert.equal(auto.choose, "default");
    assert.deepEqual(Object.values(auto.features), Object.values(auto.features).map(() => true));

    // A bad option rejects (never throws synchronously) with a code.
    const bad = await page2.evaluate(async () => {
      const m = await import("/pkg/web/load.js");
      let sync = false;
      let p;
      try { p = m.loadPingan({ build: "nope" }); } catch { sync = true; }
      return p.then(() => ({ sync, code: "resolved" }), (e) => ({ sync, code: e.code, zh: e.zh }));
    });
    assert.deepEqual({ sync: bad.sync, code: bad.code }, { sync: false, code: "bad_option" });

    await env.assertClean(page, assert);
    await env.assertClean(page2, assert);
  } finally {
    await env.close();
  }
});

test("in Chromium, a value nested 100,000 deep is too_deep in both builds, and the engine still answers", async () => {
  const env = await setup();
  try {
    const { county } = await dataPaths();
    const dossier = await readDossier(county);
    const page = await env.open("/tests/fixtures/baseline.html");
    for (const build of ["default", "mvp"]) {
      const r = await page.evaluate(async ({ build, dossier }) => {
        const { loadPingan } = await import("/pkg/web/load.js");
        const { module } = await loadPingan({ build });
        const engine = new module.Engine();
        // The object and the array side by side, 100,000 levels each.
        const [root, list] = [{}, []];
        for (let i = 0, o = root, a = list; i < 100000; i++, o = o.a, a = a[0]) (o.a = {}), a.push([]);
        let premise = "stringify walked it";
        try { JSON.stringify(root); } catch (e) { premise = e.name; }
        const first = (x) => x.ok ? "ok" : `${x.errors[0].code} ${x.errors[0].path}`;
        return {
          premise,
          answers: [
            first(engine.score(root)),
            first(engine.validate("dossier", list)),
            first(engine.evaluate(dossier, root)),
            first(engine.evaluateMany([dossier, list]).results[1]),
          ],
          after: engine.evaluate(dossier).ok,
        };
      }, { build, dossier });
      // Whether this Chromium's JSON.stringify throws a RangeError at this depth (Node 20's does) or walks
      // it and hands over the text, the answer is the same.
      assert.deepEqual(r.answers, ["too_deep ", "too_deep ", "too_deep /options", "too_deep "], `${build} (stringify: ${r.premise})`);
      assert.equal(r.after, true, `${build}: the engine answers the county afterwards`);
    }
    await env.assertClean(page, assert);
  } finally {
    await env.close();
  }
});
