// pingan for layui forms (layui 2.x). Importing this module does nothing; call pinganLayui().
//
//   <form class="layui-form" id="f" lay-filter="inc">
//     <input name="date" class="layui-input">  <select name="severity" lay-filter="sev">…</select>
//     <button class="layui-btn" lay-submit lay-filter="save">保存</button>
//   </form>
//   <script type="module">
//     import { pinganLayui } from "/static/pingan/pingan-layui.js";
//     layui.use(["form"], function () {
//       var p = pinganLayui(layui, { form: "#f", kind: "incident" });
//       layui.form.on("submit(save)", p.guard(function (data) {   // data.record: the checked record
//         layui.$.ajax({ url: "/case/save", type: "POST", data: data.field });
//         return false;
//       }));
//     });
//   </script>
//
// What it does:
//   • form.verify({ pingan }) and lay-verify="pingan" on every named field of the form: layui's own
//     lay-submit check asks the engine and shows layui's tip on the first bad field;
//   • guard(handler): the submit callback runs ONLY with a valid record — also for problems that belong to
//     no field of the form (a missing hidden field, a cross-field rule), and while the engine is still
//     loading (it waits, then calls the handler if the record is valid). An invalid record is never saved;
//   • form.on("select") / ("checkbox") / ("radio"): layui's widgets fire no native change event, so the
//     messages are refreshed from here;
//   • a <pingan-form-check> after the form shows every message beside its field, as in a plain form.
// Fail open: if the engine cannot load (CSP without 'wasm-unsafe-eval', .wasm missing, old core), every
// rule passes, guard() calls the handler, and the notice "浏览器端校验暂不可用，提交后由系统校验。" shows.
// elements.js (beside this file) is loaded on first use.

const RULE = "pingan";

/**
 * Wire one layui form to the engine.
 * @param {object} layui  the global `layui` (its `form` module must be loaded: layui.use(["form"], …))
 * @param {{ form: string | HTMLFormElement, kind: string, lang?: "zh" | "en", rule?: string }} options
 * @returns {{ guard(handler: (data: object) => any): (data: object) => boolean, check(): Promise<object>, ready: Promise<HTMLElement> }}
 */
export function pinganLayui(layui, { form, kind, lang = "zh", rule = RULE } = {}) {
  const layForm = layui && layui.form;
  if (!layForm) throw new Error("pinganLayui: layui.form is not loaded (layui.use(['form'], …) first)");
  const formEl = typeof form === "string" ? document.querySelector(form) : form;
  if (!formEl || formEl.tagName !== "FORM") throw new Error("pinganLayui: options.form must name a <form>");
  // getAttribute, not .id: a field named "id" shadows form.id (DOM named access).
  if (!formEl.getAttribute("id")) formEl.setAttribute("id", `pingan-layui-${Math.random().toString(36).slice(2, 10)}`);
  const formId = formEl.getAttribute("id");

  let lib = null; // elements.js, once imported
  let checker = null; // the <pingan-form-check> showing the messages
  const loaded = import(new URL("./elements.js", import.meta.url).href).then((m) => {
    lib = m;
    checker = document.createElement("pingan-form-check");
    checker.setAttribute("for", formId);
    checker.setAttribute("kind", kind);
    checker.setAttribute("lang", lang === "en" ? "en" : "zh-CN");
    formEl.after(checker);
    return checker;
  });
  loaded.catch(() => {});

  // One validation per submit click: layui calls the rule once per field, synchronously.
  let cache = null;
  const validateNow = () => {
    const env = lib && lib.peek();
    if (!env) return null; // loading or unavailable: the rule passes, guard() decides
    if (cache) return cache;
    let result;
    try {
      // Through the <pingan-form-check>: every message shows beside its field, not only layui's one tip.
      result = checker ? checker.validateWith(env.engine, true, "submit") : env.engine.validate(kind, lib.formToRecord(formEl));
    } catch (e) {
      result = { ok: false, errors: [{ code: "exception", path: "", message: { zh: String(e), en: String(e) } }], warnings: [] };
    }
    cache = result;
    setTimeout(() => (cache = null), 0);
    return result;
  };
  const text = (m) => (m ? (lang === "en" ? m.en : m.zh) || m.zh || m.en || "" : "");

  layForm.verify({
    [rule](value, item) {
      const r = validateNow();
      if (!r || r.ok) return undefined;
      const p = lib.nameToPointer(item.getAttribute("data-pointer") || item.name);
      const hit = (r.errors || []).find((e) => e.path === p || (e.path || "").startsWith(p + "/"));
      return hit ? text(hit.message) : undefined;
    },
  });
  for (const f of formEl.querySelectorAll("input[name], select[name], textarea[name]")) {
    const t = (f.type || "").toLowerCase();
    if (["submit", "button", "reset", "image", "file", "hidden"].includes(t)) continue;
    const have = (f.getAttribute("lay-verify") || "").split("|").filter(Boolean);
    if (!have.includes(rule)) f.setAttribute("lay-verify", [...have, rule].join("|"));
    // The message goes at the end of the field's block, after layui's own widget (never between the
    // original <select> and the widget layui renders after it).
    const box = f.closest(".layui-input-block, .layui-input-inline, .layui-input-wrap") || f.parentElement;
    if (box && !formEl.querySelector(`[data-pingan-msg-for="${CSS.escape(f.name)}"]`)) {
      const span = document.createElement("span");
      span.className = "pingan-msg";
      span.setAttribute("data-pingan-msg-for", f.name);
      box.append(span);
    }
  }

  // layui's select, checkbox and radio change the original field without a native change event.
  const refresh = (data) => {
    const el = data && data.elem;
    if (!el || el.form !== formEl) return;
    el.dispatchEvent(new Event("change", { bubbles: true }));
  };
  layForm.on("select", refresh);
  layForm.on("checkbox", refresh);
  layForm.on("radio", refresh);

  /** Resolves to the validate result with every message shown ({ ok: true, unavailable } when failing open). */
  const check = async () => {
    await loaded;
    return checker.check(true);
  };

  /** Wrap a form.on("submit(x)") callback: it runs only with a valid record (data.record), or failing open. */
  const guard = (handler) =>
    function (data) {
      const self = this;
      const call = (result) => {
        const d = Object.assign({}, data, { record: lib ? lib.formToRecord(formEl) : undefined, pingan: result });
        return handler.call(self, d);
      };
      const env = lib && lib.peek();
      if (env) {
        const r = validateNow(); // the result layui's rules just used (or a fresh one)
        if (!r || !r.ok) return false;
        return call(r);
      }
      // Still loading (or known unavailable): decide once the engine has answered, never with a bad record.
      check().then(
        (r) => {
          if (!r.ok) return;
          const out = call(r);
          // A non-ajax layui form (the handler lets it submit): submit it natively now.
          if (out !== false) formEl.submit();
        },
        () => {},
      );
      return false;
    };

  return { guard, check, ready: loaded };
}

export default pinganLayui;
