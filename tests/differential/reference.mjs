// An independent exact reference for the default assessment scheme (api.md "Scoring, exactly"): exact
// rationals on JS BigInt, written apart from the engine and from bench/impl. It reads every input number
// by its shortest decimal form (String(x), as the engine does), spreads "n/a" weight over the rest of its
// kind in proportion, rounds each line half-up to the hundredth once, caps bonus and deductions, and
// replays the art. 25–26 ladder far enough to know the circulars received in the year and whether a
// one-vote veto is in force in it.
//
// referenceScore(dossier, policy?) → { total, base, bonus, deductions (Numbers, to the hundredth),
//   hundredths: { total, base, bonus, deductions } (BigInt), lines: { id: { kind, weight: Q, fraction: Q,
//   points: BigInt hundredths } }, bonusRaw, deductionsRaw, circulars, vetoed, grade, derived? }
// A Q is { n, d } (BigInt, d > 0, reduced). `leadership_duties` missing: derived is set and the line is
// computed from `opts.derivedGrade` when given (the caller may pass the engine's own derivation).

import { readFileSync } from "node:fs";

export const POLICY = JSON.parse(readFileSync(new URL("../../src/policy/zhejiang.json", import.meta.url), "utf8"));

// ---- exact rationals ----------------------------------------------------------------------------------
const abs = (a) => (a < 0n ? -a : a);
function gcd(a, b) {
  a = abs(a); b = abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}
export function Q(n, d = 1n) {
  n = BigInt(n); d = BigInt(d);
  if (d === 0n) throw new Error("division by zero");
  if (d < 0n) { n = -n; d = -d; }
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}
export const add = (a, b) => Q(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a, b) => Q(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a, b) => Q(a.n * b.n, a.d * b.d);
export const div = (a, b) => Q(a.n * b.d, a.d * b.n);
export const cmp = (a, b) => {
  const x = a.n * b.d, y = b.n * a.d;
  return x < y ? -1 : x > y ? 1 : 0;
};
const ZERO = Q(0), ONE = Q(1);
const clamp01 = (a) => (cmp(a, ZERO) < 0 ? ZERO : cmp(a, ONE) > 0 ? ONE : a);
/** Floor division for BigInt (rounds toward −∞). */
function floorDiv(a, b) {
  const q = a / b;
  return (a % b !== 0n) && ((a < 0n) !== (b < 0n)) ? q - 1n : q;
}
/** Half-up to the hundredth (ties away from zero, which for the non-negative lines is "up"). */
export function hundredthsHalfUp(a) {
  const n = a.n * 100n;
  if (n >= 0n) return floorDiv(2n * n + a.d, 2n * a.d);
  return -floorDiv(-2n * n + a.d, 2n * a.d);
}

/** A JS number read by its shortest decimal form ("1e-7" and "1.5e+21" included). */
export function decimalOf(x) {
  const t = String(x);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(t);
  if (!m) throw new Error(`not a finite number: ${t}`);
  const [, sign, int, frac = "", exp = "0"] = m;
  let num = BigInt(int + frac);
  let den = 10n ** BigInt(frac.length);
  const e = Number(exp);
  if (e > 0) num *= 10n ** BigInt(e);
  else if (e < 0) den *= 10n ** BigInt(-e);
  return Q(sign ? -num : num, den);
}
export const toNumber = (h) => Number(h) / 100;
export const qToString = (a) => (a.d === 1n ? `${a.n}` : `${a.n}/${a.d}`);

// ---- calendar -------------------------------------------------------------------------------------------
const day = (s) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)) / 86400000;

// ---- the ladder, as far as scoring needs it -------------------------------------------------------------
/**
 * Cases of art. 25 other than 25.4: { id, opened (day), startRung (1|2), veto (day or null from the
 * event itself), evidenceIncidents }.
 */
export function cases(d, policy = POLICY) {
  const P = policy.parameters;
  const out = [];
  const aggravated = new Set((d.circumstances || []).filter((c) => c.kind === "aggravating").map((c) => c.case));
  const incidentCase = (id, incs, opened) => {
    const rung2 = incs.some((i) => i.impact === "severe" || i.impact === "especially_severe" || i.severity === "especially_major") || aggravated.has(id);
    const vetoNow = incs.some((i) => i.severity === "especially_major" || i.impact === "especially_severe");
    out.push({ id, opened, startRung: rung2 ? 2 : 1, veto: vetoNow ? opened : null });
  };
  for (const n of d.inspections || []) {
    if (n.finding === "serious_disorder") {
      const id = `25.1/${n.id}`;
      out.push({ id, opened: day(n.date), startRung: aggravated.has(id) ? 2 : 1, veto: null });
    }
  }
  // 25.2 series (engine rule, written here independently): sorted by date then id; from the earliest
  // unused incident, every larger incident within the window of that first one joins the series; a series
  // of at least repeat_count opens a case on the date of its repeat_count-th incident.
  const larger = (d.incidents || []).filter((x) => x.severity === "larger")
    .sort((a, b) => day(a.date) - day(b.date) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const W = P.repeat_window_days.value;
  const N = P.repeat_count.value;
  for (let k = 0; k < larger.length; ) {
    const first = day(larger[k].date);
    let len = 0;
    while (k + len < larger.length && day(larger[k + len].date) - first <= W) len++;
    if (len < N) { k += 1; continue; }
    const series = larger.slice(k, k + len);
    incidentCase(`25.2/${series.map((r) => r.id).join("+")}`, series, day(series[N - 1].date));
    k += len;
  }
  for (const x of d.incidents || []) {
    if (x.severity === "major" || x.severity === "especially_major") incidentCase(`25.3/${x.id}`, [x], day(x.date));
  }
  for (const h of d.hotspots || []) {
    if (h.public_concern === "strong" && (h.effective_measures === false || h.rebound === true)) {
      const id = `25.5/${h.id}`;
      out.push({ id, opened: day(h.date), startRung: aggravated.has(id) ? 2 : 1, veto: null });
    }
  }
  for (const f of d.referrals || []) {
    const id = `25.6/${f.id}`;
    out.push({ id, opened: day(f.date), startRung: aggravated.has(id) ? 2 : 1, veto: null });
  }
  return out;
}

/** The day a case reaches the one-vote veto (null: never, given the rectifications). */
export function vetoDay(c, d, policy = POLICY) {
  if (c.veto !== null) return c.veto;
  const P = policy.parameters;
  const accepted = (d.rectifications || []).filter((r) => r.case === c.id).map((r) => day(r.accepted_on)).sort((a, b) => a - b);
  // rung 1 (circular) → rung 2 (yellow card) → rung 3 (listed supervision) → rung 4 (veto)
  let start = c.opened;
  const periods = c.startRung === 1
    ? [P.circular_rectify_days.value, P.yellow_card_rectify_days.value, P.listed_rectify_days.value]
    : [P.yellow_card_rectify_days.value, P.listed_rectify_days.value];
  for (const days of periods) {
    const deadline = start + days;
    if (accepted.some((a) => a >= c.opened && a <= deadline)) return null;
    start = deadline + 1;
  }
  return start;
}

// ---- the score ------------------------------------------------------------------------------------------
export function referenceScore(d, policy = POLICY, opts = {}) {
  const s = policy.scheme;
  const a = d.assessment || {};
  const ind = a.indicators || {};
  const pr = a.process || {};
  const grades = new Map(s.grades.map((g) => [g.grade, decimalOf(g.fraction)]));
  const lines = {};
  let derived = false;
  const kinds = ["result", "process"];
  const inputOf = (i) => {
    if (i.kind === "result") return ind[i.id];
    let g = pr[i.id];
    if (g === undefined && s.derived && s.derived.indicator === i.id) {
      derived = true;
      g = opts.derivedGrade;
    }
    return g;
  };
  let base = 0n;
  for (const kind of kinds) {
    const list = s.indicators.filter((i) => i.kind === kind);
    const W = list.reduce((acc, i) => add(acc, decimalOf(i.weight)), ZERO);
    const na = list.filter((i) => inputOf(i) === "n/a").reduce((acc, i) => add(acc, decimalOf(i.weight)), ZERO);
    const spread = div(W, sub(W, na));
    for (const i of list) {
      const x = inputOf(i);
      if (x === "n/a") continue;
      if (x === undefined) throw new Error(`no input for ${i.id}`);
      const weight = mul(decimalOf(i.weight), spread);
      let fraction;
      if (kind === "result") {
        const z = decimalOf(i.zero_at), f = decimalOf(i.full_at);
        fraction = clamp01(div(sub(decimalOf(x), z), sub(f, z)));
      } else {
        fraction = grades.get(x);
        if (!fraction) throw new Error(`unknown grade ${x} for ${i.id}`);
      }
      const points = hundredthsHalfUp(mul(weight, fraction));
      lines[i.id] = { kind, weight, fraction, points, input: x };
      base += points;
    }
  }
  const h = (x) => hundredthsHalfUp(decimalOf(x));
  let bonusRaw = 0n;
  for (const b of a.bonus || []) bonusRaw += h(b.points);
  const bonusCap = h(s.bonus.cap);
  const bonus = bonusRaw > bonusCap ? bonusCap : bonusRaw;

  const ded = s.deductions;
  const y = d.year;
  const inYear = (date) => +date.slice(0, 4) === y;
  let deductionsRaw = 0n;
  for (const x of d.incidents || []) if (inYear(x.date)) deductionsRaw += h(ded.incident[x.severity]);
  for (const n of d.inspections || []) {
    if (inYear(n.date)) deductionsRaw += n.rectified === true ? h(ded.inspection_finding) : hundredthsHalfUp(mul(decimalOf(ded.inspection_finding), decimalOf(ded.unrectified_multiplier)));
  }
  const cs = cases(d, policy);
  const y0 = day(`${y}-01-01`), y1 = day(`${y}-12-31`);
  // api.md: "Opening rung: 1 (circular …). Incident impact severe or an aggravating circumstance → rung 2
  // on the opening date": every case gets its circular (art. 27 covers every art. 25 case; art. 28 adds the
  // yellow card). opts.circularReading === "skip_on_rung2" counts none for a case that opens at rung 2.
  const circulars = cs.filter((c) => c.opened >= y0 && c.opened <= y1 && !(opts.circularReading === "skip_on_rung2" && c.startRung === 2)).length;
  deductionsRaw += BigInt(circulars) * h(ded.circular);
  const dedCap = h(ded.cap);
  const deductions = deductionsRaw > dedCap ? dedCap : deductionsRaw;

  let total = base + bonus - deductions;
  if (total < 0n) total = 0n;
  // A one-vote veto in force in the year: imposed on or before 31 December, lasting veto_bar_days.
  const vetoBar = policy.parameters.veto_bar_days.value;
  const vetoed = cs.some((c) => {
    const v = vetoDay(c, d, policy);
    return v !== null && v <= y1 && v <= day(d.as_of) && v + vetoBar > y0;
  });
  let grade = "fail";
  for (const b of [...s.bands].sort((p, q) => q.min - p.min)) {
    if (total >= h(b.min)) { grade = b.grade; break; }
  }
  if (vetoed) grade = "fail";
  return {
    total: toNumber(total), base: toNumber(base), bonus: toNumber(bonus), deductions: toNumber(deductions),
    hundredths: { total, base, bonus, deductions },
    bonusRaw, deductionsRaw, circulars, vetoed, grade, lines, derived,
  };
}
