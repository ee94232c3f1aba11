// The examples' language switch: ?lang=en swaps every [data-en] text (zh is what the page is written in).
export const lang = new URLSearchParams(location.search).get("lang") === "en" ? "en" : "zh";
export function applyLang() {
  document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
  if (lang !== "en") return;
  for (const el of document.querySelectorAll("[data-en]")) el.textContent = el.dataset.en;
  for (const el of document.querySelectorAll("[data-en-empty]")) el.dataset.empty = el.dataset.enEmpty;
  for (const el of document.querySelectorAll("[data-en-placeholder]")) el.setAttribute("placeholder", el.dataset.enPlaceholder);
  if (document.body.dataset.enTitle) document.title = document.body.dataset.enTitle;
}
/** zh or en of a { zh, en } text. */
export const tx = (t) => (t ? (lang === "en" ? t.en : t.zh) : "");
