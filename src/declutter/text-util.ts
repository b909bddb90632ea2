import { isSkippedElement, readingText } from './reading-text';
import { HIDDEN_ATTR } from './marker';

/** Collapse whitespace (including NBSP) and trim, the way a reader sees a label. */
export function norm(s: string): string {
  return s.replace(/[\s\u00a0\u200b]+/g, ' ').trim();
}

/** The normalized reading text of an element (already-hidden clutter left out). */
export function textOf(el: Node): string {
  return norm(readingText(el));
}

/**
 * Like textOf, but gives up (null) once the text passes `max` characters or `maxNodes` text
 * nodes: "is this box just a label?" must not cost a walk over a whole page section.
 */
export function boundedText(el: Node, max: number, maxNodes = 60): string | null {
  let s = '';
  let nodes = 0;
  let n: Node | null = el.firstChild;
  while (n) {
    if (n.nodeType === 3) {
      s += (n as Text).data;
      if (++nodes > maxNodes || s.length > max * 4 + 200) return null;
    } else if (n.nodeType === 1 && n.firstChild && !isSkippedElement(n as Element)) {
      n = n.firstChild;
      continue;
    }
    while (n && n !== el && !n.nextSibling) n = n.parentNode;
    n = n && n !== el ? n.nextSibling : null;
  }
  const t = norm(s);
  return t.length > max ? null : t;
}

export function wordCount(s: string): number {
  return s ? s.split(' ').length : 0;
}

/** True when `node` or one of its ancestors was already marked hidden. */
export function isInsideHidden(node: Node): boolean {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return !!el?.closest(`[${HIDDEN_ATTR}]`);
}

/** The element's class tokens; works for SVG elements too (className is not a string there). */
export function classTokens(el: Element): string[] {
  return Array.from(el.classList ?? []);
}

/** class + id as one lowercase string, for "is this an ad/share/audio box" hints. */
export function hintString(el: Element): string {
  return `${el.getAttribute('class') ?? ''} ${el.id ?? ''}`.toLowerCase();
}

/** Does `el` or one of its nearest `depth` ancestors carry a class/id hint matching `re`? */
export function hasHint(el: Element | null, re: RegExp, depth = 3): boolean {
  for (let e = el, i = 0; e && i <= depth; e = e.parentElement, i++) {
    if (re.test(hintString(e))) return true;
  }
  return false;
}

/** Interactive element whose accessible name may come from the text we hide. */
export function interactiveHost(el: Element): Element | null {
  return el.closest('a[href], button, summary, [role="button"], [role="link"], [role="menuitem"], [role="tab"]');
}

/**
 * Elements we never climb past or hide as a "row"/"label": the page's big structural boxes.
 * Hiding one of them would hide article text.
 */
const STRUCTURAL = new Set(['HTML', 'BODY', 'MAIN', 'ARTICLE', 'SECTION', 'FORM', 'TABLE']);
export function isStructural(el: Element): boolean {
  return STRUCTURAL.has(el.tagName) || el.getAttribute('role') === 'main';
}

/** Text we should not touch: code samples, editors, form fields. */
export function inUntouchableText(el: Element): boolean {
  return !!el.closest('pre, code, kbd, samp, textarea, [contenteditable]:not([contenteditable="false"])');
}
