// jQuery example: the plugin on a plain GET form and on an ajax form.
import { install } from "../pingan-jquery.js";
import { lang, applyLang } from "./i18n.js";

applyLang();
const $ = install(window.jQuery);
window.__ajax = []; // every $.ajax the page made (the tests read it)
$(document).ajaxSend((_e, _xhr, o) => window.__ajax.push(o.url));

$("#plainForm").pinganCheck({ kind: "incident", lang });
$("#ajaxForm")
  .pinganCheck({ kind: "incident", lang })
  .on("submit", function (e) {
    e.preventDefault();
    const data = $(this).serialize();
    const q = new URLSearchParams(data);
    $.ajax({ url: "ok.json", type: "GET", dataType: "json", data }).done(() => {
      const sev = $(`#a_sev option[value="${q.get("severity")}"]`).text();
      const parts = [q.get("id"), q.get("date"), sev].filter(Boolean);
      $("<li>").text((lang === "en" ? "Saved: " : "已保存：") + parts.join(lang === "en" ? ", " : "，")).appendTo("#saved");
    });
  });

const q = new URLSearchParams(location.search);
if (q.has("id")) $("#submitted").text((lang === "en" ? "Submitted: " : "已提交：") + q.get("id") + " " + (q.get("date") || "")).attr("data-submitted", q.get("id"));
document.body.dataset.ready = "1";
