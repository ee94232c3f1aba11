// The default scoring scheme as ONE json-logic rule (npm json-logic-js): `jsonLogic.apply(rule, dossier)`
// returns the total. The rule is built from the policy pack once (buildRule) and written out for reading
// by `node bench/impl/jsonlogic.mjs > rule.json`.
//
// json-logic has no variables, no rounding and no dates, so:
//   - a value is bound by reducing over a one-element list (`{"reduce": [[[a, b]], body, 0]}`, then
//     `current.0`, `current.1` in body);
//   - every line is computed in integer hundredths; an input number x is read as round(x·10^6) (exact for
//     inputs with up to 6 decimals) and a line is floor((2·num + den) / (2·den)), the exact half-up
//     rounding of num/den, with floor(q) = q − q % 1 (q ≥ 0);
//   - two custom operations, as a portal would register them: `days` (ISO date → day number) and
//     `sort` (numbers ascending), for the art. 25(2) run of larger incidents.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const jsonLogic = require("json-logic-js");

jsonLogic.add_operation("days", (s) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)) / 86400000);
jsonLogic.add_operation("sort", (a) => (Array.isArray(a) ? a.slice().sort((x, y) => x - y) : []));

const POLICY = JSON.parse(readFileSync(new URL("../../src/policy/zhejiang.json", import.meta.url), "utf8"));
const SCALE = 1e6;

const v = (p) => ({ var: p });
/** Bind `exprs` (an array of rules) and evaluate `body` with them as current.0, current.1, … */
const bind = (exprs, body) => ({ reduce: [[exprs], body, 0] });
/** floor(q) for q ≥ 0. */
const floorPos = (q) => bind([q], { "-": [v("current.0"), { "%": [v("current.0"), 1] }] });
/** round(y) for a y that is within a hair of an integer (reading a decimal input). */
const roundNear = (y) =>
  bind([y], {
    if: [
      { ">=": [v("current.0"), 0] },
      { "-": [{ "+": [v("current.0"), 0.5] }, { "%": [{ "+": [v("current.0"), 0.5] }, 1] }] },
      { "-": [{ "-": [v("current.0"), 0.5] }, { "%": [{ "-": [v("current.0"), 0.5] }, 1] }] },
    ],
  });
/** Sum of `item` over the list at `listExpr`; in `item`, `current.*` is the element and `accumulator.1` the year (a string). */
const sumInYear = (listExpr, yearExpr, item) =>
  bind([{ reduce: [listExpr, [{ "+": [v("accumulator.0"), item] }, v("accumulator.1")], [0, yearExpr]] }], v("current.0.0"));
const inYear = (dateVar) => ({ "==": [{ substr: [v(dateVar), 0, 4] }, v("accumulator.1")] });

export function buildRule(policy = POLICY) {
  const s = policy.scheme;
  if (policy.parameters.repeat_count.value !== 2) throw new Error("this rule implements repeat_count = 2 only");
  const window = policy.parameters.repeat_window_days.value;
  const result = s.indicators.filter((i) => i.kind === "result");
  const proc = s.indicators.filter((i) => i.kind === "process");
  const WR = result.reduce((a, i) => a + i.weight, 0);
  const WP = proc.reduce((a, i) => a + i.weight, 0);
  const h = (x) => Math.round(x * 100);
  // Outer binding: current.0 = n/a weight of results, current.1 = of processes, current.2 = the dossier.
  const D = (p) => v(`current.2.${p}`);
  const naR = { "+": result.map((i) => ({ if: [{ "==": [v(`assessment.indicators.${i.id}`), "n/a"] }, i.weight, 0] })) };
  const naP = { "+": proc.map((i) => ({ if: [{ "==": [v(`assessment.process.${i.id}`), "n/a"] }, i.weight, 0] })) };

  const resultLine = (i) => {
    const x = D(`assessment.indicators.${i.id}`);
    const X = roundNear({ "*": [x, SCALE] });
    const up = i.full_at > i.zero_at;
    const n = up ? { "-": [X, i.zero_at * SCALE] } : { "-": [i.zero_at * SCALE, X] };
    const d = Math.abs(i.full_at - i.zero_at) * SCALE;
    const wW = i.weight * WR;
    // inner binding: current.0 = n, current.1 = WR − naR
    const body = {
      if: [
        { "<=": [v("current.0"), 0] }, 0,
        { ">=": [v("current.0"), d] },
        floorPos({ "/": [{ "+": [2 * 100 * wW, v("current.1")] }, { "*": [2, v("current.1")] }] }),
        floorPos({ "/": [{ "+": [{ "*": [2 * 100 * wW, v("current.0")] }, { "*": [d, v("current.1")] }] }, { "*": [2 * d, v("current.1")] }] }),
      ],
    };
    return { if: [{ "==": [x, "n/a"] }, 0, bind([n, { "-": [WR, v("current.0")] }], body)] };
  };
  const gradeValue = (g) => {
    const arms = [];
    for (const row of s.grades) arms.push({ "==": [g, row.grade] }, Math.round(row.fraction * 100));
    arms.push(0);
    return { if: arms };
  };
  const processLine = (i) => {
    const g = D(`assessment.process.${i.id}`);
    const den = { "-": [WP, v("current.1")] };
    return {
      if: [
        { "==": [g, "n/a"] }, 0,
        floorPos({ "/": [{ "+": [{ "*": [2 * i.weight * WP, gradeValue(g)] }, den] }, { "*": [2, den] }] }),
      ],
    };
  };
  const base = { "+": [...result.map(resultLine), ...proc.map(processLine)] };

  const bonus = {
    min: [
      h(s.bonus.cap),
      { reduce: [D("assessment.bonus"), { "+": [v("accumulator"), roundNear({ "*": [v("current.points"), 100] })] }, 0] },
    ],
  };
  const year = { cat: [D("year")] };
  const ded = s.deductions;
  const sev = {
    if: [
      { "==": [v("current.severity"), "larger"] }, h(ded.incident.larger),
      { "==": [v("current.severity"), "major"] }, h(ded.incident.major),
      { "==": [v("current.severity"), "especially_major"] }, h(ded.incident.especially_major),
      h(ded.incident.general),
    ],
  };
  const incidentPts = sumInYear(D("incidents"), year, { if: [inYear("current.date"), sev, 0] });
  const findingPts = sumInYear(D("inspections"), year, {
    if: [inYear("current.date"), { if: [v("current.rectified"), h(ded.inspection_finding), h(ded.inspection_finding) * ded.unrectified_multiplier] }, 0],
  });
  // Cases opened in the year (circulars): majors, serious disorder, hotspots, referrals, and runs of larger.
  const majors = sumInYear(D("incidents"), year, {
    if: [{ and: [inYear("current.date"), { in: [v("current.severity"), ["major", "especially_major"]] }] }, 1, 0],
  });
  const disorder = sumInYear(D("inspections"), year, { if: [{ and: [inYear("current.date"), { "==": [v("current.finding"), "serious_disorder"] }] }, 1, 0] });
  const hot = sumInYear(D("hotspots"), year, {
    if: [
      { and: [inYear("current.date"), { "==": [v("current.public_concern"), "strong"] }, { or: [{ "===": [v("current.effective_measures"), false] }, { "===": [v("current.rebound"), true] }] }] },
      1, 0,
    ],
  });
  const refs = sumInYear(D("referrals"), year, { if: [inYear("current.date"), 1, 0] });
  const largerDays = { sort: { map: [{ filter: [D("incidents"), { "==": [v("severity"), "larger"] }] }, { days: v("date") }] } };
  // accumulator: [count, pending day or −1, first day of year, last day of year]
  const runs = bind(
    [{
      reduce: [
        largerDays,
        {
          if: [
            { and: [{ ">=": [v("accumulator.1"), 0] }, { "<=": [{ "-": [v("current"), v("accumulator.1")] }, window] }] },
            [
              { "+": [v("accumulator.0"), { if: [{ and: [{ ">=": [v("current"), v("accumulator.2")] }, { "<=": [v("current"), v("accumulator.3")] }] }, 1, 0] }] },
              -1, v("accumulator.2"), v("accumulator.3"),
            ],
            [v("accumulator.0"), v("current"), v("accumulator.2"), v("accumulator.3")],
          ],
        },
        [0, -1, { days: { cat: [D("year"), "-01-01"] } }, { days: { cat: [D("year"), "-12-31"] } }],
      ],
    }],
    v("current.0.0"),
  );
  const circulars = { "+": [majors, disorder, hot, refs, runs] };
  const deductions = { min: [h(ded.cap), { "+": [incidentPts, findingPts, { "*": [circulars, h(ded.circular)] }] }] };
  const total = { "/": [{ max: [0, { "-": [{ "+": [base, bonus] }, deductions] }] }, 100] };
  return bind([naR, naP, v("")], total);
}

export const RULE = buildRule();

export function scoreJsonLogic(d, rule = RULE) {
  return jsonLogic.apply(rule, d);
}

export const name = "json-logic-js";
export function prepare() {
  const rule = buildRule();
  return (d) => jsonLogic.apply(rule, d);
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  console.log(JSON.stringify(RULE, null, 1));
}
