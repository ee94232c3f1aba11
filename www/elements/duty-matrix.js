// <pingan-duty-matrix>: leaders × duties, met / unmet / not checkable, each cell's article and our summary
// (hover, focus or tap), the applicability of the measures and the compliance findings. Importing this
// module registers nothing: elements.js does, or define() below.

import { PinganElement, defineElement } from "./internal/element.js";
import { label, tx, ui } from "./internal/i18n.js";
import { asArray, formatBasis } from "./internal/format.js";
import { describeEvidence } from "./internal/explain.js";
import { h, replaceKids, touchOnly } from "./internal/dom.js";

/** The element's tag name. */
export const TAG = "pingan-duty-matrix";

const MARK = { met: "✓", unmet: "✗", not_checkable: "○" };

export class PinganDutyMatrix extends PinganElement {
  static get observedAttributes() {
    return [...PinganElement.observedAttributes, "nofindings"];
  }
  constructor() {
    super();
    this._report = null;
    this._selected = null;
  }
  get report() {
    return this._report;
  }
  render({ engine, policy }, lang) {
    const d = this._dossier;
    const result = engine.evaluate(d);
    this._report = result;
    if (!result || !result.ok) {
      replaceKids(this, this.errorBox(result, lang));
      this.emit({ ok: false, result, dossier: d });
      return;
    }
    const duties = asArray(result.duties);
    const catalogue = new Map(asArray(policy && policy.duties).map((x) => [x.id, x]));
    const leaderIds = [...new Set([...asArray(d.leaders).map((l) => l.id), ...duties.map((x) => x.leader)])].filter((id) => duties.some((x) => x.leader === id));
    const leaders = new Map(asArray(d.leaders).map((l) => [l.id, l]));
    const dutyIds = [...new Set(duties.map((x) => x.duty))];
    const cell = new Map(duties.map((x) => [`${x.leader}\u0000${x.duty}`, x]));
    const summaryOf = (x) => {
      const b = asArray(x.basis)[0];
      const cat = catalogue.get(x.duty);
      return (cat && cat.summary) || (b && b.summary) || null;
    };
    const basisOf = (x) => {
      const bs = asArray(x.basis);
      if (bs.length) return bs.map((b) => formatBasis(b, lang)).join(lang === "en" ? "; " : "；");
      const cat = catalogue.get(x.duty);
      return cat ? formatBasis({ source: "zj-lrs", article: cat.article, clause: cat.clause, item: cat.item }, lang) : "";
    };

    const detail = h("div", { className: "pingan-detail", "aria-live": "polite" }, h("span", { text: ui(touchOnly() ? "detailHintTouch" : "detailHint", lang) }));
    const showDetail = (x, btn) => {
      const l = leaders.get(x.leader);
      replaceKids(detail, 
        h("strong", { text: `${l ? l.name || l.id : x.leader} · ${basisOf(x)}` }),
        h("br"),
        tx(summaryOf(x), lang) || x.duty,
        h("br"),
        `${label("status", x.status, lang)} · ${ui("evidence", lang)}${lang === "en" ? ": " : "："}${asArray(x.evidence).map((p) => describeEvidence(d, p, lang)).join(lang === "en" ? "; " : "；") || ui("none", lang)}`,
      );
      detail.dataset.leader = x.leader;
      detail.dataset.duty = x.duty;
      if (btn) {
        for (const b of this.querySelectorAll(".pingan-cell[aria-pressed]")) b.setAttribute("aria-pressed", "false");
        btn.setAttribute("aria-pressed", "true");
        this._selected = `${x.leader}\u0000${x.duty}`;
      }
    };

    const table = h("table", { className: "pingan-table pingan-matrix" });
    table.append(h("caption", { text: ui("duties", lang) }));
    const headRow = h("tr", null, h("th", { scope: "col", text: ui("duty", lang) }));
    for (const id of leaderIds) {
      const l = leaders.get(id) || { id };
      headRow.append(h("th", { scope: "col", "data-leader": id }, l.name || id, h("br"), h("small", { text: label("role", l.role, lang) })));
    }
    table.append(h("thead", null, headRow));
    const body = h("tbody");
    let restoreBtn = null;
    for (const dutyId of dutyIds) {
      const any = duties.find((x) => x.duty === dutyId);
      const row = h("tr", { "data-duty": dutyId });
      row.append(h("th", { scope: "row" }, tx(summaryOf(any), lang) || dutyId, h("br"), h("small", { text: basisOf(any) })));
      for (const lid of leaderIds) {
        const x = cell.get(`${lid}\u0000${dutyId}`);
        if (!x) {
          row.append(h("td", { className: "pingan-na", "aria-label": ui("notHis", lang), text: "—" }));
          continue;
        }
        const l = leaders.get(lid);
        const desc = `${l ? l.name || lid : lid} · ${tx(summaryOf(x), lang) || dutyId} · ${basisOf(x)} · ${label("status", x.status, lang)}`;
        const btn = h("button", {
          type: "button",
          className: "pingan-cell",
          "data-leader": lid,
          "data-duty": dutyId,
          "data-status": x.status,
          "aria-pressed": "false",
          "aria-label": desc,
          title: desc,
          text: MARK[x.status] || "?",
        });
        btn.addEventListener("click", () => showDetail(x, btn));
        btn.addEventListener("focus", () => showDetail(x, null));
        btn.addEventListener("mouseenter", () => showDetail(x, null));
        if (this._selected === `${lid}\u0000${dutyId}`) restoreBtn = [x, btn];
        row.append(h("td", null, btn));
      }
      body.append(row);
    }
    table.append(body);
    const legend = h("p", { className: "pingan-legend" }, `${MARK.met} ${label("status", "met", lang)}  ${MARK.unmet} ${label("status", "unmet", lang)}  ${MARK.not_checkable} ${label("status", "not_checkable", lang)}  — ${ui("notHis", lang)}`);
    const parts = [];
    if (result.applicability) {
      const ap = result.applicability;
      const key = ap.applies === "full" ? "appliesFull" : ap.applies === "by_reference" ? "appliesRef" : "appliesNone";
      const bases = asArray(ap.basis).map((b) => formatBasis(b, lang)).join(lang === "en" ? "; " : "；");
      parts.push(h("p", { className: "pingan-legend", "data-applies": ap.applies }, lang === "en" ? `${ui("applicability", lang)}: ${ui(key, lang)} (${bases})` : `${ui("applicability", lang)}：${ui(key, lang)}（${bases}）`));
    }
    parts.push(h("div", { className: "pingan-matrix-wrap" }, table), legend, detail);
    if (!this.hasAttribute("nofindings")) {
      const findings = asArray(result.findings);
      const fl = h("ul", { className: "pingan-findings" });
      for (const f of findings) {
        const fb = asArray(f.basis).map((b) => formatBasis(b, lang)).join(lang === "en" ? "; " : "；");
        fl.append(h("li", { "data-code": f.code, "data-path": f.path || "" }, tx(f.message, lang), fb ? (lang === "en" ? ` (${fb})` : `（${fb}）`) : ""));
      }
      parts.push(h("h4", { text: ui("findings", lang) }), findings.length ? fl : h("p", { className: "pingan-legend", text: ui("noFindings", lang) }));
    }
    replaceKids(this, ...parts);
    if (restoreBtn) showDetail(...restoreBtn);
    this.emit({ ok: true, result, dossier: d });
  }
}

/** Register <pingan-duty-matrix> (once; a name already taken is left alone). */
export function define() {
  defineElement(TAG, PinganDutyMatrix);
}
