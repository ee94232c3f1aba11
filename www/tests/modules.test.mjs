// The element modules (www/elements/*.js and their internals) are side-effect-free: importing one defines
// no element, adds no listener, no global and no stylesheet, and loads nothing else; only elements.js (the
// entry) registers. Checked two ways: by parsing (every top-level statement of a module is an import, an
// export or a declaration whose initial value runs no code) and in Chromium (import them all, look).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import * as acorn from "acorn";
import { setup, dataPaths, WWW } from "./harness.mjs";

const TAGS = ["pingan-form-check", "pingan-scorecard", "pingan-timeline", "pingan-duty-matrix"];
const ELEMENTS = { "pingan-form-check": "form-check", "pingan-scorecard": "scorecard", "pingan-timeline": "timeline", "pingan-duty-matrix": "duty-matrix" };
const list = (dir) => readdirSync(join(WWW, dir)).filter((f) => f.endsWith(".js")).map((f) => `${dir}/${f}`);
const MODULES = [...list("elements"), ...list("elements/internal")].sort();

/** An expression that runs no code when evaluated (literals, functions, and objects / arrays of those). */
function inert(node) {
  if (!node) return true;
  switch (node.type) {
    case "Literal":
    case "ArrowFunctionExpression":
    case "FunctionExpression":
      return true;
    case "TemplateLiteral":
      return node.expressions.length === 0;
    case "UnaryExpression":
      return node.operator === "-" && node.argument.type === "Literal";
    case "ArrayExpression":
      return node.elements.every((e) => e && e.type !== "SpreadElement" && inert(e));
    case "ObjectExpression":
      return node.properties.every((p) => p.type === "Property" && !p.computed && inert(p.value));
    default:
      return false;
  }
}

/** A class whose definition runs no code: a plain `extends Name`, no computed keys, no static fields. */
function inertClass(c) {
  if (c.superClass && c.superClass.type !== "Identifier") return false;
  return c.body.body.every((m) => m.type === "MethodDefinition" && !m.computed);
}

/** The top-level statements of `text` that could do something on import, as short descriptions. */
function effects(text) {
  const ast = acorn.parse(text, { ecmaVersion: 2022, sourceType: "module" });
  const bad = [];
  const declaration = (d) => {
    if (d.type === "FunctionDeclaration") return true;
    if (d.type === "ClassDeclaration") return inertClass(d);
    if (d.type === "VariableDeclaration") return d.declarations.every((v) => v.id.type === "Identifier" && inert(v.init));
    return false;
  };
  for (const n of ast.body) {
    const ok =
      n.type === "ImportDeclaration" ||
      (n.type === "ExportNamedDeclaration" && (n.declaration ? declaration(n.declaration) : true)) ||
      n.type === "ExportAllDeclaration" ||
      declaration(n);
    if (!ok) bad.push(`line ${text.slice(0, n.start).split("\n").length}: ${text.slice(n.start, n.end).split("\n")[0].slice(0, 80)}`);
  }
  return bad;
}

test("the checker itself: what runs code on import is found, declarations are not", () => {
  assert.deepEqual(effects("import { a } from './a.js'; export const X = { a: 1, b: [2, 'c'], f: () => a() }; function f() { g(); } export class C extends HTMLElement { m() {} }"), []);
  for (const code of ["define();", "const x = f();", "export const y = new Map();", "let z = a.b;", "customElements.define('a-b', C);", "class D extends mixin(HTMLElement) {}", "class E { static x = f(); }", "if (a) b();", "const t = `${a}`;"]) {
    assert.equal(effects(code).length, 1, code);
  }
});

test("every element module and internal module is side-effect-free by its top-level statements", () => {
  for (const want of ["elements/form-check.js", "elements/scorecard.js", "elements/timeline.js", "elements/duty-matrix.js", "elements/internal/pointer.js"]) {
    assert.ok(MODULES.includes(want), `www/${want}`);
  }
  for (const m of MODULES) {
    const text = readFileSync(join(WWW, m), "utf8");
    assert.deepEqual(effects(text), [], `www/${m}: top-level statements that run on import`);
    if (m !== "elements/internal/element.js") assert.doesNotMatch(text, /customElements\.define\(/, `www/${m}: only defineElement() (internal/element.js) registers`);
  }
  // The JSON Pointer helper is imported by the worker too: no DOM at all.
  const code = readFileSync(join(WWW, "elements/internal/pointer.js"), "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  assert.doesNotMatch(code, /\b(document|window|HTMLElement|customElements|Node)\b/);
  // The entry registers, and does nothing else: its one statement with an effect is `define();`.
  assert.deepEqual(effects(readFileSync(join(WWW, "elements.js"), "utf8")).map((s) => s.replace(/^line \d+: /, "")), ["define();"]);
});

let env;
before(async () => {
  env = await setup();
});
after(async () => env && (await env.close()));

test("in Chromium, importing every element module defines nothing, listens to nothing, adds no global or sheet", async () => {
  const page = await env.open("/tests/fixtures/modules.html", {
    // Count every addEventListener from here on (the harness's own CSP listener is added before this).
    init: () => {
      window.__listens = [];
      const add = EventTarget.prototype.addEventListener;
      EventTarget.prototype.addEventListener = function (type, ...rest) {
        window.__listens.push(`${(this && this.constructor && this.constructor.name) || "?"} ${type}`);
        return add.call(this, type, ...rest);
      };
    },
  });
  const seen = await page.evaluate(async ({ modules, tags }) => {
    const before = new Set(Object.getOwnPropertyNames(window));
    const listens0 = window.__listens.length;
    const sheets0 = document.adoptedStyleSheets.length;
    const loaded = {};
    for (const m of modules) loaded[m] = Object.keys(await import(`/${m}`)).sort();
    return {
      defined: tags.filter((t) => customElements.get(t)),
      listens: window.__listens.slice(listens0),
      globals: Object.getOwnPropertyNames(window).filter((k) => !before.has(k)),
      sheets: document.adoptedStyleSheets.length - sheets0,
      loaded,
    };
  }, { modules: MODULES, tags: TAGS });
  assert.deepEqual(seen.defined, [], "no element is defined by importing the modules");
  assert.deepEqual(seen.listens, [], "no listener added");
  assert.deepEqual(seen.globals, [], "no global added");
  assert.equal(seen.sheets, 0, "no stylesheet adopted");
  for (const m of Object.values(ELEMENTS)) assert.deepEqual(seen.loaded[`elements/${m}.js`].filter((k) => k === "define" || k === "TAG"), ["TAG", "define"], `${m}.js exports TAG and define`);
  const paths = page.__log.requests.map((u) => new URL(u).pathname);
  assert.ok(!paths.some((p) => /\/(elements|load|pingan)\.js$|\.wasm$/.test(p)), `nothing but the modules was fetched: ${paths.join(" ")}`);
  assert.ok(paths.includes("/vocabularies.js"), "the labels come with the modules (a static import)");
  await env.assertClean(page, assert);
});

test("a portal can register one element module by itself: define() of scorecard.js, the engine on first use", async () => {
  const { county } = await dataPaths();
  const page = await env.open("/tests/fixtures/modules.html");
  const r = await page.evaluate(async ({ county, tags }) => {
    const m = await import("/elements/scorecard.js");
    m.define();
    m.define(); // idempotent
    const defined = tags.filter((t) => customElements.get(t));
    const same = customElements.get("pingan-scorecard") === m.PinganScorecard;
    const el = document.createElement("pingan-scorecard");
    el.setAttribute("src", "/" + county);
    document.querySelector("#slot").append(el);
    const detail = await new Promise((resolve) => el.addEventListener("pingan-result", (e) => resolve(e.detail), { once: true }));
    const engine = await import("/elements/internal/engine.js");
    const whole = await import("/elements.js");
    return {
      defined,
      same,
      ok: detail.ok,
      shown: el.querySelector(".pingan-total") && el.querySelector(".pingan-total").getAttribute("data-total"),
      total: String(detail.result.assessment.total),
      shared: (await whole.ready()).engine === (await engine.ready()).engine && whole.PinganScorecard === m.PinganScorecard,
      after: tags.filter((t) => customElements.get(t)),
    };
  }, { county, tags: TAGS });
  assert.deepEqual(r.defined, ["pingan-scorecard"], "define() of scorecard.js registers that element only");
  assert.equal(r.same, true);
  assert.equal(r.ok, true);
  assert.equal(r.shown, r.total, "the scorecard shows the engine's total");
  assert.equal(r.shared, true, "elements.js and the module share one engine and one class");
  assert.deepEqual(r.after, TAGS, "importing elements.js afterwards registers the rest");
  await env.assertClean(page, assert);
});
