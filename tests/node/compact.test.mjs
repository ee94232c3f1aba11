// Issue 15 item 3: the compact answers (`score(d, { compact: true })`, a prepared handle's `score` and
// `scoreWith` with `{ compact: true }`) through pkg/node, whose objects the glue builds from numbers
// (src/compact.js) or parses from text (warnings, a veto case). Each must be, key for key and in the
// same order, the compact form of the contract v1 answer to the same call: ids for names, no bases.
import test from "node:test";
import assert from "node:assert/strict";
import { pingan } from "./lib/pingan.mjs";
import { generateDossiers } from "../../scripts/gen-data.mjs";

const engine = new pingan.Engine();

/** The compact answer api.md describes, made from the full one. */
function compactOf(full) {
  const out = { ok: full.ok, total: full.total, base: full.base, bonus: full.bonus, deductions: full.deductions,
    grade: full.grade, grade_by_score: full.grade_by_score, vetoed: full.vetoed };
  if (full.veto_case != null) out.veto_case = full.veto_case;
  out.lines = full.lines.map((l) => {
    const line = { id: l.indicator, kind: l.kind, points: l.points };
    if (l.weight != null) line.weight = l.weight;
    if (l.derived) line.derived = true;
    return line;
  });
  out.warnings = full.warnings;
  return out;
}

const same = (got, full, what) => assert.equal(JSON.stringify(got), JSON.stringify(compactOf(full)), what);

// Derived process grades, n/a indicators, vetoes (rare events ×4) and warnings all occur in the set.
// Every tenth has an indicator the scheme does not know (a warning: the answer goes as text).
const dossiers = [...generateDossiers(120, 7), ...generateDossiers(80, 11, { rare: 4, naRate: 0.5, omitLeadership: 0.8 })];
dossiers.forEach((d, i) => {
  if (i % 10 === 3) d.assessment.indicators.not_in_the_scheme = 50;
});

test("score(d, { compact: true }) is the compact form of score(d), on 200 dossiers", () => {
  const seen = { vetoed: 0, warnings: 0, derived: 0, weightless: 0 };
  for (const d of dossiers) {
    const full = engine.score(d);
    assert.equal(full.ok, true, JSON.stringify(full.errors));
    same(engine.score(d, { compact: true }), full, d.unit.id);
    seen.vetoed += full.vetoed ? 1 : 0;
    seen.warnings += full.warnings.length ? 1 : 0;
    seen.derived += full.lines.some((l) => l.derived) ? 1 : 0;
    seen.weightless += full.lines.some((l) => l.weight == null) ? 1 : 0;
  }
  // The set reaches both of the glue's paths (built from numbers; parsed from text).
  for (const [k, n] of Object.entries(seen)) assert.ok(n > 0, `no dossier with ${k}`);
});

test("a prepared handle's compact score and scoreWith are the compact forms of its full answers", () => {
  let moves = 0;
  for (const d of dossiers.slice(0, 60)) {
    const h = engine.prepare(d);
    assert.equal(h.ok, true);
    same(h.score({ compact: true }), h.score(), d.unit.id);
    const ids = Object.keys(d.assessment.indicators ?? {});
    for (const id of ids.slice(0, 3))
      for (const v of [0, 55.55, 99.99, 100, "n/a"]) {
        const full = h.scoreWith(id, v);
        if (!full.ok) continue;
        same(h.scoreWith(id, v, { compact: true }), full, `${d.unit.id} ${id}=${v}`);
        moves++;
      }
    // A failed move answers as the full call does.
    assert.deepEqual(h.scoreWith("no_such_indicator", 1, { compact: true }), h.scoreWith("no_such_indicator", 1));
    h.free();
  }
  assert.ok(moves > 300, `only ${moves} moves compared`);
});

test("two handles moved in turn keep their own lines; ids of any text are sliced whole", () => {
  const [a, b] = dossiers.filter((d) => (d.inspections ?? []).length >= 2).slice(0, 2).map((d) => structuredClone(d));
  // Ids with CJK, an astral character (two UTF-16 units), a quote and a backslash: the glue slices
  // them out of one string by UTF-16 lengths.
  b.inspections[0].id = "检查/甲😀";
  b.inspections[1].id = 'q"\\\u00e9';
  const ha = engine.prepare(a);
  const hb = engine.prepare(b);
  assert.equal(hb.ok, true, JSON.stringify(hb.failure));
  const idsOf = (r) => r.lines.map((l) => l.id);
  assert.ok(idsOf(hb.score({ compact: true })).includes("inspection/检查/甲😀"));
  // The handle keeps its last indicator's string: moves that switch indicators, a String object, a
  // non-string and a blank one in between answer as the full calls do.
  const other = Object.keys(a.assessment.indicators).find((k) => k !== "satisfaction");
  for (let i = 0; i < 20; i++) {
    const v = 80 + i / 4;
    const ind = i % 3 === 2 ? other : "satisfaction";
    same(ha.scoreWith(ind, v, { compact: true }), ha.scoreWith(ind, v), `a ${ind} ${v}`);
    same(hb.scoreWith("satisfaction", v, { compact: true }), hb.scoreWith("satisfaction", v), `b ${v}`);
    for (const odd of [5, "", new String("satisfaction"), null])
      assert.deepEqual(ha.scoreWith(odd, v, { compact: true }), ha.scoreWith(odd, v, {}), `a ${String(odd)} ${v}`);
  }
  same(engine.score(b, { compact: true }), engine.score(b), "engine.score of b");
  ha.free();
  hb.free();
});

test("hostile options, indicators and values on the compact paths answer, never throw, and the handle still moves", () => {
  const d = dossiers[0];
  const h = engine.prepare(d);
  const revoked = (() => { const r = Proxy.revocable({}, {}); r.revoke(); return r.proxy; })();
  const odd = [undefined, null, 5, "", "x".repeat(5000), revoked, new Proxy({}, { get() { throw new Error("get"); } }),
    { get compact() { throw new Error("getter"); } }, Symbol("s"), 10n, () => 1, [], new String("satisfaction"), { compact: "yes" }];
  const answers = (f) => {
    const r = f();
    assert.equal(typeof r?.ok, "boolean");
    return r;
  };
  for (const o of odd) {
    answers(() => engine.score(d, o));
    answers(() => engine.score(o, { compact: true }));
    answers(() => h.score(o));
    answers(() => h.scoreWith(o, 90, { compact: true }));
    answers(() => h.scoreWith("satisfaction", o, { compact: true }));
    answers(() => h.scoreWith("satisfaction", 90, o));
  }
  // A throwing option getter is refused like any input that is not JSON, and nothing stays borrowed.
  assert.equal(h.scoreWith("satisfaction", 90, { get compact() { throw new Error("x"); } }).ok, false);
  same(h.scoreWith("satisfaction", 91, { compact: true }), h.scoreWith("satisfaction", 91), "after the hostile calls");
  h.free();
  same(engine.score(d, { compact: true }), engine.score(d), "the engine after them");
});
