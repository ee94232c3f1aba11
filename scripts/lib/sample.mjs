// One rich, hand-tuned county dossier for the demo (www/data/sample-county.json): a city district with a
// full year of Ping'an work that exercises every duty of art. 5–14, two changes of post with handovers,
// a run of two larger accidents (25.2, rectified in time), a major criminal case (25.3, left open so the
// ladder shows a yellow card at year end), a hotspot of strong concern (25.5, rectified), inspection
// findings, and a few compliance gaps for the findings panel:
//   - the government head chaired only one team meeting on Ping'an work (art. 7(1));
//   - one member's annual plan leaves out "同检查" (art. 9(1));
//   - one member has no domain (art. 7(3)), so neither principal has fully designated domains.
// `leadership_duties` is left out so the engine derives it from the findings. Names are made up.

const leaders = [
  { id: "L1", name: "沈建华", role: "principal", post: "party_secretary", since: "2021-06-01" },
  { id: "L2", name: "陈晓燕", role: "principal", post: "government_head", since: "2022-03-15" },
  { id: "L3", name: "周立新", role: "in_charge", post: "political_legal_secretary", since: "2020-09-01", until: "2025-08-31" },
  { id: "L4", name: "楼振宇", role: "member", post: "executive_deputy_head", domains: ["economy", "finance"], since: "2022-05-01" },
  { id: "L5", name: "王海峰", role: "member", post: "deputy_head", domains: ["public_security"], since: "2021-11-01" },
  { id: "L6", name: "俞慧琳", role: "member", post: "deputy_head", domains: ["education", "health", "civil_affairs"], since: "2023-02-01" },
  { id: "L7", name: "郑国平", role: "member", post: "deputy_head", domains: ["safety_production", "emergency", "transport"], since: "2020-04-01", until: "2025-09-30" },
  { id: "L8", name: "虞航", role: "member", post: "deputy_head", domains: ["safety_production", "emergency", "transport"], since: "2025-10-01" },
  { id: "L9", name: "钱立群", role: "in_charge", post: "political_legal_secretary", since: "2025-09-01" },
  { id: "L10", name: "孔文斌", role: "member", post: "organization_head", domains: [], since: "2024-06-01" },
  { id: "L11", name: "章雪", role: "member", post: "propaganda_head", domains: ["culture_tourism", "housing_construction"], since: "2023-08-01" },
];

const FOUR = ["planning", "deployment", "inspection", "implementation"];

// Activities without ids, numbered in date order below.
const activities = [
  // the party secretary (L1)
  ["team_meeting", "2025-01-16", "L1"], ["team_meeting", "2025-04-22", "L1"], ["team_meeting", "2025-07-15", "L1"],
  ["team_meeting", "2025-10-28", "L1"], ["special_research", "2025-05-10", "L1"],
  ["duty_report", "2025-12-22", "L1", { covers_pingan: true }], ["plenary_report", "2025-12-12", "L1"],
  ["assessment_rules", "2023-03-20", "L1"],
  // the government head (L2): one team meeting only
  ["team_meeting", "2025-03-11", "L2"], ["special_research", "2025-06-19", "L2"],
  ["duty_report", "2025-12-22", "L2", { covers_pingan: true }],
  // the leader in charge until August (L3) and from September (L9)
  ["special_research", "2025-04-09", "L3"], ["situation_analysis", "2025-01-08", "L3"],
  ["situation_analysis", "2025-03-06", "L3"], ["situation_analysis", "2025-05-07", "L3"],
  ["situation_analysis", "2025-07-03", "L3"], ["report_to_principal", "2025-02-25", "L3"],
  ["report_to_principal", "2025-06-05", "L3"], ["special_campaign", "2025-03-28", "L3"],
  ["duty_report", "2025-08-25", "L3", { covers_pingan: true }], ["handover", "2025-08-31", "L3", { to: "L9" }],
  ["special_research", "2025-11-06", "L9"], ["situation_analysis", "2025-10-09", "L9"],
  ["situation_analysis", "2025-11-13", "L9"], ["situation_analysis", "2025-12-04", "L9"],
  ["situation_analysis", "2025-12-18", "L9"], ["report_to_principal", "2025-10-20", "L9"],
  ["supervision", "2025-11-25", "L9"], ["duty_report", "2025-12-23", "L9", { covers_pingan: true }],
  // members: the four "同" in their annual plans, risk work in their domains
  ["annual_plan", "2025-02-18", "L4", { four_together: FOUR }], ["risk_assessment", "2025-05-27", "L4"],
  ["annual_plan", "2025-02-18", "L5", { four_together: FOUR }], ["leader_case", "2025-03-18", "L5"],
  ["internal_security", "2025-08-12", "L5"],
  ["annual_plan", "2025-02-26", "L6", { four_together: ["planning", "deployment", "implementation"] }],
  ["risk_screening", "2025-09-02", "L6"],
  ["annual_plan", "2025-02-20", "L7", { four_together: FOUR }], ["risk_screening", "2025-06-24", "L7"],
  ["handover", "2025-09-30", "L7", { to: "L8" }],
  ["annual_plan", "2025-10-15", "L8", { four_together: FOUR }], ["risk_assessment", "2025-11-20", "L8"],
  ["annual_plan", "2025-03-05", "L11", { four_together: FOUR }], ["internal_security", "2025-10-10", "L11"],
  // incidents: the larger accidents and the major criminal case
  ["on_scene", "2025-04-03", "L7", { incident: "I2" }], ["emergency_response", "2025-04-03", "L3", { incident: "I2" }],
  ["on_scene", "2025-07-22", "L7", { incident: "I4" }],
  ["emergency_response", "2025-09-18", "L1", { incident: "I5" }], ["on_scene", "2025-09-18", "L2", { incident: "I5" }],
  ["emergency_response", "2025-09-18", "L9", { incident: "I5" }], ["on_scene", "2025-09-18", "L5", { incident: "I5" }],
  // the unit's annual summary with next year's plan (art. 14)
  ["annual_summary", "2025-12-26", null, { includes_plan: true }],
];

export function sampleCounty() {
  const acts = activities
    .map(([type, date, by, extra], i) => ({ i, a: { type, date, ...(by ? { by } : {}), ...(extra || {}) } }))
    .sort((x, y) => (x.a.date < y.a.date ? -1 : x.a.date > y.a.date ? 1 : x.i - y.i))
    .map(({ a }, k) => ({ id: `A${k + 1}`, ...a }));
  return {
    as_of: "2025-12-31",
    year: 2025,
    unit: { id: "330106", name: "云溪区", kind: "locality", level: "county", parent: "330100" },
    localities: [
      { id: "330100", name: "杭州市", level: "city", parent: "330000" },
      { id: "330000", name: "浙江省", level: "province" },
    ],
    leaders: leaders.map((l) => ({ ...l, ...(l.domains ? { domains: l.domains.slice() } : {}) })),
    leading_group: { leader: "L1", deputies: ["L2", "L9"], office_in: "political_legal_committee", budget_line: true },
    activities: acts,
    letters: [
      {
        id: "R1", year: 2025, superior: "330100", subordinate: "330106", date: "2025-02-20",
        signed_by: { superior: ["C1", "C2"], subordinate: ["L1", "L2"] },
        targets: [
          { metric: "satisfaction", target: 96 }, { metric: "third_party", target: 85 },
          { metric: "dispute_resolution", target: 97 }, { metric: "criminal_case_change", target: -5 },
          { metric: "safety_death_change", target: -10 },
        ],
      },
    ],
    assessment: {
      decided_on: "2025-12-31",
      indicators: { satisfaction: 96.8, third_party: 88.5, dispute_resolution: 97.2, criminal_case_change: -6.3, safety_death_change: 4.2 },
      process: { grassroots_foundation: "A", risk_prevention: "B", mass_participation: "A" },
      bonus: [
        { id: "B1", item: "fengqiao_experience", points: 1.5 },
        { id: "B2", item: "digital_governance", points: 1 },
      ],
    },
    incidents: [
      { id: "I1", date: "2025-02-14", category: "criminal_case", severity: "general", locality: "330106", sector: "330106-GA", domain: "public_security" },
      { id: "I2", date: "2025-04-03", category: "safety_accident", severity: "larger", locality: "330106", sector: "330106-YJ", domain: "safety_production" },
      { id: "I3", date: "2025-05-20", category: "mass_incident", severity: "general", locality: "330106", domain: "housing_construction" },
      { id: "I4", date: "2025-07-22", category: "safety_accident", severity: "larger", locality: "330106", sector: "330106-JT", domain: "transport" },
      { id: "I5", date: "2025-09-18", category: "criminal_case", severity: "major", locality: "330106", sector: "330106-GA", domain: "public_security" },
      { id: "I6", date: "2025-11-02", category: "cyber_security", severity: "general", locality: "330106", domain: "culture_tourism" },
    ],
    inspections: [
      { id: "N1", date: "2025-03-12", finding: "issue", rectified: true },
      { id: "N2", date: "2025-06-11", finding: "issue", rectified: true },
      { id: "N3", date: "2025-10-15", finding: "issue", rectified: false },
    ],
    hotspots: [
      { id: "H1", date: "2025-05-08", public_concern: "moderate", effective_measures: true, rebound: false },
      { id: "H2", date: "2025-08-05", public_concern: "strong", effective_measures: false, rebound: false },
    ],
    rectifications: [
      { case: "25.2/I2+I4", accepted_on: "2025-09-10" },
      { case: "25.5/H2", accepted_on: "2025-09-30" },
    ],
    circumstances: [{ case: "25.3/I5", kind: "mitigating", what: "prompt_action" }],
    history: {
      assessments: [{ year: 2023, grade: "good", vetoed: false }, { year: 2024, grade: "excellent", vetoed: false }],
      advanced_unit_cycles: [2019, 2021, 2023],
      pingan_named: Array.from({ length: 19 }, (_, i) => 2006 + i),
      pingan_work_since: 2012,
      outstanding_contribution: true,
    },
  };
}
