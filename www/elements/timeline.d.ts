// Types of elements/timeline.js: the class of <pingan-timeline>, without registering it.
// Importing the module has no side effect; define() registers the element (elements.js registers all four).
export { PinganTimeline } from "../elements.js";
/** The element's tag name. */
export const TAG: "pingan-timeline";
/** Register <pingan-timeline> (once; a name already taken is left alone). */
export function define(): void;
