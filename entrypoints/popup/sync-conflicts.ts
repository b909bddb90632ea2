import type { Conflict, SyncResponseMap } from '@/src/sync';

/**
 * "This note was changed on two devices": each annotation that sync found edited on two
 * devices before they met, with every version side by side and "Keep this one" on each. The
 * list shows the version the store holds now first (CouchDB's winner). Mounts itself into
 * #sync-conflicts (popup and review page) and stays empty when there is nothing to show —
 * and when sync is off, the background answers an empty list without touching the network.
 */
const root = document.getElementById('sync-conflicts');

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

async function ask<T extends keyof SyncResponseMap>(message: { type: T } & Record<string, unknown>): Promise<SyncResponseMap[T]> {
  const r = (await browser.runtime.sendMessage(message)) as SyncResponseMap[T] | { error: string };
  if (r && typeof r === 'object' && 'error' in r && typeof r.error === 'string') throw new Error(r.error);
  return r as SyncResponseMap[T];
}

function render(conflicts: Conflict[]) {
  if (!root) return;
  root.className = conflicts.length ? 'alert sync-conflicts' : 'sync-conflicts';
  root.setAttribute('role', 'region');
  root.setAttribute('aria-label', 'Sync conflicts');
  root.replaceChildren(
    ...conflicts.map((c) => {
      const quote = c.versions[0].annotation.selectors.find((s) => s.type === 'TextQuoteSelector');
      return el(
        'div',
        { className: 'conflict' },
        el('strong', { textContent: 'This note was changed on two devices.' }),
        el('p', { className: 'quote', textContent: quote && 'exact' in quote ? `“${quote.exact.slice(0, 120)}”` : '' }),
        ...c.versions.map((v) => {
          const keep = el('button', { type: 'button', textContent: 'Keep this one' });
          keep.setAttribute('aria-label', `Keep this version: ${v.annotation.note || '(no note)'}`);
          keep.addEventListener('click', () => void resolve(c.id, v.rev));
          // Notes are shown as plain text here (textContent): both versions, exactly as written.
          return el(
            'div',
            { className: 'conflict-version row' },
            el('span', { className: 'version-label', textContent: v.current ? 'Shown now:' : 'Other version:' }),
            el('span', { className: 'version-note', textContent: `${v.annotation.note || '(no note)'} · ${v.annotation.colour}${v.annotation.tags.length ? ` · ${v.annotation.tags.join(', ')}` : ''}` }),
            keep,
          );
        }),
      );
    }),
  );
}

async function refresh() {
  try {
    render((await ask({ type: 'sync/conflicts' })).conflicts);
  } catch {
    render([]);
  }
}

async function resolve(id: string, rev: string) {
  try {
    await ask({ type: 'sync/resolve', id, rev });
  } finally {
    await refresh();
  }
}

if (root) {
  void refresh();
  browser.runtime.onMessage.addListener((message: unknown) => {
    if ((message as { type?: string } | null)?.type === 'broadcast/annotationsChanged') void refresh();
  });
}
