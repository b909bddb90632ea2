import { HIDDEN_ATTR } from './marker';
import { type ClutterKind, emptyCounts } from './kinds';

/**
 * Hiding = HIDDEN_ATTR on the clutter (an element, or a <span> we wrap around a run of text)
 * plus ONE injected stylesheet. Nothing else on the page changes, except an aria-label we may add
 * to keep a control's accessible name. Every change is logged so undo() puts the DOM back
 * exactly as it was (same nodes, same text node boundaries, same attributes).
 */

/**
 * Marks with this suffix leave the reading text but stay on screen: icon-font ligatures whose
 * font did load (they are drawn as icons, hiding them would remove working icons) and focusable
 * visually-hidden elements such as skip links (keyboard users need them; they get the standard
 * clip pattern so they only show on focus).
 */
export const VISIBLE_SUFFIX = ':visible';

/** Attribute on the one <style> element we inject (so tests and the page can recognise it). */
export const STYLE_ATTR = 'data-clearmark-style';

export const HIDE_CSS =
  `[${HIDDEN_ATTR}]:not([${HIDDEN_ATTR}$="${VISIBLE_SUFFIX}"]){display:none!important}\n` +
  `[${HIDDEN_ATTR}="visually-hidden${VISIBLE_SUFFIX}"]:not(:focus):not(:focus-within){` +
  'position:absolute!important;width:1px!important;height:1px!important;margin:-1px!important;' +
  'padding:0!important;border:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;' +
  'clip-path:inset(50%)!important;white-space:nowrap!important}';

// One stylesheet per document (or shadow root), shared by every Hider working in it.
const styles = new WeakMap<Node, { style: HTMLStyleElement; users: number }>();

function styleHost(root: Node): { host: Node; parent: Node } {
  const rn = root.getRootNode?.() ?? root;
  if (rn.nodeType === 11 /* shadow root */) return { host: rn, parent: rn };
  const doc = (rn.nodeType === 9 ? rn : root.ownerDocument) as Document;
  return { host: doc, parent: doc.head ?? doc.documentElement };
}

type Op =
  | { t: 'mark'; el: Element }
  | { t: 'wrap'; span: Element; orig: Text; mid: Text; after: Text | null }
  | { t: 'label'; el: Element };

export interface HideOptions {
  /** Leave it on screen, only out of the reading text (see VISIBLE_SUFFIX). */
  visible?: boolean;
}

export class Hider {
  readonly counts = emptyCounts();
  hidden = 0;
  visible = 0;
  private ops: Op[] = [];
  private mine = new WeakSet<Element>();
  private styleRef: { host: Node; parent: Node } | null = null;

  constructor(private readonly root: Node) {}

  /** Put our stylesheet back if the page removed it (a framework re-rendering <head>). */
  ensureStyle(): void {
    const entry = this.styleRef && styles.get(this.styleRef.host);
    if (entry && !entry.style.isConnected) styleHost(this.root).parent.appendChild(entry.style);
  }

  private acquireStyle(): void {
    if (this.styleRef) return;
    const ref = styleHost(this.root);
    let entry = styles.get(ref.host);
    if (entry && !entry.style.isConnected) ref.parent.appendChild(entry.style);
    if (!entry) {
      const doc = (ref.host.nodeType === 9 ? ref.host : ref.host.ownerDocument) as Document;
      const style = doc.createElement('style');
      style.setAttribute(STYLE_ATTR, '');
      style.textContent = HIDE_CSS;
      ref.parent.appendChild(style);
      entry = { style, users: 0 };
      styles.set(ref.host, entry);
    }
    entry.users++;
    this.styleRef = ref;
  }

  private count(kind: ClutterKind, visible: boolean): void {
    this.counts[kind]++;
    if (visible) this.visible++;
    else this.hidden++;
  }

  private value(kind: ClutterKind, visible: boolean): string {
    return visible ? kind + VISIBLE_SUFFIX : kind;
  }

  /** Switch one of our hidden marks to visible mode (its icon font turned up after all). */
  setVisible(el: Element, kind: ClutterKind): void {
    if (!this.mine.has(el) || el.getAttribute(HIDDEN_ATTR) !== kind) return;
    el.setAttribute(HIDDEN_ATTR, this.value(kind, true));
    this.hidden--;
    this.visible++;
  }

  /** Hide a whole element. False when it (or an ancestor) is already hidden. */
  mark(el: Element, kind: ClutterKind, opts: HideOptions = {}): boolean {
    if (el.closest(`[${HIDDEN_ATTR}]`)) return false;
    this.acquireStyle();
    el.setAttribute(HIDDEN_ATTR, this.value(kind, !!opts.visible));
    this.ops.push({ t: 'mark', el });
    this.mine.add(el);
    this.count(kind, !!opts.visible);
    return true;
  }

  /**
   * Hide characters [start, end) of a text node by wrapping them in a <span HIDDEN_ATTR>, so the
   * rest of the sentence stays. Returns the wrapper, or null when nothing was done.
   */
  wrapText(node: Text, start: number, end: number, kind: ClutterKind, opts: HideOptions = {}): Element | null {
    const parent = node.parentNode;
    if (!parent || start >= end || start < 0 || end > node.data.length) return null;
    if (isInsideHiddenText(node)) return null;
    this.acquireStyle();
    const doc = node.ownerDocument;
    const mid = start > 0 ? node.splitText(start) : node;
    const after = end - start < mid.data.length ? mid.splitText(end - start) : null;
    const span = doc.createElement('span');
    span.setAttribute(HIDDEN_ATTR, this.value(kind, !!opts.visible));
    parent.insertBefore(span, mid);
    span.appendChild(mid);
    this.ops.push({ t: 'wrap', span, orig: node, mid, after });
    this.count(kind, !!opts.visible);
    return span;
  }

  /**
   * Hide what an element shows as text but keep the element itself (and the icon it draws
   * with ::before or a background): wrap its text nodes, mark its child elements.
   */
  hideContents(el: Element, kind: ClutterKind, opts: HideOptions = {}): boolean {
    let any = false;
    for (const child of Array.from(el.childNodes)) {
      if (child.nodeType === 3) {
        const t = child as Text;
        if (t.data.trim()) any = !!this.wrapText(t, 0, t.data.length, kind, opts) || any;
      } else if (child.nodeType === 1) {
        any = this.mark(child as Element, kind, opts) || any;
      }
    }
    return any;
  }

  /**
   * Keep a control's accessible name after we hid the text that gave it one. Only when the page
   * did not name it explicitly (aria-label, aria-labelledby).
   */
  label(el: Element, name: string): void {
    if (!name || el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby')) return;
    el.setAttribute('aria-label', name);
    this.ops.push({ t: 'label', el });
  }

  /** Undo everything this Hider did, newest first, and drop the stylesheet if we were its last user. */
  undo(): void {
    for (let i = this.ops.length - 1; i >= 0; i--) {
      const op = this.ops[i];
      if (op.t === 'mark') op.el.removeAttribute(HIDDEN_ATTR);
      else if (op.t === 'label') op.el.removeAttribute('aria-label');
      else unwrap(op);
    }
    this.ops = [];
    this.mine = new WeakSet();
    for (const k of Object.keys(this.counts) as ClutterKind[]) this.counts[k] = 0;
    this.hidden = this.visible = 0;
    this.releaseStyleNow();
  }

  private releaseStyleNow(): void {
    if (!this.styleRef) return;
    const host = this.styleRef.host;
    this.styleRef = null;
    const entry = styles.get(host);
    if (entry && --entry.users <= 0) {
      entry.style.remove();
      styles.delete(host);
    }
  }
}

function isInsideHiddenText(node: Text): boolean {
  return !!node.parentElement?.closest(`[${HIDDEN_ATTR}]`);
}

/** Put a wrapped run back: same original text node, same data, no extra nodes. */
function unwrap(op: { span: Element; orig: Text; mid: Text; after: Text | null }): void {
  const { span, orig, mid, after } = op;
  const parent = span.parentNode;
  if (!parent) return; // the page removed it; nothing of ours is left in the DOM
  if (orig === mid) {
    parent.insertBefore(mid, span);
  } else if (orig.parentNode === parent && orig.nextSibling === span) {
    orig.appendData(mid.data);
    mid.remove();
  } else {
    // The page moved things around; at least leave the text where the wrapper was.
    parent.insertBefore(mid, span);
  }
  span.remove();
  if (after && after.parentNode === parent) {
    const target = orig === mid || orig.parentNode === parent ? orig : mid;
    if (target.nextSibling === after) {
      target.appendData(after.data);
      after.remove();
    }
  }
}
