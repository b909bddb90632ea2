/**
 * Following a live page: pages add content after load (lazy paragraphs, share bars, ad slots,
 * SPA navigations). A MutationObserver collects added nodes; they are processed in one batch per
 * scheduled run (a microtask by default: after the page's own task, before paint, so clutter
 * does not flash), each added subtree once (nested additions fold into their added ancestor).
 *
 * We observe childList and characterData only, not attributes, so our own HIDDEN_ATTR writes
 * never come back to us; the wrappers we insert do, and are dropped with takeRecords() right
 * after each batch (JavaScript is single-threaded: nothing but us mutated the DOM meanwhile).
 */
export type Schedule = (run: () => void) => void;

export interface Follower {
  /** Drop pending records caused by our own changes (call right after changing the DOM). */
  discard(): void;
  stop(): void;
}

export const microtask: Schedule = (run) => queueMicrotask(run);

export function followAdditions(
  target: Node,
  onBatch: (roots: Element[]) => void,
  schedule: Schedule = microtask,
): Follower {
  const win = (target.ownerDocument ?? (target as Document)).defaultView as (Window & typeof globalThis) | null;
  const MO = win?.MutationObserver ?? globalThis.MutationObserver;
  const pending = new Set<Node>();
  let scheduled = false;
  let stopped = false;

  const collect = (records: MutationRecord[]) => {
    for (const r of records) {
      if (r.type === 'childList') r.addedNodes.forEach((n) => pending.add(n));
      else if (r.type === 'characterData') pending.add(r.target);
    }
  };

  const flush = () => {
    scheduled = false;
    if (stopped) return;
    collect(observer.takeRecords());
    const roots = topmost(pending);
    pending.clear();
    if (roots.length) onBatch(roots);
    observer.takeRecords(); // our own wrappers and splits
  };

  const observer = new MO((records) => {
    collect(records);
    if (!scheduled && pending.size) {
      scheduled = true;
      schedule(flush);
    }
  });
  observer.observe(target, { childList: true, subtree: true, characterData: true });

  return {
    discard() {
      observer.takeRecords();
    },
    stop() {
      stopped = true;
      observer.disconnect();
      pending.clear();
    },
  };
}

/** Connected elements to rescan: text nodes stand for their parent; descendants fold into ancestors. */
function topmost(nodes: Set<Node>): Element[] {
  const els = new Set<Element>();
  for (const n of nodes) {
    const el = n.nodeType === 1 ? (n as Element) : n.parentElement;
    if (el && el.isConnected) els.add(el);
  }
  const out: Element[] = [];
  for (const el of els) {
    let covered = false;
    for (let p = el.parentElement; p; p = p.parentElement) {
      if (els.has(p)) {
        covered = true;
        break;
      }
    }
    if (!covered) out.push(el);
  }
  return out;
}
