// Plain language about a dossier's records and accountability cases, built from the report's bases
// (timeline, duty matrix, scorecard and the demo pages). No side effect on import.

import { getAt } from "./pointer.js";
import { label, tx, LABELS } from "./i18n.js";
import { asArray, formatBasis } from "./format.js";

/** The record at an evidence pointer of `dossier`, in words ("2025-03-03 发生的重大…（I1）"). */
export function describeEvidence(dossier, pointer, lang) {
  const r = getAt(dossier, pointer);
  if (!r || typeof r !== "object") return lang === "en" ? "a record of the dossier" : "档案中的一条记录";
  if (pointer.startsWith("/activities/")) {
    return `${r.date || ""} ${label("activity", r.type, lang)}`.trim();
  }
  if (pointer.startsWith("/letters/")) {
    return lang === "en" ? `the responsibility letter of ${r.date || r.year}` : `${r.date || r.year} 签订的目标管理责任书`;
  }
  if (pointer.startsWith("/leaders/")) return r.name || r.id;
  if (pointer.startsWith("/incidents/")) {
    return lang === "en"
      ? `the ${label("severity", r.severity, lang)} ${label("category", r.category, lang)} ${r.id} on ${r.date}`
      : `${r.date} 发生的${label("severity", r.severity, lang)}${label("category", r.category, lang)}（${r.id}）`;
  }
  if (pointer.startsWith("/inspections/")) {
    return lang === "en" ? `the inspection ${r.id} on ${r.date} (${label("finding", r.finding, lang)})` : `${r.date} 明察暗访 ${r.id}（${label("finding", r.finding, lang)}）`;
  }
  if (pointer.startsWith("/hotspots/")) {
    return lang === "en" ? `the hotspot ${r.id} reported on ${r.date}` : `${r.date} 的治安热点 ${r.id}`;
  }
  if (pointer.startsWith("/referrals/")) {
    return lang === "en" ? `the referral ${r.id} on ${r.date}` : `${r.date} 的交办 ${r.id}`;
  }
  if (pointer.startsWith("/assessment")) {
    return lang === "en" ? "the year's assessment" : "年度考核结果";
  }
  return r.id || pointer;
}

/** Short plain names of the art. 25 triggers, for a case's title (the id goes in small print). */
export const CASE_NAMES = {
  "25.1": { zh: "治安严重混乱", en: "serious public disorder" },
  "25.2": { zh: "连续发生较大案（事）件", en: "repeated larger incidents" },
  "25.3": { zh: "发生重大案（事）件", en: "a major incident" },
  "25.4": { zh: "年度考核不合格", en: "annual assessment failed" },
  "25.5": { zh: "治安热点整治不力", en: "hotspot not dealt with" },
  "25.6": { zh: "其他需追究情形", en: "another matter" },
};

/** A case as office staff read it: "发生重大案（事）件（2025-03-03 立案）"; never the bare id. */
export function caseName(c, lang, withDate = true) {
  if (!c) return "";
  const clause = String(c.clause != null ? c.clause : String(c.id || "").split("/")[0]);
  const name = CASE_NAMES[clause] ? tx(CASE_NAMES[clause], lang) : lang === "en" ? "accountability case" : "追究案件";
  if (!withDate || !c.opened_on) return name;
  return lang === "en" ? `${name} (opened ${c.opened_on})` : `${name}（${c.opened_on} 立案）`;
}

/** A case in a few plain sentences: why it opened, each step with its deadline and basis, what comes next. */
export function explainCase(c, dossier, lang) {
  const ev = asArray(c.evidence).map((p) => describeEvidence(dossier, p, lang));
  const clause = String(c.clause != null ? c.clause : (c.id || "").split("/")[0]);
  const trigger = LABELS.clause[clause] ? tx(LABELS.clause[clause], lang) : clause;
  const art = clause.includes(".") ? { source: "zj-lrs", article: +clause.split(".")[0], item: +clause.split(".")[1] } : null;
  const parts = [];
  if (lang === "en") {
    parts.push(`Because of ${ev.join(" and ") || "the evidence"} (${trigger}, per ${formatBasis(art, lang) || "art. 25"}), a case opened on ${c.opened_on}.`);
  } else {
    parts.push(`因${ev.join("、") || "相关事实"}（${trigger}，依${formatBasis(art, lang) || "第二十五条"}），于 ${c.opened_on} 立案。`);
  }
  const steps = asArray(c.steps);
  // Steps issued on one date (yellow card + interview) read as one sentence.
  const byDate = [];
  for (const st of steps) {
    const last = byDate[byDate.length - 1];
    if (last && last.date === st.date && last.rung === st.rung) last.items.push(st);
    else byDate.push({ date: st.date, rung: st.rung, items: [st] });
  }
  byDate.forEach((grp, i) => {
    const what = grp.items.map((st) => label("measure", st.measure, lang)).join(lang === "en" ? " and " : "、");
    const bases = [...new Set(grp.items.flatMap((st) => asArray(st.basis).map((b) => formatBasis(b, lang))))].filter(Boolean).join(lang === "en" ? ", " : "、");
    const dl = grp.items.map((st) => st.deadline).find(Boolean);
    const missed = i > 0;
    if (lang === "en") {
      let t = `${missed ? "The deadline passed without an accepted rectification, so on" : "On"} ${grp.date}: ${what}`;
      if (dl) t += `, rectify by ${dl}`;
      if (bases) t += ` (per ${bases})`;
      parts.push(t + ".");
    } else {
      let t = `${missed ? "逾期未整改到位，" : ""}${grp.date} ${what}`;
      if (dl) t += `，限期至 ${dl} 整改`;
      if (bases) t += `（依${bases}）`;
      parts.push(t + "。");
    }
  });
  if (c.status === "closed") parts.push(lang === "en" ? "Rectified and accepted: the case is closed." : "整改已验收，案件已销。");
  else if (c.next) {
    parts.push(
      lang === "en"
        ? `If nothing is rectified, ${label("measure", c.next.measure, lang)} follows on ${c.next.due}.`
        : `如仍未整改到位，将于 ${c.next.due} 启动${label("measure", c.next.measure, lang)}。`,
    );
  }
  return parts.join(lang === "en" ? " " : "");
}
