// Issue 15 item 6: the hot answers (`evaluate`, `score`, `whatIf`, a prepared handle's `score`,
// `scoreWith` and `whatIf`) leave the module as a tape that the glue makes into the object
// (src/tape.rs, src/compact.js `pinganTape`) instead of JSON text and `JSON.parse`. Each object must be
// the one JSON.parse makes of the same call's text answer: the same values (-0 included), the same keys
// in the same order, own `__proto__` keys, and the words the module sends once holding across answers,
// engines, packs and the word table's cap.
import test from "node:test";
import assert from "node:assert/strict";
import { pingan } from "./lib/pingan.mjs";
import { generateDossiers } from "../../scripts/gen-data.mjs";

/** `got` is `JSON.parse(text)`, to the key order and the sign of zero. */
function same(got, text, what) {
  const want = JSON.parse(text);
  assert.deepStrictEqual(got, want, what);
  assert.equal(JSON.stringify(got), JSON.stringify(want), `${what}: key order`);
}

const dossiers = [...generateDossiers(60, 7), ...generateDossiers(40, 11, { rare: 4, naRate: 0.5, omitLeadership: 0.8 })];
// Every tenth has an indicator the scheme does not know: a warning.
dossiers.forEach((d, i) => {
  if (i % 10 === 3) d.assessment.indicators.not_in_the_scheme = 50;
});
const PATCH = [{ op: "replace", path: "/assessment/indicators/satisfaction", value: 91.5 }];

test("evaluate, score and whatIf objects are JSON.parse of the text answers, on 100 dossiers", () => {
  const e = new pingan.Engine();
  let vetoed = 0;
  let warned = 0;
  for (const d of dossiers) {
    const text = JSON.stringify(d);
    const r = e.evaluate(d);
    same(r, e.evaluateJson(text), d.unit.id);
    const s = e.score(d);
    same(s, e.scoreJson(text), d.unit.id);
    vetoed += s.vetoed ? 1 : 0;
    warned += s.warnings.length ? 1 : 0;
    // whatIf has no text twin: its reports are evaluate's of the dossier before and after
    const w = e.whatIf(d, PATCH);
    assert.equal(w.ok, true, JSON.stringify(w.errors));
    const after = structuredClone(d);
    after.assessment.indicators.satisfaction = 91.5;
    const { ok: _a, warnings: _b, ...before } = JSON.parse(e.evaluateJson(text));
    assert.deepStrictEqual(w.before, before, `${d.unit.id}: whatIf before`);
    assert.equal(w.after.assessment.total, e.evaluate(after).assessment.total, `${d.unit.id}: whatIf after`);
  }
  assert.ok(vetoed > 0 && warned > 0, `vetoes ${vetoed}, warnings ${warned}`);
});

test("a prepared handle's score, scoreWith and whatIf objects match the engine's text answers", () => {
  const e = new pingan.Engine();
  for (const d of dossiers.slice(0, 30)) {
    const h = e.prepare(d);
    assert.equal(h.ok, true);
    same(h.score(), e.scoreJson(JSON.stringify(d)), d.unit.id);
    for (const v of [0, 55.55, 100, "n/a", -1]) {
      const got = h.scoreWith("satisfaction", v);
      const moved = structuredClone(d);
      moved.assessment.indicators.satisfaction = v;
      const want = JSON.parse(e.scoreJson(JSON.stringify(moved)));
      if (want.ok) assert.deepStrictEqual({ ...got, warnings: [] }, { ...want, warnings: [] }, `${d.unit.id} ${v}`);
      else assert.equal(got.ok, false, `${d.unit.id} ${v}`);
    }
    assert.equal(h.whatIf(PATCH).ok, true);
    h.free();
  }
});

/** Every object in `v` (walked without recursion) has the plain prototype: no key set one. */
function plainPrototypes(v) {
  const todo = [v];
  let n = 0;
  while (todo.length) {
    const x = todo.pop();
    if (x === null || typeof x !== "object") continue;
    n++;
    if (!Array.isArray(x)) assert.equal(Object.getPrototypeOf(x), Object.prototype);
    for (const k of Object.keys(x)) todo.push(x[k]);
  }
  return n;
}

test("hostile texts and keys arrive as JSON.parse makes them", () => {
  const e = new pingan.Engine();
  const d = structuredClone(dossiers[0]);
  d.unit.name = '"引号"\\反斜杠\u0001\u001f\u2028😀 __proto__';
  d.leaders[0].name = "constructor";
  // an indicator the scheme does not know, named "__proto__": a warning that cites it
  Object.defineProperty(d.assessment.indicators, "__proto__", { value: 50, enumerable: true });
  const text = JSON.stringify(d);
  const r = e.evaluate(d);
  assert.equal(r.ok, true, JSON.stringify(r.errors));
  assert.equal(r.unit.name, d.unit.name);
  assert.ok(r.warnings.some((w) => w.path === "/assessment/indicators/__proto__"));
  same(r, e.evaluateJson(text), "hostile evaluate");
  same(e.score(d), e.scoreJson(text), "hostile score");
  assert.ok(plainPrototypes(r) > 100);
  // a patch value with an own "__proto__" key, echoed in the changes if anywhere
  const value = JSON.parse('{"__proto__": {"polluted": 1}, "constructor": 2}');
  const w = e.whatIf(d, [{ op: "add", path: "/notes", value }]);
  plainPrototypes(w);
  assert.equal({}.polluted, undefined);
});

test("words hold across engines and packs, past the word table's cap", () => {
  const base = pingan.defaultPolicy();
  const pack = base.policy ?? base;
  const d = dossiers[1];
  const text = JSON.stringify(d);
  // every pack text renamed: ~180 new words per pack, 30 packs pass the 4,096-word cap
  const renamed = (k) =>
    JSON.parse(JSON.stringify(pack), (key, v) => ((key === "zh" || key === "en") && typeof v === "string" ? `${v} ·${k}` : v));
  const engines = [];
  for (let k = 0; k < 30; k++) {
    const e = new pingan.Engine(renamed(k));
    engines.push(e);
    same(e.evaluate(d), e.evaluateJson(text), `pack ${k}`);
  }
  // the first engines' answers, after the table filled, and the default engine's
  for (const e of [engines[0], engines[29], new pingan.Engine()]) {
    same(e.evaluate(d), e.evaluateJson(text), "after the cap");
    same(e.score(d), e.scoreJson(text), "after the cap");
  }
  for (const e of engines) e.free();
});
