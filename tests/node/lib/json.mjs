// JSON helpers shared by the Node tests: RFC 6901 pointers, RFC 6902 patches, strict deep equality
// (numbers with ===) and the partial matching of the tests/cases format.

/** RFC 6901: "" is the whole document; "/a/0/b~1c" → ["a", "0", "b/c"]. */
export function parsePointer(pointer) {
  if (typeof pointer !== "string") throw new TypeError(`a JSON Pointer must be a string, got ${typeof pointer}`);
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) throw new SyntaxError(`JSON Pointer must be "" or start with "/": ${JSON.stringify(pointer)}`);
  return pointer
    .slice(1)
    .split("/")
    .map((s) => {
      if (/~[^01]|~$/.test(s)) throw new SyntaxError(`bad escape in JSON Pointer ${JSON.stringify(pointer)}`);
      return s.replace(/~1/g, "/").replace(/~0/g, "~");
    });
}

export function formatPointer(segments) {
  return segments.map((s) => "/" + String(s).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}

/** Is `s` a syntactically valid JSON Pointer? */
export function isPointer(s) {
  return typeof s === "string" && /^(\/([^~/]|~[01])*)*$/.test(s);
}

const isIndex = (s) => /^(0|[1-9][0-9]*)$/.test(s);
const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);

/** Walk `pointer` into `doc`: `{ found, value }`. */
function walk(doc, pointer) {
  let cur = doc;
  for (const seg of parsePointer(pointer)) {
    if (Array.isArray(cur)) {
      if (!isIndex(seg) || Number(seg) >= cur.length) return { found: false };
      cur = cur[Number(seg)];
    } else if (cur !== null && typeof cur === "object") {
      if (!own(cur, seg)) return { found: false };
      cur = cur[seg];
    } else {
      return { found: false };
    }
  }
  return { found: true, value: cur };
}

/** The value at `pointer`, or `undefined` when nothing is there. */
export const getPointer = (doc, pointer) => walk(doc, pointer).value;

export const hasPointer = (doc, pointer) => walk(doc, pointer).found;

export const clone = (v) => (v === undefined ? undefined : structuredClone(v));

/** Deep equality of JSON values; numbers compare with === (so 0 equals -0, NaN equals nothing). */
export function deepEqual(a, b) {
  if (typeof a === "number" || typeof b === "number") return a === b;
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => own(b, k) && deepEqual(a[k], b[k]));
}

/**
 * Partial match (tests/cases format): an object partial matches when every key of it matches
 * recursively; an array partial matches an actual array when every element of the partial matches SOME
 * element of the actual array; scalars compare equal (numbers with ===).
 */
export function partialMatch(actual, partial) {
  if (Array.isArray(partial)) {
    return Array.isArray(actual) && partial.every((p) => actual.some((a) => partialMatch(a, p)));
  }
  if (partial !== null && typeof partial === "object") {
    return (
      actual !== null &&
      typeof actual === "object" &&
      !Array.isArray(actual) &&
      Object.keys(partial).every((k) => own(actual, k) && partialMatch(actual[k], partial[k]))
    );
  }
  return deepEqual(actual, partial);
}

class PatchError extends Error {
  constructor(i, op, msg) {
    super(`patch op ${i} (${JSON.stringify(op)}): ${msg}`);
    this.name = "PatchError";
  }
}

/** The parent container of `segments` and the last segment; throws when the parent is missing. */
function locate(doc, segments, fail) {
  const parent = getPointer(doc, formatPointer(segments.slice(0, -1)));
  if (parent === null || typeof parent !== "object") fail("the parent of the path does not exist");
  return [parent, segments[segments.length - 1]];
}

function addAt(doc, segments, value, fail) {
  if (segments.length === 0) return value;
  const [parent, key] = locate(doc, segments, fail);
  if (Array.isArray(parent)) {
    if (key === "-") parent.push(value);
    else if (isIndex(key) && Number(key) <= parent.length) parent.splice(Number(key), 0, value);
    else fail(`bad array index ${JSON.stringify(key)}`);
  } else {
    parent[key] = value;
  }
  return doc;
}

function removeAt(doc, segments, fail) {
  if (segments.length === 0) fail("cannot remove the whole document");
  const [parent, key] = locate(doc, segments, fail);
  let old;
  if (Array.isArray(parent)) {
    if (!isIndex(key) || Number(key) >= parent.length) fail(`no array element ${JSON.stringify(key)}`);
    [old] = parent.splice(Number(key), 1);
  } else {
    if (!own(parent, key)) fail(`no member ${JSON.stringify(key)}`);
    old = parent[key];
    delete parent[key];
  }
  return [doc, old];
}

/** RFC 6902 JSON Patch (add, remove, replace, move, copy, test); returns a new document. */
export function applyPatch(document, ops) {
  if (!Array.isArray(ops)) throw new TypeError("a JSON Patch must be an array of operations");
  let doc = clone(document);
  ops.forEach((op, i) => {
    const fail = (msg) => {
      throw new PatchError(i, op, msg);
    };
    if (op === null || typeof op !== "object") fail("not an object");
    const path = parsePointer(op.path);
    switch (op.op) {
      case "add":
        if (!own(op, "value")) fail("missing value");
        doc = addAt(doc, path, clone(op.value), fail);
        break;
      case "remove":
        [doc] = removeAt(doc, path, fail);
        break;
      case "replace":
        if (!own(op, "value")) fail("missing value");
        if (!hasPointer(doc, op.path)) fail("nothing to replace at the path");
        if (path.length === 0) doc = clone(op.value);
        else {
          [doc] = removeAt(doc, path, fail);
          doc = addAt(doc, path, clone(op.value), fail);
        }
        break;
      case "move": {
        const from = parsePointer(op.from);
        if (!hasPointer(doc, op.from)) fail("nothing at from");
        if (op.path !== op.from && (op.path + "/").startsWith(op.from + "/")) fail("cannot move a value into itself");
        let value;
        [doc, value] = removeAt(doc, from, fail);
        doc = addAt(doc, path, value, fail);
        break;
      }
      case "copy":
        if (!hasPointer(doc, op.from)) fail("nothing at from");
        doc = addAt(doc, path, clone(getPointer(doc, op.from)), fail);
        break;
      case "test":
        if (!hasPointer(doc, op.path) || !deepEqual(getPointer(doc, op.path), op.value)) fail("test failed");
        break;
      default:
        fail(`unknown op ${JSON.stringify(op.op)}`);
    }
  });
  return doc;
}

/**
 * Replace every `{ "$fixture": name, "$patch"?: ops }` object (at any depth) by the fixture's JSON with
 * the patch applied. `load(name)` returns the fixture's parsed JSON.
 */
export function expandFixtures(value, load) {
  if (Array.isArray(value)) return value.map((v) => expandFixtures(v, load));
  if (value !== null && typeof value === "object") {
    if (own(value, "$fixture")) {
      const base = load(value.$fixture);
      return own(value, "$patch") ? applyPatch(base, value.$patch) : clone(base);
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandFixtures(v, load)]));
  }
  return value;
}

/** Every pointer of a JSON document (containers and leaves), the root excluded, in document order. */
export function allPointers(doc, prefix = "") {
  const out = [];
  if (doc !== null && typeof doc === "object") {
    for (const [k, v] of Array.isArray(doc) ? doc.entries() : Object.entries(doc)) {
      const p = prefix + formatPointer([k]);
      out.push(p, ...allPointers(v, p));
    }
  }
  return out;
}
