/**
 * The attribute that marks an element hidden as clutter. One attribute plus one injected
 * stylesheet (see hide.ts) does the hiding, so undo is "remove the attribute".
 * Value: the clutter kind that matched (e.g. "sprite-title", "icon-font").
 */
export const HIDDEN_ATTR = 'data-clearmark-hidden';
