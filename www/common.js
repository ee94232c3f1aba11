// Helpers shared by the demo (app.js) and the performance archive (archive.js). Not part of pkg/web:
// elements.js stays standalone. User data still reaches the page only through textContent.
import { tx } from "./elements.js";

export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));

/** t(key, vars?) over a page's texts T: the text in the current language, {name} placeholders filled. */
export function translator(T, getLang) {
  return (key, vars) => {
    let s = tx(T[key], getLang()) || key;
    if (vars) for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
    return s;
  };
}

/** The language switch common to both pages: <html lang>, the title, [data-i18n] texts, the toggle button. */
export function applyLangBase(T, lang, title) {
  document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
  document.title = title;
  for (const el of $$("[data-i18n]")) {
    const v = T[el.dataset.i18n];
    if (v) el.textContent = tx(v, lang);
  }
  const toggle = $("#lang-toggle");
  toggle.textContent = lang === "en" ? "中文" : "English";
  toggle.setAttribute("lang", lang === "en" ? "zh-CN" : "en");
  toggle.setAttribute("aria-pressed", String(lang === "en"));
}
