// Issue 2, point 4: engine methods never throw and never trap on any input, however malformed; bad input
// is an `{ ok: false, errors }` answer with JSON Pointer paths, and the same engine keeps answering.
import test from "node:test";
import assert from "node:assert/strict";
import { pingan, assertFailed, assertIssue, brief, fixture } from "./lib/pingan.mjs";
import { allPointers, applyPatch, getPointer, deepEqual } from "./lib/json.mjs";

const { Engine, checkPolicy } = pingan;

const DOSSIER = fixture("full-dossier");
const MINIMAL = { as_of: "2025-12-31", year: 2025, unit: { id: "U1", name: "某区委政法委", kind: "party" } };

function deepArray(depth) {
  let v = [];
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}
function deepObject(depth) {
  let v = {};
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}
function cyclic() {
  const o = { as_of: "2025-12-31", year: 2025, unit: { id: "U", kind: "party" } };
  o.unit.self = o;
  return o;
}

/** Named garbage values: built lazily so a failure names the culprit. */
const GARBAGE = [
  ["null", () => null],
  ["undefined", () => undefined],
  ["0", () => 0],
  ["-1", () => -1],
  ["3.14", () => 3.14],
  ["NaN", () => NaN],
  ["Infinity", () => Infinity],
  ["true", () => true],
  ["empty string", () => ""],
  ["a string", () => "garbage"],
  ["JSON text of a dossier (a string, not an object)", () => JSON.stringify(MINIMAL)],
  ["broken JSON text", () => '{"as_of":'],
  ["empty object", () => ({})],
  ["empty array", () => []],
  ["array of nulls", () => [null, null]],
  ["5,000-deep nested array", () => deepArray(5000)],
  ["5,000-deep nested object", () => deepObject(5000)],
  ["10 MB string", () => "x".repeat(10 * 1024 * 1024)],
  ["object with a 10 MB field", () => ({ ...MINIMAL, unit: { ...MINIMAL.unit, name: "名".repeat(10 * 1024 * 1024 / 3) } })],
  ["object with a cycle", cyclic],
  ["BigInt", () => 10n],
  ["object holding a BigInt", () => ({ ...MINIMAL, year: 2025n })],
  ["Symbol", () => Symbol("x")],
  ["function", () => () => 1],
  ["Date object", () => new Date(0)],
  ["Map", () => new Map([["as_of", "2025-12-31"]])],
  ["toJSON that throws", () => ({ toJSON() { throw new Error("boom"); } })],
  ["getter that throws", () => Object.defineProperty({}, "as_of", { enumerable: true, get() { throw new Error("boom"); } })],
  ["Proxy that throws", () => new Proxy({}, { ownKeys() { throw new Error("boom"); } })],
  ["array of 20,000 empty objects", () => Array.from({ length: 20000 }, () => ({}))],
  ["__proto__ key", () => JSON.parse('{"__proto__": {"as_of": "2025-12-31"}, "year": 2025}')],
  ["number keys and lone surrogates", () => ({ 1: "\ud800", as_of: "\udfff", year: 2025, unit: { id: "\ud800", kind: "party" } })],
];

/**
 * Every engine method with the positions of its arguments, and valid values for the other positions
 * (so each garbage value is tried alone in each position).
 */
const METHODS = [
  ["validate", ["dossier", MINIMAL]],
  ["evaluate", [MINIMAL]],
  ["evaluateMany", [[MINIMAL]]],
  ["score", [MINIMAL]],
  ["whatIf", [MINIMAL, [{ op: "replace", path: "/year", value: 2025 }]]],
  ["toReach", [MINIMAL, "excellent"]],
  ["eligibility", [MINIMAL, "U1", "2025-12-31"]],
];

/** Call without letting anything escape; a throw or a trap is a test failure with the culprit named. */
function call(engine, method, args, label) {
  let r;
  try {
    r = method === "checkPolicy" ? checkPolicy(...args) : engine[method](...args);
  } catch (e) {
    assert.fail(`${label} threw ${e?.name}: ${e?.message}`);
  }
  return r;
}

/** The answers a sound engine gives to valid calls: compared before and after the garbage. */
function probe(engine) {
  return {
    validate: engine.validate("dossier", DOSSIER),
    score: engine.score(DOSSIER),
    evaluate: engine.evaluate(DOSSIER),
  };
}

function assertStillSound(engine, baseline, after) {
  const now = probe(engine);
  for (const k of Object.keys(baseline)) {
    assert.ok(deepEqual(now[k], baseline[k]), `after ${after}, engine.${k}(valid dossier) changed: ${brief(now[k])}`);
  }
  assert.equal(now.validate.ok, true, `after ${after}, the valid dossier must validate: ${brief(now.validate)}`);
}

/**
 * The answer to one garbage argument. validate(kind, …) answers { ok, errors, warnings }: ok:false with
 * errors all the same. Two garbage values are legitimate in one position, and get the answer the
 * contract gives them: whatIf's empty patch changes nothing, and evaluateMany's batch is an array
 * ({ ok: true, results: one Result per dossier, each ok:false here, ranking }).
 */
function assertRejected(method, pos, name, value, r, label) {
  if (method === "whatIf" && pos === 1 && name === "empty array") {
    assert.equal(typeof r?.ok, "boolean", `${label}: ${brief(r)}`);
    return;
  }
  if (method === "evaluateMany" && Array.isArray(value) && r?.ok === true) {
    assert.ok(Array.isArray(r.results) && Array.isArray(r.ranking), `${label}: ${brief(r)}`);
    assert.equal(r.results.length, value.length, `${label}: one result per dossier`);
    r.results.forEach((x, i) => assertFailed(x, `${label}.results[${i}]`));
    return;
  }
  assertFailed(r, label);
}

for (const [method, valid] of [...METHODS, ["checkPolicy", [null]]]) {
  const positions = method === "validate" ? [0, 1] : method === "checkPolicy" ? [0] : valid.map((_, i) => i);
  test(`garbage through ${method}() never throws, answers ok:false, and the engine keeps answering`, () => {
    const engine = new Engine();
    const baseline = probe(new Engine());
    for (const pos of positions) {
      for (const [name, make] of GARBAGE) {
        const args = [...valid];
        args[pos] = make();
        const label = `${method}(arg ${pos} = ${name})`;
        const r = call(engine, method, args, label);
        assertRejected(method, pos, name, args[pos], r, label);
      }
      // A call with the argument missing altogether.
      if (pos === valid.length - 1 && method !== "checkPolicy") {
        const label = `${method}() with its last argument missing`;
        assertFailed(call(engine, method, valid.slice(0, pos), label), label);
      }
    }
    assertStillSound(engine, baseline, `garbage through ${method}`);
  });
}

/** Values of the wrong JSON type for a field that holds `v`. */
function wrongTypes(v) {
  if (typeof v === "string") return [42, { s: v }, [v]];
  if (typeof v === "number") return [String(v), { n: v }, true];
  if (typeof v === "boolean") return [v ? "yes" : "no", 1, [v]];
  if (Array.isArray(v)) return ["x", { 0: v[0] ?? null }, 7];
  if (v !== null && typeof v === "object") return ["x", [v], 7];
  return [];
}

/** Does an error at `path` concern the field at `pointer`? (the field, inside it, or its record) */
function related(path, pointer) {
  const strip = (p) => p.replace(/^\/0(?=\/|$)/, "");
  for (const p of [path, strip(path)]) {
    if (p === pointer || p.startsWith(pointer + "/")) return true;
    if (p !== "" && pointer.startsWith(p + "/") && pointer.slice(p.length).split("/").length <= 2) return true;
  }
  return false;
}

// Free-text fields (names, reasons, posts) accept any string, but never a number or an object; an
// indicator input is a number or "n/a", so a numeric string is wrong there too.
const DOSSIER_POINTERS = allPointers(DOSSIER);

test("the example dossier has fields to corrupt", () => {
  assert.ok(DOSSIER_POINTERS.length > 100, `${DOSSIER_POINTERS.length} pointers`);
});

for (const [method, valid] of METHODS) {
  test(`wrong types in every field of a dossier through ${method}() answer ok:false at the field's pointer`, () => {
    const engine = new Engine();
    const baseline = probe(new Engine());
    const failures = [];
    let calls = 0;
    for (const pointer of DOSSIER_POINTERS) {
      for (const wrong of wrongTypes(getPointer(DOSSIER, pointer))) {
        const bad = applyPatch(DOSSIER, [{ op: "replace", path: pointer, value: wrong }]);
        const args = [...valid];
        args[method === "validate" ? 1 : 0] = method === "evaluateMany" ? [bad] : bad;
        const label = `${method}(dossier with ${pointer} = ${brief(wrong, 60)})`;
        const r = call(engine, method, args, label);
        calls++;
        // evaluateMany answers ok:true with one Result per dossier; either level may carry the errors.
        const answer = method === "evaluateMany" && r?.ok === true && Array.isArray(r.results) ? r.results[0] : r;
        try {
          assertFailed(answer, label);
          assert.ok(
            answer.errors.some((e) => related(e.path, pointer)),
            `${label}: no error at ${pointer}: ${brief(answer.errors.map((e) => `${e.code}@${e.path}`))}`,
          );
        } catch (e) {
          failures.push(e.message.split("\n")[0]);
        }
      }
    }
    assert.ok(calls > 300, `${calls} calls`);
    assert.deepEqual(failures.slice(0, 15), [], `${failures.length} of ${calls} corrupted dossiers were not reported (first 15 shown)`);
    assertStillSound(engine, baseline, `wrong-typed dossiers through ${method}`);
  });
}

test("whatIf: a patch that makes the dossier wrong answers ok:false", () => {
  const engine = new Engine();
  for (const patch of [
    [{ op: "replace", path: "/year", value: "2025" }],
    [{ op: "replace", path: "/unit/kind", value: 7 }],
    [{ op: "add", path: "/incidents/-", value: { id: "I9", date: "2025-02-30", category: "criminal_case", severity: "major" } }],
    [{ op: "remove", path: "/nope" }],
    [{ op: "frobnicate", path: "/year" }],
    [{ op: "replace", path: "year", value: 2024 }],
    [{ op: "test", path: "/year", value: 1999 }],
    Array.from({ length: 100000 }, () => ({ op: "replace", path: "/year", value: 2025 })),
  ]) {
    const r = call(engine, "whatIf", [DOSSIER, patch], `whatIf(${brief(patch, 80)})`);
    assertFailed(r, `whatIf(${brief(patch, 80)})`);
  }
});

test("Issue shape of every error answered to garbage", () => {
  const r = new Engine().evaluate({ as_of: "2025-13-45", year: "x", unit: 5 });
  assertFailed(r);
  for (const e of r.errors) assertIssue(e);
});
