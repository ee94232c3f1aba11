// scripts/serve.mjs: what `make demo` and the browser tests serve.
import test from "node:test";
import assert from "node:assert/strict";
import { request } from "node:http";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, mkdirSync, writeFileSync, symlinkSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, resolveRequest, DEFAULT_MOUNTS, CSP, mimeOf } from "../../scripts/serve.mjs";
import { ROOT } from "./lib/pingan.mjs";

/** A raw GET: the path goes out exactly as written (fetch would normalise "..", "%2e%2e" and the like). */
function get(port, path, method = "GET") {
  return new Promise((ok, fail) => {
    const req = request({ host: "127.0.0.1", port, path, method }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", fail);
    req.end();
  });
}

// A throwaway tree: www/, pkg/, a secret beside them and a symlink that points out of www/.
function sandbox() {
  const root = mkdtempSync(join(tmpdir(), "pingan-serve-"));
  mkdirSync(join(root, "www", "sub"), { recursive: true });
  mkdirSync(join(root, "pkg", "web"), { recursive: true });
  writeFileSync(join(root, "www", "index.html"), "<!doctype html><title>demo</title>");
  writeFileSync(join(root, "www", "sub", "index.html"), "sub");
  writeFileSync(join(root, "www", "app.mjs"), "export {}");
  writeFileSync(join(root, "www", ".env"), "SECRET");
  writeFileSync(join(root, "pkg", "web", "pingan.js"), "export default 1");
  writeFileSync(join(root, "pkg", "web", "pingan_bg.wasm"), Buffer.from([0, 97, 115, 109, 1, 0, 0, 0]));
  writeFileSync(join(root, "secret.txt"), "SECRET");
  symlinkSync(join(root, "secret.txt"), join(root, "www", "link.txt"));
  return root;
}

test("serves / → www/index.html and /pkg/ → pkg/ with the right MIME types, on 127.0.0.1 only", async (t) => {
  const root = sandbox();
  const s = await startServer({ root, port: 0 });
  t.after(async () => {
    await s.close();
    rmSync(root, { recursive: true, force: true });
  });
  assert.equal(s.server.address().address, "127.0.0.1");
  assert.equal(s.url, `http://127.0.0.1:${s.port}/`);
  const index = await get(s.port, "/");
  assert.equal(index.status, 200);
  assert.match(index.headers["content-type"], /^text\/html/);
  assert.match(index.body.toString(), /demo/);
  assert.equal((await get(s.port, "/index.html")).status, 200);
  assert.equal((await get(s.port, "/sub/")).body.toString(), "sub");
  const redirect = await get(s.port, "/sub");
  assert.equal(redirect.status, 301);
  assert.equal(redirect.headers.location, "/sub/");
  const js = await get(s.port, "/pkg/web/pingan.js");
  assert.equal(js.status, 200);
  assert.match(js.headers["content-type"], /^text\/javascript/);
  assert.match((await get(s.port, "/app.mjs")).headers["content-type"], /^text\/javascript/);
  const wasm = await get(s.port, "/pkg/web/pingan_bg.wasm");
  assert.equal(wasm.status, 200);
  assert.equal(wasm.headers["content-type"], "application/wasm");
  assert.equal(wasm.body.length, 8);
  assert.equal(wasm.headers["content-security-policy"], undefined, "no CSP unless asked");
  const head = await get(s.port, "/pkg/web/pingan_bg.wasm", "HEAD");
  assert.equal(head.status, 200);
  assert.equal(head.body.length, 0);
  assert.equal((await get(s.port, "/missing.js")).status, 404);
  assert.equal((await get(s.port, "/pkg/web/pingan.js", "POST")).status, 405);
  assert.equal((await get(s.port, "/pkg/web/pingan.js?v=1#x")).status, 200, "query strings are ignored");
});

test("no directory traversal, no dotfiles, no symlinks out of the mount", async (t) => {
  const root = sandbox();
  const s = await startServer({ root, port: 0 });
  t.after(async () => {
    await s.close();
    rmSync(root, { recursive: true, force: true });
  });
  for (const path of [
    "/../secret.txt",
    "/%2e%2e/secret.txt",
    "/%2E%2E/secret.txt",
    "/pkg/../secret.txt",
    "/pkg/..%2fsecret.txt",
    "/pkg/%2e%2e%2fsecret.txt",
    "/pkg/web/..%2f..%2fsecret.txt",
    "/..%5csecret.txt",
    "/pkg/..\\secret.txt",
    "//secret.txt",
    "/.env",
    "/%2eenv",
    "/link.txt",
    "/secret.txt%00.html",
    "/%ff",
    "/" + "../".repeat(20) + "etc/passwd",
  ]) {
    const r = await get(s.port, path);
    assert.notEqual(r.status, 200, `${path} answered 200`);
    assert.ok(!r.body.toString().includes("SECRET") && !r.body.toString().includes("root:"), `${path} leaked`);
  }
});

test("--csp / { csp: true } puts the portal's Content-Security-Policy on every response", async (t) => {
  const root = sandbox();
  const s = await startServer({ root, port: 0, csp: true });
  t.after(async () => {
    await s.close();
    rmSync(root, { recursive: true, force: true });
  });
  assert.equal(CSP, "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'");
  for (const path of ["/", "/pkg/web/pingan_bg.wasm", "/missing", "/../x"]) {
    assert.equal((await get(s.port, path)).headers["content-security-policy"], CSP, path);
  }
});

test("resolveRequest maps mounts and refuses what lies outside them", () => {
  const r = resolveRequest("/repo", DEFAULT_MOUNTS, "/pkg/web/pingan.js");
  assert.equal(r.file, "/repo/pkg/web/pingan.js");
  assert.equal(resolveRequest("/repo", DEFAULT_MOUNTS, "/").file, "/repo/www");
  assert.equal(resolveRequest("/repo", DEFAULT_MOUNTS, "/pkg").file, "/repo/pkg");
  assert.equal(resolveRequest("/repo", DEFAULT_MOUNTS, "/pkgx/a").file, "/repo/www/pkgx/a");
  // The demo tree has pkg/web's layout: the .wasm files beside www/pingan.js and www/pingan_mvp.js.
  assert.equal(resolveRequest("/repo", DEFAULT_MOUNTS, "/pingan_bg.wasm").file, "/repo/pkg/web/pingan_bg.wasm");
  assert.equal(resolveRequest("/repo", DEFAULT_MOUNTS, "/pingan_mvp_bg.wasm").file, "/repo/pkg/web/pingan_mvp_bg.wasm");
  assert.equal(resolveRequest("/repo", DEFAULT_MOUNTS, "/pingan_mvp.js").file, "/repo/www/pingan_mvp.js");
  for (const p of ["//evil.example/", "/sub//x", "/../x", "/a/../../x", "/%2e%2e/x", "/.git/config", "/a\\b", "/a%00", "%", "x"]) {
    assert.equal(resolveRequest("/repo", DEFAULT_MOUNTS, p), null, p);
  }
  assert.equal(mimeOf("a.wasm"), "application/wasm");
  assert.equal(mimeOf("A.JS"), "text/javascript; charset=utf-8");
  assert.equal(mimeOf("x.unknown"), "application/octet-stream");
});

test("the CLI prints its http://127.0.0.1:PORT/ address and serves the repository", { timeout: 20000 }, async (t) => {
  const child = spawn(process.execPath, [join(ROOT, "scripts", "serve.mjs"), "--port", "0", "--csp"], { stdio: ["ignore", "pipe", "pipe"] });
  t.after(() => child.kill());
  const url = await new Promise((ok, fail) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) ok(m[0]);
    });
    child.on("exit", (code) => fail(new Error(`serve.mjs exited ${code}: ${out}`)));
  });
  const port = Number(new URL(url).port);
  assert.ok(port > 0);
  if (existsSync(join(ROOT, "pkg", "web", "pingan_bg.wasm"))) {
    const r = await get(port, "/pkg/web/pingan_bg.wasm");
    assert.equal(r.status, 200);
    assert.equal(r.headers["content-type"], "application/wasm");
    assert.equal(r.headers["content-security-policy"], CSP);
  }
  const expected = existsSync(join(ROOT, "www", "index.html")) ? 200 : 404;
  assert.equal((await get(port, "/")).status, expected, "/ is www/index.html");
});

test("the CLI rejects a bad --port", async () => {
  const code = await new Promise((ok) => {
    const child = spawn(process.execPath, [join(ROOT, "scripts", "serve.mjs"), "--port", "nope"], { stdio: "ignore" });
    child.on("exit", ok);
  });
  assert.equal(code, 2);
});
