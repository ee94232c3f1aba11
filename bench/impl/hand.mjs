// The default scoring scheme as a portal developer would hand-write it in plain JavaScript, carefully:
// every line is computed in integer hundredths from the input's decimal digits (String(x)), rounded
// half-up once per line, so no line drifts by 0.01 on an x.xx5 edge. Numbers are used while every
// product stays a safe integer; BigInt takes over otherwise.
//
// scoreHand(dossier) → { total, base, bonus, deductions, circulars, lines: { id: hundredths } }
// (totals in units, lines in integer hundredths). The scheme (weights, ranges, grade table, bonus and
// deduction parameters, repeat_count / window) is read from the policy pack once, at load.

import { readFileSync } from "node:fs";

const POLICY = JSON.parse(readFileSync(new URL("../../src/policy/zhejiang.json", import.meta.url), "utf8"));

export function compile(policy = POLICY) {
  const s = policy.scheme;
  const grades = Object.fromEntries(s.grades.map((g) => [g.grade, Math.round(g.fraction * 100)]));
  const result = s.indicators.filter((i) => i.kind === "result");
  const proc = s.indicators.filter((i) => i.kind === "process");
  const W = { result: result.reduce((a, i) => a + i.weight, 0), process: proc.reduce((a, i) => a + i.weight, 0) };
  const h = (x) => Math.round(x * 100);
  const ded = s.deductions;
  return {
    result, proc, W, grades,
    bonusCap: h(s.bonus.cap),
    dedCap: h(ded.cap),
    incident: { general: h(ded.incident.general), larger: h(ded.incident.larger), major: h(ded.incident.major), especially_major: h(ded.incident.especially_major) },
    finding: h(ded.inspection_finding),
    unrectifiedMul: ded.unrectified_multiplier,
    circular: h(ded.circular),
    repeatCount: policy.parameters.repeat_count.value,
    windowDays: policy.parameters.repeat_window_days.value,
  };
}

const C = compile();

/** x (a JS number) as an exact decimal: { m, s } with x = m / 10^s (m a Number or BigInt). */
function decimal(x) {
  let t = String(x);
  if (t.includes("e")) t = x.toFixed(20).replace(/0+$/, "").replace(/\.$/, "");
  const dot = t.indexOf(".");
  const s = dot < 0 ? 0 : t.length - dot - 1;
  const digits = dot < 0 ? t : t.slice(0, dot) + t.slice(dot + 1);
  const m = Number(digits);
  return Number.isSafeInteger(m) ? { m, s } : { m: BigInt(digits), s };
}
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** round-half-up(num / den) for den > 0, num ≥ 0, both safe integers (or BigInts). */
function roundDiv(num, den) {
  if (typeof num === "bigint") return Number((2n * num + den) / (2n * den));
  return Math.floor((2 * num + den) / (2 * den));
}

/**
 * Points in hundredths of a result line: weight·W/(W − na) × clamp((x − z)/(f − z), 0, 1).
 * `wNum / wDen` is the line's weight after spreading n/a weight.
 */
function resultPoints(x, z, f, wNum, wDen) {
  const { m, s } = decimal(x);
  if (typeof m === "number" && s < POW10.length) {
    const p = POW10[s];
    let n = m - z * p, d = (f - z) * p;
    if (d < 0) { n = -n; d = -d; }
    if (n <= 0) return 0;
    if (n >= d) return roundDiv(100 * wNum, wDen);
    const num = 100 * wNum * n, den = d * wDen;
    if (Number.isSafeInteger(2 * num + den) && Number.isSafeInteger(2 * den)) return roundDiv(num, den);
  }
  // The careful slow path: everything in BigInt.
  const M = BigInt(m), P = 10n ** BigInt(s);
  let n = M - BigInt(z) * P, d = BigInt(f - z) * P;
  if (d < 0n) { n = -n; d = -d; }
  if (n <= 0n) return 0;
  if (n >= d) return roundDiv(100 * wNum, wDen);
  return roundDiv(100n * BigInt(wNum) * n, d * BigInt(wDen));
}

function dayNumber(s) {
  return Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)) / 86400000;
}

/** Circulars received in the year: one per art. 25 case opened in the year (25.4 aside). */
export function circularsInYear(d, c = C) {
  const y = String(d.year);
  const inYear = (date) => typeof date === "string" && date.startsWith(y);
  let n = 0;
  const larger = [];
  for (const i of d.incidents || []) {
    if (i.severity === "major" || i.severity === "especially_major") {
      if (inYear(i.date)) n++;
    } else if (i.severity === "larger") larger.push(dayNumber(i.date));
  }
  if (larger.length >= c.repeatCount) {
    larger.sort((a, b) => a - b);
    let run = [];
    for (const day of larger) {
      run.push(day);
      while (day - run[0] > c.windowDays) run.shift();
      if (run.length >= c.repeatCount) {
        if (day >= dayNumber(`${y}-01-01`) && day <= dayNumber(`${y}-12-31`)) n++;
        run = [];
      }
    }
  }
  for (const x of d.inspections || []) if (x.finding === "serious_disorder" && inYear(x.date)) n++;
  for (const h of d.hotspots || []) {
    if (h.public_concern === "strong" && (h.effective_measures === false || h.rebound === true) && inYear(h.date)) n++;
  }
  for (const f of d.referrals || []) if (inYear(f.date)) n++;
  return n;
}

export function scoreHand(d, c = C) {
  const a = d.assessment || {};
  const ind = a.indicators || {};
  const pr = a.process || {};
  const lines = {};
  let base = 0;
  // n/a weight of each kind, spread over the rest in proportion.
  let naR = 0, naP = 0;
  for (const i of c.result) if (ind[i.id] === "n/a") naR += i.weight;
  for (const i of c.proc) if (pr[i.id] === "n/a") naP += i.weight;
  for (const i of c.result) {
    const x = ind[i.id];
    if (x === "n/a") continue;
    const p = resultPoints(x, i.zero_at, i.full_at, i.weight * c.W.result, c.W.result - naR);
    lines[i.id] = p;
    base += p;
  }
  for (const i of c.proc) {
    const g = pr[i.id];
    if (g === "n/a") continue;
    if (g === undefined) throw new Error(`process grade ${i.id} missing (derived grades are not implemented here)`);
    const p = roundDiv(i.weight * c.W.process * c.grades[g], c.W.process - naP);
    lines[i.id] = p;
    base += p;
  }
  let bonus = 0;
  for (const b of a.bonus || []) bonus += Math.round(b.points * 100);
  if (bonus > c.bonusCap) bonus = c.bonusCap;
  const y = String(d.year);
  let ded = 0;
  for (const i of d.incidents || []) if (i.date.startsWith(y)) ded += c.incident[i.severity];
  for (const n of d.inspections || []) if (n.date.startsWith(y)) ded += n.rectified ? c.finding : c.finding * c.unrectifiedMul;
  const circulars = circularsInYear(d, c);
  ded += circulars * c.circular;
  if (ded > c.dedCap) ded = c.dedCap;
  let total = base + bonus - ded;
  if (total < 0) total = 0;
  return { total: total / 100, base: base / 100, bonus: bonus / 100, deductions: ded / 100, circulars, lines };
}

export const name = "hand-written JS";
export function prepare() {
  return (d) => scoreHand(d).total;
}
