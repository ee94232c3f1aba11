// <pingan-form-check for="form-id" kind="incident" lang="zh">: checks a form with the engine as the user
// types, shows each problem next to its field and holds a submit the engine refuses (fail open: when the
// engine cannot load, the form submits as without pingan). Importing this module registers nothing:
// elements.js does, or define() below.

import { ready, peek, unavailable, engineOf, dropEngine } from "./internal/engine.js";
import { failOpen, getHook, setHook, defineElement } from "./internal/element.js";
import { langOf, tx } from "./internal/i18n.js";
import { asArray } from "./internal/format.js";
import { h, replaceKids, uid, submitForm } from "./internal/dom.js";
import { installCss } from "./internal/style.js";
import { formToRecord, fieldPointer, isField } from "./internal/form.js";

/** The element's tag name. */
export const TAG = "pingan-form-check";

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
  get messages() {
    return getHook(this, "messages");
  }
  set messages(v) {
    setHook(this, "messages", v);
    this.recheck();
  }
  get dictionary() {
    return getHook(this, "dictionary");
  }
  set dictionary(v) {
    setHook(this, "dictionary", v);
    this.recheck();
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
    } else if (unavailable()) {
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
      const failure = unavailable();
      return { ok: true, errors: [], warnings: [], unavailable: (failure && failure.reason) || "error" };
    }
    return this.validateWith(env.engine, all, "check");
  }
  /** After a change of kind, messages or dictionary: check again what was shown (if anything was). */
  recheck() {
    const env = peek();
    if (env && this._last && this._form) this.validateWith(env.engine, false, "input");
  }
  validateWith(engine, all, phase) {
    const record = formToRecord(this._form);
    const kind = this.getAttribute("kind") || "incident";
    // The element's own messages / dictionary: an engine of its own (the shared one otherwise).
    const env = peek();
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
    if (unavailable()) return;
    const env = peek();
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

/** Register <pingan-form-check> (once; a name already taken is left alone). */
export function define() {
  defineElement(TAG, PinganFormCheck);
}
