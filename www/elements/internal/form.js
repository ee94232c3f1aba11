// A form → the record it describes (field name ↔ JSON Pointer, documented in the README, "Embedding").
//
//   name="date"                    → /date
//   name="signed_by.subordinate"   → /signed_by/subordinate      (dots or slashes separate levels)
//   name="signed_by/subordinate"   → /signed_by/subordinate
//   name="targets[0].metric"       → /targets/0/metric           (numeric segments make arrays)
//   data-pointer="/targets/0/metric" on a field overrides its name.
// Values: type=number|range → number; checkbox → boolean (a group of checkboxes with one name, or a
// <select multiple>, → array of values); data-type="number|boolean|string|list" overrides, where
// "list" splits the text on commas, 、, ; or spaces. Empty fields are left out of the record.
// No side effect on import.

import { nameToPointer, setAt } from "./pointer.js";

function compact(v) {
  // Arrays built from indexed names may have holes: drop them.
  if (Array.isArray(v)) return v.filter((x) => x !== undefined).map(compact);
  if (v && typeof v === "object") {
    for (const k of Object.keys(v)) v[k] = compact(v[k]);
  }
  return v;
}

/** The pointer a field fills: its data-pointer, else its name's. */
export function fieldPointer(f) {
  return f.dataset && f.dataset.pointer ? f.dataset.pointer : nameToPointer(f.name);
}

/** A field that goes into the record: named (or with a data-pointer), enabled, not a button or file input. */
export function isField(f) {
  if (!f.name && !(f.dataset && f.dataset.pointer)) return false;
  const t = (f.type || "").toLowerCase();
  return !["submit", "button", "reset", "image", "fieldset", "file"].includes(t) && !f.disabled;
}

function coerce(raw, type) {
  switch (type) {
    case "number": {
      const t = String(raw).trim();
      if (t === "") return undefined;
      const n = Number(t);
      return Number.isFinite(n) ? n : t; // keep the text: the engine reports the wrong type
    }
    case "boolean":
      return raw === true || raw === "true" || raw === "on" || raw === "1" || raw === "yes";
    case "list":
      return String(raw).split(/[,,、;;\s]+/).map((x) => x.trim()).filter(Boolean);
    default:
      return raw === "" ? undefined : raw;
  }
}

/** Build the record a form describes (see the mapping above). */
export function formToRecord(form) {
  const record = {};
  const fields = Array.from(form.elements).filter(isField);
  const groups = new Map();
  for (const f of fields) {
    const p = fieldPointer(f);
    if (!groups.has(p)) groups.set(p, []);
    groups.get(p).push(f);
  }
  for (const [p, fs] of groups) {
    const f = fs[0];
    const t = (f.type || "").toLowerCase();
    const declared = f.dataset.type;
    let value;
    if (t === "checkbox") {
      if (fs.length > 1 || declared === "list") value = fs.filter((x) => x.checked).map((x) => coerce(x.value, declared === "list" ? "string" : declared || "string"));
      else if (declared === "string" || (f.hasAttribute("value") && f.value !== "on" && declared !== "boolean")) value = f.checked ? f.value : undefined;
      else value = f.checked;
    } else if (t === "radio") {
      const c = fs.find((x) => x.checked);
      value = c ? coerce(c.value, declared || "string") : undefined;
    } else if (f.tagName === "SELECT" && f.multiple) {
      value = Array.from(f.selectedOptions).map((o) => coerce(o.value, declared === "number" ? "number" : "string"));
    } else {
      const type = declared || (t === "number" || t === "range" ? "number" : "string");
      value = coerce(f.value, type);
      if (type === "list" && value.length === 0) value = undefined;
    }
    if (value !== undefined) setAt(record, p, value);
  }
  return compact(record);
}

