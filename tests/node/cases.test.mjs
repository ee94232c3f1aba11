// The shared case files: tests/cases/*.json, read by this runner and by the crate's Rust runner alike.
//
//   { "cases": [ { "name": str,
//                  "call": "score"|"evaluate"|"validate"|"whatIf"|"toReach"|"eligibility"|"checkPolicy"
//                          |"evaluateMany"|"schema"|"version",
//                  "policy_patch"?: [RFC 6902 ops on defaultPolicy(), then new Engine(p)],
//                  "args": [positional arguments of the JS method],
//                  "expect"?:   { "<JSON Pointer into the result>": <deep-equal value> },
//                  "includes"?: { "<pointer>": <partial> },
//                  "excludes"?: { "<pointer>": [<partial>, …] } } ] }
//
// Any argument object (at any depth) with a "$fixture" key is replaced by tests/cases/fixtures/<name>.json
// with its optional "$patch" (RFC 6902) applied. Partials: an object matches when each of its keys
// matches recursively; an array matches when each of its elements matches SOME element of the actual
// array; scalars compare equal (numbers with ===). `excludes`: no element of the array at the pointer
// matches any listed partial. Each case is one test named "<file>: <case name>".
import test from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CASES, CASE_KEYS, runCall, checkExpectations } from "./lib/cases.mjs";
import { brief } from "./lib/pingan.mjs";

const files = existsSync(CASES)
  ? readdirSync(CASES).filter((f) => f.endsWith(".json")).sort()
  : [];

test("tests/cases has case files", () => {
  assert.ok(files.length > 0, `no *.json in ${CASES}`);
});

for (const file of files) {
  let doc;
  try {
    doc = JSON.parse(readFileSync(join(CASES, file), "utf8"));
  } catch (e) {
    test(`${file}: parses`, () => assert.fail(`${file}: ${e.message}`));
    continue;
  }
  if (!doc || !Array.isArray(doc.cases)) {
    test(`${file}: has a "cases" array`, () => assert.fail(`${file} is not { "cases": [...] }`));
    continue;
  }
  const seen = new Set();
  doc.cases.forEach((c, i) => {
    const name = typeof c?.name === "string" ? c.name : `#${i}`;
    const title = `${file}: ${seen.has(name) ? `${name} (#${i})` : name}`;
    seen.add(name);
    test(title, () => {
      assert.ok(c && typeof c === "object", "a case is an object");
      assert.equal(typeof c.name, "string", "a case has a name");
      // A case without expectations only checks that the call answers; with an unknown key beside it,
      // that is most likely a misspelt "expect".
      const unknown = Object.keys(c).filter((k) => !CASE_KEYS.has(k));
      const checks = c.expect !== undefined || c.includes !== undefined || c.excludes !== undefined;
      assert.ok(checks || unknown.length === 0, `the case checks nothing and has unknown keys ${unknown.join(", ")} (typo?)`);
      let result;
      try {
        result = runCall(c);
      } catch (e) {
        if (e instanceof assert.AssertionError) throw e;
        assert.fail(`${c.call}(…) threw ${e?.name}: ${e?.message}`);
      }
      assert.notEqual(result, undefined, `${c.call}(…) answered undefined`);
      const problems = checkExpectations(c, result);
      assert.deepEqual(problems, [], `answer: ${brief(result, 1500)}`);
    });
  });
}
