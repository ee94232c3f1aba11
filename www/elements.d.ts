// Types of elements.js (the drop-in custom elements). Importing the module registers the elements.
import type { Engine } from "./pingan.js";

export type Lang = "zh" | "en";
export interface Text { zh: string; en: string }
export interface Issue { code: string; severity: "error" | "warning"; path: string; message: Text; basis?: unknown[] }
export interface ValidateResult { ok: boolean; errors: Issue[]; warnings: Issue[] }

/** Resolved once the wasm module is instantiated; one engine per page, shared by every element. */
export interface Ready { mod: typeof import("./pingan.js"); engine: Engine; policy: any }
/** Why the engine could not load. */
export type UnavailableReason = "unsupported" | "csp" | "fetch" | "error";
/** The rejection of ready() when the engine cannot load (the elements then fail open). */
export class PinganUnavailableError extends Error { readonly reason: UnavailableReason }
/** Resolves once the engine is up; rejects with a PinganUnavailableError when it cannot load. */
export function ready(): Promise<Ready>;
/** The loaded engine right now, or null (loading or unavailable). */
export function peek(): Ready | null;
/** { reason, message } once the engine is known not to load, else null. */
export function unavailable(): { reason: UnavailableReason; message: string } | null;
/** The fail-open notice. */
export const UNAVAILABLE_TEXT: Text;
/** Point the elements at another copy of pingan.js (and its .wasm), or give a custom policy pack. Call before first use. */
export function configure(options?: { moduleUrl?: string; wasmUrl?: string; policy?: object }): void;
/** Build the record a form describes (field name → JSON Pointer, values coerced by input type). */
export function formToRecord(form: HTMLFormElement): Record<string, unknown>;
/** "date" → "/date", "signed_by.subordinate" or "signed_by/subordinate" → "/signed_by/subordinate", "targets[0].metric" → "/targets/0/metric". */
export function nameToPointer(name: string): string;
/** A basis as "第七条第二项" (zh) or "art. 7(2)" (en). */
export function formatBasis(basis: { source?: string; article: number; clause?: number; item?: number }, lang: Lang, withSource?: boolean): string;
export function explainCase(c: object, dossier: object, lang: Lang): string;
export const LABELS: Record<string, Record<string, Text>>;
export function label(vocabulary: string, value: string, lang: Lang): string;
export function define(): void;

/** detail of the bubbling `pingan-result` event of <pingan-form-check>. */
export interface FormCheckResultDetail { kind: string; phase: "input" | "submit" | "check"; ok: boolean; result: ValidateResult; record: Record<string, unknown> }
/** detail of the bubbling `pingan-result` event of the display elements (result is the engine's answer). */
export interface DisplayResultDetail { ok: boolean; result: any; dossier: object | null }

export class PinganFormCheck extends HTMLElement {
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
    "pingan-unavailable": CustomEvent<{ reason: UnavailableReason; message: string }>;
  }
  /** The elements' events bubble to the document. */
  interface DocumentEventMap {
    "pingan-result": CustomEvent<FormCheckResultDetail | DisplayResultDetail>;
    "pingan-unavailable": CustomEvent<{ reason: UnavailableReason; message: string }>;
  }
}
