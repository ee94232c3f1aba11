// Memory bound (issue 9): N evaluate calls through the Node binding keep the wasm linear memory under a
// documented bound, and engines are freed. Prints `N passed, M failed` for CI.
// Usage: node tests/memory/run.mjs [calls=100000]
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
const require = createRequire(import.meta.url);
const p = require("../../pkg/node/pingan.js");

/** The documented bound on wasm memory after 100,000 evaluate calls (README "Limits"). */
export const BOUND_BYTES = 16 * 1024 * 1024;

const calls = Number(process.argv[2] ?? 100_000);
const county = JSON.parse(readFileSync(new URL("../cases/fixtures/county.json", import.meta.url), "utf8"));
const province = JSON.parse(readFileSync(new URL("../../www/data/province.json", import.meta.url), "utf8"));
const dossiers = (Array.isArray(province) ? province : province.dossiers ?? []).slice(0, 50);
dossiers.push(county);

let passed = 0;
let failed = 0;
const check = (ok, what) => {
  if (ok) passed++;
  else {
    failed++;
    console.error("FAIL:", what);
  }
};

const wasmMemory = () => p.memoryBytes();

const engine = new p.Engine();
const start = wasmMemory();
const t0 = process.hrtime.bigint();
let okCount = 0;
for (let i = 0; i < calls; i++) {
  const r = engine.evaluate(dossiers[i % dossiers.length]);
  if (r.ok) okCount++;
  if (i % 997 === 0) engine.evaluate({ as_of: "garbage" }); // error paths allocate too
}
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const end = wasmMemory();
check(okCount === calls, `every evaluate answered ok (${okCount}/${calls})`);
console.log(`wasm memory: ${start} bytes at start, ${end} bytes after ${calls} evaluate calls (bound ${BOUND_BYTES})`);
check(end <= BOUND_BYTES, `memory ${end} ≤ bound ${BOUND_BYTES}`);
// Engines are freed: creating and freeing many does not grow memory past the bound either.
for (let i = 0; i < 2_000; i++) new p.Engine().free();
const afterEngines = wasmMemory();
check(afterEngines <= BOUND_BYTES, `after 2,000 engines freed: ${afterEngines} ≤ ${BOUND_BYTES}`);
engine.free();
console.log(`${calls} evaluate calls in ${ms.toFixed(0)} ms (${((ms * 1000) / calls).toFixed(1)} µs per call)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
