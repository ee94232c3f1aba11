#!/usr/bin/env node
// Where the bytes of a WebAssembly module are (issue 15 item 7): function body sizes by the name section,
// grouped by what they are (serde per record family, sort, BTreeMap, float text, the export shims, each
// chapter module), with each group's gzip -9 size alone. Needs a module with names kept: `make size-names`
// builds one (wasm-opt as shipped plus -g) into target/size-names/pingan_bg.wasm and runs this on it.
//
//   node scripts/wasm-sizes.mjs FILE.wasm            the groups
//   node scripts/wasm-sizes.mjs FILE.wasm --top 40   the 40 largest functions instead
//
// Names are as rustc writes them (demangled, with crate hashes); after inlining a function's bytes count
// where they ended up (an export's shim holds the export's whole body).

import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const GROUPS = [
  ["wasm-bindgen export shims (each export's body inlined)", /externref shim|multivalue shim|^__wbg|wasm_bindgen/],
  ["sort (core::slice::sort, one copy per element type)", /slice::sort|::sort_by|::sort_unstable|::sort::</],
  ["float text (core flt2dec/dec2flt, zmij)", /dec2flt|flt2dec|<f64 as|<f32 as|zmij/],
  ["core::fmt (Display/Debug, format!)", /core\[[0-9a-f]+\]::fmt|as core\[[0-9a-f]+\]::fmt::/],
  ["serde_json Value (parse, to_value, Map)", /serde_json\[[0-9a-f]+\]::value|Value as serde|json::Value/],
  ["serde: the dossier's deserializers (model::*)", /(Deserializ|Visitor|::de::).*pingan\[[0-9a-f]+\]::model/],
  ["serde: the policy pack's deserializers (policy::*, issue::*)", /(Deserializ|Visitor|::de::).*pingan\[[0-9a-f]+\]::(policy|issue)/],
  ["serde_json parser, other deserializers", /Deserializ|Visitor|::de::|MapAccess|SeqAccess/],
  ["serde serialisers (the answers)", /Serializ|::ser::/],
  ["BTreeMap/BTreeSet (one copy per key/value type)", /btree/],
  ["allocator (dlmalloc, RawVec)", /dlmalloc|raw_vec|alloc\[[0-9a-f]+\]::alloc|__rust_|__rdl_/],
  ["pingan::engine", /pingan\[[0-9a-f]+\]::engine/],
  ["pingan::validation, read, shape", /pingan\[[0-9a-f]+\]::(validation|read|shape)/],
  ["pingan::accountability", /pingan\[[0-9a-f]+\]::accountability/],
  ["pingan::duties, rewards, reform, cut, table", /pingan\[[0-9a-f]+\]::(duties|rewards|reform|cut|table)/],
  ["pingan::assessment", /pingan\[[0-9a-f]+\]::assessment/],
  ["pingan::api, bindings, issue, codegen, patch", /pingan\[[0-9a-f]+\]::(api|bindings|issue|codegen|patch)/],
  ["pingan::policy, config, context, model, exact, date", /pingan\[/],
  ["other core/alloc/std (Vec, String, iterators, drop glue, i128)", /alloc\[|core\[|std\[|compiler_builtins|<str>|<u\d+>|<i\d+>|<char>/],
];

const file = process.argv[2];
if (!file) {
  console.error("usage: node scripts/wasm-sizes.mjs FILE.wasm [--top N]");
  process.exit(2);
}
const buf = readFileSync(file);
let p = 8;
const u32 = () => {
  let r = 0, s = 0, b;
  do { b = buf[p++]; r |= (b & 0x7f) << s; s += 7; } while (b & 0x80);
  return r >>> 0;
};
const str = () => { const n = u32(); const s = buf.toString("utf8", p, p + n); p += n; return s; };
const skipLimits = () => { const f = u32(); u32(); if (f & 1) u32(); };
let imported = 0, dataBytes = 0, dataSegments = 0;
const bodies = [], names = new Map(), sections = [];
while (p < buf.length) {
  const id = buf[p++], size = u32(), start = p, end = p + size;
  let label = ["custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element", "code", "data", "datacount"][id] ?? `#${id}`;
  if (id === 2) {
    for (let i = 0, n = u32(); i < n; i++) {
      str(); str();
      const k = buf[p++];
      if (k === 0) { u32(); imported++; } else if (k === 1) { p++; skipLimits(); } else if (k === 2) skipLimits(); else if (k === 3) p += 2;
      else if (k === 4) { p++; u32(); }
    }
  } else if (id === 10) {
    for (let i = 0, n = u32(); i < n; i++) { const sz = u32(); bodies.push({ idx: imported + i, start: p, size: sz }); p += sz; }
  } else if (id === 11) {
    for (let i = 0, n = u32(); i < n; i++) {
      const flag = u32();
      if (flag === 2) u32();
      if (flag !== 1) { while (buf[p] !== 0x0b) p++; p++; }
      const sz = u32(); dataBytes += sz; dataSegments++; p += sz;
    }
  } else if (id === 0) {
    label = `custom "${str()}"`;
    if (label === 'custom "name"') {
      while (p < end) {
        const sub = buf[p++], ssz = u32(), se = p + ssz;
        if (sub === 1) for (let i = 0, n = u32(); i < n; i++) { const ix = u32(); names.set(ix, str()); }
        p = se;
      }
    }
  }
  sections.push({ label, size, gzip: gzipSync(buf.subarray(start, end), { level: 9 }).length });
  p = end;
}
const gz = (parts) => gzipSync(Buffer.concat(parts), { level: 9 }).length;
const row = (a, b, c, d) => `${String(a).padStart(9)} ${String(b).padStart(9)} ${String(c).padStart(6)}  ${d}`;
console.log(`${file}: ${buf.length} bytes, gzip -9 ${gzipSync(buf, { level: 9 }).length}`);
console.log(row("raw", "gzip", "count", "section"));
for (const s of sections) console.log(row(s.size, s.gzip, "", s.label));
if (names.size === 0) console.log("(no name section: build with names kept, e.g. `make size-names`)");
console.log(`\ncode: ${bodies.reduce((a, b) => a + b.size, 0)} bytes in ${bodies.length} functions; data: ${dataBytes} bytes in ${dataSegments} segments`);
const rows = bodies.map((b) => ({ ...b, name: names.get(b.idx) ?? `function[${b.idx}]` }));
const topAt = process.argv.indexOf("--top");
if (topAt > 0) {
  rows.sort((a, b) => b.size - a.size);
  for (const r of rows.slice(0, +process.argv[topAt + 1] || 40)) console.log(row(r.size, "", "", r.name.replace(/\[[0-9a-f]{8,}\]/g, "").slice(0, 220)));
} else {
  const groups = new Map();
  for (const r of rows) {
    const g = GROUPS.find(([, re]) => re.test(r.name))?.[0] ?? "other";
    const e = groups.get(g) ?? { n: 0, size: 0, parts: [] };
    e.n++; e.size += r.size; e.parts.push(buf.subarray(r.start, r.start + r.size));
    groups.set(g, e);
  }
  console.log(row("raw", "gzip alone", "fns", "group"));
  for (const [g, e] of [...groups].sort((a, b) => b[1].size - a[1].size)) console.log(row(e.size, gz(e.parts), e.n, g));
}
