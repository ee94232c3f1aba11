// Shared set-up of the Chromium tests: the repo's static server in-process on a free 127.0.0.1 port
// with the strict CSP header, headless Debian Chromium through playwright-core with a fresh profile,
// and a page that records console errors, page errors, CSP violations, dialogs and every request.
import { mkdtemp, mkdir, rm, access } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const WWW = join(REPO, "www");
export const SHOTS = join(REPO, "target", "screenshots");
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const exists = (p) => access(p).then(() => true, () => false);

/** The static server: scripts/serve.mjs (helper-1's), or our own fallback in www/tests/server.mjs. */
async function loadServer() {
  const main = join(REPO, "scripts", "serve.mjs");
  if (await exists(main)) {
    const m = await import(pathToFileURL(main).href);
    if (typeof m.startServer === "function") return m.startServer;
  }
  const m = await import(pathToFileURL(join(WWW, "tests", "server.mjs")).href);
  return m.startServer;
}

/** Where the sample county and the province live (www/data once generated; else our fixture). */
export async function dataPaths() {
  if (process.env.PINGAN_TEST_COUNTY) return { county: process.env.PINGAN_TEST_COUNTY, province: process.env.PINGAN_TEST_PROVINCE || "data/province.json" };
  const county = (await exists(join(WWW, "data", "sample-county.json"))) ? "data/sample-county.json" : "tests/fixtures/sample-county.json";
  const province = (await exists(join(WWW, "data", "province.json"))) ? "data/province.json" : "tests/fixtures/province.json";
  return { county, province };
}

/**
 * `csp`: true (the strict header on every response), false, or a function (pathname, search) → policy
 * | null. `mounts`: extra URL prefix → folder (under the repo) mounts, over scripts/serve.mjs's own.
 * `viewport`, `locale`: of the browser context.
 */
export async function setup({ csp = true, mounts = null, viewport = { width: 1280, height: 900 }, locale = "zh-CN" } = {}) {
  await mkdir(SHOTS, { recursive: true });
  const startServer = await loadServer();
  const serveMod = await import(pathToFileURL(join(REPO, "scripts", "serve.mjs")).href).catch(() => ({}));
  const allMounts = mounts ? { ...(serveMod.DEFAULT_MOUNTS || {}), ...mounts } : undefined;
  const server = await startServer({ root: REPO, port: 0, csp, ...(allMounts ? { mounts: allMounts } : {}) });
  const profile = await mkdtemp(join(tmpdir(), "pingan-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    locale,
    deviceScaleFactor: 1,
  });
  const base = server.url.replace(/\/$/, "");
  const origin = new URL(server.url).origin;
  const pages = [];

  /** `init`: a function run in the page before any of its scripts (e.g. to delete WebAssembly), given `initArg`. */
  async function open(path, { allowConsoleErrors = false, init = null, initArg = undefined } = {}) {
    const page = await context.newPage();
    const log = { errors: [], violations: [], dialogs: [], requests: [], foreign: [], consoleAll: [] };
    page.on("console", (m) => {
      log.consoleAll.push(`${m.type()}: ${m.text()}`);
      if (m.type() === "error") log.errors.push(m.text());
    });
    page.on("pageerror", (e) => log.errors.push(`pageerror: ${e.message}`));
    page.on("dialog", (d) => {
      log.dialogs.push(d.message());
      d.dismiss().catch(() => {});
    });
    page.on("request", (r) => {
      const u = r.url();
      log.requests.push(u);
      if (!(u.startsWith(origin + "/") || u === origin || u.startsWith("data:"))) log.foreign.push(u);
    });
    // Recorded before any page script runs (CDP init scripts are not subject to the page's CSP).
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener("securitypolicyviolation", (e) => {
        window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    if (init) await page.addInitScript(init, initArg);
    const resp = await page.goto(base + path, { waitUntil: "load" });
    if (csp === true && !(resp.headers()["content-security-policy"] || "").includes("wasm-unsafe-eval")) {
      throw new Error("the server did not send the strict CSP header");
    }
    page.__log = log;
    page.__allowConsoleErrors = allowConsoleErrors;
    pages.push(page);
    return page;
  }

  /** Fail on console errors, CSP violations, dialogs and foreign requests seen so far. */
  async function assertClean(page, assert) {
    const v = await page.evaluate(() => window.__cspViolations || []).catch(() => []);
    page.__log.violations.push(...v);
    assert.deepEqual(page.__log.violations, [], "CSP violations");
    if (!page.__allowConsoleErrors) assert.deepEqual(page.__log.errors, [], "console errors");
    assert.deepEqual(page.__log.dialogs, [], "dialogs");
    assert.deepEqual(page.__log.foreign, [], "requests to anything but 127.0.0.1 same-origin");
  }

  async function close() {
    await context.close().catch(() => {});
    await server.close().catch(() => {});
    await rm(profile, { recursive: true, force: true }).catch(() => {});
  }

  return { server, context, base, origin, open, assertClean, close };
}

export const shot = (name) => join(SHOTS, name);

/** Wait until the engine has answered something on the page (the app sets data-ready on <body>). */
export async function appReady(page) {
  await page.waitForSelector("body[data-ready]", { timeout: 30000 });
}

// Date arithmetic for expected values (UTC whole days).
export function addDays(iso, n) {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d) + n * 86400000).toISOString().slice(0, 10);
}

/** The dossier a test page shows, read from disk (to compute expected values by hand). */
export async function readDossier(rel) {
  const { readFile } = await import("node:fs/promises");
  return JSON.parse(await readFile(join(WWW, rel), "utf8"));
}

/** A decimal given as a JS number → [integer, scale] exactly (by its shortest decimal form). */
export function decimal(x) {
  const t = String(x);
  if (/e/i.test(t)) throw new Error(`unexpected exponent in ${t}`);
  const [i, f = ""] = t.split(".");
  return [BigInt(i + f), 10n ** BigInt(f.length)];
}

/**
 * Points of a result indicator, by the spec (api.md "Scoring, exactly"), as integer hundredths:
 * weight × clamp((x − zero_at) / (full_at − zero_at), 0, 1), rounded half-up to 0.01.
 */
export function resultPoints(x, { weight, zero_at, full_at }) {
  const [X, S] = decimal(x);
  const [W, WS] = decimal(weight);
  const [Z, ZS] = decimal(zero_at);
  const [F, FS] = decimal(full_at);
  // fraction = (X/S − Z/ZS) / (F/FS − Z/ZS) = ((X·ZS − Z·S)·FS) / ((F·ZS − Z·FS)·S)
  let num = (X * ZS - Z * S) * FS;
  let den = (F * ZS - Z * FS) * S;
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  if (num <= 0n) return 0n;
  if (num >= den) return (W * 100n) / WS;
  // hundredths = W/WS × num/den × 100, half-up
  const n = W * num * 100n, d = WS * den;
  return (2n * n + d) / (2n * d);
}

export const fmtHundredths = (h) => `${h < 0n ? "-" : ""}${(h < 0n ? -h : h) / 100n}.${String((h < 0n ? -h : h) % 100n).padStart(2, "0")}`;

export function gradeOf(totalHundredths, bands = [["excellent", 9000n], ["good", 8000n], ["pass", 6000n]]) {
  for (const [g, min] of bands) if (totalHundredths >= min) return g;
  return "fail";
}
