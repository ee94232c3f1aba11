// Types of elements.js (the drop-in custom elements). Importing the module registers the elements; the
// element modules elements/form-check.js, scorecard.js, timeline.js and duty-matrix.js (each with its
// .d.ts) export one class each and register nothing until their define() is called.
import type { Engine } from "./pingan.js";
import type { PinganBuild, PinganLoadErrorCode } from "./load.js";

export type Lang = "zh" | "en";
export interface Text { zh: string; en: string }
export interface Issue { code: string; severity: "error" | "warning"; path: string; message: Text; basis?: unknown[] }
export interface ValidateResult { ok: boolean; errors: Issue[]; warnings: Issue[] }

/** Resolved once the wasm module is instantiated; one engine per page, shared by every element. */
export interface Ready {
  mod: typeof import("./pingan.js");
  engine: Engine;
  policy: any;
  /** The build load.js chose: "default" (pingan.js) or "mvp" (pingan_mvp.js, older browser cores). */
  build: PinganBuild;
}
/**
 * Why the engine could not load. From load.js's codes: no_webassembly → "unsupported", csp_blocked →
 * "csp", fetch_failed / import_failed → "fetch" (a SyntaxError on import: "unsupported"), compile_failed
 * → "unsupported" (CompileError, LinkError) or "error", bad_option → "error".
 */
export type UnavailableReason = "unsupported" | "csp" | "fetch" | "error";
/** The rejection of ready() when the engine cannot load (the elements then fail open). */
export class PinganUnavailableError extends Error {
  readonly reason: UnavailableReason;
  /** load.js's PinganLoadError code, when load.js reported it. */
  readonly code: PinganLoadErrorCode | null;
}
/** The reason the elements give for a load failure (see UnavailableReason). */
export function reasonOf(error: unknown, cspViolationSeen?: boolean): UnavailableReason;
/** The portal's hooks (the engine's EngineOptions): relabel messages by issue code, map its dictionary codes. */
export interface Hooks {
  /** Issue code → replacement text; `{field}` is the field's label, `{message}` the library's own text. */
  messages?: Record<string, { zh?: string; en?: string } | string>;
  /** Field JSON Pointer (a `*` token matches every list index) → { portal code: pingan value }. */
  dictionary?: Record<string, Record<string, unknown>>;
}
/** Resolves once the engine is up; rejects with a PinganUnavailableError when it cannot load. */
export function ready(): Promise<Ready>;
/** The loaded engine right now, or null (loading or unavailable). */
export function peek(): Ready | null;
/** { reason, message, code } once the engine is known not to load, else null. */
export function unavailable(): { reason: UnavailableReason; message: string; code: PinganLoadErrorCode | null } | null;
/** The fail-open notice. */
export const UNAVAILABLE_TEXT: Text;
/**
 * Before first use: where the builds are (`base`: the folder of pingan.js, pingan_mvp.js and their .wasm;
 * default the folder of elements.js; or `moduleUrl` / `wasmUrl` of a default build kept elsewhere, the
 * MVP build then beside `moduleUrl`), which build (`build`, default "auto": by feature detection), a
 * custom policy pack. `messages` / `dictionary` (also after load) go to every element's engine; an
 * element's own hooks add to them. Plain HTML: <meta name="pingan-base|pingan-build|pingan-module|pingan-wasm" content="…">.
 */
export function configure(options?: {
  moduleUrl?: string;
  wasmUrl?: string;
  base?: string;
  build?: "auto" | PinganBuild;
  policy?: object;
  messages?: Hooks["messages"];
  dictionary?: Hooks["dictionary"];
}): void;
/** Submit a form again as if `submitter` had been clicked (submit event, submitter's name/value); Chromium 69. */
export function submitForm(form: HTMLFormElement, submitter?: HTMLButtonElement | HTMLInputElement | null): void;
/** Build the record a form describes (field name → JSON Pointer, values coerced by input type). */
export function formToRecord(form: HTMLFormElement): Record<string, unknown>;
/** "date" → "/date", "signed_by.subordinate" or "signed_by/subordinate" → "/signed_by/subordinate", "targets[0].metric" → "/targets/0/metric". */
export function nameToPointer(name: string): string;
/** A JSON Pointer's tokens, unescaped: "/signed_by/superior" → ["signed_by", "superior"]; "" → []. */
export function pointerSegments(pointer: string | null | undefined): string[];
/** A basis as "第七条第二项" (zh) or "art. 7(2)" (en). */
export function formatBasis(basis: { source?: string; article: number; clause?: number; item?: number } | null | undefined, lang: Lang, withSource?: boolean): string;
/** A case in a few plain sentences: why it opened, each step with its deadline and basis, what comes next. */
export function explainCase(c: object, dossier: object, lang: Lang): string;
/** Short plain names of the art. 25 triggers by clause ("25.3"), for a case's title. */
export const CASE_NAMES: Record<string, Text>;
/** A case as office staff read it: "发生重大案（事）件（2025-03-03 立案）"; never the bare id. */
export function caseName(c: { id?: string; clause?: string; opened_on?: string } | null | undefined, lang: Lang, withDate?: boolean): string;
export const LABELS: Record<string, Record<string, Text>>;
export function label(vocabulary: string, value: string, lang: Lang): string;
/** "en" when the element's `lang` attribute starts with "en", else "zh". */
export function langOf(el: Element | null | undefined): Lang;
/** A { zh, en } text in `lang` (the other one when missing); a string as is; null → "". */
export function tx(text: Partial<Text> | string | null | undefined, lang: Lang): string;
/** 0…999 in Chinese numerals ("二十五"); other numbers as digits. */
export function cnNumber(n: number): string;
/** A number (or a decimal given as text) with two decimals; null / "" → "". */
export function fmt2(v: number | string | null | undefined): string;
/** null / undefined → [], an array as is, anything else → [it]. */
export function asArray<T>(x: T | T[] | null | undefined): T[];
/** "YYYY-MM-DD" → whole days since 1970-01-01 (UTC); NaN when not such a date. */
export function dayNumber(iso: string): number;
/** Whole days since 1970-01-01 → "YYYY-MM-DD". */
export function isoOf(day: number): string;
/** `iso` plus `n` days, "YYYY-MM-DD". */
export function addDays(iso: string, n: number): string;
/** An HTML element with attributes (`text`: its textContent; `className`; `on…`: listeners) and children. */
export function h(tag: string, attrs?: Record<string, unknown> | null, ...children: unknown[]): HTMLElement;
/** An SVG element, as h(). */
export function s(tag: string, attrs?: Record<string, unknown> | null, ...children: unknown[]): SVGElement;
/** The elements' stylesheet without :where() (for cores below Chromium 88). */
export function styleWithoutWhere(css: string): string;
/** The scorecard's SVG chart of an assessment's result and process lines (`names`: the policy's indicators by id). */
export function scoreChart(assessment: object, names: Map<string, { name?: Text }>, lang: Lang): SVGElement;
/** Register the four elements (once each; a name already taken is left alone). */
export function define(): void;

/** detail of the bubbling `pingan-result` event of <pingan-form-check>. */
export interface FormCheckResultDetail { kind: string; phase: "input" | "submit" | "check"; ok: boolean; result: ValidateResult; record: Record<string, unknown> }
/** detail of the bubbling `pingan-result` event of the display elements (result is the engine's answer). */
export interface DisplayResultDetail { ok: boolean; result: any; dossier: object | null }

export class PinganFormCheck extends HTMLElement {
  /**
   * The element's own message overrides by issue code, over the page's configure({ messages }); also the
   * JSON attribute `messages='{"required":{"zh":"请填写{field}","en":"Please fill in the {field}"}}'`
   * (the property wins; set it to null to fall back to the attribute). A bad one is ignored (console warning).
   */
  messages: Hooks["messages"] | null;
  /** The portal's dictionary codes → pingan values, per field pointer; also the JSON attribute `dictionary`. */
  dictionary: Hooks["dictionary"] | null;
  /** The form it checks (by the `for` id, else the enclosing form). */
  readonly form: HTMLFormElement | null;
  /** The last validate result, or null before the first check. */
  readonly result: ValidateResult | null;
  /** Validate now and show every message (also of untouched fields); { ok: true, unavailable } when failing open. */
  check(all?: boolean): Promise<ValidateResult & { unavailable?: UnavailableReason }>;
  /** Validate with a loaded engine, synchronously, and show the messages (the adapters use it). */
  validateWith(engine: Engine, all: boolean, phase: "input" | "submit" | "check"): ValidateResult;
  clear(): void;
}
declare class PinganDisplayElement extends HTMLElement {
  /** The dossier to show (or set the `src` attribute to a same-origin JSON URL). */
  dossier: object | null;
  /** As on <pingan-form-check>: relabels the messages of a dossier the engine refuses (JSON attribute `messages`). */
  messages: Hooks["messages"] | null;
  /** As on <pingan-form-check>: the portal's codes in the dossier (JSON attribute `dictionary`). */
  dictionary: Hooks["dictionary"] | null;
}
export class PinganScorecard extends PinganDisplayElement {
  /** The last answer (evaluate, or score with mode="score"); set it to show a computed report. */
  report: any;
}
export class PinganTimeline extends PinganDisplayElement { readonly report: any }
export class PinganDutyMatrix extends PinganDisplayElement { readonly report: any }

declare global {
  interface HTMLElementTagNameMap {
    "pingan-form-check": PinganFormCheck;
    "pingan-scorecard": PinganScorecard;
    "pingan-timeline": PinganTimeline;
    "pingan-duty-matrix": PinganDutyMatrix;
  }
  interface HTMLElementEventMap {
    "pingan-result": CustomEvent<FormCheckResultDetail | DisplayResultDetail>;
    /** Fired (bubbling, composed) by every element when the engine cannot load. */
    "pingan-unavailable": CustomEvent<{ reason: UnavailableReason; message: string; code: PinganLoadErrorCode | null }>;
  }
  /** The elements' events bubble to the document. */
  interface DocumentEventMap {
    "pingan-result": CustomEvent<FormCheckResultDetail | DisplayResultDetail>;
    "pingan-unavailable": CustomEvent<{ reason: UnavailableReason; message: string; code: PinganLoadErrorCode | null }>;
  }
}
