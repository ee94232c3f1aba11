// layui example: pingan's form.verify rules, the lay-submit + ajax path guarded, select refresh.
import { pinganLayui } from "../pingan-layui.js";
import { lang, applyLang } from "./i18n.js";

applyLang();
window.__saved = []; // what the save handler was called with (the tests read it)
const SEV = { general: ["一般", "general"], larger: ["较大", "larger"], major: ["重大", "major"], especially_major: ["特别重大", "especially major"] };

layui.use(["form"], function () {
  const form = layui.form;
  const $ = layui.$;
  const p = pinganLayui(layui, { form: "#inc", kind: "incident", lang });
  window.__pinganLayui = p;
  form.on(
    "submit(save)",
    p.guard(function (data) {
      window.__saved.push(data.field);
      $.ajax({ url: "ok.json", type: "GET", dataType: "json", data: data.field }).done(function () {
        const f = data.field;
        const sev = SEV[f.severity] ? SEV[f.severity][lang === "en" ? 1 : 0] : f.severity;
        const li = document.createElement("li");
        const parts = [f.id, f.date, sev].filter(Boolean);
        li.textContent = (lang === "en" ? "Saved: " : "已保存：") + parts.join(lang === "en" ? ", " : "，");
        document.getElementById("saved").append(li);
      });
      return false; // ajax: no page submit
    }),
  );
  form.render();
  document.body.dataset.ready = "1";
});
