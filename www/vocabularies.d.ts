// Types of www/vocabularies.js (generated from the library's vocabularies; no side effect on import).
import type { Vocabularies } from "./pingan.js";

/** The labels of every vocabulary value: `{ vocabulary: { value: { zh, en } } }`. */
export declare const LABELS: { readonly [vocabulary: string]: { readonly [value: string]: { zh: string; en: string } } };
/** The same as the engine's `vocabularies()`. */
export declare function vocabularies(): Vocabularies;
