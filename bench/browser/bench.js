// Runs in headless Chromium (driven by bench/run.mjs): instantiate the web build, then score the
// dossiers that /bench/dossiers.json serves. Reports on window.__bench.
import init, { Engine } from "/pkg/web/pingan.js";

const q = new URLSearchParams(location.search);
const mode = q.get("mode") || "instantiate";

async function main() {
  const t0 = performance.now();
  await init({ module_or_path: "/pkg/web/pingan_bg.wasm" });
  const t1 = performance.now();
  const engine = new Engine();
  const t2 = performance.now();
  const out = { instantiate_ms: t1 - t0, engine_ms: t2 - t1 };
  if (mode === "throughput") {
    const dossiers = await (await fetch("/bench/dossiers.json")).json();
    // warm up, then time a whole pass
    for (let i = 0; i < Math.min(200, dossiers.length); i++) engine.score(dossiers[i]);
    let sum = 0;
    const s0 = performance.now();
    for (const d of dossiers) sum += Math.round(engine.score(d).total * 100);
    const s1 = performance.now();
    out.score_us_per_dossier = ((s1 - s0) * 1000) / dossiers.length;
    out.totals_hundredths_sum = sum;
    const e0 = performance.now();
    for (const d of dossiers) engine.evaluate(d);
    out.evaluate_us_per_dossier = ((performance.now() - e0) * 1000) / dossiers.length;
    // per-call latency of score on one dossier
    const one = dossiers[0];
    const lat = [];
    for (let i = 0; i < 3000; i++) {
      const a = performance.now();
      engine.score(one);
      lat.push(performance.now() - a);
    }
    lat.sort((a, b) => a - b);
    out.score_p50_us = lat[Math.floor(lat.length * 0.5)] * 1000;
    out.score_p99_us = lat[Math.floor(lat.length * 0.99)] * 1000;
  }
  window.__bench = out;
}
main().catch((e) => {
  window.__bench = { error: String(e && e.stack || e) };
});
