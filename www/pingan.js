// Re-export shim: elements.js and worker.js always import "./pingan.js" next to themselves.
// In this demo tree (www/ served at /, the build at /pkg/web/) that is this file; when elements.js
// is copied into pkg/web/ next to the real pingan.js, the shim is not needed.
export * from "../pkg/web/pingan.js";
export { default } from "../pkg/web/pingan.js";
