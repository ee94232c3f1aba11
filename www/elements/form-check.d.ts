// Types of elements/form-check.js: the class of <pingan-form-check>, without registering it.
// Importing the module has no side effect; define() registers the element (elements.js registers all four).
export { PinganFormCheck } from "../elements.js";
/** The element's tag name. */
export const TAG: "pingan-form-check";
/** Register <pingan-form-check> (once; a name already taken is left alone). */
export function define(): void;
