// Types of pingan-layui.js (layui 2.x adapter). Importing the module has no side effect.
import type { ValidateResult } from "./elements.js";

export interface LayuiLike { form: { verify(rules: Record<string, (value: string, item: HTMLElement) => string | undefined>): unknown; on(event: string, cb: (data: any) => unknown): unknown } }
export interface PinganLayuiOptions {
  /** The layui form: a selector or the element. */
  form: string | HTMLFormElement;
  /** The engine's record kind: "incident", "letter", … */
  kind: string;
  lang?: "zh" | "en";
  /** The form.verify rule name set as lay-verify on every field (default "pingan"). */
  rule?: string;
}
/** layui's submit data, with the record the engine checked (absent when failing open before elements.js loaded). */
export interface GuardedSubmitData { elem: HTMLElement; form: HTMLFormElement; field: Record<string, string>; record?: Record<string, unknown>; pingan: ValidateResult & { unavailable?: string } }
export interface PinganLayui {
  /** Wrap a form.on("submit(x)") callback: it runs only with a valid record (or failing open). */
  guard(handler: (this: HTMLElement, data: GuardedSubmitData) => boolean | void): (data: any) => boolean;
  /** Validate now, every message shown. */
  check(): Promise<ValidateResult & { unavailable?: string }>;
  /** The <pingan-form-check> placed after the form, once elements.js is loaded. */
  ready: Promise<HTMLElement>;
}
export function pinganLayui(layui: LayuiLike, options: PinganLayuiOptions): PinganLayui;
export default pinganLayui;
