import type { Hider } from '../hide';
import type { ClutterKind } from '../kinds';
import type { StyleProbe } from '../probe';

/** What one scan over a subtree shares between detectors. */
export interface ScanContext {
  /** The subtree being scanned (the page body, or a subtree the page just added). */
  scope: Element;
  hider: Hider;
  probe: StyleProbe;
  /** Candidate share controls found by the element and text passes, resolved into rows at the end. */
  shareSeeds: Set<Element>;
}

/**
 * One clutter kind. A detector looks at candidates only: elements its `accepts` test picks out
 * of the one element pass (a test on tag name and attributes only, no style or text reads) and/or
 * text nodes handed over by the shared text passes. It hides through ctx.hider, so every change
 * is logged and undoable.
 */
export interface Detector {
  kind: ClutterKind;
  /**
   * Cheap candidate test on tag name and attributes (`cls` = the class attribute, read once per
   * element for all detectors). Must not read style, layout or text.
   */
  accepts?(el: Element, cls: string): boolean;
  element?(el: Element, ctx: ScanContext): void;
  /** `text` is the node's data, whitespace-normalized and trimmed. */
  text?(node: Text, text: string, ctx: ScanContext): void;
  finish?(ctx: ScanContext): void;
}
