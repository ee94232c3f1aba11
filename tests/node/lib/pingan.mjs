// Load the Node build of the library (pkg/node, CommonJS, written by `make build`) and the shared
// assertions on the contract's shapes (api.md).
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { isPointer } from "./json.mjs";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
export const PKG_NODE = join(ROOT, "pkg", "node", "pingan.js");

if (!existsSync(PKG_NODE)) {
  throw new Error(`${PKG_NODE} is missing: run \`make build\` first (make test does)`);
}
const require = createRequire(import.meta.url);
export const pingan = require(PKG_NODE);

export function fixture(name) {
  return JSON.parse(readFileSync(join(ROOT, "tests", "node", "fixtures", name + ".json"), "utf8"));
}

export const KINDS = ["dossier", "unit", "leader", "incident", "letter", "assessment", "policy"];

/** Text = { zh, en }, both non-empty strings. */
export function assertText(t, where) {
  assert.ok(t !== null && typeof t === "object", `${where}: a {zh, en} text, got ${JSON.stringify(t)}`);
  assert.equal(typeof t.zh, "string", `${where}.zh`);
  assert.equal(typeof t.en, "string", `${where}.en`);
  assert.ok(t.zh.length > 0 && t.en.length > 0, `${where}: empty text`);
}

/** Issue = { code, severity, path (JSON Pointer), message: Text, basis?: Basis[] }. */
export function assertIssue(issue, where = "issue") {
  assert.ok(issue !== null && typeof issue === "object", `${where}: not an object`);
  assert.match(String(issue.code), /^[a-z][a-z0-9_]*$/, `${where}.code is snake_case: ${JSON.stringify(issue.code)}`);
  assert.ok(["error", "warning"].includes(issue.severity), `${where}.severity: ${JSON.stringify(issue.severity)}`);
  assert.ok(isPointer(issue.path), `${where}.path is a JSON Pointer: ${JSON.stringify(issue.path)}`);
  assertText(issue.message, `${where}.message`);
  if (issue.basis !== undefined) {
    assert.ok(Array.isArray(issue.basis), `${where}.basis is an array`);
    issue.basis.forEach((b, i) => {
      assert.equal(typeof b.source, "string", `${where}.basis[${i}].source`);
      assert.ok(Number.isInteger(b.article), `${where}.basis[${i}].article`);
      assertText(b.summary, `${where}.basis[${i}].summary`);
    });
  }
}

/** `{ ok: false, errors: Issue[] (non-empty, each an error) }`. */
export function assertFailed(r, where = "result") {
  assert.ok(r !== null && typeof r === "object", `${where}: answer is not an object: ${String(r)}`);
  assert.equal(r.ok, false, `${where}: expected ok:false, got ${brief(r)}`);
  assert.ok(Array.isArray(r.errors) && r.errors.length > 0, `${where}: errors must be a non-empty array: ${brief(r)}`);
  r.errors.forEach((e, i) => assertIssue(e, `${where}.errors[${i}]`));
  assert.ok(r.errors.some((e) => e.severity === "error"), `${where}: no issue of severity error`);
}

export function brief(v, max = 600) {
  let s;
  try {
    s = JSON.stringify(v);
  } catch {
    s = String(v);
  }
  if (s === undefined) s = String(v);
  return s.length > max ? s.slice(0, max) + "…" : s;
}
