// The shipped JavaScript stays within ES2019 syntax (issue 14 §3: old Chromium cores in government offices).
//
//   node scripts/es2019.mjs check FILE...     parse each file with acorn (ecmaVersion 2019, module); exit 1 if any fails
//   node scripts/es2019.mjs ship SRC DST      copy SRC to DST; if SRC is not ES2019, down-level it with TypeScript's
//                                             transpiler (target ES2019) first, then check the result
//
// ES2019 syntax runs on Chromium >= 66 (optional catch binding, the last ES2019 syntax to ship). Two ES2020
// module forms are allowed on top, because every core that runs our ES modules has them: dynamic `import()`
// (Chromium 63) and `import.meta` (Chromium 64). `check` also scans each file for built-in APIs newer
// than the floor, Chromium 69 (by name, line by line: a hint, not a proof) and FAILS on any, unless the
// line says `es2019-guarded` (a feature test with a working fallback on older cores): those are listed.
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import * as acorn from "acorn";

/** acorn at ES2019 plus import() and import.meta (acorn itself only parses them from ES2020 on). */
function moduleForms(Parser) {
  const importToken = acorn.tokTypes._import;
  return class extends Parser {
    parseExprAtom(refDestructuringErrors, forInit, forNew) {
      if (this.type === importToken) return this.parseExprImport(forNew);
      return super.parseExprAtom(refDestructuringErrors, forInit, forNew);
    }
  };
}
const Parser2019 = acorn.Parser.extend(moduleForms);

/** The syntax error of `text` under ES2019 (+ module forms), or null when it parses. */
export function es2019Error(text) {
  try {
    Parser2019.parse(text, { ecmaVersion: 2019, sourceType: "module", allowHashBang: false });
    return null;
  } catch (e) {
    return e.message;
  }
}

// Built-ins newer than Chromium 69 that a file may name, with the Chromium version that shipped them.
const APIS = [
  [/\.replaceAll\(/, "String.prototype.replaceAll", 85],
  [/\.at\(-?\d/, "Array/String.prototype.at", 92],
  [/\bstructuredClone\(/, "structuredClone", 98],
  [/\bObject\.hasOwn\(/, "Object.hasOwn", 93],
  [/\.findLast(Index)?\(/, "Array.prototype.findLast", 97],
  [/\.(toSorted|toReversed|toSpliced)\(/, "Array.prototype.toSorted", 110],
  [/\bPromise\.any\(/, "Promise.any", 85],
  [/\bPromise\.allSettled\(/, "Promise.allSettled", 76],
  [/\bWeakRef\b/, "WeakRef", 84],
  [/\bglobalThis\b/, "globalThis", 71],
  [/\.matchAll\(/, "String.prototype.matchAll", 73],
  [/\bObject\.fromEntries\(/, "Object.fromEntries", 73],
  [/\bqueueMicrotask\(/, "queueMicrotask", 71],
  [/\.replaceChildren\(/, "Element.replaceChildren", 86],
  [/\.requestSubmit\(/, "HTMLFormElement.requestSubmit", 76],
  [/\badoptedStyleSheets\b/, "Document.adoptedStyleSheets", 73],
  [/\battachInternals\(/, "ElementInternals", 77],
  [/\bAbortSignal\.timeout\(/, "AbortSignal.timeout", 103],
  [/\.submitter\b/, "SubmitEvent.submitter", 81],
];

/**
 * The newer built-ins `text` names: [{ api, chromium, line, guarded }], newest first, one per API and
 * line. `guarded`: the line carries the marker `es2019-guarded` (feature-tested, with a fallback).
 */
export function newerApis(text) {
  const found = [];
  text.split("\n").forEach((src, i) => {
    for (const [re, api, chromium] of APIS) {
      if (re.test(src)) found.push({ api, chromium, line: i + 1, guarded: src.includes("es2019-guarded") });
    }
  });
  return found.sort((a, b) => b.chromium - a.chromium || a.line - b.line);
}

async function downlevel(text, file) {
  const ts = (await import("typescript")).default;
  const out = ts.transpileModule(text, {
    fileName: basename(file),
    reportDiagnostics: true,
    compilerOptions: {
      target: ts.ScriptTarget.ES2019,
      module: ts.ModuleKind.ESNext,
      allowJs: true,
      // Class fields keep their [[Define]] semantics when lowered (they matter on HTMLElement subclasses).
      useDefineForClassFields: true,
      removeComments: false,
      importHelpers: false,
    },
  });
  const errors = (out.diagnostics || []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length) {
    throw new Error(`${file}: TypeScript could not down-level it: ${errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, " ")).join("; ")}`);
  }
  return out.outputText;
}

async function ship(src, dst) {
  const text = readFileSync(src, "utf8");
  if (!/\.m?js$/.test(src) || es2019Error(text) === null) {
    writeFileSync(dst, text);
    return;
  }
  const lowered = await downlevel(text, src);
  const err = es2019Error(lowered);
  if (err) throw new Error(`${src}: still not ES2019 after down-levelling: ${err}`);
  // The source's path from www/ on ("www/elements/form-check.js"), or its name.
  const path = src.replace(/\\/g, "/");
  const from = path.includes("www/") ? path.slice(path.lastIndexOf("www/")) : `www/${basename(src)}`;
  const note = `// Down-levelled to ES2019 from ${from} by scripts/es2019.mjs (make build).\n`;
  writeFileSync(dst, note + lowered);
  console.log(`es2019.mjs: ${src} is newer than ES2019 (${es2019Error(text)}): shipped down-levelled to ${dst}`);
}

// The checker itself: ES2020+ syntax must fail, the allowed module forms and ES2019 must pass.
const SELF = [
  ["x = a ?? b;", false],
  ["x = a?.b;", false],
  ["x = 1n;", false],
  ["class A { x = 1 }", false],
  ["export * as ns from './m.js';", false],
  ["try { f() } catch { g() }", true],
  ["const u = new URL('a.wasm', import.meta.url); const m = import(u.href);", true],
  ["async function f() { const { a, ...rest } = await g(); return [...rest]; }", true],
];

// The scanner itself: a bare newer API is found, a marked line is guarded, an older API is not listed.
const SELF_APIS = [
  ["el.replaceChildren(a);", [{ api: "Element.replaceChildren", guarded: false }]],
  ["queueMicrotask(f); // es2019-guarded: setTimeout otherwise", [{ api: "queueMicrotask", guarded: true }]],
  ["el.textContent = ''; el.append(a);", []],
];

function check(files) {
  let passed = 0;
  let failed = 0;
  for (const [code, want] of SELF_APIS) {
    const got = newerApis(code).map(({ api, guarded }) => ({ api, guarded }));
    if (JSON.stringify(got) === JSON.stringify(want)) passed += 1;
    else {
      failed += 1;
      console.log(`not ok  the API scan of ${JSON.stringify(code)} gives ${JSON.stringify(got)}`);
    }
  }
  for (const [code, ok] of SELF) {
    if ((es2019Error(code) === null) === ok) passed += 1;
    else {
      failed += 1;
      console.log(`not ok  the checker ${ok ? "rejects" : "accepts"} ${JSON.stringify(code)}`);
    }
  }
  for (const f of files) {
    const text = readFileSync(f, "utf8");
    const err = es2019Error(text);
    const apis = newerApis(text);
    const named = (list) => list.map((a) => `${a.api} (Chromium ${a.chromium}, line ${a.line})`).join(", ");
    const bare = apis.filter((a) => !a.guarded);
    const guarded = apis.filter((a) => a.guarded);
    const hint = guarded.length ? `; feature-tested with a fallback: ${named(guarded)}` : "";
    if (err) {
      failed += 1;
      console.log(`not ok  ${f}: not ES2019: ${err}${hint}`);
    } else if (bare.length) {
      failed += 1;
      console.log(`not ok  ${f}: names built-ins newer than the floor (Chromium 69): ${named(bare)}${hint}`);
    } else {
      passed += 1;
      console.log(`ok      ${f}: ES2019${hint}`);
    }
  }
  if (files.length === 0) {
    failed += 1;
    console.log("not ok  no files given");
  }
  console.log(`es2019: ${passed} passed, ${failed} failed`);
  return failed === 0;
}

const [cmd, ...args] = process.argv.slice(2);
if (cmd === "check") {
  if (!check(args)) process.exit(1);
} else if (cmd === "ship" && args.length === 2) {
  await ship(args[0], args[1]);
} else {
  console.error("usage: node scripts/es2019.mjs check FILE... | ship SRC DST");
  process.exit(2);
}
