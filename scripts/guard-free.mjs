// After wasm-bindgen (make build): a method called on an object after its free() throws a clear zh/en
// Error naming the freed object, instead of wasm-bindgen 0.2.130's "null pointer passed to rust"
// (issue 12), and a second free() does nothing. Every `(this.__wbg_ptr` passed to a wasm export inside `class X` becomes
// `(__pinganLive(this, "X")`, which returns the pointer or throws. Idempotent.
//
//   node scripts/guard-free.mjs pkg/web/pingan.js pkg/node/pingan.js
import { readFileSync, writeFileSync } from "node:fs";

const MARK = "/* pingan: guard-free */";
const NAMES = {
  Engine: ["此 Engine 对象已用 free() 释放,不能再调用;请新建一个 Engine", "this Engine was freed with free() and cannot be used again; create a new Engine"],
  PreparedDossier: ["此 PreparedDossier(engine.prepare 的结果)已用 free() 释放,不能再调用;请重新 prepare", "this PreparedDossier (from engine.prepare) was freed with free() and cannot be used again; prepare it again"],
};
const helper = `${MARK}
const __pinganFreed = ${JSON.stringify(NAMES)};
function __pinganLive(obj, name) {
    const ptr = obj.__wbg_ptr;
    if (!ptr) {
        const [zh, en] = __pinganFreed[name] || [name + " 已释放", name + " was freed"];
        const e = new Error(zh + " / " + en);
        e.code = "freed";
        e.object = name;
        throw e;
    }
    return ptr;
}
`;

for (const file of process.argv.slice(2)) {
  let src = readFileSync(file, "utf8");
  if (src.includes(MARK)) continue;
  let cls = null;
  let n = 0;
  const out = src.split("\n").map((line) => {
    const m = /^(?:export )?class (\w+)/.exec(line);
    if (m) cls = m[1];
    if (/^}/.test(line)) cls = cls && line === "}" ? null : cls;
    // A second free() is a no-op (wasm-bindgen would pass a null pointer to Rust).
    const free = /^(\s*)(wasm\.__wbg_\w+_free\(ptr, 0\);)$/.exec(line);
    if (cls && free) return `${free[1]}if (ptr) ${free[2]}`;
    if (cls && line.includes("(this.__wbg_ptr")) {
      n++;
      return line.split("(this.__wbg_ptr").join(`(__pinganLive(this, ${JSON.stringify(cls)})`);
    }
    return line;
  });
  // Put the helper after the leading comment / import block: before the first class.
  const i = out.findIndex((l) => /^(?:export )?class \w+/.test(l) || /^\/\*\*$/.test(l) && false);
  out.splice(i < 0 ? 0 : i, 0, helper);
  writeFileSync(file, out.join("\n"));
  console.log(`guard-free: ${file}: ${n} calls guarded`);
}
