// Re-export shim of the WebAssembly-MVP build, like www/pingan.js: load.js (beside elements.js) imports
// "./pingan_mvp.js" on an old browser core. In this demo tree that is this file; the .wasm files are
// served beside it by scripts/serve.mjs (/pingan_bg.wasm, /pingan_mvp_bg.wasm → pkg/web/), so the demo
// tree has the layout of pkg/web. In pkg/web itself the real glue is there and no shim is needed.
export * from "../pkg/web/pingan_mvp.js";
export { default } from "../pkg/web/pingan_mvp.js";
