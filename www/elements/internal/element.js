// What every element shares: the fail-open notice, the `messages` / `dictionary` properties, the base of
// the display elements (lang, dossier / src, engine, render scheduling) and registration. Classes and
// functions only: nothing is registered or listened to on import.

import { ready, unavailable, PinganUnavailableError, engineOf, dropEngine, ownHooks } from "./engine.js";
import { langOf, tx, ui } from "./i18n.js";
import { asArray } from "./format.js";
import { h, replaceKids } from "./dom.js";
import { installCss } from "./style.js";

/** The fail-open notice, zh / en. */
export const UNAVAILABLE_TEXT = {
  zh: "浏览器端校验暂不可用，提交后由系统校验。",
  en: "In-browser checks are unavailable; the system will check on submit.",
};

/** Show the notice in `el` (replacing its content) and fire `pingan-unavailable` on it, once per failure. */
export function failOpen(el) {
  const failure = unavailable();
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

/**
 * `messages` and `dictionary` of an element, as properties (objects) or as JSON attributes:
 *   <pingan-form-check messages='{"required":{"zh":"{field}不能为空","en":"{field} cannot be empty"}}'
 *                      dictionary='{"/severity":{"02":"larger"}}'>
 * The property wins over the attribute (set it to undefined to fall back). Passed to the element's engine
 * (engine.configure) over the page's configure({ messages, dictionary }); a bad one is ignored with a
 * console warning, so it never blocks a form. getHook / setHook are the accessors' bodies.
 */
export function getHook(el, name) {
  if (el["_hook_" + name] !== undefined) return el["_hook_" + name];
  const hooks = ownHooks(el);
  return hooks && hooks[name] ? hooks[name] : null;
}
export function setHook(el, name, v) {
  el["_hook_" + name] = v == null ? undefined : v;
}

/** Register `cls` as <`name`> unless that name is taken (idempotent). */
export function defineElement(name, cls) {
  if (!customElements.get(name)) customElements.define(name, cls);
}

// ---------------------------------------------------------------------------------------------------
// Base of the display elements: lang, dossier / src, engine; `render(env, lang)` is each element's own.

export class PinganElement extends HTMLElement {
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
  get messages() {
    return getHook(this, "messages");
  }
  set messages(v) {
    setHook(this, "messages", v);
    this.schedule();
  }
  get dictionary() {
    return getHook(this, "dictionary");
  }
  set dictionary(v) {
    setHook(this, "dictionary", v);
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
      if (e instanceof PinganUnavailableError || unavailable()) return failOpen(this);
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
