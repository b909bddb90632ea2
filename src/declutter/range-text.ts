import { HIDDEN_ATTR } from './marker';
import { isSkippedElement, readingTextNodes } from './reading-text';
import { VISIBLE_SUFFIX } from './hide';

/**
 * Text of a range built from the reading text (what quotes and positions are computed over):
 * the reading text nodes inside the range, sliced at its ends, concatenated. Clutter, SVG titles
 * and scripts are left out even when they sit inside the range. Pure: reads the DOM only.
 */
export function rangeReadingText(range: Range): string {
  let s = '';
  for (const [node, start, end] of rangeTextParts(range)) s += node.data.slice(start, end);
  return s;
}

/** The reading text nodes a range covers, each with the [start, end) slice inside the range. */
export function rangeTextParts(range: Range): Array<[Text, number, number]> {
  const out: Array<[Text, number, number]> = [];
  if (range.collapsed) return out;
  const common: Node = range.commonAncestorContainer;
  const top = common.nodeType === 1 ? (common as Element) : common.parentElement;
  for (let e = top; e; e = e.parentElement) if (isSkippedElement(e)) return out;
  if (common.nodeType === 3) {
    const t = common as Text;
    out.push([t, range.startOffset, range.endOffset]);
    return out;
  }
  for (const t of readingTextNodes(common)) {
    if (!range.intersectsNode(t)) continue;
    const start = t === range.startContainer ? range.startOffset : 0;
    const end = t === range.endContainer ? range.endOffset : t.data.length;
    if (end > start) out.push([t, start, end]);
  }
  return out;
}

const BLOCK = /^(ADDRESS|ARTICLE|ASIDE|BLOCKQUOTE|DD|DIV|DL|DT|FIELDSET|FIGCAPTION|FIGURE|FOOTER|FORM|H[1-6]|HEADER|HR|LI|MAIN|NAV|OL|P|PRE|SECTION|TABLE|TD|TH|TR|UL)$/;

function blockOf(n: Node): Element | null {
  for (let e = n.parentElement; e; e = e.parentElement) if (BLOCK.test(e.tagName)) return e;
  return null;
}

/**
 * Text for the clipboard: the reading text of the selection with a line break between blocks and
 * whitespace collapsed inside them, roughly what innerText gives, minus clutter.
 */
export function selectionReadingText(selection: Selection): string {
  const lines: string[] = [];
  for (let i = 0; i < selection.rangeCount; i++) {
    let line = '';
    let block: Element | null | undefined;
    for (const [node, start, end] of rangeTextParts(selection.getRangeAt(i))) {
      const b = blockOf(node);
      if (block !== undefined && b !== block) {
        lines.push(line);
        line = '';
      }
      block = b;
      line += node.data.slice(start, end).replace(/\s+/g, ' ');
    }
    if (line) lines.push(line);
  }
  return lines.map((l) => l.trim()).filter(Boolean).join('\n');
}

/**
 * Keep clutter out of copies. display:none clutter is already left out of selection.toString();
 * what is left on screen but out of the reading text (icon glyphs, skip links) is not. Only when
 * the selection covers such a mark do we replace the copied plain text with selectionReadingText.
 * Returns a function that removes the handler.
 */
export function installCopyCleaner(doc: Document): () => void {
  const onCopy = (e: ClipboardEvent) => {
    const sel = doc.getSelection();
    if (!sel || sel.isCollapsed || !e.clipboardData) return;
    let covers = false;
    for (let i = 0; i < sel.rangeCount && !covers; i++) {
      const r = sel.getRangeAt(i);
      const c = r.commonAncestorContainer;
      const el = c.nodeType === 1 ? (c as Element) : c.parentElement;
      if (el?.closest(`[${HIDDEN_ATTR}$="${VISIBLE_SUFFIX}"]`)) covers = true;
      else if (el) covers = Array.from(el.querySelectorAll(`[${HIDDEN_ATTR}$="${VISIBLE_SUFFIX}"]`)).some((m) => r.intersectsNode(m));
    }
    if (!covers) return;
    e.clipboardData.setData('text/plain', selectionReadingText(sel));
    e.preventDefault();
  };
  doc.addEventListener('copy', onCopy as EventListener, true);
  return () => doc.removeEventListener('copy', onCopy as EventListener, true);
}
