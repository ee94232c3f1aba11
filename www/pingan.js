// Re-export shim: elements.js and worker.js always import "./pingan.js" next to themselves.
// In this demo tree (www/ served at /, the build at /pkg/web/) that is this file; when elements.js
// is copied into pkg/web/ next to the real pingan.js, the shim is not needed. load.js (which elements.js
// and worker.js load the engine through) fetches "./pingan_bg.wasm" beside this file: scripts/serve.mjs
// serves /pingan_bg.wasm and /pingan_mvp_bg.wasm from pkg/web/, and www/pingan_mvp.js is the MVP shim.
export * from "../pkg/web/pingan.js";
export { default } from "../pkg/web/pingan.js";
