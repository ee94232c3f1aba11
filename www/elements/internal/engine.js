// Engine loading, one shared instance per page, through load.js (beside elements.js, loaded on first
// need): it picks the build this browser core can run — pingan.js (Chromium >= 96) or the WebAssembly-MVP
// pingan_mvp.js (69 - 95) — by feature detection, and reports a failure with a code that maps onto the
// reasons below. Also the page's and each element's `messages` / `dictionary` hooks. Module state only:
// nothing is loaded, listened to or registered on import. This file is elements/internal/engine.js: load.js
// and the builds are two folders up ("../../"), beside elements.js.

import { asArray } from "./format.js";

let moduleUrl = null;
let wasmUrl = null;
let baseUrl = null;
let buildWanted = null;
let customPolicy = null;
let pageHooks = null; // { messages?, dictionary? } of configure(), for the shared engine
let readyPromise = null;
let readyValue = null; // the resolved { mod, engine, policy, build }, for synchronous submit checks
let failure = null; // { reason, message, code } once the module is known not to load (fail-open from then on)

/** The loaded `{ mod, engine, policy, build }` right now, or null (still loading, or unavailable). Synchronous. */
export function peek() {
  return readyValue;
}

/**
 * Before first use: point the elements at another copy of the builds (`base`: the folder holding
 * pingan.js, pingan_mvp.js and their .wasm; or `moduleUrl` / `wasmUrl` for a default build kept
 * elsewhere — the MVP build is then looked for beside `moduleUrl`), force a build (`build`: "auto" |
 * "default" | "mvp"), give a custom policy pack, or the page's `messages` / `dictionary` hooks (every
 * element's engine gets them; an element's own `messages` / `dictionary` add to them).
 */
export function configure({ moduleUrl: url, wasmUrl: wasm, base, build, policy, messages, dictionary } = {}) {
  if (url) moduleUrl = new URL(url, document.baseURI).href;
  if (wasm) wasmUrl = new URL(wasm, document.baseURI).href;
  if (base) baseUrl = new URL(base, document.baseURI).href;
  if (build) buildWanted = String(build);
  if (policy) customPolicy = policy;
  if (messages || dictionary) {
    const next = Object.assign({}, pageHooks || {});
    if (messages) next.messages = Object.assign({}, next.messages || {}, messages);
    if (dictionary) next.dictionary = Object.assign({}, next.dictionary || {}, dictionary);
    pageHooks = next;
    // Already loaded: the shared engine takes them now (the elements' own engines are rebuilt).
    if (readyValue) {
      applyHooks(readyValue.engine, { messages, dictionary }, "configure()");
      hooksVersion += 1;
    }
  }
}

function metaContent(name) {
  const meta = typeof document !== "undefined" ? document.querySelector(`meta[name="${name}"]`) : null;
  return meta && meta.content ? meta.content : null;
}

/** What to ask load.js for: `{ build, base, files }` from configure(), the meta tags, or the folder of elements.js. */
function loadOptions() {
  const url = moduleUrl || (metaContent("pingan-module") ? new URL(metaContent("pingan-module"), document.baseURI).href : null);
  const wasm = wasmUrl || (metaContent("pingan-wasm") ? new URL(metaContent("pingan-wasm"), document.baseURI).href : null);
  const base =
    baseUrl ||
    (metaContent("pingan-base") ? new URL(metaContent("pingan-base"), document.baseURI).href : null) ||
    (url ? new URL("./", url).href : new URL("../../", import.meta.url).href);
  const files = {};
  if (url || wasm) files.default = { glue: url || undefined, wasm: wasm || undefined };
  return { build: buildWanted || metaContent("pingan-build") || "auto", base, files };
}

/**
 * Why the engine could not load. load.js's codes map onto these; what the browser threw decides the rest:
 *   "unsupported"  no WebAssembly, or a core too old to compile even the MVP module
 *   "csp"          the page's Content-Security-Policy forbids compiling WebAssembly ('wasm-unsafe-eval')
 *   "fetch"        load.js, the glue or the .wasm could not be fetched (404, network, wrong MIME type)
 *   "error"        anything else (the engine threw while starting, a bad `build` option)
 */
export function reasonOf(err, cspBlocked) {
  const code = err && typeof err.code === "string" ? err.code : "";
  const cause = err && err.cause;
  const name = String((cause && cause.name) || (err && err.name) || "");
  const msg = String((err && err.message) || err || "");
  if (code === "no_webassembly") return "unsupported";
  if (cspBlocked || code === "csp_blocked" || /content security policy|unsafe-eval|wasm-eval/i.test(msg)) return "csp";
  if (typeof WebAssembly !== "object" || !WebAssembly || typeof WebAssembly.instantiate !== "function") return "unsupported";
  if (code === "fetch_failed") return "fetch";
  if (code === "import_failed") return name === "SyntaxError" ? "unsupported" : "fetch";
  if (code === "compile_failed") return name === "CompileError" || name === "LinkError" ? "unsupported" : "error";
  if (code === "bad_option") return "error";
  if (name === "CompileError" || name === "LinkError") return "unsupported";
  if (name === "TypeError" || /mime|fetch|network|404|failed to load|dynamically imported/i.test(msg)) return "fetch";
  return "error";
}

/** The thrown value of ready() when the engine is unavailable: `reason` says why (see reasonOf). */
export class PinganUnavailableError extends Error {
  constructor(reason, message, code) {
    super(`pingan unavailable (${reason}): ${message}`);
    this.name = "PinganUnavailableError";
    this.reason = reason;
    this.code = code || null;
  }
}

/** `{ reason, message, code }` once the engine is known not to load, else null (loading, or loaded). */
export function unavailable() {
  return failure;
}

let hooksVersion = 0; // bumped when the page's hooks change after load (element engines are rebuilt)

/** engine.configure(hooks); a bad hook is reported in the console and ignored (never blocks a form). */
function applyHooks(engine, hooks, where) {
  let r = null;
  try {
    r = engine.configure(hooks);
  } catch (e) {
    r = { ok: false, errors: [{ message: { zh: String(e), en: String(e) } }] };
  }
  if (r && r.ok) return true;
  try {
    const why = asArray(r && r.errors).map((i) => `${i.path || ""} ${i.message && (i.message.en || i.message.zh)}`.trim()).join("; ");
    console.warn(`pingan: ${where}: messages / dictionary ignored: ${why}`);
  } catch (_) {
    /* no console */
  }
  return false;
}

/**
 * Resolves to `{ mod, engine, policy, build }` once the wasm module is instantiated (`build`: "default"
 * or "mvp", as load.js chose); REJECTS with a PinganUnavailableError (its `reason`: "unsupported" |
 * "csp" | "fetch" | "error", its `code`: load.js's) when it cannot be. The elements then fail open:
 * forms submit as without pingan, a notice shows, and each element fires a bubbling `pingan-unavailable`
 * event ({ reason, code }). No timeout: the browser settles every cause.
 */
export function ready() {
  if (!readyPromise) {
    readyPromise = (async () => {
      let cspBlocked = false;
      const onViolation = (e) => {
        if (/wasm|eval/i.test(String(e.blockedURI || "") + " " + String(e.violatedDirective || ""))) cspBlocked = true;
      };
      if (typeof document !== "undefined") document.addEventListener("securitypolicyviolation", onViolation);
      try {
        if (typeof WebAssembly !== "object" || !WebAssembly || typeof WebAssembly.instantiate !== "function") {
          const e = new Error("WebAssembly is not available in this browser");
          e.code = "no_webassembly";
          throw e;
        }
        let loader;
        try {
          loader = await import(new URL("../../load.js", import.meta.url).href);
        } catch (e) {
          const err = new Error(`load.js could not be loaded: ${(e && e.message) || e}`);
          err.code = "import_failed";
          err.cause = e;
          throw err;
        }
        const opts = loadOptions();
        const loaded = await loader.loadPingan(opts);
        const mod = loaded.module;
        const engine = customPolicy ? new mod.Engine(customPolicy) : new mod.Engine();
        if (pageHooks) applyHooks(engine, pageHooks, "configure()");
        let policy = null;
        try {
          policy = customPolicy || mod.defaultPolicy();
        } catch (_) {
          policy = null;
        }
        readyValue = { mod, engine, policy, build: loaded.build };
        return readyValue;
      } catch (err) {
        // The violation event may be queued after the rejection: give it one task to arrive.
        await new Promise((r) => setTimeout(r, 0));
        const reason = reasonOf(err, cspBlocked);
        failure = { reason, message: String((err && err.message) || err), code: (err && err.code) || null };
        try {
          console.warn(`pingan: in-browser checks unavailable (${reason}): ${failure.message}. Forms submit unchecked.`);
        } catch (_) {
          /* no console */
        }
        throw new PinganUnavailableError(reason, failure.message, failure.code);
      } finally {
        if (typeof document !== "undefined") document.removeEventListener("securitypolicyviolation", onViolation);
      }
    })();
    // Handled here, so that a page that never awaits ready() sees no unhandled rejection.
    readyPromise.catch(() => {});
  }
  return readyPromise;
}

/** An element's own `messages` / `dictionary` (properties, else the JSON attributes), or null. */
export function ownHooks(el) {
  const out = {};
  for (const name of ["messages", "dictionary"]) {
    let v = el["_hook_" + name];
    if (v === undefined) {
      const text = el.getAttribute(name);
      if (text) {
        try {
          v = JSON.parse(text);
        } catch (e) {
          if (el._badJson !== name + text) {
            el._badJson = name + text;
            try {
              console.warn(`pingan: <${el.localName} ${name}="…">: not JSON, ignored (${e && e.message})`);
            } catch (_) {
              /* no console */
            }
          }
          v = undefined;
        }
      }
    }
    if (v && typeof v === "object") out[name] = v;
  }
  return out.messages || out.dictionary ? out : null;
}

/** Free an element's own engine (not the shared one). */
export function dropEngine(el, shared) {
  const own = el._engine;
  el._engine = null;
  el._engineKey = null;
  if (own && own !== (shared || (readyValue && readyValue.engine)) && typeof own.free === "function") {
    try {
      own.free();
    } catch (_) {
      /* already freed */
    }
  }
}

/** The engine an element uses: the shared one, or one of its own with its `messages` / `dictionary`. */
export function engineOf(el, env) {
  const shared = env.engine;
  const hooks = ownHooks(el);
  if (!hooks) return shared;
  let key;
  try {
    key = `${hooksVersion} ${JSON.stringify(hooks)}`;
  } catch (_) {
    return shared;
  }
  if (el._engine && el._engineKey === key) return el._engine;
  dropEngine(el, shared);
  let own = null;
  try {
    own = customPolicy ? new env.mod.Engine(customPolicy) : new env.mod.Engine();
    if (pageHooks) applyHooks(own, pageHooks, "configure()");
    if (!applyHooks(own, hooks, `<${el.localName}>`)) {
      if (typeof own.free === "function") own.free();
      own = null;
    }
  } catch (_) {
    own = null;
  }
  el._engine = own || shared;
  el._engineKey = key;
  return el._engine;
}
