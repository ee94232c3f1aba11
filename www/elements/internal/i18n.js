// Language, labels and the elements' own texts (zh / en). No side effect on import.

import { LABELS } from "../../vocabularies.js";

/** Labels of the engine's enum values, { value: { zh, en } } per vocabulary: generated from the library's
 * vocabularies (src/model.rs, src/policy.rs) into vocabularies.js, so the labels exist before the engine
 * loads (and when it cannot, for the fail-open notice). */
export { LABELS };

/** "en" when the element's `lang` starts with "en", else "zh" (zh-CN is the default). */
export function langOf(el) {
  const l = (el && el.getAttribute && el.getAttribute("lang")) || "zh";
  return l.toLowerCase().startsWith("en") ? "en" : "zh";
}

/** A { zh, en } text in `lang` (the other language when one is missing); a string as is. */
export function tx(text, lang) {
  if (text == null) return "";
  if (typeof text === "string") return text;
  // No `??`: the shipped JS parses as ES2019 (older Chromium cores; tests/consumer/es2019.mjs).
  const first = lang === "en" ? text.en : text.zh;
  return first != null ? first : text.zh != null ? text.zh : text.en != null ? text.en : "";
}

/** The label of an enum value of a vocabulary ("grade", "measure", …), or the value itself when unknown. */
export function label(vocab, value, lang) {
  const t = LABELS[vocab] && LABELS[vocab][value];
  return t ? tx(t, lang) : String(value == null ? "" : value);
}

/** The elements' texts, one table for all of them. */
const UI = {
  noData: { zh: "尚无数据", en: "No data yet" },
  engineError: { zh: "引擎未给出结果", en: "The engine gave no result" },
  total: { zh: "总分", en: "Total" }, grade: { zh: "等次", en: "Grade" },
  base: { zh: "基础分", en: "Base" }, bonus: { zh: "加分", en: "Bonus" }, deductions: { zh: "扣分", en: "Deductions" },
  vetoed: { zh: "一票否决", en: "one-vote veto" },
  indicator: { zh: "指标", en: "Indicator" }, kindCol: { zh: "类型", en: "Kind" }, input: { zh: "输入", en: "Input" },
  fraction: { zh: "得分率", en: "Fraction" }, weight: { zh: "权重", en: "Weight" }, points: { zh: "得分", en: "Points" },
  basis: { zh: "依据", en: "Basis" }, ledger: { zh: "计分明细", en: "Ledger" },
  chartTitle: { zh: "各指标得分与权重", en: "Points against weight per indicator" },
  chartWeight: { zh: "权重", en: "weight" }, chartPoints: { zh: "得分", en: "points" },
  cases: { zh: "追究案件", en: "Accountability cases" }, noCases: { zh: "无追究案件", en: "No accountability case" },
  bars: { zh: "限制期", en: "Bars" }, asOf: { zh: "截至", en: "as of" },
  open: { zh: "进行中", en: "open" }, closed: { zh: "已整改销案", en: "closed" },
  deadline: { zh: "整改期限", en: "deadline" }, next: { zh: "下一步", en: "next" },
  targets: { zh: "对象", en: "targets" },
  duties: { zh: "领导责任清单", en: "Leadership duty matrix" }, duty: { zh: "职责", en: "Duty" },
  notHis: { zh: "不适用", en: "not this leader's duty" },
  evidence: { zh: "证据", en: "Evidence" }, none: { zh: "无", en: "none" },
  findings: { zh: "合规问题", en: "Compliance findings" }, noFindings: { zh: "未发现合规问题", en: "No compliance finding" },
  detailHint: { zh: "将鼠标移到单元格上、用 Tab 键聚焦或点击，查看条款和说明。", en: "Hover, focus (Tab) or click a cell to see its article and our summary." },
  detailHintTouch: { zh: "轻触单元格，查看条款和说明。", en: "Tap a cell to see its article and our summary." },
  markerHintTouch: { zh: "轻触标记，查看日期、对象和依据。", en: "Tap a marker to see its dates, targets and basis." },
  markerHint: { zh: "将鼠标移到标记上、用 Tab 键聚焦或点击，查看日期、对象和依据。", en: "Hover, focus (Tab) or click a marker to see its dates, targets and basis." },
  periodWord: { zh: "整改期", en: "rectification period" },
  applicability: { zh: "适用", en: "Applies" },
  appliesFull: { zh: "全面适用", en: "in full" }, appliesRef: { zh: "参照执行", en: "by reference" }, appliesNone: { zh: "不适用", en: "not at all" },
};

/** UI[key] in `lang`. */
export const ui = (key, lang) => tx(UI[key], lang);

