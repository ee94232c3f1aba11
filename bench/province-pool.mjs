// Issue 16: a province of 9,000 dossiers (the 90 sample counties of www/data/province.json × 100, unit ids
// made unique) scored and ranked through a pool of worker threads (min(4, cores), as the province page's
// pool of Web Workers), and on one thread for the ratio. Called from bench/run.mjs; runs alone too:
//   node bench/province-pool.mjs [--smoke]
import { Worker } from "node:worker_threads";
import { readFileSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const PKG_NODE = join(ROOT, "pkg", "node", "pingan.js");

// The worker: the same copy rule as www/province-worker.js, then engine.score per dossier.
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const p = require(${JSON.stringify(PKG_NODE)});
const e = new p.Engine();
const { base, from, to } = workerData;
const n = base.length, out = [];
for (let j = from; j < to; j++) {
  const d0 = base[j % n], k = Math.floor(j / n);
  let d = d0;
  if (k > 0) {
    d = structuredClone(d0);
    d.unit.id = d0.unit.id + "#" + (k + 1);
    for (const l of d.letters || []) { if (l.subordinate === d0.unit.id) l.subordinate = d.unit.id; if (l.superior === d0.unit.id) l.superior = d.unit.id; }
    for (const i of d.incidents || []) if (i.locality === d0.unit.id) i.locality = d.unit.id;
  }
  const a = e.score(d);
  out.push(a.ok ? [j, d.unit.id, a.total, a.grade] : [j, d.unit.id, null, null]);
}
parentPort.postMessage(out);`;

function rank(rows) {
  rows.sort((a, b) => b[2] - a[2] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  let r = 0;
  rows.forEach((x, i) => {
    if (i === 0 || x[2] !== rows[i - 1][2]) r = i + 1;
    x.push(r);
  });
  return rows;
}

function runPool(base, count, workers) {
  const per = Math.ceil(count / workers);
  const jobs = [];
  for (let k = 0; k < workers; k++) {
    const from = k * per, to = Math.min(count, from + per);
    if (from >= to) break;
    jobs.push(new Promise((ok, fail) => {
      const w = new Worker(WORKER, { eval: true, workerData: { base, from, to } });
      w.once("message", (m) => {
        ok(m);
        w.terminate();
      });
      w.once("error", fail);
    }));
  }
  return Promise.all(jobs).then((parts) => parts.flat());
}

export async function provincePool({ smoke = false, log = console.log } = {}) {
  const province = JSON.parse(readFileSync(join(ROOT, "www", "data", "province.json"), "utf8"));
  const base = province.dossiers;
  const scale = smoke ? 1 : 100;
  const count = base.length * scale;
  const workers = Math.max(1, Math.min(4, os.cpus().length));
  const t0 = performance.now();
  const pooled = rank((await runPool(base, count, workers)).filter((x) => x[2] !== null));
  const poolMs = performance.now() - t0;
  const t1 = performance.now();
  const single = rank((await runPool(base, count, 1)).filter((x) => x[2] !== null));
  const singleMs = performance.now() - t1;
  const same = pooled.length === single.length && pooled.every((x, i) => x[1] === single[i][1] && x[4] === single[i][4]);
  const out = {
    dossiers: count, ranked: pooled.length, workers, pool_ms: Math.round(poolMs), one_thread_ms: Math.round(singleMs),
    speedup: Math.round((singleMs / poolMs) * 100) / 100, same_ranking: same, loadavg: os.loadavg(),
  };
  log(`province of ${count} dossiers (issue 16): ranked in ${out.pool_ms} ms by ${workers} worker threads, ${out.one_thread_ms} ms on one (×${out.speedup}); same ranking: ${same}`);
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await provincePool({ smoke: process.argv.includes("--smoke") });
}
