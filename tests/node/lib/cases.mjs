// The tests/cases runner's machinery (see cases.test.mjs for the format): load fixtures, run a case's
// call, check its expectations.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pingan, ROOT, brief } from "./pingan.mjs";
import { applyPatch, deepEqual, expandFixtures, getPointer, hasPointer, partialMatch, parsePointer } from "./json.mjs";

export const CASES = join(ROOT, "tests", "cases");
const FIXTURES = join(CASES, "fixtures");

/** Module-level functions; every other call is an Engine method. */
const MODULE_CALLS = new Set(["checkPolicy", "schema", "version", "defaultPolicy"]);
const ENGINE_CALLS = new Set(["score", "evaluate", "validate", "whatIf", "toReach", "eligibility", "evaluateMany", "standardSchema", "tableTemplate", "fromTable", "reform"]);
export const CASE_KEYS = new Set(["name", "call", "policy_patch", "args", "expect", "includes", "excludes"]);

const fixtureCache = new Map();
export function loadFixture(name) {
  if (typeof name !== "string" || !/^[A-Za-z0-9_.-]+$/.test(name) || name.includes("..")) {
    throw new Error(`bad $fixture name ${JSON.stringify(name)}`);
  }
  if (!fixtureCache.has(name)) {
    const file = join(FIXTURES, name + ".json");
    if (!existsSync(file)) throw new Error(`fixture ${name}: ${file} does not exist`);
    fixtureCache.set(name, JSON.parse(readFileSync(file, "utf8")));
  }
  return structuredClone(fixtureCache.get(name));
}

export function makeEngine(c) {
  if (c.policy_patch === undefined) return new pingan.Engine();
  const policy = applyPatch(pingan.defaultPolicy(), c.policy_patch);
  try {
    return new pingan.Engine(policy);
  } catch (e) {
    throw new Error(`new Engine(defaultPolicy() + policy_patch) threw: ${e.message} ${brief(e.errors)}`);
  }
}

/** Run one case; returns the method's answer. */
export function runCall(c) {
  const args = expandFixtures(c.args ?? [], loadFixture);
  assert.ok(Array.isArray(args), `"args" must be an array, got ${brief(c.args)}`);
  if (MODULE_CALLS.has(c.call)) return pingan[c.call](...args);
  if (ENGINE_CALLS.has(c.call)) return makeEngine(c)[c.call](...args);
  throw new Error(`unknown "call": ${JSON.stringify(c.call)}`);
}

/** Check a case's expectations against the answer; every failed expectation is listed. */
export function checkExpectations(c, result) {
  const problems = [];
  const at = (pointer) => {
    parsePointer(pointer); // throws on a malformed pointer: a bug in the case file
    return hasPointer(result, pointer) ? { found: true, value: getPointer(result, pointer) } : { found: false };
  };
  for (const [pointer, want] of Object.entries(c.expect ?? {})) {
    const got = at(pointer);
    if (!got.found) problems.push(`expect ${pointer}: nothing there`);
    else if (!deepEqual(got.value, want)) problems.push(`expect ${pointer}: want ${brief(want, 300)}, got ${brief(got.value, 300)}`);
  }
  for (const [pointer, partial] of Object.entries(c.includes ?? {})) {
    const got = at(pointer);
    if (!got.found) problems.push(`includes ${pointer}: nothing there`);
    else if (!partialMatch(got.value, partial)) problems.push(`includes ${pointer}: ${brief(partial, 300)} not in ${brief(got.value, 300)}`);
  }
  for (const [pointer, partials] of Object.entries(c.excludes ?? {})) {
    if (!Array.isArray(partials)) {
      problems.push(`excludes ${pointer}: the value must be an array of partials`);
      continue;
    }
    const got = at(pointer);
    if (!got.found) problems.push(`excludes ${pointer}: nothing there`);
    else if (!Array.isArray(got.value)) problems.push(`excludes ${pointer}: not an array: ${brief(got.value, 200)}`);
    else {
      for (const p of partials) {
        const hit = got.value.find((x) => partialMatch(x, p));
        if (hit !== undefined) problems.push(`excludes ${pointer}: ${brief(p, 200)} matches ${brief(hit, 300)}`);
      }
    }
  }
  return problems;
}

