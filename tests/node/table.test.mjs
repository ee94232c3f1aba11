// Issue 16: spreadsheets in. The template filled from the 90 sample counties (www/data/province.json)
// reads back, through pkg/node, into 90 dossiers that score exactly as the sample dossiers reduced to
// their unit and assessment; headers in any order and as keys read the same; bad cells are named by
// spreadsheet row and column in Chinese.
import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pingan, ROOT } from "./lib/pingan.mjs";
import { getPointer, hasPointer } from "./lib/json.mjs";

const province = JSON.parse(readFileSync(join(ROOT, "www", "data", "province.json"), "utf8"));
const engine = new pingan.Engine();
const { headers } = engine.tableTemplate();
const OPTIONS = { year: province.year, as_of: province.as_of };

/** One sheet row from a dossier, as staff would type it. */
function rowOf(d) {
  return headers.map(({ key }) => {
    if (key === "/assessment/bonus") {
      const h = (d.assessment.bonus ?? []).reduce((s, b) => s + Math.round(b.points * 100), 0);
      return h === 0 ? "" : h / 100;
    }
    return hasPointer(d, key) ? getPointer(d, key) : "";
  });
}

function reduced(d) {
  return { as_of: d.as_of, year: d.year, unit: d.unit, localities: d.localities, assessment: d.assessment };
}

const pick = (a) => ({ total: a.total, base: a.base, bonus: a.bonus, deductions: a.deductions, grade: a.grade, vetoed: a.vetoed });

test("the template has one column per indicator of the scheme, one bonus total, keys are JSON Pointers", () => {
  const policy = engine.policy();
  const keys = headers.map((h) => h.key);
  for (const ind of policy.scheme.indicators) {
    const section = ind.kind === "result" ? "indicators" : "process";
    assert.ok(keys.includes(`/assessment/${section}/${ind.id}`), ind.id);
  }
  assert.equal(keys.filter((k) => k.startsWith("/assessment/bonus")).length, 1);
  assert.equal(new Set(headers.map((h) => h.zh)).size, headers.length, "Chinese labels are unique");
  assert.equal(headers.length, 5 + policy.scheme.indicators.length + 2);
});

test("fromTable round-trips tableTemplate on the 90 sample counties", () => {
  assert.equal(province.dossiers.length, 90);
  const rows = [headers.map((h) => h.zh), ...province.dossiers.map(rowOf)];
  const r = engine.fromTable(rows, OPTIONS);
  assert.equal(r.ok, true, JSON.stringify(r.errors));
  assert.deepEqual(r.issues, []);
  assert.equal(r.rows, 90);
  assert.equal(r.dossiers.length, 90);
  let withBonus = 0, derived = 0;
  province.dossiers.forEach((sample, i) => {
    const d = r.dossiers[i];
    assert.equal(d.unit.id, sample.unit.id);
    const v = engine.validate("dossier", d);
    assert.equal(v.ok, true, `${sample.unit.id}: ${JSON.stringify(v.errors)}`);
    const got = engine.score(d);
    const want = engine.score(reduced(sample));
    assert.equal(got.ok, true, JSON.stringify(got.errors));
    assert.equal(want.ok, true, JSON.stringify(want.errors));
    assert.deepEqual(pick(got), pick(want), sample.unit.id);
    if ((sample.assessment.bonus ?? []).length) withBonus++;
    if (!("leadership_duties" in sample.assessment.process)) derived++;
  });
  // The round trip exercised both the bonus split and the derived grade.
  assert.ok(withBonus > 10 && derived > 10, `${withBonus} with bonus, ${derived} derived`);
});

test("headers as keys, in reverse order, with numbers as text, read the same", () => {
  const straight = engine.fromTable([headers.map((h) => h.zh), ...province.dossiers.slice(0, 10).map(rowOf)], OPTIONS);
  const rev = (a) => [...a].reverse();
  const rows = [rev(headers.map((h) => h.key)), ...province.dossiers.slice(0, 10).map((d) => rev(rowOf(d).map((c) => (c === "" ? "" : ` ${c} `))))];
  const r = engine.fromTable(rows, OPTIONS);
  assert.equal(r.ok, true);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.dossiers, straight.dossiers);
});

test("bad cells: spreadsheet row and column, the header, a Chinese message with full-width punctuation", () => {
  const rows = [headers.map((h) => h.zh), ...province.dossiers.slice(0, 8).map(rowOf)];
  const sat = headers.findIndex((h) => h.key === "/assessment/indicators/satisfaction");
  const grass = headers.findIndex((h) => h.key === "/assessment/process/grassroots_foundation");
  rows[3][sat] = "九十";
  rows[5][grass] = "优";
  rows[6][0] = "";
  const r = engine.fromTable(rows, OPTIONS);
  assert.equal(r.ok, true);
  assert.equal(r.dossiers.length, 5, "the good rows still become dossiers");
  const at = (row) => r.issues.filter((i) => i.row === row);
  assert.equal(at(4)[0].column, String.fromCharCode(65 + sat));
  assert.equal(at(4)[0].header, "群众安全感满意度");
  assert.equal(at(4)[0].message.zh, `第 4 行 ${String.fromCharCode(65 + sat)} 列（群众安全感满意度）：应为 0–100 之间的数`);
  assert.equal(at(6)[0].code, "bad_enum");
  assert.equal(at(7)[0].column, "A");
  assert.equal(at(7)[0].code, "required");
  for (const i of r.issues) {
    assert.match(i.message.zh, /^第 \d+ 行 [A-Z]+ 列（[^）]+）：/);
    assert.doesNotMatch(i.message.zh, /[(),:;]/, "full-width punctuation in zh");
  }
});

test("a sheet past the row limit is refused, not read", () => {
  const rows = [headers.map((h) => h.zh)];
  for (let i = 0; i < 10001; i++) rows.push([]);
  const r = engine.fromTable(rows, OPTIONS);
  assert.equal(r.ok, false);
  assert.equal(r.errors[0].code, "too_many");
});

test("reform of the sample province under its own pack moves nothing; under a changed pack it moves", () => {
  const same = engine.reform(province.dossiers, pingan.defaultPolicy());
  assert.equal(same.ok, true, JSON.stringify(same.errors));
  assert.deepEqual(same.moved, { grades: 0, ranks: 0, up: 0, down: 0 });
  assert.equal(same.units.length + same.failed.length, 90);
  const p = pingan.defaultPolicy();
  p.scheme.bands[0].min = 85; // excellent from 85
  const r = engine.reform(province.dossiers, p);
  assert.equal(r.ok, true);
  const crossed = r.units.filter((u) => u.before.total >= 85 && u.before.total < 90 && !u.before.grade.startsWith("fail"));
  const changed = r.units.filter((u) => u.before.grade !== u.after.grade);
  assert.equal(r.moved.grades, changed.length);
  assert.ok(changed.every((u) => u.after.grade === "excellent" && u.before.total >= 85 && u.before.total < 90));
  assert.equal(changed.length, crossed.filter((u) => u.before.grade === "good").length);
  assert.deepEqual(r.grades.before, same.grades.before);
});

test("fromTable and reform never throw on garbage, and the engine keeps answering", () => {
  const cyc = [];
  cyc.push(cyc);
  let deep = [];
  for (let i = 0; i < 5000; i++) deep = [deep];
  const bad = [undefined, null, 0, NaN, "x", true, {}, [], [null], [[{}]], [[[1, [2]]]], cyc, deep, [["单位代码", "单位类别"], [{ a: 1 }, [1]]],
    [["单位代码"], ["x".repeat(100000)]], 10n, Symbol("s"), () => 1, [[1e308, -0, "\u0000"]]];
  for (const a of bad) {
    for (const b of [undefined, null, {}, { year: 2025, as_of: "2025-12-31" }, { year: "2025", as_of: 5 }, cyc]) {
      const r = engine.fromTable(a, b);
      assert.equal(typeof r.ok, "boolean");
      if (!r.ok) assert.ok(r.errors.length > 0);
      const f = engine.reform(a, b);
      assert.equal(typeof f.ok, "boolean");
      if (f.ok) assert.ok(Array.isArray(f.units));
    }
  }
  const r = engine.fromTable([headers.map((h) => h.zh), rowOf(province.dossiers[0])], OPTIONS);
  assert.equal(r.ok, true);
  assert.equal(r.dossiers.length, 1);
});
