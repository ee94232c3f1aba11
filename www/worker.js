// A module worker wrapping the engine for province-scale runs, so the page never freezes.
//
//   const w = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
//   w.postMessage({ id: 1, op: "evaluateMany", url: "/data/province.json" });   // or dossiers: [...]
//   w.onmessage = (e) => { e.data.type: "progress" {done,total} | "done" {...} | "error" | "cancelled" }
//
// Ops:
//   evaluateMany { dossiers | url, scale?, chunk? } → done { total, ranking: [{unit,name,total,grade,rank}],
//                 results: [{ unit, ok, total, grade, vetoed, cases }], failed, firstError, ms }
//   whatIfMany   { dossiers | url, scale?, patches?: Patch[] | patchRule?: { kind:"delta", path, delta, min?, max? } }
//                 → done { ranking (after, with before/beforeGrade), gradeChanges, failed, ms }
//   cancel       { id } stops the run with that id between two chunks.
// The runs work in chunks and yield between them, posting progress; a `cancel` lands between chunks.
// `scale` (1…100) repeats the province to simulate a larger one (unit ids get a "#k" suffix).
// The engine comes through load.js (beside this file): the default build, or the WebAssembly-MVP one on a
// core without the default module's features (module workers need Chromium 80).
import { loadPingan } from "./load.js";
import { getAt } from "./elements/internal/pointer.js";

let enginePromise = null;
function engine() {
  if (!enginePromise) {
    enginePromise = loadPingan().then(({ module }) => new module.Engine());
    enginePromise.catch(() => (enginePromise = null)); // a later op may try again
  }
  return enginePromise;
}

const cancelled = new Set();
const tick = () => new Promise((r) => setTimeout(r, 0));

function listOf(data) {
  if (Array.isArray(data)) return data;
  if (data && typeof data === "object") {
    for (const k of ["dossiers", "counties", "units", "items"]) if (Array.isArray(data[k])) return data[k];
  }
  throw new Error("no list of dossiers in the data");
}

async function loadDossiers(msg) {
  let list;
  if (Array.isArray(msg.dossiers)) list = msg.dossiers;
  else if (msg.url) {
    const url = new URL(msg.url, self.location.href);
    if (url.origin !== self.location.origin) throw new Error("same-origin data only");
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${url.pathname}: ${res.status}`);
    list = listOf(await res.json());
  } else throw new Error("give dossiers or url");
  const scale = Math.max(1, Math.min(100, Math.floor(Number(msg.scale) || 1)));
  if (scale === 1) return list;
  const out = [];
  for (let k = 0; k < scale; k++) {
    for (const d of list) {
      if (k === 0) {
        out.push(d);
        continue;
      }
      const c = JSON.parse(JSON.stringify(d));
      if (c && c.unit) {
        c.unit.id = `${c.unit.id}#${k + 1}`;
        if (c.unit.name) c.unit.name = `${c.unit.name} #${k + 1}`;
        // Letters and incidents refer to the unit by id.
        for (const l of c.letters || []) if (l.subordinate === d.unit.id) l.subordinate = c.unit.id;
        for (const l of c.letters || []) if (l.superior === d.unit.id) l.superior = c.unit.id;
        for (const i of c.incidents || []) if (i.locality === d.unit.id) i.locality = c.unit.id;
        for (const loc of c.localities || []) if (loc.parent === d.unit.id) loc.parent = c.unit.id;
      }
      out.push(c);
    }
  }
  return out;
}

const num = (v) => (typeof v === "number" ? v : Number(v));

function rankRows(rows) {
  rows.sort((a, b) => num(b.total) - num(a.total) || String(a.unit).localeCompare(String(b.unit)));
  let rank = 0;
  rows.forEach((r, i) => {
    if (i === 0 || num(r.total) !== num(rows[i - 1].total)) rank = i + 1;
    r.rank = rank;
  });
  return rows;
}

function patchFor(d, i, msg) {
  if (Array.isArray(msg.patches)) return msg.patches[i] || [];
  const r = msg.patchRule;
  if (!r) return [];
  if (r.kind === "delta") {
    const v = getAt(d, r.path);
    if (typeof v !== "number") return [];
    let x = Math.round((v + Number(r.delta)) * 1e6) / 1e6;
    if (r.max != null) x = Math.min(Number(r.max), x);
    if (r.min != null) x = Math.max(Number(r.min), x);
    return [{ op: "replace", path: r.path, value: x }];
  }
  return [];
}

async function evaluateMany(msg) {
  const eng = await engine();
  const t0 = performance.now();
  const list = await loadDossiers(msg);
  const total = list.length;
  const chunk = Math.max(1, Math.floor(Number(msg.chunk) || Math.max(5, Math.ceil(total / 60))));
  const results = [];
  const rows = [];
  let failed = 0, firstError = null;
  self.postMessage({ id: msg.id, type: "progress", done: 0, total });
  for (let i = 0; i < total; i += chunk) {
    if (cancelled.has(msg.id)) return { type: "cancelled" };
    const part = list.slice(i, i + chunk);
    const r = eng.evaluateMany(part);
    const answers = r && Array.isArray(r.results) ? r.results : part.map(() => r);
    part.forEach((d, k) => {
      const a = answers[k];
      const unit = d && d.unit ? d.unit.id : String(i + k);
      const name = d && d.unit ? d.unit.name : "";
      if (a && a.ok) {
        const as = a.assessment || {};
        results.push({ unit, name, ok: true, total: as.total, grade: as.grade, vetoed: !!as.vetoed, cases: (a.accountability && a.accountability.cases || []).length });
        rows.push({ unit, name, total: as.total, grade: as.grade });
      } else {
        failed++;
        if (!firstError) firstError = (a && a.errors && a.errors[0] && a.errors[0].message) || { zh: "无结果", en: "no result" };
        results.push({ unit, name, ok: false });
      }
    });
    self.postMessage({ id: msg.id, type: "progress", done: Math.min(total, i + chunk), total });
    await tick();
  }
  return { type: "done", op: "evaluateMany", total, results, ranking: rankRows(rows), failed, firstError, ms: Math.round(performance.now() - t0) };
}

async function whatIfMany(msg) {
  const eng = await engine();
  const t0 = performance.now();
  const list = await loadDossiers(msg);
  const total = list.length;
  const chunk = Math.max(1, Math.floor(Number(msg.chunk) || Math.max(3, Math.ceil(total / 60))));
  const rows = [];
  let failed = 0, firstError = null, gradeChanges = 0;
  self.postMessage({ id: msg.id, type: "progress", done: 0, total });
  for (let i = 0; i < total; i += chunk) {
    if (cancelled.has(msg.id)) return { type: "cancelled" };
    for (let k = i; k < Math.min(total, i + chunk); k++) {
      const d = list[k];
      const r = eng.whatIf(d, patchFor(d, k, msg));
      const unit = d && d.unit ? d.unit.id : String(k);
      const name = d && d.unit ? d.unit.name : "";
      if (r && r.ok) {
        const b = (r.before && r.before.assessment) || {};
        const a = (r.after && r.after.assessment) || {};
        if (a.grade !== b.grade) gradeChanges++;
        rows.push({ unit, name, before: b.total, beforeGrade: b.grade, total: a.total, grade: a.grade, changes: (r.changes || []).length });
      } else {
        failed++;
        if (!firstError) firstError = (r && r.errors && r.errors[0] && r.errors[0].message) || { zh: "无结果", en: "no result" };
      }
    }
    self.postMessage({ id: msg.id, type: "progress", done: Math.min(total, i + chunk), total });
    await tick();
  }
  return { type: "done", op: "whatIfMany", total, ranking: rankRows(rows), gradeChanges, failed, firstError, ms: Math.round(performance.now() - t0) };
}

self.addEventListener("message", async (e) => {
  const msg = e.data || {};
  if (msg.op === "cancel") {
    cancelled.add(msg.id);
    return;
  }
  try {
    let out;
    if (msg.op === "evaluateMany") out = await evaluateMany(msg);
    else if (msg.op === "whatIfMany") out = await whatIfMany(msg);
    else throw new Error(`unknown op ${msg.op}`);
    self.postMessage({ id: msg.id, ...out });
  } catch (err) {
    self.postMessage({ id: msg.id, type: "error", message: String(err && err.message ? err.message : err) });
  } finally {
    cancelled.delete(msg.id);
  }
});
