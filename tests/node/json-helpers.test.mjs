// The test harness's own JSON machinery (RFC 6901 / 6902, partial matching, fixtures, expectations):
// these run whatever state the engine is in.
import test from "node:test";
import assert from "node:assert/strict";
import {
  applyPatch, deepEqual, expandFixtures, getPointer, hasPointer, isPointer, parsePointer, partialMatch, formatPointer, allPointers,
} from "./lib/json.mjs";
import { checkExpectations } from "./lib/cases.mjs";

test("RFC 6901 pointers (the examples of section 5)", () => {
  const doc = { foo: ["bar", "baz"], "": 0, "a/b": 1, "c%d": 2, "e^f": 3, "g|h": 4, "i\\j": 5, 'k"l': 6, " ": 7, "m~n": 8 };
  assert.deepEqual(getPointer(doc, ""), doc);
  assert.deepEqual(getPointer(doc, "/foo"), ["bar", "baz"]);
  assert.equal(getPointer(doc, "/foo/0"), "bar");
  assert.equal(getPointer(doc, "/"), 0);
  assert.equal(getPointer(doc, "/a~1b"), 1);
  assert.equal(getPointer(doc, "/c%d"), 2);
  assert.equal(getPointer(doc, "/i\\j"), 5);
  assert.equal(getPointer(doc, "/ "), 7);
  assert.equal(getPointer(doc, "/m~0n"), 8);
  assert.equal(getPointer(doc, "/foo/2"), undefined);
  assert.equal(getPointer(doc, "/foo/01"), undefined);
  assert.equal(getPointer(doc, "/foo/-"), undefined);
  assert.equal(getPointer(doc, "/nope/x"), undefined);
  assert.equal(hasPointer({ a: null }, "/a"), true);
  assert.equal(hasPointer({ a: null }, "/b"), false);
  assert.equal(hasPointer({}, "/constructor"), false, "only own members");
  assert.throws(() => parsePointer("foo"));
  assert.throws(() => parsePointer("/a~2"));
  assert.equal(formatPointer(["a/b", "m~n", 0]), "/a~1b/m~0n/0");
  for (const p of ["", "/", "/a/0", "/a~0b~1c"]) assert.ok(isPointer(p), p);
  for (const p of ["a", "/a~", "/a~2", 5, null]) assert.ok(!isPointer(p), String(p));
  assert.deepEqual(allPointers({ a: [1, { b: 2 }] }), ["/a", "/a/0", "/a/1", "/a/1/b"]);
});

test("RFC 6902 patches (the examples of appendix A)", () => {
  assert.deepEqual(applyPatch({ foo: "bar" }, [{ op: "add", path: "/baz", value: "qux" }]), { foo: "bar", baz: "qux" });
  assert.deepEqual(applyPatch({ foo: ["bar", "baz"] }, [{ op: "add", path: "/foo/1", value: "qux" }]), { foo: ["bar", "qux", "baz"] });
  assert.deepEqual(applyPatch({ baz: "qux", foo: "bar" }, [{ op: "remove", path: "/baz" }]), { foo: "bar" });
  assert.deepEqual(applyPatch({ foo: ["bar", "qux", "baz"] }, [{ op: "remove", path: "/foo/1" }]), { foo: ["bar", "baz"] });
  assert.deepEqual(applyPatch({ baz: "qux", foo: "bar" }, [{ op: "replace", path: "/baz", value: "boo" }]), { baz: "boo", foo: "bar" });
  assert.deepEqual(
    applyPatch({ foo: { bar: "baz", waldo: "fred" }, qux: { corge: "grault" } }, [{ op: "move", from: "/foo/waldo", path: "/qux/thud" }]),
    { foo: { bar: "baz" }, qux: { corge: "grault", thud: "fred" } },
  );
  assert.deepEqual(applyPatch({ foo: ["all", "grass", "cows", "eat"] }, [{ op: "move", from: "/foo/1", path: "/foo/3" }]), {
    foo: ["all", "cows", "eat", "grass"],
  });
  assert.deepEqual(applyPatch({ baz: "qux", foo: ["a", 2, "c"] }, [
    { op: "test", path: "/baz", value: "qux" },
    { op: "test", path: "/foo/1", value: 2 },
  ]), { baz: "qux", foo: ["a", 2, "c"] });
  assert.throws(() => applyPatch({ baz: "qux" }, [{ op: "test", path: "/baz", value: "bar" }]));
  assert.deepEqual(applyPatch({ foo: "bar" }, [{ op: "add", path: "/child", value: { grandchild: {} } }]), { foo: "bar", child: { grandchild: {} } });
  assert.throws(() => applyPatch({ foo: "bar" }, [{ op: "add", path: "/baz/bat", value: "qux" }]), "A.12 adding to a nonexistent target");
  assert.deepEqual(applyPatch({ foo: ["bar"] }, [{ op: "add", path: "/foo/-", value: ["abc", "def"] }]), { foo: ["bar", ["abc", "def"]] });
  assert.deepEqual(applyPatch({ a: [1] }, [{ op: "copy", from: "/a", path: "/b" }]), { a: [1], b: [1] });
  assert.throws(() => applyPatch({ a: 1 }, [{ op: "replace", path: "/b", value: 2 }]), "replace needs an existing target");
  assert.throws(() => applyPatch({ a: [1] }, [{ op: "add", path: "/a/5", value: 2 }]), "index past the end");
  assert.throws(() => applyPatch({ a: { b: 1 } }, [{ op: "move", from: "/a", path: "/a/b/c" }]), "move into itself");
  assert.throws(() => applyPatch({}, [{ op: "nope", path: "" }]));
  assert.deepEqual(applyPatch({ a: 1 }, [{ op: "replace", path: "", value: [2] }]), [2]);
  const original = { a: { b: [1] } };
  applyPatch(original, [{ op: "add", path: "/a/b/-", value: 2 }]);
  assert.deepEqual(original, { a: { b: [1] } }, "the input is not modified");
});

test("deepEqual compares numbers with ===", () => {
  assert.ok(deepEqual({ a: [1, 0] }, { a: [1, -0] }));
  assert.ok(!deepEqual(NaN, NaN));
  assert.ok(!deepEqual(1, "1"));
  assert.ok(!deepEqual({ a: 1 }, { a: 1, b: undefined }));
  assert.ok(!deepEqual([1], { 0: 1 }));
  assert.ok(!deepEqual(null, {}));
});

test("partial matching: objects by their keys, arrays by some element, scalars equal", () => {
  const errors = [
    { code: "bad_date", path: "/date", severity: "error", message: { zh: "…", en: "…" } },
    { code: "required", path: "/id", severity: "error" },
  ];
  assert.ok(partialMatch(errors, [{ code: "bad_date", path: "/date" }]));
  assert.ok(partialMatch(errors, [{ code: "required" }, { code: "bad_date", message: { en: "…" } }]));
  assert.ok(partialMatch(errors, []), "an empty partial array matches any array");
  assert.ok(!partialMatch(errors, [{ code: "bad_date", path: "/id" }]), "all keys of one element must match one element");
  assert.ok(!partialMatch(errors, [{ code: "nope" }]));
  assert.ok(!partialMatch({ a: 1 }, [{ a: 1 }]), "an array partial needs an array");
  assert.ok(!partialMatch([{ a: 1 }], { a: 1 }), "an object partial needs an object");
  assert.ok(partialMatch({ a: 1, b: 2 }, {}));
  assert.ok(!partialMatch({ a: null }, { a: {} }));
  assert.ok(partialMatch({ a: null }, { a: null }));
  assert.ok(!partialMatch({}, { a: null }), "a key of the partial must be present");
  assert.ok(partialMatch(74.57, 74.57) && !partialMatch(74.57, "74.57"));
  assert.ok(partialMatch([[1, 2], [3]], [[2]]), "nested arrays");
});

test("$fixture arguments at any depth, with $patch", () => {
  const fixtures = { d: { year: 2025, list: [1] } };
  const load = (n) => structuredClone(fixtures[n]);
  const args = ["dossier", { $fixture: "d" }, [{ x: { $fixture: "d", $patch: [{ op: "add", path: "/list/-", value: 2 }] } }]];
  assert.deepEqual(expandFixtures(args, load), ["dossier", { year: 2025, list: [1] }, [{ x: { year: 2025, list: [1, 2] } }]]);
  assert.deepEqual(fixtures.d.list, [1], "the fixture itself is untouched");
});

test("case expectations: expect, includes, excludes", () => {
  const result = { ok: false, errors: [{ code: "bad_date", path: "/date" }, { code: "required", path: "/id" }], n: 0 };
  assert.deepEqual(checkExpectations({ expect: { "/ok": false, "/n": -0, "/errors/1/path": "/id" } }, result), []);
  assert.deepEqual(checkExpectations({ includes: { "/errors": [{ code: "bad_date" }], "": { ok: false } } }, result), []);
  assert.deepEqual(checkExpectations({ excludes: { "/errors": [{ code: "too_deep" }, { path: "/year" }] } }, result), []);
  assert.equal(checkExpectations({ expect: { "/ok": true } }, result).length, 1);
  assert.equal(checkExpectations({ expect: { "/missing": null } }, result).length, 1, "a missing pointer fails");
  assert.equal(checkExpectations({ includes: { "/errors": [{ code: "bad_date", path: "/id" }] } }, result).length, 1);
  assert.equal(checkExpectations({ excludes: { "/errors": [{ code: "required" }] } }, result).length, 1);
  assert.equal(checkExpectations({ excludes: { "/ok": [{}] } }, result).length, 1, "excludes needs an array");
  assert.throws(() => checkExpectations({ expect: { ok: false } }, result), "a malformed pointer is a case bug");
});
