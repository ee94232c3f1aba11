// The accountability cases of art. 25 that a dossier's evidence opens (api.md "Ladder replay"), as the
// generator needs them to write rectifications that refer to cases which will exist. 25.4 (a failed
// assessment) is left out: it depends on the score.

import { dayOf } from "./calendar.mjs";

export const DEFAULT_CASE_PARAMS = { repeat_count: 2, repeat_window_days: 180 };

/** Does a hotspot trigger 25.5? Strong public concern without effective measures, or with a rebound. */
export function hotspotTriggers(h) {
  return h.public_concern === "strong" && (h.effective_measures === false || h.rebound === true);
}

/**
 * Cases in opening order: `{ id, clause, opened_on, evidence: [ids] }`.
 * 25.2 series: `larger` incidents in date order; every one within `repeat_window_days` of a series' first
 * joins it; a series of `repeat_count` or more is one case; the incidents of one case are not reused.
 */
export function openCases(d, params = DEFAULT_CASE_PARAMS) {
  const cases = [];
  for (const n of d.inspections || []) {
    if (n.finding === "serious_disorder") cases.push({ id: `25.1/${n.id}`, clause: "25.1", opened_on: n.date, evidence: [n.id] });
  }
  // Sorted by date then id; from the earliest unused incident, every larger incident within the window of
  // that first one joins the series; a series of at least repeat_count opens a case on the date of its
  // repeat_count-th incident (the engine's rule, src/accountability.rs).
  const larger = (d.incidents || [])
    .filter((inc) => inc.severity === "larger")
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (let k = 0; k < larger.length; ) {
    const first = dayOf(larger[k].date);
    let len = 0;
    while (k + len < larger.length && dayOf(larger[k + len].date) - first <= params.repeat_window_days) len++;
    if (len < params.repeat_count) { k += 1; continue; }
    const run = larger.slice(k, k + len);
    cases.push({ id: `25.2/${run.map((x) => x.id).join("+")}`, clause: "25.2", opened_on: run[params.repeat_count - 1].date, evidence: run.map((x) => x.id) });
    k += len;
  }
  for (const inc of d.incidents || []) {
    if (inc.severity === "major" || inc.severity === "especially_major") {
      cases.push({ id: `25.3/${inc.id}`, clause: "25.3", opened_on: inc.date, evidence: [inc.id] });
    }
  }
  for (const h of d.hotspots || []) {
    if (hotspotTriggers(h)) cases.push({ id: `25.5/${h.id}`, clause: "25.5", opened_on: h.date, evidence: [h.id] });
  }
  for (const f of d.referrals || []) {
    cases.push({ id: `25.6/${f.id}`, clause: "25.6", opened_on: f.date, evidence: [f.id] });
  }
  return cases;
}
