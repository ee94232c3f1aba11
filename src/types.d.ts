// Types of contract v1 (api.md): the engine's API and its answers, appended to pkg/*/pingan.d.ts by
// wasm-bindgen. They mirror the Rust types in src/engine/, duties.rs, assessment.rs, accountability.rs,
// rewards.rs (output); the input records (Dossier, Policy and their parts, the vocabularies) are rendered
// from their declarations into src/records.d.ts. tests/types/usage.ts is compiled against both in `make test`.

export type Text = { zh: string; en: string };
export type Issue = { code: string; severity: "error" | "warning"; path: string; message: Text; basis?: Basis[] };
export type Result<T> = ({ ok: true; warnings: Issue[] } & T) | { ok: false; errors: Issue[] };
export type DateString = string; // YYYY-MM-DD

export interface Line {
  indicator: string; kind: "result" | "process" | "bonus" | "deduction"; name: Text; input: number | string | null;
  fraction: number | null; weight: number | null; points: number; headroom?: number; path?: string; derived?: boolean; basis: Basis;
}
export interface Assessment {
  total: number; base: number; bonus: number; deductions: number; grade: Grade; grade_by_score: Grade; vetoed: boolean;
  veto_case?: string; illustrative: boolean; lines: Line[];
}
/** `score(dossier, options)`, `prepared.score(options)`, `prepared.scoreWith(indicator, value, options)`. */
export interface ScoreOptions { compact?: boolean }
/** The compact answer (api.md rev. 2): ids and numbers only; names and bases once from `engine.labels()`. */
export interface CompactLine {
  /** The indicator id, a bonus item's id, `incident/…`, `inspection/…`, `circular/…`, `bonus_cap` or `deduction_cap`. */
  id: string; kind: "result" | "process" | "bonus" | "deduction"; points: number;
  /** Indicator lines: the weight after n/a spreading. */
  weight?: number;
  /** A process grade derived from the duty findings. */
  derived?: boolean;
}
export interface CompactScore {
  total: number; base: number; bonus: number; deductions: number; grade: Grade; grade_by_score: Grade; vetoed: boolean;
  veto_case?: string; lines: CompactLine[];
}
export interface LineLabel { name: Text; basis: Basis }
/** `engine.labels()`: what the compact answers leave out, once per engine. */
export interface Labels {
  policy: { id: string; version: string }; illustrative: boolean;
  indicators: Record<string, { kind: "result" | "process"; name: Text; unit?: string; basis: Basis }>;
  lines: {
    bonus: LineLabel; bonus_cap: LineLabel; inspection: LineLabel; circular: LineLabel; deduction_cap: LineLabel;
    /** Basis of a process grade derived from the duty findings. */
    derived: LineLabel;
    /** One basis per severity (larger incidents: art. 25 item 2; major ones: item 3). */
    incident: { name: Text; basis: Record<IncidentSeverity, Basis> };
  };
}
export type Measure = "circular" | "yellow_card" | "interview" | "listed_supervision" | "one_vote_veto" | "personnel_measures_recommended";
/** A rung of the ladder (art. 26–28): 1 circular, 2 yellow card and interview, 3 listed supervision, 4 one-vote veto, 5 personnel measures (recommended). */
export type Rung = 1 | 2 | 3 | 4 | 5;
export interface Step {
  rung: Rung; measure: Measure; date: DateString; deadline?: DateString; plan_due?: DateString;
  issuer: { locality: string; body: "office" | "office_director" | "committee" | "organisation_and_discipline" };
  targets: string[]; basis: Basis; period_basis?: Basis;
}
export interface Case {
  id: string; clause: string; basis: Basis; evidence: string[]; opened_on: DateString; status: "open" | "closed"; rung: Rung;
  closed_on?: DateString; steps: Step[]; next?: { rung: Rung; measure: Measure; due: DateString };
  circumstances: { kind: "aggravating" | "mitigating"; what: string; effect: Text }[]; explanation: Text;
}
export interface Bar {
  subject: string; what: "honours" | "commendation" | "promotion"; from: DateString; until: DateString; case: string;
  measure: Measure; basis: Basis;
  /** Bars of one subject, kind and measure over overlapping or adjacent periods are merged: the number
   * of cases merged (`case` is the first of them). */
  case_count: number;
}
export interface Accountability {
  cases: Case[]; bars: Bar[]; referrals: { case: string; to: "discipline_inspection" | "judicial_organs"; basis: Basis }[];
}
export interface Rewards {
  awards: { cycle: number; award: AwardKind; source: "history" | "derived"; basis: Basis }[];
  praise: { leader: string; cycle: number; file_record: boolean; basis: Basis }[];
  withheld: { cycle: number; leader?: string; case?: string; why: Issue }[];
  /** `null` unless the unit is a city or county locality (art. 21). */
  pingan: { named: boolean; streak: number; tripod: "none" | "pingan" | "bronze" | "silver" | "gold"; stars: number; next_in?: number; basis: Basis } | null;
}
export interface DutyLine {
  leader: string; role: Role; duty: string; status: "met" | "unmet" | "not_checkable"; evidence: string[]; basis: Basis;
  count?: [number, number];
}
export interface ArchiveEntry {
  leader: string; name: string; role: Role; year: number; unit: string; grade: Grade | null; total: number | null;
  duties_met: string[]; duties_unmet: string[]; cases: string[];
  /** Indices into `accountability.bars` of the same report. */
  bars: number[]; praise: number[]; basis: Basis; note: Text;
}
export interface Report {
  unit: { id: string; name: string; kind: UnitKind; level?: Level }; year: number; as_of: DateString;
  policy: { id: string; version: string };
  applicability: { applies: "full" | "by_reference" | "none"; basis: Basis };
  duties: DutyLine[]; findings: Issue[];
  attribution: { incident: string; counts: boolean; basis: Basis }[];
  assessment: Assessment | null; accountability: Accountability; rewards: Rewards; archive: ArchiveEntry[];
  fingerprint: string;
}
export interface Change { path: string; what: string; from: unknown; to: unknown }
export interface Reach {
  reachable: boolean; already: boolean; grade: Grade; min_total: number; total: number;
  options: { path: string; indicator: string; from: number | string; to: number | string; total_after: number }[];
  unreachable: string[]; headroom: { indicator: string; points: number; available: number }[]; why?: Text;
}
export interface Eligibility {
  subject: string; subject_kind: "unit" | "leader"; date: DateString; honours: boolean; commendation: boolean;
  promotion: boolean | null; bars: Bar[]; why: Text[]; basis: Basis;
}
/** Options of rev. 2: `at` replays the dossier as it stood on that date (records dated after it left out). */
export interface Options { at?: DateString }
export interface Validation { ok: boolean; errors: Issue[]; warnings: Issue[] }
/** One value of a vocabulary with its labels (defined once in the library: `vocabularies()`). */
export interface VocabularyEntry { value: string; zh: string; en: string }
/** `vocabularies()`: unit_kind, level, role, post, domain, activity, recipient, together, category, severity,
 * impact, finding, concern, alleges, circumstance_kind, circumstance_what, grade, award, status, measure,
 * what, case_status, tripod, kind, clause, and the policy pack's origin, indicator_kind, check, by, scope,
 * flag, units (www/vocabularies.js holds the same labels). */
export type Vocabularies = Record<string, VocabularyEntry[]>;
/** A replacement message by issue code; `{field}` is the field's label, `{message}` the library's text. */
export type MessageOverride = { zh?: string; en?: string };
/** Hooks of `new Engine(policy?, options)` and `engine.configure(options)`. */
export interface EngineOptions {
  /** Replace the message of every issue with this code. */
  messages?: { [code: string]: MessageOverride };
  /** Portal dictionary code → pingan value, per field pointer (`*` matches every list index). */
  dictionary?: { [pointer: string]: { [portalCode: string]: string | number | boolean } };
}
/** The context of a single record in `validate(kind, record, options)` (issue 14.5). */
export interface ValidateOptions extends EngineOptions {
  as_of?: DateString;
  localities?: (string | { id: string; level?: Level; parent?: string })[];
  leaders?: (string | { id: string })[];
}
export type RecordKind = "dossier" | "unit" | "leader" | "incident" | "letter" | "assessment" | "policy";
export interface StandardSchema {
  kind: string;
  "~standard": { version: 1; vendor: "pingan";
    validate(value: unknown): { value: unknown } | { issues: { message: string; path: (string | number)[]; code: string }[] } };
}
// `lang` of standardSchema is optional (an overload merged into the class wasm-bindgen declares).
export interface Engine {
  standardSchema(kind: RecordKind, lang?: "zh" | "en"): StandardSchema;
  score(dossier: Dossier, options: { compact: true }): Result<CompactScore>;
}
// The compact answers of the prepared handle (overloads merged into the class, as above).
export interface PreparedDossier {
  score(options: { compact: true }): Result<CompactScore>;
  scoreWith(indicator: string, value: number | string, options: { compact: true }): Result<CompactScore>;
}

// wasm-bindgen declares `[Symbol.dispose](): void` on every class. `Symbol.dispose` is in TypeScript's
// lib only from esnext.disposable (ES2026): this keeps the declarations valid under `lib: ["ES2022"]`
// (skipLibCheck off) and is the same declaration as the lib's, so both together still compile.
declare global {
  interface SymbolConstructor {
    readonly dispose: unique symbol;
  }
  // Names the glue's init() uses, as empty interfaces: they merge with lib.dom's (and @types/node's), and
  // keep the declarations valid under lib ES2022 alone (scripts/pkg.mjs spells RequestInfo and
  // BufferSource out as their definitions, Request | string and ArrayBufferView | ArrayBuffer).
  interface Request {}
  interface Response {}
  interface URL {}
  namespace WebAssembly {
    interface Module {}
    interface Memory {}
    interface Table {}
  }
}
export interface Version { crate: string; policy: { id: string; version: string; title: Text; effective_from: DateString } }

// Issue 16 (api.md rev. 2): spreadsheets in, reform simulation.
export interface TableHeader { key: string; zh: string; en: string }
export interface TableTemplate { headers: TableHeader[] }
export interface TableIssue { row: number; column: string; header: string; code: string; message: Text }
export interface FromTable { dossiers: Dossier[]; issues: TableIssue[]; rows: number }
export interface Standing { total: number; grade: Grade; rank: number }
export interface ReformUnit { index: number; unit: string; name?: string; before: Standing; after: Standing; delta: number }
export interface ReformFailed { index: number; unit: string | null; under: "current" | "proposed" | "both"; errors: Issue[] }
export type GradeCounts = { excellent: number; good: number; pass: number; fail: number };
export interface Reform {
  units: ReformUnit[]; failed: ReformFailed[];
  moved: { grades: number; ranks: number; up: number; down: number };
  grades: { before: GradeCounts; after: GradeCounts };
}
