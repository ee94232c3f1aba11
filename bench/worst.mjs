// Worst cases at every limit (issue 12): the slowest input we could construct at each documented limit,
// timed through pkg/node (WASM under Node). bench/run.mjs runs it and puts the figures into
// target/bench/results.json (`worst_case`); README "Limits" quotes them.
//
//   node bench/worst.mjs [--smoke]     (alone: prints the table and writes target/bench/worst.json)
import { createRequire } from "node:module";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as H from "../tests/node/lib/hostile.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

function pad(d, bytes) {
  const t = JSON.stringify(d);
  return { ...d, pad: "x".repeat(Math.max(0, bytes - t.length - 10)) };
}
function nested(depth) {
  let v = 1;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}
function list(name, n, make) {
  const d = H.county();
  d[name] = Array.from({ length: n }, (_, i) => make(i));
  return d;
}
const day = (i) => `2025-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`;

/** [limit, what, run(pingan) → Result] — the inputs are built outside the timing. */
export function cases(smoke = false) {
  const N = smoke ? 200 : 5000;
  const L = smoke ? 50 : 1000;
  return [
    ["input 4 MiB", "a 4 MiB dossier (one long unknown field)", () => pad(H.county(), smoke ? 100_000 : 4 * 1024 * 1024 - 256), (p, e, x) => e.evaluate(x)],
    ["depth 32", "unknown field nested 30 deep", () => ({ ...H.county(), deep: nested(30) }), (p, e, x) => e.evaluate(x)],
    [`lists ${N}`, `${N} referrals (one case each, four rungs)`, () => list("referrals", N, (i) => ({ id: `F${i}`, date: "2025-03-01" })), (p, e, x) => e.evaluate(x)],
    [`lists ${N}`, `${N} serious-disorder inspections, 2 principals, as_of two years on`, () => H.barStorm(2, N), (p, e, x) => e.evaluate(x)],
    [`lists ${N}`, `${N} larger incidents (25.2 runs)`, () => list("incidents", N, (i) => ({ id: `I${i}`, date: day(i), category: "public_safety", severity: "larger", locality: "330106" })), (p, e, x) => e.evaluate(x)],
    [`lists ${N}, leaders ${L}`, `${L} principals leaving on the day of ${smoke ? 20 : 200} major incidents, ${N} on-scene activities`, () => H.dutyStorm(L, smoke ? 20 : 200, N), (p, e, x) => e.evaluate(x)],
    [`lists ${N}, leaders ${smoke ? 5 : 50}`, `${smoke ? 5 : 50} principals × ${N} serious disorders (answer ≈ 28 MB)`, () => H.barStorm(smoke ? 5 : 50, N), (p, e, x) => e.evaluate(x)],
    [`lists ${N}, leaders ${smoke ? 10 : 100}`, `${smoke ? 10 : 100} principals × ${N} serious disorders (answer ceiling)`, () => H.barStorm(smoke ? 10 : 100, N), (p, e, x) => e.evaluate(x)],
    [`lists ${N}, leaders ${L}`, `${L} principals × ${N} serious disorders (answer ceiling)`, () => H.barStorm(L, N), (p, e, x) => e.evaluate(x)],
    ["policy holidays 1,000", `plan_due_working_days 100000, 1,000 holidays, ${smoke ? 100 : 1000} interviews`, () => H.interviewDossier(smoke ? 100 : 1000), (p, e, x) => new p.Engine(H.slowPack()).evaluate(x)],
    ["patch 1,000 ops", "copy + remove of a 1 MiB field, 500 times (work budget)", () => {
      const ops = [];
      for (let i = 0; i < 500; i++) ops.push({ op: "copy", from: "/junk", path: "/c" }, { op: "remove", path: "/c" });
      return [H.amplifyDossier(1 << 20), ops];
    }, (p, e, [d, ops]) => e.whatIf(d, ops)],
    ["patch depth", "12 copies doubling the depth", () => [H.deepCopyDossier(), H.deepCopyPatch()], (p, e, [d, ops]) => e.whatIf(d, ops)],
    ["patch size", "11 copies of a 3.9 MB dossier", () => [H.amplifyDossier(), H.amplifyPatch()], (p, e, [d, ops]) => e.whatIf(d, ops)],
    [`batch ${smoke ? 100 : "10,000"}`, `${smoke ? 100 : "10,000"} dossiers (the county)`, () => Array.from({ length: smoke ? 100 : 10000 }, () => H.county()), (p, e, x) => e.evaluateMany(x)],
  ];
}

export function worstCase(pingan, smoke = false, log = console.log) {
  const rows = [];
  for (const [limit, what, build, run] of cases(smoke)) {
    const input = build();
    const e = new pingan.Engine();
    const t0 = performance.now();
    const r = run(pingan, e, input);
    const ms = performance.now() - t0;
    e.free();
    const ok = r && typeof r.ok === "boolean" ? r.ok : null;
    const code = r && r.ok === false ? r.errors?.[0]?.code : null;
    const row = { limit, what, ms: Math.round(ms), ok, code, memory_mib: Math.round(pingan.memoryBytes() / 1048576) };
    rows.push(row);
    log(`  ${limit.padEnd(26)} ${String(row.ms).padStart(7)} ms  ${ok ? "ok" : `ok:false ${code}`}  ${what}`);
  }
  return rows;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const require = createRequire(import.meta.url);
  const pingan = require(join(ROOT, "pkg", "node", "pingan.js"));
  const smoke = process.argv.includes("--smoke");
  console.log(`worst cases (WASM under Node${smoke ? ", smoke sizes" : ""}):`);
  const rows = worstCase(pingan, smoke);
  const out = join(ROOT, "target", "bench", smoke ? "worst-smoke.json" : "worst.json");
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ when: new Date().toISOString(), rows }, null, 1) + "\n");
  console.log(`wrote ${out.replace(ROOT + "/", "")}`);
}
