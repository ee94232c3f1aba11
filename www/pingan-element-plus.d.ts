// Types of pingan-element-plus.js (el-form rules). Importing the module has no side effect.
import type { ValidateResult } from "./elements.js";

export const UNAVAILABLE_TEXT: { zh: string; en: string };
/** One async-validator rule as el-form takes it. */
export interface PinganRule { trigger: string | string[]; asyncValidator: (...args: unknown[]) => Promise<void> }
export interface PinganRulesOptions {
  lang?: "zh" | "en";
  /** The props to build rules for (default: every key of the model, nested ones as "a.b"). */
  props?: string[];
  trigger?: string | string[];
  /** Called once when the engine cannot load (fail open): show `text` to the user. */
  onUnavailable?: (reason: string, text: { zh: string; en: string }) => void;
}
export function pinganRules(kind: string, model: object, options?: PinganRulesOptions): Record<string, PinganRule[]>;
/** The whole model checked; { ok: true, unavailable } when the engine cannot load. Never rejects. */
export function pinganValidate(kind: string, model: object, options?: { onUnavailable?: (reason: string) => void }): Promise<ValidateResult & { unavailable?: string }>;
export function propToPointer(prop: string): string;
export function modelToRecord(model: object): Record<string, unknown>;
export default pinganRules;
