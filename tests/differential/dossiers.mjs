// Dossiers for the differential check: realistic ones from scripts/gen-data.mjs, and the same bent
// toward the edges where scoring goes wrong: a line landing exactly on x.xx5 (and a hair either side),
// range boundaries and values beyond them, lower-is-better indicators, "n/a" in either kind, bonus and
// deduction caps, a total floored at 0. Deterministic for a seed.

import { generateDossier, mulberry32, provinceUnits } from "../../scripts/gen-data.mjs";
import { CITIES, PROVINCE } from "../../scripts/lib/names.mjs";
import { openCases } from "../../scripts/lib/cases.mjs";
import { POLICY, Q, add, sub, mul, div, decimalOf } from "./reference.mjs";

const S = POLICY.scheme;
const RESULT = S.indicators.filter((i) => i.kind === "result");
const PROCESS = S.indicators.filter((i) => i.kind === "process");
const WR = RESULT.reduce((a, i) => a + i.weight, 0);
const WP = PROCESS.reduce((a, i) => a + i.weight, 0);

const int = (rng, lo, hi) => lo + Math.floor(rng() * (hi - lo + 1));
const pick = (rng, a) => a[Math.floor(rng() * a.length)];

/** A rational with a terminating decimal expansion of at most `max` places, as shortest decimal text. */
function decimalText(q, max = 9) {
  let places = 0;
  while ((10n ** BigInt(places)) % q.d !== 0n) if (++places > max) return null;
  const n = q.n * ((10n ** BigInt(places)) / q.d);
  if (places === 0) return `${n}`;
  const neg = n < 0n;
  const digits = (neg ? -n : n).toString().padStart(places + 1, "0");
  const t = `${digits.slice(0, -places)}.${digits.slice(-places)}`.replace(/0+$/, "").replace(/\.$/, "");
  return (neg ? "-" : "") + t;
}
/** The JS number for a decimal text, provided it prints back as the same text. */
function numberOf(text) {
  if (text === null) return null;
  const x = Number(text);
  return String(x) === text ? x : null;
}

function naWeights(d) {
  const a = d.assessment;
  let r = 0, p = 0;
  for (const i of RESULT) if (a.indicators[i.id] === "n/a") r += i.weight;
  for (const i of PROCESS) if (a.process[i.id] === "n/a") p += i.weight;
  return { r, p };
}

/** An input for result indicator `i` that puts its line exactly on k + ½ hundredths (± `nudge`). */
function halfway(rng, d, i, nudge = 0) {
  const { r } = naWeights(d);
  const w = div(Q(i.weight * WR), Q(WR - r)); // the spread weight
  const z = decimalOf(i.zero_at), f = decimalOf(i.full_at);
  const maxK = Number((w.n * 100n) / w.d) - 1;
  for (let tries = 0; tries < 40; tries++) {
    const k = int(rng, 0, Math.max(0, maxK));
    // x = z + (f − z)·(2k+1) / (200·w)
    let x = add(z, div(mul(sub(f, z), Q(2 * k + 1)), mul(Q(200), w)));
    if (nudge) x = add(x, Q(nudge > 0 ? 1 : -1, 10n ** 7n));
    const v = numberOf(decimalText(x));
    if (v !== null) return v;
  }
  return null;
}

function renumber(list, prefix, start) {
  return list.map((x, k) => ({ ...x, id: `${prefix}${start + k}` }));
}
function dropDanglingCases(d) {
  const ids = new Set(openCases(d).map((c) => c.id));
  if (d.rectifications) d.rectifications = d.rectifications.filter((r) => ids.has(r.case));
  if (d.circumstances) d.circumstances = d.circumstances.filter((c) => ids.has(c.case));
}
const dateIn = (rng, year) => {
  const m = int(rng, 1, 12), day = int(rng, 1, 28);
  return `${year}-${String(m).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
};

const KINDS = ["plain", "half", "half_nudged", "bounds", "na", "caps", "floor", "lower", "mixed"];

/** One dossier of the given edge kind (or a random kind). */
export function edgeDossier(rng, unit, kind = pick(rng, KINDS)) {
  const city = CITIES.find((c) => c.id === unit.parent);
  const d = generateDossier(rng, { unit, city, province: PROVINCE, omitLeadership: kind === "plain" ? 0.2 : 0.05 });
  const a = d.assessment;
  d.edge = kind; // removed by the caller before scoring
  const setHalf = (i, nudge) => {
    const v = halfway(rng, d, i, nudge);
    if (v !== null) a.indicators[i.id] = v;
  };
  switch (kind) {
    case "plain":
      break;
    case "half":
    case "half_nudged": {
      const n = int(rng, 1, 3);
      for (let k = 0; k < n; k++) setHalf(pick(rng, RESULT), kind === "half" ? 0 : pick(rng, [-1, 1]));
      break;
    }
    case "bounds":
      for (const i of RESULT) {
        const lo = Math.min(i.zero_at, i.full_at), hi = Math.max(i.zero_at, i.full_at);
        a.indicators[i.id] = pick(rng, [i.zero_at, i.full_at, lo - 0.1, hi + 0.1, lo - 50, hi + 30, 0, 100, -100, (lo + hi) / 2]);
      }
      break;
    case "na": {
      for (const i of RESULT) if (a.indicators[i.id] === "n/a") a.indicators[i.id] = 90;
      for (const i of PROCESS) if (a.process[i.id] === "n/a") a.process[i.id] = "B";
      const r = RESULT.slice(), p = PROCESS.filter((i) => i.id !== "leadership_duties" || a.process[i.id] !== undefined);
      const nr = int(rng, 0, 2), np = int(rng, nr === 0 ? 1 : 0, 2);
      for (let k = 0; k < nr; k++) a.indicators[r.splice(Math.floor(rng() * r.length), 1)[0].id] = "n/a";
      for (let k = 0; k < np && p.length > 1; k++) a.process[p.splice(Math.floor(rng() * p.length), 1)[0].id] = "n/a";
      // and the spread weight makes for new halfway points
      if (rng() < 0.6) setHalf(pick(rng, RESULT.filter((i) => a.indicators[i.id] !== "n/a")), 0);
      break;
    }
    case "caps": {
      a.bonus = renumber(Array.from({ length: int(rng, 2, 4) }, () => ({ item: "exemplary_practice", points: pick(rng, [1, 1.5, 2]) })), "B", 1);
      if (rng() < 0.7) {
        const extra = Array.from({ length: int(rng, 6, 20) }, () => ({
          date: dateIn(rng, d.year), category: pick(rng, ["criminal_case", "safety_accident", "public_safety"]),
          severity: pick(rng, ["larger", "larger", "major", "general"]), locality: d.unit.id,
        }));
        d.incidents = [...d.incidents, ...renumber(extra, "X", 1)];
        d.inspections = [...d.inspections, ...renumber(Array.from({ length: int(rng, 0, 12) }, () => ({
          date: dateIn(rng, d.year), finding: "issue", rectified: rng() < 0.3,
        })), "M", 1)];
        dropDanglingCases(d);
      }
      break;
    }
    case "floor":
      for (const i of RESULT) a.indicators[i.id] = i.full_at > i.zero_at ? i.zero_at - 5 : i.zero_at + 5;
      for (const i of PROCESS) if (a.process[i.id] !== undefined) a.process[i.id] = pick(rng, ["D", "E", "E"]);
      a.bonus = [];
      d.incidents = [...d.incidents, ...renumber(Array.from({ length: int(rng, 4, 10) }, () => ({
        date: dateIn(rng, d.year), category: "safety_accident", severity: pick(rng, ["larger", "major"]), locality: d.unit.id,
      })), "X", 1)];
      dropDanglingCases(d);
      break;
    case "lower": {
      for (const id of ["criminal_case_change", "safety_death_change"]) {
        const i = RESULT.find((x) => x.id === id);
        if (rng() < 0.5) setHalf(i, 0);
        else a.indicators[id] = numberOf(decimalText(Q(int(rng, -3000, 3000), 100n))) ?? -3.5;
      }
      break;
    }
    case "mixed":
      if (rng() < 0.5) a.indicators[pick(rng, RESULT).id] = "n/a";
      setHalf(pick(rng, RESULT.filter((i) => a.indicators[i.id] !== "n/a")), pick(rng, [0, 0, 1, -1]));
      a.bonus = renumber(Array.from({ length: int(rng, 0, 3) }, () => ({ item: "exemplary_practice", points: pick(rng, [0.5, 1, 1.5, 2]) })), "B", 1);
      break;
  }
  return d;
}

/** `n` dossiers: a share of plain generated ones, the rest spread over the edge kinds. */
export function differentialDossiers(n, seed = 9) {
  const units = provinceUnits();
  const rng = mulberry32(seed);
  const out = [];
  for (let k = 0; k < n; k++) {
    const r = mulberry32(Math.floor(rng() * 4294967296));
    out.push(edgeDossier(r, units[k % units.length], KINDS[k % KINDS.length]));
  }
  return out;
}
