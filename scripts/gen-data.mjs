#!/usr/bin/env node
// Sample data for the demo and the benchmarks: made-up but realistic county dossiers (api.md "The
// dossier", field names and vocabularies as in src/model.rs). Plain Node ESM, no dependencies, and
// deterministic: the same seed gives byte-identical output.
//
//   node scripts/gen-data.mjs            writes www/data/province.json and www/data/sample-county.json
//   node scripts/gen-data.mjs --check    regenerates in memory and fails if the files differ or a
//                                        dossier breaks a date or reference rule
//
// Exports: mulberry32, generateDossier(rng, opts), generateProvince(seed), generateDossiers(n, seed),
// sampleCounty(), checkDossier(d).

import { writeFileSync, readFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { dayOf, dateOf, isRealDate } from "./lib/calendar.mjs";
import { openCases } from "./lib/cases.mjs";
import * as N from "./lib/names.mjs";
import { sampleCounty } from "./lib/sample.mjs";

export { sampleCounty };

export const DEFAULT_SEED = 20250101;
export const YEAR = 2025;
export const AS_OF = "2025-12-31";
// Not 2026-01-20: api.md forbids any date after as_of, and the engine rejects one (date_after_as_of).
export const DECIDED_ON = "2025-12-31";

// ---------------------------------------------------------------------------------------------------
// PRNG

/** mulberry32: a small, fast 32-bit generator; returns a function giving floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (rng, lo, hi) => lo + Math.floor(rng() * (hi - lo + 1));
const pick = (rng, arr) => arr[Math.floor(rng() * arr.length)];
const chance = (rng, p) => rng() < p;
const clamp01 = (x) => (x < 0 ? 0 : x > 1 ? 1 : x);
const round1 = (x) => Math.round(x * 10) / 10;
/** A random element, weighted: `[[value, weight], …]`. */
function weighted(rng, pairs) {
  let total = 0;
  for (const [, w] of pairs) total += w;
  let r = rng() * total;
  for (const [v, w] of pairs) {
    if ((r -= w) < 0) return v;
  }
  return pairs[pairs.length - 1][0];
}
function shuffle(rng, arr) {
  const a = arr.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
function personName(rng, used) {
  for (let k = 0; k < 50; k++) {
    const n = pick(rng, N.SURNAMES) + pick(rng, N.GIVEN) + (chance(rng, 0.7) ? pick(rng, N.GIVEN) : "");
    if (!used.has(n)) {
      used.add(n);
      return n;
    }
  }
  return pick(rng, N.SURNAMES) + pick(rng, N.GIVEN) + pick(rng, N.GIVEN) + used.size;
}
/** A day number drawn uniformly from [lo, hi] (day numbers). */
const dayIn = (rng, lo, hi) => int(rng, lo, Math.max(lo, hi));

// ---------------------------------------------------------------------------------------------------
// One dossier

/**
 * A made-up county dossier for one year.
 *
 * opts: { unit: {id, name, parent}, city: {id, name}, province: {id, name}, year, asOf, decidedOn,
 *         quality (0..1, drawn when absent), omitLeadership (probability that `leadership_duties` is left
 *         for the engine to derive, default 0.3), naRate (probability of one "n/a" indicator, default 0.06),
 *         rare (multiplier on the rare events: major incidents, serious disorder, referrals; default 1),
 *         calm (no case that opens above rung 1: no `impact`, no aggravating circumstance, no especially
 *         major incident — the benchmark's reference scorers count one circular per case) }
 */
export function generateDossier(rng, opts = {}) {
  const year = opts.year ?? YEAR;
  const asOf = opts.asOf ?? AS_OF;
  const decidedOn = opts.decidedOn ?? DECIDED_ON;
  const province = opts.province ?? N.PROVINCE;
  const city = opts.city ?? N.CITIES[0];
  const unit = opts.unit ?? { id: city.id.slice(0, 4) + String(int(rng, 2, 99)).padStart(2, "0"), name: "示例县", parent: city.id };
  const q = opts.quality ?? clamp01((rng() + rng() + rng()) / 3 * 1.2 - 0.05);
  const rare = opts.rare ?? 1;
  const calm = opts.calm ?? false;
  const y0 = dayOf(`${year}-01-01`);
  const yEnd = Math.min(dayOf(`${year}-12-31`), dayOf(asOf));
  const usedNames = new Set();

  // ---- leaders ------------------------------------------------------------------------------------
  const leaders = [];
  const addLeader = (l) => {
    l.id = `L${leaders.length + 1}`;
    leaders.push(l);
    return l;
  };
  const sinceBefore = () => dateOf(dayIn(rng, dayOf("2019-01-01"), y0 - 20));
  const secretary = addLeader({ name: personName(rng, usedNames), role: "principal", post: "party_secretary", since: sinceBefore() });
  const head = addLeader({ name: personName(rng, usedNames), role: "principal", post: "government_head", since: sinceBefore() });
  const inCharge = addLeader({ name: personName(rng, usedNames), role: "in_charge", post: "political_legal_secretary", since: sinceBefore() });
  const nMembers = int(rng, 3, 6);
  const domainPool = shuffle(rng, N.DOMAINS);
  const posts = shuffle(rng, N.MEMBER_POSTS);
  const members = [];
  for (let i = 0; i < nMembers; i++) {
    const k = int(rng, 1, 3);
    const domains = [];
    for (let j = 0; j < k && domainPool.length; j++) domains.push(domainPool.shift());
    members.push(addLeader({ name: personName(rng, usedNames), role: "member", post: posts[i % posts.length], domains, since: sinceBefore() }));
  }
  // A member without a domain now and then (a finding under art. 7(3)).
  if (chance(rng, 0.03 * (1.5 - q))) members[members.length - 1].domains = [];

  // A change of post during the year, now and then, with (usually) a handover record.
  const handovers = [];
  if (chance(rng, 0.08)) {
    const who = pick(rng, [head, inCharge, members[0]]);
    const leave = dayIn(rng, dayOf(`${year}-03-01`), dayOf(`${year}-10-31`));
    who.until = dateOf(leave);
    const successor = addLeader({
      name: personName(rng, usedNames), role: who.role, post: who.post,
      ...(who.domains ? { domains: who.domains.slice() } : {}), since: dateOf(leave + 1),
    });
    if (who.role !== "member" ? chance(rng, 0.9) : chance(rng, 0.5)) handovers.push({ from: who, to: successor, day: leave });
  }
  const tenure = (l) => [Math.max(y0, l.since ? dayOf(l.since) : y0), Math.min(yEnd, l.until ? dayOf(l.until) : yEnd)];
  const current = (l) => !l.until;
  const principalsNow = leaders.filter((l) => l.role === "principal" && current(l));
  const inChargeNow = leaders.filter((l) => l.role === "in_charge" && current(l));
  const membersAll = leaders.filter((l) => l.role === "member");

  // ---- incidents ----------------------------------------------------------------------------------
  const incidents = [];
  const memberDomains = membersAll.flatMap((m) => m.domains || []);
  const addIncident = (severity) => {
    const category = weighted(rng, [
      ["criminal_case", 25], ["safety_accident", 30], ["mass_incident", 10], ["public_safety", 12],
      ["economic_order", 10], ["cyber_security", 8], ["national_security", severity === "general" ? 5 : 1],
    ]);
    const candidates = N.CATEGORY_DOMAINS[category].filter((d) => memberDomains.includes(d));
    const domain = candidates.length && chance(rng, 0.85) ? pick(rng, candidates) : N.CATEGORY_DOMAINS[category][0];
    const inc = { date: dateOf(dayIn(rng, y0 + 4, yEnd - 10)), category, severity, locality: unit.id };
    if (chance(rng, 0.5)) inc.sector = `${unit.id}-${N.SECTOR_OF_DOMAIN[domain]}`;
    inc.domain = domain;
    if (!calm && severity === "major" && chance(rng, 0.15)) inc.impact = "severe";
    if (!calm && severity === "larger" && chance(rng, 0.04)) inc.impact = "severe";
    if (severity === "especially_major" && chance(rng, 0.3)) inc.impact = "especially_severe";
    if ((severity === "major" || severity === "especially_major") && chance(rng, 0.1)) inc.alleges = "violation";
    incidents.push(inc);
  };
  const nGeneral = weighted(rng, [[0, 30], [1, 30], [2, 22], [3, 12], [4, 6]]);
  for (let i = 0; i < nGeneral; i++) addIncident("general");
  const pLarger = 0.22 * (1.35 - q);
  if (chance(rng, pLarger)) {
    addIncident("larger");
    if (chance(rng, 0.3)) addIncident("larger");
  }
  if (chance(rng, 0.05 * rare)) addIncident("major");
  if (chance(rng, 0.006 * rare) && !calm) addIncident("especially_major");
  incidents.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  incidents.forEach((inc, i) => {
    inc.id = `I${i + 1}`;
  });
  for (let i = 0; i < incidents.length; i++) {
    // id first for readability
    const { id, ...rest } = incidents[i];
    incidents[i] = { id, ...rest };
  }

  // ---- inspections, hotspots, referrals ------------------------------------------------------------
  const inspections = [];
  const nInsp = weighted(rng, [[0, 30 * q + 5], [1, 30], [2, 20], [3, 10 * (1.2 - q)], [4, 6 * (1.2 - q)]]);
  for (let i = 0; i < nInsp; i++) {
    inspections.push({ date: dateOf(dayIn(rng, y0 + 20, yEnd - 5)), finding: "issue", rectified: chance(rng, 0.6 + 0.35 * q) });
  }
  if (chance(rng, 0.025 * (1.6 - q) * rare)) {
    inspections.push({ date: dateOf(dayIn(rng, y0 + 30, yEnd - 30)), finding: "serious_disorder", rectified: chance(rng, 0.4) });
  }
  inspections.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  inspections.forEach((n, i) => {
    inspections[i] = { id: `N${i + 1}`, ...n };
  });

  const hotspots = [];
  if (chance(rng, 0.15)) {
    const date = dateOf(dayIn(rng, y0 + 30, yEnd - 20));
    // Only the two readings every interpretation of art. 25(5) agrees on: strong concern without
    // effective measures (a case) or moderate/low concern with effective measures and no rebound (none).
    if (chance(rng, 0.35)) hotspots.push({ id: "H1", date, public_concern: "strong", effective_measures: false, rebound: false });
    else hotspots.push({ id: "H1", date, public_concern: pick(rng, ["moderate", "low"]), effective_measures: true, rebound: false });
  }
  const referrals = [];
  if (chance(rng, 0.02 * rare)) {
    referrals.push({ id: "F1", date: dateOf(dayIn(rng, y0 + 30, yEnd - 20)), reason: pick(rng, N.REFERRAL_REASONS) });
  }

  // ---- activities ---------------------------------------------------------------------------------
  const acts = [];
  const act = (type, day, by, extra = {}) => {
    const a = { type, date: dateOf(day) };
    if (by) a.by = by.id;
    Object.assign(a, extra);
    acts.push(a);
    return a;
  };
  const flaw = (p) => chance(rng, p * (1.6 - q));
  const spread = (l, n, type, extra) => {
    const [lo, hi] = tenure(l);
    // Stratified over the tenure, so quarterly analyses look quarterly.
    const a = lo + 3, span = Math.max(1, hi - 3 - a);
    for (let i = 0; i < n; i++) act(type, a + Math.floor(((i + rng()) / n) * span), l, extra);
  };
  for (const p of leaders.filter((l) => l.role === "principal")) {
    const full = current(p) && tenure(p)[0] === y0;
    spread(p, flaw(0.05) ? 1 : int(rng, 2, full ? 6 : 3), "team_meeting");
    spread(p, flaw(0.03) ? 0 : int(rng, 1, 2), "special_research");
    const [lo, hi] = tenure(p);
    act("duty_report", current(p) ? dayIn(rng, hi - 25, hi - 2) : Math.max(lo, hi - 7), p, { covers_pingan: !flaw(0.02) });
  }
  for (const l of leaders.filter((l) => l.role === "in_charge")) {
    spread(l, flaw(0.04) ? 0 : int(rng, 1, 2), "special_research");
    spread(l, flaw(0.05) ? int(rng, 1, 3) : int(rng, 4, 12), "situation_analysis");
    spread(l, flaw(0.04) ? 0 : int(rng, 1, 4), "report_to_principal");
    const [lo, hi] = tenure(l);
    act("duty_report", current(l) ? dayIn(rng, hi - 25, hi - 2) : Math.max(lo, hi - 7), l, { covers_pingan: !flaw(0.02) });
    if (chance(rng, 0.5)) spread(l, int(rng, 1, 2), "special_campaign");
    if (chance(rng, 0.4)) spread(l, int(rng, 1, 3), "supervision");
  }
  for (const m of membersAll) {
    const [lo, hi] = tenure(m);
    if (!flaw(0.03)) {
      const four = ["planning", "deployment", "inspection", "implementation"];
      act("annual_plan", dayIn(rng, lo, Math.min(hi, lo + 75)), m, { four_together: flaw(0.04) ? four.filter((x) => x !== pick(rng, four)) : four });
    }
    if (!flaw(0.03)) {
      const n = int(rng, 1, 3);
      for (let i = 0; i < n; i++) act(pick(rng, ["risk_assessment", "risk_assessment", "leader_case", "risk_screening", "internal_security"]), dayIn(rng, lo + 3, hi - 3), m);
    }
  }
  // Rules for assessment and rewards (art. 7(6)): adopted once, often in an earlier year.
  if (!flaw(0.02)) act("assessment_rules", dayIn(rng, dayOf(secretary.since) + 20, y0 + 120), secretary);
  // Annual summary with next year's plan (art. 14), by the unit.
  if (!flaw(0.015)) act("annual_summary", dayIn(rng, yEnd - 15, yEnd - 1), null, { includes_plan: !flaw(0.02) });
  if (chance(rng, 0.6)) act("plenary_report", dayIn(rng, yEnd - 40, yEnd - 5), secretary);
  // Emergency response and presence on the scene for major incidents (art. 7(4), 8(5), 9(3)).
  for (const inc of incidents) {
    if (inc.severity !== "major" && inc.severity !== "especially_major") continue;
    const d = dayOf(inc.date);
    const present = (l) => tenure(l)[0] <= d && d <= tenure(l)[1];
    for (const p of leaders.filter((l) => l.role === "principal" && present(l))) {
      if (!flaw(0.06)) act("emergency_response", Math.min(tenure(p)[1], d + (chance(rng, 0.8) ? 0 : 1)), p, { incident: inc.id });
    }
    for (const l of leaders.filter((l) => l.role === "in_charge" && present(l))) {
      if (!flaw(0.06)) act(chance(rng, 0.5) ? "on_scene" : "emergency_response", d, l, { incident: inc.id });
    }
    for (const m of membersAll.filter((m) => present(m) && (m.domains || []).includes(inc.domain))) {
      if (!flaw(0.08)) act("on_scene", d, m, { incident: inc.id });
    }
  }
  for (const h of handovers) act("handover", h.day, h.from, { to: h.to.id });
  acts.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const activities = acts.map((a, i) => ({ id: `A${i + 1}`, ...a }));

  // ---- leading group, letter --------------------------------------------------------------------------
  let leading_group;
  if (!flaw(0.006)) {
    const secNow = principalsNow.find((l) => l.post === "party_secretary") ?? secretary;
    const headNow = principalsNow.find((l) => l.post === "government_head") ?? head;
    leading_group = {
      leader: secNow.id,
      deputies: [headNow.id, (inChargeNow[0] ?? inCharge).id],
      office_in: flaw(0.015) ? "government_office" : "political_legal_committee",
      budget_line: !flaw(0.02),
    };
  }
  const letters = [];
  if (!flaw(0.02)) {
    const day = dayIn(rng, y0 + 9, y0 + 78);
    const signers = leaders.filter((l) => l.role === "principal" && tenure(l)[0] <= day && day <= tenure(l)[1]);
    const targets = [
      { metric: "satisfaction", target: pick(rng, [94, 95, 95.5, 96, 96.5, 97]) },
      { metric: "dispute_resolution", target: pick(rng, [95, 96, 97, 98]) },
      { metric: "criminal_case_change", target: pick(rng, [-8, -5, -3, 0]) },
    ];
    if (chance(rng, 0.5)) targets.push({ metric: "third_party", target: pick(rng, [80, 85, 88, 90]) });
    if (chance(rng, 0.5)) targets.push({ metric: "safety_death_change", target: pick(rng, [-10, -5, -3]) });
    letters.push({
      id: "R1", year, superior: unit.parent, subordinate: unit.id, date: dateOf(day),
      signed_by: { superior: ["C1", "C2"], subordinate: flaw(0.03) ? [signers[0].id] : signers.map((l) => l.id) },
      targets: flaw(0.015) ? [] : targets,
    });
  }

  // ---- assessment ---------------------------------------------------------------------------------
  const mix = (w) => clamp01(w * q + (1 - w) * rng());
  // Skewed toward the top of each range, as Zhejiang's published figures are.
  const high = (w) => 1 - (1 - mix(w)) ** 1.4;
  const indicators = {
    satisfaction: round1(85 + 14 * high(0.6)),
    third_party: round1(55 + 43 * high(0.5)),
    dispute_resolution: round1(78 + 21.5 * high(0.5)),
    criminal_case_change: round1(15 - 35 * high(0.4)),
    safety_death_change: round1(15 - 40 * high(0.35)),
  };
  const grade = () => {
    if (chance(rng, 0.01)) return "E";
    const x = (1 - q) * 2.3 + (rng() - 0.5) * 1.7;
    return "ABCDE"[Math.max(0, Math.min(3, Math.floor(x)))];
  };
  const process = {};
  if (!chance(rng, opts.omitLeadership ?? 0.3)) process.leadership_duties = grade();
  process.grassroots_foundation = grade();
  process.risk_prevention = grade();
  process.mass_participation = grade();
  if (chance(rng, opts.naRate ?? 0.06)) {
    const which = pick(rng, ["third_party", "dispute_resolution", "safety_death_change", "grassroots_foundation", "mass_participation"]);
    if (which in indicators) indicators[which] = "n/a";
    else process[which] = "n/a";
  }
  const bonus = [];
  const nBonus = weighted(rng, [[0, 50 - 20 * q], [1, 30], [2, 12 + 15 * q]]);
  const items = shuffle(rng, N.BONUS_ITEMS);
  for (let i = 0; i < nBonus; i++) bonus.push({ id: `B${i + 1}`, item: items[i], points: pick(rng, [0.5, 1, 1, 1.5, 2]) });
  const assessment = { decided_on: decidedOn, indicators, process, bonus };

  // ---- rectifications and circumstances for the cases that will open -------------------------------
  const partial = { incidents, inspections, hotspots, referrals };
  const rectifications = [];
  const circumstances = [];
  for (const c of openCases(partial)) {
    const o = dayOf(c.opened_on);
    const r = rng();
    let acc = null;
    if (r < 0.55) acc = dayIn(rng, o + 12, o + 61);
    else if (r < 0.72) acc = dayIn(rng, o + 70, o + 154);
    if (acc !== null && acc <= yEnd) rectifications.push({ case: c.id, accepted_on: dateOf(acc) });
    if (c.clause === "25.3") {
      if (chance(rng, 0.1) && !calm) circumstances.push({ case: c.id, kind: "aggravating", what: pick(rng, ["concealment", "obstruction", "falsification"]) });
      else if (chance(rng, 0.15)) circumstances.push({ case: c.id, kind: "mitigating", what: pick(rng, ["prompt_action", "cooperation"]) });
    }
  }
  rectifications.sort((a, b) => (a.accepted_on < b.accepted_on ? -1 : a.accepted_on > b.accepted_on ? 1 : 0));

  // ---- history ------------------------------------------------------------------------------------
  const pastGrade = () => {
    const s = 58 + 38 * mix(0.7);
    return s >= 90 ? "excellent" : s >= 80 ? "good" : s >= 60 ? "pass" : "fail";
  };
  const past = [{ year: year - 2, grade: pastGrade(), vetoed: false }, { year: year - 1, grade: pastGrade(), vetoed: false }];
  if (chance(rng, 0.01)) past[0] = { year: year - 2, grade: "fail", vetoed: true };
  const named = [];
  const lastOk = past[1].grade !== "fail" ? year - 1 : past[0].grade !== "fail" ? year - 2 : null;
  if (lastOk !== null) {
    const start = Math.min(lastOk, 2005 + Math.floor(20 * (1 - q) * rng() * 1.3));
    for (let y = start; y <= lastOk; y++) named.push(y);
  }
  const cycles = [2017, 2019, 2021, 2023].filter((c) => c < year && !past.some((p) => p.year === c && p.grade === "fail") && chance(rng, 0.1 + 0.45 * q));
  const history = {
    assessments: past,
    advanced_unit_cycles: cycles,
    pingan_named: named,
    pingan_work_since: int(rng, 2005, 2018),
    outstanding_contribution: chance(rng, 0.1 + 0.25 * q),
  };

  // ---- assemble -------------------------------------------------------------------------------------
  const d = {
    as_of: asOf,
    year,
    unit: { id: unit.id, name: unit.name, kind: "locality", level: "county", parent: unit.parent },
    localities: [
      { id: city.id, name: city.name, level: "city", parent: province.id },
      { id: province.id, name: province.name, level: "province" },
    ],
    leaders: leaders.map(({ id, name, role, post, domains, since, until }) => {
      const l = { id, name, role, post };
      if (role === "member") l.domains = domains || [];
      if (since) l.since = since;
      if (until) l.until = until;
      return l;
    }),
  };
  if (leading_group) d.leading_group = leading_group;
  d.activities = activities;
  d.letters = letters;
  d.assessment = assessment;
  d.incidents = incidents;
  d.inspections = inspections;
  if (hotspots.length) d.hotspots = hotspots;
  if (referrals.length) d.referrals = referrals;
  if (rectifications.length) d.rectifications = rectifications;
  if (circumstances.length) d.circumstances = circumstances;
  d.history = history;
  return d;
}

// ---------------------------------------------------------------------------------------------------
// The province

/** Made-up county names and codes for every city: districts (区), counties (县), county-level cities (市). */
export function provinceUnits(seed = DEFAULT_SEED) {
  const rng = mulberry32(seed ^ 0x5eed);
  const used = new Set();
  const counties = [];
  for (const city of N.CITIES) {
    const n = city.counties;
    const nDistricts = Math.max(2, Math.round(n * 0.45));
    const nCities = Math.max(0, Math.min(3, Math.round((n - nDistricts) * 0.35)));
    const prefix = city.id.slice(0, 4);
    let districtCode = 2;
    for (let i = 0; i < n; i++) {
      let name;
      do name = pick(rng, N.PLACE_FIRST) + pick(rng, N.PLACE_SECOND);
      while (used.has(name) || name[0] === name[1]);
      used.add(name);
      let code, suffix;
      if (i < nDistricts) {
        code = districtCode;
        districtCode += i === 0 ? 1 : int(rng, 1, 4);
        suffix = "区";
      } else if (i < n - nCities) {
        code = 21 + (i - nDistricts) * 1 + (i - nDistricts >= 2 ? 1 : 0);
        suffix = "县";
      } else {
        code = 81 + (i - (n - nCities));
        suffix = "市";
      }
      counties.push({ id: prefix + String(code).padStart(2, "0"), name: name + suffix, level: "county", parent: city.id });
    }
  }
  return counties;
}

const SAMPLE_ID = "330106";

/** The whole made-up province: 1 province, 11 cities, ~90 counties, one 2025 dossier per county. */
export function generateProvince(seed = DEFAULT_SEED) {
  const counties = provinceUnits(seed);
  const sample = sampleCounty();
  // The hand-tuned sample county takes its place in the tree (same id, name and parent).
  const slot = counties.findIndex((c) => c.id === SAMPLE_ID);
  if (slot >= 0) counties[slot] = { id: sample.unit.id, name: sample.unit.name, level: "county", parent: sample.unit.parent };
  const rng = mulberry32(seed);
  const dossiers = counties.map((c) => {
    if (c.id === SAMPLE_ID) {
      rng(); // keep the stream independent of whether the sample is in the list
      return sample;
    }
    const city = N.CITIES.find((x) => x.id === c.parent);
    return generateDossier(mulberry32(Math.floor(rng() * 4294967296)), { unit: c, city, province: N.PROVINCE });
  });
  return {
    meta: {
      generated_by: "scripts/gen-data.mjs",
      seed,
      note: {
        zh: "示例数据:市以下的地名、人名和全部数据均为虚构,仅用于演示",
        en: "Sample data: every place below the cities, every person and every figure is made up, for the demo only",
      },
    },
    year: YEAR,
    as_of: AS_OF,
    province: { id: N.PROVINCE.id, name: N.PROVINCE.name, level: "province" },
    cities: N.CITIES.map((c) => ({ id: c.id, name: c.name, level: "city", parent: N.PROVINCE.id })),
    counties,
    dossiers,
  };
}

/**
 * `n` dossiers for the benchmarks and the differential test: counties of the made-up province in turn,
 * each with its own random data. `opts` is passed to generateDossier (the benchmark passes
 * `omitLeadership: 0` so that every indicator is given).
 */
export function generateDossiers(n, seed = DEFAULT_SEED, opts = {}) {
  const counties = provinceUnits(DEFAULT_SEED);
  const rng = mulberry32(seed);
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    const c = counties[i % counties.length];
    const city = N.CITIES.find((x) => x.id === c.parent);
    out[i] = generateDossier(mulberry32(Math.floor(rng() * 4294967296)), { unit: c, city, province: N.PROVINCE, ...opts });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Self-check: the rules of api.md that the engine's validation will also enforce

const VOCAB = {
  kind: ["locality", "party", "congress", "administrative", "cppcc", "court", "procuratorate", "people_org", "public_institution", "soe", "private_enterprise", "social_organization", "other"],
  level: ["province", "city", "county", "township"],
  role: ["principal", "in_charge", "member"],
  category: ["national_security", "mass_incident", "criminal_case", "economic_order", "safety_accident", "public_safety", "cyber_security"],
  severity: ["general", "larger", "major", "especially_major"],
  impact: ["severe", "especially_severe"],
  activity: ["team_meeting", "special_research", "situation_analysis", "handover", "duty_report", "annual_summary", "on_scene", "report_to_principal", "risk_assessment", "emergency_response", "annual_plan", "assessment_rules", "special_campaign", "leader_case", "risk_screening", "internal_security", "plenary_report", "supervision", "other"],
  finding: ["issue", "serious_disorder"],
  concern: ["strong", "moderate", "low"],
  alleges: ["violation", "crime"],
  circumstance: ["aggravating", "mitigating"],
  what: ["obstruction", "concealment", "falsification", "retaliation", "prompt_action", "cooperation", "other"],
  grade: ["excellent", "good", "pass", "fail"],
  together: ["planning", "deployment", "inspection", "implementation"],
  process: ["A", "B", "C", "D", "E", "n/a"],
};
const INDICATORS = ["satisfaction", "third_party", "dispute_resolution", "criminal_case_change", "safety_death_change"];
const PROCESS = ["leadership_duties", "grassroots_foundation", "risk_prevention", "mass_participation"];

/**
 * Problems with a dossier: dates real and not after `as_of` (`assessment.decided_on` excepted when
 * `allowLateDecision`), ids unique, references resolving, vocabularies as in model.rs, case ids that
 * will exist. Returns a list of strings (empty: fine).
 */
export function checkDossier(d, { allowLateDecision = false } = {}) {
  const p = [];
  const asOf = d.as_of;
  const date = (path, v, { late = false } = {}) => {
    if (!isRealDate(v)) p.push(`${path}: not a real date: ${v}`);
    else if (v > asOf && !late) p.push(`${path}: ${v} is after as_of ${asOf}`);
  };
  const inVocab = (path, v, list) => {
    if (!list.includes(v)) p.push(`${path}: ${JSON.stringify(v)} not in vocabulary`);
  };
  const unique = (path, list) => {
    const seen = new Set();
    for (const x of list || []) {
      if (seen.has(x.id)) p.push(`${path}: duplicate id ${x.id}`);
      seen.add(x.id);
    }
    return seen;
  };
  if (!isRealDate(asOf)) p.push("/as_of: not a real date");
  if (!Number.isInteger(d.year)) p.push("/year: not an integer");
  inVocab("/unit/kind", d.unit.kind, VOCAB.kind);
  const locIds = unique("/localities", d.localities);
  locIds.add(d.unit.id);
  if (d.unit.parent && !locIds.has(d.unit.parent)) p.push(`/unit/parent: ${d.unit.parent} unresolved`);
  (d.localities || []).forEach((l, i) => {
    inVocab(`/localities/${i}/level`, l.level, VOCAB.level);
    if (l.parent && !locIds.has(l.parent)) p.push(`/localities/${i}/parent unresolved`);
  });
  const leaderIds = unique("/leaders", d.leaders);
  (d.leaders || []).forEach((l, i) => {
    inVocab(`/leaders/${i}/role`, l.role, VOCAB.role);
    if (l.since) date(`/leaders/${i}/since`, l.since);
    if (l.until) date(`/leaders/${i}/until`, l.until);
    if (l.since && l.until && l.since > l.until) p.push(`/leaders/${i}: since after until`);
  });
  const leader = (path, id) => {
    if (!leaderIds.has(id)) p.push(`${path}: leader ${id} unresolved`);
  };
  if (d.leading_group) {
    if (d.leading_group.leader) leader("/leading_group/leader", d.leading_group.leader);
    (d.leading_group.deputies || []).forEach((x, i) => leader(`/leading_group/deputies/${i}`, x));
  }
  const incidentIds = unique("/incidents", d.incidents);
  unique("/activities", d.activities);
  (d.activities || []).forEach((a, i) => {
    inVocab(`/activities/${i}/type`, a.type, VOCAB.activity);
    date(`/activities/${i}/date`, a.date);
    if (a.by) {
      leader(`/activities/${i}/by`, a.by);
      const l = d.leaders.find((x) => x.id === a.by);
      if (l && ((l.since && a.date < l.since) || (l.until && a.date > l.until))) p.push(`/activities/${i}: outside ${a.by}'s tenure`);
    }
    if (a.to) leader(`/activities/${i}/to`, a.to);
    if (a.incident && !incidentIds.has(a.incident)) p.push(`/activities/${i}/incident: ${a.incident} unresolved`);
    (a.four_together || []).forEach((x, j) => inVocab(`/activities/${i}/four_together/${j}`, x, VOCAB.together));
  });
  unique("/letters", d.letters);
  (d.letters || []).forEach((r, i) => {
    date(`/letters/${i}/date`, r.date);
    if (!locIds.has(r.superior)) p.push(`/letters/${i}/superior unresolved`);
    if (!locIds.has(r.subordinate)) p.push(`/letters/${i}/subordinate unresolved`);
    (r.signed_by?.subordinate || []).forEach((x, j) => leader(`/letters/${i}/signed_by/subordinate/${j}`, x));
  });
  if (d.assessment) {
    const a = d.assessment;
    if (a.decided_on) date("/assessment/decided_on", a.decided_on, { late: allowLateDecision });
    for (const k of INDICATORS) {
      const v = a.indicators?.[k];
      if (!(typeof v === "number" || v === "n/a")) p.push(`/assessment/indicators/${k}: missing or not a number`);
    }
    for (const k of PROCESS) {
      const v = a.process?.[k];
      if (v === undefined) {
        if (k !== "leadership_duties") p.push(`/assessment/process/${k}: missing`);
      } else inVocab(`/assessment/process/${k}`, v, VOCAB.process);
    }
    unique("/assessment/bonus", a.bonus);
    (a.bonus || []).forEach((b, i) => {
      if (!(b.points >= 0.5 && b.points <= 2)) p.push(`/assessment/bonus/${i}/points out of range`);
    });
  }
  (d.incidents || []).forEach((x, i) => {
    date(`/incidents/${i}/date`, x.date);
    inVocab(`/incidents/${i}/category`, x.category, VOCAB.category);
    inVocab(`/incidents/${i}/severity`, x.severity, VOCAB.severity);
    if (x.impact) inVocab(`/incidents/${i}/impact`, x.impact, VOCAB.impact);
    if (x.alleges) inVocab(`/incidents/${i}/alleges`, x.alleges, VOCAB.alleges);
    if (x.locality && !locIds.has(x.locality)) p.push(`/incidents/${i}/locality unresolved`);
  });
  unique("/inspections", d.inspections);
  (d.inspections || []).forEach((x, i) => {
    date(`/inspections/${i}/date`, x.date);
    inVocab(`/inspections/${i}/finding`, x.finding, VOCAB.finding);
  });
  unique("/hotspots", d.hotspots);
  (d.hotspots || []).forEach((x, i) => {
    date(`/hotspots/${i}/date`, x.date);
    inVocab(`/hotspots/${i}/public_concern`, x.public_concern, VOCAB.concern);
  });
  unique("/referrals", d.referrals);
  (d.referrals || []).forEach((x, i) => date(`/referrals/${i}/date`, x.date));
  const caseIds = new Set(openCases(d).map((c) => c.id));
  (d.rectifications || []).forEach((x, i) => {
    date(`/rectifications/${i}/accepted_on`, x.accepted_on);
    if (!caseIds.has(x.case)) p.push(`/rectifications/${i}/case: ${x.case} does not exist`);
  });
  (d.circumstances || []).forEach((x, i) => {
    inVocab(`/circumstances/${i}/kind`, x.kind, VOCAB.circumstance);
    inVocab(`/circumstances/${i}/what`, x.what, VOCAB.what);
    if (!caseIds.has(x.case)) p.push(`/circumstances/${i}/case: ${x.case} does not exist`);
  });
  const h = d.history || {};
  (h.assessments || []).forEach((x, i) => inVocab(`/history/assessments/${i}/grade`, x.grade, VOCAB.grade));
  return p;
}

// ---------------------------------------------------------------------------------------------------
// As a script

/** The province file: one dossier per line, so diffs stay readable. */
export function provinceText(prov) {
  const { dossiers, ...head } = prov;
  const headText = JSON.stringify(head, null, 1).replace(/\n}$/, "");
  return `${headText},\n "dossiers": [\n${dossiers.map((d) => "  " + JSON.stringify(d)).join(",\n")}\n ]\n}\n`;
}

function main(argv) {
  const root = join(dirname(fileURLToPath(import.meta.url)), "..");
  const outDir = join(root, "www", "data");
  const check = argv.includes("--check");
  const seedArg = argv.indexOf("--seed");
  const seed = seedArg >= 0 ? Number(argv[seedArg + 1]) : DEFAULT_SEED;
  const prov = generateProvince(seed);
  const problems = [];
  for (const d of prov.dossiers) for (const x of checkDossier(d)) problems.push(`${d.unit.id} ${x}`);
  const ids = new Set(prov.counties.map((c) => c.id));
  if (ids.size !== prov.counties.length) problems.push("duplicate county ids");
  if (problems.length) {
    console.error(problems.slice(0, 50).join("\n"));
    console.error(`${problems.length} problem(s) in the generated data`);
    process.exit(1);
  }
  const files = {
    "province.json": provinceText(prov),
    "sample-county.json": JSON.stringify(sampleCounty(), null, 2) + "\n",
  };
  if (check) {
    let stale = 0;
    for (const [name, text] of Object.entries(files)) {
      let old = "";
      try {
        old = readFileSync(join(outDir, name), "utf8");
      } catch {}
      if (old !== text) {
        console.error(`www/data/${name} is stale: run node scripts/gen-data.mjs`);
        stale++;
      }
    }
    if (stale) process.exit(1);
    console.log(`www/data is up to date (${prov.dossiers.length} dossiers, no problems)`);
    return;
  }
  mkdirSync(outDir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(outDir, name), text);
  const stats = summary(prov.dossiers);
  console.log(`wrote www/data/province.json (${prov.counties.length} counties, ${(files["province.json"].length / 1024).toFixed(0)} KiB) and www/data/sample-county.json; ${stats}`);
}

function summary(ds) {
  const sev = {};
  let na = 0, derived = 0, cases = 0;
  for (const d of ds) {
    for (const i of d.incidents || []) sev[i.severity] = (sev[i.severity] || 0) + 1;
    if (!d.assessment.process.leadership_duties) derived++;
    if (Object.values(d.assessment.indicators).includes("n/a") || Object.values(d.assessment.process).includes("n/a")) na++;
    cases += openCases(d).length;
  }
  return `incidents ${JSON.stringify(sev)}, n/a in ${na}, leadership derived in ${derived}, cases ${cases}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main(process.argv.slice(2));
