#!/usr/bin/env node
// Differential check of the engine's scoring (issue 9): generated dossiers — realistic ones and ones bent
// toward the edges (x.xx5 lines, range bounds, lower-is-better, n/a, caps, a total floored at 0) — are
// scored by the engine (`engine.score`, pkg/node) and by the independent exact reference
// (tests/differential/reference.mjs, BigInt rationals). Compared to the hundredth: total, base, bonus,
// deductions, every result/process line's points (and its weight and fraction to 1e-6), the lines adding
// up to base + bonus − deductions, the number of circulars, the grade and the veto.
//
//   node tests/differential/run.mjs [--n 10000] [--seed 9] [--verbose] [--save failures.json]
//                                   [--circulars every_case|skip_on_rung2]
//
// Exits non-zero on any mismatch; the last line is `N passed, M failed`.

import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";
import { differentialDossiers } from "./dossiers.mjs";
import { referenceScore, qToString, POLICY } from "./reference.mjs";

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const N = Number(opt("n", 10000));
const SEED = Number(opt("seed", 9));
const VERBOSE = args.includes("--verbose");
const SAVE = opt("save", null);
// --circulars skip_on_rung2: accept the reading that a case opening at rung 2 (severe impact, aggravating
// circumstance, especially major) gets no circular (see reference.mjs).
const CIRCULAR_READING = opt("circulars", "every_case");

let pingan;
try {
  pingan = require("../../pkg/node/pingan.js");
} catch (e) {
  console.error(`cannot load pkg/node/pingan.js (run make build): ${e.message}`);
  console.log("0 passed, 1 failed");
  process.exit(1);
}
const engine = new pingan.Engine();
const h = (x) => Math.round(x * 100);

function compare(d) {
  const problems = [];
  const s = engine.score(d);
  if (!s || s.ok !== true) {
    return [`engine refused: ${JSON.stringify(s && s.errors).slice(0, 300)}`];
  }
  const byId = new Map((s.lines || []).map((l) => [l.indicator, l]));
  const lead = byId.get("leadership_duties");
  const derivedGrade = lead && lead.derived ? lead.input : undefined;
  let r;
  try {
    r = referenceScore(d, undefined, { derivedGrade, circularReading: CIRCULAR_READING });
  } catch (e) {
    return [`reference failed: ${e.message}`];
  }
  const eq = (what, engineValue, refHundredths) => {
    if (typeof engineValue !== "number" || h(engineValue) !== Number(refHundredths) || Math.abs(engineValue * 100 - Number(refHundredths)) > 1e-6) {
      problems.push(`${what}: engine ${engineValue}, reference ${Number(refHundredths) / 100}`);
    }
  };
  eq("total", s.total, r.hundredths.total);
  eq("base", s.base, r.hundredths.base);
  eq("bonus", s.bonus, r.hundredths.bonus);
  eq("deductions", s.deductions, r.hundredths.deductions);
  for (const [id, line] of Object.entries(r.lines)) {
    const l = byId.get(id);
    if (!l) {
      problems.push(`line ${id} missing`);
      continue;
    }
    eq(`line ${id} points`, l.points, line.points);
    const w = Number(line.weight.n) / Number(line.weight.d), f = Number(line.fraction.n) / Number(line.fraction.d);
    // the engine shows a spread weight to the hundredth (13.33 for 40/3), a fraction to 1e-6
    if (typeof l.weight !== "number" || Math.abs(l.weight - w) > 0.005 + 1e-9) problems.push(`line ${id} weight: engine ${l.weight}, reference ${qToString(line.weight)}`);
    if (typeof l.fraction !== "number" || Math.abs(l.fraction - f) > 5e-6) problems.push(`line ${id} fraction: engine ${l.fraction}, reference ${qToString(line.fraction)}`);
  }
  for (const l of s.lines) {
    if ((l.kind === "result" || l.kind === "process") && !(l.indicator in r.lines) && !(l.input === "n/a" && l.points === 0)) {
      problems.push(`line ${l.indicator} not expected`);
    }
  }
  // The lines add up: per kind, and all of them to base + bonus − deductions.
  const sum = (pred) => s.lines.filter(pred).reduce((a, l) => a + h(l.points), 0);
  const baseSum = sum((l) => l.kind === "result" || l.kind === "process");
  const bonusSum = sum((l) => l.kind === "bonus");
  const dedSum = sum((l) => l.kind === "deduction");
  if (baseSum !== h(s.base)) problems.push(`result+process lines add to ${baseSum / 100}, base is ${s.base}`);
  if (bonusSum !== h(s.bonus)) problems.push(`bonus lines add to ${bonusSum / 100}, bonus is ${s.bonus}`);
  if (dedSum !== -h(s.deductions)) problems.push(`deduction lines add to ${dedSum / 100}, deductions are ${s.deductions}`);
  const allSum = s.lines.reduce((a, l) => a + h(l.points), 0);
  if (allSum !== h(s.base) + h(s.bonus) - h(s.deductions)) problems.push(`lines add to ${allSum / 100}, not base + bonus − deductions`);
  const circulars = s.lines.filter((l) => l.kind === "deduction" && String(l.indicator).startsWith("circular/")).length;
  if (circulars !== r.circulars) problems.push(`circulars: engine ${circulars}, reference ${r.circulars}`);
  if (derivedGrade !== undefined) {
    // A derived leadership grade follows the policy's steps over the report's compliance findings.
    const rep = engine.evaluate(d);
    const n = rep && rep.ok ? rep.findings.length : NaN;
    const der = POLICY.scheme.derived;
    const want = (der.steps.find((st) => n <= st.max_findings) || { grade: der.otherwise }).grade;
    if (want !== derivedGrade) problems.push(`derived leadership grade ${derivedGrade}, but ${n} findings give ${want}`);
  }
  if (s.vetoed !== r.vetoed) problems.push(`vetoed: engine ${s.vetoed}, reference ${r.vetoed}`);
  if (s.grade !== r.grade) problems.push(`grade: engine ${s.grade}, reference ${r.grade}`);
  return problems;
}

const t0 = performance.now();
const dossiers = differentialDossiers(N, SEED);
let passed = 0, failed = 0;
const failures = [];
const byKind = {};
for (const d of dossiers) {
  const kind = d.edge;
  delete d.edge;
  const problems = compare(d);
  byKind[kind] ??= { passed: 0, failed: 0 };
  if (problems.length === 0) {
    passed++;
    byKind[kind].passed++;
  } else {
    failed++;
    byKind[kind].failed++;
    if (failures.length < 2000) failures.push({ kind, unit: d.unit.id, problems, dossier: d });
  }
}
const ms = performance.now() - t0;
for (const f of failures.slice(0, VERBOSE ? 50 : 8)) {
  console.log(`FAIL [${f.kind}] ${f.unit}: ${f.problems.slice(0, 6).join("; ")}`);
}
if (SAVE && failures.length) writeFileSync(SAVE, JSON.stringify(failures, null, 1));
console.log(`differential: ${N} dossiers (seed ${SEED}) in ${(ms / 1000).toFixed(1)} s; by kind: ${Object.entries(byKind).map(([k, v]) => `${k} ${v.passed}/${v.passed + v.failed}`).join(", ")}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
