// The answers' objects, built from what Rust hands over (src/bindings.rs): the compact score answers
// from their numbers and ids (api::CompactParts), the other hot answers from their tape (src/tape.rs). In
// WASM this takes a fraction of writing the answer's text and JSON.parse-ing it (ARCHITECTURE.md, "The
// boundary"). Each object is the one JSON.parse would make of the answer's text, key for key and in the
// same order (tests/node/compact.test.mjs, tests/node/tape.test.mjs hold them equal).
// `make build` inlines this file into each glue (scripts/inline-snippets.mjs): what a portal copies stays
// pingan.js and its .wasm. ES2019; side-effect free.

/** `text` cut into consecutive pieces of `units[k]` UTF-16 units. */
export function pinganSlices(text, units) {
  const out = [];
  let at = 0;
  for (let k = 0; k < units.length; k++) {
    out.push(text.slice(at, at + units[k]));
    at += units[k];
  }
  return out;
}

/** The compact answer: `n` as api::CompactParts lays it out, `ids` the lines' ids, `words` its vocabulary. */
export function pinganCompact(n, ids, words) {
  const lines = [];
  for (let k = 0, i = 7; k < ids.length; k++, i += 4) {
    const line = { id: ids[k], kind: words[n[i]], points: n[i + 1] };
    if (n[i + 2] === n[i + 2]) line.weight = n[i + 2];
    if (n[i + 3] === 1) line.derived = true;
    lines.push(line);
  }
  return {
    ok: true, total: n[0], base: n[1], bonus: n[2], deductions: n[3], grade: words[n[4]],
    grade_by_score: words[n[5]], vetoed: n[6] === 1, lines, warnings: [],
  };
}

/**
 * An answer's object from its tape (src/tape.rs): the one JSON.parse makes of the answer's text.
 * `ops[k] & 7` is the op, `ops[k] >>> 3` its index: 0 the next of `numbers`, 1 a word of `words`, 2 a
 * string of `text` (cut by `units`), 3 an object, 4 an array, 5 the end of the innermost one, 6 a
 * literal (0 null, 1 true, 2 false), 7 a string that is also the next word. Inside an object, values
 * alternate key, value. No recursion; `undefined` when `words` is not the table the tape was written
 * against (`firstNew` words).
 */
export function pinganTape(ops, numbers, text, units, words, firstNew) {
  if (words.length !== firstNew) return undefined;
  // Strings are numbered in the order they occur, so each is cut from `text` where the last ended.
  let at = 0;
  const stack = []; // the open containers above `top`, each with its pending key
  let top; // the innermost open container
  let list = false; // is `top` an array?
  let key; // `top`'s pending key (an object's)
  let root;
  let number = 0;
  for (let k = 0; k < ops.length; k++) {
    const op = ops[k];
    const i = op >>> 3;
    let v;
    switch (op & 7) {
      case 0: v = numbers[number++]; break;
      case 1: v = words[i]; break;
      case 2: v = text.slice(at, at += units[i]); break;
      case 3: case 4:
        if (top !== undefined) stack.push(top, key);
        list = (op & 7) === 4;
        top = list ? [] : {};
        key = undefined;
        continue;
      case 5:
        v = top;
        key = stack.pop();
        top = stack.pop();
        list = Array.isArray(top);
        break;
      case 6: v = i === 0 ? null : i === 1; break;
      default: v = text.slice(at, at += units[i]); words.push(v);
    }
    if (top === undefined) root = v;
    else if (list) top.push(v);
    else if (key === undefined) key = v;
    else {
      // JSON.parse makes "__proto__" an own property; an assignment would set the prototype.
      if (key === "__proto__") Object.defineProperty(top, key, { value: v, writable: true, enumerable: true, configurable: true });
      else top[key] = v;
      key = undefined;
    }
  }
  return root;
}
