#!/usr/bin/env node
// A small static server for the demo and the browser tests. No dependencies.
//
//   node scripts/serve.mjs [--port 8080] [--csp] [--root DIR]
//
// Serves the repository: `/` → www/ (so `/` is www/index.html), `/pkg/` → pkg/ (so www/index.html can
// import "/pkg/web/pingan.js" or "../pkg/web/pingan.js"), `/tests/cases/` → tests/cases/ (example
// dossiers). Binds 127.0.0.1 only, GET and HEAD only, no directory listings, no dotfiles, nothing outside
// the mounted folders (symlinks included). `--csp` adds to every response
//   Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'
// which is what a portal page enforces: no eval, no inline script, no network but its own origin.
//
// In-process (browser tests): `const s = await startServer({ root, port: 0, csp: true }); … s.url …;
// await s.close();`
import { createServer } from "node:http";
import { createReadStream } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import { dirname, extname, join, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const HOST = "127.0.0.1";
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * URL prefix → folder under the root; the longest matching prefix wins. /vendor/… serves the UI kits
 * the adapter examples use from node_modules (the real npm packages, pinned in package.json; no CDN).
 */
export const DEFAULT_MOUNTS = {
  "/pkg/": "pkg",
  "/tests/cases/": "tests/cases",
  "/vendor/jquery/": "node_modules/jquery/dist",
  "/vendor/layui/": "node_modules/layui/dist",
  "/vendor/vue/": "node_modules/vue/dist",
  "/vendor/element-plus/": "node_modules/element-plus/dist",
  // The province page's spreadsheet libraries (issue 16), loaded only when a sheet is opened or written:
  // their prebuilt browser bundles, straight from node_modules (nothing from a CDN).
  "/vendor/read-excel-file/": "node_modules/read-excel-file/bundle",
  "/vendor/write-excel-file/": "node_modules/write-excel-file/bundle",
  // The demo tree has pkg/web's layout: www/elements.js, www/load.js and the glue shims www/pingan.js and
  // www/pingan_mvp.js sit at /, so the .wasm files load.js fetches beside them come from pkg/web.
  "/pingan_bg.wasm": "pkg/web/pingan_bg.wasm",
  "/pingan_mvp_bg.wasm": "pkg/web/pingan_mvp_bg.wasm",
  "/": "www",
};

export const MIME = {
  ".html": "text/html; charset=utf-8",
  ".htm": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".cjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".wasm": "application/wasm",
  ".ts": "text/plain; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".otf": "font/otf",
  ".xml": "application/xml; charset=utf-8",
  ".pdf": "application/pdf",
};

export function mimeOf(file) {
  return MIME[extname(file).toLowerCase()] ?? "application/octet-stream";
}

/**
 * Map a request path to a file inside a mount, or null when it must not be served. Rejects: encoded
 * or plain `..`, backslashes, NUL, "//", and any segment starting with "." (dotfiles, .git).
 */
export function resolveRequest(root, mounts, rawPath) {
  let path;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  // "//" would make a redirect's Location protocol-relative (an open redirect); nothing needs it.
  if (!path.startsWith("/") || path.includes("//") || path.includes("\0") || path.includes("\\")) return null;
  const segments = path.split("/");
  if (segments.some((s) => s === ".." || (s.startsWith(".") && s !== ""))) return null;
  const prefix = Object.keys(mounts)
    .filter((p) => path === p.replace(/\/$/, "") || path.startsWith(p))
    .sort((a, b) => b.length - a.length)[0];
  if (prefix === undefined) return null;
  const base = resolve(root, mounts[prefix]);
  const rest = path.slice(prefix.length).replace(/^\/+/, "");
  const file = resolve(base, rest);
  if (file !== base && !file.startsWith(base + sep)) return null;
  return { base, file };
}

function send(res, status, text, extra = {}) {
  const body = Buffer.from(text + "\n");
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Content-Length": body.length, ...extra });
  res.end(res.req.method === "HEAD" ? undefined : body);
}

/**
 * Start the server. `port` 0 picks a free port. Resolves to { server, port, url, close() } once
 * listening; `url` ends with "/". `csp`: false (none), true (CSP above), a policy string, or a function
 * (pathname, search) → policy string | null (per request; the fail-open tests use a policy without
 * 'wasm-unsafe-eval' on one page). `mounts` may add folders (e.g. a copy of pkg/web without its .wasm).
 */
export async function startServer({ root = REPO, port = 8080, csp = false, mounts = DEFAULT_MOUNTS, quiet = true } = {}) {
  const rootAbs = resolve(root);
  const common = {
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
  const cspOf = typeof csp === "function" ? csp : () => (csp === true ? CSP : typeof csp === "string" ? csp : null);

  const server = createServer(async (req, res) => {
    for (const [k, v] of Object.entries(common)) res.setHeader(k, v);
    {
      const raw0 = String(req.url ?? "/");
      const cut0 = raw0.search(/[?#]/);
      const policy = cspOf(cut0 < 0 ? raw0 : raw0.slice(0, cut0), cut0 < 0 ? "" : raw0.slice(cut0));
      if (policy) res.setHeader("Content-Security-Policy", policy);
    }
    const done = (status) => {
      if (!quiet) console.log(`${status} ${req.method} ${req.url}`);
    };
    try {
      if (req.method !== "GET" && req.method !== "HEAD") {
        done(405);
        return send(res, 405, "method not allowed", { Allow: "GET, HEAD" });
      }
      // The raw request path, not `new URL(…)`: that would resolve "..", and read "//x" as a host.
      const raw = String(req.url ?? "/");
      const cut = raw.search(/[?#]/);
      const pathname = cut < 0 ? raw : raw.slice(0, cut);
      const search = cut < 0 ? "" : raw.slice(cut);
      const target = resolveRequest(rootAbs, mounts, pathname);
      if (!target) {
        done(403);
        return send(res, 403, "forbidden");
      }
      let file = target.file;
      let st = await stat(file).catch(() => null);
      if (st?.isDirectory()) {
        if (!pathname.endsWith("/")) {
          done(301);
          return send(res, 301, "moved", { Location: pathname + "/" + search });
        }
        file = join(file, "index.html");
        st = await stat(file).catch(() => null);
      }
      if (!st?.isFile()) {
        done(404);
        return send(res, 404, "not found");
      }
      // A symlink must not lead out of its mount.
      const [real, realBase] = await Promise.all([realpath(file), realpath(target.base)]);
      if (real !== realBase && !real.startsWith(realBase + sep)) {
        done(403);
        return send(res, 403, "forbidden");
      }
      res.writeHead(200, { "Content-Type": mimeOf(file), "Content-Length": st.size });
      done(200);
      if (req.method === "HEAD") return res.end();
      const stream = createReadStream(file);
      stream.on("error", () => res.destroy());
      stream.pipe(res);
    } catch (err) {
      done(500);
      if (!res.headersSent) send(res, 500, "internal error");
      else res.destroy();
      if (!quiet) console.error(err);
    }
  });

  await new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, HOST, () => {
      server.off("error", fail);
      ok();
    });
  });
  const actual = server.address().port;
  return {
    server,
    port: actual,
    url: `http://${HOST}:${actual}/`,
    close: () =>
      new Promise((ok) => {
        server.close(() => ok());
        server.closeAllConnections?.();
      }),
  };
}

function parseArgs(argv) {
  const opts = { port: 8080, csp: false, root: REPO };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = a.includes("=") ? a.slice(a.indexOf("=") + 1) : argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--csp") opts.csp = true;
    else if (a === "--port" || a.startsWith("--port=")) {
      opts.port = Number(value());
      if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) throw new Error("bad --port");
    } else if (a === "--root" || a.startsWith("--root=")) opts.root = resolve(value());
    else if (a === "-h" || a === "--help") {
      console.log("usage: node scripts/serve.mjs [--port 8080] [--csp] [--root DIR]");
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  return opts;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`serve.mjs: ${e.message}`);
    process.exit(2);
  }
  try {
    const s = await startServer({ ...opts, quiet: false });
    console.log(`Serving ${opts.root} (/ → www/, /pkg/ → pkg/)${opts.csp ? " with CSP" : ""}`);
    console.log(`Open http://${HOST}:${s.port}/  (Ctrl-C to stop)`);
    const stop = () => s.close().then(() => process.exit(0));
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  } catch (e) {
    console.error(`serve.mjs: cannot listen on ${HOST}:${opts.port}: ${e.code ?? e.message}`);
    process.exit(1);
  }
}
