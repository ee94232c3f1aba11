// Issue 7 point 5: `npm pack` of pkg/web produces a tarball a portal team can vendor or install — the wasm,
// the JS glue, the types, the manifest and the drop-in scripts (elements.js, worker.js) — and the packed
// package.json is a proper ES module package (name, version, types, exports).
import test from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";
import { promisify } from "node:util";
import { gunzipSync } from "node:zlib";
import { ROOT } from "./lib/pingan.mjs";

const WEB = join(ROOT, "pkg", "web");
const REQUIRED = ["pingan_bg.wasm", "pingan.js", "pingan.d.ts", "package.json", "elements.js", "elements/form-check.js", "elements/internal/pointer.js", "worker.js"];
const cargoVersion = readFileSync(join(ROOT, "Cargo.toml"), "utf8").match(/^version\s*=\s*"([^"]+)"/m)[1];

/** The regular files of a .tgz as a Map path → Buffer (ustar: 512-byte headers, name + prefix). */
function untgz(buf) {
  const tar = gunzipSync(buf);
  const files = new Map();
  const str = (b) => b.toString("utf8").replace(/\0.*$/s, "");
  for (let off = 0; off + 512 <= tar.length; ) {
    const h = tar.subarray(off, off + 512);
    if (h.every((x) => x === 0)) break;
    const name = str(h.subarray(0, 100)), prefix = str(h.subarray(345, 500));
    const size = parseInt(str(h.subarray(124, 136)).trim() || "0", 8);
    const type = String.fromCharCode(h[156] || 48);
    if (type === "0" || type === "\0") files.set(prefix ? `${prefix}/${name}` : name, Buffer.from(tar.subarray(off + 512, off + 512 + size)));
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

let packed; // { info, files, dir }

test.before(async () => {
  assert.ok(existsSync(join(WEB, "package.json")), "pkg/web/package.json missing: run make build");
  const dir = mkdtempSync(join(tmpdir(), "pingan-pack-"));
  // --json: the listing on stdout; --pack-destination: the tarball goes to the temp dir, not pkg/web.
  const { stdout } = await promisify(execFile)("npm", ["pack", "--json", "--pack-destination", dir], {
    cwd: WEB,
    env: { ...process.env, npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" },
    maxBuffer: 16 * 1024 * 1024,
  });
  const json = JSON.parse(stdout.slice(stdout.indexOf("[")));
  assert.equal(json.length, 1, "one package packed");
  const info = json[0];
  const tgz = join(dir, info.filename);
  assert.ok(existsSync(tgz), `the tarball ${info.filename} is in the pack destination`);
  assert.ok(!existsSync(join(WEB, info.filename)), "nothing was written into pkg/web");
  packed = { info, dir, files: untgz(readFileSync(tgz)) };
});

test.after(() => {
  if (packed) rmSync(packed.dir, { recursive: true, force: true });
});

test("npm pack --json lists the wasm, the JS glue, the types, the manifest and the drop-in scripts", () => {
  const listed = packed.info.files.map((f) => f.path);
  for (const f of REQUIRED) assert.ok(listed.includes(f), `npm pack lists ${f} (got ${listed.join(", ")})`);
  assert.equal(packed.info.name, "pingan");
  assert.equal(packed.info.version, cargoVersion);
  assert.equal(packed.info.entryCount, listed.length);
  // No stray files: only what package.json's "files" names, a file or a folder such as elements/ (npm adds
  // package.json, README, LICENSE).
  const pkg = JSON.parse(readFileSync(join(WEB, "package.json"), "utf8"));
  const named = (f) => pkg.files.includes(f) || pkg.files.some((d) => f.startsWith(d + "/"));
  for (const f of listed) assert.ok(named(f) || /^(package\.json|readme|licen[cs]e|copying)/i.test(f), `unexpected file in the tarball: ${f}`);
});

test("the tarball holds exactly the listed files, byte for byte what pkg/web has", () => {
  const inTar = [...packed.files.keys()].sort();
  assert.deepEqual(inTar, packed.info.files.map((f) => `package/${f.path}`).sort());
  for (const f of packed.info.files) {
    const bytes = packed.files.get(`package/${f.path}`);
    assert.equal(bytes.length, f.size, `${f.path}: size`);
    if (f.path !== "package.json") assert.ok(bytes.equals(readFileSync(join(WEB, f.path))), `${f.path}: same bytes as pkg/web/${f.path}`);
  }
  assert.ok(WebAssembly.validate(packed.files.get("package/pingan_bg.wasm")), "the packed .wasm validates");
});

test("the packed package.json: name, version, types and ESM exports that resolve inside the tarball", () => {
  const pkg = JSON.parse(packed.files.get("package/package.json").toString("utf8"));
  const has = (p) => packed.files.has(posix.join("package", p));
  assert.equal(pkg.name, "pingan");
  assert.equal(pkg.version, cargoVersion);
  assert.match(pkg.version, /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/, "semver");
  assert.equal(pkg.type, "module", "an ES module package");
  assert.equal(pkg.types, "pingan.d.ts");
  assert.ok(has(pkg.types), "types points into the tarball");
  assert.ok(has(pkg.main), "main points into the tarball");
  // ESM exports: "." has types first (TypeScript needs it before import/default) and an import condition.
  const root = pkg.exports && pkg.exports["."];
  assert.ok(root && typeof root === "object", 'exports["."] is a conditions object');
  assert.equal(Object.keys(root)[0], "types", 'exports["."].types comes first');
  assert.equal(root.types, "./pingan.d.ts");
  assert.equal(root.import, "./pingan.js");
  assert.equal(root.default, "./pingan.js");
  assert.ok(!("require" in root), "no CommonJS condition (pkg/web is ESM only)");
  for (const sub of ["./elements.js", "./worker.js", "./pingan_bg.wasm", "./package.json"]) assert.ok(sub in pkg.exports, `exports["${sub}"]`);
  // Every export target (each condition) is a file in the tarball.
  const targets = (v) => (typeof v === "string" ? [v] : Object.values(v).flatMap(targets));
  for (const [key, value] of Object.entries(pkg.exports)) {
    if (key.includes("*")) continue;
    for (const t of targets(value)) assert.ok(has(t), `exports["${key}"] → ${t} is in the tarball`);
  }
});

test("the packed scripts import only files that are in the tarball", () => {
  for (const [path, bytes] of packed.files) {
    if (!/\.m?js$/.test(path)) continue;
    const src = bytes.toString("utf8");
    for (const m of src.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*["'](\.{1,2}\/[^"']+)["']|import\s*\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)|new URL\(\s*["']([^"':]+)["']\s*,\s*import\.meta\.url\s*\)/g)) {
      const rel = m[1] || m[2] || m[3];
      const target = posix.normalize(posix.join(posix.dirname(path), rel));
      // A folder ("./": where the builds are) must hold files of the tarball.
      const ok = rel.endsWith("/") ? [...packed.files.keys()].some((f) => f.startsWith(target.replace(/\/?$/, "/"))) : packed.files.has(target);
      assert.ok(ok, `${path} refers to ${rel}, which is not in the tarball`);
    }
  }
});
