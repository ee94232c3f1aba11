// Types of elements/duty-matrix.js: the class of <pingan-duty-matrix>, without registering it.
// Importing the module has no side effect; define() registers the element (elements.js registers all four).
export { PinganDutyMatrix } from "../elements.js";
/** The element's tag name. */
export const TAG: "pingan-duty-matrix";
/** Register <pingan-duty-matrix> (once; a name already taken is left alone). */
export function define(): void;
