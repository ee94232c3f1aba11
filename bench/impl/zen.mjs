// The default scoring scheme as a GoRules ZEN decision graph (npm @gorules/zen-engine, its Node binding:
// the Rust engine through N-API). The graph (buildGraph, written out by `node bench/impl/zen.mjs`) is:
//
//   input → switch ─ ≤ 3 larger incidents → expression "runs3" ─┐
//                  └ ≥ 4                  → function  "runs"  ──┼→ expression "score" → output
//   input ──────────────────────────────────────────────────────┘
//
// ZEN expressions compute in decimal (rust_decimal), so a line is `round(num / den, 2)` with one division
// at the end: exact on x.xx5 edges (ZEN rounds half away from zero; every line is ≥ 0). The expression
// language has no sort or fold, so the art. 25(2) run of larger incidents is done in expressions for up
// to three incidents and by a function node (JavaScript in ZEN's QuickJS) beyond.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const POLICY = JSON.parse(readFileSync(new URL("../../src/policy/zhejiang.json", import.meta.url), "utf8"));

const node = (id, type, name, content) => ({ id, type, name, position: { x: 0, y: 0 }, ...(content ? { content } : {}) });
const edge = (id, sourceId, targetId, sourceHandle) => ({ id, sourceId, targetId, type: "edge", ...(sourceHandle ? { sourceHandle } : {}) });
const exprs = (pairs) => ({ expressions: pairs.map(([key, value], i) => ({ id: `x${i}`, key, value })) });

export function buildGraph(policy = POLICY) {
  const s = policy.scheme;
  if (policy.parameters.repeat_count.value !== 2) throw new Error("this graph implements repeat_count = 2 only");
  const W = policy.parameters.repeat_window_days.value;
  const result = s.indicators.filter((i) => i.kind === "result");
  const proc = s.indicators.filter((i) => i.kind === "process");
  const WR = result.reduce((a, i) => a + i.weight, 0);
  const WP = proc.reduce((a, i) => a + i.weight, 0);
  const ded = s.deductions;

  const score = [];
  score.push(["naR", result.map((i) => `(assessment.indicators.${i.id} == "n/a" ? ${i.weight} : 0)`).join(" + ")]);
  score.push(["naP", proc.map((i) => `(assessment.process.${i.id} == "n/a" ? ${i.weight} : 0)`).join(" + ")]);
  for (const i of result) {
    const x = `assessment.indicators.${i.id}`;
    const n = i.full_at > i.zero_at ? `(${x} - ${i.zero_at})` : `(${i.zero_at} - ${x})`;
    const d = Math.abs(i.full_at - i.zero_at);
    const wW = i.weight * WR;
    score.push([
      `l_${i.id}`,
      `${x} == "n/a" ? 0 : (${n} <= 0 ? 0 : (${n} >= ${d} ? round(${wW} / (${WR} - $.naR), 2) : round(${n} * ${wW} / (${d} * (${WR} - $.naR)), 2)))`,
    ]);
  }
  for (const i of proc) {
    const g = `assessment.process.${i.id}`;
    const frac = s.grades.map((r) => `${g} == "${r.grade}" ? ${r.fraction} : `).join("") + "0";
    score.push([`l_${i.id}`, `${g} == "n/a" ? 0 : round(${i.weight * WP} * (${frac}) / (${WP} - $.naP), 2)`]);
  }
  score.push(["base", s.indicators.map((i) => `$.l_${i.id}`).join(" + ")]);
  score.push(["bonus", `min([sum(map(assessment.bonus ?? [], #.points)), ${s.bonus.cap}])`]);
  score.push(["y", "string(year)"]);
  const sev = `(#.severity == "larger" ? ${ded.incident.larger} : (#.severity == "major" ? ${ded.incident.major} : (#.severity == "especially_major" ? ${ded.incident.especially_major} : ${ded.incident.general})))`;
  score.push(["incidentPoints", `sum(map(incidents ?? [], startsWith(#.date, $.y) ? ${sev} : 0))`]);
  score.push(["findingPoints", `sum(map(inspections ?? [], startsWith(#.date, $.y) ? (#.rectified == true ? ${ded.inspection_finding} : ${ded.inspection_finding * ded.unrectified_multiplier}) : 0))`]);
  score.push([
    "circulars",
    [
      `count(incidents ?? [], (#.severity == "major" or #.severity == "especially_major") and startsWith(#.date, $.y))`,
      `count(inspections ?? [], #.finding == "serious_disorder" and startsWith(#.date, $.y))`,
      `count(hotspots ?? [], #.public_concern == "strong" and (#.effective_measures == false or #.rebound == true) and startsWith(#.date, $.y))`,
      `count(referrals ?? [], startsWith(#.date, $.y))`,
      "runs",
    ].join(" + "),
  ]);
  score.push(["deductions", `min([$.incidentPoints + $.findingPoints + $.circulars * ${ded.circular}, ${ded.cap}])`]);
  score.push(["total", "max([0, $.base + $.bonus - $.deductions])"]);

  const day = (e) => `d(${e}).diff(d("1970-01-01"), "day")`;
  const inYear = (v) => `(${v} >= $.y0 and ${v} <= $.y1)`;
  const runs3 = [
    ["L", `map(filter(incidents ?? [], #.severity == "larger"), ${day("#.date")})`],
    ["y0", day(`string(year) + "-01-01"`)],
    ["y1", day(`string(year) + "-12-31"`)],
    ["m", "len($.L)"],
    ["lo", "$.m > 0 ? min($.L) : 0"],
    ["hi", "$.m > 0 ? max($.L) : 0"],
    ["mid", "sum($.L) - $.lo - $.hi"],
    [
      "runs",
      `$.m < 2 ? 0 : ($.m == 2 ? (($.hi - $.lo <= ${W} and ${inYear("$.hi")}) ? 1 : 0) : ` +
        `($.mid - $.lo <= ${W} ? (${inYear("$.mid")} ? 1 : 0) : (($.hi - $.mid <= ${W} and ${inYear("$.hi")}) ? 1 : 0)))`,
    ],
  ];
  const fnSource = `export const handler = async (input) => {
  const day = (s) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)) / 86400000;
  const y0 = day(input.year + "-01-01"), y1 = day(input.year + "-12-31");
  const days = (input.incidents || []).filter((i) => i.severity === "larger").map((i) => day(i.date)).sort((a, b) => a - b);
  let runs = 0, pending = null;
  for (const d of days) {
    if (pending !== null && d - pending <= ${W}) { if (d >= y0 && d <= y1) runs++; pending = null; }
    else pending = d;
  }
  return { runs };
};`;
  return {
    nodes: [
      node("in", "inputNode", "dossier"),
      node("sw", "switchNode", "how many larger incidents", {
        hitPolicy: "first",
        statements: [{ id: "many", condition: `count(incidents ?? [], #.severity == "larger") >= 4` }, { id: "few", condition: "" }],
      }),
      node("runs3", "expressionNode", "larger runs (≤ 3)", exprs(runs3)),
      node("runsN", "functionNode", "larger runs (any)", { source: fnSource }),
      node("score", "expressionNode", "score", exprs(score)),
      node("out", "outputNode", "assessment"),
    ],
    edges: [
      edge("e1", "in", "sw"),
      edge("e2", "sw", "runsN", "many"),
      edge("e3", "sw", "runs3", "few"),
      edge("e4", "runsN", "score"),
      edge("e5", "runs3", "score"),
      edge("e6", "in", "score"),
      edge("e7", "score", "out"),
    ],
  };
}

export const name = "@gorules/zen-engine";

let engine = null;
/** An async scorer: `await score(d)` → total. */
export function prepare() {
  const zen = require("@gorules/zen-engine");
  engine ??= new zen.ZenEngine();
  const decision = engine.createDecision(buildGraph());
  return async (d) => (await decision.evaluate(d)).result.total;
}

/** Full output (every key of the score node), for debugging. */
export function prepareFull() {
  const zen = require("@gorules/zen-engine");
  engine ??= new zen.ZenEngine();
  const decision = engine.createDecision(buildGraph());
  return async (d) => (await decision.evaluate(d)).result;
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  console.log(JSON.stringify(buildGraph(), null, 1));
}
