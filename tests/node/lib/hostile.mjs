// The hostile inputs of issue 12, one builder per reproducer class (tests/node/hostile.test.mjs and
// bench/run.mjs --worst build them here, so the test and the worst-case timings use the same inputs).
import { readFileSync } from "node:fs";

const fixture = (name) => JSON.parse(readFileSync(new URL(`../../cases/fixtures/${name}`, import.meta.url), "utf8"));

/** A small valid county dossier (tests/cases/fixtures/county-min.json). */
export const countyMin = () => fixture("county-min.json");
/** The full county dossier of the golden cases. */
export const county = () => fixture("county.json");
/** The embedded default pack, as a plain object. */
export const defaultPolicy = () => fixture("policy-default.json");

/** whatIf: each copy puts /x into its own innermost object, doubling the depth (4,096 after 12 ops). */
export function deepCopyPatch(ops = 12) {
  return Array.from({ length: ops }, (_, k) => ({ op: "copy", from: "/x", path: "/x".repeat(2 ** k + 1) }));
}
export function deepCopyDossier() {
  return { ...countyMin(), x: {} };
}

/** whatIf: a ~3.9 MB dossier (one long unknown field) and 11 copies of the whole document. */
export function amplifyDossier(bytes = 3_900_000) {
  return { ...countyMin(), junk: "a".repeat(bytes) };
}
export function amplifyPatch(ops = 11) {
  return Array.from({ length: ops }, (_, n) => ({ op: "copy", from: "", path: `/c${n}` }));
}

/** `leaders` principals and `n` serious-disorder inspections in 2025, `as_of` two years on. */
export function barStorm(leaders = 100, n = 5000) {
  const d = countyMin();
  d.as_of = "2027-12-31";
  d.leaders = Array.from({ length: leaders }, (_, i) => ({ id: `L${i}`, role: "principal" }));
  d.inspections = Array.from({ length: n }, (_, i) => ({
    id: `N${i}`,
    date: `2025-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`,
    finding: "serious_disorder",
  }));
  return d;
}

/** The duty matrix's worst case: `leaders` principals leaving on the incident date, `incidents` major
 * incidents on that date and `activities` on-scene activities. */
export function dutyStorm(leaders = 1000, incidents = 200, activities = 5000) {
  const d = countyMin();
  const day = "2025-06-10";
  d.leaders = Array.from({ length: leaders }, (_, i) => ({ id: `L${i}`, role: "principal", until: day }));
  d.incidents = Array.from({ length: incidents }, (_, i) => ({
    id: `I${i}`, date: day, category: "public_safety", severity: "major", locality: d.unit.id,
  }));
  d.activities = Array.from({ length: activities }, (_, i) => ({
    id: `A${i}`, type: "on_scene", date: day, by: `L${i % leaders}`, incident: `I${i % incidents}`,
  }));
  d.as_of = "2025-12-31";
  return d;
}

/** A pack checkPolicy accepts with `plan_due_working_days` 100000 and 1,000 holidays. */
export function slowPack(days = 100_000, holidays = 1000) {
  const p = defaultPolicy();
  p.parameters.plan_due_working_days.value = days;
  const start = Date.UTC(2025, 0, 1);
  p.holidays = Array.from({ length: holidays }, (_, i) => new Date(start + i * 86_400_000 * 3).toISOString().slice(0, 10));
  return p;
}
/** 1,000 inspections that each reach the interview (rung 2) by as_of. */
export function interviewDossier(n = 1000) {
  const d = barStorm(3, n);
  d.as_of = "2025-12-31";
  d.inspections.forEach((x, i) => { x.date = `2025-0${1 + (i % 6)}-${String(1 + (i % 28)).padStart(2, "0")}`; });
  return d;
}

/** The non-strings that trapped the JSON-text entry points. */
export function nonStrings() {
  return [
    ["an object", { a: 1 }],
    ["a number", 42],
    ["true", true],
    ["{length:-1}", { length: -1 }],
    ["a huge array", new Array(5_000_000)],
    ["null", null],
    ["undefined", undefined],
    ["an array", [1, 2]],
    ["a typed array", new Uint8Array(16)],
    ["a BigInt", 10n],
    ["a symbol", Symbol("s")],
    ["a function", () => 1],
  ];
}

/** Items JSON cannot hold. */
export function nonJsonItems() {
  const cyc = countyMin();
  cyc.self = cyc;
  const throwing = { toJSON() { throw new Error("no"); } };
  return [["a BigInt", { ...countyMin(), big: 1n }], ["a cycle", cyc], ["a throwing toJSON", throwing]];
}

/** `{ a: { a: … } }` and `[[[…]]]`, `depth` levels each, built by a loop (no recursion). */
export function nestedValues(depth) {
  const obj = {};
  const list = [];
  for (let i = 0, o = obj, a = list; i < depth; i++) [o, a] = [(o.a = {}), a[a.push([]) - 1]];
  return { obj, list };
}
