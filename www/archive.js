// The leader's performance archive (art. 19; issue 6 point 5): one leader's yearly entry of the engine's
// report.archive as a printable record, with the promotion check of engine.eligibility for a chosen date.
//
//   archive.html                         the sample county (data/sample-county.json)
//   archive.html?src=/some/dossier.json  any same-origin dossier URL
//   archive.html?from=demo               the demo's working copy (sessionStorage, set by the demo's link)
//   …&leader=L1&date=2025-12-01&lang=en  a leader, an eligibility date, English
//
// No framework. User data reaches the page only through textContent (h() from elements.js).
import { ready, LABELS, label, tx, h, formatBasis, asArray, fmt2, cnNumber } from "./elements.js";
import { $, $$, translator, applyLangBase } from "./common.js";
import { saveRows } from "./province-sheets.js";

const DEFAULT_SRC = "data/sample-county.json";
const PROVINCE_SRC = "data/province.json";
const DEMO_KEY = "pingan-archive-dossier";


// ---------------------------------------------------------------------------------------------------
// Texts.

const T = {
  pageTitle: { zh: "领导干部平安建设实绩档案", en: "Leader's Ping'an performance archive" },
  skip: { zh: "跳到档案", en: "Skip to the record" },
  back: { zh: "← 返回演示", en: "← Back to the demo" },
  print: { zh: "打印档案", en: "Print the record" },
  loading: { zh: "正在加载引擎…", en: "Loading the engine…" },
  loadingDossier: { zh: "正在读取档案…", en: "Reading the dossier…" },
  loaded: { zh: "已载入", en: "Loaded" },
  leadersWord: { zh: "名领导干部", en: "leader(s)" },
  loadFailed: { zh: "无法读取档案：", en: "Could not read the dossier: " },
  notSameOrigin: { zh: "只接受本站（同源）地址：", en: "Only same-origin URLs are accepted: " },
  invalidDossier: { zh: "档案未通过校验：", en: "The dossier does not validate: " },
  noLeaders: { zh: "档案中没有领导干部记录。", en: "The dossier lists no leader." },
  dossierLabel: { zh: "档案", en: "Dossier" },
  fileLabel: { zh: "或打开本地档案（JSON，可含多个年度）", en: "Or open a local dossier (JSON, one or several years)" },
  yearLabel: { zh: "年度", en: "Year" },
  yearsWord: { zh: "个年度", en: "year(s)" },
  exportXlsx: { zh: "导出 Excel", en: "Export Excel" },
  exportCsv: { zh: "导出 CSV", en: "Export CSV" },
  exported: { zh: "已导出：{f}", en: "Exported: {f}" },
  exportFailed: { zh: "导出失败：", en: "Export failed: " },
  hYears: { zh: "七、历年实绩", en: "7. Year by year" },
  hTrend: { zh: "八、所在单位历年考核", en: "8. The unit's assessments over the years" },
  yearsNote: { zh: "每个年度取自该年度的档案；只有往年考核记录的年度，只列单位的等次（及总分），其余不详。", en: "Each year comes from that year's dossier; a year known only from the record of earlier assessments shows the unit's grade (and total), nothing else." },
  trendNote: { zh: "结果性指标列原始数值，过程性指标列等次；往年考核记录只有等次（及总分）。图中空心点取自往年考核记录，没有总分的年度不画点。", en: "Result indicators show the figure, process indicators the grade; the record of earlier assessments has only the grade (and total). Hollow dots come from that record; a year without a total has no dot." },
  trendTitle: { zh: "{unit} 历年考核总分", en: "{unit}: total by year" },
  trendOne: { zh: "只有一个年度，未画趋势图。", en: "Only one year: no trend to draw." },
  colYear: { zh: "年度", en: "Year" },
  colUnit: { zh: "单位", en: "Unit" },
  colGrade: { zh: "单位考核等次", en: "Unit's grade" },
  colTotal: { zh: "总分", en: "Total" },
  colGradeShort: { zh: "等次", en: "Grade" },
  colDuties: { zh: "职责（已落实／未落实）", en: "Duties (met/unmet)" },
  colItem: { zh: "项目", en: "Item" },
  colMet: { zh: "已落实职责（项）", en: "Duties met" },
  colUnmet: { zh: "未落实职责（项）", en: "Duties unmet" },
  colUnmetList: { zh: "未落实的职责", en: "Unmet duties" },
  colCases: { zh: "追究案件", en: "Cases" },
  colBars: { zh: "限制期", en: "Bars" },
  colPraise: { zh: "表彰奖励", en: "Praise" },
  colSource: { zh: "来源", en: "Source" },
  fromDossier: { zh: "本年度档案", en: "that year's dossier" },
  fromHistory: { zh: "往年考核记录", en: "earlier record" },
  praiseCycle: { zh: "{c} 年度通报表扬", en: "praised, cycle {c}" },
  noneShort: { zh: "无", en: "none" },
  leaderLabel: { zh: "领导干部", en: "Leader" },
  srcSample: { zh: "样例县", en: "Sample county" },
  srcDemo: { zh: "演示中正在编辑的档案", en: "The dossier being edited in the demo" },
  srcUrl: { zh: "地址", en: "URL" },
  srcFile: { zh: "本地文件", en: "Local file" },
  srcProvince: { zh: "全省示例数据", en: "Province sample data" },
  hProfile: { zh: "一、基本情况", en: "1. Particulars" },
  hDuties: { zh: "二、履职情况", en: "2. Duties" },
  hCases: { zh: "三、被责任追究的案件", en: "3. Accountability cases naming this leader" },
  hBars: { zh: "四、限制期", en: "4. Bars" },
  hPraise: { zh: "五、表彰奖励", en: "5. Praise" },
  hElig: { zh: "六、提拔资格核查", en: "6. Promotion check" },
  eligDate: { zh: "核查日期", en: "Date to check" },
  eligHint: { zh: "选择拟提拔的日期；限制期“至某日前”不含该日。", en: "Pick the date of the intended promotion; a bar “until X” is exclusive of X." },
  recordKicker: { zh: "{year} 年度 · 第十九条", en: "{year} · art. 19" },
  recordTitle: { zh: "{name} 平安建设实绩档案", en: "{name}: Ping'an performance archive" },
  recordSub: { zh: "{unit} · {year} 年度", en: "{unit} · {year}" },
  name: { zh: "姓名", en: "Name" },
  post: { zh: "职务", en: "Post" },
  unit: { zh: "单位", en: "Unit" },
  year: { zh: "年度", en: "Year" },
  tenure: { zh: "任职时间", en: "In post" },
  asOf: { zh: "数据截至", en: "Data as of" },
  grade: { zh: "单位年度考核", en: "Unit's annual assessment" },
  points: { zh: "分", en: "points" },
  notAssessed: { zh: "本年度未考核", en: "not assessed this year" },
  vetoed: { zh: "一票否决", en: "one-vote veto" },
  since: { zh: "{d} 起", en: "from {d}" },
  sinceUntil: { zh: "{a} 至 {b}", en: "{a} to {b}" },
  untilOnly: { zh: "至 {d}", en: "until {d}" },
  unknown: { zh: "—", en: "—" },
  dutiesSummary: { zh: "本年度可核查的职责 {n} 项：已落实 {met} 项，未落实 {unmet} 项。", en: "{n} checkable duties this year: {met} met, {unmet} unmet." },
  dutiesNc: { zh: "另有 {n} 项无法核查（有记录，不计分）。", en: " {n} more could not be checked (recorded, not scored)." },
  noDuties: { zh: "本年度无可核查的职责。", en: "No checkable duty this year." },
  colStatus: { zh: "情况", en: "Status" },
  colDuty: { zh: "职责（摘要）", en: "Duty (our summary)" },
  colArticle: { zh: "条款", en: "Article" },
  colRecord: { zh: "记录", en: "Records" },
  countText: { zh: "实有 {n}，要求不少于 {need}", en: "{n} found, at least {need} required" },
  evidence: { zh: "依据记录", en: "records" },
  noCases: { zh: "本年度无点名本人的追究案件。", en: "No accountability case names this leader this year." },
  colCase: { zh: "案件", en: "Case" },
  colGround: { zh: "情形及依据", en: "Ground and basis" },
  colOpened: { zh: "立案", en: "Opened" },
  colSteps: { zh: "点名本人的措施", en: "Measures naming this leader" },
  colCaseStatus: { zh: "状态", en: "Status" },
  rung: { zh: "第{n}级", en: "rung {n}" },
  deadline: { zh: "整改期限 {d}", en: "rectify by {d}" },
  planDue: { zh: "整改方案 {d} 前报送", en: "plan due {d}" },
  open: { zh: "进行中", en: "open" },
  closedOn: { zh: "{d} 整改验收销案", en: "closed on {d} (rectified)" },
  next: { zh: "如未按期整改，{d} 起{m}", en: "if not rectified: {m} from {d}" },
  noBars: { zh: "无。", en: "None." },
  colWhat: { zh: "限制事项", en: "Barred from" },
  colPeriod: { zh: "期间", en: "Period" },
  colMeasure: { zh: "措施", en: "Measure" },
  colBasis: { zh: "依据", en: "Basis" },
  period: { zh: "{from} 起至 {until} 前", en: "{from} until {until}, exclusive" },
  barsNote: { zh: "“至某日前”不含该日：自该日起不再受此限制。", en: "“Until X, exclusive”: the leader is free again on X." },
  noPraise: { zh: "本年度及以往周期无通报表扬记录。", en: "No praise in this or earlier cycles." },
  praiseLine: { zh: "{cycle} 年度先进单位评选周期：所在单位获评，本人受到通报表扬", en: "Cycle {cycle}: the unit was awarded and this leader was praised" },
  fileRecord: { zh: "材料存入本人档案", en: "the record goes into the personal file" },
  withheldLine: { zh: "{cycle} 年度周期：不予表扬", en: "Cycle {cycle}: praise withheld" },
  eligFor: { zh: "核查日期：{d}", en: "Date checked: {d}" },
  promotion: { zh: "提拔", en: "Promotion" },
  commendation: { zh: "评优评先", en: "Commendation" },
  yesPromote: { zh: "可以", en: "yes" },
  noPromote: { zh: "不得提拔", en: "no" },
  yesCommend: { zh: "可以", en: "yes" },
  noCommend: { zh: "不得评优评先", en: "no" },
  why: { zh: "原因", en: "Why" },
  barWhy: { zh: "案件 {case}（{measure}）的限制：{period}不得{whats}", en: "bar from case {case} ({measure}): no {whats} {period}" },
  basisWord: { zh: "依据", en: "basis" },
  eligConclusionNo: { zh: "结论：{d} 不得提拔。组织人事部门提拔时应了解掌握平安工作情况（{art}）。", en: "Conclusion: no promotion on {d}. Organisation departments look at Ping'an work before promoting ({art})." },
  eligConclusionYes: { zh: "结论：{d} 无限制提拔的情形。组织人事部门提拔时仍应了解掌握本档案所载平安工作情况（{art}）。", en: "Conclusion: nothing bars a promotion on {d}. Organisation departments still read this record before promoting ({art})." },
  badDate: { zh: "请输入有效日期（YYYY-MM-DD）。", en: "Enter a valid date (YYYY-MM-DD)." },
  footBasis: { zh: "依据", en: "Basis" },
  footUse: { zh: "本档案供{note}。", en: "This record is {note}." },
  footMeta: { zh: "数据截至 {as_of} · 政策包 {policy} · 档案指纹 {fp} · 生成于 {now}", en: "Data as of {as_of} · policy {policy} · fingerprint {fp} · generated {now}" },
  footFrom: { zh: "来源", en: "Source" },
};

const POSTS = {
  party_secretary: { zh: "党委书记", en: "Party secretary" },
  government_head: { zh: "政府主要负责人", en: "Head of government" },
  political_legal_secretary: { zh: "政法委书记", en: "Political-legal committee secretary" },
  deputy_secretary: { zh: "党委副书记", en: "Deputy Party secretary" },
  executive_deputy_head: { zh: "政府常务副职", en: "Executive deputy head" },
  deputy_head: { zh: "政府副职", en: "Deputy head" },
  organization_head: { zh: "组织部部长", en: "Head of the organisation department" },
  propaganda_head: { zh: "宣传部部长", en: "Head of the propaganda department" },
  united_front_head: { zh: "统战部部长", en: "Head of the united front department" },
  standing_committee_member: { zh: "党委常委", en: "Standing committee member" },
};

const state = {
  lang: "zh",
  env: null,
  sources: [], // { key, text: {zh,en} | string, load: () => Promise<dossier> }
  sourceKey: null,
  sourceName: "",
  dossier: null,
  report: null,
  leader: null,
  date: null,
  years: [], // [{ dossier, report }] of the shown unit, by year
  year: null,
  province: null,
  status: null, // () => the status line in the current language
};

const t = translator(T, () => state.lang);
const sep = () => (state.lang === "en" ? ", " : "、");
const isDate = (s) => typeof s === "string" && /^\d{4}-\d{2}-\d{2}$/.test(s);

// ---------------------------------------------------------------------------------------------------
// Dossier sources.

function sameOrigin(url) {
  try {
    return new URL(url, location.href).origin === location.origin;
  } catch (_) {
    return false;
  }
}

async function fetchJson(url) {
  if (!sameOrigin(url)) throw new Error(t("notSameOrigin") + url);
  const res = await fetch(new URL(url, location.href).href, { credentials: "same-origin" });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

function buildSources(params) {
  const list = [];
  if (params.get("from") === "demo") {
    let stored = null;
    try {
      stored = sessionStorage.getItem(DEMO_KEY);
    } catch (_) {
      stored = null;
    }
    if (stored) list.push({ key: "demo", text: T.srcDemo, load: async () => JSON.parse(stored) });
  }
  const src = params.get("src");
  if (src && src !== DEFAULT_SRC) list.push({ key: "src", text: { zh: `${T.srcUrl.zh}：${src}`, en: `${T.srcUrl.en}: ${src}` }, load: () => fetchJson(src) });
  list.push({ key: "sample", text: T.srcSample, load: () => fetchJson(DEFAULT_SRC) });
  return list;
}

function renderSourceSelect() {
  const sel = $("#dossier-select");
  const opts = state.sources.filter((s) => !s.group).map((s) => h("option", { value: s.key, text: typeof s.text === "string" ? s.text : tx(s.text, state.lang) }));
  const groups = [];
  for (const g of [...new Set(state.sources.filter((s) => s.group && s.group !== "province").map((s) => s.group))]) {
    const owner = state.sources.find((s) => s.key === g);
    const label = owner ? (typeof owner.text === "string" ? owner.text : tx(owner.text, state.lang)) : g;
    groups.push(h("optgroup", { label }, ...state.sources.filter((s) => s.group === g).map((s) => h("option", { value: s.key, text: s.text }))));
  }
  const prov = state.sources.filter((s) => s.group === "province");
  if (prov.length) groups.push(h("optgroup", { label: t("srcProvince") }, ...prov.map((s) => h("option", { value: s.key, text: s.text }))));
  sel.replaceChildren(...opts, ...groups);
  if (state.sourceKey && state.sources.some((s) => s.key === state.sourceKey)) sel.value = state.sourceKey;
}

/** What a source answered → a list of dossiers: one dossier, an array of them, or a province file `{ dossiers }`. */
function dossierList(x) {
  if (Array.isArray(x)) return x.filter((d) => d && typeof d === "object");
  if (x && typeof x === "object" && Array.isArray(x.dossiers)) return x.dossiers.filter((d) => d && typeof d === "object");
  return [x];
}

/** Dossiers grouped by unit (first-seen order); a unit's dossiers are its years. */
function byUnit(list) {
  const m = new Map();
  for (const d of list) {
    const id = d && d.unit && typeof d.unit.id === "string" ? d.unit.id : "";
    if (!m.has(id)) m.set(id, []);
    m.get(id).push(d);
  }
  return m;
}

const MAX_YEARS = 30; // a unit's dossiers evaluated for the years side by side (bounded work)

function unitChoice(prefix, group, id, ds) {
  const u = ds[0] && ds[0].unit ? ds[0].unit : {};
  const years = [...new Set(ds.map((d) => d.year))].sort();
  const yrs = years.length > 1 ? ` · ${years[0]}–${years[years.length - 1]}` : "";
  return { key: `${prefix}:${id}`, group, text: `${u.name || id}（${id}）${yrs}`, load: async () => ds };
}

/** The province's counties as further choices, fetched after the first render (never blocks it). */
async function addProvinceSources() {
  try {
    const p = await fetchJson(PROVINCE_SRC);
    const list = dossierList(p).filter((d) => d.unit);
    state.province = list;
    for (const [id, ds] of byUnit(list)) state.sources.push(unitChoice("province", "province", id, ds));
    renderSourceSelect();
  } catch (_) {
    /* the province file is optional */
  }
}

async function loadSource(key) {
  const s = state.sources.find((x) => x.key === key);
  if (!s) return;
  state.sourceKey = key;
  state.sourceName = typeof s.text === "string" ? s.text : tx(s.text, state.lang);
  setStatus(t("loadingDossier"));
  try {
    const x = await s.load();
    let list = dossierList(x);
    const units = byUnit(list);
    if (units.size > 1 && !s.group) {
      // A file or URL with several units: one choice per unit, the first one shown.
      state.sources = state.sources.filter((c) => c.group !== key);
      for (const [id, ds] of units) state.sources.push(unitChoice(key, key, id, ds));
      const first = state.sources.find((c) => c.group === key);
      state.sourceKey = first.key;
      state.sourceName = first.text;
      renderSourceSelect();
      list = units.values().next().value;
    }
    useDossiers(list);
  } catch (e) {
    failed(t("loadFailed") + (e && e.message ? e.message : String(e)));
  }
}

/**
 * One unit's dossiers (one or several years): each is evaluated; the record shows the chosen year (the
 * latest by default); the years side by side use all of them. A dossier that does not validate stops
 * the page with its messages (the record must not silently leave a year out).
 */
function useDossiers(list) {
  const years = [];
  for (const d of list.slice(0, MAX_YEARS)) {
    const r = state.env.engine.evaluate(d);
    if (!r || !r.ok) {
      const msg = asArray(r && r.errors).slice(0, 8).map((x) => tx(x.message, state.lang)).join("；");
      const yr = d && d.year != null ? (state.lang === "en" ? ` (${d.year})` : `（${d.year} 年度）`) : "";
      failed(t("invalidDossier") + msg + (list.length > 1 ? yr : ""));
      return;
    }
    years.push({ dossier: d, report: r });
  }
  years.sort((a, b) => a.report.year - b.report.year);
  state.years = years;
  if (!years.some((y) => y.report.year === state.year)) state.year = years.length ? years[years.length - 1].report.year : null;
  renderYearSelect();
  useYear();
}

function renderYearSelect() {
  const sel = $("#year-select");
  const ys = asArray(state.years);
  sel.replaceChildren(...ys.map((y) => h("option", { value: String(y.report.year), text: String(y.report.year) })));
  if (state.year != null) sel.value = String(state.year);
  $("#year-control").hidden = ys.length < 2;
}

function useYear() {
  const y = asArray(state.years).find((x) => x.report.year === state.year) || asArray(state.years)[0];
  if (!y) return;
  const d = y.dossier, r = y.report;
  state.dossier = d;
  state.report = r;
  const ids = asArray(r.archive).map((a) => a.leader);
  if (!ids.includes(state.leader)) state.leader = ids[0] || null;
  if (!isDate(state.date)) state.date = d.as_of;
  renderLeaderSelect();
  if (!ids.length) {
    failed(t("noLeaders"));
    return;
  }
  const ny = state.years.length;
  setStatus(() => `${t("loaded")}${state.lang === "en" ? ": " : "："}${state.sourceName} · ${r.unit.name || r.unit.id} · ${ny > 1 ? `${ny} ${t("yearsWord")}，` : ""}${r.year} · ${ids.length} ${t("leadersWord")}`);
  render();
}

function failed(msg) {
  state.dossier = null;
  state.report = null;
  state.years = [];
  $("#year-control").hidden = true;
  $("#export-xlsx").disabled = $("#export-csv").disabled = true;
  $("#record").hidden = true;
  $("#leader-select").replaceChildren();
  $("#leader-select").disabled = true;
  setStatus(msg, true);
}

/** The status line; `text` may be a function of the language (re-run when the language changes). */
function setStatus(text, error = false) {
  const s = $("#status");
  state.status = typeof text === "function" ? text : () => text;
  s.removeAttribute("data-i18n");
  s.textContent = state.status();
  s.classList.toggle("error", error);
  s.setAttribute("role", error ? "alert" : "status");
}

// ---------------------------------------------------------------------------------------------------
// Rendering.

function leaderRecord(id) {
  return asArray(state.dossier && state.dossier.leaders).find((l) => l.id === id) || null;
}

function leaderOptionText(a) {
  const l = leaderRecord(a.leader);
  const name = a.name || a.leader;
  const role = label("role", a.role, state.lang);
  const until = l && l.until && l.until < state.dossier.as_of ? (state.lang === "en" ? `, left ${l.until}` : `，${l.until} 离任`) : "";
  return state.lang === "en" ? `${name} (${role}${until})` : `${name}（${role}${until}）`;
}

function renderLeaderSelect() {
  const sel = $("#leader-select");
  const list = asArray(state.report && state.report.archive);
  sel.replaceChildren(...list.map((a) => h("option", { value: a.leader, text: leaderOptionText(a) })));
  sel.disabled = !list.length;
  if (state.leader) sel.value = state.leader;
}

function entry() {
  return asArray(state.report && state.report.archive).find((a) => a.leader === state.leader) || null;
}

function basisText(b, withSummary = true) {
  if (!b) return "";
  const art = formatBasis(b, state.lang);
  const sum = withSummary ? tx(b.summary, state.lang) : "";
  if (!sum) return art;
  return state.lang === "en" ? `${art}: ${sum}` : `${art}：${sum}`;
}

function tenureText(l) {
  if (!l) return t("unknown");
  if (l.since && l.until) return t("sinceUntil", { a: l.since, b: l.until });
  if (l.since) return t("since", { d: l.since });
  if (l.until) return t("untilOnly", { d: l.until });
  return t("unknown");
}

function postText(a, l) {
  const role = label("role", a.role, state.lang);
  const post = l && l.post ? (POSTS[l.post] ? tx(POSTS[l.post], state.lang) : l.post) : "";
  return post ? (state.lang === "en" ? `${post} (${role})` : `${post}（${role}）`) : role;
}

function render() {
  const a = entry();
  const r = state.report;
  if (!a || !r) return;
  const lang = state.lang;
  const l = leaderRecord(a.leader);
  const unitName = r.unit.name ? `${r.unit.name}（${r.unit.id}）` : r.unit.id;
  const unitNameEn = r.unit.name ? `${r.unit.name} (${r.unit.id})` : r.unit.id;
  const unitText = lang === "en" ? unitNameEn : unitName;
  const name = a.name || a.leader;
  document.title = `${name} · ${t("pageTitle")}`;

  $("#record-kicker").textContent = t("recordKicker", { year: a.year });
  $("#record-title").textContent = t("recordTitle", { name });
  $("#record-sub").textContent = t("recordSub", { unit: unitText, year: a.year });

  // 1. Particulars.
  const a_ = r.assessment;
  const gradeCell = h("td", { colspan: "3", className: "grade-cell" });
  if (a.grade) {
    gradeCell.append(
      h("strong", { className: `grade grade-${a.grade}`, "data-grade": a.grade, text: label("grade", a.grade, lang) }),
      " ",
      h("span", { className: "total", text: lang === "en" ? `${fmt2(a.total)} ${t("points")}` : `${fmt2(a.total)} ${t("points")}` }),
    );
    if (a_ && a_.vetoed) gradeCell.append(" ", h("span", { className: "veto", text: lang === "en" ? `(${t("vetoed")}${a_.veto_case ? " " + a_.veto_case : ""})` : `（${t("vetoed")}${a_.veto_case ? " " + a_.veto_case : ""}）` }));
  } else gradeCell.textContent = t("notAssessed");
  const row = (...cells) => h("tr", null, ...cells);
  const th = (key) => h("th", { scope: "row", text: t(key) });
  $("#profile").replaceChildren(
    h(
      "tbody",
      null,
      row(th("name"), h("td", { text: name, "data-leader": a.leader }), th("post"), h("td", { text: postText(a, l) })),
      row(th("unit"), h("td", { text: unitText }), th("year"), h("td", { text: String(a.year) })),
      row(th("tenure"), h("td", { text: tenureText(l) }), th("asOf"), h("td", { text: r.as_of })),
      row(th("grade"), gradeCell),
    ),
  );

  renderDuties(a);
  renderCases(a);
  renderBars(a);
  renderPraise(a);
  renderEligibility();
  renderYears(a);
  renderTrend();
  renderFoot(a);
  $("#export-xlsx").disabled = $("#export-csv").disabled = false;

  const rec = $("#record");
  rec.hidden = false;
  rec.dataset.leader = a.leader;
  rec.dataset.unit = a.unit;
  document.body.dataset.ready = "1";
}

function renderDuties(a) {
  const lang = state.lang;
  const lines = asArray(state.report.duties).filter((x) => x.leader === a.leader);
  const byId = new Map(lines.map((x) => [x.duty, x]));
  const catalog = asArray(state.env.policy && state.env.policy.duties);
  const nc = lines.filter((x) => x.status === "not_checkable").map((x) => x.duty);
  const rows = [
    ...asArray(a.duties_unmet).map((id) => ["unmet", id]),
    ...asArray(a.duties_met).map((id) => ["met", id]),
    ...nc.map((id) => ["not_checkable", id]),
  ];
  const met = asArray(a.duties_met).length, unmet = asArray(a.duties_unmet).length;
  $("#duties-summary").textContent = rows.length ? t("dutiesSummary", { n: met + unmet, met, unmet }) + (nc.length ? t("dutiesNc", { n: nc.length }) : "") : t("noDuties");
  const tbl = $("#duties");
  if (!rows.length) {
    tbl.replaceChildren();
    tbl.hidden = true;
    return;
  }
  tbl.hidden = false;
  const head = h("thead", null, h("tr", null, ...["colStatus", "colDuty", "colArticle", "colRecord"].map((k) => h("th", { scope: "col", text: t(k) }))));
  const body = h("tbody");
  for (const [status, id] of rows) {
    const line = byId.get(id);
    const cat = catalog.find((x) => x.id === id);
    const basis = (line && line.basis) || (cat ? { source: "zj-lrs", article: cat.article, clause: cat.clause, item: cat.item, summary: cat.summary } : null);
    const summary = basis && basis.summary ? tx(basis.summary, lang) : cat ? tx(cat.summary, lang) : id;
    const rec = [];
    if (line && Array.isArray(line.count) && line.count[1] > 0) rec.push(t("countText", { n: line.count[0], need: line.count[1] }));
    if (line && asArray(line.evidence).length) rec.push(`${t("evidence")} ${asArray(line.evidence).join(sep())}`);
    body.append(
      h(
        "tr",
        { "data-duty": id, "data-status": status, className: `duty-${status}` },
        h("td", { className: `duty-st st-${status}`, text: label("status", status, lang) }),
        h("td", null, h("span", { className: "duty-summary", text: summary })),
        h("td", { className: "article", text: basis ? formatBasis(basis, lang) : "" }),
        h("td", { className: "records", text: rec.join(lang === "en" ? "; " : "；") }),
      ),
    );
  }
  tbl.replaceChildren(h("caption", { className: "visually-hidden", text: t("hDuties") }), head, body);
}

function stepText(s) {
  const lang = state.lang;
  let out = `${s.date} ${t("rung", { n: s.rung })} ${label("measure", s.measure, lang)}`;
  if (s.deadline) out += lang === "en" ? ` (${t("deadline", { d: s.deadline })})` : `（${t("deadline", { d: s.deadline })}）`;
  else if (s.plan_due) out += lang === "en" ? ` (${t("planDue", { d: s.plan_due })})` : `（${t("planDue", { d: s.plan_due })}）`;
  return out;
}

function renderCases(a) {
  const lang = state.lang;
  const box = $("#cases");
  const all = asArray(state.report.accountability && state.report.accountability.cases);
  const cases = asArray(a.cases).map((id) => all.find((c) => c.id === id)).filter(Boolean);
  if (!cases.length) {
    box.replaceChildren(h("p", { className: "none", text: t("noCases") }));
    return;
  }
  const tbl = h("table", { className: "grid cases" });
  tbl.append(h("thead", null, h("tr", null, ...["colCase", "colGround", "colOpened", "colSteps", "colCaseStatus"].map((k) => h("th", { scope: "col", text: t(k) })))));
  const body = h("tbody");
  for (const c of cases) {
    const mine = asArray(c.steps).filter((s) => asArray(s.targets).includes(a.leader));
    const top = mine.reduce((m, s) => Math.max(m, s.rung), 0);
    const clause = LABELS.clause[c.clause] ? tx(LABELS.clause[c.clause], lang) : c.clause;
    const status = c.status === "closed" ? t("closedOn", { d: c.closed_on || "" }) : `${t("open")} · ${t("rung", { n: c.rung })}`;
    const statusCell = h("td", { className: `case-${c.status}` }, h("span", { text: status }));
    if (c.status !== "closed" && c.next) statusCell.append(h("br"), h("small", { text: t("next", { d: c.next.due, m: label("measure", c.next.measure, lang) }) }));
    body.append(
      h(
        "tr",
        { "data-case": c.id, "data-rung": String(top), "data-status": c.status },
        h("th", { scope: "row", className: "case-id", text: c.id }),
        h("td", null, h("span", { text: clause }), h("br"), h("small", { text: formatBasis(c.basis, lang) })),
        h("td", { className: "date", text: c.opened_on }),
        h("td", null, h("ul", { className: "steps" }, ...mine.map((s) => h("li", { "data-rung": String(s.rung), "data-measure": s.measure, "data-date": s.date, text: stepText(s) })))),
        statusCell,
      ),
    );
  }
  tbl.append(body);
  box.replaceChildren(tbl);
}

function periodText(b) {
  return t("period", { from: b.from, until: b.until });
}

function renderBars(a) {
  const lang = state.lang;
  const box = $("#bars");
  // The archive refers to the report's bars by index (issue 12); older answers copied them.
  const all = asArray(state.report.accountability && state.report.accountability.bars);
  const bars = asArray(a.bars).map((b) => (typeof b === "number" ? all[b] : b)).filter(Boolean);
  if (!bars.length) {
    box.replaceChildren(h("p", { className: "none", text: t("noBars") }));
    return;
  }
  const tbl = h("table", { className: "grid bars" });
  tbl.append(h("thead", null, h("tr", null, ...["colWhat", "colPeriod", "colCase", "colMeasure", "colBasis"].map((k) => h("th", { scope: "col", text: t(k) })))));
  tbl.append(
    h(
      "tbody",
      null,
      ...bars.map((b) =>
        h(
          "tr",
          { "data-case": b.case, "data-what": b.what, "data-from": b.from, "data-until": b.until },
          h("td", { text: label("what", b.what, lang) }),
          h("td", { className: "period", text: periodText(b) }),
          h("td", { className: "case-id", text: b.case }),
          h("td", { className: "measure", text: label("measure", b.measure, lang) }),
          h("td", { text: basisText(b.basis) }),
        ),
      ),
    ),
  );
  box.replaceChildren(tbl, h("p", { className: "note", text: t("barsNote") }));
}

function renderPraise(a) {
  const lang = state.lang;
  const box = $("#praise");
  const rw = state.report.rewards || {};
  const items = [];
  for (const cycle of asArray(a.praise)) {
    const p = asArray(rw.praise).find((x) => x.leader === a.leader && x.cycle === cycle);
    let text = t("praiseLine", { cycle });
    if (p && p.file_record) text += lang === "en" ? `; ${t("fileRecord")}` : `，${t("fileRecord")}`;
    if (p && p.basis) text += lang === "en" ? ` (${formatBasis(p.basis, lang)})` : `（${formatBasis(p.basis, lang)}）`;
    items.push(h("li", { "data-cycle": String(cycle), text: text + (lang === "en" ? "." : "。") }));
  }
  for (const w of asArray(rw.withheld).filter((x) => x.leader === a.leader)) {
    const why = w.why ? tx(w.why.message, lang) : "";
    items.push(h("li", { className: "withheld", "data-withheld": String(w.cycle), text: `${t("withheldLine", { cycle: w.cycle })}${why ? (lang === "en" ? ": " : "：") + why : ""}` }));
  }
  box.replaceChildren(items.length ? h("ul", { className: "praise" }, ...items) : h("p", { className: "none", text: t("noPraise") }));
}

function renderEligibility() {
  const lang = state.lang;
  const box = $("#eligibility");
  const input = $("#elig-date");
  if (input.value !== state.date) input.value = state.date || "";
  if (!isDate(state.date)) {
    box.replaceChildren(h("p", { className: "error", text: t("badDate") }));
    return;
  }
  const r = state.env.engine.eligibility(state.dossier, state.leader, state.date);
  if (!r || !r.ok) {
    box.replaceChildren(h("p", { className: "error", role: "alert", text: asArray(r && r.errors).map((e) => tx(e.message, lang)).join("; ") || "eligibility" }));
    return;
  }
  const promo = r.promotion, comm = r.commendation;
  const verdict = (ok, yesKey, noKey) => (ok == null ? "—" : ok ? t(yesKey) : t(noKey));
  const dl = h(
    "dl",
    { className: "verdict" },
    h("dt", { text: t("promotion") }),
    h("dd", { className: promo === false ? "no" : promo ? "yes" : "", "data-promotion": promo == null ? "n/a" : promo ? "yes" : "no", text: verdict(promo, "yesPromote", "noPromote") }),
    h("dt", { text: t("commendation") }),
    h("dd", { className: comm === false ? "no" : comm ? "yes" : "", "data-commendation": comm == null ? "n/a" : comm ? "yes" : "no", text: verdict(comm, "yesCommend", "noCommend") }),
  );
  // One line per bar (a case bars commendation and promotion over the same period: one line for both).
  const groups = new Map();
  for (const b of asArray(r.bars)) {
    const k = `${b.case}|${b.from}|${b.until}|${b.measure}`;
    if (!groups.has(k)) groups.set(k, { bar: b, whats: [] });
    groups.get(k).whats.push(b.what);
  }
  const why = [];
  for (const { bar, whats } of groups.values()) {
    why.push(
      h(
        "li",
        { "data-case": bar.case, "data-until": bar.until, "data-what": whats.join(" ") },
        h("span", { text: t("barWhy", { case: bar.case, measure: label("measure", bar.measure, lang), period: periodText(bar), whats: whats.map((w) => label("what", w, lang)).join(sep()) }) }),
        h("br"),
        h("small", { text: `${t("basisWord")}${lang === "en" ? ": " : "："}${basisText(bar.basis)}` }),
      ),
    );
  }
  if (!groups.size && (promo === false || comm === false)) {
    const seen = new Set();
    for (const w of asArray(r.why)) {
      const s = tx(w, lang);
      if (!seen.has(s)) {
        seen.add(s);
        why.push(h("li", { text: s }));
      }
    }
  }
  const art = basisText(r.basis);
  const parts = [h("p", { className: "elig-date", text: t("eligFor", { d: r.date || state.date }) }), dl];
  if (why.length) parts.push(h("p", { className: "why-h", text: t("why") }), h("ul", { className: "why" }, ...why));
  parts.push(h("p", { className: `conclusion ${promo === false ? "no" : "yes"}`, text: t(promo === false ? "eligConclusionNo" : "eligConclusionYes", { d: r.date || state.date, art }) }));
  for (const w of asArray(r.warnings)) parts.push(h("p", { className: "warning", text: tx(w.message, lang) }));
  box.replaceChildren(...parts);
  box.dataset.date = state.date;
  box.dataset.promotion = promo == null ? "n/a" : promo ? "yes" : "no";
}

function renderFoot(a) {
  const r = state.report;
  const lang = state.lang;
  const pol = r.policy ? `${r.policy.id} ${r.policy.version || ""}`.trim() : "";
  $("#record-foot").replaceChildren(
    h("p", null, h("strong", { text: `${t("footBasis")}${lang === "en" ? ": " : "："}` }), basisText(a.basis), lang === "en" ? ". " : "。", t("footUse", { note: tx(a.note, lang) })),
    h("p", { className: "meta", text: t("footMeta", { as_of: r.as_of, policy: pol, fp: r.fingerprint || "", now: new Date().toISOString().slice(0, 10) }) }),
    h("p", { className: "meta no-print", text: `${t("footFrom")}${lang === "en" ? ": " : "："}${state.sourceName}` }),
  );
}

// ---------------------------------------------------------------------------------------------------
// Years side by side (issue 16 point 5) and the spreadsheet out (point 2).

const unitLabel = (u) => (u && u.name ? (state.lang === "en" ? `${u.name} (${u.id})` : `${u.name}（${u.id}）`) : u ? u.id : "");

/** Earlier assessments of the unit from the dossiers' history, for years no dossier of the page covers. */
function historyYears() {
  const covered = new Set(state.years.map((y) => y.report.year));
  const m = new Map();
  // Later dossiers win: their record of an earlier year is the more recent statement of it.
  for (const { dossier } of state.years) {
    for (const x of asArray(dossier.history && dossier.history.assessments)) {
      if (x && Number.isInteger(x.year) && !covered.has(x.year)) m.set(x.year, x);
    }
  }
  return [...m.values()];
}

function gradeText(grade, vetoed) {
  if (!grade) return "";
  const g = label("grade", grade, state.lang);
  return vetoed ? (state.lang === "en" ? `${g} (${t("vetoed")})` : `${g}（${t("vetoed")}）`) : g;
}

function dutySummary(report, leader, id) {
  const line = asArray(report.duties).find((x) => x.leader === leader && x.duty === id);
  const cat = asArray(state.env.policy && state.env.policy.duties).find((x) => x.id === id);
  if (line && line.basis && line.basis.summary) return tx(line.basis.summary, state.lang);
  return cat ? tx(cat.summary, state.lang) : id;
}

/**
 * The leader's archive year by year: one row per dossier that lists the leader, and one per earlier year
 * known only from `history.assessments` (the unit's grade, and total when given; the rest unknown = null).
 */
function yearRows(leader) {
  const rows = [];
  for (const { report } of state.years) {
    const a = asArray(report.archive).find((x) => x.leader === leader);
    if (!a) continue;
    const allBars = asArray(report.accountability && report.accountability.bars);
    const bars = asArray(a.bars).map((b) => (typeof b === "number" ? allBars[b] : b)).filter(Boolean);
    rows.push({
      year: a.year,
      unit: unitLabel(report.unit),
      unitName: (report.unit && report.unit.name) || a.unit,
      grade: a.grade || null,
      vetoed: !!(report.assessment && report.assessment.vetoed),
      total: a.grade ? a.total : null,
      met: asArray(a.duties_met).length,
      unmet: asArray(a.duties_unmet).length,
      unmetList: asArray(a.duties_unmet).map((id) => dutySummary(report, leader, id)),
      cases: asArray(a.cases),
      bars: bars.map((b) => `${label("what", b.what, state.lang)} ${periodText(b)}`),
      praise: asArray(a.praise).map((c) => t("praiseCycle", { c })),
      source: "dossier",
    });
  }
  const u = state.report && state.report.unit;
  for (const x of historyYears()) {
    rows.push({ year: x.year, unit: unitLabel(u), unitName: (u && u.name) || "", grade: typeof x.grade === "string" ? x.grade : null, vetoed: x.vetoed === true, total: typeof x.total === "number" ? x.total : null, met: null, unmet: null, unmetList: null, cases: null, bars: null, praise: null, source: "history" });
  }
  return rows.sort((a, b) => a.year - b.year);
}

const joinList = (xs) => (xs == null ? null : xs.length ? xs.join(state.lang === "en" ? "; " : "；") : t("noneShort"));
const dash = (v) => (v == null || v === "" ? "—" : String(v));

function renderYears(a) {
  const rows = yearRows(a.leader);
  const cols = ["colYear", "colUnit", "colGradeShort", "colTotal", "colDuties", "colCases", "colBars", "colPraise", "colSource"];
  const tbl = h("table", { className: "grid years", id: "years-table" });
  tbl.append(h("caption", { className: "visually-hidden", text: t("hYears") }));
  tbl.append(h("thead", null, h("tr", null, ...cols.map((k) => h("th", { scope: "col", text: t(k) })))));
  tbl.append(
    h(
      "tbody",
      null,
      ...rows.map((r) =>
        h(
          "tr",
          { "data-year": String(r.year), "data-source": r.source, "data-total": r.total == null ? "" : String(r.total), "data-grade": r.grade || "" },
          h("th", { scope: "row", text: String(r.year) }),
          h("td", { className: "unit", text: r.unitName }),
          h("td", { text: dash(gradeText(r.grade, r.vetoed)) }),
          h("td", { className: "num", text: r.total == null ? "—" : fmt2(r.total) }),
          h("td", { className: "num", "data-met": dash(r.met), "data-unmet": dash(r.unmet), text: r.met == null ? "—" : `${r.met}${state.lang === "en" ? "/" : "／"}${r.unmet}` }),
          h("td", { className: "wrap", text: dash(joinList(r.cases)) }),
          h("td", { className: "wrap", text: dash(joinList(r.bars)) }),
          h("td", { className: "wrap", text: dash(joinList(r.praise)) }),
          h("td", { className: "src", text: t(r.source === "history" ? "fromHistory" : "fromDossier") }),
        ),
      ),
    ),
  );
  // A region that may scroll sideways on a narrow screen is reachable by keyboard (tabindex 0, named).
  const parts = [h("div", { className: "scroll", tabindex: "0", role: "region", "aria-label": t("hYears") }, tbl)];
  if (rows.some((r) => r.source === "history") || rows.length > 1) parts.push(h("p", { className: "note", text: t("yearsNote") }));
  $("#years").replaceChildren(...parts);
}

/** The spreadsheet of the leader's years: the page's table, with the unmet duties spelled out. */
function exportRows(a) {
  const head = ["colYear", "colUnit", "colGrade", "colTotal", "colMet", "colUnmet", "colUnmetList", "colCases", "colBars", "colPraise", "colSource"].map((k) => t(k));
  const body = yearRows(a.leader).map((r) => [r.year, r.unit, gradeText(r.grade, r.vetoed) || null, r.total, r.met, r.unmet, joinList(r.unmetList), joinList(r.cases), joinList(r.bars), joinList(r.praise), t(r.source === "history" ? "fromHistory" : "fromDossier")]);
  return [head, ...body];
}

async function exportArchive(format) {
  const a = entry();
  if (!a || !state.report) return;
  const uid = state.report.unit.id;
  const base = state.lang === "en" ? `archive-${a.leader}-${uid}` : `实绩档案-${a.name || a.leader}-${uid}`;
  try {
    await saveRows(exportRows(a), base, format, { sheet: state.lang === "en" ? "Archive" : "实绩档案", widths: [8, 22, 14, 9, 10, 10, 40, 18, 30, 18, 14] });
    setStatus(() => t("exported", { f: `${base}.${format}` }));
  } catch (e) {
    setStatus(t("exportFailed") + (e && e.message ? e.message : String(e)), true);
  }
}

/** The unit's years: total, grade and every indicator's figure (result) or grade (process). */
function trendRows() {
  const rows = state.years.map(({ report }) => {
    const as = report.assessment;
    const ind = {};
    for (const l of asArray(as && as.lines)) if (l.kind === "result" || l.kind === "process") ind[l.indicator] = l.input;
    return { year: report.year, total: as ? as.total : null, grade: as ? as.grade : null, vetoed: !!(as && as.vetoed), ind, source: "dossier" };
  });
  for (const x of historyYears()) rows.push({ year: x.year, total: typeof x.total === "number" ? x.total : null, grade: typeof x.grade === "string" ? x.grade : null, vetoed: x.vetoed === true, ind: {}, source: "history" });
  return rows.sort((a, b) => a.year - b.year);
}

const SVG_NS = "http://www.w3.org/2000/svg";
function svg(tag, attrs, ...kids) {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
  for (const k of kids) e.append(k);
  return e;
}

/** A plain line chart of the totals (decoration: the table next to it is the content). */
function trendChart(points, title) {
  const W = 560, H = 180, L = 44, R = 16, T = 16, B = 30;
  const vals = points.map((p) => p.total);
  let lo = Math.floor(Math.min(...vals) / 10) * 10, hi = Math.ceil(Math.max(...vals) / 10) * 10;
  lo = Math.max(lo, 0);
  if (hi - lo < 10) hi = lo + 10;
  const ys = points.map((p) => p.year);
  const y0 = Math.min(...ys), y1 = Math.max(...ys);
  const P = 24; // inner padding, so the end labels clear the axis
  const x = (yr) => L + P + (y1 === y0 ? (W - L - R - 2 * P) / 2 : ((yr - y0) / (y1 - y0)) * (W - L - R - 2 * P));
  const y = (v) => T + (1 - (v - lo) / (hi - lo)) * (H - T - B);
  const id = "trend-title";
  const g = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "trend-chart", role: "img", "aria-labelledby": id, focusable: "false" }, svg("title", { id }, title));
  const step = hi - lo > 40 ? 20 : hi - lo > 20 ? 10 : 5;
  for (let v = lo; v <= hi; v += step) {
    g.append(svg("line", { x1: L, x2: W - R, y1: y(v), y2: y(v), class: "grid-line" }));
    g.append(svg("text", { x: L - 6, y: y(v) + 4, class: "axis", "text-anchor": "end" }, String(Math.round(v))));
  }
  g.append(svg("polyline", { points: points.map((p) => `${x(p.year)},${y(p.total)}`).join(" "), class: "line" }));
  for (const p of points) {
    g.append(svg("circle", { cx: x(p.year), cy: y(p.total), r: 4, class: `dot ${p.source === "history" ? "dot-history" : ""}` }));
    g.append(svg("text", { x: x(p.year), y: y(p.total) - 8, class: "value", "text-anchor": "middle" }, fmt2(p.total)));
    g.append(svg("text", { x: x(p.year), y: H - 10, class: "axis", "text-anchor": "middle" }, String(p.year)));
  }
  return g;
}

function renderTrend() {
  const lang = state.lang;
  const rows = trendRows();
  const used = new Set(rows.flatMap((r) => Object.keys(r.ind)));
  const catalog = asArray(state.env.policy && state.env.policy.scheme && state.env.policy.scheme.indicators).filter((i) => used.has(i.id));
  // Indicators the policy does not list (a custom pack) still get a column, named by the line.
  const lineName = new Map();
  for (const { report } of state.years) for (const l of asArray(report.assessment && report.assessment.lines)) if (!lineName.has(l.indicator)) lineName.set(l.indicator, l.name);
  const inds = [...catalog.map((i) => ({ id: i.id, name: tx(i.name, lang) })), ...[...used].filter((id) => !catalog.some((i) => i.id === id)).map((id) => ({ id, name: lineName.get(id) ? tx(lineName.get(id), lang) : id }))];
  // One column per year (years are few, indicators many: this way the table fits the page and paper).
  const tbl = h("table", { className: "grid trend", id: "trend-table" });
  tbl.append(h("caption", { className: "visually-hidden", text: t("hTrend") }));
  tbl.append(h("thead", null, h("tr", null, h("th", { scope: "col", text: t("colItem") }), ...rows.map((r) => h("th", { scope: "col", "data-year": String(r.year), "data-source": r.source, text: String(r.year) })))));
  const line = (attrs, head, cell) => h("tr", attrs, h("th", { scope: "row", text: head }), ...rows.map((r) => h("td", { "data-year": String(r.year), "data-source": r.source, ...cell(r) })));
  tbl.append(
    h(
      "tbody",
      null,
      line({ "data-row": "total" }, t("colTotal"), (r) => ({ className: "num", text: r.total == null ? "—" : fmt2(r.total) })),
      line({ "data-row": "grade" }, t("colGradeShort"), (r) => ({ text: dash(gradeText(r.grade, r.vetoed)) })),
      ...inds.map((i) => line({ "data-indicator": i.id }, i.name, (r) => ({ className: "num", text: dash(r.ind[i.id]) }))),
      line({ "data-row": "source" }, t("colSource"), (r) => ({ className: "src", text: t(r.source === "history" ? "fromHistory" : "fromDossier") })),
    ),
  );
  const pts = rows.filter((r) => typeof r.total === "number");
  const unit = state.report.unit.name || state.report.unit.id;
  const parts = [];
  if (pts.length >= 2) parts.push(h("figure", { className: "trend-figure" }, trendChart(pts, t("trendTitle", { unit }))));
  else parts.push(h("p", { className: "none", text: t("trendOne") }));
  parts.push(h("div", { className: "scroll", tabindex: "0", role: "region", "aria-label": t("hTrend") }, tbl), h("p", { className: "note", text: t("trendNote") }));
  $("#trend").replaceChildren(...parts);
}

// ---------------------------------------------------------------------------------------------------
// Language, URL, version.

function applyLang() {
  const lang = state.lang;
  applyLangBase(T, lang, t("pageTitle"));
  const back = $("#back-link");
  back.href = `index.html${lang === "en" ? "?lang=en" : ""}`;
  showVersion();
  renderSourceSelect();
  if (state.report) {
    const s = state.sources.find((x) => x.key === state.sourceKey);
    if (s) state.sourceName = typeof s.text === "string" ? s.text : tx(s.text, lang);
    renderLeaderSelect();
    render();
  }
  if (state.status) $("#status").textContent = state.status();
}

function showVersion() {
  if (!state.env) return;
  try {
    const v = state.env.mod.version();
    const p = v && v.policy;
    $("#version").textContent = `pingan ${v.crate}${p ? ` · ${tx(p.title, state.lang)} (${p.id} ${p.version || ""})` : ""}`;
  } catch (_) {
    $("#version").textContent = "";
  }
}

function syncUrl() {
  const p = new URLSearchParams(location.search);
  if (state.leader) p.set("leader", state.leader);
  if (isDate(state.date)) p.set("date", state.date);
  if (state.lang === "en") p.set("lang", "en");
  else p.delete("lang");
  history.replaceState(null, "", `${location.pathname}?${p.toString()}`);
}

// ---------------------------------------------------------------------------------------------------
// Start.

async function main() {
  const params = new URLSearchParams(location.search);
  if (params.get("lang") === "en") state.lang = "en";
  if (params.get("leader")) state.leader = params.get("leader");
  if (isDate(params.get("date"))) state.date = params.get("date");
  state.sources = buildSources(params);

  $("#lang-toggle").addEventListener("click", () => {
    state.lang = state.lang === "en" ? "zh" : "en";
    applyLang();
    syncUrl();
  });
  $("#print").addEventListener("click", () => window.print());
  $("#export-xlsx").addEventListener("click", () => exportArchive("xlsx"));
  $("#export-csv").addEventListener("click", () => exportArchive("csv"));
  $("#year-select").addEventListener("change", (e) => {
    state.year = Number(e.target.value);
    state.date = null;
    useYear();
    syncUrl();
  });
  $("#controls").addEventListener("submit", (e) => e.preventDefault());
  $("#dossier-select").addEventListener("change", (e) => {
    state.date = null;
    loadSource(e.target.value);
  });
  $("#dossier-file").addEventListener("change", async (e) => {
    const f = e.target.files && e.target.files[0];
    if (!f) return;
    let d;
    try {
      d = JSON.parse(await f.text());
    } catch (err) {
      failed(t("loadFailed") + `${f.name}: ${err && err.message ? err.message : String(err)}`);
      return;
    }
    const key = "file";
    state.sources = state.sources.filter((s) => s.key !== key);
    state.sources.unshift({ key, text: { zh: `${T.srcFile.zh}：${f.name}`, en: `${T.srcFile.en}: ${f.name}` }, load: async () => d });
    state.sourceKey = key;
    state.date = null;
    renderSourceSelect();
    await loadSource(key);
  });
  $("#leader-select").addEventListener("change", (e) => {
    state.leader = e.target.value;
    render();
    syncUrl();
  });
  $("#elig-date").addEventListener("input", (e) => {
    const v = e.target.value;
    if (!isDate(v)) return;
    state.date = v;
    renderEligibility();
    syncUrl();
  });

  applyLang();
  try {
    state.env = await ready();
  } catch (e) {
    setStatus(t("loadFailed") + (e && e.message ? e.message : String(e)), true);
    return;
  }
  showVersion();
  state.sourceKey = state.sources[0].key;
  renderSourceSelect();
  await loadSource(state.sourceKey);
  if (state.report) syncUrl();
  addProvinceSources();
}

main();
