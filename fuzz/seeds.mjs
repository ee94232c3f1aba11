// Seed corpora for the fuzz targets, written into fuzz/corpus/<target>/seed-<sha1> (gitignored):
// the test fixtures, the demo's sample county, and every argument of the golden cases in
// tests/cases/*.json (with their `$fixture` + `$patch` resolved), shaped as each target reads its bytes
// (fuzz/src/lib.rs): `what_if` is dossier U+001E patch, `validate` is one kind byte then the record.
//
//   node fuzz/seeds.mjs            (run by scripts/fuzz.sh before each run; idempotent)
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const fixtures = join(root, "tests/cases/fixtures");
const KINDS = ["dossier", "unit", "leader", "incident", "letter", "assessment", "policy"];
const RS = "\u001e";

const read = (p) => JSON.parse(readFileSync(p, "utf8"));

// RFC 6902 add / remove / replace / copy / move / test, enough for the golden cases' patches.
function pointer(p) {
  return p === "" ? [] : p.split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}
function applyPatch(doc, ops) {
  doc = structuredClone(doc);
  for (const op of ops) {
    const segs = pointer(op.path);
    const last = segs.pop();
    let parent = doc;
    for (const s of segs) parent = parent[Array.isArray(parent) ? Number(s) : s];
    const get = (p) => pointer(p).reduce((v, s) => v[Array.isArray(v) ? Number(s) : s], doc);
    const put = (v) => {
      if (Array.isArray(parent)) parent.splice(last === "-" ? parent.length : Number(last), 0, v);
      else parent[last] = v;
    };
    switch (op.op) {
      case "add": put(structuredClone(op.value)); break;
      case "replace": if (Array.isArray(parent)) parent[Number(last)] = op.value; else parent[last] = op.value; break;
      case "remove": if (Array.isArray(parent)) parent.splice(Number(last), 1); else delete parent[last]; break;
      case "copy": put(structuredClone(get(op.from))); break;
      case "move": { const v = get(op.from); const f = pointer(op.from); const l = f.pop();
        const pa = f.reduce((x, s) => x[Array.isArray(x) ? Number(s) : s], doc);
        if (Array.isArray(pa)) pa.splice(Number(l), 1); else delete pa[l]; put(v); break; }
      default: break;
    }
  }
  return doc;
}
function resolve(v) {
  if (Array.isArray(v)) return v.map(resolve);
  if (v && typeof v === "object") {
    if ("$fixture" in v) {
      const base = read(join(fixtures, `${v.$fixture}.json`));
      return v.$patch ? applyPatch(base, v.$patch) : base;
    }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x)]));
  }
  return v;
}

const seeds = { evaluate: new Set(), policy: new Set(), what_if: new Set(), validate: new Set(), what_if_ops: new Set(), limits: new Set() };
const add = (t, s) => seeds[t].add(s);
const policy = read(join(fixtures, "policy-default.json"));

for (const f of readdirSync(fixtures).filter((f) => f.endsWith(".json"))) {
  const v = read(join(fixtures, f));
  if (v.scheme) add("policy", JSON.stringify(v));
  else add("evaluate", JSON.stringify(v));
}
const sample = join(root, "www/data/sample-county.json");
if (existsSync(sample)) add("evaluate", readFileSync(sample, "utf8"));

for (const f of readdirSync(join(root, "tests/cases")).filter((f) => f.endsWith(".json"))) {
  let doc;
  try { doc = read(join(root, "tests/cases", f)); } catch { continue; }
  for (const c of doc.cases ?? []) {
    let args;
    try { args = resolve(c.args ?? []); } catch { continue; }
    const text = (x) => JSON.stringify(x);
    if (c.policy_patch) {
      try { add("policy", text(applyPatch(policy, c.policy_patch))); } catch { /* a patch for a broken pack */ }
    }
    switch (c.call) {
      case "evaluate": case "score": case "toReach": case "eligibility":
        if (args[0] !== undefined && args[0] !== null) add("evaluate", text(args[0]));
        break;
      case "whatIf":
        add("what_if", text(args[0]) + RS + text(args[1]));
        add("evaluate", text(args[0]));
        break;
      case "checkPolicy":
        if (args[0] !== undefined) add("policy", text(args[0]));
        break;
      case "validate": {
        const k = KINDS.indexOf(args[0]);
        if (k >= 0 && args[1] !== undefined) add("validate", String.fromCharCode(k) + text(args[1]));
        break;
      }
      default: break;
    }
  }
}
// whatIf seeds on the county: the slider move, an incident, a rectification, a removal, a bad pointer.
const county = JSON.stringify(read(join(fixtures, "county.json")));
for (const p of [
  [],
  [{ op: "replace", path: "/assessment/indicators/satisfaction", value: 96 }],
  [{ op: "add", path: "/incidents", value: [{ id: "I1", date: "2025-04-03", category: "safety_accident", severity: "major", impact: "severe" }] }],
  [{ op: "add", path: "/incidents", value: [{ id: "I1", date: "2025-04-03", category: "mass_incident", severity: "larger" }, { id: "I2", date: "2025-06-03", category: "criminal_case", severity: "larger" }] },
   { op: "add", path: "/rectifications", value: [{ case: "25.2/I1+I2", accepted_on: "2025-07-01" }] }],
  [{ op: "remove", path: "/leaders/1" }, { op: "test", path: "/year", value: 2025 }],
  [{ op: "move", from: "/assessment/bonus/0", path: "/assessment/bonus/-" }, { op: "copy", from: "/year", path: "/history/pingan_work_since" }],
]) add("what_if", county + RS + JSON.stringify(p));
// validate seeds for every kind from the county and the policy.
const c = read(join(fixtures, "county.json"));
const records = { dossier: c, unit: c.unit, leader: c.leaders[0], incident: { id: "I1", date: "2025-04-03", category: "safety_accident", severity: "larger", locality: "330106" },
  letter: c.letters[0], assessment: c.assessment, policy };
for (const [k, v] of Object.entries(records)) add("validate", String.fromCharCode(KINDS.indexOf(k)) + JSON.stringify(v));

// Issue 12's reproducers as seeds: the doubling copy patch, the whole-document copies, and the
// bar storm (large but valid dossiers at the limits).
{
  const d = read(join(fixtures, "county-min.json"));
  const deep = Array.from({ length: 12 }, (_, k) => ({ op: "copy", from: "/x", path: "/x".repeat(2 ** k + 1) }));
  add("what_if", JSON.stringify({ ...d, x: {} }) + RS + JSON.stringify(deep));
  add("what_if", JSON.stringify({ ...d, junk: "a".repeat(60000) }) + RS + JSON.stringify(Array.from({ length: 11 }, (_, n) => ({ op: "copy", from: "", path: `/c${n}` }))));
  const storm = { ...d, as_of: "2027-12-31", leaders: Array.from({ length: 20 }, (_, i) => ({ id: `L${i}`, role: "principal" })),
    inspections: Array.from({ length: 300 }, (_, i) => ({ id: `N${i}`, date: `2025-0${1 + (i % 9)}-1${i % 9}`, finding: "serious_disorder" })) };
  add("evaluate", JSON.stringify(storm));
}
// Structure-aware targets read bytes as choices (fuzz/src/lib.rs): all-0xff picks the maximum of
// every range (the limits), 0x00 the minimum, and a few mixes in between.
const bytes = (n, f) => String.fromCharCode(...Array.from({ length: n }, (_, i) => f(i)));
for (const t of ["what_if_ops", "limits"]) {
  add(t, bytes(256, () => 0xff));
  add(t, bytes(256, () => 0x00));
  add(t, bytes(256, (i) => (i * 37) & 0xff));
  add(t, bytes(256, (i) => (i % 4 === 0 ? 0xff : i & 0x7f)));
  add(t, bytes(64, (i) => [3, 3, 2, 1][i % 4]));
}

let total = 0;
for (const [t, set] of Object.entries(seeds)) {
  const dir = join(root, "fuzz/corpus", t);
  mkdirSync(dir, { recursive: true });
  for (const s of set) {
    const h = createHash("sha1").update(s).digest("hex");
    writeFileSync(join(dir, `seed-${h}`), s);
  }
  total += set.size;
  console.log(`seeds ${t.padEnd(8)} ${String(set.size).padStart(4)} → fuzz/corpus/${t}/`);
}
