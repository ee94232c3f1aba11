// Finish the wasm-bindgen outputs after `wasm-opt`:
//   node scripts/pkg.mjs manifest   write pkg/web/package.json (the publishable ES module) and
//                                   pkg/node/package.json ({"type":"commonjs"}: the top level is "type":"module")
//   node scripts/pkg.mjs check      load both optimised modules under Node and call version()
import { readFileSync, writeFileSync, readdirSync, existsSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const web = join(root, "pkg", "web");
const node = join(root, "pkg", "node");

/** A key of Cargo.toml's [package] table (plain `key = "value"` lines only). */
function cargoPackage(key) {
  const text = readFileSync(join(root, "Cargo.toml"), "utf8");
  let inPackage = false;
  for (const line of text.split(/\r?\n/)) {
    const section = line.match(/^\s*\[([^\]]+)\]/);
    if (section) { inPackage = section[1].trim() === "package"; continue; }
    const kv = inPackage && line.match(/^\s*([A-Za-z0-9_-]+)\s*=\s*"([^"]*)"/);
    if (kv && kv[1] === key) return kv[2];
  }
  return undefined;
}

function manifest() {
  for (const dir of [web, node]) {
    if (!existsSync(join(dir, "pingan.js"))) throw new Error(`${dir}/pingan.js missing: run make build`);
  }
  writeFileSync(join(node, "package.json"), JSON.stringify({ type: "commonjs" }, null, 2) + "\n");

  // Everything wasm-bindgen (or a later step, e.g. elements.js) put in pkg/web, in a stable order.
  const core = ["pingan.js", "pingan_bg.wasm", "pingan.d.ts", "pingan_bg.wasm.d.ts"];
  const extra = readdirSync(web)
    .filter((f) => !core.includes(f) && f !== "package.json" && !f.startsWith("."))
    .filter((f) => /\.(m?js|d\.ts|wasm)$/.test(f) || statSync(join(web, f)).isDirectory())
    .sort();
  const files = [...core.filter((f) => existsSync(join(web, f))), ...extra];

  const exports = {
    ".": { types: "./pingan.d.ts", import: "./pingan.js", default: "./pingan.js" },
    "./pingan_bg.wasm": "./pingan_bg.wasm",
    "./package.json": "./package.json",
  };
  for (const f of extra) {
    if (/\.m?js$/.test(f)) {
      const dts = f.replace(/\.m?js$/, ".d.ts");
      exports["./" + f] = extra.includes(dts) ? { types: "./" + dts, default: "./" + f } : "./" + f;
    } else if (statSync(join(web, f)).isDirectory()) {
      exports["./" + f + "/*"] = "./" + f + "/*";
    }
  }

  const pkg = {
    name: "pingan",
    version: cargoPackage("version"),
    description: cargoPackage("description"),
    license: cargoPackage("license"),
    repository: cargoPackage("repository"),
    type: "module",
    main: "pingan.js",
    module: "pingan.js",
    types: "pingan.d.ts",
    files,
    exports,
    // The drop-in scripts register custom elements / a worker: importing them is the side effect.
    sideEffects: ["./snippets/*", ...extra.filter((f) => /\.m?js$/.test(f)).map((f) => "./" + f)],
  };
  for (const k of Object.keys(pkg)) if (pkg[k] === undefined) delete pkg[k];
  writeFileSync(join(web, "package.json"), JSON.stringify(pkg, null, 2) + "\n");
  console.log(`pkg.mjs: wrote pkg/web/package.json (pingan ${pkg.version}, ${files.length} files) and pkg/node/package.json`);
}

async function check() {
  // CommonJS build, as a Node user loads it.
  const require = createRequire(import.meta.url);
  const cjs = require(join(node, "pingan.js"));
  const v1 = cjs.version();
  if (!v1 || typeof v1.crate !== "string") throw new Error("pkg/node: version() answered " + JSON.stringify(v1));
  // ES module build, initialised from the bytes (what a browser does with fetch).
  const esm = await import(pathToFileURL(join(web, "pingan.js")).href);
  await esm.default({ module_or_path: readFileSync(join(web, "pingan_bg.wasm")) });
  const v2 = esm.version();
  if (JSON.stringify(v1) !== JSON.stringify(v2)) throw new Error("pkg/web and pkg/node disagree on version()");
  // The engine must construct (wasm-opt must not have broken the externref table or the start code).
  for (const m of [cjs, esm]) {
    const e = new m.Engine();
    if (typeof e.validate !== "function") throw new Error("Engine has no validate()");
  }
  console.log(`pkg.mjs: optimised modules load under Node (crate ${v1.crate})`);
}

const cmd = process.argv[2];
if (cmd === "manifest") manifest();
else if (cmd === "check") await check();
else {
  console.error("usage: node scripts/pkg.mjs manifest|check");
  process.exit(2);
}
