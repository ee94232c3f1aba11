// The package as a consumer gets it (issue 14.6): `npm pack pkg/web`, `npm install <tarball>` into an
// empty folder (offline: the tarball has no dependencies), then
//   • a typed usage file compiles under lib ["ES2022"] (no DOM, no @types/node), skipLibCheck off,
//     module NodeNext, and runs in Node (import, no bytes passed);
//   • a browser usage file (elements, the three adapters) compiles under lib ["ES2022", "DOM"];
//   • the default policy pack type-checks as a `Policy`;
//   • a file that writes `asOf` for `as_of` does NOT compile;
//   • a CommonJS file runs with require("pingan").
// TypeScript is the repo's own (node_modules/typescript). Prints "consumer: N passed, M failed".
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, readFileSync, rmSync, mkdirSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const TSC = join(REPO, "node_modules", "typescript", "bin", "tsc");
const tmp = mkdtempSync(join(tmpdir(), "pingan-consumer-"));
let passed = 0, failed = 0;
const check = (name, fn) => {
  try {
    fn();
    passed++;
    console.log(`ok - ${name}`);
  } catch (e) {
    failed++;
    console.log(`not ok - ${name}\n  ${String(e.message || e).split("\n").join("\n  ")}`);
  }
};
const run = (cmd, args, cwd) => {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8" });
  return { code: r.status, out: (r.stdout || "") + (r.stderr || "") };
};
const must = (r, what) => {
  if (r.code !== 0) throw new Error(`${what} failed (${r.code}):\n${r.out}`);
  return r.out;
};

try {
  // 1. Pack and install.
  const packed = JSON.parse(execFileSync("npm", ["pack", join(REPO, "pkg", "web"), "--pack-destination", tmp, "--json"], { encoding: "utf8" }));
  const tarball = join(tmp, packed[0].filename);
  const shipped = packed[0].files.map((f) => f.path);
  check("the tarball has README, both licences, the Node entry and the adapters", () => {
    for (const f of ["README.md", "LICENSE-MIT", "LICENSE-APACHE", "package.json", "pingan.js", "pingan_bg.wasm", "pingan.d.ts", "node/pingan.mjs", "node/pingan.cjs", "elements.js", "elements/form-check.js", "elements/form-check.d.ts", "elements/internal/pointer.js", "pingan-layui.js", "pingan-jquery.js", "pingan-element-plus.js"]) {
      if (!shipped.includes(f)) throw new Error(`${f} not in the tarball (${shipped.join(", ")})`);
    }
    const pkg = JSON.parse(readFileSync(join(REPO, "pkg", "web", "package.json"), "utf8"));
    if (JSON.stringify(pkg).match(/example\.invalid|placeholder/i)) throw new Error("a placeholder field");
    if (!/^[\s\S]*[\u4e00-\u9fff][\s\S]*# pingan \(English\)/.test(readFileSync(join(REPO, "pkg", "web", "README.md"), "utf8"))) throw new Error("README: Chinese first, then English");
  });
  const app = join(tmp, "app");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true, type: "module" }, null, 2));
  must(run("npm", ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", tarball], app), "npm install <tarball>");
  check("installed into node_modules/pingan", () => {
    if (!existsSync(join(app, "node_modules", "pingan", "pingan_bg.wasm"))) throw new Error("no node_modules/pingan/pingan_bg.wasm");
  });

  // 2. The typed Node usage file, lib ES2022 only.
  const tsconfig = (lib, files, extra = {}) =>
    JSON.stringify({ compilerOptions: { strict: true, target: "ES2022", lib, module: "NodeNext", moduleResolution: "NodeNext", skipLibCheck: false, types: [], outDir: "out", rootDir: ".", ...extra }, files }, null, 2);
  writeFileSync(
    join(app, "usage.ts"),
    `import init, { Engine, version, defaultPolicy } from "pingan";
import type { Dossier, Report, Policy, Validation, StandardSchema } from "pingan";

export async function main(): Promise<string> {
  await init();
  const engine = new Engine();
  const dossier: Dossier = {
    as_of: "2025-12-31",
    year: 2025,
    unit: { id: "330106", name: "西湖区", kind: "locality", level: "county", parent: "330100" },
    localities: [{ id: "330100", level: "city", parent: "330000" }, { id: "330000", level: "province" }],
    incidents: [{ id: "I1", date: "2025-04-03", category: "safety_accident", severity: "larger" }],
  };
  const r = engine.evaluate(dossier);
  if (!r.ok) throw new Error("evaluate: " + r.errors.map((e) => e.code).join(", "));
  const report: Report = r;
  const policy: Policy = defaultPolicy();
  const days: number = policy.parameters.circular_rectify_days.value;
  const v: Validation = engine.validate("incident", { id: "I2", date: "2025-02-30" });
  const s: StandardSchema = engine.standardSchema("incident");
  const res = s["~standard"].validate({});
  engine.free();
  return JSON.stringify({ crate: version().crate, year: report.year, days, ok: v.ok, issues: "issues" in res });
}
`,
  );
  writeFileSync(join(app, "tsconfig.json"), tsconfig(["ES2022"], ["usage.ts"]));
  check("usage.ts compiles under lib ES2022, skipLibCheck off, NodeNext", () => must(run(process.execPath, [TSC, "-p", "tsconfig.json"], app), "tsc"));
  writeFileSync(join(app, "main.mjs"), `import { main } from "./out/usage.js";\nconsole.log(await main());\n`);
  check("usage runs in Node by import (no bytes passed)", () => {
    const out = must(run(process.execPath, ["main.mjs"], app), "node main.mjs");
    const j = JSON.parse(out.trim().split("\n").pop());
    if (j.year !== 2025 || j.ok !== false || j.issues !== true || typeof j.days !== "number") throw new Error(out);
  });

  // 3. The default pack is a Policy.
  const pack = createRequire(import.meta.url)(join(REPO, "pkg", "node", "pingan.js")).defaultPolicy();
  writeFileSync(join(app, "policy.ts"), `import type { Policy } from "pingan";\nexport const pack: Policy = ${JSON.stringify(pack, null, 1)};\n`);
  writeFileSync(join(app, "tsconfig.policy.json"), tsconfig(["ES2022"], ["policy.ts"], { noEmit: true }));
  check("the default policy pack type-checks as Policy", () => must(run(process.execPath, [TSC, "-p", "tsconfig.policy.json"], app), "tsc policy.ts"));

  // 4. A typo in a dossier field is a compile error.
  writeFileSync(
    join(app, "typo.ts"),
    `import { Engine } from "pingan";\nexport const r = new Engine().evaluate({ asOf: "2025-12-31", year: 2025, unit: { id: "330106", kind: "locality" } });\n`,
  );
  writeFileSync(join(app, "tsconfig.typo.json"), tsconfig(["ES2022"], ["typo.ts"], { noEmit: true }));
  check("`asOf` instead of `as_of` does not compile", () => {
    const r = run(process.execPath, [TSC, "-p", "tsconfig.typo.json"], app);
    if (r.code === 0) throw new Error("typo.ts compiled");
    if (!/asOf/.test(r.out) || !/error TS2561|error TS2353/.test(r.out)) throw new Error(`unexpected tsc output:\n${r.out}`);
  });

  // 5. Browser usage: elements and the adapters, lib ES2022 + DOM.
  writeFileSync(
    join(app, "browser.ts"),
    `import { ready, unavailable, PinganUnavailableError } from "pingan/elements.js";
import { PinganScorecard, define as defineScorecard, TAG } from "pingan/elements/scorecard.js";
import { pinganLayui } from "pingan/pingan-layui.js";
import { pinganRules, pinganValidate } from "pingan/pingan-element-plus.js";
import { install } from "pingan/pingan-jquery.js";

export async function wire(layui: Parameters<typeof pinganLayui>[0], jq: { fn: object }): Promise<boolean> {
  document.addEventListener("pingan-unavailable", (e) => e.detail.reason);
  defineScorecard();
  const tag: "pingan-scorecard" = TAG;
  const card: PinganScorecard | null = document.querySelector(tag);
  if (card) card.dossier = { as_of: "2025-12-31" };
  const el = document.querySelector("pingan-form-check");
  const r = el ? await el.check() : null;
  const p = pinganLayui(layui, { form: "#f", kind: "incident" });
  const save = p.guard((data) => { void data.field; return false; });
  const rules = pinganRules("incident", { date: "" }, { onUnavailable: (reason, text) => void [reason, text.zh] });
  const v = await pinganValidate("incident", { date: "" });
  install(jq);
  try { await ready(); } catch (e) { if (e instanceof PinganUnavailableError) return e.reason === unavailable()?.reason; }
  return !!(r && typeof save === "function" && rules.date && v.ok);
}
`,
  );
  writeFileSync(join(app, "tsconfig.browser.json"), tsconfig(["ES2022", "DOM"], ["browser.ts"], { noEmit: true }));
  check("browser.ts (elements, an element module, layui, Element Plus, jQuery adapters) compiles under lib ES2022 + DOM", () => must(run(process.execPath, [TSC, "-p", "tsconfig.browser.json"], app), "tsc browser.ts"));

  // 6. CommonJS.
  writeFileSync(
    join(app, "main.cjs"),
    `const { Engine, version } = require("pingan");
const e = new Engine();
const r = e.evaluate({
  as_of: "2025-12-31", year: 2025, unit: { id: "330106", kind: "locality", level: "county", parent: "330100" },
  localities: [{ id: "330100", level: "city", parent: "330000" }, { id: "330000", level: "province" }],
});
if (!r.ok) throw new Error(JSON.stringify(r.errors));
console.log(JSON.stringify({ crate: version().crate, year: r.year }));
`,
  );
  check("require('pingan') runs in Node", () => {
    const out = must(run(process.execPath, ["main.cjs"], app), "node main.cjs");
    if (JSON.parse(out.trim().split("\n").pop()).year !== 2025) throw new Error(out);
  });
} catch (e) {
  failed++;
  console.log(`not ok - consumer set-up\n  ${e.message}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`consumer: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
