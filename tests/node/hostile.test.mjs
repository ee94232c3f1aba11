// Hostile inputs (issue 12), through pkg/node: every reproducer class of the issue answers a Result
// (`ok: true`, or `ok: false` with a code and a JSON Pointer) — never a trap, a throw, `null` or a hang
// — and each is followed by a valid call on the same engine and on a new engine that must still answer
// exactly as before. Wasm memory (memoryBytes) stays under 256 MiB, 1 GiB once the 5,000-item
// dossiers have run (memory only grows, so the order of the tests matters). No wall-clock assertions:
// timing is `make bench` (bench/run.mjs --worst); the runner's timeout is only a hang guard.
import { test } from "node:test";
import assert from "node:assert/strict";
import { pingan, assertIssue } from "./lib/pingan.mjs";
import * as H from "./lib/hostile.mjs";

const MiB = 1024 * 1024;
const reference = new pingan.Engine();
const county = H.county();
const expected = JSON.stringify(reference.evaluate(county));
assert.equal(JSON.parse(expected).ok, true, "the reference county evaluates");

/** A Result envelope: ok true, or ok false with well-formed errors (code, pointer, zh/en). */
function assertResult(r, what) {
  assert.ok(r !== null && typeof r === "object", `${what}: a Result object, got ${String(r)}`);
  assert.equal(typeof r.ok, "boolean", `${what}: ok is boolean`);
  if (!r.ok) {
    assert.ok(Array.isArray(r.errors) && r.errors.length > 0, `${what}: ok:false carries errors`);
    r.errors.forEach((e, i) => assertIssue(e, `${what}.errors[${i}]`));
  }
  return r;
}
function assertRefused(r, code, path, what) {
  assertResult(r, what);
  assert.equal(r.ok, false, `${what}: refused (${JSON.stringify(r).slice(0, 300)})`);
  const hit = r.errors.find((e) => e.code === code && (path === undefined || e.path === path));
  assert.ok(hit, `${what}: ${code} at ${path}, got ${JSON.stringify(r.errors).slice(0, 400)}`);
}
/** The module still answers: the same engine and a new one give the reference answer. */
function stillAnswers(engine, bound, what) {
  assert.equal(JSON.stringify(engine.evaluate(county)), expected, `${what}: the same engine answers as before`);
  const fresh = new pingan.Engine();
  assert.equal(JSON.stringify(fresh.evaluate(county)), expected, `${what}: a new engine answers as before`);
  fresh.free();
  assert.equal(pingan.version().crate, "0.1.0", `${what}: version() answers`);
  assert.ok(pingan.memoryBytes() < bound, `${what}: wasm memory ${pingan.memoryBytes() / MiB} MiB < ${bound / MiB} MiB`);
}

test("whatIf: copies that double the depth stop at the depth limit, on the engine and a prepared handle", () => {
  const e = new pingan.Engine();
  for (let round = 0; round < 3; round++) {
    assertRefused(e.whatIf(H.deepCopyDossier(), H.deepCopyPatch()), "too_deep", "/patch/4", `round ${round}`);
  }
  const p = e.prepare(H.deepCopyDossier());
  assert.equal(p.ok, true);
  for (let round = 0; round < 3; round++) {
    assertRefused(p.whatIf(H.deepCopyPatch()), "too_deep", "/patch/4", `prepared round ${round}`);
  }
  assertResult(p.whatIf(H.deepCopyPatch(4)), "four doubling copies fit");
  p.free();
  stillAnswers(e, 256 * MiB, "deep copies");
  e.free();
});

test("whatIf: copying a 3.9 MB dossier into itself stops at the size limit", () => {
  const e = new pingan.Engine();
  assertRefused(e.whatIf(H.amplifyDossier(), H.amplifyPatch()), "input_too_large", "/patch/0", "11 whole-document copies");
  const small = H.amplifyDossier(1 << 20);
  const ops = Array.from({ length: 4 }, (_, n) => ({ op: "copy", from: "/junk", path: `/c${n}` }));
  assertRefused(e.whatIf(small, ops), "input_too_large", "/patch/2", "a 1 MiB field copied past 4 MiB");
  stillAnswers(e, 256 * MiB, "copy amplification");
});

test("the JSON-text entry points answer wrong_type for every non-string, and never copy it in", () => {
  const e = new pingan.Engine();
  for (const [what, v] of H.nonStrings()) {
    for (const m of ["evaluateJson", "scoreJson"]) {
      const before = pingan.memoryBytes();
      const text = e[m](v);
      assert.equal(typeof text, "string", `${m}(${what}) answers text`);
      assertRefused(JSON.parse(text), "wrong_type", "", `${m}(${what})`);
      assert.equal(pingan.memoryBytes(), before, `${m}(${what}) leaves memory where it was`);
    }
  }
  stillAnswers(e, 256 * MiB, "non-strings");
});

test("a 50 MB string or typed array is refused before it is copied into wasm", () => {
  const e = new pingan.Engine();
  const huge = " ".repeat(50_000_000);
  const typed = new Uint8Array(50_000_000);
  const before = pingan.memoryBytes();
  assertRefused(JSON.parse(e.evaluateJson(huge)), "input_too_large", "", "evaluateJson(50 MB)");
  assertRefused(JSON.parse(e.scoreJson(huge)), "input_too_large", "", "scoreJson(50 MB)");
  assertRefused(e.evaluate(huge), "input_too_large", "", "evaluate(50 MB string)");
  assertRefused(e.validate("dossier", huge), "input_too_large", "", "validate(50 MB string)");
  assertRefused(JSON.parse(e.evaluateJson(typed)), "wrong_type", "", "evaluateJson(typed array)");
  assertRefused(e.schema ? e.schema(huge) : pingan.schema(huge), "too_long", "", "schema(50 MB kind)");
  assert.equal(pingan.memoryBytes(), before, "failed calls leave memory where it was");
  stillAnswers(e, 256 * MiB, "huge text");
});

test("evaluateMany: the per-dossier limit applies to every item, and a non-JSON item fails only itself", () => {
  const e = new pingan.Engine();
  const big = { ...H.county(), junk: "a".repeat(10_000_000) };
  const items = [county, big, ...H.nonJsonItems().map(([, v]) => v), county, undefined, () => 1];
  const r = assertResult(e.evaluateMany(items), "mixed batch");
  assert.equal(r.ok, true);
  assert.deepEqual(r.results.map((x) => x.ok), [true, false, false, false, false, true, false, false]);
  assertRefused(r.results[1], "input_too_large", "", "the 10 MB item");
  for (const i of [2, 3, 4, 6, 7]) assertRefused(r.results[i], "not_json", "", `item ${i}`);
  assert.equal(r.ranking.length, 2);
  assertRefused(e.evaluateMany("not an array"), "wrong_type", "", "a string batch");
  assertRefused(e.evaluateMany({ length: 3 }), "wrong_type", "", "an array-like");
  stillAnswers(e, 256 * MiB, "batches");
});

test("a value nested deeper than JSON.stringify can walk is too_deep, like the same nesting given as text", () => {
  const e = new pingan.Engine();
  // 100,000 levels: Node 20's JSON.stringify throws a RangeError (its stack runs out) long before that.
  const { obj, list } = H.nestedValues(100_000);
  assert.throws(() => JSON.stringify(obj), RangeError, "the premise: stringify cannot walk it");
  for (const [what, v] of [["an object", obj], ["an array", list]]) {
    assertRefused(e.validate("dossier", v), "too_deep", "", `validate(${what})`);
    assertRefused(e.score(v), "too_deep", "", `score(${what})`);
    assertRefused(e.evaluate(v), "too_deep", "", `evaluate(${what})`);
    assertRefused(e.evaluate(county, v), "too_deep", "/options", `evaluate(county, ${what} as options)`);
    const r = assertResult(e.evaluateMany([county, v]), `evaluateMany with ${what}`);
    assert.equal(r.results[0].ok, true);
    assertRefused(r.results[1], "too_deep", "", `evaluateMany item (${what})`);
  }
  // The other failures of stringify stay not_json (a BigInt, a cycle, a throwing toJSON), and what a
  // toJSON throws is only looked at, never trusted: getters that throw, a Proxy, a primitive.
  for (const [what, v] of H.nonJsonItems()) assertRefused(e.score(v), "not_json", "", what);
  const hostileThrows = [
    Object.defineProperty(new Error("x"), "name", { get() { throw new Error("name getter"); } }),
    new Proxy({}, { get() { throw new Error("get trap"); }, getPrototypeOf() { throw new Error("proto trap"); } }),
    42,
    undefined,
  ];
  for (const [i, thrown] of hostileThrows.entries()) {
    const v = { toJSON() { throw thrown; } };
    assertRefused(e.score(v), "not_json", "", `toJSON throwing hostile value ${i}`);
    assertRefused(e.validate("dossier", v), "not_json", "", `validate, hostile value ${i}`);
  }
  stillAnswers(e, 256 * MiB, "deep values");
});

test("a revoked Proxy or one whose traps throw, given to any entry point, is refused and locks nothing", () => {
  const e = new pingan.Engine();
  const { proxy: revoked, revoke } = Proxy.revocable({}, {});
  revoke();
  const boom = () => { throw new Error("trap"); };
  const traps = { get: boom, has: boom, ownKeys: boom, getOwnPropertyDescriptor: boom, getPrototypeOf: boom };
  const hostile = [["a revoked Proxy", revoked], ["a trapping Proxy", new Proxy({}, traps)], ["a trapping array Proxy", new Proxy([county], traps)]];
  for (const [what, v] of hostile) {
    const calls = {
      score: () => e.score(v), "score options": () => e.score(county, v), evaluate: () => e.evaluate(v),
      "evaluate options": () => e.evaluate(county, v), validate: () => e.validate("dossier", v),
      evaluateMany: () => e.evaluateMany(v), "evaluateMany item": () => e.evaluateMany([county, v]),
      whatIf: () => e.whatIf(county, v), toReach: () => e.toReach(v, "excellent"),
      eligibility: () => e.eligibility(v, "L1", "2025-06-30"), fromTable: () => e.fromTable(v, { year: 2025, as_of: "2025-12-31" }),
      reform: () => e.reform(v, v), checkPolicy: () => pingan.checkPolicy(v), configure: () => e.configure(v),
      evaluateJson: () => JSON.parse(e.evaluateJson(v)), scoreJson: () => JSON.parse(e.scoreJson(v)),
    };
    for (const [name, call] of Object.entries(calls)) {
      let r;
      assert.doesNotThrow(() => (r = call()), `${name}(${what}) answers, never throws`);
      assertResult(r, `${name}(${what})`);
    }
    const many = e.evaluateMany([county, v]);
    assert.equal(many.results[0].ok, true, `evaluateMany: the good item beside ${what} is evaluated`);
    // The engine's borrow was released every time: a &mut call still works.
    assert.equal(e.configure({}).ok, true, `configure after ${what}`);
  }
  stillAnswers(e, 256 * MiB, "hostile proxies");
});

test("smaller breaks: whole numbers, pointer escaping, schema, lone surrogates", () => {
  const e = new pingan.Engine();
  const text = JSON.stringify(H.countyMin());
  for (const y of ["2025.0", "2.025e3", "20250e-1"]) {
    const r = assertResult(JSON.parse(e.evaluateJson(text.replace('"year":2025', `"year":${y}`))), y);
    assert.equal(r.ok, true, `${y} reads as 2025 (${JSON.stringify(r.errors)})`);
    assert.equal(r.year, 2025);
  }
  const pack = H.defaultPolicy();
  const ind = pack.scheme.indicators.find((i) => i.kind === "result");
  const old = ind.id;
  ind.id = "a/b~c";
  const custom = new pingan.Engine(pack);
  const d = H.county();
  delete d.assessment.indicators[old];
  assertRefused(custom.evaluate(d), "required", "/assessment/indicators/a~1b~0c", "an indicator id with / and ~");
  custom.free();
  assertRefused(pingan.schema("nope"), "unknown_kind", "", "schema(nope)");
  assertRefused(pingan.schema(42), "unknown_kind", "", "schema(42)");
  const m = H.countyMin();
  m.unit.name = "西湖\ud800区";
  assertRefused(e.evaluate(m), "lone_surrogate", "/unit/name", "a lone surrogate in the unit's name");
  const r = e.evaluate(m);
  assert.match(r.errors[0].message.zh, /name/);
  stillAnswers(e, 256 * MiB, "small breaks");
});

test("use after free throws a clear zh/en Error naming the freed object", () => {
  const e = new pingan.Engine();
  const p = e.prepare(county);
  p.free();
  assert.throws(() => p.score(), (err) => err instanceof Error && /PreparedDossier/.test(err.message) && /释放/.test(err.message) && /freed/.test(err.message));
  e.free();
  for (const call of [() => e.evaluate(county), () => e.evaluateJson("{}"), () => e.policy(), () => e.whatIf(county, [])]) {
    assert.throws(call, (err) => err instanceof Error && /Engine/.test(err.message) && /释放/.test(err.message) && /freed/.test(err.message));
  }
  assert.doesNotThrow(() => e.free(), "a second free() is harmless");
  stillAnswers(reference, 256 * MiB, "use after free");
});

test("a pack with 100,000 plan working days and 1,000 holidays answers 1,000 interviews", () => {
  const pack = H.slowPack();
  assert.equal(pingan.checkPolicy(pack).ok, true, "checkPolicy accepts the pack");
  const e = new pingan.Engine(pack);
  const r = assertResult(e.evaluate(H.interviewDossier()), "1,000 interviews");
  assert.equal(r.ok, true);
  const interview = r.accountability.cases[0].steps.find((s) => s.measure === "interview");
  assert.ok(interview && interview.plan_due > "2300", `plan due far ahead: ${interview && interview.plan_due}`);
  e.free();
  stillAnswers(reference, 256 * MiB, "working days");
});

test("5,000-item dossiers: the duty matrix storm and the bar storm answer Results, never null", () => {
  const e = new pingan.Engine();
  const duty = assertResult(e.evaluate(H.dutyStorm()), "1,000 leaders × 200 incidents × 5,000 activities");
  assert.ok(duty.ok === true || duty.errors.some((x) => x.code === "answer_too_large"));
  stillAnswers(e, 1024 * MiB, "duty storm");
  for (const leaders of [50, 100]) {
    const r = assertResult(e.evaluate(H.barStorm(leaders, 5000)), `${leaders} principals × 5,000 serious disorders`);
    if (!r.ok) assertRefused(r, "answer_too_large", "", `${leaders} principals`);
    const t = e.evaluateJson(JSON.stringify(H.barStorm(leaders, 5000)));
    assertResult(JSON.parse(t), `evaluateJson, ${leaders} principals`);
    stillAnswers(e, 1024 * MiB, `bar storm ${leaders}`);
  }
  const few = assertResult(e.evaluate(H.barStorm(2, 5000)), "2 principals × 5,000");
  assert.equal(few.ok, true);
  assert.equal(few.accountability.bars.length, 10, "bars merged: one per subject, kind and measure");
  const batch = Array.from({ length: 1000 }, () => H.barStorm(10, 100));
  const many = assertResult(e.evaluateMany(batch), "1,000 bar-storm dossiers");
  assert.equal(many.results.length, 1000);
  many.results.forEach((x, i) => {
    assertResult(x, `item ${i}`);
    if (!x.ok) assertRefused(x, "answer_too_large", "", `item ${i}`);
  });
  stillAnswers(e, 1024 * MiB, "batch of storms");
});
