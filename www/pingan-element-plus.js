// pingan for Element Plus (el-form, Vue 3). Importing this module does nothing; it imports neither Vue
// nor Element Plus: it builds the `rules` object el-form takes.
//
//   import { pinganRules, pinganValidate } from "/static/pingan/pingan-element-plus.js";
//   const model = reactive({ id: "I9", date: "", category: "", severity: "" });
//   const rules = pinganRules("incident", model, { lang: "zh" });
//   // <el-form :model="model" :rules="rules" ref="formRef"> <el-form-item prop="date" label="发生日期"> …
//   async function save() {
//     await formRef.value.validate();                  // each item: the engine's message for its prop
//     const r = await pinganValidate("incident", model); // the whole record (problems of no single prop too)
//     if (r.ok) await api.save(model);
//   }
//
// Each rule is an async-validator `asyncValidator`: it validates the WHOLE model with the engine (so
// cross-field rules apply) and rejects with the message of the problem at its prop's JSON Pointer
// ("signed_by.superior" → /signed_by/superior, "targets.0.metric" → /targets/0/metric). Empty strings and
// null (what v-model gives for an empty input or a cleared select) count as "not filled in".
// Fail open: if the engine cannot load (CSP without 'wasm-unsafe-eval', .wasm missing, old core), every
// rule passes, pinganValidate answers { ok: true, unavailable: reason }, and `onUnavailable(reason, text)`
// is called once, so the page can show UNAVAILABLE_TEXT (e.g. in an el-alert).
// elements.js (beside this file) provides the engine; it is loaded on first use. The only static import is
// the side-effect-free JSON Pointer helper (elements/internal/pointer.js).

import { toPointer } from "./elements/internal/pointer.js";

/** The fail-open notice, zh / en. */
export const UNAVAILABLE_TEXT = {
  zh: "浏览器端校验暂不可用，提交后由系统校验。",
  en: "In-browser checks are unavailable; the system will check on submit.",
};

let lib = null;
const libUrl = () => new URL("./elements.js", import.meta.url).href;
const loadLib = () => (lib = lib || import(libUrl()));

/**
 * An el-form prop path as a JSON Pointer: "signed_by.superior" / "targets.0.metric" / "targets[0].metric"
 * → "/signed_by/superior", "/targets/0/metric". Only dots separate levels (unlike a form field's name, a
 * prop may hold "/", escaped as "~1").
 */
export function propToPointer(prop) {
  const segs = String(prop).replace(/\[(\d+)\]/g, ".$1").split(".").filter((x) => x !== "");
  return segs.length ? toPointer(segs) : "/";
}

/** The record a v-model object describes: "" and null left out (deeply), everything else as is. */
export function modelToRecord(model) {
  const walk = (v, depth) => {
    if (depth > 32) return undefined;
    if (v === "" || v === null || v === undefined) return undefined;
    if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1)).filter((x) => x !== undefined);
    if (typeof v === "object") {
      const o = {};
      for (const k of Object.keys(v)) {
        const x = walk(v[k], depth + 1);
        if (x !== undefined) o[k] = x;
      }
      return o;
    }
    return v;
  };
  return walk(model, 0) || {};
}

function propsOf(model, prefix = "", depth = 0, out = []) {
  if (!model || typeof model !== "object" || depth > 8) return out;
  for (const k of Object.keys(model)) {
    const p = prefix ? `${prefix}.${k}` : k;
    out.push(p);
    const v = model[k];
    if (v && typeof v === "object") propsOf(v, p, depth + 1, out);
  }
  return out;
}

const text = (m, lang) => (m ? (lang === "en" ? m.en : m.zh) || m.zh || m.en || "" : "");

/**
 * Validate the whole model: the engine's { ok, errors, warnings }, or { ok: true, errors: [], warnings:
 * [], unavailable: reason } when the engine cannot load (fail open). Never rejects.
 */
export async function pinganValidate(kind, model, { onUnavailable } = {}) {
  let env;
  try {
    const m = await loadLib();
    env = await m.ready();
  } catch (e) {
    const reason = (e && e.reason) || "error";
    if (onUnavailable) onUnavailable(reason);
    return { ok: true, errors: [], warnings: [], unavailable: reason };
  }
  try {
    return env.engine.validate(kind, modelToRecord(model));
  } catch (e) {
    return { ok: false, errors: [{ code: "exception", severity: "error", path: "", message: { zh: String(e), en: String(e) } }], warnings: [] };
  }
}

/**
 * el-form `rules` for a record kind: { [prop]: [{ trigger, asyncValidator }] } for every prop of the
 * model (or the `props` given).
 * @param {string} kind  "incident" | "letter" | "leader" | … (the engine's record kinds)
 * @param {object} model the reactive object bound to el-form's :model
 * @param {{ lang?: "zh" | "en", props?: string[], trigger?: string | string[], onUnavailable?: (reason: string, text: {zh: string, en: string}) => void }} options
 */
export function pinganRules(kind, model, { lang = "zh", props, trigger = ["blur", "change"], onUnavailable } = {}) {
  let told = false;
  const unavailable = (reason) => {
    if (told) return;
    told = true;
    if (onUnavailable) onUnavailable(reason, UNAVAILABLE_TEXT);
  };
  const rules = {};
  for (const prop of props || propsOf(model)) {
    const pointer = propToPointer(prop);
    rules[prop] = [
      {
        trigger,
        asyncValidator() {
          return pinganValidate(kind, model, { onUnavailable: unavailable }).then((r) => {
            if (r.ok) return;
            const hit = (r.errors || []).find((e) => e.path === pointer || String(e.path || "").startsWith(pointer + "/"));
            if (hit) throw new Error(text(hit.message, lang));
          });
        },
      },
    ];
  }
  return rules;
}

export default pinganRules;
