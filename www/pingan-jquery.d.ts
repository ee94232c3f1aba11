// Types of pingan-jquery.js. Importing the module has no side effect; install($) adds $.fn.pinganCheck.
import type { ValidateResult } from "./elements.js";

export interface PinganCheckOptions { kind: string; lang?: "zh" | "en" }
/** Add $.fn.pinganCheck to this jQuery; returns it. */
export function install<J>(jquery: J): J;
export default install;

declare global {
  interface JQuery {
    pinganCheck(options: PinganCheckOptions): JQuery;
    pinganCheck(command: "check"): Promise<ValidateResult & { unavailable?: string }>;
    pinganCheck(command: "result"): ValidateResult | null;
    pinganCheck(command: "destroy"): JQuery;
  }
}
