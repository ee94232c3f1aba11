// pingan as a jQuery plugin (jQuery 1.7+). Importing this module does nothing; install($) adds the plugin.
//
//   <script src="/static/jquery.min.js"></script>
//   <script type="module">
//     import { install } from "/static/pingan/pingan-jquery.js";
//     install(jQuery);
//     $("#caseForm").pinganCheck({ kind: "incident" });            // a plain form: submit is checked
//     $("#ajaxForm").pinganCheck({ kind: "incident" }).on("submit", function (e) {
//       e.preventDefault();
//       $.post("/case/save", $(this).serialize());                  // runs only with a valid record
//     });
//     $("#ajaxForm").pinganCheck("check").then(function (r) { … });  // { ok, errors, warnings }
//   </script>
//
// The plugin puts a <pingan-form-check for="…" kind="…"> after each form (elements.js, beside this file,
// is loaded on first use): messages beside each field as you type, and an invalid submit is stopped
// before any jQuery submit handler runs (a capture listener on the form), so `$.ajax` in a submit handler
// is never reached with a bad record. A submit made while the engine is still loading waits for it.
// Fail open: if the engine cannot load, the form submits (and the handlers run) as without pingan, the
// notice "浏览器端校验暂不可用，提交后由系统校验。" shows and a `pingan-unavailable` event bubbles.
//
//   $(form).pinganCheck({ kind, lang })   attach (again: update kind / lang)
//   $(form).pinganCheck("check")          Promise of the validate result, every message shown
//   $(form).pinganCheck("result")         the last result (or null), synchronously
//   $(form).pinganCheck("destroy")        detach and remove the messages

const KEY = "pinganCheck";

/** Add $.fn.pinganCheck to this jQuery. Returns $ (chainable). */
export function install($) {
  if (!$ || !$.fn) throw new Error("pingan-jquery: install(jQuery) needs jQuery");
  if ($.fn[KEY]) return $;
  const lib = import(new URL("./elements.js", import.meta.url).href);
  lib.catch(() => {});

  const checkerOf = (form) => $(form).data(KEY) || null;

  $.fn[KEY] = function (arg) {
    if (arg === "check") {
      const form = this.filter("form").get(0);
      const el = form && checkerOf(form);
      if (!el) return Promise.reject(new Error("pinganCheck: not attached"));
      return lib.then(() => el.check(true));
    }
    if (arg === "result") {
      const form = this.filter("form").get(0);
      const el = form && checkerOf(form);
      return el ? el.result : null;
    }
    if (arg === "destroy") {
      return this.each(function () {
        const el = checkerOf(this);
        if (el) {
          el.clear();
          el.remove();
          $(this).removeData(KEY);
        }
      });
    }
    const opts = $.extend({ kind: "incident", lang: "zh" }, arg || {});
    return this.each(function () {
      if (this.tagName !== "FORM") return;
      let el = checkerOf(this);
      if (!el) {
        // getAttribute, not .id: a field named "id" shadows form.id (DOM named access).
        if (!this.getAttribute("id")) this.setAttribute("id", `pingan-jq-${Math.random().toString(36).slice(2, 10)}`);
        el = document.createElement("pingan-form-check");
        el.setAttribute("for", this.getAttribute("id"));
        $(this).data(KEY, el);
        // Registered (and attached to the form) at once if elements.js is loaded, else when it is.
        this.after(el);
        // Until then a submit must not slip past to the page's handlers: hold it, submit again later.
        const form = this;
        form.addEventListener(
          "submit",
          (e) => {
            if (customElements.get("pingan-form-check")) return; // the element's own check runs
            e.preventDefault();
            e.stopImmediatePropagation();
            const submitter = e.submitter || null; // es2019-guarded (Chromium 81): else the form's default button
            lib.then(
              // submitForm: a real submit event again (HTMLFormElement's requestSubmit is Chromium 76).
              (m) => customElements.whenDefined("pingan-form-check").then(() => m.submitForm(form, submitter)),
              () => form.submit(), // elements.js itself could not load: fail open
            );
          },
          true,
        );
      }
      el.setAttribute("kind", opts.kind);
      el.setAttribute("lang", opts.lang === "en" ? "en" : "zh-CN");
    });
  };

  return $;
}

export default install;
