/**
 * Following a live page: pages add content after load (lazy paragraphs, share bars, ad slots,
 * SPA navigations). A MutationObserver collects added nodes; they are processed in one batch per
 * scheduled run (a microtask by default: after the page's own task, before paint, so clutter
 * does not flash), each added subtree once (nested additions fold into their added ancestor).
 *
 * We observe childList and characterData only, not attributes, so our own HIDDEN_ATTR writes
 * never come back to us; the wrappers we insert do, and are dropped with takeRecords() right
 * after each batch (JavaScript is single-threaded: nothing but us mutated the DOM meanwhile).
 *
 * A hostile page can fight back: its own observer replaces whatever we mark with an unmarked
 * copy, which we see as an addition, mark again, and so on. Two limits end that (issue #16):
 * the same content (by signature) re-added under the same parent is rescanned only a few
 * times, and after a few batches in a row without a task boundary, the next batch waits for a
 * task (setTimeout), so the page's own events, timers and rendering always get their turn.
 */
export type Schedule = (run: () => void) => void;

export interface Follower {
  /** Drop pending records caused by our own changes (call right after changing the DOM). */
  discard(): void;
  stop(): void;
}

export const microtask: Schedule = (run) => queueMicrotask(run);
const task: Schedule = (run) => void setTimeout(run, 0);

/** Batches run back to back (no task in between) before the next one waits for a task. */
const MAX_BATCHES_IN_A_ROW = 3;
/** How often the same content re-added under the same parent is rescanned before we give up on it. */
export const MAX_REHIDE_ROUNDS = 4;

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
  let inARow = 0;
  // Per parent: how often each signature (same tag, class and text) was added there.
  const rounds = new WeakMap<Element, Map<string, number>>();
  const fresh = (el: Element): boolean => {
    const parent = el.parentElement;
    if (!parent) return true;
    let seen = rounds.get(parent);
    if (!seen) rounds.set(parent, (seen = new Map()));
    const sig = `${el.tagName}|${el.getAttribute('class') ?? ''}|${(el.textContent ?? '').slice(0, 300)}`;
    const n = (seen.get(sig) ?? 0) + 1;
    seen.set(sig, n);
    return n <= MAX_REHIDE_ROUNDS;
  };

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
    const roots = topmost(pending).filter(fresh);
    pending.clear();
    if (roots.length) onBatch(roots);
    observer.takeRecords(); // our own wrappers and splits
  };

  const observer = new MO((records) => {
    collect(records);
    if (!scheduled && pending.size) {
      scheduled = true;
      // The first batches right away (before paint, so clutter does not flash); a longer run
      // of them yields to the page between batches.
      if (inARow++ === 0) task(() => (inARow = 0));
      (inARow > MAX_BATCHES_IN_A_ROW ? task : schedule)(flush);
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
