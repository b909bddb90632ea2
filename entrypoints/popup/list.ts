import type { Annotation, PageRecord, ResponseMap } from '@/src/messages';

/**
 * Renders annotations grouped by page, newest first. Page-controlled text (titles, quotes,
 * notes) is only ever set as textContent, never as HTML.
 */
export function renderAnnotationList(root: HTMLElement, data: ResponseMap['annotations/all']) {
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: Node[]) => {
    const node = Object.assign(document.createElement(tag), props);
    node.append(...children);
    return node;
  };
  const pages = new Map<string, PageRecord>(data.pages.map((p) => [p.key, p]));
  const groups = new Map<string, Annotation[]>();
  for (const a of data.annotations) {
    const list = groups.get(a.pageKey) ?? [];
    list.push(a);
    groups.set(a.pageKey, list);
  }
  const heading = el('h1', { textContent: `Clearmark — ${data.annotations.length} annotation${data.annotations.length === 1 ? '' : 's'}` });
  if (groups.size === 0) {
    root.replaceChildren(heading, el('p', { className: 'empty', textContent: 'No highlights yet. Select text on an article and choose a colour.' }));
    return;
  }
  const sections = [...groups].map(([key, annotations]) => {
    const page = pages.get(key);
    return el(
      'section',
      { className: 'page' },
      el('h2', { textContent: page?.title || key }),
      el('div', { className: 'meta', textContent: [page?.site, key].filter(Boolean).join(' · ') }),
      ...annotations.map((a) => {
        const quote = a.selectors.find((s) => s.type === 'TextQuoteSelector');
        const item = el('article', { className: 'annotation' }, el('blockquote', { textContent: quote?.exact ?? '' }));
        item.dataset.colour = a.colour;
        if (a.note) item.append(el('div', { className: 'note', textContent: a.note }));
        return item;
      }),
    );
  });
  root.replaceChildren(heading, ...sections);
}
