// Types of load.js: pick the build this browser core can run (default or WebAssembly MVP) and initialise it.
import type * as Pingan from "./pingan.js";

/** "default": pingan.js + pingan_bg.wasm (Chromium >= 96); "mvp": pingan_mvp.js + pingan_mvp_bg.wasm. */
export type PinganBuild = "default" | "mvp";

/** What WebAssembly.validate said of each probe module (one post-MVP feature each). */
export interface PinganFeatures {
  reference_types: boolean;
  multi_value: boolean;
  bulk_memory: boolean;
  sat_float_to_int: boolean;
  sign_extension: boolean;
}

export interface LoadPinganOptions {
  /** "auto" (default): by feature detection; "default" or "mvp" forces one build. */
  build?: "auto" | PinganBuild;
  /** URL of the folder that holds the builds; default: the folder of load.js. */
  base?: string | URL;
  /** RequestInit for fetching the .wasm (e.g. `{ credentials: "same-origin" }`). */
  fetch?: RequestInit;
  /** Other names or URLs (resolved against `base`) of a build's files, for a portal that renamed or moved them. */
  files?: Partial<Record<PinganBuild, { glue?: string; wasm?: string }>>;
}

export interface LoadedPingan {
  /** The initialised glue module: Engine, checkPolicy, schema, version, … (same API for both builds). */
  module: typeof Pingan;
  build: PinganBuild;
  /** URL of the glue module that was imported. */
  url: string;
  features: PinganFeatures;
}

export type PinganLoadErrorCode =
  | "no_webassembly"
  | "import_failed"
  | "fetch_failed"
  | "csp_blocked"
  | "compile_failed"
  | "bad_option";

/** The rejection of loadPingan: `message` in English, `zh` in Chinese for staff. */
export interface PinganLoadError extends Error {
  name: "PinganLoadError";
  code: PinganLoadErrorCode;
  zh: string;
  build?: PinganBuild | null;
  url?: string;
  status?: number;
  cause?: unknown;
}

export const PROBES: Readonly<Record<keyof PinganFeatures, readonly number[]>>;
export const BUILDS: Readonly<Record<PinganBuild, { glue: string; wasm: string }>>;
export function hasWebAssembly(): boolean;
export function detectFeatures(): PinganFeatures;
export function chooseBuild(features?: PinganFeatures): PinganBuild | null;
/** Never throws synchronously; rejects with a PinganLoadError. */
export function loadPingan(options?: LoadPinganOptions): Promise<LoadedPingan>;
export default loadPingan;
