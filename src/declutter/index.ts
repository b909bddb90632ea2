/**
 * Public surface of src/declutter. Nothing outside this folder imports its internals.
 *
 * - declutter(root): the library contract in docs/architecture.md, { hidden, undo }.
 * - startDeclutter(root, options): the content script's controller (counts per kind, follow(),
 *   stop(), undo()).
 * - readingText / readingTextNodes / isSkippedElement: the text quotes and positions use.
 * - rangeReadingText / selectionReadingText / installCopyCleaner: clean text for quotes and copies.
 */
export { declutter, startDeclutter } from './declutter';
export type { DeclutterController, DeclutterOptions, DeclutterResult } from './declutter';
export { CLUTTER_KINDS, type ClutterKind } from './kinds';
export { HIDDEN_ATTR } from './marker';
export { HIDE_CSS, STYLE_ATTR, VISIBLE_SUFFIX } from './hide';
export type { StyleProbe } from './probe';
export { isSkippedElement, readingText, readingTextNodes } from './reading-text';
export { installCopyCleaner, rangeReadingText, rangeTextParts, selectionReadingText } from './range-text';
