/**
 * textContent offsets <-> DOM Ranges, the way Hypothesis's TextRange does it: every Text node
 * under root (SHOW_TEXT), concatenated. Shared by the baselines that work over textContent.
 */
export function textNodes(root: Node): Text[] {
  const doc = root.ownerDocument ?? (root as Document);
  const it = doc.createNodeIterator(root, 4 /* NodeFilter.SHOW_TEXT */);
  const out: Text[] = [];
  for (let n = it.nextNode(); n; n = it.nextNode()) out.push(n as Text);
  return out;
}

/** textContent offset of boundary point (container, offset) within root. */
export function offsetOf(root: Node, container: Node, offset: number): number {
  let pos = 0;
  if (container.nodeType === 3) {
    for (const n of textNodes(root)) {
      if (n === container) return pos + offset;
      pos += n.data.length;
    }
    return pos;
  }
  // Element boundary: count text before the child at `offset`.
  const doc = root.ownerDocument ?? (root as Document);
  const r = doc.createRange();
  r.setStart(root, 0);
  r.setEnd(container, offset);
  for (const n of textNodes(root)) {
    if (r.comparePoint(n, 0) > 0) break;
    if (r.comparePoint(n, n.data.length) <= 0) pos += n.data.length;
    else break;
  }
  return pos;
}

/** A Range for textContent offsets [start, end) of root, or null when out of bounds. */
export function rangeFromOffsets(root: Node, start: number, end: number): Range | null {
  const doc = root.ownerDocument ?? (root as Document);
  const nodes = textNodes(root);
  let pos = 0;
  let sNode: Text | null = null;
  let sOff = 0;
  for (const n of nodes) {
    const len = n.data.length;
    if (!sNode && start < pos + len) {
      sNode = n;
      sOff = start - pos;
    }
    if (sNode && end <= pos + len) {
      const r = doc.createRange();
      r.setStart(sNode, sOff);
      r.setEnd(n, end - pos);
      return r;
    }
    pos += len;
  }
  return null;
}
