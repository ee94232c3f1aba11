// Numbers, bases (articles), dates: formatting shared by the elements and the pages. No side effect on import.

import { tx } from "./i18n.js";

/** null / undefined → [], an array as is, anything else → [it]. */
export const asArray = (x) => (x == null ? [] : Array.isArray(x) ? x : [x]);

const CN_DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/** 0…999 in Chinese numerals ("二十五"); other numbers as digits. */
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

/** A number (or a decimal given as text) shown with two decimals. */
export function fmt2(v) {
  if (v == null || v === "") return "";
  const n = typeof v === "number" ? v : Number(v);
  if (typeof v === "string" && !Number.isFinite(n)) return v;
  return n.toFixed(2);
}

// Dates: whole calendar days, UTC.

/** "2025-03-03" → days since 1970-01-01 (NaN when not a YYYY-MM-DD date). */
export function dayNumber(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso || ""));
  if (!m) return NaN;
  return Date.UTC(+m[1], +m[2] - 1, +m[3]) / 86400000;
}
/** Days since 1970-01-01 → "YYYY-MM-DD". */
export function isoOf(day) {
  return new Date(day * 86400000).toISOString().slice(0, 10);
}
/** `iso` plus `n` days. */
export function addDays(iso, n) {
  return isoOf(dayNumber(iso) + n);
}
