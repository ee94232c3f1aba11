// Types of elements/scorecard.js: the class of <pingan-scorecard>, without registering it.
// Importing the module has no side effect; define() registers the element (elements.js registers all four).
export { PinganScorecard, scoreChart } from "../elements.js";
/** The element's tag name. */
export const TAG: "pingan-scorecard";
/** Register <pingan-scorecard> (once; a name already taken is left alone). */
export function define(): void;
