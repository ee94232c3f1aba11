// The compact answers' objects, built from the numbers and ids Rust hands over (src/bindings.rs,
// api::CompactParts): in WASM this takes a fraction of writing the answer's text and JSON.parse-ing it
// (ARCHITECTURE.md, "The boundary"). The object is the one JSON.parse would make of api::ok_compact's
// text, key for key and in the same order (tests/node/compact.test.mjs holds the two equal).
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
