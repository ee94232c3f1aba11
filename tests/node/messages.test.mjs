// Issue 14.4: vocabularies with labels from the library, and the messages / dictionary hooks on the engine.
import { test } from "node:test";
import assert from "node:assert/strict";
import { pingan } from "./lib/pingan.mjs";

const incident = { id: "I1", date: "2025-03-02", category: "safety_accident", severity: "larger" };

test("vocabularies(): every value with its zh and en label, once", () => {
  const v = pingan.vocabularies();
  assert.deepEqual(v.severity.map((x) => x.zh), ["一般", "较大", "重大", "特别重大"]);
  assert.deepEqual(v.role.find((x) => x.value === "in_charge"), { value: "in_charge", zh: "分管负责同志", en: "leader in charge" });
  assert.equal(v.domain.find((x) => x.value === "public_security").zh, "社会治安");
  assert.equal(v.post.find((x) => x.value === "political_legal_secretary").zh, "政法委书记");
  for (const [name, list] of Object.entries(v)) {
    assert.equal(new Set(list.map((x) => x.value)).size, list.length, `${name} has duplicate values`);
    for (const x of list) assert.ok(x.zh && x.en, `${name}.${x.value} lacks a label`);
  }
});

test("new Engine(undefined, { messages, dictionary }) relabels and maps; new Engine() is unchanged", () => {
  const plain = new pingan.Engine();
  assert.equal(plain.validate("incident", { ...incident, severity: "" }).errors[0].message.zh, "请选择严重程度");
  const e = new pingan.Engine(undefined, {
    messages: { required: { zh: "{field}不能为空", en: "{field} cannot be empty" } },
    dictionary: { "/severity": { "02": "larger" } },
  });
  const r = e.validate("incident", { ...incident, severity: "" });
  assert.deepEqual(r.errors.map((i) => [i.code, i.path, i.message.zh]), [["required", "/severity", "严重程度不能为空"]]);
  assert.equal(e.validate("incident", { ...incident, severity: "02" }).ok, true);
  assert.equal(plain.validate("incident", { ...incident, severity: "02" }).ok, false);
});

test("engine.configure adds hooks and refuses bad ones without throwing", () => {
  const e = new pingan.Engine();
  assert.equal(e.configure({ dictionary: { "/category": { "7": "cyber_security" } } }).ok, true);
  assert.equal(e.validate("incident", { ...incident, category: 7 }).ok, true);
  const bad = e.configure({ messages: { nope: { zh: "x" } } });
  assert.equal(bad.ok, false);
  assert.equal(bad.errors[0].path, "/options/messages/nope");
});

test("no message text holds a JSON Pointer or a vocabulary code", () => {
  const e = new pingan.Engine();
  const r = e.validate("incident", { id: "", date: "2099-13-01", category: "x", severity: "", locality: 5 }, { as_of: "2025-12-31" });
  assert.ok(r.errors.length >= 4);
  for (const i of r.errors) {
    assert.doesNotMatch(i.message.zh, /\/[a-z_]+|safety_accident|especially_major|[,:;()]/, i.message.zh);
  }
});
