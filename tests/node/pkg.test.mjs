// What `make build` leaves in pkg/: both optimised builds load, the web package is publishable, and the
// glue obeys the portal's rules (no eval, no network but the .wasm beside it).
import test from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { pingan, ROOT } from "./lib/pingan.mjs";

const WEB = join(ROOT, "pkg", "web");
const NODE = join(ROOT, "pkg", "node");
const cargoVersion = readFileSync(join(ROOT, "Cargo.toml"), "utf8").match(/^version\s*=\s*"([^"]+)"/m)[1];

test("pkg/web (ES module) initialises from the .wasm bytes and agrees with pkg/node", async () => {
  const web = await import(pathToFileURL(join(WEB, "pingan.js")).href);
  await web.default({ module_or_path: readFileSync(join(WEB, "pingan_bg.wasm")) });
  assert.deepEqual(web.version(), pingan.version());
  assert.deepEqual(web.defaultPolicy(), pingan.defaultPolicy());
  const probe = { as_of: "2025-12-31", year: 2025, unit: { id: "U1", kind: "party" } };
  assert.deepEqual(new web.Engine().validate("dossier", probe), new pingan.Engine().validate("dossier", probe));
  assert.deepEqual(new web.Engine().score(probe), new pingan.Engine().score(probe), "byte-identical answers from both builds");
});

test("both .wasm files are wasm-opt output that WebAssembly validates", () => {
  for (const dir of [WEB, NODE]) {
    const bytes = readFileSync(join(dir, "pingan_bg.wasm"));
    assert.ok(WebAssembly.validate(bytes), `${dir}/pingan_bg.wasm validates`);
    const m = new WebAssembly.Module(bytes);
    assert.deepEqual(WebAssembly.Module.customSections(m, "name"), [], "no name section (stripped by wasm-opt --strip-debug)");
  }
});

test("pkg/web/package.json is a publishable ES module package", () => {
  const pkg = JSON.parse(readFileSync(join(WEB, "package.json"), "utf8"));
  assert.equal(pkg.name, "pingan");
  assert.equal(pkg.version, cargoVersion);
  assert.equal(pkg.type, "module");
  assert.equal(pkg.main, "pingan.js");
  assert.equal(pkg.module, "pingan.js");
  assert.equal(pkg.types, "pingan.d.ts");
  for (const f of ["pingan.js", "pingan_bg.wasm", "pingan.d.ts", "pingan_bg.wasm.d.ts"]) assert.ok(pkg.files.includes(f), f);
  for (const f of pkg.files) assert.ok(existsSync(join(WEB, f)), `files: ${f} exists`);
  assert.equal(pkg.exports["."].import, "./pingan.js");
  assert.equal(pkg.exports["."].types, "./pingan.d.ts");
  assert.equal(pkg.exports["./pingan_bg.wasm"], "./pingan_bg.wasm");
});

test("pkg/node/package.json makes the CommonJS build loadable under a \"type\": \"module\" root", () => {
  assert.equal(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).type, "module");
  assert.deepEqual(JSON.parse(readFileSync(join(NODE, "package.json"), "utf8")), { type: "commonjs" });
});

test("the web glue uses no eval and fetches nothing but its own .wasm", () => {
  const js = readFileSync(join(WEB, "pingan.js"), "utf8");
  assert.doesNotMatch(js, /\beval\s*\(/);
  assert.doesNotMatch(js, /new\s+Function\s*\(/);
  assert.doesNotMatch(js, /https?:\/\//, "no absolute URLs");
  assert.match(js, /new URL\('pingan_bg\.wasm', import\.meta\.url\)/);
});

test("the .d.ts declares the contract's entry points", () => {
  const dts = readFileSync(join(WEB, "pingan.d.ts"), "utf8");
  for (const name of ["class Engine", "function checkPolicy", "function defaultPolicy", "function schema", "function version", "export default function __wbg_init"]) {
    assert.ok(dts.includes(name), name);
  }
});

test("the drop-in scripts of www/ (elements.js, worker.js) ship in pkg/web beside pingan.js", () => {
  const pkg = JSON.parse(readFileSync(join(WEB, "package.json"), "utf8"));
  for (const f of ["elements.js", "worker.js"]) {
    if (!existsSync(join(ROOT, "www", f))) continue;
    // Verbatim, or (a source newer than ES2019) down-levelled by scripts/es2019.mjs, which says so on line 1.
    const shipped = readFileSync(join(WEB, f), "utf8");
    if (!shipped.startsWith(`// Down-levelled to ES2019 from www/${f} `)) {
      assert.deepEqual(readFileSync(join(WEB, f)), readFileSync(join(ROOT, "www", f)), `pkg/web/${f} is www/${f}`);
    }
    assert.ok(pkg.files.includes(f), `files lists ${f}`);
    const exp = pkg.exports["./" + f];
    assert.equal(typeof exp === "string" ? exp : exp?.default, "./" + f, `exports["./${f}"]`);
    const dts = f.replace(/\.js$/, ".d.ts");
    if (existsSync(join(ROOT, "www", dts))) {
      assert.ok(pkg.files.includes(dts), `files lists ${dts}`);
      assert.equal(exp.types, "./" + dts);
    }
    assert.ok(pkg.sideEffects.includes("./" + f), `${f} has side effects (registers elements)`);
  }
});

test("the element modules of www/elements/ ship in pkg/web/elements/, side-effect-free and exported", async () => {
  const { readdirSync } = await import("node:fs");
  const pkg = JSON.parse(readFileSync(join(WEB, "package.json"), "utf8"));
  const list = (dir) => readdirSync(join(ROOT, "www", dir), { withFileTypes: true }).filter((e) => e.isFile() && /\.(js|d\.ts)$/.test(e.name)).map((e) => `${dir}/${e.name}`);
  const sources = [...list("elements"), ...list("elements/internal")];
  for (const want of ["elements/form-check.js", "elements/scorecard.js", "elements/timeline.js", "elements/duty-matrix.js", "elements/internal/pointer.js"]) {
    assert.ok(sources.includes(want), `www/${want} exists`);
  }
  for (const f of sources) {
    assert.ok(existsSync(join(WEB, f)), `pkg/web/${f} shipped`);
    const shipped = readFileSync(join(WEB, f), "utf8");
    if (!shipped.startsWith(`// Down-levelled to ES2019 from www/${f} `)) assert.equal(shipped, readFileSync(join(ROOT, "www", f), "utf8"), `pkg/web/${f} is www/${f}`);
  }
  // No stale module left behind by an earlier build.
  const shippedList = (dir) => readdirSync(join(WEB, dir), { withFileTypes: true }).filter((e) => e.isFile()).map((e) => `${dir}/${e.name}`);
  assert.deepEqual([...shippedList("elements"), ...shippedList("elements/internal")].sort(), [...sources].sort());
  assert.ok(pkg.files.includes("elements"), "files lists the elements/ folder");
  assert.equal(pkg.exports["./elements/*"], "./elements/*");
  assert.ok(!pkg.sideEffects.some((p) => p.startsWith("./elements/")), `no element module is marked as having side effects: ${pkg.sideEffects}`);
  assert.ok(pkg.sideEffects.includes("./elements.js"), "the entry registers the elements");
  for (const m of ["form-check", "scorecard", "timeline", "duty-matrix"]) assert.ok(sources.includes(`elements/${m}.d.ts`), `elements/${m}.d.ts`);
});
