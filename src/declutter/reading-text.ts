import { HIDDEN_ATTR } from './marker';

/**
 * The reader's text of a node: what quotes, positions, copies and exports are built from.
 * It leaves out what is never read as article text: scripts, styles, templates, SVG
 * titles/descriptions, and everything declutter has marked hidden.
 */
const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TITLE', 'DESC', 'SYMBOL', 'title', 'desc', 'symbol']);

export function isSkippedElement(el: Element): boolean {
  return SKIP_TAGS.has(el.tagName) || el.hasAttribute(HIDDEN_ATTR);
}

/** Text nodes that belong to the reading text of `root`, in document order. */
export function readingTextNodes(root: Node): Text[] {
  const doc = root.ownerDocument ?? (root as Document);
  const out: Text[] = [];
  const walker = doc.createTreeWalker(root, 0x1 | 0x4 /* SHOW_ELEMENT | SHOW_TEXT */, {
    acceptNode(node) {
      if (node.nodeType === 1) return isSkippedElement(node as Element) ? 2 /* REJECT */ : 3 /* SKIP */;
      return 1; /* ACCEPT */
    },
  });
  for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n as Text);
  return out;
}

/** The reading text of `root`: its reading text nodes' data, concatenated. */
export function readingText(root: Node): string {
  let s = '';
  for (const t of readingTextNodes(root)) s += t.data;
  return s;
}
