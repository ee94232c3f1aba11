// pingan custom elements — drop-in for existing portals (no framework, no bundler, no build step).
//
//   <script type="module" src="/path/to/elements.js"></script>
//   <form id="f">…<input name="date" type="date">…</form>
//   <pingan-form-check for="f" kind="incident" lang="zh"></pingan-form-check>
//   <pingan-scorecard src="/data/county.json"></pingan-scorecard>
//   <pingan-timeline></pingan-timeline>   <pingan-duty-matrix></pingan-duty-matrix>
//
// The engine module is "./pingan.js" next to this file (in pkg/web/ that is the wasm-bindgen output; in
// the demo tree www/pingan.js re-exports ../pkg/web/pingan.js). A page may point elsewhere with
// <meta name="pingan-module" content="/static/pingan/pingan.js"> or configure({ moduleUrl }) before first use.
//
// Every element takes `lang="zh" | "en"` (zh-CN by default) and dispatches a bubbling `pingan-result`
// CustomEvent whose detail carries the engine's answer. User data is only ever put in the page with
// textContent / DOM APIs. The module imports only its labels (./vocabularies.js, generated) and loads
// nothing but the engine (load.js, .js + .wasm, same origin) when first needed.

import { LABELS } from "./vocabularies.js";

const SVGNS = "http://www.w3.org/2000/svg";

// ---------------------------------------------------------------------------------------------------
// Engine loading (one shared instance per page), through load.js (beside this file): it picks the build
// this browser core can run — pingan.js (Chromium >= 96) or the WebAssembly-MVP pingan_mvp.js (69 - 95)
// — by feature detection, and reports a failure with a code that maps onto the reasons below.

let moduleUrl = null;
let wasmUrl = null;
let baseUrl = null;
let buildWanted = null;
let customPolicy = null;
let pageHooks = null; // { messages?, dictionary? } of configure(), for the shared engine
let readyPromise = null;
let readyValue = null; // the resolved { mod, engine, policy, build }, for synchronous submit checks
let failure = null; // { reason, message, code } once the module is known not to load (fail-open from then on)

function peekReady() {
  return readyValue;
}

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

/** What to ask load.js for: `{ build, base, files }` from configure(), the meta tags, or this file's folder. */
function loadOptions() {
  const url = moduleUrl || (metaContent("pingan-module") ? new URL(metaContent("pingan-module"), document.baseURI).href : null);
  const wasm = wasmUrl || (metaContent("pingan-wasm") ? new URL(metaContent("pingan-wasm"), document.baseURI).href : null);
  const base =
    baseUrl ||
    (metaContent("pingan-base") ? new URL(metaContent("pingan-base"), document.baseURI).href : null) ||
    (url ? new URL("./", url).href : new URL("./", import.meta.url).href);
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
          loader = await import(new URL("./load.js", import.meta.url).href);
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
function ownHooks(el) {
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
function dropEngine(el, shared) {
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
function engineOf(el, env) {
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

/** The fail-open notice, zh / en. */
export const UNAVAILABLE_TEXT = {
  zh: "浏览器端校验暂不可用，提交后由系统校验。",
  en: "In-browser checks are unavailable; the system will check on submit.",
};

/** Show the notice in `el` (replacing its content) and fire `pingan-unavailable` on it, once per failure. */
function failOpen(el) {
  if (!failure) return;
  const lang = langOf(el);
  const p = h("p", { className: "pingan-unavailable", role: "note", lang: lang === "en" ? "en" : "zh-CN", "data-reason": failure.reason, text: tx(UNAVAILABLE_TEXT, lang) });
  replaceKids(el, p);
  el.setAttribute("data-unavailable", failure.reason);
  if (el._unavailableFired) return;
  el._unavailableFired = true;
  try {
    el.dispatchEvent(new CustomEvent("pingan-unavailable", { bubbles: true, composed: true, detail: { reason: failure.reason, message: failure.message, code: failure.code } }));
  } catch (_) {
    /* a listener threw: not ours to report */
  }
}

// ---------------------------------------------------------------------------------------------------
// Language, labels, formatting.

export function langOf(el) {
  const l = (el && el.getAttribute && el.getAttribute("lang")) || "zh";
  return l.toLowerCase().startsWith("en") ? "en" : "zh";
}

export function tx(text, lang) {
  if (text == null) return "";
  if (typeof text === "string") return text;
  // No `??`: the shipped JS parses as ES2019 (older Chromium cores; tests/consumer/es2019.mjs).
  const first = lang === "en" ? text.en : text.zh;
  return first != null ? first : text.zh != null ? text.zh : text.en != null ? text.en : "";
}

/** Labels of the engine's enum values, { value: { zh, en } } per vocabulary: generated from the library's
 * vocabularies (src/model.rs, src/policy.rs) into vocabularies.js, so the labels exist before the engine
 * loads (and when it cannot, for the fail-open notice). */
export { LABELS };

export function label(vocab, value, lang) {
  const t = LABELS[vocab] && LABELS[vocab][value];
  return t ? tx(t, lang) : String(value == null ? "" : value);
}

const UI = {
  loading: { zh: "正在加载引擎…", en: "Loading the engine…" },
  noData: { zh: "尚无数据", en: "No data yet" },
  engineError: { zh: "引擎未给出结果", en: "The engine gave no result" },
  errorsFound: { zh: "处问题需要修改", en: "problem(s) to fix" },
  warnings: { zh: "提示", en: "Note" },
  total: { zh: "总分", en: "Total" }, grade: { zh: "等次", en: "Grade" },
  base: { zh: "基础分", en: "Base" }, bonus: { zh: "加分", en: "Bonus" }, deductions: { zh: "扣分", en: "Deductions" },
  vetoed: { zh: "一票否决", en: "one-vote veto" },
  indicator: { zh: "指标", en: "Indicator" }, kindCol: { zh: "类型", en: "Kind" }, input: { zh: "输入", en: "Input" },
  fraction: { zh: "得分率", en: "Fraction" }, weight: { zh: "权重", en: "Weight" }, points: { zh: "得分", en: "Points" },
  basis: { zh: "依据", en: "Basis" }, ledger: { zh: "计分明细", en: "Ledger" },
  chartTitle: { zh: "各指标得分与权重", en: "Points against weight per indicator" },
  chartWeight: { zh: "权重", en: "weight" }, chartPoints: { zh: "得分", en: "points" },
  cases: { zh: "追究案件", en: "Accountability cases" }, noCases: { zh: "无追究案件", en: "No accountability case" },
  bars: { zh: "限制期", en: "Bars" }, asOf: { zh: "截至", en: "as of" },
  opened: { zh: "立案", en: "opened" }, open: { zh: "进行中", en: "open" }, closed: { zh: "已整改销案", en: "closed" },
  deadline: { zh: "整改期限", en: "deadline" }, next: { zh: "下一步", en: "next" },
  targets: { zh: "对象", en: "targets" }, issuer: { zh: "实施", en: "issued by" },
  unit: { zh: "本单位", en: "the unit" },
  duties: { zh: "领导责任清单", en: "Leadership duty matrix" }, duty: { zh: "职责", en: "Duty" },
  notHis: { zh: "不适用", en: "not this leader's duty" },
  evidence: { zh: "证据", en: "Evidence" }, none: { zh: "无", en: "none" },
  findings: { zh: "合规问题", en: "Compliance findings" }, noFindings: { zh: "未发现合规问题", en: "No compliance finding" },
  detailHint: { zh: "将鼠标移到单元格上、用 Tab 键聚焦或点击，查看条款和说明。", en: "Hover, focus (Tab) or click a cell to see its article and our summary." },
  detailHintTouch: { zh: "轻触单元格，查看条款和说明。", en: "Tap a cell to see its article and our summary." },
  markerHintTouch: { zh: "轻触标记，查看日期、对象和依据。", en: "Tap a marker to see its dates, targets and basis." },
  markerHint: { zh: "将鼠标移到标记上、用 Tab 键聚焦或点击，查看日期、对象和依据。", en: "Hover, focus (Tab) or click a marker to see its dates, targets and basis." },
  periodWord: { zh: "整改期", en: "rectification period" },
  applicability: { zh: "适用", en: "Applies" },
  appliesFull: { zh: "全面适用", en: "in full" }, appliesRef: { zh: "参照执行", en: "by reference" }, appliesNone: { zh: "不适用", en: "not at all" },
  because: { zh: "原因", en: "Because" },
};
const ui = (key, lang) => tx(UI[key], lang);
/** A touch screen without hover: hints say "tap", not "hover". */
const touchOnly = () => typeof matchMedia === "function" && matchMedia("(hover: none)").matches;

const CN_DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
export function cnNumber(n) {
  n = Math.trunc(Number(n));
  if (!Number.isFinite(n) || n < 0) return String(n);
  if (n < 10) return CN_DIGITS[n];
  if (n < 20) return "十" + (n % 10 ? CN_DIGITS[n % 10] : "");
  if (n < 100) return CN_DIGITS[Math.floor(n / 10)] + "十" + (n % 10 ? CN_DIGITS[n % 10] : "");
  if (n < 1000) {
    const h = Math.floor(n / 100), r = n % 100;
    return CN_DIGITS[h] + "百" + (r === 0 ? "" : r < 10 ? "零" + CN_DIGITS[r] : r < 20 ? "一" + cnNumber(r) : cnNumber(r));
  }
  return String(n);
}

const SOURCES = {
  "zj-lrs": { zh: "本办法", en: "the measures" },
  "henan-lrs-2016": { zh: "河南省实施细则（2016）", en: "Henan measures 2016" },
  "zj-public-order-2017": { zh: "浙江省社会治安综合治理条例（2017）", en: "Zhejiang public-order statute 2017" },
};

/** "第七条第二项" / "art. 7(2)"; another rule is named ("河南省实施细则(2016)第三十三条"). */
export function formatBasis(b, lang, withSource = true) {
  if (!b || b.article == null) return "";
  const src = b.source && b.source !== "zj-lrs" && withSource ? (SOURCES[b.source] ? tx(SOURCES[b.source], lang) : b.source) : "";
  if (lang === "en") {
    let s = `art. ${b.article}`;
    if (b.clause != null) s += ` para ${b.clause}`;
    if (b.item != null) s += `(${b.item})`;
    return src ? `${src}, ${s}` : s;
  }
  let s = `第${cnNumber(b.article)}条`;
  if (b.clause != null) s += `第${cnNumber(b.clause)}款`;
  if (b.item != null) s += `第${cnNumber(b.item)}项`;
  return src ? src + s : s;
}

export const asArray = (x) => (x == null ? [] : Array.isArray(x) ? x : [x]);

/** A number (or a decimal given as text) shown with two decimals. */
export function fmt2(v) {
  if (v == null || v === "") return "";
  const n = typeof v === "number" ? v : Number(v);
  if (typeof v === "string" && !Number.isFinite(n)) return v;
  return n.toFixed(2);
}

// ---------------------------------------------------------------------------------------------------
// DOM helpers: text only through textContent; no style attributes, no innerHTML.

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVGNS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

function setAttrs(el, attrs) {
  if (!attrs) return;
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === "style") throw new Error("no style attributes (CSP)");
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "text") el.textContent = String(v);
    else if (k === "className") el.setAttribute("class", v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c == null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/**
 * Submit `form` again as if `submitter` (or the form's default button) had been clicked: the submit event
 * fires (the page's own handlers and ours run), the submitter's name/value are sent and its formaction…
 * attributes apply. A hidden temporary submit button does it, the way every core since HTML 4 submits;
 * (HTMLFormElement's requestSubmit would need Chromium 76, above the floor of 69).
 */
export function submitForm(form, submitter) {
  const b = document.createElement(submitter && submitter.tagName === "INPUT" ? "input" : "button");
  b.setAttribute("type", "submit");
  b.hidden = true;
  b.setAttribute("data-pingan-resubmit", "");
  if (submitter && submitter.form === form) {
    for (const a of ["name", "value", "formaction", "formenctype", "formmethod", "formnovalidate", "formtarget"]) {
      if (submitter.hasAttribute(a)) b.setAttribute(a, submitter.getAttribute(a));
    }
  }
  form.appendChild(b);
  try {
    b.click();
  } finally {
    b.remove();
  }
}

/** Replace an element's children by `kids` (textContent + append: Chromium 54, below the floor of 69). */
function replaceKids(el, ...kids) {
  el.textContent = "";
  el.append(...kids);
}

let uidCounter = 0;
const uid = (p) => `${p}-${++uidCounter}`;

// ---------------------------------------------------------------------------------------------------
// Default look, as a constructed stylesheet (allowed under a strict CSP; no <style> element needed).
// Selectors are wrapped in :where() so that any host stylesheet wins.

const STYLE = `
:where(pingan-form-check, pingan-scorecard, pingan-timeline, pingan-duty-matrix) { display: block; }
:where(.pingan-msg) { display: block; color: #b3261e; font-size: 0.875em; margin: 0.15em 0 0.4em; }
:where(.pingan-msg.pingan-warning) { color: #7a5200; }
:where(.pingan-msg:empty) { display: none; }
:where([aria-invalid="true"]) { outline: 2px solid #b3261e; outline-offset: 1px; }
:where(.pingan-summary) { color: #b3261e; margin: 0.5em 0; }
:where(.pingan-summary:empty) { display: none; }
:where(.pingan-table) { border-collapse: collapse; width: 100%; font-size: 0.9em; }
:where(.pingan-table th, .pingan-table td) { border: 1px solid #c9ced6; padding: 0.25em 0.45em; text-align: left; vertical-align: top; }
:where(.pingan-table th) { background: #eef1f5; }
:where(.pingan-table td.num) { text-align: right; font-variant-numeric: tabular-nums; }
:where(.pingan-headline) { display: flex; flex-wrap: wrap; gap: 0.5em 1.5em; align-items: baseline; margin: 0.25em 0 0.5em; }
:where(.pingan-total) { font-size: 2em; font-weight: 700; font-variant-numeric: tabular-nums; }
:where(.pingan-grade) { font-size: 1.2em; font-weight: 700; padding: 0.1em 0.5em; border-radius: 0.3em; background: #e4ecf7; color: #123; }
:where(.pingan-grade-excellent) { background: #d7f0dc; color: #0d4b1c; }
:where(.pingan-grade-good) { background: #e0ecfb; color: #0c3569; }
:where(.pingan-grade-pass) { background: #fdf0cc; color: #5a4100; }
:where(.pingan-grade-fail) { background: #fbdada; color: #7a0f0f; }
:where(.pingan-veto) { color: #7a0f0f; font-weight: 700; }
:where(.pingan-chart) { width: 100%; height: auto; max-width: 760px; display: block; margin: 0.5em 0; }
:where(.pingan-chart text, .pingan-timeline-svg text) { font-size: 12px; fill: #222; }
:where(.pingan-bar-weight) { fill: #e3e7ee; stroke: #9aa4b2; }
:where(.pingan-bar-points) { fill: #2f6db5; }
:where(.pingan-bar-points.pingan-process) { fill: #3c8d5a; }
:where(.pingan-timeline-svg) { width: 100%; height: auto; display: block; }
@media (max-width: 600px) { :where(.pingan-timeline-svg) { min-width: 620px; } }
:where(.pingan-axis) { stroke: #9aa4b2; }
:where(.pingan-grid) { stroke: #e3e7ee; }
:where(.pingan-asof) { stroke: #b3261e; stroke-width: 2; stroke-dasharray: 5 3; }
:where(.pingan-period) { fill: #dfe6f1; }
:where(.pingan-m-circular) { fill: #2f6db5; }
:where(.pingan-m-yellow_card, .pingan-m-interview) { fill: #d9a400; }
:where(.pingan-m-listed_supervision) { fill: #d0661a; }
:where(.pingan-m-one_vote_veto, .pingan-m-personnel_measures_recommended) { fill: #a1141b; }
:where(.pingan-next) { fill: #fff; stroke: #555; stroke-dasharray: 2 2; }
:where(.pingan-bar-honours) { fill: #c2475a; }
:where(.pingan-bar-commendation) { fill: #e08a3c; }
:where(.pingan-bar-promotion) { fill: #8a5cc2; }
:where(.pingan-marker:focus) { outline: none; }
:where(.pingan-marker:focus > circle, .pingan-marker:focus > rect) { stroke: #000; stroke-width: 2.5; }
:where(.pingan-cases) { padding-left: 1.2em; }
:where(.pingan-cases li) { margin: 0.4em 0; }
:where(.pingan-explain) { margin: 0.2em 0; }
:where(.pingan-id) { color: #5d6673; font-size: 0.8em; font-weight: 400; }
:where(.pingan-timeline-svg text.pingan-sub) { font-size: 11px; fill: #4a5361; }
:where(.pingan-detail) { min-height: 3em; border-left: 4px solid #2f6db5; background: #f4f7fb; padding: 0.4em 0.6em; margin: 0.5em 0; }
:where(.pingan-cell) { font: inherit; min-width: 2.2em; padding: 0.1em 0.3em; border: 1px solid transparent; background: none; cursor: pointer; border-radius: 0.25em; }
:where(.pingan-cell:focus) { border-color: #2f6db5; outline: 2px solid #2f6db5; }
@media (hover: hover) { :where(.pingan-cell:hover) { border-color: #2f6db5; outline: 2px solid #2f6db5; } }
@media (pointer: coarse) { :where(.pingan-cell) { min-width: 44px; min-height: 44px; } :where(.pingan-marker) { cursor: pointer; } }
:where(.pingan-cell[data-status="met"]) { color: #0d6b2a; }
:where(.pingan-cell[data-status="unmet"]) { color: #b3261e; font-weight: 700; background: #fdecec; }
:where(.pingan-cell[data-status="not_checkable"]) { color: #5d6673; }
:where(.pingan-cell[aria-pressed="true"]) { background: #dbe7f7; }
:where(.pingan-na) { color: #9aa4b2; text-align: center; }
:where(.pingan-legend) { font-size: 0.85em; color: #444; margin: 0.3em 0; }
:where(.pingan-error) { color: #b3261e; }
:where(.pingan-unavailable) { color: #4d3800; background: #fdf6e3; border-left: 4px solid #d9a400; padding: 0.3em 0.6em; margin: 0.4em 0; font-size: 0.9em; }
:where(.pingan-matrix-wrap, .pingan-scroll) { overflow-x: auto; max-width: 100%; }
:where(.pingan-ledger th[scope="row"]) { min-width: 7em; }
:where(.pingan-ledger td) { white-space: nowrap; }
:where(.pingan-ledger td:last-child) { white-space: normal; min-width: 9em; }
:where(.pingan-ledger tfoot th) { white-space: normal; }
:where(.pingan-matrix tbody th) { min-width: 15em; font-weight: 600; position: sticky; left: 0; z-index: 1; background: #eef1f5; }
@media (max-width: 600px) { :where(.pingan-matrix tbody th) { min-width: 8.5em; } }
:where(.pingan-matrix tbody th small, .pingan-matrix thead th small) { font-weight: 400; color: #4a5361; }
:where(.pingan-matrix td) { text-align: center; }
:where(.pingan-matrix thead th[data-leader]) { white-space: nowrap; text-align: center; }
`;

/** STYLE for a core without :where() (Chromium < 88): the same rules at their selectors' own specificity. */
export function styleWithoutWhere(css) {
  return css.replace(/:where\(([^{}()]*(?:\([^{}()]*\)[^{}()]*)*)\)(?=\s*\{)/g, "$1");
}

let cssInstalled = false;
/**
 * The default look, as a constructed stylesheet (Chromium 73; below that, none: the host page's own
 * stylesheet applies and every element still works). A core without :where() (73 - 87) gets the rules
 * without it, so they still apply.
 */
function installCss() {
  if (cssInstalled || typeof CSSStyleSheet === "undefined") return;
  cssInstalled = true;
  try {
    const sheet = new CSSStyleSheet();
    let css = STYLE;
    try {
      sheet.insertRule(":where(a) { color: inherit; }", 0);
      sheet.deleteRule(0);
    } catch (_) {
      css = styleWithoutWhere(STYLE);
    }
    sheet.replaceSync(css);
    const doc = document;
    doc.adoptedStyleSheets = [sheet].concat(Array.from(doc.adoptedStyleSheets)); // es2019-guarded: new CSSStyleSheet() threw below Chromium 73
  } catch (_) {
    /* old browser: the host page's own stylesheet applies */
  }
}

// ---------------------------------------------------------------------------------------------------
// Field name ↔ JSON Pointer (documented in the README, "Embedding").
//
//   name="date"                    → /date
//   name="signed_by.subordinate"   → /signed_by/subordinate      (dots or slashes separate levels)
//   name="signed_by/subordinate"   → /signed_by/subordinate
//   name="targets[0].metric"       → /targets/0/metric           (numeric segments make arrays)
//   data-pointer="/targets/0/metric" on a field overrides its name.
// Values: type=number|range → number; checkbox → boolean (a group of checkboxes with one name, or a
// <select multiple>, → array of values); data-type="number|boolean|string|list" overrides, where
// "list" splits the text on commas, 、, ; or spaces. Empty fields are left out of the record.

const esc = (seg) => String(seg).replace(/~/g, "~0").replace(/\//g, "~1");
const unesc = (seg) => seg.replace(/~1/g, "/").replace(/~0/g, "~");

export function nameToPointer(name) {
  if (!name) return "";
  if (name.startsWith("/")) return name;
  const segs = name.replace(/\[(\d+)\]/g, ".$1").split(/[./]/).filter((x) => x !== "");
  return "/" + segs.map(esc).join("/");
}

export function pointerSegments(p) {
  if (!p) return [];
  return p.split("/").slice(1).map(unesc);
}

function setAt(obj, pointer, value) {
  const segs = pointerSegments(pointer);
  if (!segs.length) return;
  let cur = obj;
  for (let i = 0; i < segs.length - 1; i++) {
    const k = segs[i];
    if (cur[k] == null || typeof cur[k] !== "object") cur[k] = /^\d+$/.test(segs[i + 1]) ? [] : {};
    cur = cur[k];
  }
  cur[segs[segs.length - 1]] = value;
}

function compact(v) {
  // Arrays built from indexed names may have holes: drop them.
  if (Array.isArray(v)) return v.filter((x) => x !== undefined).map(compact);
  if (v && typeof v === "object") {
    for (const k of Object.keys(v)) v[k] = compact(v[k]);
  }
  return v;
}

function fieldPointer(f) {
  return f.dataset && f.dataset.pointer ? f.dataset.pointer : nameToPointer(f.name);
}

function isField(f) {
  if (!f.name && !(f.dataset && f.dataset.pointer)) return false;
  const t = (f.type || "").toLowerCase();
  return !["submit", "button", "reset", "image", "fieldset", "file"].includes(t) && !f.disabled;
}

function coerce(raw, type) {
  switch (type) {
    case "number": {
      const t = String(raw).trim();
      if (t === "") return undefined;
      const n = Number(t);
      return Number.isFinite(n) ? n : t; // keep the text: the engine reports the wrong type
    }
    case "boolean":
      return raw === true || raw === "true" || raw === "on" || raw === "1" || raw === "yes";
    case "list":
      return String(raw).split(/[,,、;;\s]+/).map((x) => x.trim()).filter(Boolean);
    default:
      return raw === "" ? undefined : raw;
  }
}

/** Build the record a form describes (see the mapping above). */
export function formToRecord(form) {
  const record = {};
  const fields = Array.from(form.elements).filter(isField);
  const groups = new Map();
  for (const f of fields) {
    const p = fieldPointer(f);
    if (!groups.has(p)) groups.set(p, []);
    groups.get(p).push(f);
  }
  for (const [p, fs] of groups) {
    const f = fs[0];
    const t = (f.type || "").toLowerCase();
    const declared = f.dataset.type;
    let value;
    if (t === "checkbox") {
      if (fs.length > 1 || declared === "list") value = fs.filter((x) => x.checked).map((x) => coerce(x.value, declared === "list" ? "string" : declared || "string"));
      else if (declared === "string" || (f.hasAttribute("value") && f.value !== "on" && declared !== "boolean")) value = f.checked ? f.value : undefined;
      else value = f.checked;
    } else if (t === "radio") {
      const c = fs.find((x) => x.checked);
      value = c ? coerce(c.value, declared || "string") : undefined;
    } else if (f.tagName === "SELECT" && f.multiple) {
      value = Array.from(f.selectedOptions).map((o) => coerce(o.value, declared === "number" ? "number" : "string"));
    } else {
      const type = declared || (t === "number" || t === "range" ? "number" : "string");
      value = coerce(f.value, type);
      if (type === "list" && value.length === 0) value = undefined;
    }
    if (value !== undefined) setAt(record, p, value);
  }
  return compact(record);
}

// ---------------------------------------------------------------------------------------------------
// Base element: lang, dossier / src, engine.

class PinganElement extends HTMLElement {
  static get observedAttributes() {
    return ["lang", "src", "messages", "dictionary"];
  }
  constructor() {
    super();
    this._dossier = null;
    this._srcLoaded = null;
    this._scheduled = false;
  }
  get lang() {
    return langOf(this);
  }
  set lang(v) {
    this.setAttribute("lang", v);
  }
  get dossier() {
    return this._dossier;
  }
  set dossier(d) {
    this._dossier = d;
    this.schedule();
  }
  connectedCallback() {
    installCss();
    if (!this.hasAttribute("lang")) this.setAttribute("lang", "zh-CN");
    this.schedule();
    ready().catch(() => this.isConnected && failOpen(this));
  }
  disconnectedCallback() {
    dropEngine(this);
  }
  attributeChangedCallback(name, oldV, newV) {
    if (oldV === newV) return;
    if (name === "src") this._srcLoaded = null;
    this.schedule();
  }
  schedule() {
    if (this._scheduled || !this.isConnected) return;
    this._scheduled = true;
    Promise.resolve().then(() => {
      this._scheduled = false;
      this.update();
    });
  }
  async loadSrc() {
    const src = this.getAttribute("src");
    if (!src || this._srcLoaded === src) return;
    const url = new URL(src, document.baseURI);
    if (url.origin !== location.origin) throw new Error(`pingan: src must be same-origin (${url.origin})`);
    const res = await fetch(url, { credentials: "same-origin" });
    if (!res.ok) throw new Error(`pingan: ${res.status} for ${url.pathname}`);
    this._dossier = await res.json();
    this._srcLoaded = src;
  }
  async update() {
    const lang = this.lang;
    try {
      if (this.getAttribute("src") && this._srcLoaded !== this.getAttribute("src")) await this.loadSrc();
      if (!this._dossier && !this.hasInput()) {
        replaceKids(this, h("p", { className: "pingan-legend", text: ui("noData", lang) }));
        return;
      }
      const env = await ready();
      this.render({ mod: env.mod, engine: engineOf(this, env), policy: env.policy, build: env.build }, lang);
    } catch (e) {
      if (e instanceof PinganUnavailableError || failure) return failOpen(this);
      replaceKids(this, h("p", { className: "pingan-error", role: "alert", text: String(e && e.message ? e.message : e) }));
    }
  }
  hasInput() {
    return false;
  }
  emit(detail) {
    this.dispatchEvent(new CustomEvent("pingan-result", { bubbles: true, composed: true, detail }));
  }
  errorBox(result, lang) {
    const box = h("div", { className: "pingan-error", role: "alert" }, h("p", { text: ui("engineError", lang) }));
    const list = h("ul");
    for (const e of asArray(result && result.errors).slice(0, 20)) {
      list.append(h("li", { "data-code": e.code || "", "data-path": e.path || "" }, tx(e.message, lang)));
    }
    box.append(list);
    return box;
  }
}

function indicatorNames(policy) {
  const m = new Map();
  const inds = (policy && policy.scheme && policy.scheme.indicators) || [];
  for (const i of inds) m.set(i.id, i);
  return m;
}

// ---------------------------------------------------------------------------------------------------
// <pingan-form-check for="form-id" kind="incident" lang="zh">

const SUBMIT_TYPES = { submit: 1, image: 1 };

export class PinganFormCheck extends HTMLElement {
  static get observedAttributes() {
    return ["lang", "for", "kind", "messages", "dictionary"];
  }
  constructor() {
    super();
    this._form = null;
    this._touched = new Set();
    this._messages = new Map(); // field → span
    this._last = null;
    this._passing = false;
    this._onInput = (e) => this.onInput(e);
    this._onSubmit = (e) => this.onSubmit(e);
    this._onReset = () => setTimeout(() => this.clear(), 0);
    // The button that submitted (SubmitEvent's submitter is Chromium 81; the floor is 69).
    this._submitter = null;
    this._onClick = (e) => {
      const b = e.target && e.target.closest ? e.target.closest("button, input") : null;
      if (b && b.form === this._form && !b.hasAttribute("data-pingan-resubmit") && SUBMIT_TYPES[(b.type || "").toLowerCase()] === 1) this._submitter = b;
    };
  }
  get lang() {
    return langOf(this);
  }
  set lang(v) {
    this.setAttribute("lang", v);
  }
  get form() {
    return this._form;
  }
  /** The last validate result ({ ok, errors, warnings }), or null before the first check. */
  get result() {
    return this._last && this._last.result;
  }
  connectedCallback() {
    installCss();
    if (!this.hasAttribute("lang")) this.setAttribute("lang", "zh-CN");
    if (!this.hasAttribute("role")) this.setAttribute("role", "status");
    this.setAttribute("aria-live", "polite");
    this.attach();
    ready().catch(() => this.isConnected && failOpen(this));
  }
  disconnectedCallback() {
    this.detach();
    dropEngine(this);
  }
  attributeChangedCallback(name, oldV, newV) {
    if (oldV === newV) return;
    if (name === "for") {
      this.detach();
      if (this.isConnected) this.attach();
    } else if (failure) {
      if (name === "lang") failOpen(this);
    } else if (name === "messages" || name === "dictionary" || name === "kind") {
      this.recheck();
    } else if (this._last) {
      this.show(this._last.result, this._last.record, false);
    }
  }
  attach() {
    const id = this.getAttribute("for");
    const form = id ? document.getElementById(id) : this.closest("form");
    if (!form) {
      if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => this.isConnected && !this._form && this.attach(), { once: true });
      return;
    }
    this._form = form;
    form.addEventListener("input", this._onInput);
    form.addEventListener("change", this._onInput);
    form.addEventListener("submit", this._onSubmit, true);
    form.addEventListener("reset", this._onReset);
    form.addEventListener("click", this._onClick, true);
  }
  detach() {
    const f = this._form;
    if (!f) return;
    f.removeEventListener("input", this._onInput);
    f.removeEventListener("change", this._onInput);
    f.removeEventListener("submit", this._onSubmit, true);
    f.removeEventListener("reset", this._onReset);
    f.removeEventListener("click", this._onClick, true);
    this._form = null;
  }
  fields() {
    return this._form ? Array.from(this._form.elements).filter(isField) : [];
  }
  /** Validate now; `all` shows the messages of untouched fields too. Resolves to the validate result. */
  async check(all = true) {
    let env;
    try {
      env = await ready();
    } catch (e) {
      // Fail open: nothing to check in the browser; the server checks on submit.
      failOpen(this);
      return { ok: true, errors: [], warnings: [], unavailable: (failure && failure.reason) || "error" };
    }
    return this.validateWith(env.engine, all, "check");
  }
  /** After a change of kind, messages or dictionary: check again what was shown (if anything was). */
  recheck() {
    const env = peekReady();
    if (env && this._last && this._form) this.validateWith(env.engine, false, "input");
  }
  validateWith(engine, all, phase) {
    const record = formToRecord(this._form);
    const kind = this.getAttribute("kind") || "incident";
    // The element's own messages / dictionary: an engine of its own (the shared one otherwise).
    const env = peekReady();
    const eng = env && engine === env.engine ? engineOf(this, env) : engine;
    let result;
    try {
      result = eng.validate(kind, record);
    } catch (e) {
      result = { ok: false, errors: [{ code: "exception", severity: "error", path: "", message: { zh: String(e), en: String(e) } }], warnings: [] };
    }
    if (!result || typeof result !== "object") result = { ok: false, errors: [], warnings: [] };
    if (all) for (const f of this.fields()) this._touched.add(fieldPointer(f));
    this.show(result, record, true);
    this.dispatchEvent(new CustomEvent("pingan-result", { bubbles: true, composed: true, detail: { kind, phase, result, record, ok: !!result.ok } }));
    return result;
  }
  async onInput(e) {
    const f = e.target;
    if (f && isField(f)) this._touched.add(fieldPointer(f));
    let env;
    try {
      env = await ready();
    } catch (_) {
      return; // unavailable: the notice is shown, nothing is marked
    }
    if (this._form) this.validateWith(env.engine, false, "input");
  }
  onSubmit(e) {
    if (this._passing) {
      this._passing = false;
      return;
    }
    // Fail open: the engine cannot load, so the form submits exactly as it would without pingan.
    if (failure) return;
    const env = peekReady();
    if (!env) {
      // The engine is still loading: hold the submit, check, then submit again if all is well (or if
      // the engine turns out to be unavailable: then unchecked, as without pingan).
      e.preventDefault();
      e.stopImmediatePropagation();
      const submitter = e.submitter || this._submitter || null; // es2019-guarded: the last clicked submit button
      const form = this._form;
      const resubmit = () => {
        if (!form || !form.isConnected) return;
        this._passing = true;
        try {
          submitForm(form, submitter);
        } finally {
          this._passing = false;
        }
      };
      ready().then(
        ({ engine }) => {
          if (this.validateWith(engine, true, "submit").ok) resubmit();
        },
        () => {
          failOpen(this);
          resubmit();
        },
      );
      return;
    }
    const r = this.validateWith(env.engine, true, "submit");
    if (!r.ok) {
      e.preventDefault();
      e.stopImmediatePropagation();
      const first = this.fields().find((f) => f.getAttribute("aria-invalid") === "true");
      if (first) first.focus();
    }
  }
  clear() {
    this._touched.clear();
    this._last = null;
    for (const f of this.fields()) this.mark(f, [], []);
    replaceKids(this);
  }
  messageFor(f) {
    let span = this._messages.get(f);
    if (span && span.isConnected) return span;
    const key = f.name || f.dataset.pointer;
    span = (this._form && key && this._form.querySelector(`[data-pingan-msg-for="${CSS.escape(key)}"]`)) || null;
    if (!span) {
      span = h("span", { className: "pingan-msg", id: uid("pingan-msg") });
      // After the field (or after its label when the label wraps it).
      const anchor = f.type === "checkbox" || f.type === "radio" ? f.closest("label") || f : f;
      anchor.after(span);
    } else if (!span.id) span.id = uid("pingan-msg");
    this._messages.set(f, span);
    return span;
  }
  mark(f, errors, warnings) {
    const lang = this.lang;
    const has = errors.length + warnings.length > 0;
    if (!has && !this._messages.has(f)) {
      if (f.getAttribute("aria-invalid") === "true") f.removeAttribute("aria-invalid");
      return;
    }
    const span = this.messageFor(f);
    replaceKids(span, ...[...errors, ...warnings].map((i, n) => (n ? [lang === "en" ? "; " : "；", tx(i.message, lang)] : tx(i.message, lang))).flat());
    span.classList.toggle("pingan-warning", errors.length === 0 && warnings.length > 0);
    span.setAttribute("lang", lang === "en" ? "en" : "zh-CN");
    const ids = (f.getAttribute("aria-describedby") || "").split(/\s+/).filter((x) => x && x !== span.id);
    if (has) ids.push(span.id);
    if (ids.length) f.setAttribute("aria-describedby", ids.join(" "));
    else f.removeAttribute("aria-describedby");
    if (errors.length) f.setAttribute("aria-invalid", "true");
    else f.removeAttribute("aria-invalid");
  }
  show(result, record, fresh) {
    this._last = { result, record };
    const lang = this.lang;
    const fields = this.fields();
    const byPointer = new Map();
    for (const f of fields) {
      const p = fieldPointer(f);
      if (!byPointer.has(p)) byPointer.set(p, f);
    }
    const per = new Map(fields.map((f) => [f, { errors: [], warnings: [] }]));
    const unplaced = [];
    const place = (issue, list) => {
      // The field at the issue's pointer, or the nearest ancestor pointer that is a field.
      let p = issue.path || "";
      while (true) {
        const f = byPointer.get(p);
        if (f) {
          if (this._touched.has(fieldPointer(f))) per.get(f)[list].push(issue);
          return;
        }
        if (!p) break;
        p = p.slice(0, p.lastIndexOf("/"));
      }
      unplaced.push(issue);
    };
    for (const e of asArray(result.errors)) place(e, "errors");
    for (const w of asArray(result.warnings)) place(w, "warnings");
    for (const [f, { errors, warnings }] of per) {
      if (f !== byPointer.get(fieldPointer(f))) continue;
      this.mark(f, errors, warnings);
    }
    // Problems that belong to no field (e.g. the whole record) are listed in the element itself.
    const anyTouched = this._touched.size > 0;
    const summary = h("div", { className: "pingan-summary" });
    const shownErrors = asArray(result.errors).filter((e) => unplaced.includes(e));
    if (anyTouched && shownErrors.length) {
      const ul = h("ul");
      for (const e of shownErrors) ul.append(h("li", { lang: lang === "en" ? "en" : "zh-CN" }, tx(e.message, lang)));
      summary.append(ul);
    }
    replaceKids(this, summary);
    this.toggleAttribute("data-invalid", !result.ok);
  }
}


// ---------------------------------------------------------------------------------------------------
// <pingan-scorecard>: total, grade, chart and ledger of a dossier (or a given report / assessment).

export class PinganScorecard extends PinganElement {
  static get observedAttributes() {
    return [...PinganElement.observedAttributes, "mode", "nochart"];
  }
  constructor() {
    super();
    this._report = null;
    this._given = null;
  }
  /** Render a report (or an assessment) already computed, without asking the engine. */
  set report(r) {
    this._given = r;
    this.schedule();
  }
  get report() {
    return this._report;
  }
  hasInput() {
    return !!this._given;
  }
  set dossier(d) {
    this._given = null;
    this._dossier = d;
    this.schedule();
  }
  get dossier() {
    return this._dossier;
  }
  render({ engine, policy }, lang) {
    let result;
    if (this._given) result = { ok: true, ...this._given };
    else if (this.getAttribute("mode") === "score") result = engine.score(this._dossier);
    else result = engine.evaluate(this._dossier);
    this._report = result;
    if (!result || !result.ok) {
      replaceKids(this, this.errorBox(result, lang));
      this.emit({ ok: false, result, dossier: this._dossier });
      return;
    }
    const a = result.assessment || (result.lines ? result : null);
    if (!a) {
      replaceKids(this, this.errorBox({ errors: [] }, lang));
      return;
    }
    const names = indicatorNames(policy);
    const unit = (result.unit && (result.unit.name || result.unit.id)) || (this._dossier && this._dossier.unit && this._dossier.unit.name) || "";
    const year = this._dossier && this._dossier.year;
    const head = h(
      "div",
      { className: "pingan-headline" },
      unit ? h("strong", { className: "pingan-unit", text: year ? `${unit} · ${year}` : unit }) : null,
      h("span", null, ui("total", lang), " ", h("span", { className: "pingan-total", "data-total": String(a.total), text: fmt2(a.total) })),
      h("span", null, ui("grade", lang), " ", h("span", { className: `pingan-grade pingan-grade-${a.grade}`, "data-grade": a.grade, text: label("grade", a.grade, lang) })),
      a.vetoed ? h("span", { className: "pingan-veto", text: ui("vetoed", lang) }) : null,
      h("span", { className: "pingan-legend" }, `${ui("base", lang)} ${fmt2(a.base)} · ${ui("bonus", lang)} +${fmt2(a.bonus)} · ${ui("deductions", lang)} −${fmt2(a.deductions)}`),
    );
    const parts = [head];
    if (!this.hasAttribute("nochart")) parts.push(scoreChart(a, names, lang));
    parts.push(h("div", { className: "pingan-scroll" }, ledgerTable(a, names, lang)));
    replaceKids(this, ...parts);
    this.emit({ ok: true, result, dossier: this._dossier });
  }
}

const LINE_PREFIX = {
  incident: { zh: "案（事）件", en: "incident" }, inspection: { zh: "明察暗访", en: "inspection" },
  circular: { zh: "通报", en: "circular" }, bonus: { zh: "加分", en: "bonus" }, cap: { zh: "封顶调整", en: "cap" },
};

function lineName(line, names, lang) {
  const ind = names.get(line.indicator);
  if (ind) return tx(ind.name, lang);
  const id = String(line.indicator == null ? "" : line.indicator);
  const m = /^([a-z_]+)[/:](.*)$/.exec(id);
  // A circular line names its case: the case's plain name, not its id (the id is in the row's small print).
  if (m && m[1] === "circular") return `${tx(LINE_PREFIX.circular, lang)}${lang === "en" ? ": " : "："}${caseName({ id: m[2] }, lang, false)}`;
  if (m && LINE_PREFIX[m[1]]) return `${tx(LINE_PREFIX[m[1]], lang)} ${m[2]}`;
  if (line.kind === "bonus" && !m) return `${tx(LINE_PREFIX.bonus, lang)} ${id}`;
  return id;
}

export function scoreChart(a, names, lang) {
  const lines = asArray(a.lines).filter((l) => l.kind === "result" || l.kind === "process");
  const textW = (t) => Array.from(t).reduce((w, ch) => w + (/[\u2e80-\uffff]/.test(ch) ? 12.5 : 6.8), 0);
  const labelW = Math.min(300, Math.max(120, Math.ceil(Math.max(0, ...lines.map((l) => textW(lineName(l, names, lang)))) + 14)));
  const rowH = 26, barW = 420, top = 30, W = labelW + barW + 90;
  const H = top + lines.length * rowH + 10;
  const maxW = Math.max(1, ...lines.map((l) => Number(l.weight) || 0));
  const sx = (v) => (Math.max(0, Number(v) || 0) / maxW) * barW;
  const title = ui("chartTitle", lang);
  const titleId = uid("pingan-chart-title");
  const svg = s("svg", { className: "pingan-chart", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-labelledby": titleId });
  svg.append(s("title", { id: titleId }, title));
  // Legend.
  svg.append(
    s("rect", { x: labelW, y: 6, width: 14, height: 12, className: "pingan-bar-weight" }),
    s("text", { x: labelW + 18, y: 16 }, ui("chartWeight", lang)),
    s("rect", { x: labelW + 80, y: 6, width: 14, height: 12, className: "pingan-bar-points" }),
    s("text", { x: labelW + 98, y: 16 }, ui("chartPoints", lang)),
  );
  lines.forEach((l, i) => {
    const y = top + i * rowH;
    const name = lineName(l, names, lang);
    const g = s("g", { "data-indicator": l.indicator });
    g.append(
      s("title", null, `${name}${lang === "en" ? ": " : "："}${fmt2(l.points)} / ${fmt2(l.weight)}`),
      s("text", { x: labelW - 8, y: y + 15, "text-anchor": "end" }, name),
      s("rect", { x: labelW, y: y + 3, width: sx(l.weight), height: 16, className: "pingan-bar-weight" }),
      s("rect", { x: labelW, y: y + 6, width: sx(l.points), height: 10, className: `pingan-bar-points pingan-${l.kind}`, "data-points": String(l.points) }),
      s("text", { x: labelW + sx(l.weight) + 6, y: y + 15 }, `${fmt2(l.points)} / ${fmt2(l.weight)}`),
    );
    svg.append(g);
  });
  return svg;
}

const INPUT_WORDS = {
  rectified: { zh: "已整改", en: "rectified" }, unrectified: { zh: "未整改", en: "not rectified" },
  "n/a": { zh: "不适用", en: "n/a" }, derived: { zh: "推定", en: "derived" },
};

function ledgerTable(a, names, lang) {
  const t = h("table", { className: "pingan-table pingan-ledger" });
  t.append(h("caption", { text: ui("ledger", lang) }));
  t.append(
    h("thead", null, h("tr", null, ...["indicator", "kindCol", "input", "fraction", "weight", "points", "basis"].map((k) => h("th", { scope: "col", text: ui(k, lang) })))),
  );
  const body = h("tbody");
  for (const l of asArray(a.lines)) {
    let input = l.input == null || /^circular[/:]/.test(String(l.indicator)) ? "" : typeof l.input === "object" ? "" : String(l.input);
    if (typeof l.input === "string") {
      if (LABELS.severity[l.input]) input = label("severity", l.input, lang);
      else if (INPUT_WORDS[l.input]) input = tx(INPUT_WORDS[l.input], lang);
    }
    const frac = l.fraction == null ? "" : typeof l.fraction === "number" ? String(Math.round(l.fraction * 10000) / 10000) : String(l.fraction);
    const basis = asArray(l.basis).map((b) => formatBasis(b, lang)).join(lang === "en" ? "; " : "；");
    body.append(
      h(
        "tr",
        { "data-indicator": l.indicator, "data-kind": l.kind },
        h("th", { scope: "row" }, lineName(l, names, lang), /^circular[/:]/.test(String(l.indicator)) ? [" ", h("small", { className: "pingan-id", text: String(l.indicator).replace(/^circular[/:]/, "") })] : null),
        h("td", { text: label("kind", l.kind, lang) }),
        h("td", { className: "num", text: input }),
        h("td", { className: "num", text: frac }),
        h("td", { className: "num", text: l.weight == null ? "" : fmt2(l.weight) }),
        h("td", { className: "num", text: fmt2(l.points) }),
        h("td", { text: basis }),
      ),
    );
  }
  t.append(body);
  t.append(
    h(
      "tfoot",
      null,
      h("tr", null, h("th", { scope: "row", colspan: "5", text: `${ui("total", lang)} = ${ui("base", lang)} + ${ui("bonus", lang)} − ${ui("deductions", lang)}` }), h("td", { className: "num", text: fmt2(a.total) }), h("td")),
    ),
  );
  return t;
}

// ---------------------------------------------------------------------------------------------------
// Dates (whole calendar days, UTC).

export function dayNumber(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso || ""));
  if (!m) return NaN;
  return Date.UTC(+m[1], +m[2] - 1, +m[3]) / 86400000;
}
export function isoOf(day) {
  return new Date(day * 86400000).toISOString().slice(0, 10);
}
export function addDays(iso, n) {
  return isoOf(dayNumber(iso) + n);
}

// ---------------------------------------------------------------------------------------------------
// Plain-language explanation of a case, built from the report's bases.

function resolvePointer(doc, p) {
  let cur = doc;
  for (const seg of pointerSegments(p)) {
    if (cur == null) return undefined;
    cur = cur[seg];
  }
  return cur;
}

function describeEvidence(dossier, pointer, lang) {
  const r = resolvePointer(dossier, pointer);
  if (!r || typeof r !== "object") return lang === "en" ? "a record of the dossier" : "档案中的一条记录";
  if (pointer.startsWith("/activities/")) {
    return `${r.date || ""} ${label("activity", r.type, lang)}`.trim();
  }
  if (pointer.startsWith("/letters/")) {
    return lang === "en" ? `the responsibility letter of ${r.date || r.year}` : `${r.date || r.year} 签订的目标管理责任书`;
  }
  if (pointer.startsWith("/leaders/")) return r.name || r.id;
  if (pointer.startsWith("/incidents/")) {
    return lang === "en"
      ? `the ${label("severity", r.severity, lang)} ${label("category", r.category, lang)} ${r.id} on ${r.date}`
      : `${r.date} 发生的${label("severity", r.severity, lang)}${label("category", r.category, lang)}（${r.id}）`;
  }
  if (pointer.startsWith("/inspections/")) {
    return lang === "en" ? `the inspection ${r.id} on ${r.date} (${label("finding", r.finding, lang)})` : `${r.date} 明察暗访 ${r.id}（${label("finding", r.finding, lang)}）`;
  }
  if (pointer.startsWith("/hotspots/")) {
    return lang === "en" ? `the hotspot ${r.id} reported on ${r.date}` : `${r.date} 的治安热点 ${r.id}`;
  }
  if (pointer.startsWith("/referrals/")) {
    return lang === "en" ? `the referral ${r.id} on ${r.date}` : `${r.date} 的交办 ${r.id}`;
  }
  if (pointer.startsWith("/assessment")) {
    return lang === "en" ? "the year's assessment" : "年度考核结果";
  }
  return r.id || pointer;
}

/** Short plain names of the art. 25 triggers, for a case's title (the id goes in small print). */
export const CASE_NAMES = {
  "25.1": { zh: "治安严重混乱", en: "serious public disorder" },
  "25.2": { zh: "连续发生较大案（事）件", en: "repeated larger incidents" },
  "25.3": { zh: "发生重大案（事）件", en: "a major incident" },
  "25.4": { zh: "年度考核不合格", en: "annual assessment failed" },
  "25.5": { zh: "治安热点整治不力", en: "hotspot not dealt with" },
  "25.6": { zh: "其他需追究情形", en: "another matter" },
};

/** A case as office staff read it: "发生重大案（事）件（2025-03-03 立案）"; never the bare id. */
export function caseName(c, lang, withDate = true) {
  if (!c) return "";
  const clause = String(c.clause != null ? c.clause : String(c.id || "").split("/")[0]);
  const name = CASE_NAMES[clause] ? tx(CASE_NAMES[clause], lang) : lang === "en" ? "accountability case" : "追究案件";
  if (!withDate || !c.opened_on) return name;
  return lang === "en" ? `${name} (opened ${c.opened_on})` : `${name}（${c.opened_on} 立案）`;
}

export function explainCase(c, dossier, lang) {
  const ev = asArray(c.evidence).map((p) => describeEvidence(dossier, p, lang));
  const clause = String(c.clause != null ? c.clause : (c.id || "").split("/")[0]);
  const trigger = LABELS.clause[clause] ? tx(LABELS.clause[clause], lang) : clause;
  const art = clause.includes(".") ? { source: "zj-lrs", article: +clause.split(".")[0], item: +clause.split(".")[1] } : null;
  const parts = [];
  if (lang === "en") {
    parts.push(`Because of ${ev.join(" and ") || "the evidence"} (${trigger}, per ${formatBasis(art, lang) || "art. 25"}), a case opened on ${c.opened_on}.`);
  } else {
    parts.push(`因${ev.join("、") || "相关事实"}（${trigger}，依${formatBasis(art, lang) || "第二十五条"}），于 ${c.opened_on} 立案。`);
  }
  const steps = asArray(c.steps);
  // Steps issued on one date (yellow card + interview) read as one sentence.
  const byDate = [];
  for (const st of steps) {
    const last = byDate[byDate.length - 1];
    if (last && last.date === st.date && last.rung === st.rung) last.items.push(st);
    else byDate.push({ date: st.date, rung: st.rung, items: [st] });
  }
  byDate.forEach((grp, i) => {
    const what = grp.items.map((st) => label("measure", st.measure, lang)).join(lang === "en" ? " and " : "、");
    const bases = [...new Set(grp.items.flatMap((st) => asArray(st.basis).map((b) => formatBasis(b, lang))))].filter(Boolean).join(lang === "en" ? ", " : "、");
    const dl = grp.items.map((st) => st.deadline).find(Boolean);
    const missed = i > 0;
    if (lang === "en") {
      let t = `${missed ? "The deadline passed without an accepted rectification, so on" : "On"} ${grp.date}: ${what}`;
      if (dl) t += `, rectify by ${dl}`;
      if (bases) t += ` (per ${bases})`;
      parts.push(t + ".");
    } else {
      let t = `${missed ? "逾期未整改到位，" : ""}${grp.date} ${what}`;
      if (dl) t += `，限期至 ${dl} 整改`;
      if (bases) t += `（依${bases}）`;
      parts.push(t + "。");
    }
  });
  if (c.status === "closed") parts.push(lang === "en" ? "Rectified and accepted: the case is closed." : "整改已验收，案件已销。");
  else if (c.next) {
    parts.push(
      lang === "en"
        ? `If nothing is rectified, ${label("measure", c.next.measure, lang)} follows on ${c.next.due}.`
        : `如仍未整改到位，将于 ${c.next.due} 启动${label("measure", c.next.measure, lang)}。`,
    );
  }
  return parts.join(lang === "en" ? " " : "");
}

// ---------------------------------------------------------------------------------------------------
// <pingan-timeline>: each case's rungs and deadlines, the as_of line, bars as spans per subject.

export class PinganTimeline extends PinganElement {
  static get observedAttributes() {
    return [...PinganElement.observedAttributes, "at"];
  }
  constructor() {
    super();
    this._report = null;
  }
  get report() {
    return this._report;
  }
  /** Replay date (YYYY-MM-DD, rev. 2 `{ at }`): the cases as they stood that day; empty = the dossier's as_of. */
  get at() {
    return this.getAttribute("at") || "";
  }
  set at(v) {
    if (v) this.setAttribute("at", v);
    else this.removeAttribute("at");
  }
  render({ engine }, lang) {
    const d = this._dossier;
    const at = this.at;
    const result = /^\d{4}-\d{2}-\d{2}$/.test(at) && d && at < d.as_of ? engine.evaluate(d, { at }) : engine.evaluate(d);
    this._report = result;
    if (!result || !result.ok) {
      replaceKids(this, this.errorBox(result, lang));
      this.emit({ ok: false, result, dossier: d });
      return;
    }
    // The day the answer speaks for: the replay date when one is set, else the dossier's as_of.
    const asOf = result.as_of || d.as_of;
    const acc = result.accountability || { cases: [], bars: [] };
    const cases = asArray(acc.cases);
    const bars = asArray(acc.bars);
    const leaders = new Map(asArray(d.leaders).map((l) => [l.id, l]));
    const subjectName = (id) => (leaders.has(id) ? leaders.get(id).name || id : id === (d.unit && d.unit.id) ? (d.unit.name || id) : id);
    const rect = new Map(asArray(d.rectifications).map((r) => [r.case, r.accepted_on]));
    const caseOf = (id) => caseName(cases.find((c) => c.id === id) || { id }, lang);

    const heading = h("h3", { className: "pingan-heading", text: ui("cases", lang) });
    if (!cases.length && !bars.length) {
      replaceKids(this, heading, h("p", { className: "pingan-legend", text: lang === "en" ? `${ui("noCases", lang)} (${ui("asOf", lang)} ${asOf})` : `${ui("noCases", lang)}（${ui("asOf", lang)} ${asOf}）` }));
      this.emit({ ok: true, result, dossier: d });
      return;
    }
    // Time range.
    const days = [dayNumber(asOf)];
    for (const c of cases) {
      days.push(dayNumber(c.opened_on));
      for (const st of asArray(c.steps)) days.push(dayNumber(st.date), dayNumber(st.deadline));
      if (c.next) days.push(dayNumber(c.next.due));
      if (rect.has(c.id)) days.push(dayNumber(rect.get(c.id)));
    }
    for (const b of bars) days.push(dayNumber(b.from), dayNumber(b.until));
    const good = days.filter(Number.isFinite);
    let t0 = Math.min(...good), t1 = Math.max(...good);
    // Whole months around the range.
    const m0 = new Date(t0 * 86400000), m1 = new Date(t1 * 86400000);
    t0 = Date.UTC(m0.getUTCFullYear(), m0.getUTCMonth(), 1) / 86400000;
    t1 = Date.UTC(m1.getUTCFullYear(), m1.getUTCMonth() + 1, 1) / 86400000;
    const labelW = 150, plotW = 720, W = labelW + plotW + 20, rowH = 44, axisH = 28, legendH = 26;
    const barSubjects = [...new Set(bars.map((b) => b.subject))];
    const H = axisH + cases.length * rowH + (barSubjects.length ? 24 + barSubjects.length * 26 : 0) + 20 + legendH;
    const x = (day) => labelW + ((day - t0) / Math.max(1, t1 - t0)) * plotW;
    const titleId = uid("pingan-tl-title");
    const svg = s("svg", { className: "pingan-timeline-svg", viewBox: `0 0 ${W} ${H}`, role: "group", "aria-labelledby": titleId });
    svg.append(s("title", { id: titleId }, `${ui("cases", lang)} · ${ui("asOf", lang)} ${asOf}`));
    // Month grid and axis.
    const months = [];
    for (let dt = new Date(t0 * 86400000); dt.getTime() / 86400000 <= t1; dt = new Date(Date.UTC(dt.getUTCFullYear(), dt.getUTCMonth() + 1, 1))) months.push(dt);
    const step = Math.max(1, Math.ceil(months.length / 14));
    months.forEach((dt, i) => {
      const day = dt.getTime() / 86400000;
      svg.append(s("line", { x1: x(day), x2: x(day), y1: axisH - 6, y2: H - legendH - 4, className: "pingan-grid" }));
      if (i % step === 0) {
        const txt = dt.getUTCMonth() === 0 || i === 0 ? `${dt.getUTCFullYear()}-${String(dt.getUTCMonth() + 1).padStart(2, "0")}` : `${dt.getUTCMonth() + 1}${lang === "en" ? "" : "月"}`;
        svg.append(s("text", { x: x(day) + 2, y: axisH - 10 }, txt));
      }
    });
    svg.append(s("line", { x1: labelW, x2: labelW + plotW, y1: axisH - 6, y2: axisH - 6, className: "pingan-axis" }));
    const detail = h("p", { className: "pingan-detail", "aria-live": "polite", text: ui(touchOnly() ? "markerHintTouch" : "markerHint", lang) });
    const focusable = (g, text) => {
      g.setAttribute("tabindex", "0");
      g.setAttribute("role", "img");
      g.setAttribute("aria-label", text);
      g.classList.add("pingan-marker");
      g.append(s("title", null, text));
      const showIt = () => (detail.textContent = text);
      g.addEventListener("focus", showIt);
      g.addEventListener("mouseenter", showIt);
      g.addEventListener("click", showIt);
    };
    cases.forEach((c, i) => {
      const y = axisH + i * rowH + 6;
      svg.append(s("text", { x: 4, y: y + 12, "font-weight": "700" }, s("title", null, `${caseName(c, lang)} · ${c.id}`), caseName(c, lang, false)));
      svg.append(s("text", { x: 4, y: y + 28, className: "pingan-sub" }, `${c.status === "closed" ? ui("closed", lang) : ui("open", lang)} · ${c.opened_on}`));
      for (const st of asArray(c.steps)) {
        const a = dayNumber(st.date), b = dayNumber(st.deadline);
        if (Number.isFinite(b)) svg.append(s("rect", { x: x(a), y: y + 7, width: Math.max(1, x(b) - x(a)), height: 10, className: "pingan-period" }));
      }
      asArray(c.steps).forEach((st, k) => {
        const a = dayNumber(st.date);
        const sameDay = asArray(c.steps).slice(0, k).filter((o) => o.date === st.date).length;
        const g = s("g", { "data-case": c.id, "data-measure": st.measure, "data-date": st.date });
        g.append(s("circle", { cx: x(a) + sameDay * 9, cy: y + 12, r: 7, className: `pingan-m-${st.measure}` }));
        const who = asArray(st.targets).map(subjectName).join(lang === "en" ? ", " : "、");
        focusable(
          g,
          `${caseName(c, lang)} · ${label("measure", st.measure, lang)} ${st.date}` +
            (st.deadline ? ` · ${ui("deadline", lang)} ${st.deadline}` : "") +
            (who ? ` · ${ui("targets", lang)}${lang === "en" ? ": " : "："}${who}` : "") +
            (asArray(st.basis).length ? ` · ${ui("basis", lang)}${lang === "en" ? ": " : "："}${asArray(st.basis).map((b) => formatBasis(b, lang)).join(lang === "en" ? "; " : "；")}` : ""),
        );
        svg.append(g);
        if (st.deadline) svg.append(s("line", { x1: x(dayNumber(st.deadline)), x2: x(dayNumber(st.deadline)), y1: y + 3, y2: y + 21, className: "pingan-axis" }));
      });
      if (rect.has(c.id) && c.status === "closed") {
        const g = s("g", { "data-case": c.id, "data-rectified": rect.get(c.id) });
        g.append(s("rect", { x: x(dayNumber(rect.get(c.id))) - 5, y: y + 7, width: 10, height: 10, className: "pingan-bar-weight" }));
        focusable(g, `${caseName(c, lang)} · ${ui("closed", lang)} ${rect.get(c.id)}`);
        svg.append(g);
      }
      if (c.next) {
        const g = s("g", { "data-case": c.id, "data-next": c.next.measure, "data-date": c.next.due });
        g.append(s("circle", { cx: x(dayNumber(c.next.due)), cy: y + 12, r: 6, className: "pingan-next" }));
        focusable(g, `${caseName(c, lang)} · ${ui("next", lang)}${lang === "en" ? ": " : "："}${label("measure", c.next.measure, lang)} ${c.next.due}`);
        svg.append(g);
      }
    });
    if (barSubjects.length) {
      let y = axisH + cases.length * rowH + 16;
      svg.append(s("text", { x: 4, y: y }, ui("bars", lang)));
      y += 8;
      const whats = ["honours", "commendation", "promotion"];
      for (const subj of barSubjects) {
        svg.append(s("text", { x: 4, y: y + 14 }, subjectName(subj)));
        for (const b of bars.filter((z) => z.subject === subj)) {
          const k = Math.max(0, whats.indexOf(b.what));
          const a = dayNumber(b.from), e = dayNumber(b.until);
          const g = s("g", { "data-subject": subj, "data-what": b.what, "data-from": b.from, "data-until": b.until });
          g.append(s("rect", { x: x(a), y: y + 3 + k * 6, width: Math.max(2, x(e) - x(a)), height: 5, className: `pingan-bar-${b.what}` }));
          focusable(g, `${subjectName(subj)} · ${label("what", b.what, lang)} ${b.from} – ${b.until}${lang === "en" ? ` (${caseOf(b.case)})` : `（${caseOf(b.case)}）`}`);
          svg.append(g);
        }
        y += 26;
      }
    }
    // Legend: the measures' colours and the bars'.
    {
      let lx = 4;
      const ly = H - legendH + 6;
      const item = (shape, text) => {
        svg.append(shape(lx), s("text", { x: lx + 14, y: ly + 10 }, text));
        lx += 14 + Array.from(text).reduce((w, ch) => w + (/[\u2e80-\uffff]/.test(ch) ? 12.5 : 6.8), 0) + 14;
      };
      for (const m of ["circular", "yellow_card", "listed_supervision", "one_vote_veto"]) {
        item((x0) => s("circle", { cx: x0 + 5, cy: ly + 6, r: 5, className: `pingan-m-${m}` }), label("measure", m, lang) + (m === "yellow_card" ? (lang === "en" ? " / interview" : "/约谈") : ""));
      }
      item((x0) => s("rect", { x: x0, y: ly + 1, width: 10, height: 10, className: "pingan-period" }), ui("periodWord", lang));
      if (bars.length) for (const w of ["honours", "commendation", "promotion"]) item((x0) => s("rect", { x: x0, y: ly + 3, width: 10, height: 6, className: `pingan-bar-${w}` }), label("what", w, lang));
    }
    const ax = x(dayNumber(asOf));
    svg.append(s("line", { x1: ax, x2: ax, y1: axisH - 14, y2: H - legendH - 4, className: "pingan-asof", "data-as-of": asOf }));
    svg.append(s("text", { x: Math.min(ax + 3, W - 110), y: H - legendH - 6 }, `${ui("asOf", lang)} ${asOf}`));

    // The same facts as text: a list per case with its steps and explanation.
    const list = h("ol", { className: "pingan-cases" });
    for (const c of cases) {
      const steps = h("ul", { className: "pingan-steps" });
      for (const st of asArray(c.steps)) {
        steps.append(
          h(
            "li",
            { "data-case": c.id, "data-measure": st.measure, "data-date": st.date, "data-deadline": st.deadline || "" },
            `${st.date} ${label("measure", st.measure, lang)}`,
            st.deadline ? ` → ${ui("deadline", lang)} ${st.deadline}` : "",
          ),
        );
      }
      if (c.next) steps.append(h("li", { "data-case": c.id, "data-next": c.next.measure, "data-date": c.next.due }, `${ui("next", lang)}${lang === "en" ? ": " : "："}${c.next.due} ${label("measure", c.next.measure, lang)}`));
      list.append(
        h(
          "li",
          { "data-case": c.id, "data-status": c.status },
          h("strong", { className: "pingan-case-name", text: `${caseName(c, lang)} · ${c.status === "closed" ? ui("closed", lang) : ui("open", lang)}` }),
          " ",
          h("small", { className: "pingan-id", text: c.id }),
          h("p", { className: "pingan-explain", text: explainCase(c, d, lang) }),
          steps,
        ),
      );
    }
    const wrap = [heading, h("div", { className: "pingan-scroll" }, svg), detail, list];
    if (bars.length) {
      const bl = h("ul", { className: "pingan-bars" });
      for (const b of bars) bl.append(h("li", { "data-subject": b.subject, "data-what": b.what }, `${subjectName(b.subject)}${lang === "en" ? ": " : "："}${label("what", b.what, lang)} ${b.from} – ${b.until}${lang === "en" ? ` (${caseOf(b.case)})` : `（${caseOf(b.case)}）`}`));
      wrap.push(h("h4", { text: ui("bars", lang) }), bl);
    }
    replaceKids(this, ...wrap);
    this.emit({ ok: true, result, dossier: d });
  }
}

// ---------------------------------------------------------------------------------------------------
// <pingan-duty-matrix>: leaders × duties, met / unmet / not checkable, each cell's article and summary.

const MARK = { met: "✓", unmet: "✗", not_checkable: "○" };

export class PinganDutyMatrix extends PinganElement {
  static get observedAttributes() {
    return [...PinganElement.observedAttributes, "nofindings"];
  }
  constructor() {
    super();
    this._report = null;
    this._selected = null;
  }
  get report() {
    return this._report;
  }
  render({ engine, policy }, lang) {
    const d = this._dossier;
    const result = engine.evaluate(d);
    this._report = result;
    if (!result || !result.ok) {
      replaceKids(this, this.errorBox(result, lang));
      this.emit({ ok: false, result, dossier: d });
      return;
    }
    const duties = asArray(result.duties);
    const catalogue = new Map(asArray(policy && policy.duties).map((x) => [x.id, x]));
    const leaderIds = [...new Set([...asArray(d.leaders).map((l) => l.id), ...duties.map((x) => x.leader)])].filter((id) => duties.some((x) => x.leader === id));
    const leaders = new Map(asArray(d.leaders).map((l) => [l.id, l]));
    const dutyIds = [...new Set(duties.map((x) => x.duty))];
    const cell = new Map(duties.map((x) => [`${x.leader}\u0000${x.duty}`, x]));
    const summaryOf = (x) => {
      const b = asArray(x.basis)[0];
      const cat = catalogue.get(x.duty);
      return (cat && cat.summary) || (b && b.summary) || null;
    };
    const basisOf = (x) => {
      const bs = asArray(x.basis);
      if (bs.length) return bs.map((b) => formatBasis(b, lang)).join(lang === "en" ? "; " : "；");
      const cat = catalogue.get(x.duty);
      return cat ? formatBasis({ source: "zj-lrs", article: cat.article, clause: cat.clause, item: cat.item }, lang) : "";
    };

    const detail = h("div", { className: "pingan-detail", "aria-live": "polite" }, h("span", { text: ui(touchOnly() ? "detailHintTouch" : "detailHint", lang) }));
    const showDetail = (x, btn) => {
      const l = leaders.get(x.leader);
      replaceKids(detail, 
        h("strong", { text: `${l ? l.name || l.id : x.leader} · ${basisOf(x)}` }),
        h("br"),
        tx(summaryOf(x), lang) || x.duty,
        h("br"),
        `${label("status", x.status, lang)} · ${ui("evidence", lang)}${lang === "en" ? ": " : "："}${asArray(x.evidence).map((p) => describeEvidence(d, p, lang)).join(lang === "en" ? "; " : "；") || ui("none", lang)}`,
      );
      detail.dataset.leader = x.leader;
      detail.dataset.duty = x.duty;
      if (btn) {
        for (const b of this.querySelectorAll(".pingan-cell[aria-pressed]")) b.setAttribute("aria-pressed", "false");
        btn.setAttribute("aria-pressed", "true");
        this._selected = `${x.leader}\u0000${x.duty}`;
      }
    };

    const table = h("table", { className: "pingan-table pingan-matrix" });
    table.append(h("caption", { text: ui("duties", lang) }));
    const headRow = h("tr", null, h("th", { scope: "col", text: ui("duty", lang) }));
    for (const id of leaderIds) {
      const l = leaders.get(id) || { id };
      headRow.append(h("th", { scope: "col", "data-leader": id }, l.name || id, h("br"), h("small", { text: label("role", l.role, lang) })));
    }
    table.append(h("thead", null, headRow));
    const body = h("tbody");
    let restoreBtn = null;
    for (const dutyId of dutyIds) {
      const any = duties.find((x) => x.duty === dutyId);
      const row = h("tr", { "data-duty": dutyId });
      row.append(h("th", { scope: "row" }, tx(summaryOf(any), lang) || dutyId, h("br"), h("small", { text: basisOf(any) })));
      for (const lid of leaderIds) {
        const x = cell.get(`${lid}\u0000${dutyId}`);
        if (!x) {
          row.append(h("td", { className: "pingan-na", "aria-label": ui("notHis", lang), text: "—" }));
          continue;
        }
        const l = leaders.get(lid);
        const desc = `${l ? l.name || lid : lid} · ${tx(summaryOf(x), lang) || dutyId} · ${basisOf(x)} · ${label("status", x.status, lang)}`;
        const btn = h("button", {
          type: "button",
          className: "pingan-cell",
          "data-leader": lid,
          "data-duty": dutyId,
          "data-status": x.status,
          "aria-pressed": "false",
          "aria-label": desc,
          title: desc,
          text: MARK[x.status] || "?",
        });
        btn.addEventListener("click", () => showDetail(x, btn));
        btn.addEventListener("focus", () => showDetail(x, null));
        btn.addEventListener("mouseenter", () => showDetail(x, null));
        if (this._selected === `${lid}\u0000${dutyId}`) restoreBtn = [x, btn];
        row.append(h("td", null, btn));
      }
      body.append(row);
    }
    table.append(body);
    const legend = h("p", { className: "pingan-legend" }, `${MARK.met} ${label("status", "met", lang)}  ${MARK.unmet} ${label("status", "unmet", lang)}  ${MARK.not_checkable} ${label("status", "not_checkable", lang)}  — ${ui("notHis", lang)}`);
    const parts = [];
    if (result.applicability) {
      const ap = result.applicability;
      const key = ap.applies === "full" ? "appliesFull" : ap.applies === "by_reference" ? "appliesRef" : "appliesNone";
      const bases = asArray(ap.basis).map((b) => formatBasis(b, lang)).join(lang === "en" ? "; " : "；");
      parts.push(h("p", { className: "pingan-legend", "data-applies": ap.applies }, lang === "en" ? `${ui("applicability", lang)}: ${ui(key, lang)} (${bases})` : `${ui("applicability", lang)}：${ui(key, lang)}（${bases}）`));
    }
    parts.push(h("div", { className: "pingan-matrix-wrap" }, table), legend, detail);
    if (!this.hasAttribute("nofindings")) {
      const findings = asArray(result.findings);
      const fl = h("ul", { className: "pingan-findings" });
      for (const f of findings) {
        const fb = asArray(f.basis).map((b) => formatBasis(b, lang)).join(lang === "en" ? "; " : "；");
        fl.append(h("li", { "data-code": f.code, "data-path": f.path || "" }, tx(f.message, lang), fb ? (lang === "en" ? ` (${fb})` : `（${fb}）`) : ""));
      }
      parts.push(h("h4", { text: ui("findings", lang) }), findings.length ? fl : h("p", { className: "pingan-legend", text: ui("noFindings", lang) }));
    }
    replaceKids(this, ...parts);
    if (restoreBtn) showDetail(...restoreBtn);
    this.emit({ ok: true, result, dossier: d });
  }
}

// ---------------------------------------------------------------------------------------------------

/**
 * `messages` and `dictionary` of an element, as properties (objects) or as JSON attributes:
 *   <pingan-form-check messages='{"required":{"zh":"{field}不能为空","en":"{field} cannot be empty"}}'
 *                      dictionary='{"/severity":{"02":"larger"}}'>
 * The property wins over the attribute (set it to undefined to fall back). Passed to the element's engine
 * (engine.configure) over the page's configure({ messages, dictionary }); a bad one is ignored with a
 * console warning, so it never blocks a form.
 */
function hookProperties(cls) {
  for (const name of ["messages", "dictionary"]) {
    Object.defineProperty(cls.prototype, name, {
      configurable: true,
      get() {
        if (this["_hook_" + name] !== undefined) return this["_hook_" + name];
        const hooks = ownHooks(this);
        return hooks && hooks[name] ? hooks[name] : null;
      },
      set(v) {
        this["_hook_" + name] = v == null ? undefined : v;
        if (this instanceof PinganFormCheck) this.recheck();
        else this.schedule();
      },
    });
  }
}
hookProperties(PinganElement);
hookProperties(PinganFormCheck);

export function define() {
  const defs = [
    ["pingan-form-check", PinganFormCheck],
    ["pingan-scorecard", PinganScorecard],
    ["pingan-timeline", PinganTimeline],
    ["pingan-duty-matrix", PinganDutyMatrix],
  ];
  for (const [name, cls] of defs) if (!customElements.get(name)) customElements.define(name, cls);
}
define();
