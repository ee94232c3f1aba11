// <pingan-scorecard>: total, grade, chart and ledger of a dossier (evaluate, or score with mode="score"),
// or of a report / assessment already computed (the `report` property). Importing this module registers
// nothing: elements.js does, or define() below.

import { PinganElement, defineElement } from "./internal/element.js";
import { LABELS, label, tx, ui } from "./internal/i18n.js";
import { asArray, fmt2, formatBasis } from "./internal/format.js";
import { caseName } from "./internal/explain.js";
import { h, s, replaceKids, uid } from "./internal/dom.js";

/** The element's tag name. */
export const TAG = "pingan-scorecard";

/** The policy's indicators by id. */
function indicatorNames(policy) {
  const m = new Map();
  const inds = (policy && policy.scheme && policy.scheme.indicators) || [];
  for (const i of inds) m.set(i.id, i);
  return m;
}

export class PinganScorecard extends PinganElement {
  static get observedAttributes() {
    return [...PinganElement.observedAttributes, "mode", "nochart"];
  }
  constructor() {
    super();
    this._report = null;
    this._given = null;
  }
  /** Render a report (or an assessment) already computed, without asking the engine. */
  set report(r) {
    this._given = r;
    this.schedule();
  }
  get report() {
    return this._report;
  }
  hasInput() {
    return !!this._given;
  }
  set dossier(d) {
    this._given = null;
    this._dossier = d;
    this.schedule();
  }
  get dossier() {
    return this._dossier;
  }
  render({ engine, policy }, lang) {
    let result;
    if (this._given) result = { ok: true, ...this._given };
    else if (this.getAttribute("mode") === "score") result = engine.score(this._dossier);
    else result = engine.evaluate(this._dossier);
    this._report = result;
    if (!result || !result.ok) {
      replaceKids(this, this.errorBox(result, lang));
      this.emit({ ok: false, result, dossier: this._dossier });
      return;
    }
    const a = result.assessment || (result.lines ? result : null);
    if (!a) {
      replaceKids(this, this.errorBox({ errors: [] }, lang));
      return;
    }
    const names = indicatorNames(policy);
    const unit = (result.unit && (result.unit.name || result.unit.id)) || (this._dossier && this._dossier.unit && this._dossier.unit.name) || "";
    const year = this._dossier && this._dossier.year;
    const head = h(
      "div",
      { className: "pingan-headline" },
      unit ? h("strong", { className: "pingan-unit", text: year ? `${unit} · ${year}` : unit }) : null,
      h("span", null, ui("total", lang), " ", h("span", { className: "pingan-total", "data-total": String(a.total), text: fmt2(a.total) })),
      h("span", null, ui("grade", lang), " ", h("span", { className: `pingan-grade pingan-grade-${a.grade}`, "data-grade": a.grade, text: label("grade", a.grade, lang) })),
      a.vetoed ? h("span", { className: "pingan-veto", text: ui("vetoed", lang) }) : null,
      h("span", { className: "pingan-legend" }, `${ui("base", lang)} ${fmt2(a.base)} · ${ui("bonus", lang)} +${fmt2(a.bonus)} · ${ui("deductions", lang)} −${fmt2(a.deductions)}`),
    );
    const parts = [head];
    if (!this.hasAttribute("nochart")) parts.push(scoreChart(a, names, lang));
    parts.push(h("div", { className: "pingan-scroll" }, ledgerTable(a, names, lang)));
    replaceKids(this, ...parts);
    this.emit({ ok: true, result, dossier: this._dossier });
  }
}

const LINE_PREFIX = {
  incident: { zh: "案（事）件", en: "incident" }, inspection: { zh: "明察暗访", en: "inspection" },
  circular: { zh: "通报", en: "circular" }, bonus: { zh: "加分", en: "bonus" }, cap: { zh: "封顶调整", en: "cap" },
};

function lineName(line, names, lang) {
  const ind = names.get(line.indicator);
  if (ind) return tx(ind.name, lang);
  const id = String(line.indicator == null ? "" : line.indicator);
  const m = /^([a-z_]+)[/:](.*)$/.exec(id);
  // A circular line names its case: the case's plain name, not its id (the id is in the row's small print).
  if (m && m[1] === "circular") return `${tx(LINE_PREFIX.circular, lang)}${lang === "en" ? ": " : "："}${caseName({ id: m[2] }, lang, false)}`;
  if (m && LINE_PREFIX[m[1]]) return `${tx(LINE_PREFIX[m[1]], lang)} ${m[2]}`;
  if (line.kind === "bonus" && !m) return `${tx(LINE_PREFIX.bonus, lang)} ${id}`;
  return id;
}

export function scoreChart(a, names, lang) {
  const lines = asArray(a.lines).filter((l) => l.kind === "result" || l.kind === "process");
  const textW = (t) => Array.from(t).reduce((w, ch) => w + (/[\u2e80-\uffff]/.test(ch) ? 12.5 : 6.8), 0);
  const labelW = Math.min(300, Math.max(120, Math.ceil(Math.max(0, ...lines.map((l) => textW(lineName(l, names, lang)))) + 14)));
  const rowH = 26, barW = 420, top = 30, W = labelW + barW + 90;
  const H = top + lines.length * rowH + 10;
  const maxW = Math.max(1, ...lines.map((l) => Number(l.weight) || 0));
  const sx = (v) => (Math.max(0, Number(v) || 0) / maxW) * barW;
  const title = ui("chartTitle", lang);
  const titleId = uid("pingan-chart-title");
  const svg = s("svg", { className: "pingan-chart", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-labelledby": titleId });
  svg.append(s("title", { id: titleId }, title));
  // Legend.
  svg.append(
    s("rect", { x: labelW, y: 6, width: 14, height: 12, className: "pingan-bar-weight" }),
    s("text", { x: labelW + 18, y: 16 }, ui("chartWeight", lang)),
    s("rect", { x: labelW + 80, y: 6, width: 14, height: 12, className: "pingan-bar-points" }),
    s("text", { x: labelW + 98, y: 16 }, ui("chartPoints", lang)),
  );
  lines.forEach((l, i) => {
    const y = top + i * rowH;
    const name = lineName(l, names, lang);
    const g = s("g", { "data-indicator": l.indicator });
    g.append(
      s("title", null, `${name}${lang === "en" ? ": " : "："}${fmt2(l.points)} / ${fmt2(l.weight)}`),
      s("text", { x: labelW - 8, y: y + 15, "text-anchor": "end" }, name),
      s("rect", { x: labelW, y: y + 3, width: sx(l.weight), height: 16, className: "pingan-bar-weight" }),
      s("rect", { x: labelW, y: y + 6, width: sx(l.points), height: 10, className: `pingan-bar-points pingan-${l.kind}`, "data-points": String(l.points) }),
      s("text", { x: labelW + sx(l.weight) + 6, y: y + 15 }, `${fmt2(l.points)} / ${fmt2(l.weight)}`),
    );
    svg.append(g);
  });
  return svg;
}

const INPUT_WORDS = {
  rectified: { zh: "已整改", en: "rectified" }, unrectified: { zh: "未整改", en: "not rectified" },
  "n/a": { zh: "不适用", en: "n/a" }, derived: { zh: "推定", en: "derived" },
};

function ledgerTable(a, names, lang) {
  const t = h("table", { className: "pingan-table pingan-ledger" });
  t.append(h("caption", { text: ui("ledger", lang) }));
  t.append(
    h("thead", null, h("tr", null, ...["indicator", "kindCol", "input", "fraction", "weight", "points", "basis"].map((k) => h("th", { scope: "col", text: ui(k, lang) })))),
  );
  const body = h("tbody");
  for (const l of asArray(a.lines)) {
    let input = l.input == null || /^circular[/:]/.test(String(l.indicator)) ? "" : typeof l.input === "object" ? "" : String(l.input);
    if (typeof l.input === "string") {
      if (LABELS.severity[l.input]) input = label("severity", l.input, lang);
      else if (INPUT_WORDS[l.input]) input = tx(INPUT_WORDS[l.input], lang);
    }
    const frac = l.fraction == null ? "" : typeof l.fraction === "number" ? String(Math.round(l.fraction * 10000) / 10000) : String(l.fraction);
    const basis = asArray(l.basis).map((b) => formatBasis(b, lang)).join(lang === "en" ? "; " : "；");
    body.append(
      h(
        "tr",
        { "data-indicator": l.indicator, "data-kind": l.kind },
        h("th", { scope: "row" }, lineName(l, names, lang), /^circular[/:]/.test(String(l.indicator)) ? [" ", h("small", { className: "pingan-id", text: String(l.indicator).replace(/^circular[/:]/, "") })] : null),
        h("td", { text: label("kind", l.kind, lang) }),
        h("td", { className: "num", text: input }),
        h("td", { className: "num", text: frac }),
        h("td", { className: "num", text: l.weight == null ? "" : fmt2(l.weight) }),
        h("td", { className: "num", text: fmt2(l.points) }),
        h("td", { text: basis }),
      ),
    );
  }
  t.append(body);
  t.append(
    h(
      "tfoot",
      null,
      h("tr", null, h("th", { scope: "row", colspan: "5", text: `${ui("total", lang)} = ${ui("base", lang)} + ${ui("bonus", lang)} − ${ui("deductions", lang)}` }), h("td", { className: "num", text: fmt2(a.total) }), h("td")),
    ),
  );
  return t;
}

/** Register <pingan-scorecard> (once; a name already taken is left alone). */
export function define() {
  defineElement(TAG, PinganScorecard);
}
