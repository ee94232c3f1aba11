#!/usr/bin/env node
// Where the time of one call goes (issue 15: "if a bar cannot be met, the profile that bounds it").
// `make profile` builds the shipped module with its function names kept (target/profile/pkg, as
// `make size-names` does) and runs this: each call below is run in a child `node --cpu-prof` on 1,000
// generated dossiers, and every sample is given to the phase of the frame nearest its leaf that names
// one (PHASES, in order), so the shares add up to the call's whole time.
//
//   node bench/profile.mjs [PKG_DIR]       the table, and target/bench/profile.json
//
// The dossiers are bench/run.mjs's (GEN_OPTS). Beside the phases: json-logic-js's and the hand-written function's time on the same dossiers, and
// JSON.stringify + TextEncoder.encodeInto of each dossier alone (what any call taking a JS object pays
// before the module sees a byte).

import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { generateDossiers } from "../scripts/gen-data.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const N = 1000;
const SEED = 42;
/** As bench/run.mjs generates them: every indicator given, no case above rung 1. */
const GEN_OPTS = { omitLeadership: 0, calm: true };

/** The phases, by a frame's name: a sample goes to the phase of the frame nearest its leaf that one of
 * them names (so an allocation counts to the record being read, not to the allocator; where a frame
 * matches two, the first listed), else to GENERIC's if a frame is the crate's, else to REST. */
const PHASES = [
  ["JSON.stringify of the input (JS)", /^__wbg_stringify|^stringify$/],
  ["input text into wasm memory (encodeInto)", /^passStringToWasm|^encodeInto$/],
  ["answer objects built in JS (pinganTape, pinganCompact)", /^pinganTape$|^pinganCompact$|^pinganSlices$|^__wbg_pinganTape|^__wbg_pinganCompact|^decode$/],
  // Before the answer: identical drops are folded into one function under one of their names (a
  // `RawVec<pingan::tape::Open>` drop frees the report's strings too).
  ["records dropped (drop glue)", /drop_glue|as core::ops::drop::Drop>::drop/],
  ["answer written in wasm (tape, serde)", /pingan::tape::|Serialize>::serialize|as serde_core::ser::|CompactParts|compact_parts/],
  ["garbage collection (JS)", /^\(garbage collector\)$/],
  ["input read into records (shape::read)", /Read>::read|pingan::shape::read::|from_text/],
  ["validation rules (validation::)", /pingan::validation::/],
  ["duties (chapters 2–3)", /pingan::duties::|pingan::reform::|pingan::cut::|pingan::table::/],
  ["accountability (chapter 5)", /pingan::accountability::/],
  ["assessment and rewards (chapter 4)", /pingan::assessment::|pingan::rewards::|pingan::exact::/],
];
/** Samples under none of the phases above but in the crate: the engine's own steps, the policy, dates. */
const GENERIC = ["policy, context, the rest of the engine", /pingan::(policy|context|model|date|config|engine)::/];
/** Samples under none of the frames above (the allocator, memcpy, the call's own glue). */
const REST = "allocator, memcpy, glue and the rest";

const CALLS = {
  "score (compact)": (e, d) => e.score(d, { compact: true }),
  "score (contract v1)": (e, d) => e.score(d),
  evaluate: (e, d) => e.evaluate(d),
};

if (process.argv[2] === "--child") {
  // One call type under the profiler: warm up, then the timed passes.
  const require = createRequire(import.meta.url);
  const p = require(join(process.argv[3], "pingan.js"));
  const e = new p.Engine();
  const ds = generateDossiers(N, SEED, GEN_OPTS);
  const f = CALLS[process.argv[4]];
  for (const d of ds) f(e, d);
  const passes = 4;
  const t0 = process.hrtime.bigint();
  for (let k = 0; k < passes; k++) for (const d of ds) f(e, d);
  process.stdout.write(JSON.stringify({ us: Number(process.hrtime.bigint() - t0) / 1000 / (passes * N) }));
  process.exit(0);
}

const pkg = resolve(process.argv[2] || join(ROOT, "target", "profile", "pkg"));

/** Self time per sample node, then each node's phase from its stack. */
function phases(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const self = new Map();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) || 0) + (profile.timeDeltas[i] || 0)));
  const out = new Map([...PHASES.map(([name]) => [name, 0]), [GENERIC[0], 0], [REST, 0]]);
  let call = 0;
  for (const [id, t] of self) {
    const frames = [];
    let inCall = false;
    // rustc's names carry crate hashes (`pingan[0123abcd]::duties::…`): matched without them.
    for (let x = id; x !== undefined; x = parent.get(x)) {
      const { functionName, url } = byId.get(x).callFrame;
      frames.push(functionName.replace(/\[[0-9a-f]{8,}\]/g, ""));
      // Only the samples inside the timed call (below the glue's Engine method), and the GC.
      inCall ||= url.endsWith("/pingan.js") && /^(score|evaluate)$/.test(functionName);
    }
    inCall ||= frames[0] === "(garbage collector)";
    if (!inCall) continue;
    call += t;
    const hit = frames.map((f) => PHASES.find(([, re]) => re.test(f))).find(Boolean);
    const name = hit ? hit[0] : frames.some((f) => GENERIC[1].test(f)) ? GENERIC[0] : REST;
    out.set(name, out.get(name) + t);
  }
  return { call, shares: [...out].map(([name, t]) => [name, call ? t / call : 0]) };
}

function timeIt(f, ds, passes = 4) {
  for (const d of ds) f(d);
  const t0 = process.hrtime.bigint();
  for (let k = 0; k < passes; k++) for (const d of ds) f(d);
  return Number(process.hrtime.bigint() - t0) / 1000 / (passes * ds.length);
}

const ds = generateDossiers(N, SEED, GEN_OPTS);
const jl = await import("./impl/jsonlogic.mjs");
const hand = await import("./impl/hand.mjs");
const enc = new TextEncoder();
const buf = new Uint8Array(1 << 22);
const peers = {
  "json-logic-js rule": timeIt(jl.prepare(), ds),
  "hand-written JS": timeIt(hand.prepare(), ds),
  "JSON.stringify + encodeInto of the dossier": timeIt((d) => enc.encodeInto(JSON.stringify(d), buf), ds),
};

const results = {};
for (const name of Object.keys(CALLS)) {
  const dir = mkdtempSync(join(tmpdir(), "pingan-prof-"));
  const out = execFileSync(process.execPath, ["--cpu-prof", "--cpu-prof-interval", "50", "--cpu-prof-dir", dir,
    fileURLToPath(import.meta.url), "--child", pkg, name], { encoding: "utf8" });
  const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
  const { us } = JSON.parse(out);
  const { shares } = phases(JSON.parse(readFileSync(join(dir, file), "utf8")));
  rmSync(dir, { recursive: true, force: true });
  results[name] = { us, phases: Object.fromEntries(shares.map(([k, s]) => [k, { share: s, us: s * us }])) };
}

const pad = (s, n) => String(s).padEnd(n);
console.log(`pingan profile — ${new Date().toISOString()} — ${N} dossiers (seed ${SEED}), names kept (${pkg})`);
for (const [k, us] of Object.entries(peers)) console.log(`  ${pad(k, 46)} ${us.toFixed(1).padStart(7)} µs`);
for (const [name, r] of Object.entries(results)) {
  console.log(`\n${name}: ${r.us.toFixed(1)} µs per call (profiled; the profiler adds a few per cent)`);
  for (const [k, { share, us }] of Object.entries(r.phases)) {
    if (share >= 0.005) console.log(`  ${pad(k, 58)} ${(100 * share).toFixed(1).padStart(5)} % ${us.toFixed(1).padStart(7)} µs`);
  }
}
mkdirSync(join(ROOT, "target", "bench"), { recursive: true });
writeFileSync(join(ROOT, "target", "bench", "profile.json"),
  JSON.stringify({ date: new Date().toISOString(), dossiers: N, seed: SEED, peers, calls: results }, null, 1) + "\n");
console.log("\nwrote target/bench/profile.json");
