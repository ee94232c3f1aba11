// Generated from the record declarations (shape::record! in src/model.rs, src/policy.rs, src/issue.rs) by
// `PINGAN_REGENERATE=1 cargo test --test generated`: do not edit. wasm-bindgen appends it to pkg/*/pingan.d.ts
// beside src/types.d.ts (the engine's API and answers), which supplies `Text` and `DateString`.

/** What kind of body a unit is: decides applicability (art. 2). */
export type UnitKind =
  | "locality" | "party" | "congress" | "administrative" | "cppcc" | "court" | "procuratorate" | "people_org"
  | "public_institution" | "soe" | "private_enterprise" | "social_organization" | "other";

/** Levels of the locality tree (art. 3: "上一级" is the parent). */
export type Level = "province" | "city" | "county" | "township";

/** A leader's role under art. 7–9. */
export type Role = "principal" | "in_charge" | "member";

/** Art. 25 incident categories (items 2 and 3 name all seven). */
export type Category =
  | "national_security" | "mass_incident" | "criminal_case" | "economic_order" | "safety_accident"
  | "public_safety" | "cyber_security";

/** Incident severity (一般/较大/重大/特别重大). */
export type IncidentSeverity = "general" | "larger" | "major" | "especially_major";

/** The assessor's judgement of harm or impact (art. 28). */
export type Impact = "severe" | "especially_severe";

/** Dated activities that evidence the duties of art. 5–14. */
export type ActivityType =
  | "team_meeting" | "special_research" | "situation_analysis" | "handover" | "duty_report"
  | "annual_summary" | "on_scene" | "report_to_principal" | "risk_assessment" | "emergency_response"
  | "annual_plan" | "assessment_rules" | "special_campaign" | "leader_case" | "risk_screening"
  | "internal_security" | "plenary_report" | "supervision" | "other";

/** The four "同" of art. 6 / 9(1). */
export type Together = "planning" | "deployment" | "inspection" | "implementation";

/** Whom a leading group's yearly summary is reported to (art. 14(2)). */
export type Recipient = "party_committee" | "government" | "superior_leading_group";

/** Inspection findings (art. 15–16); `serious_disorder` is the art. 25(1) trigger. */
export type Finding = "issue" | "serious_disorder";

/** How strongly the public reacts to a hotspot (art. 25(5)). */
export type Concern = "strong" | "moderate" | "low";

/** What a case record alleges (art. 26, last sentences). */
export type Alleges = "violation" | "crime";

/** Circumstances of a case (art. 27–28). */
export type CircumstanceKind = "aggravating" | "mitigating";

/** What a circumstance of a case was (art. 27–28). */
export type CircumstanceWhat =
  | "obstruction" | "concealment" | "falsification" | "retaliation" | "prompt_action" | "cooperation"
  | "other";

/** Grade bands of the assessment. */
export type Grade = "excellent" | "good" | "pass" | "fail";

/** Awards of art. 23. */
export type AwardKind = "commendation" | "third_class_merit" | "second_class_merit";

/** The Ping'an tripod ladder (art. 24). */
export type Tripod = "none" | "pingan" | "bronze" | "silver" | "gold";

/** Whether a parameter's value is fixed by the measures, borrowed from a neighbouring rule, or chosen. */
export type Origin = "measures" | "neighbouring_rule" | "practice" | "policy_choice";

/** The two kinds of indicator of art. 18. */
export type IndicatorKind = "result" | "process";

/** The kinds of evidence rule of a duty. */
export type EvidenceCheck =
  | "activity_count" | "designation" | "incident_response" | "handover" | "decision_assessment";

/** Who performs a duty's evidence. */
export type EvidenceBy = "self" | "unit";

/** Which activities count: the dossier's year, or any up to the as-of date. */
export type EvidenceScope = "year" | "ever";

/** What an activity must also show to count. */
export type EvidenceFlag =
  | "covers_pingan" | "includes_plan" | "four_together" | "to_leading_group" | "reported_up";

/** Which units a duty of the catalogue binds (absent: every unit). */
export type DutyUnits = "locality" | "department";

/** Every issue code (`Issue.code`; a duty's `finding`, a unit check's `code`). */
export type IssueCode =
  | "not_json" | "input_too_large" | "too_deep" | "required" | "wrong_type" | "unknown_field" | "bad_enum"
  | "bad_date" | "date_after_as_of" | "date_order" | "out_of_range" | "too_many_decimals" | "too_long"
  | "too_many" | "duplicate_id" | "unresolved_ref" | "unknown_kind" | "year_mismatch" | "bad_patch"
  | "bad_pointer" | "patch_test_failed" | "unknown_subject" | "unknown_grade" | "arithmetic"
  | "policy_weights" | "policy_result_not_heavier" | "policy_bands" | "policy_parameter" | "policy_duplicate"
  | "policy_reference" | "outside_scope" | "records_left_out" | "answer_too_large" | "lone_surrogate"
  | "no_principal" | "no_in_charge" | "member_without_domain" | "too_few_meetings" | "no_principal_research"
  | "no_in_charge_research" | "too_few_analyses" | "absent_from_scene" | "no_handover"
  | "leading_group_composition" | "office_placement" | "no_budget_line" | "no_leading_group" | "no_letter"
  | "letter_signatory" | "letter_no_targets" | "no_duty_report" | "no_annual_summary"
  | "four_together_incomplete" | "office_director" | "no_plenary_report" | "no_group_report"
  | "summary_not_reported" | "no_stability_assessment" | "unmet_duty" | "inspection_input" | "award_withheld"
  | "praise_withheld" | "division_code";

/** The unit the dossier is about (art. 2: its kind decides whether the measures apply). */
export interface UnitRecord {
  id: string;
  name?: string;
  kind: UnitKind;
  /** A locality's level in the tree (required for a locality). */
  level?: Level;
  /** The locality one level up (art. 3); required for a locality below the province. */
  parent?: string;
}

/** A locality of the tree the unit sits in (art. 3–4: territorial attribution). */
export interface LocalityRecord {
  id: string;
  name?: string;
  level: Level;
  parent?: string;
}

/** A member of the unit's leadership (art. 7–9). */
export interface LeaderRecord {
  id: string;
  name?: string;
  role: Role;
  /** A post the library labels (`vocabularies().post`) or the portal's own. */
  post?: string;
  /** The work domains the leader is in charge of (art. 9). */
  domains?: string[];
  /** First day in post. */
  since?: DateString;
  /** Last day in post. */
  until?: DateString;
}

/** The Ping'an leading group and its office (art. 5). */
export interface LeadingGroupRecord {
  /** The group's head (a leader id). */
  leader?: string;
  /** Its deputy heads (leader ids). */
  deputies?: string[];
  /** The body the office is placed in. */
  office_in?: string;
  /** Whether the office's work has its own line in the budget. */
  budget_line?: boolean;
  /**
   * Art. 5: a leader id whose post is `deputy_party_secretary` or `political_legal_deputy_secretary`
   * (副书记兼任主任).
   */
  office_director?: string;
}

/** A dated activity that evidences a duty of art. 5–14. */
export interface ActivityRecord {
  id: string;
  type: ActivityType;
  date: DateString;
  /** The leader who held or took part in it. */
  by?: string;
  /** The leader it was reported to. */
  to?: string;
  /** The incident it responds to. */
  incident?: string;
  covers_pingan?: boolean;
  includes_plan?: boolean;
  four_together?: Together[];
  /** Art. 14(1): a member unit's duty report made to the same-level leading group. */
  to_leading_group?: boolean;
  /** Art. 14(2): whom a locality's leading-group `annual_summary` was reported to. */
  reported_to?: Recipient[];
  /** Free text for the office (its length is checked; no rule reads it). */
  note?: string;
}

/**
 * Art. 7(4), 8(5), 9(2): a major decision needs a social-stability risk assessment (稳评) on or before
 * its date.
 */
export interface DecisionRecord {
  id: string;
  date: DateString;
  major: boolean;
  assessed_on?: DateString;
  /** The domain the decision falls in (attaches the member of art. 9(2) whose domains include it). */
  domain?: string;
  /** The leader who proposed or owns the decision (attaches that member under art. 9(2) too). */
  by?: string;
  /** Free text for the office (its length is checked; no rule reads it). */
  note?: string;
}

/** Who signed a responsibility letter, on each side (leader ids). */
export interface SignaturesRecord {
  superior?: string[];
  subordinate?: string[];
}

/** A target a responsibility letter sets. */
export interface TargetRecord {
  metric: string;
  target?: number;
}

/** A responsibility letter (责任书) between a superior and a subordinate locality (art. 15). */
export interface LetterRecord {
  id: string;
  year: number;
  superior: string;
  subordinate: string;
  date: DateString;
  signed_by?: SignaturesRecord;
  targets?: TargetRecord[];
}

/** A bonus item of the assessment (art. 18). */
export interface BonusRecord {
  id: string;
  item?: string;
  points: number;
}

/** The year's assessment inputs (art. 16–18): result indicators by id, process grades by id, bonus items. */
export interface AssessmentRecord {
  decided_on?: DateString;
  /** Result indicators by the policy's indicator id: a number, or `"n/a"` when it does not apply. */
  indicators?: Record<string, number | "n/a">;
  /** Process indicators by id: a grade of the policy's grade table, or `"n/a"`. */
  process?: Record<string, string>;
  bonus?: BonusRecord[];
}

/** An incident of art. 25 in the unit's area. */
export interface IncidentRecord {
  id: string;
  date: DateString;
  category: Category;
  severity: IncidentSeverity;
  /** Where it happened (the unit or one of its localities). */
  locality?: string;
  sector?: string;
  domain?: string;
  impact?: Impact;
  alleges?: Alleges;
  /** Free text for the office (its length is checked; no rule reads it). */
  note?: string;
}

/** An inspection finding (明察暗访, art. 15–16); `serious_disorder` is the art. 25(1) trigger. */
export interface InspectionRecord {
  id: string;
  date: DateString;
  finding: Finding;
  rectified?: boolean;
  alleges?: Alleges;
  /** Free text for the office (its length is checked; no rule reads it). */
  note?: string;
}

/** A public-order hotspot (art. 25(5)). */
export interface HotspotRecord {
  id: string;
  date: DateString;
  public_concern: Concern;
  /** Whether it was dealt with effectively (absent: yes). */
  effective_measures?: boolean;
  rebound?: boolean;
  alleges?: Alleges;
  /** Free text for the office (its length is checked; no rule reads it). */
  note?: string;
}

/** A referral to the discipline-inspection or judicial organs (art. 26). */
export interface ReferralRecord {
  id: string;
  date: DateString;
  reason?: string;
  alleges?: Alleges;
}

/** A case's rectification, accepted on a date (closes the case, art. 26–28). */
export interface RectificationRecord {
  case: string;
  accepted_on: DateString;
}

/** A circumstance of a case (art. 27–28). */
export interface CircumstanceRecord {
  case: string;
  kind: CircumstanceKind;
  what?: CircumstanceWhat;
}

/** A past year's assessment (art. 23–24 count years). */
export interface PastAssessmentRecord {
  year: number;
  grade: Grade;
  vetoed?: boolean;
  /** That year's total points, when known: the province view shows the change against it (issue 16). */
  total?: number;
}

/** An award of a past cycle (art. 23). */
export interface MeritRecord {
  cycle: number;
  award: AwardKind;
}

/** The unit's past (art. 23–24). */
export interface HistoryRecord {
  assessments?: PastAssessmentRecord[];
  advanced_unit_cycles?: number[];
  merits?: MeritRecord[];
  pingan_named?: number[];
  pingan_work_since?: number;
  outstanding_contribution?: boolean;
}

/** The dossier: one unit, one year (api.md "The dossier"). */
export interface Dossier {
  /** The day the dossier stands on: nothing in it may be dated later. */
  as_of: DateString;
  year: number;
  unit: UnitRecord;
  localities?: LocalityRecord[];
  leaders?: LeaderRecord[];
  leading_group?: LeadingGroupRecord;
  activities?: ActivityRecord[];
  letters?: LetterRecord[];
  decisions?: DecisionRecord[];
  assessment?: AssessmentRecord;
  incidents?: IncidentRecord[];
  inspections?: InspectionRecord[];
  hotspots?: HotspotRecord[];
  referrals?: ReferralRecord[];
  rectifications?: RectificationRecord[];
  circumstances?: CircumstanceRecord[];
  history?: HistoryRecord;
}

/** Where a decision comes from: a rule (`zj-lrs` for the measures), its article, 款 and 项. */
export interface Basis {
  /** The rule: `zj-lrs` for the measures. */
  source: string;
  article: number;
  /** 款. */
  clause?: number;
  /** 项. */
  item?: number;
  /** What the rule says, in our words. */
  summary: Text;
}

/** A number the measures leave open, with where its default comes from. */
export interface PolicyParam<T = number> {
  value: T;
  origin: Origin;
  basis: Basis;
}

/** The numbers the measures leave open (regulation.md "Parameters"). */
export interface PolicyParameters {
  meetings_min_per_year: PolicyParam;
  research_min_per_year: PolicyParam;
  analyses_min_per_year: PolicyParam;
  /**
   * Tenure (regulation.md): a leader in post fewer days of the year has counted duties not checkable.
   * Optional in a pack (packs written before rev. 2 get the Zhejiang default).
   */
  min_tenure_days?: PolicyParam;
  /**
   * Art. 10: a handover must be dated within this many days of the leader's `until`, before or after.
   * Optional in a pack (the Zhejiang default applies).
   */
  handover_window_days?: PolicyParam;
  repeat_count: PolicyParam;
  repeat_window_days: PolicyParam;
  circular_rectify_days: PolicyParam;
  yellow_card_rectify_days: PolicyParam;
  plan_due_working_days: PolicyParam;
  listed_rectify_days: PolicyParam;
  listed_bar_days: PolicyParam;
  veto_bar_days: PolicyParam;
  cycle_years: PolicyParam;
  third_class_consecutive: PolicyParam;
  second_class_min_years: PolicyParam;
  second_class_requires_prior_third_class: PolicyParam<boolean>;
}

/** An indicator of the assessment scheme (art. 16–18). */
export interface PolicyIndicator {
  id: string;
  kind: IndicatorKind;
  weight: number;
  /** A result indicator's input that earns no points. */
  zero_at?: number;
  /** A result indicator's input that earns full points. */
  full_at?: number;
  unit?: string;
  name: Text;
  basis: Basis;
}

/** A process grade and the fraction of the weight it earns. */
export interface PolicyGradeStep {
  grade: string;
  fraction: number;
}

/** The lowest total of a grade band. */
export interface PolicyBand {
  grade: Grade;
  min: number;
}

/** The bonus items' limits (art. 18). */
export interface PolicyBonusRule {
  item_min: number;
  item_max: number;
  cap: number;
  basis: Basis;
}

/** The deductions (art. 18): per incident by severity, per inspection finding, per circular, capped. */
export interface PolicyDeductions {
  cap: number;
  /** Points per incident, for every severity. */
  incident: Record<IncidentSeverity, number>;
  inspection_finding: number;
  unrectified_multiplier: number;
  circular: number;
  incident_basis: Basis;
  inspection_basis: Basis;
  circular_basis: Basis;
  cap_basis: Basis;
}

/** One step of the derived grade: at most this many compliance findings earn this grade. */
export interface PolicyDerivedStep {
  max_findings: number;
  grade: string;
}

/** How `leadership_duties` is graded from the compliance findings when the assessor gives no grade. */
export interface PolicyDerived {
  indicator: string;
  steps: PolicyDerivedStep[];
  otherwise: string;
  basis: Basis;
}

/** The assessment scheme (art. 16–18). */
export interface PolicyScheme {
  illustrative: boolean;
  note: Text;
  indicators: PolicyIndicator[];
  grades: PolicyGradeStep[];
  bands: PolicyBand[];
  bands_basis: Basis;
  bonus: PolicyBonusRule;
  deductions: PolicyDeductions;
  derived: PolicyDerived;
  method_basis: Basis;
}

/** A rung of the tripod ladder: consecutive years named Ping'an and the tripod they earn. */
export interface PolicyTripodLevel {
  years: number;
  tripod: Tripod;
}

/** The Ping'an tripod ladder (art. 24). */
export interface PolicyTripod {
  levels: PolicyTripodLevel[];
  star_every: number;
  basis: Basis;
}

/** What evidence satisfies a checkable duty. */
export type DutyEvidence =
  | { check: "activity_count"; activities: ActivityType[]; min?: number; min_param?: string; by: EvidenceBy; scope: EvidenceScope; flag?: EvidenceFlag }
  | { check: "designation" }
  | { check: "incident_response"; severities: IncidentSeverity[]; activities: ActivityType[]; domain_only: boolean }
  | { check: "handover" }
  | { check: "decision_assessment"; domain_only?: boolean };

/** A duty of the catalogue (art. 5–14). */
export interface PolicyDuty {
  id: string;
  role: Role;
  article: number;
  clause?: number;
  item?: number;
  summary: Text;
  checkable: boolean;
  /** The evidence rule (exactly when the duty is checkable). */
  evidence?: DutyEvidence;
  /** Which units the duty binds (absent: every unit). */
  units?: DutyUnits;
  /** Finding code raised when the duty is unmet (defaults to `unmet_duty`). */
  finding?: IssueCode;
}

/** A unit-level check of art. 5, 6, 12, 13 and 14: its text lives here, its logic in `duties`. */
export interface PolicyUnitCheck {
  code: IssueCode;
  article: number;
  clause?: number;
  item?: number;
  summary: Text;
}

/** A policy pack: the measures' parameters, the assessment scheme, the tripod ladder, the duties. */
export interface Policy {
  id: string;
  version: string;
  title: Text;
  effective_from: DateString;
  note: Text;
  parameters: PolicyParameters;
  /** Public holidays (working days are counted around them). */
  holidays: DateString[];
  scheme: PolicyScheme;
  tripod: PolicyTripod;
  duties: PolicyDuty[];
  unit_checks: PolicyUnitCheck[];
}
