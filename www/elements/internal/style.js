// The elements' default look, as a constructed stylesheet (allowed under a strict CSP; no <style> element
// needed), installed by the first element that connects. Selectors are wrapped in :where() so that any
// host stylesheet wins. No side effect on import.

const STYLE = `
:where(pingan-form-check, pingan-scorecard, pingan-timeline, pingan-duty-matrix) { display: block; }
:where(.pingan-msg) { display: block; color: #b3261e; font-size: 0.875em; margin: 0.15em 0 0.4em; }
:where(.pingan-msg.pingan-warning) { color: #7a5200; }
:where(.pingan-msg:empty) { display: none; }
:where([aria-invalid="true"]) { outline: 2px solid #b3261e; outline-offset: 1px; }
:where(.pingan-summary) { color: #b3261e; margin: 0.5em 0; }
:where(.pingan-summary:empty) { display: none; }
:where(.pingan-table) { border-collapse: collapse; width: 100%; font-size: 0.9em; }
:where(.pingan-table th, .pingan-table td) { border: 1px solid #c9ced6; padding: 0.25em 0.45em; text-align: left; vertical-align: top; }
:where(.pingan-table th) { background: #eef1f5; }
:where(.pingan-table td.num) { text-align: right; font-variant-numeric: tabular-nums; }
:where(.pingan-headline) { display: flex; flex-wrap: wrap; gap: 0.5em 1.5em; align-items: baseline; margin: 0.25em 0 0.5em; }
:where(.pingan-total) { font-size: 2em; font-weight: 700; font-variant-numeric: tabular-nums; }
:where(.pingan-grade) { font-size: 1.2em; font-weight: 700; padding: 0.1em 0.5em; border-radius: 0.3em; background: #e4ecf7; color: #123; }
:where(.pingan-grade-excellent) { background: #d7f0dc; color: #0d4b1c; }
:where(.pingan-grade-good) { background: #e0ecfb; color: #0c3569; }
:where(.pingan-grade-pass) { background: #fdf0cc; color: #5a4100; }
:where(.pingan-grade-fail) { background: #fbdada; color: #7a0f0f; }
:where(.pingan-veto) { color: #7a0f0f; font-weight: 700; }
:where(.pingan-chart) { width: 100%; height: auto; max-width: 760px; display: block; margin: 0.5em 0; }
:where(.pingan-chart text, .pingan-timeline-svg text) { font-size: 12px; fill: #222; }
:where(.pingan-bar-weight) { fill: #e3e7ee; stroke: #9aa4b2; }
:where(.pingan-bar-points) { fill: #2f6db5; }
:where(.pingan-bar-points.pingan-process) { fill: #3c8d5a; }
:where(.pingan-timeline-svg) { width: 100%; height: auto; display: block; }
@media (max-width: 600px) { :where(.pingan-timeline-svg) { min-width: 620px; } }
:where(.pingan-axis) { stroke: #9aa4b2; }
:where(.pingan-grid) { stroke: #e3e7ee; }
:where(.pingan-asof) { stroke: #b3261e; stroke-width: 2; stroke-dasharray: 5 3; }
:where(.pingan-period) { fill: #dfe6f1; }
:where(.pingan-m-circular) { fill: #2f6db5; }
:where(.pingan-m-yellow_card, .pingan-m-interview) { fill: #d9a400; }
:where(.pingan-m-listed_supervision) { fill: #d0661a; }
:where(.pingan-m-one_vote_veto, .pingan-m-personnel_measures_recommended) { fill: #a1141b; }
:where(.pingan-next) { fill: #fff; stroke: #555; stroke-dasharray: 2 2; }
:where(.pingan-bar-honours) { fill: #c2475a; }
:where(.pingan-bar-commendation) { fill: #e08a3c; }
:where(.pingan-bar-promotion) { fill: #8a5cc2; }
:where(.pingan-marker:focus) { outline: none; }
:where(.pingan-marker:focus > circle, .pingan-marker:focus > rect) { stroke: #000; stroke-width: 2.5; }
:where(.pingan-cases) { padding-left: 1.2em; }
:where(.pingan-cases li) { margin: 0.4em 0; }
:where(.pingan-explain) { margin: 0.2em 0; }
:where(.pingan-id) { color: #5d6673; font-size: 0.8em; font-weight: 400; }
:where(.pingan-timeline-svg text.pingan-sub) { font-size: 11px; fill: #4a5361; }
:where(.pingan-detail) { min-height: 3em; border-left: 4px solid #2f6db5; background: #f4f7fb; padding: 0.4em 0.6em; margin: 0.5em 0; }
:where(.pingan-cell) { font: inherit; min-width: 2.2em; padding: 0.1em 0.3em; border: 1px solid transparent; background: none; cursor: pointer; border-radius: 0.25em; }
:where(.pingan-cell:focus) { border-color: #2f6db5; outline: 2px solid #2f6db5; }
@media (hover: hover) { :where(.pingan-cell:hover) { border-color: #2f6db5; outline: 2px solid #2f6db5; } }
@media (pointer: coarse) { :where(.pingan-cell) { min-width: 44px; min-height: 44px; } :where(.pingan-marker) { cursor: pointer; } }
:where(.pingan-cell[data-status="met"]) { color: #0d6b2a; }
:where(.pingan-cell[data-status="unmet"]) { color: #b3261e; font-weight: 700; background: #fdecec; }
:where(.pingan-cell[data-status="not_checkable"]) { color: #5d6673; }
:where(.pingan-cell[aria-pressed="true"]) { background: #dbe7f7; }
:where(.pingan-na) { color: #9aa4b2; text-align: center; }
:where(.pingan-legend) { font-size: 0.85em; color: #444; margin: 0.3em 0; }
:where(.pingan-error) { color: #b3261e; }
:where(.pingan-unavailable) { color: #4d3800; background: #fdf6e3; border-left: 4px solid #d9a400; padding: 0.3em 0.6em; margin: 0.4em 0; font-size: 0.9em; }
:where(.pingan-matrix-wrap, .pingan-scroll) { overflow-x: auto; max-width: 100%; }
:where(.pingan-ledger th[scope="row"]) { min-width: 7em; }
:where(.pingan-ledger td) { white-space: nowrap; }
:where(.pingan-ledger td:last-child) { white-space: normal; min-width: 9em; }
:where(.pingan-ledger tfoot th) { white-space: normal; }
:where(.pingan-matrix tbody th) { min-width: 15em; font-weight: 600; position: sticky; left: 0; z-index: 1; background: #eef1f5; }
@media (max-width: 600px) { :where(.pingan-matrix tbody th) { min-width: 8.5em; } }
:where(.pingan-matrix tbody th small, .pingan-matrix thead th small) { font-weight: 400; color: #4a5361; }
:where(.pingan-matrix td) { text-align: center; }
:where(.pingan-matrix thead th[data-leader]) { white-space: nowrap; text-align: center; }
`;

/** STYLE for a core without :where() (Chromium < 88): the same rules at their selectors' own specificity. */
export function styleWithoutWhere(css) {
  return css.replace(/:where\(([^{}()]*(?:\([^{}()]*\)[^{}()]*)*)\)(?=\s*\{)/g, "$1");
}

let cssInstalled = false;
/**
 * The default look, as a constructed stylesheet (Chromium 73; below that, none: the host page's own
 * stylesheet applies and every element still works). A core without :where() (73 - 87) gets the rules
 * without it, so they still apply.
 */
export function installCss() {
  if (cssInstalled || typeof CSSStyleSheet === "undefined") return;
  cssInstalled = true;
  try {
    const sheet = new CSSStyleSheet();
    let css = STYLE;
    try {
      sheet.insertRule(":where(a) { color: inherit; }", 0);
      sheet.deleteRule(0);
    } catch (_) {
      css = styleWithoutWhere(STYLE);
    }
    sheet.replaceSync(css);
    const doc = document;
    doc.adoptedStyleSheets = [sheet].concat(Array.from(doc.adoptedStyleSheets)); // es2019-guarded: new CSSStyleSheet() threw below Chromium 73
  } catch (_) {
    /* old browser: the host page's own stylesheet applies */
  }
}

