// pingan's loader: picks the build this browser core can run and initialises it.
//
//   import { loadPingan } from "./load.js";
//   const { module: pingan, build } = await loadPingan();   // build: "default" | "mvp"
//   const engine = new pingan.Engine();
//
// Two builds ship side by side in pkg/web:
//   pingan.js     + pingan_bg.wasm       the default module: needs reference-types, multi-value,
//                                         bulk-memory, non-trapping float-to-int and sign-extension
//                                         (every one of them: Chromium >= 96)
//   pingan_mvp.js + pingan_mvp_bg.wasm   the same crate for the WebAssembly MVP feature set (no
//                                         post-MVP feature at all), for older cores (Chromium 69 - 95)
// Each feature is detected with WebAssembly.validate on a tiny probe module that uses only it
// (`make test` proves each probe is rejected without its feature and accepted with it), so a core
// that lacks any of them gets the MVP build. Without WebAssembly, loadPingan rejects: the caller
// fails open (lets the form submit and says the in-browser check is unavailable).
//
// Side-effect free: importing this file fetches nothing and defines nothing global.
// ES2019 syntax plus import() and import.meta (Chromium >= 64), checked by `make test`.

/** Probe modules, one post-MVP feature each (bytes from wat2wasm; see scripts/wasm-features.mjs). */
export const PROBES = {
  // (table 0 externref) (func (param externref) (result i32) local.get 0 i32.const 1 table.grow 0)
  reference_types: [0, 97, 115, 109, 1, 0, 0, 0, 1, 6, 1, 96, 1, 111, 1, 127, 3, 2, 1, 0, 4, 4, 1, 111, 0, 0,
    10, 11, 1, 9, 0, 32, 0, 65, 1, 252, 15, 0, 11],
  // (func (result i32 i32) i32.const 0 i32.const 0)
  multi_value: [0, 97, 115, 109, 1, 0, 0, 0, 1, 6, 1, 96, 0, 2, 127, 127, 3, 2, 1, 0, 10, 8, 1, 6, 0, 65, 0, 65,
    0, 11],
  // (memory 1) (func i32.const 0 i32.const 0 i32.const 0 memory.copy)
  bulk_memory: [0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 5, 3, 1, 0, 1, 10, 14, 1, 12, 0, 65,
    0, 65, 0, 65, 0, 252, 10, 0, 0, 11],
  // (func (result i32) f32.const 0 i32.trunc_sat_f32_s)
  sat_float_to_int: [0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 127, 3, 2, 1, 0, 10, 11, 1, 9, 0, 67, 0, 0,
    0, 0, 252, 0, 11],
  // (func (result i32) i32.const 0 i32.extend8_s)
  sign_extension: [0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 127, 3, 2, 1, 0, 10, 7, 1, 5, 0, 65, 0, 192,
    11],
};

/** The build names loadPingan accepts in `options.build` and answers in `build`. */
export const BUILDS = {
  default: { glue: "pingan.js", wasm: "pingan_bg.wasm" },
  mvp: { glue: "pingan_mvp.js", wasm: "pingan_mvp_bg.wasm" },
};

/** Is WebAssembly there at all (the MVP JS API: validate, compile/instantiate, Module, Memory)? */
export function hasWebAssembly() {
  try {
    return typeof WebAssembly === "object" && WebAssembly !== null &&
      typeof WebAssembly.validate === "function" && typeof WebAssembly.instantiate === "function";
  } catch (e) {
    return false;
  }
}

/** Which post-MVP features this core validates, by probe: `{ reference_types: true, ... }`. Never throws. */
export function detectFeatures() {
  const found = {};
  const wasm = hasWebAssembly();
  for (const name of Object.keys(PROBES)) {
    let ok = false;
    if (wasm) {
      try {
        ok = WebAssembly.validate(new Uint8Array(PROBES[name])) === true;
      } catch (e) {
        ok = false;
      }
    }
    found[name] = ok;
  }
  return found;
}

/** The build this core should run: "default" when every probe passes, "mvp" otherwise, null without WebAssembly. */
export function chooseBuild(features) {
  if (!hasWebAssembly()) return null;
  const f = features || detectFeatures();
  return Object.keys(PROBES).every((name) => f[name] === true) ? "default" : "mvp";
}

const MESSAGES = {
  no_webassembly: {
    en: "this browser has no WebAssembly",
    zh: "此浏览器不支持 WebAssembly",
  },
  bad_option: {
    en: "loadPingan: unknown build",
    zh: "loadPingan：未知的构建类型",
  },
  import_failed: {
    en: "the pingan script could not be loaded",
    zh: "pingan 脚本未能加载",
  },
  fetch_failed: {
    en: "the pingan module could not be downloaded",
    zh: "pingan 模块未能下载",
  },
  csp_blocked: {
    en: "the page's Content-Security-Policy forbids WebAssembly (add 'wasm-unsafe-eval' to script-src)",
    zh: "页面的内容安全策略（CSP）禁止 WebAssembly（须在 script-src 中加入 'wasm-unsafe-eval'）",
  },
  compile_failed: {
    en: "the pingan module could not be compiled or started in this browser",
    zh: "pingan 模块无法在此浏览器中编译或启动",
  },
};

/** An Error with `code`, `zh` (Chinese text for staff), `build`, `url` and the original `cause`. */
function failure(code, detail, extra) {
  const m = MESSAGES[code];
  const err = new Error(`pingan: ${m.en}${detail ? ` (${detail})` : ""}`);
  err.name = "PinganLoadError";
  err.code = code;
  err.zh = m.zh;
  if (extra) {
    for (const k of Object.keys(extra)) err[k] = extra[k];
  }
  return err;
}

const describe = (e) => {
  try {
    return e && e.message ? String(e.message) : String(e);
  } catch (x) {
    return "unknown error";
  }
};

/** Where the builds live: next to this file unless `options.base` says otherwise. */
function resolveUrl(file, base) {
  return new URL(file, base || import.meta.url).href;
}

// One load per (build, base): later calls share it; a failed load is forgotten so a retry can succeed.
const loads = new Map();

async function load(build, base, fetchOptions, own) {
  const files = BUILDS[build];
  const glueUrl = resolveUrl((own && own.glue) || files.glue, base);
  const wasmUrl = resolveUrl((own && own.wasm) || files.wasm, base);
  let mod;
  try {
    mod = await import(glueUrl);
  } catch (e) {
    throw failure("import_failed", describe(e), { build, url: glueUrl, cause: e });
  }
  let response;
  try {
    response = await fetch(wasmUrl, fetchOptions);
  } catch (e) {
    throw failure("fetch_failed", describe(e), { build, url: wasmUrl, cause: e });
  }
  if (!response.ok) {
    throw failure("fetch_failed", `HTTP ${response.status}`, { build, url: wasmUrl, status: response.status });
  }
  try {
    await mod.default({ module_or_path: response });
  } catch (e) {
    const text = describe(e);
    const csp = /unsafe-eval|Content Security Policy|Content-Security-Policy/i.test(text);
    throw failure(csp ? "csp_blocked" : "compile_failed", text, { build, url: wasmUrl, cause: e });
  }
  return { module: mod, build, url: glueUrl };
}

/**
 * Load and initialise pingan. Resolves to `{ module, build, features }`: `module` is the initialised
 * glue's namespace (Engine, validate, …), `build` is "default" or "mvp", `features` what the probes found.
 * Rejects (never throws synchronously) with a PinganLoadError whose `code` is one of no_webassembly,
 * import_failed, fetch_failed, csp_blocked, compile_failed, bad_option.
 *
 * options.build  "auto" (default) | "default" | "mvp": force one build (tests, or a portal that knows its cores)
 * options.base   URL of the folder holding the builds (default: the folder of this file)
 * options.fetch  RequestInit passed to fetch() for the .wasm (e.g. { credentials: "same-origin" })
 * options.files  { default?: { glue?, wasm? }, mvp?: { glue?, wasm? } }: other file names or URLs of a
 *                build (resolved against `base`), for a portal that renamed or moved one of them
 */
export async function loadPingan(options) {
  const opts = options || {};
  const wanted = opts.build === undefined || opts.build === null ? "auto" : opts.build;
  if (wanted !== "auto" && !Object.prototype.hasOwnProperty.call(BUILDS, wanted)) {
    throw failure("bad_option", `build ${JSON.stringify(String(wanted))}; use "auto", "default" or "mvp"`);
  }
  if (!hasWebAssembly()) throw failure("no_webassembly", "", { build: null });
  const features = detectFeatures();
  const build = wanted === "auto" ? chooseBuild(features) : wanted;
  const base = opts.base ? String(opts.base) : "";
  const own = opts.files && typeof opts.files === "object" ? opts.files[build] || null : null;
  const key = `${build} ${base} ${own ? `${own.glue || ""} ${own.wasm || ""}` : ""}`;
  let pending = loads.get(key);
  if (!pending) {
    pending = load(build, base || undefined, opts.fetch, own);
    loads.set(key, pending);
    pending.catch(() => loads.delete(key));
  }
  const loaded = await pending;
  return { module: loaded.module, build: loaded.build, url: loaded.url, features };
}

export default loadPingan;
