// DOM helpers: user data only ever through textContent / DOM APIs; no style attributes, no innerHTML.
// No side effect on import.

const SVGNS = "http://www.w3.org/2000/svg";

/** An HTML element: h("p", { className: "x", text: "…", onclick: f }, child, "text", [more]). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** An SVG element, as h(). */
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVGNS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

function setAttrs(el, attrs) {
  if (!attrs) return;
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === "style") throw new Error("no style attributes (CSP)");
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "text") el.textContent = String(v);
    else if (k === "className") el.setAttribute("class", v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c == null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replace an element's children by `kids` (textContent + append: Chromium 54, below the floor of 69). */
export function replaceKids(el, ...kids) {
  el.textContent = "";
  el.append(...kids);
}

let uidCounter = 0;
/** A page-unique id with the prefix `p`. */
export const uid = (p) => `${p}-${++uidCounter}`;

/** A touch screen without hover: hints say "tap", not "hover". */
export const touchOnly = () => typeof matchMedia === "function" && matchMedia("(hover: none)").matches;

/**
 * Submit `form` again as if `submitter` (or the form's default button) had been clicked: the submit event
 * fires (the page's own handlers and ours run), the submitter's name/value are sent and its formaction…
 * attributes apply. A hidden temporary submit button does it, the way every core since HTML 4 submits;
 * (HTMLFormElement's requestSubmit would need Chromium 76, above the floor of 69).
 */
export function submitForm(form, submitter) {
  const b = document.createElement(submitter && submitter.tagName === "INPUT" ? "input" : "button");
  b.setAttribute("type", "submit");
  b.hidden = true;
  b.setAttribute("data-pingan-resubmit", "");
  if (submitter && submitter.form === form) {
    for (const a of ["name", "value", "formaction", "formenctype", "formmethod", "formnovalidate", "formtarget"]) {
      if (submitter.hasAttribute(a)) b.setAttribute(a, submitter.getAttribute(a));
    }
  }
  form.appendChild(b);
  try {
    b.click();
  } finally {
    b.remove();
  }
}
