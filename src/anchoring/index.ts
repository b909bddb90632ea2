export type { Selector, TextQuoteSelector, TextPositionSelector } from './types';
export { describe, CONTEXT_CHARS } from './describe';
export { anchor, anchorAll, createAnchorer, type Anchorer } from './anchor';
export { TextIndex, normalize } from './text-index';
