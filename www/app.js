// The demo: five tabs over one sample county, all through the custom elements of elements.js and the
// engine they share. No framework; every piece of user data goes into the page with textContent.
import { ready, LABELS, label, tx, h, s, formatBasis, asArray, fmt2, addDays, caseName } from "./elements.js";
import { getAt, setAt, pointerSegments } from "./elements/internal/pointer.js";
import { $, $$, translator, applyLangBase } from "./common.js";

const params = new URLSearchParams(location.search);
const COUNTY_URL = params.get("county") || "data/sample-county.json";
const PROVINCE_URL = params.get("province") || "data/province.json";

const clone = (x) => (typeof structuredClone === "function" ? structuredClone(x) : JSON.parse(JSON.stringify(x)));

// ---------------------------------------------------------------------------------------------------
// Texts of the demo itself (the elements carry their own).

const T = {
  title: { zh: "平安建设领导责任制 · 演示", en: "Ping'an leadership responsibility · demo" },
  skip: { zh: "跳到主要内容", en: "Skip to main content" },
  print: { zh: "打印报告", en: "Print report" },
  tabsLabel: { zh: "演示", en: "Demo" },
  tabForms: { zh: "表单校验", en: "Forms" },
  tabDuties: { zh: "责任清单", en: "Duty matrix" },
  tabScoring: { zh: "考核评分", en: "Scoring" },
  tabAccountability: { zh: "责任追究", en: "Accountability" },
  tabRewards: { zh: "表彰奖励", en: "Rewards" },
  loading: { zh: "正在加载…", en: "Loading…" },
  loaded: { zh: "已就绪", en: "Ready" },
  restoreText: { zh: "上次未完成的修改（{when}）还保存在本机浏览器中。", en: "Your unfinished changes from last time ({when}) are kept in this browser." },
  restoreYes: { zh: "恢复", en: "Restore" },
  restoreNo: { zh: "放弃", en: "Discard" },
  restored: { zh: "已恢复上次的修改。", en: "Your changes are restored." },
  discarded: { zh: "已放弃上次的修改，显示样例数据。", en: "Discarded: the sample data is shown." },
  signUnit: { zh: "填报单位：", en: "Reporting unit: " },
  signReviewer: { zh: "审核人：", en: "Reviewed by: " },
  signDate: { zh: "日期：", en: "Date: " },
  loadFailed: { zh: "加载失败：", en: "Loading failed: " },
  formsIntro: { zh: "输入时即时校验：错误提示显示在对应字段旁边。提交前须改正全部错误。", en: "Checked as you type: each error shows beside its field. Submitting needs every error fixed." },
  incidentForm: { zh: "案（事）件登记", en: "Incident record" },
  letterForm: { zh: "目标管理责任书", en: "Responsibility letter" },
  fId: { zh: "编号", en: "Id" },
  fDate: { zh: "发生日期", en: "Date" },
  fDate2: { zh: "日期", en: "Date" },
  fCategory: { zh: "类别", en: "Category" },
  fSeverity: { zh: "等级", en: "Severity" },
  fImpact: { zh: "危害或影响（可选）", en: "Harm or impact (optional)" },
  fLocality: { zh: "发生地（地方代码）", en: "Locality (code)" },
  fSector: { zh: "主管部门（可选）", en: "Competent department (optional)" },
  fDomain: { zh: "领域（可选）", en: "Domain (optional)" },
  fYear: { zh: "年度", en: "Year" },
  fSuperior: { zh: "上级（甲方）", en: "Superior side" },
  fSubordinate: { zh: "下级（乙方）", en: "Subordinate side" },
  fSignDate: { zh: "签订日期", en: "Date signed" },
  fSupSign: { zh: "甲方签署人（编号，逗号分隔）", en: "Superior signatories (ids, comma-separated)" },
  fSubSign: { zh: "乙方签署人（编号，逗号分隔）", en: "Subordinate signatories (ids, comma-separated)" },
  fMetric: { zh: "目标指标", en: "Target metric" },
  fTarget: { zh: "目标值", en: "Target value" },
  fFinding: { zh: "发现", en: "Finding" },
  fRectified: { zh: "已整改", en: "Rectified" },
  fConcern: { zh: "群众关注度", en: "Public concern" },
  fEffective: { zh: "已有效整治", en: "Effective measures taken" },
  fRebound: { zh: "出现反弹", en: "Rebound" },
  fCase: { zh: "案件", en: "Case" },
  fAccepted: { zh: "验收日期", en: "Accepted on" },
  choose: { zh: "请选择", en: "Choose" },
  noneOpt: { zh: "无", en: "none" },
  submitCheck: { zh: "检查并提交", en: "Check and submit" },
  reset: { zh: "重置", en: "Reset" },
  accepted: { zh: "校验通过，已提交：", en: "Checked and submitted:" },
  acceptedNote: { zh: "（演示页面不保存到服务器。）", en: "(The demo saves nothing on a server.)" },
  dutiesIntro: { zh: "样例县的领导 × 职责矩阵。删除一项活动（例如专题调研），矩阵立即更新。", en: "The sample county's leaders × duties. Remove an activity (say a special research) and the matrix updates at once." },
  activities: { zh: "活动记录", en: "Activities" },
  restore: { zh: "恢复样例数据", en: "Restore the sample" },
  remove: { zh: "删除", en: "Remove" },
  scoringIntro: { zh: "拖动滑块或选择等次，总分、等次和计分明细随之更新。", en: "Drag a slider or pick a grade: total, grade and ledger follow." },
  indicators: { zh: "指标输入", en: "Indicator inputs" },
  na: { zh: "不适用", en: "n/a" },
  weightWord: { zh: "权重", en: "weight" },
  derived: { zh: "按合规发现推定", en: "derived from findings" },
  toReach: { zh: "如何升一个等次", en: "How to reach the next grade" },
  topGrade: { zh: "已是最高等次。", en: "Already at the top grade." },
  unreachable: { zh: "仅改一项输入无法达到", en: "No single input change reaches" },
  reachWith: { zh: "以下任一项单独改变即可达到", en: "Any one of these changes alone reaches" },
  apply: { zh: "应用", en: "Apply" },
  headroom: { zh: "尚可提升", en: "headroom" },
  headroomIntro: { zh: "各项尚可提升的分数（需多项同时改进）：", en: "Points still available per indicator (several must improve together):" },
  eligibility: { zh: "截至日期的评优和提拔资格（第十九条）", en: "Eligibility on the as-of date (art. 19)" },
  eligSubject: { zh: "对象", en: "Subject" },
  eligHonours: { zh: "综合性荣誉", en: "Honours" },
  eligCommendation: { zh: "评优评先", en: "Commendation" },
  eligPromotion: { zh: "提拔", en: "Promotion" },
  eligWhy: { zh: "原因", en: "Why not" },
  province: { zh: "全省排名", en: "Province ranking" },
  provinceIntro: { zh: "为全省各县评分并排名。计算在后台进行，期间页面照常可用。", en: "Scores and ranks every county of the province. It runs in the background; the page stays usable meanwhile." },
  scale: { zh: "规模", en: "Scale" },
  provinceRun: { zh: "为全省评分", en: "Score the province" },
  provinceWhatIf: { zh: "假设各县满意度 +1", en: "What if satisfaction rose by 1 everywhere" },
  cancel: { zh: "取消", en: "Cancel" },
  running: { zh: "计算中", en: "Running" },
  done: { zh: "完成", en: "Done" },
  cancelled: { zh: "已取消", en: "Cancelled" },
  rank: { zh: "名次", en: "Rank" },
  unitCol: { zh: "单位", en: "Unit" },
  totalCol: { zh: "总分", en: "Total" },
  gradeCol: { zh: "等次", en: "Grade" },
  failedItems: { zh: "份档案未能评分", en: "dossier(s) could not be scored" },
  gradeChanges: { zh: "个县等次变化", en: "counties change grade" },
  before: { zh: "之前", en: "before" },
  after: { zh: "之后", en: "after" },
  accIntro: { zh: "录入案（事）件、明察暗访发现、治安热点和整改验收日期，时间线按第二十五至二十八条即时重算。", en: "Enter incidents, inspection findings, hotspots and rectification dates: the timeline is replayed at once under art. 25–28." },
  asOf: { zh: "截至日期", en: "As of" },
  addIncident: { zh: "新增案（事）件", en: "Add an incident" },
  addInspection: { zh: "新增明察暗访发现", en: "Add an inspection finding" },
  addHotspot: { zh: "新增治安热点", en: "Add a hotspot" },
  add: { zh: "添加", en: "Add" },
  records: { zh: "记录", en: "Records" },
  rectifications: { zh: "整改验收", en: "Rectifications accepted" },
  noRecords: { zh: "暂无记录", en: "None yet" },
  noCaseYet: { zh: "（暂无案件）", en: "(no case yet)" },
  incidentWord: { zh: "案（事）件", en: "incident" },
  inspectionWord: { zh: "明察暗访", en: "inspection" },
  hotspotWord: { zh: "治安热点", en: "hotspot" },
  rectifiedWord: { zh: "已整改", en: "rectified" },
  unrectifiedWord: { zh: "未整改", en: "not rectified" },
  effectiveWord: { zh: "已有效整治", en: "effective measures" },
  noEffectiveWord: { zh: "未有效整治", en: "no effective measures" },
  reboundWord: { zh: "反弹", en: "rebound" },
  rewardsIntro: { zh: "编辑表彰历史，查看各周期奖励、平安鼎和星级，以及本年度若发生一起案（事）件的代价。", en: "Edit the history: awards per cycle, the tripod and its stars, and what an incident this year would cost." },
  cycles: { zh: "先进单位评选周期", en: "Advanced-unit cycles" },
  named: { zh: "命名平安县的年份", en: "Years named a Ping'an county" },
  work: { zh: "平安工作", en: "Ping'an work" },
  workSince: { zh: "从事平安工作起始年份", en: "Ping'an work since" },
  outstanding: { zh: "作出突出贡献", en: "Outstanding contribution" },
  awards: { zh: "各周期奖励", en: "Awards per cycle" },
  cycleCol: { zh: "周期", en: "Cycle" },
  awardCol: { zh: "奖励", en: "Award" },
  basisCol: { zh: "依据", en: "Basis" },
  noAwards: { zh: "无先进单位评选记录", en: "No advanced-unit cycle" },
  withheld: { zh: "不予奖励（限制期或考核不合格）", en: "Withheld (a bar, or a failed year)" },
  notNamed: { zh: "平安命名只面向市、县（市、区）（第二十一条），本单位不参与。", en: "Ping'an naming is for cities and counties only (art. 21): this unit takes no part." },
  praise: { zh: "通报表扬", en: "Praised" },
  tripod: { zh: "平安鼎", en: "Ping'an tripod" },
  namedThisYear: { zh: "本年度命名", en: "Named this year" },
  yes: { zh: "是", en: "yes" },
  no: { zh: "否", en: "no" },
  streak: { zh: "连续年数", en: "Streak" },
  stars: { zh: "星级", en: "Stars" },
  cost: { zh: "本年度若发生一起案（事）件", en: "If an incident happened this year" },
  costNone: { zh: "不影响总分、等次、奖励和平安鼎。", en: "No change to total, grade, awards or tripod." },
  changes: { zh: "变化", en: "Changes" },
  casesWord: { zh: "追究案件", en: "cases" },
  reportTitle: { zh: "平安建设领导责任制年度报告", en: "Ping'an leadership responsibility: annual report" },
  reportMeta: { zh: "截至 {as_of} · 政策版本 {policy} · 生成于 {now}", en: "As of {as_of} · policy version {policy} · generated {now}" },
  invalidDossier: { zh: "档案未通过校验：", en: "The dossier does not validate: " },
  addActivity: { zh: "新增活动", en: "Add an activity" },
  fActType: { zh: "类型", en: "Type" },
  fBy: { zh: "责任人（可选）", en: "By (optional)" },
  fCovers: { zh: "包含平安工作", en: "Covers Ping'an work" },
  fToGroup: { zh: "向同级领导小组述职（第十四条第一款）", en: "Duty report to the leading group (art. 14(1))" },
  fRtCommittee: { zh: "总结报同级党委（第十四条第二款）", en: "Summary to the party committee (art. 14(2))" },
  fRtGovernment: { zh: "总结报同级政府", en: "Summary to the government" },
  fRtSuperior: { zh: "总结报上一级领导小组", en: "Summary to the leading group one level up" },
  decisions: { zh: "重大决策（稳评）", en: "Major decisions (risk assessment)" },
  addDecision: { zh: "新增决策", en: "Add a decision" },
  fDecisionDate: { zh: "决策日期", en: "Decided on" },
  fMajor: { zh: "重大决策", en: "Major decision" },
  fAssessedOn: { zh: "稳评日期（可选）", en: "Risk-assessed on (optional)" },
  fOfficeDirector: { zh: "平安办主任（第五条，副书记兼任）", en: "Office director (art. 5: a deputy secretary)" },
  notAssessed: { zh: "未稳评", en: "not risk-assessed" },
  assessedWord: { zh: "稳评", en: "assessed" },
  majorWord: { zh: "重大", en: "major" },
  archiveLink: { zh: "实绩档案 / Performance archive", en: "Performance archive / 实绩档案" },
  archiveHint: { zh: "每位领导干部的年度实绩档案（第十九条），可打印", en: "each leader's yearly record (art. 19), printable" },
};
const t = translator(T, () => state.lang);

// ---------------------------------------------------------------------------------------------------
// State.

const state = {
  lang: "zh",
  env: null,
  sample: null, // the county as loaded
  dossier: null, // the working copy all tabs edit
  tab: "forms",
  report: null,
  worker: null,
  job: 0,
};

function nextId(prefix, list) {
  const used = new Set(asArray(list).map((x) => x.id));
  let n = asArray(list).length + 1;
  while (used.has(prefix + n)) n++;
  return prefix + n;
}

// ---------------------------------------------------------------------------------------------------
// Language.

function fillOptions(root = document) {
  for (const sel of $$("select[data-options]", root)) {
    const vocab = sel.dataset.options;
    const keep = Array.from(sel.options).filter((o) => o.value === "");
    const value = sel.value;
    sel.replaceChildren(...keep);
    for (const v of Object.keys(LABELS[vocab] || {})) sel.append(h("option", { value: v, text: label(vocab, v, state.lang) }));
    if (value && Array.from(sel.options).some((o) => o.value === value)) sel.value = value;
  }
}

function applyLang() {
  const lang = state.lang;
  applyLangBase(T, lang, t("title"));
  for (const el of $$("[data-i18n-label]")) el.setAttribute("aria-label", t(el.dataset.i18nLabel));
  showRestoreText();
  fillOptions();
  for (const a of $$("a.archive-link")) a.href = archiveHref();
  for (const el of $$("pingan-form-check, pingan-scorecard, pingan-timeline, pingan-duty-matrix")) el.setAttribute("lang", lang === "en" ? "en" : "zh-CN");
  showVersion();
  if (state.dossier) {
    buildIndicatorInputs();
    renderAll();
  }
}

function showVersion() {
  if (!state.env) return;
  try {
    const v = state.env.mod.version();
    const p = v && v.policy;
    $("#version").textContent = p ? (state.lang === "en" ? `Per the ${tx(p.title, "en")} (policy ${p.version || ""})` : `依据：${tx(p.title, "zh")}（政策版本 ${p.version || ""}）`) : "";
    $("#version").title = `pingan ${v.crate} · ${p ? p.id : ""}`;
  } catch (e) {
    $("#version").textContent = String(e);
  }
}

// ---------------------------------------------------------------------------------------------------
// Tabs (WAI-ARIA tabs: arrows, Home, End).

function selectTab(name, focus = false) {
  state.tab = name;
  for (const tab of $$('[role="tab"]')) {
    const on = tab.id === `tab-${name}`;
    tab.setAttribute("aria-selected", String(on));
    tab.tabIndex = on ? 0 : -1;
    if (on && focus) tab.focus();
    $(`#${tab.getAttribute("aria-controls")}`).hidden = !on;
  }
  renderAll();
}

function initTabs() {
  const tabs = $$('[role="tab"]');
  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => selectTab(tab.id.slice(4)));
    tab.addEventListener("keydown", (e) => {
      let j = null;
      if (e.key === "ArrowRight") j = (i + 1) % tabs.length;
      else if (e.key === "ArrowLeft") j = (i - 1 + tabs.length) % tabs.length;
      else if (e.key === "Home") j = 0;
      else if (e.key === "End") j = tabs.length - 1;
      if (j != null) {
        e.preventDefault();
        selectTab(tabs[j].id.slice(4), true);
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------------
// Rendering: only the visible tab, once per frame.

let frame = 0;
function renderAll() {
  scheduleSave();
  if (frame) return;
  frame = requestAnimationFrame(() => {
    frame = 0;
    if (!state.dossier) return;
    const r = {
      forms: () => {},
      duties: renderDuties,
      scoring: renderScoring,
      accountability: renderAccountability,
      rewards: renderRewards,
    }[state.tab];
    if (r) r();
  });
}

function changed() {
  renderAll();
}

// (a) Forms -----------------------------------------------------------------------------------------

function initForms() {
  for (const [formId, outId] of [["incident-form", "incident-out"], ["letter-form", "letter-out"]]) {
    const form = $(`#${formId}`);
    form.addEventListener("submit", (e) => {
      // pingan-form-check has already stopped an invalid submit; a valid one lands here.
      e.preventDefault();
      const out = $(`#${outId}`);
      out.replaceChildren(h("p", { className: "accepted", text: t("accepted") }), confirmation(form), h("p", { className: "hint", text: t("acceptedNote") }));
    });
    form.addEventListener("reset", () => $(`#${outId}`).replaceChildren());
    form.addEventListener("input", () => $(`#${outId}`).replaceChildren());
  }
}

/** What was submitted, as the form's own labels and the values as shown (option texts, not codes). */
function confirmation(form) {
  const dl = h("dl", { className: "confirmation" });
  for (const f of Array.from(form.elements)) {
    if (!f.name || f.disabled || ["submit", "reset", "button"].includes(f.type)) continue;
    const shown = f.tagName === "SELECT" ? (f.value === "" ? "" : (f.selectedOptions[0] && f.selectedOptions[0].textContent) || f.value) : f.type === "checkbox" ? (f.checked ? t("yes") : "") : f.value.trim();
    if (!shown) continue;
    const lab = f.id ? form.querySelector(`label[for="${CSS.escape(f.id)}"]`) : null;
    dl.append(h("dt", { text: lab ? lab.textContent.replace(/（[^）]*）|\([^)]*\)/g, "") : f.name }), h("dd", { "data-name": f.name, text: shown }));
  }
  return dl;
}

// (b) Duty matrix -----------------------------------------------------------------------------------

function leaderName(id) {
  const l = asArray(state.dossier.leaders).find((x) => x.id === id);
  return l ? l.name || l.id : id || "";
}

function renderDuties() {
  const list = $("#activity-list");
  const acts = asArray(state.dossier.activities);
  list.replaceChildren(
    ...acts.map((a) => {
      const text = `${a.date} ${label("activity", a.type, state.lang)}${a.by ? " · " + leaderName(a.by) : ""}`;
      const btn = h("button", { type: "button", className: "remove", "data-remove": a.id, "aria-label": `${t("remove")} ${a.id} ${text}`, text: t("remove") });
      btn.addEventListener("click", () => {
        const i = state.dossier.activities.findIndex((x) => x.id === a.id);
        if (i >= 0) state.dossier.activities.splice(i, 1);
        changed();
        // Keep the keyboard where it was: the next remove button, or the restore button.
        requestAnimationFrame(() => {
          const next = $$("#activity-list button")[Math.min(i, state.dossier.activities.length - 1)] || $("#activities-restore");
          next.focus();
        });
      });
      return h("li", { "data-activity": a.id, "data-type": a.type }, h("span", { text: `${a.id} · ${text}` }), " ", btn);
    }),
  );
  renderDecisions();
  renderDirector();
  $("#duty-matrix").dossier = state.dossier;
}

function removeButton(text, onRemove) {
  const btn = h("button", { type: "button", className: "remove", "aria-label": `${t("remove")} ${text}`, text: t("remove") });
  btn.addEventListener("click", onRemove);
  return btn;
}

// Art. 7(4), 8(5), 9(2): the dossier's decisions, each major one with its risk-assessment date.
function renderDecisions() {
  const list = $("#decision-list");
  const ds = asArray(state.dossier.decisions);
  list.replaceChildren(
    ...ds.map((x) => {
      const text = `${x.id} · ${x.date}${x.major ? " " + t("majorWord") : ""}${x.domain ? " · " + x.domain : ""} · ${x.assessed_on ? t("assessedWord") + " " + x.assessed_on : t("notAssessed")}`;
      const btn = removeButton(text, () => {
        state.dossier.decisions = asArray(state.dossier.decisions).filter((y) => y.id !== x.id);
        changed();
      });
      return h("li", { "data-decision": x.id }, h("span", { text }), " ", btn);
    }),
  );
}

// Leader choices for the activity form and the office director (art. 5), kept in step with the dossier.
function renderDirector() {
  const leaders = asArray(state.dossier.leaders);
  for (const sel of [$("#aa-by"), $("#office-director")]) {
    const cur = sel === $("#office-director") ? (state.dossier.leading_group && state.dossier.leading_group.office_director) || "" : sel.value;
    const none = Array.from(sel.options).filter((o) => o.value === "");
    sel.replaceChildren(...none, ...leaders.map((l) => h("option", { value: l.id, text: `${l.name || l.id}(${l.id})` })));
    sel.value = leaders.some((l) => l.id === cur) ? cur : "";
  }
}

function initDuties() {
  const d = () => state.dossier;
  $("#add-activity").addEventListener("submit", (e) => {
    e.preventDefault();
    const v = formValues(e.target);
    if (!v.type || !v.date) return;
    const a = { id: nextId("A", d().activities), type: v.type, date: v.date };
    if (v.by) a.by = v.by;
    if (v.covers_pingan) a.covers_pingan = true;
    if (v.to_leading_group) a.to_leading_group = true;
    const to = ["party_committee", "government", "superior_leading_group"].filter((r) => v["rt_" + r]);
    if (to.length) a.reported_to = to;
    if (v.type === "annual_summary") a.includes_plan = true;
    (d().activities = d().activities || []).push(a);
    changed();
  });
  $("#add-decision").addEventListener("submit", (e) => {
    e.preventDefault();
    const v = formValues(e.target);
    if (!v.date) return;
    const x = { id: nextId("D", d().decisions), date: v.date, major: !!v.major };
    if (v.assessed_on) x.assessed_on = v.assessed_on;
    if (v.domain) x.domain = v.domain;
    (d().decisions = d().decisions || []).push(x);
    changed();
  });
  $("#office-director").addEventListener("change", (e) => {
    const g = (d().leading_group = d().leading_group || {});
    if (e.target.value) g.office_director = e.target.value;
    else delete g.office_director;
    changed();
  });
}

// (c) Scoring ---------------------------------------------------------------------------------------

function indicators() {
  const p = state.env.policy;
  return asArray(p && p.scheme && p.scheme.indicators);
}

function sliderRange(ind) {
  const z = Number(ind.zero_at), f = Number(ind.full_at);
  const lo = Math.min(z, f), hi = Math.max(z, f);
  const span = hi - lo || 10;
  let min, max;
  if (z < f) {
    min = Math.max(0, Math.floor(lo - span));
    max = ind.unit === "%" || hi <= 100 ? Math.min(100, Math.ceil(hi + span * 0.5)) : Math.ceil(hi + span * 0.5);
  } else {
    min = Math.floor(lo - span * 0.5);
    max = Math.ceil(hi + span * 0.5);
  }
  return { min, max };
}

function buildIndicatorInputs() {
  const box = $("#indicator-inputs");
  const a = (state.dossier.assessment = state.dossier.assessment || {});
  a.indicators = a.indicators || {};
  a.process = a.process || {};
  const grades = asArray(state.env.policy && state.env.policy.scheme && state.env.policy.scheme.grades).map((g) => g.grade);
  const derivedId = state.env.policy && state.env.policy.scheme && state.env.policy.scheme.derived && state.env.policy.scheme.derived.indicator;
  const rows = [];
  for (const ind of indicators()) {
    const name = tx(ind.name, state.lang);
    const id = `ind-${ind.id}`;
    if (ind.kind === "result") {
      const { min, max } = sliderRange(ind);
      const cur = a.indicators[ind.id];
      const na = cur === "n/a";
      const val = typeof cur === "number" ? cur : Number(ind.full_at);
      const range = h("input", { type: "range", id, min: Math.min(min, val), max: Math.max(max, val), step: "0.1", value: String(val), "data-indicator": ind.id, disabled: na });
      const num = h("input", { type: "number", id: `${id}-num`, step: "0.1", value: String(val), "data-indicator": ind.id, "aria-label": `${name} (${t("indicators")})`, disabled: na });
      const naBox = h("input", { type: "checkbox", id: `${id}-na`, checked: na });
      const set = (v) => {
        a.indicators[ind.id] = v;
        scoreNow();
      };
      range.addEventListener("input", () => {
        num.value = range.value;
        set(Number(range.value));
      });
      num.addEventListener("input", () => {
        if (num.value === "" || !Number.isFinite(Number(num.value))) return;
        range.value = num.value;
        set(Number(num.value));
      });
      naBox.addEventListener("change", () => {
        range.disabled = num.disabled = naBox.checked;
        set(naBox.checked ? "n/a" : Number(range.value));
      });
      rows.push(
        h(
          "div",
          { className: "ind", "data-indicator": ind.id },
          h("label", { for: id, text: `${name}${ind.unit === "%" ? (state.lang === "en" ? " (%)" : "（%）") : ""}` }),
          h("span", { className: "hint", text: `${ind.zero_at} → ${ind.full_at} · ${t("weightWord")} ${ind.weight}` }),
          range,
          num,
          h("label", { className: "check" }, naBox, " ", t("na")),
        ),
      );
    } else {
      const sel = h("select", { id, "data-indicator": ind.id });
      if (ind.id === derivedId) sel.append(h("option", { value: "", text: t("derived") }));
      for (const g of grades) sel.append(h("option", { value: g, text: g }));
      sel.append(h("option", { value: "n/a", text: t("na") }));
      const cur = a.process[ind.id];
      sel.value = cur == null ? (ind.id === derivedId ? "" : grades[0]) : cur;
      sel.addEventListener("change", () => {
        if (sel.value === "") delete a.process[ind.id];
        else a.process[ind.id] = sel.value;
        scoreNow();
      });
      rows.push(h("div", { className: "ind", "data-indicator": ind.id }, h("label", { for: id, text: name }), h("span", { className: "hint", text: `${t("weightWord")} ${ind.weight}` }), sel));
    }
  }
  box.replaceChildren(...rows);
}

function syncIndicatorInputs() {
  const a = state.dossier.assessment || {};
  for (const ind of indicators()) {
    if (ind.kind === "result") {
      const v = a.indicators && a.indicators[ind.id];
      const range = $(`#ind-${ind.id}`), num = $(`#ind-${ind.id}-num`), na = $(`#ind-${ind.id}-na`);
      if (!range) continue;
      na.checked = v === "n/a";
      range.disabled = num.disabled = v === "n/a";
      if (typeof v === "number") {
        if (v < Number(range.min)) range.min = String(Math.floor(v));
        if (v > Number(range.max)) range.max = String(Math.ceil(v));
        range.value = String(v);
        num.value = String(v);
      }
    } else {
      const sel = $(`#ind-${ind.id}`);
      const v = a.process && a.process[ind.id];
      if (sel) sel.value = v == null ? (sel.querySelector('option[value=""]') ? "" : sel.value) : v;
    }
  }
}

let reachTimer = 0;
function scoreNow() {
  scheduleSave();
  // The scorecard scores synchronously on the next microtask (engine.score, the fast path).
  $("#scorecard").dossier = state.dossier;
  clearTimeout(reachTimer);
  reachTimer = setTimeout(renderToReach, 120);
}

function renderScoring() {
  syncIndicatorInputs();
  scoreNow();
}

const ORDER = ["fail", "pass", "good", "excellent"];

function renderToReach() {
  const box = $("#to-reach");
  const { engine } = state.env;
  const sc = engine.score(state.dossier);
  if (!sc || !sc.ok) {
    box.replaceChildren(h("p", { className: "pingan-error", text: asArray(sc && sc.errors).map((e) => tx(e.message, state.lang)).join("; ") }));
    return;
  }
  const grade = (sc.assessment || sc).grade;
  const i = ORDER.indexOf(grade);
  if (i < 0 || i === ORDER.length - 1) {
    box.replaceChildren(h("p", { text: t("topGrade") }));
    return;
  }
  const target = ORDER[i + 1];
  const r = engine.toReach(state.dossier, target);
  if (!r || !r.ok) {
    box.replaceChildren(h("p", { className: "pingan-error", text: asArray(r && r.errors).map((e) => tx(e.message, state.lang)).join("; ") || "toReach" }));
    return;
  }
  const gl = label("grade", target, state.lang);
  const opts = asArray(r.options);
  if (!r.reachable || !opts.length) {
    const names = new Map(indicators().map((x) => [x.id, tx(x.name, state.lang)]));
    const room = asArray(r.headroom).filter((x) => Number(x.available) > 0);
    const gap = r.min_total != null && r.total != null ? Number(r.min_total) - Number(r.total) : null;
    const parts = [h("p", { text: state.lang === "en" ? `${t("unreachable")} ${gl}${gap != null ? ` (${fmt2(gap)} points short)` : ""}.` : `${t("unreachable")}${gl}${gap != null ? `（差 ${fmt2(gap)} 分）` : ""}。` })];
    if (room.length) {
      parts.push(h("p", { text: t("headroomIntro") }), h("ul", { className: "reach" }, ...room.map((x) => h("li", { "data-indicator": x.indicator }, `${names.get(x.indicator) || x.indicator}: +${fmt2(x.available)}`))));
    }
    box.replaceChildren(...parts);
    return;
  }
  const names = new Map(indicators().map((x) => [x.id, tx(x.name, state.lang)]));
  const ul = h("ul", { className: "reach" });
  for (const o of opts) {
    const key = pointerSegments(o.path).pop();
    const btn = h("button", { type: "button", text: t("apply"), "aria-label": `${t("apply")}: ${names.get(key) || o.path} → ${o.to}` });
    btn.addEventListener("click", () => {
      setAt(state.dossier, o.path, o.to);
      renderScoring();
    });
    ul.append(h("li", { "data-path": o.path, "data-to": String(o.to) }, `${names.get(key) || o.path}: ${o.from ?? "—"} → ${o.to} `, btn));
  }
  box.replaceChildren(h("p", { text: state.lang === "en" ? `${t("reachWith")} ${gl}:` : `${t("reachWith")}${gl}：` }), ul);
}

// Province view, in the worker -----------------------------------------------------------------------

function worker() {
  if (!state.worker) {
    state.worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
    state.worker.addEventListener("message", onWorkerMessage);
    state.worker.addEventListener("error", (e) => {
      $("#province-progress-label").textContent = `worker: ${e.message || "error"}`;
      setRunning(false);
    });
  }
  return state.worker;
}

function setRunning(on) {
  $("#province-run").disabled = on;
  $("#province-whatif").disabled = on;
  $("#province-cancel").disabled = !on;
  $("#province-result").toggleAttribute("aria-busy", on);
  document.body.toggleAttribute("data-province-running", on);
}

function runProvince(op) {
  const id = ++state.job;
  setRunning(true);
  $("#province-progress").value = 0;
  $("#province-progress-label").textContent = `${t("running")} 0%`;
  const scale = Number($("#province-scale").value) || 1;
  const msg = { id, op, url: new URL(PROVINCE_URL, location.href).href, scale };
  if (op === "whatIfMany") msg.patchRule = { kind: "delta", path: "/assessment/indicators/satisfaction", delta: 1, max: 100 };
  worker().postMessage(msg);
}

function onWorkerMessage(e) {
  const m = e.data || {};
  if (m.id !== state.job) return;
  if (m.type === "progress") {
    const p = m.total ? m.done / m.total : 0;
    $("#province-progress").value = p;
    $("#province-progress-label").textContent = `${t("running")} ${Math.floor(p * 100)}% (${m.done}/${m.total})`;
    return;
  }
  setRunning(false);
  if (m.type === "error") {
    $("#province-progress-label").textContent = String(m.message);
    return;
  }
  if (m.type === "cancelled") {
    $("#province-progress-label").textContent = t("cancelled");
    return;
  }
  $("#province-progress").value = 1;
  $("#province-progress-label").textContent = `${t("done")} (${m.total} · ${m.ms} ms)`;
  document.body.dataset.provinceDone = String(m.id);
  state.lastProvince = m;
  renderProvince(m);
}

function renderProvince(m) {
  const box = $("#province-result");
  const lang = state.lang;
  const parts = [];
  if (m.failed) parts.push(h("p", { className: "pingan-error", text: `${m.failed} ${t("failedItems")}${m.firstError ? ": " + tx(m.firstError, lang) : ""}` }));
  if (m.op === "whatIfMany") {
    parts.push(h("p", { "data-grade-changes": String(m.gradeChanges) }, `${m.gradeChanges} ${t("gradeChanges")}`));
  }
  const tbl = h("table", { className: "pingan-table ranking" });
  const cols = m.op === "whatIfMany" ? ["rank", "unitCol", "totalCol", "gradeCol"] : ["rank", "unitCol", "totalCol", "gradeCol"];
  tbl.append(h("thead", null, h("tr", null, ...cols.map((c) => h("th", { scope: "col", text: t(c) })))));
  const body = h("tbody");
  for (const r of asArray(m.ranking).slice(0, 200)) {
    const total = m.op === "whatIfMany" ? `${fmt2(r.before)} → ${fmt2(r.total)}` : fmt2(r.total);
    const grade = m.op === "whatIfMany" && r.beforeGrade !== r.grade ? `${label("grade", r.beforeGrade, lang)} → ${label("grade", r.grade, lang)}` : label("grade", r.grade, lang);
    body.append(h("tr", { "data-unit": r.unit }, h("td", { className: "num", text: String(r.rank) }), h("th", { scope: "row", text: r.name || r.unit }), h("td", { className: "num", text: total }), h("td", { text: grade })));
  }
  tbl.append(body);
  parts.push(tbl);
  box.replaceChildren(...parts);
}

function initProvince() {
  $("#province-run").addEventListener("click", () => runProvince("evaluateMany"));
  $("#province-whatif").addEventListener("click", () => runProvince("whatIfMany"));
  $("#province-cancel").addEventListener("click", () => {
    worker().postMessage({ id: state.job, op: "cancel" });
  });
}

// (d) Accountability ---------------------------------------------------------------------------------

function recordText(kind, x) {
  const lang = state.lang;
  if (kind === "incidents") return `${x.id} · ${x.date} · ${label("severity", x.severity, lang)}${lang === "en" ? " " : ""}${label("category", x.category, lang)}${x.impact ? " · " + label("impact", x.impact, lang) : ""}${x.domain ? " · " + label("domain", x.domain, lang) : ""}`;
  if (kind === "inspections") return `${x.id} · ${x.date} · ${t("inspectionWord")} ${label("finding", x.finding, lang)} · ${x.rectified ? t("rectifiedWord") : t("unrectifiedWord")}`;
  if (kind === "hotspots") return `${x.id} · ${x.date} · ${t("hotspotWord")} ${label("concern", x.public_concern, lang)} · ${x.effective_measures === false ? t("noEffectiveWord") : t("effectiveWord")}${x.rebound ? " · " + t("reboundWord") : ""}`;
  return x.id;
}

function renderAccountability() {
  const d = state.dossier;
  // 截至日期 replays the dossier as it stood that day (rev. 2 `{ at }`); the dossier itself is unchanged.
  if (!state.at || state.at > d.as_of) state.at = d.as_of;
  $("#as-of").value = state.at;
  $("#as-of").max = d.as_of;
  $("#timeline").at = state.at < d.as_of ? state.at : "";
  const list = $("#acc-records");
  const items = [];
  for (const kind of ["incidents", "inspections", "hotspots"]) {
    for (const x of asArray(d[kind])) {
      const text = recordText(kind, x);
      const btn = h("button", { type: "button", className: "remove", "aria-label": `${t("remove")} ${text}`, text: t("remove") });
      btn.addEventListener("click", () => {
        d[kind] = d[kind].filter((y) => y !== x);
        // Rectifications and circumstances of cases that no longer exist would not validate.
        changedCases();
      });
      items.push(h("li", { "data-kind": kind, "data-id": x.id }, h("span", { text }), " ", btn));
    }
  }
  list.replaceChildren(...(items.length ? items : [h("li", { text: t("noRecords") })]));
  const rl = $("#rect-list");
  const rects = asArray(d.rectifications);
  rl.replaceChildren(
    ...(rects.length
      ? rects.map((r, i) => {
          const inputId = `rect-date-${i}`;
          const inp = h("input", { type: "date", id: inputId, value: r.accepted_on, "data-case": r.case });
          inp.addEventListener("input", () => {
            if (!/^\d{4}-\d{2}-\d{2}$/.test(inp.value)) return;
            r.accepted_on = inp.value;
            scheduleSave();
            $("#timeline").dossier = d; // at once, without rebuilding this list (keeps focus)
            renderEligibility();
          });
          const btn = h("button", { type: "button", className: "remove", "aria-label": `${t("remove")} ${caseLabel(r.case)}`, text: t("remove") });
          btn.addEventListener("click", () => {
            d.rectifications.splice(d.rectifications.indexOf(r), 1);
            changed();
          });
          return h("li", { "data-case": r.case }, h("label", { for: inputId, "data-case": r.case, text: caseLabel(r.case) }), " ", inp, " ", btn);
        })
      : [h("li", { text: t("noRecords") })]),
  );
  $("#timeline").dossier = d;
  renderEligibility();
}

/** A case's plain name from the last timeline answer (the id only if it is not known yet). */
function caseLabel(id) {
  const c = asArray(state.cases).find((x) => x.id === id);
  return c ? caseName(c, state.lang) : caseName({ id, clause: String(id).split("/")[0] }, state.lang, false);
}

function renderEligibility() {
  const d = state.dossier;
  const lang = state.lang;
  const box = $("#eligibility");
  const day = state.at && state.at < d.as_of ? state.at : d.as_of;
  const opts = day < d.as_of ? { at: day } : undefined;
  const inPost = (l) => (!l.until || l.until >= day) && (!l.since || l.since <= day);
  const subjects = [{ id: d.unit.id, name: d.unit.name || d.unit.id, unit: true }, ...asArray(d.leaders).filter(inPost).map((l) => ({ id: l.id, name: l.name || l.id }))];
  const rows = [];
  for (const sub of subjects) {
    const r = state.env.engine.eligibility(d, sub.id, day, opts);
    if (!r || !r.ok) {
      if (sub.unit) {
        box.replaceChildren();
        return;
      }
      continue;
    }
    const mark = (yes, applicable = true) => (!applicable ? "—" : yes ? "✓" : "✗");
    const why = asArray(r.bars).map((b) => `${label("what", b.what, lang)} ${b.from} – ${b.until}${lang === "en" ? ` (${caseLabel(b.case)})` : `（${caseLabel(b.case)}）`}`).join(lang === "en" ? "; " : "；");
    rows.push(
      h(
        "tr",
        { "data-subject": sub.id },
        h("th", { scope: "row", text: sub.name }),
        h("td", { text: mark(r.honours, !!sub.unit), className: !sub.unit ? "" : r.honours ? "yes" : "no" }),
        h("td", { text: mark(r.commendation, !sub.unit), className: sub.unit ? "" : r.commendation ? "yes" : "no" }),
        h("td", { text: mark(r.promotion, !sub.unit), className: sub.unit ? "" : r.promotion ? "yes" : "no" }),
        h("td", { text: why }),
      ),
    );
  }
  const tbl = h("table", { className: "pingan-table eligibility" });
  tbl.append(h("caption", { text: t("eligibility") }));
  tbl.append(h("thead", null, h("tr", null, ...["eligSubject", "eligHonours", "eligCommendation", "eligPromotion", "eligWhy"].map((k) => h("th", { scope: "col", text: t(k) })))));
  tbl.append(h("tbody", null, ...rows));
  box.replaceChildren(tbl);
}

/** After removing evidence: drop rectifications and circumstances whose case is gone. */
function changedCases() {
  const d = state.dossier;
  const r = state.env.engine.evaluate({ ...d, rectifications: [], circumstances: [] });
  if (r && r.ok) {
    const ids = new Set(asArray(r.accountability && r.accountability.cases).map((c) => c.id));
    const keep = (c) => ids.has(c) || c === `25.4/${d.year}`;
    if (d.rectifications) d.rectifications = d.rectifications.filter((x) => keep(x.case));
    if (d.circumstances) d.circumstances = d.circumstances.filter((x) => keep(x.case));
  }
  changed();
}

function onTimelineResult(e) {
  if (e.target.id !== "timeline") return;
  const { result } = e.detail;
  const status = $("#acc-status");
  if (!result || !result.ok) {
    status.textContent = t("invalidDossier") + asArray(result && result.errors).map((x) => tx(x.message, state.lang)).join(state.lang === "en" ? "; " : "；");
  } else status.textContent = "";
  const sel = $("#ar-case");
  const cur = sel.value;
  const cases = result && result.ok ? asArray(result.accountability && result.accountability.cases) : [];
  state.cases = cases;
  sel.replaceChildren(...(cases.length ? cases.map((c) => h("option", { value: c.id, text: caseName(c, state.lang) })) : [h("option", { value: "", text: t("noCaseYet") })]));
  for (const lab of $$("#rect-list label[data-case]")) lab.textContent = caseLabel(lab.dataset.case);
  if (cases.some((c) => c.id === cur)) sel.value = cur;
}

function formValues(form) {
  const o = {};
  for (const el of form.elements) {
    if (!el.name) continue;
    if (el.type === "checkbox") o[el.name] = el.checked;
    else if (el.value !== "") o[el.name] = el.value;
  }
  return o;
}

function initAccountability() {
  const d = () => state.dossier;
  $("#as-of").addEventListener("input", (e) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(e.target.value)) return;
    // Moving the date back replays the past (records dated after it left out); never past the dossier's own date.
    state.at = e.target.value > d().as_of ? d().as_of : e.target.value;
    $("#timeline").at = state.at < d().as_of ? state.at : "";
    renderEligibility();
  });
  $("#add-incident").addEventListener("submit", (e) => {
    e.preventDefault();
    const v = formValues(e.target);
    const inc = { id: nextId("I", d().incidents), date: v.date, category: v.category, severity: v.severity, locality: d().unit.id };
    if (v.impact) inc.impact = v.impact;
    if (v.domain) inc.domain = v.domain;
    (d().incidents = d().incidents || []).push(inc);
    changed();
  });
  $("#add-inspection").addEventListener("submit", (e) => {
    e.preventDefault();
    const v = formValues(e.target);
    (d().inspections = d().inspections || []).push({ id: nextId("N", d().inspections), date: v.date, finding: v.finding, rectified: !!v.rectified });
    changed();
  });
  $("#add-hotspot").addEventListener("submit", (e) => {
    e.preventDefault();
    const v = formValues(e.target);
    (d().hotspots = d().hotspots || []).push({ id: nextId("H", d().hotspots), date: v.date, public_concern: v.public_concern, effective_measures: !!v.effective_measures, rebound: !!v.rebound });
    changed();
  });
  $("#add-rect").addEventListener("submit", (e) => {
    e.preventDefault();
    const v = formValues(e.target);
    if (!v.case || !v.accepted_on) return;
    (d().rectifications = d().rectifications || []).push({ case: v.case, accepted_on: v.accepted_on });
    changed();
  });
  document.addEventListener("pingan-result", onTimelineResult);
}

// (e) Rewards -----------------------------------------------------------------------------------------

function yearBoxes(boxId, years, checked, onChange) {
  const box = $(boxId);
  box.replaceChildren(
    ...years.map((y) => {
      const id = `${boxId.slice(1)}-${y}`;
      const cb = h("input", { type: "checkbox", id, value: String(y), checked: checked.includes(y) });
      cb.addEventListener("change", onChange);
      return h("label", { className: "check", for: id }, cb, ` ${y}`);
    }),
  );
}

function initRewards() {
  const hist = () => (state.dossier.history = state.dossier.history || {});
  const boxesChanged = (boxId, key) => () => {
    // Years not shown as boxes stay as they are.
    const shown = new Set($$(`${boxId} input`).map((x) => Number(x.value)));
    const kept = asArray(hist()[key]).filter((y) => !shown.has(y));
    hist()[key] = [...kept, ...$$(`${boxId} input:checked`).map((x) => Number(x.value))].sort((a, b) => a - b);
    renderRewards(false);
  };
  const span = (from, to) => {
    const out = [];
    for (let y = from; y <= to; y++) out.push(y);
    return out;
  };
  state.rebuildHistory = () => {
    const d = state.dossier;
    const hi = hist();
    const cyc = asArray(hi.advanced_unit_cycles).filter((y) => y <= d.year);
    const cycles = span(Math.min(d.year - 14, ...cyc), d.year);
    yearBoxes("#cycle-boxes", cycles, asArray(hi.advanced_unit_cycles), boxesChanged("#cycle-boxes", "advanced_unit_cycles"));
    const nam = asArray(hi.pingan_named).filter((y) => y < d.year);
    const named = span(Math.min(d.year - 15, ...nam), d.year - 1);
    yearBoxes("#named-boxes", named, asArray(hi.pingan_named), boxesChanged("#named-boxes", "pingan_named"));
    $("#work-since").value = hi.pingan_work_since ?? "";
    $("#outstanding").checked = !!hi.outstanding_contribution;
    if (!$("#cost-date").value) $("#cost-date").value = d.as_of;
  };
  $("#work-since").addEventListener("input", (e) => {
    const v = e.target.value;
    if (v === "") delete hist().pingan_work_since;
    else if (/^\d{4}$/.test(v)) hist().pingan_work_since = Number(v);
    else return;
    renderRewards(false);
  });
  $("#outstanding").addEventListener("change", (e) => {
    hist().outstanding_contribution = e.target.checked;
    renderRewards(false);
  });
  $("#cost-severity").addEventListener("change", () => renderCost());
  $("#cost-date").addEventListener("input", () => renderCost());
}

function tripodSvg(tripod, stars) {
  const colours = { none: "#d5d9e0", pingan: "#c8362f", bronze: "#b0713a", silver: "#9aa3ad", gold: "#d4a017" };
  const fill = colours[tripod] || colours.none;
  const svg = s("svg", { viewBox: "0 0 120 110", width: "120", height: "110", role: "img", "aria-label": `${label("tripod", tripod, state.lang)}${stars ? ` · ${stars}★` : ""}`, className: "tripod-svg" });
  svg.append(
    s("path", { d: "M30 40 h60 l-6 38 h-48 z", fill, stroke: "#333", "stroke-width": "2" }),
    s("path", { d: "M34 40 v-10 M86 40 v-10", stroke: "#333", "stroke-width": "4", fill: "none" }),
    s("path", { d: "M40 78 l-6 22 M80 78 l6 22 M60 78 v22", stroke: "#333", "stroke-width": "4", fill: "none" }),
    s("rect", { x: "26", y: "36", width: "68", height: "6", fill: "#333" }),
  );
  return svg;
}

function renderRewards(rebuild = true) {
  scheduleSave();
  if (rebuild && state.rebuildHistory) state.rebuildHistory();
  const { engine } = state.env;
  const lang = state.lang;
  const r = engine.evaluate(state.dossier);
  const aw = $("#awards"), tr = $("#tripod");
  if (!r || !r.ok) {
    const msg = asArray(r && r.errors).map((x) => tx(x.message, lang)).join(lang === "en" ? "; " : "；");
    aw.replaceChildren(h("p", { className: "pingan-error", role: "alert", text: t("invalidDossier") + msg }));
    tr.replaceChildren();
    $("#cost").replaceChildren();
    return;
  }
  const rw = r.rewards || {};
  const awards = asArray(rw.awards);
  const parts = [];
  if (awards.length) {
    const tbl = h("table", { className: "pingan-table awards" });
    tbl.append(h("thead", null, h("tr", null, ...["cycleCol", "awardCol", "basisCol"].map((c) => h("th", { scope: "col", text: t(c) })))));
    tbl.append(
      h(
        "tbody",
        null,
        ...awards.map((a) =>
          h("tr", { "data-cycle": String(a.cycle), "data-award": a.award }, h("th", { scope: "row", text: String(a.cycle) }), h("td", { text: label("award", a.award, lang) }), h("td", { text: asArray(a.basis).map((b) => formatBasis(b, lang)).join("; ") })),
        ),
      ),
    );
    parts.push(tbl);
  } else parts.push(h("p", { text: t("noAwards") }));
  if (asArray(rw.withheld).length) {
    parts.push(h("h3", { text: t("withheld") }), h("ul", null, ...asArray(rw.withheld).map((w) => h("li", { "data-cycle": String(w.cycle) }, `${w.cycle}: ${tx(w.why && w.why.message, lang)}`))));
  }
  if (asArray(rw.praise).length) {
    parts.push(h("h3", { text: t("praise") }), h("ul", null, ...asArray(rw.praise).map((p) => h("li", null, `${p.cycle}: ${leaderName(p.leader)}`))));
  }
  aw.replaceChildren(...parts);
  if (rw.pingan === null) {
    tr.replaceChildren(h("p", { className: "tripod-none", text: t("notNamed") }));
    renderCost(r);
    return;
  }
  const pg = rw.pingan || {};
  tr.replaceChildren(
    h(
      "div",
      { className: "tripod", "data-tripod": pg.tripod || "none", "data-stars": String(pg.stars ?? 0), "data-streak": String(pg.streak ?? 0) },
      tripodSvg(pg.tripod || "none", pg.stars || 0),
      h(
        "dl",
        null,
        h("dt", { text: t("namedThisYear") }),
        h("dd", { text: pg.named ? t("yes") : t("no") }),
        h("dt", { text: t("streak") }),
        h("dd", { text: String(pg.streak ?? 0) }),
        h("dt", { text: t("tripod") }),
        h("dd", { text: label("tripod", pg.tripod || "none", lang) }),
        h("dt", { text: t("stars") }),
        h("dd", { className: "stars", text: pg.stars ? "★".repeat(Math.min(pg.stars, 20)) + ` (${pg.stars})` : "0" }),
      ),
    ),
  );
  renderCost(r);
}

function renderCost() {
  const d = state.dossier;
  const lang = state.lang;
  const box = $("#cost");
  const date = $("#cost-date").value || d.as_of;
  const severity = $("#cost-severity").value || "major";
  const inc = { id: nextId("X", d.incidents), date, category: "public_safety", severity, locality: d.unit.id };
  const r = state.env.engine.whatIf(d, [{ op: "add", path: d.incidents ? "/incidents/-" : "/incidents", value: d.incidents ? inc : [inc] }]);
  if (!r || !r.ok) {
    box.replaceChildren(h("p", { className: "pingan-error", text: asArray(r && r.errors).map((x) => tx(x.message, lang)).join(lang === "en" ? "; " : "；") }));
    return;
  }
  const sum = (rep) => {
    const a = (rep && rep.assessment) || {};
    const pg = (rep && rep.rewards && rep.rewards.pingan) || {};
    return {
      total: fmt2(a.total),
      grade: label("grade", a.grade, lang),
      cases: asArray(rep && rep.accountability && rep.accountability.cases).length,
      awards: asArray(rep && rep.rewards && rep.rewards.awards).map((x) => `${x.cycle} ${label("award", x.award, lang)}`).join(lang === "en" ? ", " : "、") || "—",
      tripod: `${label("tripod", pg.tripod || "none", lang)}${pg.stars ? " " + "★".repeat(pg.stars) : ""}`,
    };
  };
  const b = sum(r.before), a = sum(r.after);
  const rows = [
    [T.totalCol, b.total, a.total],
    [T.gradeCol, b.grade, a.grade],
    [T.casesWord, String(b.cases), String(a.cases)],
    [T.awards, b.awards, a.awards],
    [T.tripod, b.tripod, a.tripod],
  ];
  const tbl = h("table", { className: "pingan-table cost" });
  tbl.append(h("thead", null, h("tr", null, h("th", { scope: "col" }), h("th", { scope: "col", text: t("before") }), h("th", { scope: "col", text: t("after") }))));
  tbl.append(h("tbody", null, ...rows.map(([k, x, y]) => h("tr", { className: x !== y ? "moved" : "" }, h("th", { scope: "row", text: tx(k, lang) }), h("td", { text: x }), h("td", { text: y })))));
  const changes = asArray(r.changes);
  const cl = h("ul", { className: "changes" }, ...changes.slice(0, 40).map((c) => h("li", { "data-path": c.path || "", "data-what": c.what || "" }, describeChange(c, r.before, r.after))));
  box.replaceChildren(tbl, changes.length ? h("details", null, h("summary", { text: `${t("changes")} (${changes.length})` }), cl) : h("p", { text: t("costNone") }));
}

const CHANGE = {
  total: { zh: "总分", en: "total" }, grade: { zh: "等次", en: "grade" }, line: { zh: "计分行", en: "ledger line" },
  case_opened: { zh: "新立案", en: "case opened" }, case_closed: { zh: "案件销号", en: "case closed" },
  duty: { zh: "职责", en: "duty" }, findings: { zh: "合规问题数", en: "compliance findings" },
  rung: { zh: "追究等级", en: "rung" }, award: { zh: "奖励", en: "award" }, tripod: { zh: "平安鼎", en: "tripod" },
};

/** One whatIf change in plain words, from its `what`, `path`, `from` and `to`. */
function describeChange(c, before, after) {
  const lang = state.lang;
  const v = (x) => {
    if (x == null) return "—";
    if (typeof x === "number") return c.what === "total" || c.what === "line" ? fmt2(x) : String(x);
    if (typeof x === "string") return LABELS.grade[x] ? label("grade", x, lang) : LABELS.status[x] ? label("status", x, lang) : LABELS.award[x] ? label("award", x, lang) : LABELS.tripod[x] ? label("tripod", x, lang) : x;
    if (typeof x === "object" && x.id) return `${x.id}${x.rung != null ? (lang === "en" ? ` (rung ${x.rung})` : `（第${x.rung}级）`) : ""}`;
    if (typeof x === "object" && x.award) return `${x.cycle ?? ""} ${label("award", x.award, lang)}`;
    return JSON.stringify(x);
  };
  const kind = tx(CHANGE[c.what], lang) || c.what || "";
  let subject = "";
  const path = c.path || "";
  if (c.what === "line") {
    const line = getAt(after, path) || getAt(before, path);
    if (line) {
      const names = new Map(indicators().map((x) => [x.id, tx(x.name, lang)]));
      const m = /^([a-z_]+)[/:](.*)$/.exec(String(line.indicator));
      subject = names.get(line.indicator) || (m ? `${label("kind", line.kind, lang)} ${m[2]}` : String(line.indicator));
    }
  } else if (c.what === "duty") {
    const duty = getAt(after, path.replace(/\/status$/, "")) || getAt(before, path.replace(/\/status$/, ""));
    if (duty) {
      const cat = asArray(state.env.policy && state.env.policy.duties).find((x) => x.id === duty.duty);
      subject = `${leaderName(duty.leader)} · ${cat ? tx(cat.summary, lang) : duty.duty}`;
    }
  }
  return `${kind}${subject ? " " + subject : ""}: ${v(c.from)} → ${v(c.to)}`;
}

// The working copy, kept in this browser (localStorage) so that a reload loses no edit -----------------

const STORE_KEY = `pingan-demo-working-copy:${COUNTY_URL}`;
let saveTimer = 0;

function scheduleSave() {
  if (!state.dossier || state.restorePending) return;
  clearTimeout(saveTimer);
  saveTimer = setTimeout(saveWorking, 250);
}

function saveWorking() {
  try {
    const text = JSON.stringify(state.dossier);
    if (text === state.sampleText) localStorage.removeItem(STORE_KEY);
    else localStorage.setItem(STORE_KEY, JSON.stringify({ saved_at: new Date().toISOString(), dossier: state.dossier }));
    document.body.dataset.saved = String(Date.now());
  } catch (_) {
    /* storage full or disabled: nothing is kept, the page still works */
  }
}

function localTime(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const p = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

function showRestoreText() {
  const saved = state.restorePending;
  if (saved) $("#restore-text").textContent = t("restoreText", { when: localTime(saved.saved_at) });
}

/** A copy saved last time and different from the sample: ask "恢复 / 放弃" (nothing changes until then). */
function offerRestore() {
  let saved = null;
  try {
    saved = JSON.parse(localStorage.getItem(STORE_KEY) || "null");
  } catch (_) {
    saved = null;
  }
  if (!saved || !saved.dossier || typeof saved.dossier !== "object" || JSON.stringify(saved.dossier) === state.sampleText) return;
  state.restorePending = saved;
  const bar = $("#restore-bar");
  showRestoreText();
  bar.hidden = false;
  const done = (msg) => {
    state.restorePending = null;
    bar.hidden = true;
    $("#status").textContent = t(msg);
    $("#status").dataset.i18n = msg;
  };
  $("#restore-yes").onclick = () => {
    state.dossier = clone(saved.dossier);
    done("restored");
    buildIndicatorInputs();
    if (state.rebuildHistory) state.rebuildHistory();
    renderAll();
  };
  $("#restore-no").onclick = () => {
    try {
      localStorage.removeItem(STORE_KEY);
    } catch (_) {}
    done("discarded");
  };
}

// Print ---------------------------------------------------------------------------------------------

function preparePrint() {
  const d = state.dossier;
  if (!d) return;
  const lang = state.lang;
  $("#report-title").textContent = `${d.unit.name || d.unit.id} · ${d.year} ${t("reportTitle")}`;
  let pol = "";
  try {
    const v = state.env.mod.version();
    pol = v.policy.version || "";
  } catch (_) {}
  $("#report-meta").textContent = t("reportMeta").replace("{as_of}", d.as_of).replace("{policy}", pol).replace("{now}", new Date().toISOString().slice(0, 10));
  for (const id of ["report-scorecard", "report-timeline", "report-matrix"]) {
    const el = $(`#${id}`);
    el.setAttribute("lang", lang === "en" ? "en" : "zh-CN");
    el.dossier = d;
  }
}

// Performance archive (archive.html) -----------------------------------------------------------------

/** The links open archive.html on the working copy (handed over in sessionStorage), else on COUNTY_URL. */
function archiveHref() {
  const p = new URLSearchParams();
  p.set("from", "demo");
  p.set("src", COUNTY_URL);
  if (state.lang === "en") p.set("lang", "en");
  return `archive.html?${p.toString()}`;
}

function initArchiveLinks() {
  for (const a of $$("a.archive-link")) {
    a.addEventListener("click", () => {
      a.href = archiveHref();
      try {
        if (state.dossier) sessionStorage.setItem("pingan-archive-dossier", JSON.stringify(state.dossier));
      } catch (_) {
        /* storage full or disabled: archive.html falls back to the src URL */
      }
    });
  }
}

// ---------------------------------------------------------------------------------------------------
// Start.

async function main() {
  initTabs();
  initForms();
  initProvince();
  initAccountability();
  initDuties();
  initRewards();
  fillOptions();
  $("#lang-toggle").addEventListener("click", () => {
    state.lang = state.lang === "en" ? "zh" : "en";
    applyLang();
  });
  $("#activities-restore").addEventListener("click", () => {
    state.dossier.activities = clone(JSON.parse(state.sampleText).activities || []);
    state.dossier.decisions = clone(JSON.parse(state.sampleText).decisions || []);
    const lg = JSON.parse(state.sampleText).leading_group;
    if (lg) state.dossier.leading_group = clone(lg);
    else delete state.dossier.leading_group;
    changed();
  });
  $("#print-report").addEventListener("click", async () => {
    preparePrint();
    await new Promise((r) => setTimeout(r, 50));
    window.print();
  });
  window.addEventListener("beforeprint", preparePrint);
  initArchiveLinks();
  if (params.get("lang") === "en") state.lang = "en";
  try {
    state.env = await ready();
    showVersion();
    const res = await fetch(COUNTY_URL);
    if (!res.ok) throw new Error(`${COUNTY_URL}: ${res.status}`);
    state.sample = await res.json();
    state.dossier = clone(state.sample);
    buildIndicatorInputs();
    // The baseline as the inputs normalise it: a copy equal to it is not worth keeping.
    state.sampleText = JSON.stringify(state.dossier);
    offerRestore();
    applyLang();
    $("#cost-severity").value = "major";
    $("#ai-severity").value = "major";
    $("#status").textContent = t("loaded");
    $("#status").dataset.i18n = "loaded";
    const tab = params.get("tab");
    if (tab && $(`#tab-${tab}`)) selectTab(tab);
    else renderAll();
    document.body.dataset.ready = "1";
  } catch (e) {
    $("#status").textContent = t("loadFailed") + (e && e.message ? e.message : String(e));
    $("#status").classList.add("pingan-error");
    console.error(e);
  }
}

main();
