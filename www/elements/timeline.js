// <pingan-timeline>: each accountability case's rungs and deadlines, the as_of line, the bars as spans
// per subject, and the same facts as text (replay a past day with `at`). Importing this module registers
// nothing: elements.js does, or define() below.

import { PinganElement, defineElement } from "./internal/element.js";
import { label, ui } from "./internal/i18n.js";
import { asArray, formatBasis, dayNumber } from "./internal/format.js";
import { caseName, explainCase } from "./internal/explain.js";
import { h, s, replaceKids, uid, touchOnly } from "./internal/dom.js";

/** The element's tag name. */
export const TAG = "pingan-timeline";

export class PinganTimeline extends PinganElement {
  static get observedAttributes() {
    return [...PinganElement.observedAttributes, "at"];
  }
  constructor() {
    super();
    this._report = null;
  }
  get report() {
    return this._report;
  }
  /** Replay date (YYYY-MM-DD, rev. 2 `{ at }`): the cases as they stood that day; empty = the dossier's as_of. */
  get at() {
    return this.getAttribute("at") || "";
  }
  set at(v) {
    if (v) this.setAttribute("at", v);
    else this.removeAttribute("at");
  }
  render({ engine }, lang) {
    const d = this._dossier;
    const at = this.at;
    const result = /^\d{4}-\d{2}-\d{2}$/.test(at) && d && at < d.as_of ? engine.evaluate(d, { at }) : engine.evaluate(d);
    this._report = result;
    if (!result || !result.ok) {
      replaceKids(this, this.errorBox(result, lang));
      this.emit({ ok: false, result, dossier: d });
      return;
    }
    // The day the answer speaks for: the replay date when one is set, else the dossier's as_of.
    const asOf = result.as_of || d.as_of;
    const acc = result.accountability || { cases: [], bars: [] };
    const cases = asArray(acc.cases);
    const bars = asArray(acc.bars);
    const leaders = new Map(asArray(d.leaders).map((l) => [l.id, l]));
    const subjectName = (id) => (leaders.has(id) ? leaders.get(id).name || id : id === (d.unit && d.unit.id) ? (d.unit.name || id) : id);
    const rect = new Map(asArray(d.rectifications).map((r) => [r.case, r.accepted_on]));
    const caseOf = (id) => caseName(cases.find((c) => c.id === id) || { id }, lang);

    const heading = h("h3", { className: "pingan-heading", text: ui("cases", lang) });
    if (!cases.length && !bars.length) {
      replaceKids(this, heading, h("p", { className: "pingan-legend", text: lang === "en" ? `${ui("noCases", lang)} (${ui("asOf", lang)} ${asOf})` : `${ui("noCases", lang)}（${ui("asOf", lang)} ${asOf}）` }));
      this.emit({ ok: true, result, dossier: d });
      return;
    }
    // Time range.
    const days = [dayNumber(asOf)];
    for (const c of cases) {
      days.push(dayNumber(c.opened_on));
      for (const st of asArray(c.steps)) days.push(dayNumber(st.date), dayNumber(st.deadline));
      if (c.next) days.push(dayNumber(c.next.due));
      if (rect.has(c.id)) days.push(dayNumber(rect.get(c.id)));
    }
    for (const b of bars) days.push(dayNumber(b.from), dayNumber(b.until));
    const good = days.filter(Number.isFinite);
    let t0 = Math.min(...good), t1 = Math.max(...good);
    // Whole months around the range.
    const m0 = new Date(t0 * 86400000), m1 = new Date(t1 * 86400000);
    t0 = Date.UTC(m0.getUTCFullYear(), m0.getUTCMonth(), 1) / 86400000;
    t1 = Date.UTC(m1.getUTCFullYear(), m1.getUTCMonth() + 1, 1) / 86400000;
    const labelW = 150, plotW = 720, W = labelW + plotW + 20, rowH = 44, axisH = 28, legendH = 26;
    const barSubjects = [...new Set(bars.map((b) => b.subject))];
    const H = axisH + cases.length * rowH + (barSubjects.length ? 24 + barSubjects.length * 26 : 0) + 20 + legendH;
    const x = (day) => labelW + ((day - t0) / Math.max(1, t1 - t0)) * plotW;
    const titleId = uid("pingan-tl-title");
    const svg = s("svg", { className: "pingan-timeline-svg", viewBox: `0 0 ${W} ${H}`, role: "group", "aria-labelledby": titleId });
    svg.append(s("title", { id: titleId }, `${ui("cases", lang)} · ${ui("asOf", lang)} ${asOf}`));
    // Month grid and axis.
    const months = [];
    for (let dt = new Date(t0 * 86400000); dt.getTime() / 86400000 <= t1; dt = new Date(Date.UTC(dt.getUTCFullYear(), dt.getUTCMonth() + 1, 1))) months.push(dt);
    const step = Math.max(1, Math.ceil(months.length / 14));
    months.forEach((dt, i) => {
      const day = dt.getTime() / 86400000;
      svg.append(s("line", { x1: x(day), x2: x(day), y1: axisH - 6, y2: H - legendH - 4, className: "pingan-grid" }));
      if (i % step === 0) {
        const txt = dt.getUTCMonth() === 0 || i === 0 ? `${dt.getUTCFullYear()}-${String(dt.getUTCMonth() + 1).padStart(2, "0")}` : `${dt.getUTCMonth() + 1}${lang === "en" ? "" : "月"}`;
        svg.append(s("text", { x: x(day) + 2, y: axisH - 10 }, txt));
      }
    });
    svg.append(s("line", { x1: labelW, x2: labelW + plotW, y1: axisH - 6, y2: axisH - 6, className: "pingan-axis" }));
    const detail = h("p", { className: "pingan-detail", "aria-live": "polite", text: ui(touchOnly() ? "markerHintTouch" : "markerHint", lang) });
    const focusable = (g, text) => {
      g.setAttribute("tabindex", "0");
      g.setAttribute("role", "img");
      g.setAttribute("aria-label", text);
      g.classList.add("pingan-marker");
      g.append(s("title", null, text));
      const showIt = () => (detail.textContent = text);
      g.addEventListener("focus", showIt);
      g.addEventListener("mouseenter", showIt);
      g.addEventListener("click", showIt);
    };
    cases.forEach((c, i) => {
      const y = axisH + i * rowH + 6;
      svg.append(s("text", { x: 4, y: y + 12, "font-weight": "700" }, s("title", null, `${caseName(c, lang)} · ${c.id}`), caseName(c, lang, false)));
      svg.append(s("text", { x: 4, y: y + 28, className: "pingan-sub" }, `${c.status === "closed" ? ui("closed", lang) : ui("open", lang)} · ${c.opened_on}`));
      for (const st of asArray(c.steps)) {
        const a = dayNumber(st.date), b = dayNumber(st.deadline);
        if (Number.isFinite(b)) svg.append(s("rect", { x: x(a), y: y + 7, width: Math.max(1, x(b) - x(a)), height: 10, className: "pingan-period" }));
      }
      asArray(c.steps).forEach((st, k) => {
        const a = dayNumber(st.date);
        const sameDay = asArray(c.steps).slice(0, k).filter((o) => o.date === st.date).length;
        const g = s("g", { "data-case": c.id, "data-measure": st.measure, "data-date": st.date });
        g.append(s("circle", { cx: x(a) + sameDay * 9, cy: y + 12, r: 7, className: `pingan-m-${st.measure}` }));
        const who = asArray(st.targets).map(subjectName).join(lang === "en" ? ", " : "、");
        focusable(
          g,
          `${caseName(c, lang)} · ${label("measure", st.measure, lang)} ${st.date}` +
            (st.deadline ? ` · ${ui("deadline", lang)} ${st.deadline}` : "") +
            (who ? ` · ${ui("targets", lang)}${lang === "en" ? ": " : "："}${who}` : "") +
            (asArray(st.basis).length ? ` · ${ui("basis", lang)}${lang === "en" ? ": " : "："}${asArray(st.basis).map((b) => formatBasis(b, lang)).join(lang === "en" ? "; " : "；")}` : ""),
        );
        svg.append(g);
        if (st.deadline) svg.append(s("line", { x1: x(dayNumber(st.deadline)), x2: x(dayNumber(st.deadline)), y1: y + 3, y2: y + 21, className: "pingan-axis" }));
      });
      if (rect.has(c.id) && c.status === "closed") {
        const g = s("g", { "data-case": c.id, "data-rectified": rect.get(c.id) });
        g.append(s("rect", { x: x(dayNumber(rect.get(c.id))) - 5, y: y + 7, width: 10, height: 10, className: "pingan-bar-weight" }));
        focusable(g, `${caseName(c, lang)} · ${ui("closed", lang)} ${rect.get(c.id)}`);
        svg.append(g);
      }
      if (c.next) {
        const g = s("g", { "data-case": c.id, "data-next": c.next.measure, "data-date": c.next.due });
        g.append(s("circle", { cx: x(dayNumber(c.next.due)), cy: y + 12, r: 6, className: "pingan-next" }));
        focusable(g, `${caseName(c, lang)} · ${ui("next", lang)}${lang === "en" ? ": " : "："}${label("measure", c.next.measure, lang)} ${c.next.due}`);
        svg.append(g);
      }
    });
    if (barSubjects.length) {
      let y = axisH + cases.length * rowH + 16;
      svg.append(s("text", { x: 4, y: y }, ui("bars", lang)));
      y += 8;
      const whats = ["honours", "commendation", "promotion"];
      for (const subj of barSubjects) {
        svg.append(s("text", { x: 4, y: y + 14 }, subjectName(subj)));
        for (const b of bars.filter((z) => z.subject === subj)) {
          const k = Math.max(0, whats.indexOf(b.what));
          const a = dayNumber(b.from), e = dayNumber(b.until);
          const g = s("g", { "data-subject": subj, "data-what": b.what, "data-from": b.from, "data-until": b.until });
          g.append(s("rect", { x: x(a), y: y + 3 + k * 6, width: Math.max(2, x(e) - x(a)), height: 5, className: `pingan-bar-${b.what}` }));
          focusable(g, `${subjectName(subj)} · ${label("what", b.what, lang)} ${b.from} – ${b.until}${lang === "en" ? ` (${caseOf(b.case)})` : `（${caseOf(b.case)}）`}`);
          svg.append(g);
        }
        y += 26;
      }
    }
    // Legend: the measures' colours and the bars'.
    {
      let lx = 4;
      const ly = H - legendH + 6;
      const item = (shape, text) => {
        svg.append(shape(lx), s("text", { x: lx + 14, y: ly + 10 }, text));
        lx += 14 + Array.from(text).reduce((w, ch) => w + (/[\u2e80-\uffff]/.test(ch) ? 12.5 : 6.8), 0) + 14;
      };
      for (const m of ["circular", "yellow_card", "listed_supervision", "one_vote_veto"]) {
        item((x0) => s("circle", { cx: x0 + 5, cy: ly + 6, r: 5, className: `pingan-m-${m}` }), label("measure", m, lang) + (m === "yellow_card" ? (lang === "en" ? " / interview" : "/约谈") : ""));
      }
      item((x0) => s("rect", { x: x0, y: ly + 1, width: 10, height: 10, className: "pingan-period" }), ui("periodWord", lang));
      if (bars.length) for (const w of ["honours", "commendation", "promotion"]) item((x0) => s("rect", { x: x0, y: ly + 3, width: 10, height: 6, className: `pingan-bar-${w}` }), label("what", w, lang));
    }
    const ax = x(dayNumber(asOf));
    svg.append(s("line", { x1: ax, x2: ax, y1: axisH - 14, y2: H - legendH - 4, className: "pingan-asof", "data-as-of": asOf }));
    svg.append(s("text", { x: Math.min(ax + 3, W - 110), y: H - legendH - 6 }, `${ui("asOf", lang)} ${asOf}`));

    // The same facts as text: a list per case with its steps and explanation.
    const list = h("ol", { className: "pingan-cases" });
    for (const c of cases) {
      const steps = h("ul", { className: "pingan-steps" });
      for (const st of asArray(c.steps)) {
        steps.append(
          h(
            "li",
            { "data-case": c.id, "data-measure": st.measure, "data-date": st.date, "data-deadline": st.deadline || "" },
            `${st.date} ${label("measure", st.measure, lang)}`,
            st.deadline ? ` → ${ui("deadline", lang)} ${st.deadline}` : "",
          ),
        );
      }
      if (c.next) steps.append(h("li", { "data-case": c.id, "data-next": c.next.measure, "data-date": c.next.due }, `${ui("next", lang)}${lang === "en" ? ": " : "："}${c.next.due} ${label("measure", c.next.measure, lang)}`));
      list.append(
        h(
          "li",
          { "data-case": c.id, "data-status": c.status },
          h("strong", { className: "pingan-case-name", text: `${caseName(c, lang)} · ${c.status === "closed" ? ui("closed", lang) : ui("open", lang)}` }),
          " ",
          h("small", { className: "pingan-id", text: c.id }),
          h("p", { className: "pingan-explain", text: explainCase(c, d, lang) }),
          steps,
        ),
      );
    }
    const wrap = [heading, h("div", { className: "pingan-scroll" }, svg), detail, list];
    if (bars.length) {
      const bl = h("ul", { className: "pingan-bars" });
      for (const b of bars) bl.append(h("li", { "data-subject": b.subject, "data-what": b.what }, `${subjectName(b.subject)}${lang === "en" ? ": " : "："}${label("what", b.what, lang)} ${b.from} – ${b.until}${lang === "en" ? ` (${caseOf(b.case)})` : `（${caseOf(b.case)}）`}`));
      wrap.push(h("h4", { text: ui("bars", lang) }), bl);
    }
    replaceKids(this, ...wrap);
    this.emit({ ok: true, result, dossier: d });
  }
}

/** Register <pingan-timeline> (once; a name already taken is left alone). */
export function define() {
  defineElement(TAG, PinganTimeline);
}
