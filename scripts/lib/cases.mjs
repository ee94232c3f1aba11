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
 * 25.2 runs: `larger` incidents in date order; a case opens when `repeat_count` unused ones fall within
 * `repeat_window_days` (first to last); the incidents of one case are not reused by the next.
 */
export function openCases(d, params = DEFAULT_CASE_PARAMS) {
  const cases = [];
  for (const n of d.inspections || []) {
    if (n.finding === "serious_disorder") cases.push({ id: `25.1/${n.id}`, clause: "25.1", opened_on: n.date, evidence: [n.id] });
  }
  const larger = (d.incidents || [])
    .map((inc, i) => ({ inc, i }))
    .filter(({ inc }) => inc.severity === "larger")
    .sort((a, b) => (a.inc.date < b.inc.date ? -1 : a.inc.date > b.inc.date ? 1 : a.i - b.i))
    .map(({ inc }) => inc);
  let run = [];
  for (const inc of larger) {
    run.push(inc);
    while (run.length && dayOf(inc.date) - dayOf(run[0].date) > params.repeat_window_days) run.shift();
    if (run.length >= params.repeat_count) {
      cases.push({ id: `25.2/${run.map((x) => x.id).join("+")}`, clause: "25.2", opened_on: inc.date, evidence: run.map((x) => x.id) });
      run = [];
    }
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
