// Issue 14.3 (browser baseline): every JS file the package ships parses as ES2019 — the syntax of the
// Chromium cores (≥ 73) in 360 / 奇安信 / UOS browsers — plus the two module features those cores have had
// since Chromium 63/64: `import.meta` and dynamic `import()`. Rejected besides anything past ES2020:
// `?.`, `??`, BigInt literals, `export * as ns`. Prints "es2019: N passed, M failed".
import * as acorn from "acorn";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const WEB = join(REPO, "pkg", "web");

function files(dir) {
  const out = [];
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (/\.(m?js|cjs)$/.test(f)) out.push(p);
  }
  return out.sort();
}

/** ES2020 nodes older cores cannot parse (import.meta and import() are allowed). Iterative walk. */
function newer(ast) {
  const found = [];
  const stack = [ast];
  while (stack.length) {
    const n = stack.pop();
    if (!n || typeof n.type !== "string") continue;
    if (n.type === "ChainExpression") found.push(["?.", n.start]);
    if (n.type === "LogicalExpression" && n.operator === "??") found.push(["??", n.start]);
    if (n.type === "Literal" && typeof n.bigint === "string") found.push(["BigInt literal", n.start]);
    if (n.type === "ExportAllDeclaration" && n.exported) found.push(["export * as", n.start]);
    for (const k of Object.keys(n)) {
      const v = n[k];
      if (Array.isArray(v)) for (const x of v) stack.push(x);
      else if (v && typeof v === "object" && typeof v.type === "string") stack.push(v);
    }
  }
  return found;
}

const lineOf = (src, pos) => src.slice(0, pos).split("\n").length;
let passed = 0, failed = 0;
for (const f of files(WEB)) {
  const src = readFileSync(f, "utf8");
  const rel = relative(WEB, f);
  try {
    const ast = acorn.parse(src, { ecmaVersion: 2020, sourceType: /\.cjs$/.test(f) ? "script" : "module", allowHashBang: true });
    const bad = newer(ast);
    if (bad.length) throw new Error(bad.slice(0, 5).map(([what, at]) => `${what} at line ${lineOf(src, at)}`).join(", "));
    passed++;
    console.log(`ok - ${rel} parses as ES2019 (+ import.meta, import())`);
  } catch (e) {
    failed++;
    console.log(`not ok - ${rel}: ${e.message}`);
  }
}
console.log(`es2019: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
