// Issue 15.2: www/vocabularies.js (generated from the Rust vocabularies, checked by `cargo test --test
// generated`) holds exactly what the engine's vocabularies() answers, and is side-effect free data.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pingan, ROOT } from "./lib/pingan.mjs";

const MODULE = join(ROOT, "www", "vocabularies.js");

test("www/vocabularies.js answers what the engine's vocabularies() answers", async () => {
  const m = await import(MODULE);
  assert.deepEqual(m.vocabularies(), pingan.vocabularies());
  assert.deepEqual(Object.keys(m.LABELS).sort(), Object.keys(pingan.vocabularies()).sort());
  assert.deepEqual(m.LABELS.severity.especially_major, { zh: "特别重大", en: "especially major" });
  assert.deepEqual(m.LABELS.by.self, { zh: "本人", en: "the leader" });
});

test("www/vocabularies.js imports nothing and touches no global", () => {
  const text = readFileSync(MODULE, "utf8");
  assert.doesNotMatch(text, /^\s*import\b/m);
  assert.doesNotMatch(text, /\b(window|document|globalThis|customElements)\b/);
});
