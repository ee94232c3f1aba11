// The province page's module worker (issue 16). The page runs several of these as a pool
// (navigator.hardwareConcurrency, at most 4) and gives each a slice of the batch; every op works in
// chunks, posts progress between them and stops at the next chunk after a `cancel`.
//
//   { id, op: "score",     items }                        → done { results: [{ i, ok, total, grade, vetoed, errors? }] }
//   { id, op: "whatif",    items, indicator, amount }     → done { results: [{ i, ok, before, after }] }
//   { id, op: "whatif",    items, patch }                 → the same, for any JSON Patch applied to every dossier
//   { id, op: "reform",    items, policy }                → done { units: [...], failed: [...] } (indices are slice-local)
//   { id, op: "fromTable", rows, options }                → done { answer }
//   { id, op: "cancel" }
// `items` is either { dossiers } or { base, from, to }: the virtual province base × k (copy k > 0 gets unit
// ids with “#k+1”), so a 9,000-dossier province needs only the 90 base dossiers in each message.
import { loadPingan } from "./load.js";

let ready = null;
const engine = () => (ready ??= loadPingan().then(({ module }) => new module.Engine()));
const cancelled = new Set();
const tick = () => new Promise((r) => setTimeout(r, 0));
const CHUNK = 50;

function copyOf(d, k) {
  if (k === 0) return d;
  const c = structuredClone(d);
  const id = `${d.unit.id}#${k + 1}`;
  c.unit.id = id;
  if (c.unit.name) c.unit.name = `${c.unit.name}（${k + 1}）`;
  for (const l of c.letters || []) {
    if (l.subordinate === d.unit.id) l.subordinate = id;
    if (l.superior === d.unit.id) l.superior = id;
  }
  for (const i of c.incidents || []) if (i.locality === d.unit.id) i.locality = id;
  for (const loc of c.localities || []) if (loc.parent === d.unit.id) loc.parent = id;
  return c;
}

function* dossiersOf(items) {
  if (Array.isArray(items.dossiers)) {
    for (let i = 0; i < items.dossiers.length; i++) yield [i, items.dossiers[i]];
    return;
  }
  const n = items.base.length;
  for (let j = items.from; j < items.to; j++) yield [j, copyOf(items.base[j % n], Math.floor(j / n))];
}
const countOf = (items) => (Array.isArray(items.dossiers) ? items.dossiers.length : items.to - items.from);

function brief(a) {
  return a.ok ? { ok: true, total: a.total, grade: a.grade, vetoed: a.vetoed } : { ok: false, errors: a.errors.slice(0, 3) };
}

function shifted(d, indicator, kind, amount, grades) {
  const c = structuredClone(d);
  const a = c.assessment;
  if (!a) return null;
  if (kind === "result") {
    const v = a.indicators?.[indicator];
    if (typeof v !== "number") return null;
    a.indicators[indicator] = Math.round((v + amount) * 1e6) / 1e6;
  } else {
    const g = a.process?.[indicator];
    const at = grades.indexOf(g);
    if (at < 0) return null;
    // +1 is one grade better (towards the first grade of the table).
    a.process[indicator] = grades[Math.max(0, Math.min(grades.length - 1, at - Math.round(amount)))];
  }
  return c;
}

async function run(msg) {
  const e = await engine();
  const { id, op } = msg;
  const post = (type, body) => self.postMessage({ id, type, ...body });
  if (op === "fromTable") {
    post("done", { answer: e.fromTable(msg.rows, msg.options) });
    return;
  }
  const total = countOf(msg.items);
  let done = 0;
  const results = [];
  if (op === "reform") {
    // Reform in chunks; indices come back slice-local (0…total-1), ranks are recomputed by the page.
    const units = [], failed = [];
    let chunk = [], base = 0;
    const flush = () => {
      const r = e.reform(chunk, msg.policy);
      if (!r.ok) throw Object.assign(new Error("policy"), { errors: r.errors });
      for (const u of r.units) units.push({ ...u, index: u.index + base });
      for (const f of r.failed) failed.push({ ...f, index: f.index + base });
      base += chunk.length;
      chunk = [];
    };
    for (const [, d] of dossiersOf(msg.items)) {
      chunk.push(d);
      if (chunk.length === CHUNK) {
        flush();
        done = base;
        post("progress", { done, total });
        await tick();
        if (cancelled.has(id)) return post("cancelled", {});
      }
    }
    if (chunk.length) flush();
    post("done", { units, failed });
    return;
  }
  const grades = op === "whatif" ? e.policy().scheme.grades.map((g) => g.grade) : [];
  const kind = op === "whatif" ? e.policy().scheme.indicators.find((x) => x.id === msg.indicator)?.kind : null;
  for (const [i, d] of dossiersOf(msg.items)) {
    const before = e.score(d);
    if (op === "score") {
      results.push({ i, ...brief(before) });
    } else if (Array.isArray(msg.patch)) {
      // Any JSON Patch (RFC 6902) applied to every dossier: whatIf's before and after assessments.
      const w = before.ok ? e.whatIf(d, msg.patch) : null;
      const ok = !!(w && w.ok && w.before.assessment && w.after.assessment);
      results.push(ok
        ? { i, ok: true, before: brief({ ok: true, ...w.before.assessment }), after: brief({ ok: true, ...w.after.assessment }), applied: true }
        : { i, ok: false, before: brief(before), after: brief(before), applied: false, errors: (w && !w.ok ? w.errors : []).slice(0, 3) });
    } else {
      const changed = before.ok ? shifted(d, msg.indicator, kind, Number(msg.amount) || 0, grades) : null;
      const after = changed ? e.score(changed) : before;
      results.push({ i, ok: before.ok && after.ok, before: brief(before), after: brief(after), applied: !!changed });
    }
    done++;
    if (done % CHUNK === 0) {
      post("progress", { done, total });
      await tick();
      if (cancelled.has(id)) return post("cancelled", {});
    }
  }
  post("done", { results });
}

self.onmessage = (ev) => {
  const msg = ev.data || {};
  if (msg.op === "cancel") {
    cancelled.add(msg.id);
    return;
  }
  run(msg).catch((err) => self.postMessage({ id: msg.id, type: "error", message: String(err?.message || err), errors: err?.errors }));
};
