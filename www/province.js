// The provincial office's page (issue 16): spreadsheets in and out, the province at a glance (ranking by
// city, filters, grade distribution, change against last year), a what-if over every county, and a
// reform simulation of a proposed scheme. Heavy work runs in a pool of module workers
// (province-worker.js); the spreadsheet libraries load only when a sheet is opened or written
// (province-sheets.js). Working data and the proposed pack stay in this browser (IndexedDB).
// User data reaches the page only through textContent.
import { loadPingan } from "./load.js";
import { setAt } from "./elements/internal/pointer.js";

// The engine's module, as load.js picked it (the default build, or the WebAssembly-MVP one).
let pingan = null;
const checkPolicy = (p) => pingan.checkPolicy(p);
const defaultPolicy = () => pingan.defaultPolicy();
const version = () => pingan.version();

// ------------------------------------------------------------------------------------------ texts
const T = {
  pageTitle: { zh: "全省平安考核一览", en: "The province at a glance" },
  skip: { zh: "跳到正文", en: "Skip to content" },
  back: { zh: "← 返回演示", en: "← Back to the demo" },
  restore: { zh: "恢复", en: "Restore" },
  discard: { zh: "放弃", en: "Discard" },
  restoreText: { zh: "本浏览器中保存有上次的工作数据：{what}（保存于 {when}）。是否恢复？", en: "This browser holds your last working data: {what} (saved {when}). Restore it?" },
  restoreWork: { zh: "{n} 个单位的考核数据", en: "assessment data of {n} units" },
  restorePack: { zh: "拟调整方案", en: "a proposed scheme" },
  hData: { zh: "一、数据", en: "1. Data" },
  loadSample: { zh: "载入示例数据（90 个县）", en: "Load the sample (90 counties)" },
  openSheet: { zh: "打开表格（.xlsx／.csv）", en: "Open a sheet (.xlsx / .csv)" },
  template: { zh: "导入模板：", en: "Import template:" },
  year: { zh: "考核年度", en: "Assessment year" },
  asOf: { zh: "数据截止日期", en: "Data as of" },
  loading: { zh: "正在加载引擎…", en: "Loading the engine…" },
  ready: { zh: "引擎已就绪。请载入示例数据或打开表格。", en: "The engine is ready. Load the sample or open a sheet." },
  loaded: { zh: "已载入 {n} 个单位（{src}）。", en: "{n} units loaded ({src})." },
  srcSample: { zh: "示例数据", en: "sample data" },
  srcSheet: { zh: "表格 {name}，{fmt}", en: "sheet {name}, {fmt}" },
  reading: { zh: "正在读取表格…", en: "Reading the sheet…" },
  unsupported: { zh: "只能打开 .xlsx 或 .csv 文件。", en: "Only .xlsx or .csv files can be opened." },
  readFailed: { zh: "表格无法读取：{why}", en: "The sheet could not be read: {why}" },
  importIssues: { zh: "有 {n} 处需要修改（其余 {ok} 行已导入）：", en: "{n} cells need attention ({ok} rows were imported):" },
  importNone: { zh: "表格中没有可导入的行。", en: "No row of the sheet could be imported." },
  colRow: { zh: "行", en: "Row" },
  colCol: { zh: "列", en: "Column" },
  colHeader: { zh: "表头", en: "Header" },
  colProblem: { zh: "问题", en: "Problem" },
  hGlance: { zh: "二、全省一览", en: "2. The province at a glance" },
  fCity: { zh: "设区市", en: "City" },
  fGrade: { zh: "等次", en: "Grade" },
  fKind: { zh: "类型", en: "Type" },
  all: { zh: "全部", en: "All" },
  groupByCity: { zh: "按市分组", en: "Group by city" },
  distCaption: { zh: "等次分布", en: "Grade distribution" },
  exportRanking: { zh: "导出排名：", en: "Export the ranking:" },
  exportLedger: { zh: "导出计分明细：", en: "Export the scoring ledger:" },
  close: { zh: "关闭", en: "Close" },
  scale: { zh: "模拟规模", en: "Simulated size" },
  rankRun: { zh: "在工作线程中排名", en: "Rank in workers" },
  cancel: { zh: "取消", en: "Cancel" },
  run: { zh: "运行", en: "Run" },
  ranking: { zh: "正在排名：{done}／{total}（{workers} 个工作线程）", en: "Ranking: {done} / {total} ({workers} workers)" },
  ranked: { zh: "{n} 个单位已排名，用时 {s} 秒（{workers} 个工作线程）。", en: "{n} units ranked in {s} s ({workers} workers)." },
  rankedFailed: { zh: "另有 {n} 个单位无法计分。", en: "{n} more units could not be scored." },
  cancelled: { zh: "已取消。", en: "Cancelled." },
  noData: { zh: "尚无数据。", en: "No data yet." },
  thRank: { zh: "名次", en: "Rank" },
  thCode: { zh: "单位代码", en: "Code" },
  thUnit: { zh: "单位", en: "Unit" },
  thCity: { zh: "所属市", en: "City" },
  thTotal: { zh: "总分", en: "Total" },
  thGrade: { zh: "等次", en: "Grade" },
  thLastTotal: { zh: "上年总分", en: "Last year" },
  thDeltaTotal: { zh: "总分变化", en: "Change" },
  thDeltaRank: { zh: "名次变化", en: "Rank change" },
  cityRow: { zh: "{city}：{n} 个，优秀 {e} 个，平均 {avg} 分", en: "{city}: {n} units, {e} excellent, mean {avg}" },
  glanceSummary: { zh: "共 {n} 个单位，平均 {avg} 分；优秀 {e}、良好 {g}、合格 {p}、不合格 {f}。", en: "{n} units, mean {avg}; excellent {e}, good {g}, pass {p}, fail {f}." },
  lastYearNote: { zh: "“上年总分”取自档案中上一年度考核的总分；没有记录的显示“—”。", en: "“Last year” is the previous year's total from each dossier's history; “—” where none is recorded." },
  bigRun: { zh: "模拟的 {n} 个单位：优秀 {e}、良好 {g}、合格 {p}、不合格 {f}；第一名 {top}（{topTotal} 分）。", en: "The {n} simulated units: excellent {e}, good {g}, pass {p}, fail {f}; first {top} ({topTotal})." },
  ledgerTitle: { zh: "{unit} 计分明细", en: "Scoring ledger of {unit}" },
  thItem: { zh: "项目", en: "Item" },
  thKind: { zh: "类别", en: "Kind" },
  thInput: { zh: "填报值", en: "Input" },
  thFraction: { zh: "得分系数", en: "Fraction" },
  thWeight: { zh: "权重", en: "Weight" },
  thPoints: { zh: "得分", en: "Points" },
  thBasis: { zh: "依据", en: "Basis" },
  kResult: { zh: "结果性", en: "result" },
  kProcess: { zh: "过程性", en: "process" },
  kBonus: { zh: "加分", en: "bonus" },
  kDeduction: { zh: "扣分", en: "deduction" },
  ledgerTotal: { zh: "合计", en: "Total" },
  derived: { zh: "（由履职情况推定）", en: " (derived from the duties)" },
  hWhatif: { zh: "三、假如全省某项指标变化", en: "3. What if an indicator changed across the province" },
  indicator: { zh: "指标", en: "Indicator" },
  amount: { zh: "变化量", en: "Change" },
  hintResult: { zh: "各单位该项数值加上变化量（可为负数）", en: "added to every unit's value (may be negative)" },
  hintProcess: { zh: "等次升降的级数：+1 为升一等，−1 为降一等", en: "grade steps: +1 one grade better, −1 one worse" },
  whatifRunning: { zh: "正在计算：{done}／{total}", en: "Computing: {done} / {total}" },
  whatifDone: { zh: "{ind} 变化 {amt} 后：{changed} 个单位等次变化（升 {up}、降 {down}），平均分 {b} → {a}。", en: "With {ind} changed by {amt}: {changed} units change grade ({up} up, {down} down); mean {b} → {a}." },
  whatifSkipped: { zh: "{n} 个单位该项不适用或未填等次，未计入变化。", en: "{n} units have no value for it and are unchanged." },
  thBefore: { zh: "现在", en: "Now" },
  patchSummary: { zh: "高级：用 JSON Patch 描述变化（对每个单位的档案同样修改）", en: "Advanced: describe the change as a JSON Patch (applied to every unit's dossier)" },
  patchLabel: { zh: "填写后“运行”按此修改计算，清空则按上面的指标和变化量。", en: "When filled, Run applies it; leave it empty to use the indicator and change above." },
  patchBad: { zh: "JSON Patch 格式有误：应为操作的数组，如 [{\"op\": \"replace\", …}]。", en: "The JSON Patch is malformed: it must be an array of operations such as [{\"op\": \"replace\", …}]." },
  patchDone: { zh: "按所给修改：{changed} 个单位等次变化（升 {up}、降 {down}），平均分 {b} → {a}。", en: "With the given patch: {changed} units change grade ({up} up, {down} down); mean {b} → {a}." },
  patchFailed: { zh: "{n} 个单位的档案无法按此修改：{why}", en: "The patch cannot be applied to {n} dossiers: {why}" },
  thAfter: { zh: "变化后", en: "After" },
  hReform: { zh: "四、考核方案调整模拟", en: "4. Reform of the scheme" },
  reformHint: { zh: "修改下列参数，即时核对是否符合第十八条等规则；再对全省现有数据比较现行方案与拟调整方案。", en: "Change the parameters below; they are checked at once against art. 18 and the other rules. Then compare the current and the proposed scheme over the province." },
  weights: { zh: "指标权重与计分区间", en: "Weights and scoring ranges" },
  gradesLegend: { zh: "过程性指标等次系数", en: "Fractions of the process grades" },
  bands: { zh: "等次分数线", en: "Grade thresholds" },
  bonusLegend: { zh: "加分与扣分", en: "Bonus and deductions" },
  periods: { zh: "期限（天）", en: "Periods (days)" },
  thIndicator: { zh: "指标", en: "Indicator" },
  thZero: { zh: "零分值", en: "Zero at" },
  thFull: { zh: "满分值", en: "Full at" },
  sum: { zh: "结果性 {r} ＋ 过程性 {p} ＝ {s}", en: "results {r} + process {p} = {s}" },
  checkOk: { zh: "拟调整方案符合规则，可以比较。", en: "The proposed scheme passes every rule; it can be compared." },
  checkBad: { zh: "拟调整方案有 {n} 处不符合规则：", en: "The proposed scheme breaks {n} rules:" },
  reformRun: { zh: "比较现行与拟调整方案", en: "Compare current and proposed" },
  downloadPack: { zh: "下载拟调整方案（JSON）", en: "Download the proposed scheme (JSON)" },
  resetPack: { zh: "恢复现行方案", en: "Back to the current scheme" },
  reformRunning: { zh: "正在比较：{done}／{total}", en: "Comparing: {done} / {total}" },
  reformSummary: { zh: "{n} 个单位中，{g} 个等次变化，{r} 个名次变化（上升 {up}、下降 {down}）。", en: "Of {n} units, {g} change grade and {r} change rank ({up} up, {down} down)." },
  reformFailed: { zh: "{n} 个单位在某一方案下无法计分，未参加比较。", en: "{n} units cannot be scored under one of the schemes and are left out." },
  current: { zh: "现行方案", en: "Current scheme" },
  legend: { zh: "每组左侧深色为现行方案，右侧浅色为拟调整方案", en: "in each pair: dark, current scheme; light, proposed" },
  proposed: { zh: "拟调整方案", en: "Proposed scheme" },
  gradeChanges: { zh: "等次变化的单位", en: "Units whose grade changes" },
  movers: { zh: "名次变动最大的单位", en: "Biggest movers" },
  noneChange: { zh: "没有单位等次变化。", en: "No unit changes grade." },
  fixFirst: { zh: "请先修正拟调整方案中的问题。", en: "Fix the proposed scheme first." },
  needData: { zh: "请先载入数据。", en: "Load data first." },
  excellent: { zh: "优秀", en: "excellent" },
  good: { zh: "良好", en: "good" },
  pass: { zh: "合格", en: "pass" },
  fail: { zh: "不合格", en: "fail" },
  tDistrict: { zh: "市辖区", en: "district" },
  tCounty: { zh: "县", en: "county" },
  tCity: { zh: "县级市", en: "county-level city" },
  tOther: { zh: "其他单位", en: "other unit" },
  pBonusMin: { zh: "单项加分下限", en: "bonus item minimum" },
  pBonusMax: { zh: "单项加分上限", en: "bonus item maximum" },
  pBonusCap: { zh: "加分封顶", en: "bonus cap" },
  pDedCap: { zh: "扣分封顶", en: "deduction cap" },
  pGeneral: { zh: "一般事故（每起）", en: "general incident (each)" },
  pLarger: { zh: "较大事故（每起）", en: "larger incident (each)" },
  pMajor: { zh: "重大事故（每起）", en: "major incident (each)" },
  pEspMajor: { zh: "特别重大事故（每起）", en: "especially major incident (each)" },
  pInspection: { zh: "督查问题（每项）", en: "inspection finding (each)" },
  pUnrect: { zh: "未整改倍数", en: "unrectified multiplier" },
  pCircular: { zh: "通报（每次）", en: "circular (each)" },
  pCircularDays: { zh: "通报整改期限", en: "circular: days to rectify" },
  pYellowDays: { zh: "黄牌警告整改期限", en: "yellow card: days to rectify" },
  pListedDays: { zh: "挂牌督办整改期限", en: "listed supervision: days to rectify" },
  pListedBar: { zh: "挂牌督办限制期", en: "listed supervision bar" },
  pVetoBar: { zh: "一票否决限制期", en: "veto bar" },
  pRepeatDays: { zh: "较大事故累计窗口", en: "larger incidents: window" },
  sheetRanking: { zh: "全省排名", en: "ranking" },
  sheetLedger: { zh: "计分明细", en: "ledger" },
  sheetTemplate: { zh: "导入模板", en: "template" },
  workSaved: { zh: "工作数据已保存在本浏览器。", en: "Working data is kept in this browser." },
};

let lang = new URLSearchParams(location.search).get("lang") === "en" ? "en" : "zh";
const t = (key, vars) => {
  const v = T[key];
  let s = v ? (lang === "en" ? v.en : v.zh) : key;
  if (vars) for (const [k, x] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(x));
  return s;
};
const tx = (text) => (text == null ? "" : typeof text === "string" ? text : lang === "en" ? text.en : text.zh);
/** Engine messages written with half-width punctuation, shown with full-width in Chinese. */
const zhPunct = (s) => (lang === "en" ? s : s.replace(/:/g, "：").replace(/;/g, "；").replace(/,\s?/g, "，").replace(/\(/g, "（").replace(/\)/g, "）"));
const msg = (text) => zhPunct(tx(text));

const $ = (s, r = document) => r.querySelector(s);
function el(tag, attrs = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  for (const k of kids) if (k !== null && k !== undefined) e.append(k instanceof Node ? k : document.createTextNode(String(k)));
  return e;
}
/** replaceChildren without the null / false placeholders of conditional parts. */
function fill(target, ...kids) {
  target.replaceChildren(...kids.filter((k) => k !== null && k !== undefined && k !== false));
}
const SVG = "http://www.w3.org/2000/svg";
function sv(tag, attrs = {}, text) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}
const fmt = (x) => (typeof x === "number" ? x.toFixed(2) : "—");
const hundredths = (x) => Math.round(x * 100);
const GRADES = ["excellent", "good", "pass", "fail"];
const CN_NUM = "〇一二三四五六七八九";
function cnNumber(n) {
  if (n < 10) return CN_NUM[n];
  if (n < 20) return "十" + (n % 10 ? CN_NUM[n % 10] : "");
  if (n < 100) return CN_NUM[Math.floor(n / 10)] + "十" + (n % 10 ? CN_NUM[n % 10] : "");
  return String(n);
}
function basisText(b) {
  if (!b) return "";
  if (lang === "en") return `art. ${b.article}${b.clause ? ` para. ${b.clause}` : ""}${b.item ? ` item ${b.item}` : ""}: ${b.summary?.en ?? ""}`;
  return `第${cnNumber(b.article)}条${b.clause ? `第${cnNumber(b.clause)}款` : ""}${b.item ? `第（${cnNumber(b.item)}）项` : ""}：${b.summary?.zh ?? ""}`;
}

// ------------------------------------------------------------------------------------------ state
const state = {
  engine: null,
  policy: null, // the engine's (current) pack
  draft: null, // the proposed pack
  dossiers: [],
  cityNames: {},
  source: null,
  scored: [], // per dossier: { ok, total, grade, vetoed } (scale 1)
  rows: [], // ranking rows
  ledgerIndex: null,
  importIssues: [],
  imported: 0,
};

// ------------------------------------------------------------------------------------------ storage
const DB = "pingan-province";
function idb() {
  return new Promise((ok, fail) => {
    const r = indexedDB.open(DB, 1);
    r.onupgradeneeded = () => r.result.createObjectStore("kv");
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
}
async function kv(mode, fn) {
  const db = await idb();
  try {
    return await new Promise((ok, fail) => {
      const tr = db.transaction("kv", mode);
      const req = fn(tr.objectStore("kv"));
      tr.oncomplete = () => ok(req?.result);
      tr.onerror = () => fail(tr.error);
    });
  } finally {
    db.close();
  }
}
const store = {
  get: (k) => kv("readonly", (s) => s.get(k)).catch(() => undefined),
  put: (k, v) => kv("readwrite", (s) => s.put(v, k)).catch(() => undefined),
  del: (k) => kv("readwrite", (s) => s.delete(k)).catch(() => undefined),
};
let saveTimer = null;
function saveSoon() {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(async () => {
    if (state.dossiers.length) await store.put("work", { dossiers: state.dossiers, cityNames: state.cityNames, source: state.source, savedAt: new Date().toISOString() });
    if (state.draft) await store.put("pack", { policy: state.draft, savedAt: new Date().toISOString() });
    document.body.dataset.saved = String(Date.now());
  }, 300);
}

// ------------------------------------------------------------------------------------------ worker pool
const POOL_SIZE = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2));
const workers = [];
const workerAt = (k) => (workers[k] ??= new Worker(new URL("./province-worker.js", import.meta.url), { type: "module" }));
let nextId = 1;

/**
 * Run `op` over a batch in the pool: `batch` is { dossiers } or { base, count } (a virtual province).
 * Small batches use one worker. Resolves to the merged answer; `handle.cancel()` stops every slice.
 */
function runPool(op, extra, batch, onProgress) {
  const count = batch.dossiers ? batch.dossiers.length : batch.count;
  const n = count >= 400 ? POOL_SIZE : 1;
  const per = Math.ceil(count / n) || 0;
  const slices = [];
  for (let k = 0; k < n; k++) {
    const from = k * per, to = Math.min(count, from + per);
    if (from >= to && k > 0) break;
    slices.push({ from, to, id: nextId++ });
  }
  const progress = slices.map(() => 0);
  let cancelled = false;
  const promise = Promise.all(slices.map((s, k) => new Promise((ok, fail) => {
    const w = workerAt(k);
    const items = batch.dossiers ? { dossiers: batch.dossiers.slice(s.from, s.to) } : { base: batch.base, from: s.from, to: s.to };
    const onmsg = (ev) => {
      const m = ev.data;
      if (!m || m.id !== s.id) return;
      if (m.type === "progress") {
        progress[k] = m.done;
        onProgress?.(progress.reduce((a, b) => a + b, 0), count, slices.length);
        return;
      }
      w.removeEventListener("message", onmsg);
      if (m.type === "done") ok(m);
      else if (m.type === "cancelled") ok({ cancelled: true });
      else fail(Object.assign(new Error(m.message), { errors: m.errors }));
    };
    w.addEventListener("message", onmsg);
    w.postMessage({ id: s.id, op, items, ...extra });
  }))).then((parts) => {
    if (cancelled || parts.some((p) => p.cancelled)) return { cancelled: true };
    const out = { results: [], units: [], failed: [], workers: slices.length };
    parts.forEach((p, k) => {
      const off = batch.dossiers ? slices[k].from : 0;
      for (const r of p.results || []) out.results.push({ ...r, i: r.i + off });
      const roff = slices[k].from;
      for (const u of p.units || []) out.units.push({ ...u, index: u.index + roff });
      for (const f of p.failed || []) out.failed.push({ ...f, index: f.index + roff });
    });
    return out;
  });
  return {
    promise,
    workers: slices.length,
    cancel() {
      cancelled = true;
      slices.forEach((s, k) => workerAt(k).postMessage({ op: "cancel", id: s.id }));
    },
  };
}

/** fromTable in a worker (a 10,000-row sheet would hold the page for a moment otherwise). */
function inWorker(op, body) {
  const id = nextId++;
  const w = workerAt(0);
  return new Promise((ok, fail) => {
    const onmsg = (ev) => {
      if (ev.data?.id !== id) return;
      w.removeEventListener("message", onmsg);
      if (ev.data.type === "done") ok(ev.data);
      else fail(new Error(ev.data.message));
    };
    w.addEventListener("message", onmsg);
    w.postMessage({ id, op, ...body });
  });
}

// ------------------------------------------------------------------------------------------ ranking
/** Ranks by total, highest first; equal totals share a rank (as evaluateMany). */
function rankOf(items) {
  const order = items.map((x, k) => k).filter((k) => typeof items[k].total === "number");
  order.sort((a, b) => items[b].total - items[a].total || String(items[a].unit).localeCompare(String(items[b].unit)));
  const out = new Array(items.length).fill(null);
  let rank = 0, prev = null;
  order.forEach((k, pos) => {
    if (items[k].total !== prev) {
      rank = pos + 1;
      prev = items[k].total;
    }
    out[k] = rank;
  });
  return out;
}

function cityOf(d) {
  const p = d.unit?.parent;
  if (!p) return { code: "", name: "—" };
  const name = state.cityNames[p] || (d.localities || []).find((l) => l.id === p)?.name || p;
  return { code: p, name };
}
function typeOf(d) {
  if (d.unit?.kind !== "locality") return "tOther";
  const n = d.unit?.name || "";
  if (n.endsWith("区")) return "tDistrict";
  if (n.endsWith("县")) return "tCounty";
  if (n.endsWith("市")) return "tCity";
  return "tOther";
}
function lastYear(d) {
  const h = (d.history?.assessments || []).find((a) => a.year === d.year - 1);
  return h && typeof h.total === "number" ? h.total : null;
}

function buildRows() {
  const ds = state.dossiers;
  const items = ds.map((d, i) => ({ unit: d.unit?.id, total: state.scored[i]?.ok ? state.scored[i].total : undefined }));
  const ranks = rankOf(items);
  const lastRanks = rankOf(ds.map((d) => ({ unit: d.unit?.id, total: lastYear(d) ?? undefined })));
  state.rows = ds.map((d, i) => {
    const s = state.scored[i] || {};
    const last = lastYear(d);
    const city = cityOf(d);
    return {
      i, code: d.unit?.id, name: d.unit?.name || d.unit?.id, city: city.name, cityCode: city.code, type: typeOf(d),
      ok: !!s.ok, total: s.total, grade: s.grade, rank: ranks[i], last,
      dTotal: s.ok && last !== null ? (hundredths(s.total) - hundredths(last)) / 100 : null,
      dRank: s.ok && lastRanks[i] ? lastRanks[i] - ranks[i] : null,
    };
  });
}

function filtered() {
  const c = $("#f-city").value, g = $("#f-grade").value, k = $("#f-kind").value;
  return state.rows.filter((r) => r.ok && (!c || r.cityCode === c) && (!g || r.grade === g) && (!k || r.type === k));
}

function fillFilters() {
  const keep = (sel) => sel.value;
  const city = $("#f-city"), grade = $("#f-grade"), kind = $("#f-kind");
  const [vc, vg, vk] = [keep(city), keep(grade), keep(kind)];
  fill(city, el("option", { value: "", text: t("all") }));
  const cities = new Map();
  for (const r of state.rows) if (r.cityCode) cities.set(r.cityCode, r.city);
  for (const [code, name] of [...cities].sort((a, b) => a[0].localeCompare(b[0]))) city.append(el("option", { value: code, text: name }));
  fill(grade, el("option", { value: "", text: t("all") }), ...GRADES.map((g) => el("option", { value: g, text: t(g) })));
  const types = [...new Set(state.rows.map((r) => r.type))];
  fill(kind, el("option", { value: "", text: t("all") }), ...["tDistrict", "tCounty", "tCity", "tOther"].filter((x) => types.includes(x)).map((x) => el("option", { value: x, text: t(x) })));
  city.value = [...city.options].some((o) => o.value === vc) ? vc : "";
  grade.value = vg;
  kind.value = [...kind.options].some((o) => o.value === vk) ? vk : "";
}

function countGrades(list) {
  const c = { excellent: 0, good: 0, pass: 0, fail: 0 };
  for (const r of list) if (r.grade in c) c[r.grade]++;
  return c;
}

/** Plain SVG bars: one bar per grade, or two (before / after) when `after` is given. */
function barChart(before, after) {
  const w = 360, h = 190, pad = 28, base = h - 36;
  const max = Math.max(1, ...GRADES.map((g) => before[g]), ...(after ? GRADES.map((g) => after[g]) : []));
  const svg = sv("svg", { viewBox: `0 0 ${w} ${h}`, class: "bars", role: "img" });
  const label = GRADES.map((g) => `${t(g)} ${before[g]}${after ? ` → ${after[g]}` : ""}`).join(lang === "en" ? ", " : "，");
  svg.append(sv("title", {}, label));
  svg.setAttribute("aria-label", label);
  svg.append(sv("line", { x1: pad, y1: base, x2: w - 8, y2: base, class: "axis" }));
  const slot = (w - pad - 8) / 4;
  GRADES.forEach((g, k) => {
    const x0 = pad + k * slot + slot * 0.15;
    const bw = after ? slot * 0.34 : slot * 0.7;
    const bar = (v, x, cls) => {
      const bh = Math.round(((base - 16) * v) / max);
      svg.append(sv("rect", { x, y: base - bh, width: bw, height: bh, class: `b-${g} ${cls}` }));
      svg.append(sv("text", { x: x + bw / 2, y: base - bh - 3, "text-anchor": "middle" }, String(v)));
    };
    bar(before[g], x0, "");
    if (after) bar(after[g], x0 + bw + 2, "after");
    svg.append(sv("text", { x: x0 + (after ? bw + 1 : bw / 2), y: base + 16, "text-anchor": "middle" }, t(g)));
  });
  if (after) {
    svg.append(sv("text", { x: pad, y: h - 4 }, t("legend")));
  }
  return svg;
}

function gradeBadge(g) {
  return g ? el("span", { class: `grade ${g}`, text: t(g) }) : "—";
}
function signed(v, digits = 2) {
  if (v === null || v === undefined) return el("span", { text: "—" });
  const s = v > 0 ? `+${digits ? v.toFixed(digits) : v}` : v < 0 ? `−${digits ? Math.abs(v).toFixed(digits) : Math.abs(v)}` : digits ? "0.00" : "0";
  return el("span", { class: v > 0 ? "up" : v < 0 ? "down" : "", text: s });
}
function rankMove(v) {
  if (v === null || v === undefined) return el("span", { text: "—" });
  if (v === 0) return el("span", { text: "0" });
  return el("span", { class: v > 0 ? "up" : "down", text: `${v > 0 ? "↑" : "↓"}${Math.abs(v)}` });
}

function renderGlance() {
  const list = filtered();
  const c = countGrades(list);
  fill($("#dist-svg"), barChart(c));
  const avg = list.length ? (list.reduce((s, r) => s + hundredths(r.total), 0) / list.length / 100).toFixed(2) : "—";
  const failed = state.rows.filter((r) => !r.ok).length;
  fill($("#glance-summary"), 
    el("p", { text: t("glanceSummary", { n: list.length, avg, e: c.excellent, g: c.good, p: c.pass, f: c.fail }) }),
    failed ? el("p", { class: "bad", text: t("rankedFailed", { n: failed }) }) : null,
    el("p", { class: "hint", text: t("lastYearNote") }),
  );
  const table = el("table", { class: "grid ranking" });
  const head = [["thRank", "num"], ["thCode", "hide-narrow"], ["thUnit"], ["thCity", "hide-narrow"], ["thTotal", "num"], ["thGrade"], ["thLastTotal", "num hide-narrow"], ["thDeltaTotal", "num"], ["thDeltaRank", "num"]];
  table.append(el("thead", {}, el("tr", {}, ...head.map(([k, cls]) => el("th", { scope: "col", class: cls, text: t(k) })))));
  const body = el("tbody");
  const group = $("#f-group").checked;
  const sorted = [...list].sort((a, b) => (group ? a.cityCode.localeCompare(b.cityCode) : 0) || a.rank - b.rank || String(a.code).localeCompare(String(b.code)));
  let city = null;
  for (const r of sorted) {
    if (group && r.cityCode !== city) {
      city = r.cityCode;
      const inCity = sorted.filter((x) => x.cityCode === city);
      const avgC = (inCity.reduce((s, x) => s + hundredths(x.total), 0) / inCity.length / 100).toFixed(2);
      body.append(el("tr", { class: "city" }, el("th", { colspan: head.length, scope: "rowgroup", text: t("cityRow", { city: r.city, n: inCity.length, e: inCity.filter((x) => x.grade === "excellent").length, avg: avgC }) })));
    }
    const tr = el("tr", { class: "unit", tabindex: "0", "data-index": r.i, "data-unit": r.code },
      el("td", { class: "num", text: r.rank }),
      el("td", { class: "hide-narrow", text: r.code }),
      el("td", { text: r.name }),
      el("td", { class: "hide-narrow", text: r.city }),
      el("td", { class: "num", text: fmt(r.total) }),
      el("td", {}, gradeBadge(r.grade)),
      el("td", { class: "num hide-narrow", text: fmt(r.last ?? undefined) }),
      el("td", { class: "num" }, signed(r.dTotal)),
      el("td", { class: "num" }, rankMove(r.dRank)));
    body.append(tr);
  }
  table.append(body);
  fill($("#ranking"), list.length ? table : el("p", { class: "status", text: t("noData") }));
  $("#rank-xlsx").disabled = $("#rank-csv").disabled = !list.length;
}

function rankingSheet() {
  const rows = [[t("thRank"), t("thCode"), t("thUnit"), t("thCity"), t("thTotal"), t("thGrade"), t("thLastTotal"), t("thDeltaTotal"), t("thDeltaRank")]];
  const list = [...filtered()].sort((a, b) => a.rank - b.rank || String(a.code).localeCompare(String(b.code)));
  for (const r of list) rows.push([r.rank, r.code, r.name, r.city, r.total, t(r.grade), r.last ?? "", r.dTotal ?? "", r.dRank ?? ""]);
  return rows;
}

// ------------------------------------------------------------------------------------------ ledger
function ledgerLines(i) {
  const d = state.dossiers[i];
  const a = state.engine.score(d);
  return { d, a };
}
function lineName(l) {
  if (l.kind === "bonus") return l.indicator === "bonus_cap" ? msg(l.name) : `${t("kBonus")} ${l.indicator}`;
  return msg(l.name) + (l.derived ? t("derived") : "");
}
const INPUT_WORDS = {
  "n/a": { zh: "不适用", en: "n/a" }, rectified: { zh: "已整改", en: "rectified" }, unrectified: { zh: "未整改", en: "not rectified" },
  general: { zh: "一般", en: "general" }, larger: { zh: "较大", en: "larger" }, major: { zh: "重大", en: "major" }, especially_major: { zh: "特别重大", en: "especially major" },
};
/** A ledger line's input: numbers and grade letters as they are, the engine's words in the page's language. */
function inputText(v) {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return v;
  if (INPUT_WORDS[v]) return tx(INPUT_WORDS[v]);
  return /^[a-z]+(_[a-z]+)+$/.test(v) ? "" : v;
}
const KIND_KEY = { result: "kResult", process: "kProcess", bonus: "kBonus", deduction: "kDeduction" };
function ledgerSheet(i) {
  const { a } = ledgerLines(i);
  const rows = [[t("thItem"), t("thKind"), t("thInput"), t("thFraction"), t("thWeight"), t("thPoints"), t("thBasis")]];
  if (!a.ok) return rows;
  for (const l of a.lines) rows.push([lineName(l), t(KIND_KEY[l.kind] || "kResult"), inputText(l.input), l.fraction ?? "", l.weight ?? "", l.points, zhPunct(basisText(l.basis))]);
  rows.push([t("ledgerTotal"), "", "", "", "", a.total, t(a.grade)]);
  return rows;
}
function showLedger(i) {
  state.ledgerIndex = i;
  const d = state.dossiers[i];
  const rows = ledgerSheet(i);
  $("#ledger-title").textContent = t("ledgerTitle", { unit: d.unit?.name || d.unit?.id });
  const table = el("table", { class: "grid" });
  const cls = (k) => (k >= 2 && k <= 5 ? "num" : k === 6 || k === 3 ? "hide-narrow" : undefined);
  table.append(el("thead", {}, el("tr", {}, ...rows[0].map((h, k) => el("th", { scope: "col", class: k === 3 ? "num hide-narrow" : cls(k), text: h })))));
  const body = el("tbody");
  for (const r of rows.slice(1)) body.append(el("tr", {}, ...r.map((c, k) => el("td", { class: k === 3 ? "num hide-narrow" : cls(k), text: typeof c === "number" && k === 5 ? c.toFixed(2) : String(c) }))));
  table.append(body);
  fill($("#ledger-table"), table);
  $("#ledger").hidden = false;
  $("#ledger").scrollIntoView({ block: "nearest" });
}

// ------------------------------------------------------------------------------------------ data in
function setStatus(sel, text, bad = false) {
  const s = $(sel);
  s.textContent = text;
  s.classList.toggle("bad", bad);
}

let rankHandle = null;
async function rankAll({ scale = 1 } = {}) {
  if (!state.dossiers.length) return setStatus("#rank-status", t("needData"), true);
  rankHandle?.cancel();
  const started = performance.now();
  const batch = scale === 1 ? { dossiers: state.dossiers } : { base: state.dossiers, count: state.dossiers.length * scale };
  const count = batch.dossiers ? batch.dossiers.length : batch.count;
  document.body.dataset.running = "rank";
  $("#rank-cancel").disabled = false;
  $("#rank-progress").value = 0;
  const handle = (rankHandle = runPool("score", {}, batch, (done, total, w) => {
    $("#rank-progress").value = done / total;
    setStatus("#rank-status", t("ranking", { done, total, workers: w }));
  }));
  setStatus("#rank-status", t("ranking", { done: 0, total: count, workers: handle.workers }));
  try {
    const out = await handle.promise;
    if (out.cancelled) return setStatus("#rank-status", t("cancelled"));
    const ms = performance.now() - started;
    $("#rank-progress").value = 1;
    const results = new Array(count);
    for (const r of out.results) results[r.i] = r;
    const okCount = out.results.filter((r) => r.ok).length;
    setStatus("#rank-status", t("ranked", { n: okCount, s: (ms / 1000).toFixed(2), workers: out.workers }) + (okCount < count ? t("rankedFailed", { n: count - okCount }) : ""));
    document.body.dataset.rankMs = String(Math.round(ms));
    document.body.dataset.rankCount = String(count);
    document.body.dataset.rankWorkers = String(out.workers);
    if (scale === 1) {
      state.scored = results;
      buildRows();
      fillFilters();
      renderGlance();
    } else {
      const items = results.map((r, j) => ({ unit: `${state.dossiers[j % state.dossiers.length].unit.id}#${Math.floor(j / state.dossiers.length)}`, total: r?.ok ? r.total : undefined, grade: r?.grade }));
      const ranks = rankOf(items);
      const c = countGrades(items.filter((x) => x.total !== undefined));
      const top = ranks.indexOf(1);
      const topD = state.dossiers[top % state.dossiers.length];
      $("#glance-summary").append(el("p", { "data-big-run": count, text: t("bigRun", { n: count, e: c.excellent, g: c.good, p: c.pass, f: c.fail, top: topD?.unit?.name ?? "—", topTotal: fmt(items[top]?.total) }) }));
    }
    document.body.dataset.rankDone = String(Number(document.body.dataset.rankDone || 0) + 1);
  } catch (e) {
    setStatus("#rank-status", String(e.message), true);
  } finally {
    if (rankHandle === handle) rankHandle = null;
    delete document.body.dataset.running;
    $("#rank-cancel").disabled = true;
  }
}

async function setData(dossiers, source, cityNames = {}) {
  state.dossiers = dossiers;
  state.source = source;
  state.cityNames = { ...state.cityNames, ...cityNames };
  state.scored = [];
  $("#ledger").hidden = true;
  setStatus("#data-status", t("loaded", { n: dossiers.length, src: sourceText(source) }));
  saveSoon();
  await rankAll();
  document.body.dataset.dataLoaded = String(dossiers.length);
}
function sourceText(s) {
  if (!s) return "";
  if (s.kind === "sample") return t("srcSample");
  return t("srcSheet", { name: s.name, fmt: s.format === "csv" ? `CSV，${s.encoding === "utf-8" ? "UTF-8" : "GBK／GB18030"}` : "Excel" });
}

async function loadSample() {
  const res = await fetch("data/province.json");
  const p = await res.json();
  const names = {};
  for (const c of p.cities || []) names[c.id] = c.name;
  $("#year").value = p.year;
  $("#as-of").value = p.as_of;
  await setData(p.dossiers, { kind: "sample" }, names);
}

function renderImportIssues() {
  const box = $("#import-issues");
  const issues = state.importIssues;
  if (!issues.length) return fill(box);
  const table = el("table", { class: "grid issues" });
  table.append(el("thead", {}, el("tr", {}, ...["colRow", "colCol", "colHeader", "colProblem"].map((k) => el("th", { scope: "col", text: t(k) })))));
  const body = el("tbody");
  for (const i of issues.slice(0, 500)) body.append(el("tr", { "data-row": i.row, "data-column": i.column }, el("td", { text: i.row || "" }), el("td", { text: i.column }), el("td", { text: i.header }), el("td", { text: msg(i.message) })));
  table.append(body);
  fill(box, el("p", { class: state.imported ? "" : "bad", text: state.imported ? t("importIssues", { n: issues.length, ok: state.imported }) : t("importNone") }), el("div", { class: "table-wrap" }, table));
}

async function openSheet(file) {
  setStatus("#data-status", t("reading"));
  state.importIssues = [];
  renderImportIssues();
  let sheet;
  try {
    const { readSheetFile } = await import("./province-sheets.js");
    sheet = await readSheetFile(file);
  } catch (e) {
    return setStatus("#data-status", e.unsupported ? t("unsupported") : t("readFailed", { why: e.message }), true);
  }
  const options = { year: Number($("#year").value), as_of: $("#as-of").value };
  const { answer } = await inWorker("fromTable", { rows: sheet.rows, options });
  if (!answer.ok) {
    state.importIssues = [];
    return setStatus("#data-status", answer.errors.map((e) => msg(e.message)).join(lang === "en" ? "; " : "；"), true);
  }
  state.importIssues = answer.issues;
  state.imported = answer.dossiers.length;
  renderImportIssues();
  document.body.dataset.importEncoding = sheet.encoding || sheet.format;
  window.__lastImport = { dossiers: answer.dossiers, issues: answer.issues, format: sheet.format, encoding: sheet.encoding };
  if (answer.dossiers.length) await setData(answer.dossiers, { kind: "sheet", name: file.name, format: sheet.format, encoding: sheet.encoding });
  else setStatus("#data-status", t("importNone"), true);
  document.body.dataset.imported = String(Number(document.body.dataset.imported || 0) + 1);
}

async function downloadTemplate(format) {
  const { saveRows } = await import("./province-sheets.js");
  const { headers } = state.engine.tableTemplate();
  const rows = [headers.map((h) => (lang === "en" ? h.en : h.zh))];
  // One example row per unit already loaded makes the template a working copy; else one blank row.
  await saveRows(rows, `${t("sheetTemplate")}-${state.policy.id}`, format, { sheet: t("sheetTemplate"), widths: headers.map((h) => Math.max(10, h.zh.length * 2 + 2)) });
}

// ------------------------------------------------------------------------------------------ what-if
let whatifHandle = null;
function fillIndicators() {
  const sel = $("#w-indicator");
  const v = sel.value;
  fill(sel, ...state.policy.scheme.indicators.map((i) => el("option", { value: i.id, text: tx(i.name) })));
  if (v) sel.value = v;
  whatifHint();
}
function whatifHint() {
  const ind = state.policy.scheme.indicators.find((i) => i.id === $("#w-indicator").value);
  $("#w-hint").textContent = ind?.kind === "process" ? t("hintProcess") : t("hintResult");
  $("#w-amount").step = ind?.kind === "process" ? "1" : "0.1";
}
async function runWhatif() {
  if (!state.dossiers.length) return fill($("#w-result"), el("p", { class: "bad", text: t("needData") }));
  whatifHandle?.cancel();
  const indicator = $("#w-indicator").value, amount = Number($("#w-amount").value) || 0;
  const ind = state.policy.scheme.indicators.find((i) => i.id === indicator);
  const patchText = $("#w-patch").value.trim();
  let patch;
  if (patchText) {
    try {
      patch = JSON.parse(patchText);
    } catch {
      patch = null;
    }
    if (!Array.isArray(patch)) return fill($("#w-result"), el("p", { class: "bad", text: t("patchBad") }));
  }
  $("#w-cancel").disabled = false;
  document.body.dataset.running = "whatif";
  const h = (whatifHandle = runPool("whatif", patch ? { patch } : { indicator, amount }, { dossiers: state.dossiers }, (done, total) => {
    $("#w-progress").value = done / total;
    fill($("#w-result"), el("p", { class: "status", text: t("whatifRunning", { done, total }) }));
  }));
  try {
    const out = await h.promise;
    if (out.cancelled) return fill($("#w-result"), el("p", { class: "status", text: t("cancelled") }));
    $("#w-progress").value = 1;
    const res = out.results.filter((r) => r.ok).sort((a, b) => a.i - b.i);
    const refused = out.results.filter((r) => !r.ok && r.errors?.length);
    const order = (g) => GRADES.indexOf(g);
    const changed = res.filter((r) => r.before.grade !== r.after.grade);
    const up = changed.filter((r) => order(r.after.grade) < order(r.before.grade)).length;
    const mean = (k) => (res.length ? (res.reduce((s, r) => s + hundredths(r[k].total), 0) / res.length / 100).toFixed(2) : "—");
    const skipped = res.filter((r) => !r.applied).length;
    const table = el("table", { class: "grid", "data-grade-changes": changed.length });
    table.append(el("thead", {}, el("tr", {}, ...["thUnit", "thCity", "thBefore", "thAfter", "thDeltaTotal"].map((k) => el("th", { scope: "col", text: t(k) })))));
    const body = el("tbody");
    for (const r of changed) {
      const d = state.dossiers[r.i];
      body.append(el("tr", {}, el("td", { text: d.unit.name || d.unit.id }), el("td", { text: cityOf(d).name }),
        el("td", {}, `${fmt(r.before.total)} `, gradeBadge(r.before.grade)), el("td", {}, `${fmt(r.after.total)} `, gradeBadge(r.after.grade)),
        el("td", { class: "num" }, signed((hundredths(r.after.total) - hundredths(r.before.total)) / 100))));
    }
    table.append(body);
    const amt = ind?.kind === "process" ? `${amount > 0 ? "+" : ""}${amount}` : `${amount > 0 ? "+" : ""}${amount}`;
    fill($("#w-result"), 
      el("p", { text: patch ? t("patchDone", { changed: changed.length, up, down: changed.length - up, b: mean("before"), a: mean("after") }) : t("whatifDone", { ind: tx(ind?.name), amt, changed: changed.length, up, down: changed.length - up, b: mean("before"), a: mean("after") }) }),
      refused.length ? el("p", { class: "bad", text: t("patchFailed", { n: refused.length, why: msg(refused[0].errors[0].message) }) }) : null,
      skipped && !patch ? el("p", { class: "hint", text: t("whatifSkipped", { n: skipped }) }) : null,
      changed.length ? el("div", { class: "table-wrap" }, table) : el("p", { "data-grade-changes": 0, text: t("noneChange") }),
    );
  } catch (e) {
    fill($("#w-result"), el("p", { class: "bad", text: e.message }));
  } finally {
    if (whatifHandle === h) whatifHandle = null;
    delete document.body.dataset.running;
    $("#w-cancel").disabled = true;
  }
}

// ------------------------------------------------------------------------------------------ reform
const DED = [["general", "pGeneral"], ["larger", "pLarger"], ["major", "pMajor"], ["especially_major", "pEspMajor"]];
const PERIODS = [["circular_rectify_days", "pCircularDays"], ["yellow_card_rectify_days", "pYellowDays"], ["listed_rectify_days", "pListedDays"], ["listed_bar_days", "pListedBar"], ["veto_bar_days", "pVetoBar"], ["repeat_window_days", "pRepeatDays"]];

/** Every editor field: [label, JSON Pointer into the pack]. The pointer never reaches the screen. */
function numberInput(path, value, label, step = "0.01") {
  const input = el("input", { type: "number", step, value: String(value), "data-path": path, "aria-label": label });
  return input;
}
function buildEditor() {
  const p = state.draft;
  const tbl = $("#p-indicators");
  fill(tbl, el("thead", {}, el("tr", {}, ...["thIndicator", "thKind", "thWeight", "thZero", "thFull"].map((k) => el("th", { scope: "col", text: t(k) })))));
  const body = el("tbody");
  p.scheme.indicators.forEach((ind, k) => {
    const name = tx(ind.name);
    body.append(el("tr", {},
      el("th", { scope: "row", text: name + (ind.unit === "%" ? (lang === "en" ? " (%)" : "（%）") : "") }),
      el("td", { text: t(ind.kind === "result" ? "kResult" : "kProcess") }),
      el("td", {}, numberInput(`/scheme/indicators/${k}/weight`, ind.weight, `${name} ${t("thWeight")}`)),
      el("td", {}, ind.kind === "result" ? numberInput(`/scheme/indicators/${k}/zero_at`, ind.zero_at, `${name} ${t("thZero")}`, "0.1") : "—"),
      el("td", {}, ind.kind === "result" ? numberInput(`/scheme/indicators/${k}/full_at`, ind.full_at, `${name} ${t("thFull")}`, "0.1") : "—")));
  });
  tbl.append(body);
  const lab = (text, input) => el("label", {}, text, input);
  fill($("#p-grades"), ...p.scheme.grades.map((g, k) => lab(g.grade, numberInput(`/scheme/grades/${k}/fraction`, g.fraction, `${g.grade}`, "0.05"))));
  fill($("#p-bands"), ...p.scheme.bands.map((b, k) => lab(`${t(b.grade)} ≥`, numberInput(`/scheme/bands/${k}/min`, b.min, t(b.grade), "0.5"))));
  const bo = p.scheme.bonus;
  fill($("#p-bonus"), 
    lab(t("pBonusMin"), numberInput("/scheme/bonus/item_min", bo.item_min, t("pBonusMin"), "0.1")),
    lab(t("pBonusMax"), numberInput("/scheme/bonus/item_max", bo.item_max, t("pBonusMax"), "0.1")),
    lab(t("pBonusCap"), numberInput("/scheme/bonus/cap", bo.cap, t("pBonusCap"), "0.5")));
  const de = p.scheme.deductions;
  fill($("#p-deductions"), 
    ...DED.filter(([k]) => k in de.incident).map(([k, key]) => lab(t(key), numberInput(`/scheme/deductions/incident/${k}`, de.incident[k], t(key), "0.5"))),
    lab(t("pInspection"), numberInput("/scheme/deductions/inspection_finding", de.inspection_finding, t("pInspection"), "0.05")),
    lab(t("pUnrect"), numberInput("/scheme/deductions/unrectified_multiplier", de.unrectified_multiplier, t("pUnrect"), "0.5")),
    lab(t("pCircular"), numberInput("/scheme/deductions/circular", de.circular, t("pCircular"), "0.5")),
    lab(t("pDedCap"), numberInput("/scheme/deductions/cap", de.cap, t("pDedCap"), "1")));
  fill($("#p-periods"), ...PERIODS.filter(([k]) => p.parameters[k]).map(([k, key]) => lab(t(key), numberInput(`/parameters/${k}/value`, p.parameters[k].value, t(key), "1"))));
  checkDraft();
}

function labelFor(path) {
  const input = [...document.querySelectorAll("#policy-form [data-path]")].find((i) => path === i.dataset.path || path.startsWith(i.dataset.path + "/"));
  return input?.getAttribute("aria-label") || null;
}
const PATH_LABEL = [["/scheme/indicators", "weights"], ["/scheme/bands", "bands"], ["/scheme/bonus", "bonusLegend"], ["/scheme/deductions", "bonusLegend"], ["/scheme/grades", "gradesLegend"], ["/parameters", "periods"]];
let lastCheck = null;
function checkDraft() {
  const r = checkPolicy(state.draft);
  lastCheck = r;
  for (const i of document.querySelectorAll("#policy-form [data-path]")) i.removeAttribute("aria-invalid");
  const ind = state.draft.scheme.indicators;
  const sum = (k) => ind.filter((i) => i.kind === k).reduce((s, i) => s + hundredths(Number(i.weight) || 0), 0) / 100;
  $("#p-sum").textContent = t("sum", { r: sum("result"), p: sum("process"), s: (hundredths(sum("result")) + hundredths(sum("process"))) / 100 });
  const box = $("#p-check");
  if (r.ok) {
    fill(box, el("p", { class: "okmsg", text: t("checkOk") }));
    box.dataset.ok = "true";
    return true;
  }
  box.dataset.ok = "false";
  const items = r.errors.map((e) => {
    for (const i of document.querySelectorAll("#policy-form [data-path]")) if (e.path === i.dataset.path || e.path.startsWith(i.dataset.path + "/")) i.setAttribute("aria-invalid", "true");
    const where = labelFor(e.path) || t((PATH_LABEL.find(([p]) => e.path.startsWith(p)) || [null, "weights"])[1]);
    let text = msg(e.message);
    // Parameter names in the engine's messages are read as their labels.
    for (const [k, key] of PERIODS) text = text.split(k).join(t(key));
    return el("li", { text: `${where}${lang === "en" ? ": " : "："}${text}` });
  });
  fill(box, el("p", { class: "bad", text: t("checkBad", { n: r.errors.length }) }), el("ul", {}, ...items));
  return false;
}

let reformHandle = null;
async function runReform() {
  if (!state.dossiers.length) return fill($("#r-result"), el("p", { class: "bad", text: t("needData") }));
  if (!checkDraft()) return fill($("#r-result"), el("p", { class: "bad", text: t("fixFirst") }));
  reformHandle?.cancel();
  $("#r-cancel").disabled = false;
  document.body.dataset.running = "reform";
  const h = (reformHandle = runPool("reform", { policy: state.draft }, { dossiers: state.dossiers }, (done, total) => {
    $("#r-progress").value = done / total;
    fill($("#r-result"), el("p", { class: "status", text: t("reformRunning", { done, total }) }));
  }));
  try {
    const out = await h.promise;
    if (out.cancelled) return fill($("#r-result"), el("p", { class: "status", text: t("cancelled") }));
    $("#r-progress").value = 1;
    renderReform(out);
  } catch (e) {
    fill($("#r-result"), el("p", { class: "bad", text: (e.errors || []).map((x) => msg(x.message)).join("；") || e.message }));
  } finally {
    if (reformHandle === h) reformHandle = null;
    delete document.body.dataset.running;
    $("#r-cancel").disabled = true;
  }
}

function renderReform(out) {
  // Slices were reformed apart: the ranks are recomputed over the whole province (ties share a rank).
  const units = out.units.sort((a, b) => a.index - b.index);
  const rb = rankOf(units.map((u) => ({ unit: u.unit, total: u.before.total })));
  const ra = rankOf(units.map((u) => ({ unit: u.unit, total: u.after.total })));
  units.forEach((u, k) => {
    u.before.rank = rb[k];
    u.after.rank = ra[k];
  });
  const changed = units.filter((u) => u.before.grade !== u.after.grade);
  const rankMoved = units.filter((u) => u.before.rank !== u.after.rank);
  const up = rankMoved.filter((u) => u.after.rank < u.before.rank).length;
  const cb = countGrades(units.map((u) => u.before)), ca = countGrades(units.map((u) => u.after));
  const row = (u) => {
    const d = state.dossiers[u.index];
    return el("tr", { "data-unit": u.unit },
      el("td", { text: u.name || u.unit }), el("td", { class: "hide-narrow", text: d ? cityOf(d).name : "" }),
      el("td", { class: "num" }, `${fmt(u.before.total)}（${u.before.rank}）`), el("td", {}, gradeBadge(u.before.grade)),
      el("td", { class: "num" }, `${fmt(u.after.total)}（${u.after.rank}）`), el("td", {}, gradeBadge(u.after.grade)),
      el("td", { class: "num" }, signed(u.delta)), el("td", { class: "num" }, rankMove(u.before.rank - u.after.rank)));
  };
  const head = () => el("thead", {}, el("tr", {}, ...[["thUnit"], ["thCity", "hide-narrow"], [`${t("current")}（${t("thRank")}）`, "num"], ["thGrade"], [`${t("proposed")}（${t("thRank")}）`, "num"], ["thGrade"], ["thDeltaTotal", "num"], ["thDeltaRank", "num"]].map(([k, cls]) => el("th", { scope: "col", class: cls, text: T[k] ? t(k) : k }))));
  const gradeTable = el("table", { class: "grid", id: "r-grade-changes", "data-count": changed.length }, head(), el("tbody", {}, ...changed.map(row)));
  const movers = [...units].sort((a, b) => Math.abs(b.before.rank - b.after.rank) - Math.abs(a.before.rank - a.after.rank) || Math.abs(b.delta) - Math.abs(a.delta)).slice(0, 10).filter((u) => u.before.rank !== u.after.rank || u.delta !== 0);
  const moverTable = el("table", { class: "grid", id: "r-movers" }, head(), el("tbody", {}, ...movers.map(row)));
  const result = $("#r-result");
  result.dataset.movedGrades = String(changed.length);
  result.dataset.movedRanks = String(rankMoved.length);
  fill(result, 
    el("p", { text: t("reformSummary", { n: units.length, g: changed.length, r: rankMoved.length, up, down: rankMoved.length - up }) }),
    out.failed.length ? el("p", { class: "bad", text: t("reformFailed", { n: out.failed.length }) }) : null,
    el("div", { class: "compare" },
      el("figure", { class: "chart" }, el("figcaption", { text: `${t("distCaption")}：${t("current")} ／ ${t("proposed")}` }), barChart(cb, ca)),
      el("div", {}, el("h3", { text: t("movers") }), movers.length ? el("div", { class: "table-wrap" }, moverTable) : el("p", { text: t("noneChange") }))),
    el("h3", { text: t("gradeChanges") }),
    changed.length ? el("div", { class: "table-wrap" }, gradeTable) : el("p", { text: t("noneChange") }),
  );
}

async function downloadPack() {
  const { download } = await import("./province-sheets.js");
  const pack = structuredClone(state.draft);
  download(new Blob([JSON.stringify(pack, null, 2)], { type: "application/json" }), `${pack.id}-${pack.version}.json`);
}

// ------------------------------------------------------------------------------------------ language
function applyLang() {
  document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
  document.title = t("pageTitle");
  for (const e of document.querySelectorAll("[data-i18n]")) if (T[e.dataset.i18n]) e.textContent = t(e.dataset.i18n);
  const toggle = $("#lang-toggle");
  toggle.textContent = lang === "en" ? "中文" : "English";
  toggle.setAttribute("lang", lang === "en" ? "zh-CN" : "en");
  toggle.setAttribute("aria-pressed", String(lang === "en"));
  if (!state.engine) return;
  const v = version();
  $("#version").textContent = `${tx(v.policy?.title)} · pingan ${v.crate}`;
  if (state.source) setStatus("#data-status", t("loaded", { n: state.dossiers.length, src: sourceText(state.source) }));
  else setStatus("#data-status", t("ready"));
  fillIndicators();
  if (state.rows.length) {
    fillFilters();
    renderGlance();
  }
  renderImportIssues();
  if (state.draft) buildEditor();
  if (state.ledgerIndex !== null && !$("#ledger").hidden) showLedger(state.ledgerIndex);
  document.body.dataset.lang = lang;
}

// ------------------------------------------------------------------------------------------ start
async function offerRestore() {
  const [work, pack] = await Promise.all([store.get("work"), store.get("pack")]);
  if (!work?.dossiers?.length && !pack?.policy) return;
  const what = [work?.dossiers?.length ? t("restoreWork", { n: work.dossiers.length }) : null, pack?.policy ? t("restorePack") : null].filter(Boolean).join(lang === "en" ? " and " : "、");
  const when = new Date(work?.savedAt || pack?.savedAt).toLocaleString(lang === "en" ? "en-GB" : "zh-CN");
  $("#restore-text").textContent = t("restoreText", { what, when });
  $("#restore").hidden = false;
  $("#restore-yes").onclick = async () => {
    $("#restore").hidden = true;
    if (pack?.policy) {
      state.draft = pack.policy;
      buildEditor();
    }
    if (work?.dossiers?.length) await setData(work.dossiers, work.source, work.cityNames || {});
    document.body.dataset.restored = "yes";
  };
  $("#restore-no").onclick = async () => {
    $("#restore").hidden = true;
    await Promise.all([store.del("work"), store.del("pack")]);
    document.body.dataset.restored = "no";
  };
}

async function main() {
  applyLang();
  pingan = (await loadPingan()).module;
  state.engine = new pingan.Engine();
  state.policy = state.engine.policy();
  state.draft = structuredClone(defaultPolicy());
  applyLang();
  buildEditor();
  $("#load-sample").addEventListener("click", () => loadSample());
  $("#sheet-file").addEventListener("change", (e) => {
    const f = e.target.files?.[0];
    if (f) openSheet(f).finally(() => (e.target.value = ""));
  });
  $("#template-xlsx").addEventListener("click", () => downloadTemplate("xlsx"));
  $("#template-csv").addEventListener("click", () => downloadTemplate("csv"));
  for (const id of ["#f-city", "#f-grade", "#f-kind", "#f-group"]) $(id).addEventListener("change", renderGlance);
  const exportRanking = async (format) => {
    const { saveRows } = await import("./province-sheets.js");
    await saveRows(rankingSheet(), `${t("sheetRanking")}-${$("#year").value}`, format, { sheet: t("sheetRanking") });
  };
  $("#rank-xlsx").addEventListener("click", () => exportRanking("xlsx"));
  $("#rank-csv").addEventListener("click", () => exportRanking("csv"));
  $("#rank-run").addEventListener("click", () => rankAll({ scale: Number($("#scale").value) || 1 }));
  $("#rank-cancel").addEventListener("click", () => rankHandle?.cancel());
  $("#ranking").addEventListener("click", (e) => {
    const tr = e.target.closest("tr.unit");
    if (tr) showLedger(Number(tr.dataset.index));
  });
  $("#ranking").addEventListener("keydown", (e) => {
    const tr = e.target.closest("tr.unit");
    if (tr && (e.key === "Enter" || e.key === " ")) {
      e.preventDefault();
      showLedger(Number(tr.dataset.index));
    }
  });
  const exportLedger = async (format) => {
    const { saveRows } = await import("./province-sheets.js");
    const d = state.dossiers[state.ledgerIndex];
    await saveRows(ledgerSheet(state.ledgerIndex), `${t("sheetLedger")}-${d.unit.name || d.unit.id}`, format, { sheet: t("sheetLedger") });
  };
  $("#ledger-xlsx").addEventListener("click", () => exportLedger("xlsx"));
  $("#ledger-csv").addEventListener("click", () => exportLedger("csv"));
  $("#ledger-close").addEventListener("click", () => ($("#ledger").hidden = true));
  $("#w-indicator").addEventListener("change", whatifHint);
  $("#w-run").addEventListener("click", runWhatif);
  $("#w-cancel").addEventListener("click", () => whatifHandle?.cancel());
  $("#policy-form").addEventListener("input", (e) => {
    const path = e.target.dataset?.path;
    if (!path) return;
    const v = e.target.value.trim();
    setAt(state.draft, path, v === "" ? null : Number(v));
    checkDraft();
    saveSoon();
  });
  $("#r-run").addEventListener("click", runReform);
  $("#r-cancel").addEventListener("click", () => reformHandle?.cancel());
  $("#p-download").addEventListener("click", downloadPack);
  $("#p-reset").addEventListener("click", () => {
    state.draft = structuredClone(defaultPolicy());
    buildEditor();
    store.del("pack");
  });
  $("#lang-toggle").addEventListener("click", () => {
    lang = lang === "en" ? "zh" : "en";
    applyLang();
  });
  await offerRestore();
  document.body.dataset.ready = "true";
}

main().catch((e) => {
  setStatus("#data-status", String(e?.message || e), true);
  console.error(e);
});
