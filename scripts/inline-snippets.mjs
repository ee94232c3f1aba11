// After wasm-bindgen (make build): the JS snippets the bindings import (`#[wasm_bindgen(module = …)]`,
// today src/compact.js) are written into the glue that imports them, and the snippets/ folder beside
// it is removed. A portal copies pingan.js and its .wasm, nothing else (README, "Embedding"); the glue
// copied elsewhere (pkg/web/node/pingan.cjs) keeps working. Each snippet is an ES2019 file of
// `export function` declarations; anything else there is refused, so the glue's scope gets functions
// only. Idempotent.
//
//   node scripts/inline-snippets.mjs pkg/web/pingan.js pkg/node/pingan.js
import { readFileSync, writeFileSync, rmSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";

// web: import { a, b } from './snippets/…/x.js';   nodejs: const { a, b } = require(String.raw`./snippets/…/x.js`);
const IMPORT = /^(?:import \{([^}]*)\} from '(\.\/snippets\/[^']+)';|const \{([^}]*)\} = require\(String\.raw`(\.\/snippets\/[^`]+)`\);)$/;

for (const glue of process.argv.slice(2)) {
  const dir = dirname(glue);
  let n = 0;
  const lines = readFileSync(glue, "utf8").split("\n").map((line) => {
    const m = IMPORT.exec(line);
    if (!m) return line;
    const names = (m[1] ?? m[3]).split(",").map((s) => s.trim()).filter(Boolean);
    const file = join(dir, m[2] ?? m[4]);
    const src = readFileSync(file, "utf8");
    for (const name of names) {
      if (!/^[A-Za-z_$][\w$]*$/.test(name)) throw new Error(`inline-snippets: ${glue}: cannot inline the import \`${name}\``);
      if (!new RegExp(`^export function ${name.replace(/\$/g, "\\$")}\\(`, "m").test(src))
        throw new Error(`inline-snippets: ${file} does not declare \`export function ${name}(\``);
    }
    // Top-level statements other than function declarations, comments and blank lines are refused.
    for (const l of src.split("\n"))
      if (/^\S/.test(l) && !/^(export function |function |\/\/|\/\*|\*|})/.test(l))
        throw new Error(`inline-snippets: ${file}: only function declarations at top level (found \`${l.slice(0, 40)}\`)`);
    n++;
    return `// ${m[2] ?? m[4]} (inlined by scripts/inline-snippets.mjs)\n` + src.replace(/^export function /gm, "function ").trimEnd();
  });
  if (n) writeFileSync(glue, lines.join("\n"));
  if (existsSync(join(dir, "snippets"))) rmSync(join(dir, "snippets"), { recursive: true, force: true });
  console.log(`inline-snippets: ${glue}: ${n} snippet${n === 1 ? "" : "s"} inlined`);
}
