// Contract v1 (api.md) entry points as the Node build exposes them.
import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pingan, ROOT, KINDS, assertIssue, assertText, assertFailed, brief, fixture } from "./lib/pingan.mjs";

const { Engine, checkPolicy, defaultPolicy, schema, version } = pingan;
const cargoVersion = readFileSync(join(ROOT, "Cargo.toml"), "utf8").match(/^version\s*=\s*"([^"]+)"/m)[1];

test("exports: Engine, checkPolicy, defaultPolicy, schema, version", () => {
  assert.equal(typeof Engine, "function", "Engine is a class");
  for (const f of [checkPolicy, defaultPolicy, schema, version]) assert.equal(typeof f, "function");
  for (const m of ["validate", "evaluate", "evaluateMany", "score", "whatIf", "toReach", "eligibility", "standardSchema"]) {
    assert.equal(typeof Engine.prototype[m], "function", `Engine.prototype.${m}`);
  }
});

test("version() is { crate, policy: { id, title, effective_from } }", () => {
  const v = version();
  assert.equal(v.crate, cargoVersion);
  assert.ok(v.policy && typeof v.policy === "object", brief(v));
  assert.equal(typeof v.policy.id, "string");
  assert.ok(v.policy.title !== undefined && v.policy.title !== null, "policy.title");
  if (typeof v.policy.title === "object") assertText(v.policy.title, "policy.title");
  assert.match(v.policy.effective_from, /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(v.policy.id, defaultPolicy().id, "version names the embedded pack");
});

test("defaultPolicy() is a plain object that round-trips through new Engine(p)", () => {
  const p = defaultPolicy();
  assert.equal(Object.getPrototypeOf(p), Object.prototype);
  assert.deepEqual(JSON.parse(JSON.stringify(p)), p, "plain JSON data");
  assert.notEqual(defaultPolicy(), p, "a fresh object each call");
  const e = new Engine(p);
  assert.ok(e instanceof Engine);
  assert.ok(new Engine() instanceof Engine, "new Engine() uses the embedded pack");
  assert.ok(new Engine(undefined) instanceof Engine);
  if (typeof e.policy === "function") assert.deepEqual(e.policy(), p, "engine.policy() is the pack it was given");
});

test("checkPolicy(defaultPolicy()) is ok with { policy, warnings }", () => {
  const r = checkPolicy(defaultPolicy());
  assert.equal(r.ok, true, brief(r));
  assert.ok(r.policy && typeof r.policy === "object");
  assert.ok(Array.isArray(r.warnings));
  r.warnings.forEach((w, i) => assertIssue(w, `warnings[${i}]`));
});

test("checkPolicy({bad:1}) lists the problems and does not throw", () => {
  assertFailed(checkPolicy({ bad: 1 }));
});

test("new Engine({bad:1}) throws an Error whose .errors are Issues", () => {
  let thrown;
  try {
    new Engine({ bad: 1 });
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown instanceof Error, `expected an Error, got ${brief(thrown)}`);
  assert.ok(Array.isArray(thrown.errors) && thrown.errors.length > 0, `.errors: ${brief(thrown.errors)}`);
  thrown.errors.forEach((e, i) => assertIssue(e, `errors[${i}]`));
  assert.ok(thrown.errors.some((e) => e.severity === "error"));
});

test("new Engine(garbage) throws an Error with .errors for every kind of garbage", () => {
  for (const bad of [42, "zj-lrs", [], true, { ...defaultPolicy(), scheme: 7 }, 10n]) {
    let thrown;
    try {
      new Engine(bad);
    } catch (e) {
      thrown = e;
    }
    assert.ok(thrown instanceof Error, `new Engine(${brief(bad)}) did not throw an Error`);
    assert.ok(Array.isArray(thrown.errors) && thrown.errors.length > 0, `new Engine(${brief(bad)}).errors`);
  }
});

test("schema(kind) is a draft 2020-12 JSON Schema for every kind", () => {
  for (const kind of KINDS) {
    const s = schema(kind);
    assert.ok(s && typeof s === "object" && !Array.isArray(s), `schema(${kind}): ${brief(s)}`);
    assert.match(String(s.$schema), /2020-12/, `schema(${kind}).$schema`);
  }
});

test("schema(unknown) answers without throwing", () => {
  for (const k of ["nope", undefined, null, 5, {}]) assert.doesNotThrow(() => schema(k));
});

test("engine.validate answers { ok, errors, warnings }", () => {
  const e = new Engine();
  const r = e.validate("dossier", { as_of: "2025-12-31", year: 2025, unit: { id: "U1", kind: "party" } });
  assert.equal(typeof r.ok, "boolean");
  assert.ok(Array.isArray(r.errors) && Array.isArray(r.warnings), brief(r));
  assert.equal(r.ok, true, `a minimal dossier is valid: ${brief(r)}`);
});

test("the full example dossier (tests/node/fixtures/full-dossier.json) is valid", () => {
  const r = new Engine().validate("dossier", fixture("full-dossier"));
  assert.deepEqual(r.errors, [], brief(r));
  assert.equal(r.ok, true);
});

test("engine.validate reports a bad date at its JSON Pointer", () => {
  const r = new Engine().validate("incident", { id: "I1", date: "2025-02-30", category: "criminal_case", severity: "major" });
  assert.equal(r.ok, false);
  r.errors.forEach((x, i) => assertIssue(x, `errors[${i}]`));
  assert.ok(r.errors.some((x) => x.code === "bad_date" && x.path === "/date"), brief(r));
});

test("engine.standardSchema(kind) implements Standard Schema v1", () => {
  const s = new Engine().standardSchema("incident");
  const std = s["~standard"];
  assert.equal(std.version, 1);
  assert.equal(typeof std.vendor, "string");
  assert.equal(typeof std.validate, "function");
  const good = { id: "I1", date: "2025-02-28", category: "criminal_case", severity: "major" };
  assert.deepEqual(std.validate(good), { value: good });
  const bad = std.validate({ ...good, date: "2025-02-30" });
  assert.ok(Array.isArray(bad.issues) && bad.issues.length > 0, brief(bad));
  assert.ok(bad.issues.every((i) => typeof i.message === "string" && Array.isArray(i.path)));
  assert.deepEqual(bad.issues[0].path, ["date"]);
});

test("engine.score / evaluate answer the Result envelope on the example dossier", () => {
  const e = new Engine();
  const d = fixture("full-dossier");
  const s = e.score(d);
  assert.equal(s.ok, true, brief(s));
  assert.ok(Array.isArray(s.warnings));
  for (const k of ["total", "base", "bonus", "deductions", "grade", "vetoed", "lines"]) assert.ok(k in s, `score().${k}`);
  const r = e.evaluate(d);
  assert.equal(r.ok, true, brief(r));
  for (const k of ["unit", "applicability", "duties", "findings", "assessment", "accountability", "rewards"]) {
    assert.ok(k in r, `evaluate().${k}`);
  }
  assert.deepEqual(r.assessment.total, s.total, "evaluate and score agree on the total");
});
