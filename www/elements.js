// pingan custom elements — drop-in for existing portals (no framework, no bundler, no build step).
//
//   <script type="module" src="/path/to/elements.js"></script>
//   <form id="f">…<input name="date" type="date">…</form>
//   <pingan-form-check for="f" kind="incident" lang="zh"></pingan-form-check>
//   <pingan-scorecard src="/data/county.json"></pingan-scorecard>
//   <pingan-timeline></pingan-timeline>   <pingan-duty-matrix></pingan-duty-matrix>
//
// The engine module is "./pingan.js" next to this file (in pkg/web/ that is the wasm-bindgen output; in
// the demo tree www/pingan.js re-exports ../pkg/web/pingan.js). A page may point elsewhere with
// <meta name="pingan-module" content="/static/pingan/pingan.js"> or configure({ moduleUrl }) before first use.
//
// Every element takes `lang="zh" | "en"` (zh-CN by default) and dispatches a bubbling `pingan-result`
// CustomEvent whose detail carries the engine's answer. User data is only ever put in the page with
// textContent / DOM APIs. The modules import only their labels (./vocabularies.js, generated) and load
// nothing but the engine (load.js, .js + .wasm, same origin) when first needed.
//
// This file is the entry: it registers the four elements and re-exports the API. The code lives in
// side-effect-free modules beside it, one per element, and their shared internals:
//   elements/form-check.js   <pingan-form-check>     elements/scorecard.js     <pingan-scorecard>
//   elements/timeline.js     <pingan-timeline>       elements/duty-matrix.js   <pingan-duty-matrix>
//   elements/internal/       engine.js (loading, fail-open state, hooks), element.js (the display base,
//                            the notice), i18n.js, format.js, explain.js, dom.js, style.js, form.js,
//                            pointer.js (the one JSON Pointer helper)
// Importing an element module registers nothing: `import { define } from ".../elements/scorecard.js";
// define();` registers that one element alone (with the same engine, hooks and fail-open as here).

import { PinganFormCheck, define as defineFormCheck } from "./elements/form-check.js";
import { PinganScorecard, scoreChart, define as defineScorecard } from "./elements/scorecard.js";
import { PinganTimeline, define as defineTimeline } from "./elements/timeline.js";
import { PinganDutyMatrix, define as defineDutyMatrix } from "./elements/duty-matrix.js";

export { peek, configure, reasonOf, PinganUnavailableError, unavailable, ready } from "./elements/internal/engine.js";
export { UNAVAILABLE_TEXT } from "./elements/internal/element.js";
export { langOf, tx, LABELS, label } from "./elements/internal/i18n.js";
export { asArray, cnNumber, formatBasis, fmt2, dayNumber, isoOf, addDays } from "./elements/internal/format.js";
export { h, s, submitForm } from "./elements/internal/dom.js";
export { styleWithoutWhere } from "./elements/internal/style.js";
export { nameToPointer, pointerSegments } from "./elements/internal/pointer.js";
export { formToRecord } from "./elements/internal/form.js";
export { CASE_NAMES, caseName, explainCase } from "./elements/internal/explain.js";
export { PinganFormCheck, PinganScorecard, scoreChart, PinganTimeline, PinganDutyMatrix };

/** Register the four elements (once each; a name already taken is left alone). */
export function define() {
  defineFormCheck();
  defineScorecard();
  defineTimeline();
  defineDutyMatrix();
}

define();
