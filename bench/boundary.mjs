#!/usr/bin/env node
// The boundary by measurement (issue 15 item 6; ARCHITECTURE.md "The boundary"): what each way of moving
// a value across costs, in one run. `node bench/boundary.mjs` after `make build`.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateDossiers } from "../scripts/gen-data.mjs";
const require = createRequire(import.meta.url);
const p = require(join(dirname(fileURLToPath(import.meta.url)), "..", "pkg", "node", "pingan.js"));
const e = new p.Engine();
const d = generateDossiers(1, 42, { omitLeadership: 0, calm: true })[0];
const text = JSON.stringify(d);
const med = (f, n = 4000) => { for (let i = 0; i < 300; i++) f(i); const t = []; for (let k = 0; k < 7; k++) { const a = process.hrtime.bigint(); for (let i = 0; i < n; i++) f(i); t.push(Number(process.hrtime.bigint() - a) / n / 1000); } t.sort((x, y) => x - y); return t[3]; };
const h = e.prepare(d);
const v1 = JSON.stringify(e.score(d)), cp = JSON.stringify(e.score(d, { compact: true }));
const r = {
  "dossier: JSON.stringify in JS": med(() => JSON.stringify(d), 2000),
  ["score v1 answer: JSON.parse in JS (bytes " + v1.length + ")"]: med(() => JSON.parse(v1), 2000),
  ["score compact answer: JSON.parse in JS (bytes " + cp.length + ")"]: med(() => JSON.parse(cp), 2000),
  "options {compact:true}: JSON.stringify in JS": med(() => JSON.stringify({ compact: true })),
  "score(d) (text in, v1 text out)": med(() => e.score(d), 1000),
  "scoreJson(text) (no stringify, no parse)": med(() => e.scoreJson(text), 1000),
  "score(d, {compact}) (Reflect.get for the option)": med(() => e.score(d, { compact: true }), 1000),
  "scoreWith(ind, number): number read directly": med((i) => h.scoreWith("satisfaction", 85 + (i % 110) / 10, { compact: true })),
  "scoreWith(ind, Number object): through JSON.stringify + parse": med((i) => h.scoreWith("satisfaction", new Number(85 + (i % 110) / 10), { compact: true })),
  "scoreWith v1 answer": med((i) => h.scoreWith("satisfaction", 85 + (i % 110) / 10)),
  "prepared.score({compact})": med(() => h.score({ compact: true })),
};
for (const [k, v] of Object.entries(r)) console.log(v.toFixed(2).padStart(9), "µs ", k);
