/**
 * happy-dom 21's NodeIterator has no `referenceNode` / `pointerBeforeReferenceNode` and treats
 * FILTER_REJECT like a TreeWalker would; @apache-annotator/dom needs the DOM-standard behaviour
 * (real browsers have it). Its sibling steps are also slow (happy-dom's `nextSibling` searches
 * the parent's child list, so walking a flat article is quadratic), which made the baselines
 * that iterate text nodes (Apache Annotator, dom-anchor-text-*, the Hypothesis-style port)
 * spend most of the benchmark inside happy-dom. So the benchmark installs on the happy-dom
 * document a NodeIterator that follows the standard over a pre-order snapshot of the subtree,
 * taken when the iterator is created. That is exact here: no system changes the DOM while it
 * describes or anchors.
 */
class SnapshotNodeIterator {
  referenceNode: Node;
  pointerBeforeReferenceNode = true;
  private readonly order: Node[] = [];
  private at = 0;
  constructor(
    readonly root: Node,
    readonly whatToShow: number,
    readonly filter: NodeFilter | ((n: Node) => number) | null,
  ) {
    this.referenceNode = root;
    const stack: Node[] = [root];
    while (stack.length) {
      const n = stack.pop()!;
      this.order.push(n);
      const kids = n.childNodes;
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
    }
  }
  private accept(n: Node): boolean {
    if (!(this.whatToShow & (1 << (n.nodeType - 1)))) return false;
    const f = this.filter;
    if (!f) return true;
    const r = typeof f === 'function' ? f(n) : f.acceptNode(n);
    return r === 1;
  }
  nextNode(): Node | null {
    let i = this.at;
    let before = this.pointerBeforeReferenceNode;
    for (;;) {
      if (before) before = false;
      else if (++i >= this.order.length) return null;
      if (this.accept(this.order[i])) break;
    }
    this.at = i;
    this.referenceNode = this.order[i];
    this.pointerBeforeReferenceNode = false;
    return this.referenceNode;
  }
  previousNode(): Node | null {
    let i = this.at;
    let before = this.pointerBeforeReferenceNode;
    for (;;) {
      if (!before) before = true;
      else if (--i < 0) return null;
      if (this.accept(this.order[i])) break;
    }
    this.at = i;
    this.referenceNode = this.order[i];
    this.pointerBeforeReferenceNode = true;
    return this.referenceNode;
  }
  detach() {}
}

export function installSpecNodeIterator(doc: Document) {
  (doc as unknown as { createNodeIterator: unknown }).createNodeIterator = (root: Node, whatToShow = 0xffffffff, filter: NodeFilter | null = null) =>
    new SnapshotNodeIterator(root, whatToShow, filter);
}

/**
 * happy-dom's Range.intersectsNode compares boundary points by walking the document in order
 * (O(document) per call); Apache Annotator calls it for every text node it visits. This is the
 * DOM standard's algorithm with ancestor chains instead (O(depth + siblings)); same answers.
 */
function chain(n: Node): Node[] {
  const out: Node[] = [];
  for (let x: Node | null = n; x; x = x.parentNode) out.push(x);
  return out.reverse();
}
const indexOf = (n: Node) => Array.prototype.indexOf.call(n.parentNode!.childNodes, n);

/** -1, 0, 1: boundary point (a, ao) before, equal to, after (b, bo). */
function comparePoints(a: Node, ao: number, b: Node, bo: number): number {
  if (a === b) return Math.sign(ao - bo);
  const ca = chain(a);
  const cb = chain(b);
  let i = 0;
  while (i < ca.length && i < cb.length && ca[i] === cb[i]) i++;
  if (i === ca.length) {
    // a is an ancestor of b: compare ao with the index of b's ancestor that is a's child.
    return indexOf(cb[i]) < ao ? 1 : -1;
  }
  if (i === cb.length) return -comparePoints(b, bo, a, ao);
  return indexOf(ca[i]) < indexOf(cb[i]) ? -1 : 1;
}

export function installFastIntersectsNode(win: { Range: typeof Range }) {
  win.Range.prototype.intersectsNode = function (this: Range, node: Node): boolean {
    const root = (n: Node) => chain(n)[0];
    if (root(node) !== root(this.startContainer)) return false;
    const parent = node.parentNode;
    if (!parent) return true;
    const offset = indexOf(node);
    return comparePoints(parent, offset, this.endContainer, this.endOffset) < 0 && comparePoints(parent, offset + 1, this.startContainer, this.startOffset) > 0;
  };
}
