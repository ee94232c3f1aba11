// The browser baseline by wabt's validator (npm `wabt`; binaryen's --mvp-features trusts the module's own
// target_features section, so it proves nothing):
//   node scripts/wasm-features.mjs check   the MVP module validates with every post-MVP feature off, the
//                                          default one does not; the features the default module uses;
//                                          each probe of www/load.js needs exactly its feature, and the probes
//                                          cover every feature the default module uses.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import wabtInit from "wabt";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const web = join(root, "pkg", "web");

// wabt 1.0.39's features; the first seven are on by default there (standardised), the rest experimental.
const STANDARD = ["mutable_globals", "sat_float_to_int", "sign_extension", "simd", "multi_value", "bulk_memory", "reference_types"];
const EXPERIMENTAL = ["exceptions", "threads", "function_references", "tail_call", "annotations", "code_metadata", "gc",
  "memory64", "multi_memory", "extended_const", "relaxed_simd"];
const off = Object.fromEntries([...STANDARD, ...EXPERIMENTAL].map((f) => [f, false]));
const MVP = { ...off };
const ALL_STANDARD = { ...off, ...Object.fromEntries(STANDARD.map((f) => [f, true])) };

const wabt = await wabtInit();

/** null when `bytes` validates with `features`, else wabt's message. */
function invalid(bytes, features) {
  let m;
  try {
    m = wabt.readWasm(bytes, { readDebugNames: false, check: true, ...features });
    m.validate();
    return null;
  } catch (e) {
    return String(e.message || e).trim().split("\n").slice(0, 2).join(" ");
  } finally {
    try { if (m) m.destroy(); } catch { /* already gone */ }
  }
}

/** The standard post-MVP features a module needs: those whose removal alone makes it invalid. */
function uses(bytes) {
  return STANDARD.filter((f) => invalid(bytes, { ...ALL_STANDARD, [f]: false }) !== null);
}

let passed = 0;
let failed = 0;
function check(name, ok, detail = "") {
  if (ok) passed += 1;
  else failed += 1;
  console.log(`${ok ? "ok    " : "not ok"}  ${name}${detail ? `: ${detail}` : ""}`);
}

const mvp = readFileSync(join(web, "pingan_mvp_bg.wasm"));
const def = readFileSync(join(web, "pingan_bg.wasm"));

const mvpErr = invalid(mvp, MVP);
check("pingan_mvp_bg.wasm validates with every post-MVP feature disabled", mvpErr === null, mvpErr || `${mvp.length} bytes`);
const defErr = invalid(def, MVP);
check("pingan_bg.wasm is rejected with MVP features only (the check can fail)", defErr !== null, defErr || "accepted");
const defOk = invalid(def, ALL_STANDARD);
check("pingan_bg.wasm validates with the standard features", defOk === null, defOk || "");
const used = uses(def);
console.log(`        the default module uses: ${used.join(", ") || "nothing"}`);
check("the default module uses reference-types (why the MVP build exists: Chromium >= 96)",
  used.includes("reference_types"), used.join(", "));

const { PROBES } = await import(pathToFileURL(join(root, "www", "load.js")).href);
for (const [feature, bytes] of Object.entries(PROBES)) {
  const b = new Uint8Array(bytes);
  // reference-types builds on bulk-memory's table instructions (wabt wants both); wabt's reader does not
  // reject multi-result function types when multi-value is off, so that probe is checked one way only.
  const needs = feature === "reference_types" ? { bulk_memory: true } : {};
  const withIt = invalid(b, { ...MVP, ...needs, [feature]: true });
  const without = feature === "multi_value" ? "n/a" : invalid(b, { ...ALL_STANDARD, [feature]: false });
  check(`probe ${feature}: valid with MVP + ${feature}${feature === "multi_value" ? "" : ", invalid without it"}`,
    withIt === null && without !== null, withIt || (without === null ? "valid without it" : ""));
}
const missing = used.filter((f) => !(f in PROBES));
check("load.js probes every feature the default module uses", missing.length === 0, missing.length ? `missing ${missing.join(", ")}` : Object.keys(PROBES).join(", "));

console.log(`wasm-features: ${passed} passed, ${failed} failed`);
if (failed) process.exit(1);
