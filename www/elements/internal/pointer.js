// JSON Pointers (RFC 6901), the one helper of the JavaScript side: the elements (field names → pointers,
// evidence look-ups), the demo (app.js), the province page, the worker and the Element Plus adapter all
// build on it. Plain functions, no DOM, no side effect on import (the worker imports it too).

/** One reference token, escaped: "~" → "~0", "/" → "~1". */
export const escapeToken = (token) => String(token).replace(/~/g, "~0").replace(/\//g, "~1");

/** One reference token, unescaped ("~1" → "/", then "~0" → "~"). */
export const unescapeToken = (token) => token.replace(/~1/g, "/").replace(/~0/g, "~");

/** The pointer of a list of tokens: ["targets", 0, "metric"] → "/targets/0/metric"; [] → "" (the whole document). */
export function toPointer(tokens) {
  return tokens.map((t) => "/" + escapeToken(t)).join("");
}

/** The tokens of a pointer, unescaped: "/signed_by/superior" → ["signed_by", "superior"]; "" (or none) → []. */
export function pointerSegments(pointer) {
  if (!pointer) return [];
  return pointer.split("/").slice(1).map(unescapeToken);
}

/** The value at `pointer` in `doc`, or undefined when a level on the way is missing. Iterative. */
export function getAt(doc, pointer) {
  let cur = doc;
  for (const seg of pointerSegments(pointer)) {
    if (cur == null) return undefined;
    cur = cur[seg];
  }
  return cur;
}

/**
 * Set the value at `pointer` in `obj`, creating the missing levels on the way (an array when the next
 * token is a number, else an object). The root ("") and any "__proto__" token are left alone.
 */
export function setAt(obj, pointer, value) {
  const segs = pointerSegments(pointer);
  if (!segs.length || segs.includes("__proto__")) return;
  let cur = obj;
  for (let i = 0; i < segs.length - 1; i++) {
    const k = segs[i];
    if (cur[k] == null || typeof cur[k] !== "object") cur[k] = /^\d+$/.test(segs[i + 1]) ? [] : {};
    cur = cur[k];
  }
  cur[segs[segs.length - 1]] = value;
}

/**
 * A form field's name as a pointer (the README's "Embedding"): "date" → "/date", "signed_by.superior"
 * or "signed_by/superior" → "/signed_by/superior", "targets[0].metric" → "/targets/0/metric"; a name
 * that already starts with "/" is a pointer.
 */
export function nameToPointer(name) {
  if (!name) return "";
  if (name.startsWith("/")) return name;
  const segs = name.replace(/\[(\d+)\]/g, ".$1").split(/[./]/).filter((x) => x !== "");
  return segs.length ? toPointer(segs) : "/";
}
