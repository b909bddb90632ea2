import {
  COLOURS,
  isErrorResponse,
  newAnnotationId,
  type Annotation,
  type AnnotationPatch,
  type BackgroundCommand,
  type Colour,
  type PageStateAnswer,
  type PageRecord,
  type Request,
  type RequestType,
  type Response,
  type TabState,
} from '@/src/messages';
import {
  describeStorageError,
  openDatabase,
  annotationsForVisit,
  type Database,
  SearchIndex,
  allTags,
  byReadingOrder,
  counts,
  isEmptyFilter,
  quoteOf,
  recentGroups,
  type Filter,
  type PageGroup,
  type RecentCursor,
} from '@/src/store';
import { describeSkips, importParts, exportMarkdown, exportPageMarkdown, exportWebAnnotations, fileNameFor, groupForMarkdown, pageToMarkdown, parseImportFile } from '@/src/export';
import { renderNote } from '@/src/notes';
import { articleOverrideFor, declutterEnabledFor, setArticleOverride, setDeclutterFor, type ArticleOverride } from '@/utils/settings';
import { lossNotice, type LossNotice } from '@/utils/ledger';
import { colourLabels } from '../options/colour-labels';
import { colourName, nAnnotations, nPages, t } from './i18n';

/**
 * The reader's review of what they highlighted: "This page" (popup only) and "All annotations".
 * Reads go straight to IndexedDB (extension pages share the background's origin), using the
 * indexes; writes go through the background, which validates them and tells the open tabs.
 * Page-controlled text (titles, quotes, sites, imported fields) is only ever set as text;
 * notes are rendered Markdown through DOMPurify (`renderNote`).
 */

// A screenful: up to this many page groups, and no more groups once this many annotations are shown.
const PAGE_SIZE = 10;
const ANNOTATION_BUDGET = 50;

/** How many of `groups` (from `from` on) make the next screenful. */
function screenful(groups: PageGroup[], from: number): number {
  let end = from;
  let shown = 0;
  while (end < groups.length && end - from < PAGE_SIZE && (shown < ANNOTATION_BUDGET || end === from)) shown += groups[end++]!.annotations.length;
  return end;
}

// Rendered notes, by their Markdown: marked + DOMPurify once per note, not per keystroke.
const noteCache = new Map<string, DocumentFragment>();
function renderedNote(markdown: string): DocumentFragment {
  let fragment = noteCache.get(markdown);
  if (!fragment) {
    fragment = renderNote(markdown, document);
    if (noteCache.size > 5_000) noteCache.clear();
    noteCache.set(markdown, fragment);
  }
  return fragment.cloneNode(true) as DocumentFragment;
}

type El = HTMLElementTagNameMap;
function el<K extends keyof El>(tag: K, props: Partial<El[K]> & { dataset?: Record<string, string> } = {}, ...children: (Node | string)[]): El[K] {
  const { dataset, ...rest } = props;
  const node = Object.assign(document.createElement(tag), rest);
  if (dataset) Object.assign(node.dataset, dataset);
  node.append(...children);
  return node;
}
const button = (text: string, onClick: (e: MouseEvent) => void, props: Partial<HTMLButtonElement> & { dataset?: Record<string, string> } = {}) => {
  const b = el('button', { type: 'button', textContent: text, ...props });
  b.addEventListener('click', onClick);
  return b;
};

function ask<T extends RequestType>(request: Extract<Request, { type: T }>): Promise<Response<T>> {
  return browser.runtime.sendMessage(request) as Promise<Response<T>>;
}
async function must<T extends RequestType>(request: Extract<Request, { type: T }>): Promise<Exclude<Response<T>, { error: string }>> {
  const res = await ask(request);
  if (isErrorResponse(res)) throw new Error(res.error);
  return res as Exclude<Response<T>, { error: string }>;
}

let idCounter = 0;
const uid = (p: string) => `${p}-${++idCounter}`;

const fileDate = () => new Date().toISOString().slice(0, 10);

/** Saves text as a file through a Blob URL and an <a download>. */
function download(filename: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export interface AppOptions {
  mode: 'popup' | 'review';
}

/** The popup or review page could not start (most often: the database could not be opened). */
export function showStartupError(root: HTMLElement, err: unknown) {
  const text = err instanceof DOMException ? `Clearmark could not open its database. ${describeStorageError(err)}` : `Clearmark: ${String(err)}`;
  const p = Object.assign(document.createElement('p'), { className: 'alert', textContent: text });
  p.setAttribute('role', 'alert');
  root.replaceChildren(p);
}

/** The verdict line of "This page": from the content script's answer, else its last status. */
function verdictText(live: PageStateAnswer | undefined, statusLine: string, override: ArticleOverride): string {
  const mine = override ? ` ${t('verdictByReader')}` : '';
  if (!live) return statusLine.split(' · ')[0] ?? '';
  if (!live.verdict.isArticle) return t('verdictNotArticle') + mine;
  if (!live.declutter) return t('verdictArticleOff') + mine;
  const n = live.declutter.hidden;
  return t('verdictArticle', t(n === 1 ? 'clutterOne' : 'clutterCount', n.toLocaleString())) + mine;
}

/** "Is this an article?": the reader's word over detection, for this page or the whole site. */
function articleChoice(host: string, pageKey: string, current: ArticleOverride, onChanged: (isArticle?: boolean) => void): HTMLElement {
  const options: [string, string][] = [
    ['auto', t('articleAuto')],
    ['page:yes', t('articlePageYes')],
    ['page:no', t('articlePageNo')],
    ['site:yes', t('articleSiteYes', host)],
    ['site:no', t('articleSiteNo', host)],
  ];
  const select = el('select', { dataset: { ctl: 'article' } }, ...options.map(([value, text]) => el('option', { value, textContent: text })));
  select.value = current ? `${current.scope}:${current.isArticle ? 'yes' : 'no'}` : 'auto';
  select.addEventListener('change', async () => {
    const [scope, answer] = select.value.split(':') as ['page' | 'site' | 'auto', string | undefined];
    // This page's own setting would win over a site-wide one: clear it first.
    await setArticleOverride('page', pageKey, undefined);
    if (scope !== 'page' && current?.scope === 'site') await setArticleOverride('site', host, undefined);
    if (scope !== 'auto') await setArticleOverride(scope, scope === 'page' ? pageKey : host, answer === 'yes');
    current = scope === 'auto' ? undefined : { scope, isArticle: answer === 'yes' };
    onChanged(current?.isArticle);
  });
  const id = uid('article');
  select.id = id;
  return el('div', { className: 'article-choice' }, el('label', { htmlFor: id, textContent: t('articleChoice') }), select);
}

export async function startApp(root: HTMLElement, options: AppOptions) {
  performance.mark('clearmark:start');
  const db: Database = await openDatabase();
  let index: Promise<SearchIndex> | undefined;
  const searchIndex = () => (index ??= SearchIndex.load(db));
  let labels: Partial<Record<Colour, string>> = {};
  void colourLabels.getValue().then((l) => {
    labels = l;
    renderColourOptions();
  });
  const colourText = (c: Colour) => (labels[c] ? `${colourName(c)} — ${labels[c]}` : colourName(c));

  // ---- layout ----------------------------------------------------------------------------
  const status = el('div', { className: 'status', role: 'status' });
  const alert = el('div', { className: 'alert', role: 'alert' });
  const header = el(
    'header',
    {},
    el('h1', { textContent: t('appName') }),
    el(
      'nav',
      {},
      ...(options.mode === 'popup' ? [el('a', { href: browser.runtime.getURL('/review.html'), target: '_blank', textContent: t('openInTab') })] : []),
      el('a', { href: browser.runtime.getURL('/options.html'), target: '_blank', textContent: t('openOptions') }),
    ),
  );
  const thisPage = el('section', { className: 'this-page', hidden: true });
  const allHeading = el('h2', { id: uid('all'), textContent: t('allAnnotations') });
  const countLine = el('p', { className: 'counts' });
  const search = el('input', { type: 'search', className: 'search', placeholder: t('searchPlaceholder'), autocomplete: 'off' });
  search.setAttribute('aria-label', t('searchLabel'));
  const colourSelect = el('select', {});
  colourSelect.setAttribute('aria-label', t('filterColour'));
  const tagSelect = el('select', {});
  tagSelect.setAttribute('aria-label', t('filterTag'));
  const importInput = el('input', { type: 'file', accept: '.json,application/json,application/ld+json', className: 'visually-hidden', id: uid('import') });
  const importLabel = el('label', { htmlFor: importInput.id, className: 'button', textContent: t('importJson') });
  // Hypothesis and most other tools have no colours: the reader picks the one they arrive in.
  const importColour = el('select', {}, ...COLOURS.map((c) => el('option', { value: c, textContent: colourText(c) })));
  importColour.setAttribute('aria-label', t('importColour'));
  const list = el('div', { className: 'groups' });
  const more = button(t('showMore'), () => void showMore(), { className: 'more', hidden: true });
  const all = el(
    'section',
    { className: 'all' },
    allHeading,
    countLine,
    el('div', { className: 'filters' }, search, colourSelect, tagSelect),
    el(
      'div',
      { className: 'toolbar' },
      button(t('exportAllMarkdown'), () => void exportAll('md')),
      button(t('exportAllJson'), () => void exportAll('json')),
      importInput,
      importLabel,
      importColour,
    ),
    list,
    more,
  );
  all.setAttribute('aria-labelledby', allHeading.id);
  // The background found fewer annotations than it had stored: the browser lost some. Shown
  // until the reader dismisses it; it may arrive after the first paint (the worker just woke).
  const loss = el('div', { className: 'alert loss', role: 'alert', hidden: true });
  const showLoss = (notice: LossNotice | null) => {
    loss.hidden = !notice;
    if (!notice) return loss.replaceChildren();
    const found = t('dataLost', nAnnotations(notice.missing), new Date(notice.at).toLocaleString());
    const restorable = notice.restorable ?? 0;
    loss.replaceChildren(
      el('span', { textContent: `${found} ${restorable ? t('dataLostCopy', nAnnotations(restorable)) : t('dataLostNoCopy')}` }),
      ...(restorable ? [button(t('restoreCopy', nAnnotations(restorable)), () => void restoreLost())] : []),
      button(t('dismiss'), () => void forgetLost()),
    );
  };
  async function restoreLost() {
    const res = await ask({ type: 'backup/restore' });
    if (isErrorResponse(res)) return fail(t('failed', res.error));
    await lossNotice.setValue(null);
    index = undefined;
    await refresh();
    say(t('restoredCopy', nAnnotations(res.restored)));
  }
  async function forgetLost() {
    const res = await ask({ type: 'backup/forget' });
    if (isErrorResponse(res)) return fail(t('failed', res.error));
    await lossNotice.setValue(null);
  }
  void lossNotice.getValue().then(showLoss);
  lossNotice.watch(showLoss);
  root.replaceChildren(header, alert, loss, status, thisPage, all);

  function renderColourOptions() {
    const current = colourSelect.value;
    colourSelect.replaceChildren(el('option', { value: '', textContent: t('allColours') }), ...COLOURS.map((c) => el('option', { value: c, textContent: colourText(c) })));
    colourSelect.value = current;
  }
  renderColourOptions();
  async function renderTagOptions() {
    const tags = index ? (await index).tags() : await allTags(db);
    const current = tagSelect.value;
    tagSelect.replaceChildren(el('option', { value: '', textContent: t('allTags') }), ...tags.map((tag) => el('option', { value: tag, textContent: tag })));
    tagSelect.value = tags.includes(current) ? current : '';
  }

  const say = (text: string, ...actions: HTMLElement[]) => {
    alert.replaceChildren();
    status.replaceChildren(el('span', { textContent: text }), ...actions);
  };
  const fail = (text: string) => {
    status.replaceChildren();
    alert.replaceChildren(el('span', { textContent: text }));
  };

  // Pages we just wrote to ourselves: their broadcasts need no reload (the view is already
  // patched), for a couple of seconds after the write.
  const ownWrites = new Map<string, number>();
  async function write<T extends RequestType>(pageKeys: string[], request: Extract<Request, { type: T }>) {
    const until = () => Date.now() + 2_000;
    for (const k of pageKeys) ownWrites.set(k, until());
    const res = await must(request);
    for (const k of pageKeys) ownWrites.set(k, until());
    return res;
  }

  // ---- one annotation --------------------------------------------------------------------
  let orphanIds = new Set<string>();
  /** The tab "This page" describes; an orphan there can be re-attached to a new selection. */
  let thisTabId: number | undefined;

  function renderAnnotation(a: Annotation): HTMLLIElement {
    const quoteId = uid('q');
    const item = el('li', { className: 'annotation', dataset: { id: a.id, colour: a.colour } });
    const quote = button('', () => void jump(a), { className: 'quote', dataset: { ctl: 'quote' }, title: t('goToPassage') });
    quote.append(el('span', { className: 'visually-hidden', textContent: `${colourText(a.colour)}: ` }), el('span', { id: quoteId, textContent: quoteOf(a) }));
    item.append(quote);
    if (orphanIds.has(a.id)) {
      const orphan = el('p', { className: 'orphan', textContent: `${t('notFound')} ` });
      if (thisTabId !== undefined) {
        const tabId = thisTabId;
        orphan.append(
          button(t('reattach'), async () => {
            // The content script turns the reader's next highlight into this annotation's new place.
            await browser.tabs.sendMessage(tabId, { type: 'command/reattach', id: a.id } satisfies BackgroundCommand).catch(() => undefined);
            orphan.replaceChildren(t('reattachHint'));
          }),
        );
      }
      item.append(orphan);
    }
    if (a.note) {
      const note = el('div', { className: 'note' });
      note.append(renderedNote(a.note));
      item.append(note);
    }
    const tags = el('ul', { className: 'tags' });
    tags.setAttribute('aria-label', t('filterTag'));
    for (const tag of a.tags) {
      const remove = button('×', () => void patch(a, { tags: a.tags.filter((x) => x !== tag) }, 'tags'), { className: 'remove-tag', dataset: { ctl: `remove-${tag}` } });
      remove.setAttribute('aria-label', t('removeTag', tag));
      tags.append(el('li', {}, el('span', { textContent: tag }), remove));
    }
    if (a.tags.length) item.append(tags);

    const editor = el('div', { className: 'editor', hidden: true });
    const edit = button(t('edit'), () => toggleEditor(), { dataset: { ctl: 'edit' } });
    edit.setAttribute('aria-expanded', 'false');
    edit.setAttribute('aria-describedby', quoteId);
    const del = button(t('delete'), () => void remove(a), { className: 'danger', dataset: { ctl: 'delete' } });
    del.setAttribute('aria-describedby', quoteId);
    item.append(el('div', { className: 'actions' }, edit, del), editor);

    const toggleEditor = (open = editor.hidden) => {
      editor.hidden = !open;
      edit.setAttribute('aria-expanded', String(open));
      if (open && !editor.firstChild) buildEditor();
      if (open) editor.querySelector('textarea')!.focus();
    };
    const buildEditor = () => {
      const noteBox = el('textarea', { value: a.note, rows: 3, dataset: { ctl: 'note' } });
      noteBox.setAttribute('aria-label', t('note'));
      const colour = el('select', { dataset: { ctl: 'colour' } }, ...COLOURS.map((c) => el('option', { value: c, textContent: colourText(c), selected: c === a.colour })));
      colour.setAttribute('aria-label', t('colour'));
      colour.addEventListener('change', () => void patch(a, { colour: colour.value as Colour }, 'colour', true));
      const tagBox = el('input', { type: 'text', dataset: { ctl: 'tag' }, maxLength: 100, placeholder: t('newTag') });
      tagBox.setAttribute('aria-label', t('addTag'));
      const addTag = () => {
        const tag = tagBox.value.trim();
        if (!tag || a.tags.includes(tag)) return;
        void patch(a, { tags: [...a.tags, tag] }, 'tag', true);
      };
      tagBox.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          addTag();
        }
      });
      const save = () => void patch(a, { note: noteBox.value }, 'edit');
      noteBox.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) save();
      });
      editor.addEventListener('keydown', (e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          toggleEditor(false);
          edit.focus();
        }
      });
      editor.append(
        noteBox,
        el('div', { className: 'row' }, button(t('saveNote'), save, { dataset: { ctl: 'save' } }), button(t('cancel'), () => (toggleEditor(false), edit.focus()))),
        el('div', { className: 'row' }, colour, tagBox, button(t('addTag'), addTag, { dataset: { ctl: 'add-tag' } })),
      );
    };
    return item;
  }

  /** Replaces every rendering of `a` (it may be in both sections), keeping focus where it was. */
  function replaceItems(a: Annotation, focusCtl?: string, keepEditorOpen = false) {
    for (const old of document.querySelectorAll<HTMLLIElement>(`li.annotation[data-id="${CSS.escape(a.id)}"]`)) {
      const hadFocus = old.contains(document.activeElement);
      const next = renderAnnotation(a);
      old.replaceWith(next);
      if (keepEditorOpen) (next.querySelector('[data-ctl="edit"]') as HTMLButtonElement).click();
      if (hadFocus) {
        const target = next.querySelector<HTMLElement>(`[data-ctl="${CSS.escape(focusCtl ?? 'edit')}"]`) ?? next.querySelector<HTMLElement>('[data-ctl="edit"]');
        target?.focus();
      }
    }
  }

  async function patch(a: Annotation, p: AnnotationPatch, focusCtl: string, keepEditorOpen = false) {
    try {
      const { annotation } = await write([a.pageKey], { type: 'annotation/update', id: a.id, patch: p });
      if (index) (await index).upsert(annotation);
      replaceItems(annotation, focusCtl, keepEditorOpen);
      if (p.tags) void renderTagOptions();
      say(t('saved'));
    } catch (err) {
      fail(t('failed', String((err as Error).message ?? err)));
    }
  }

  async function remove(a: Annotation) {
    try {
      await write([a.pageKey], { type: 'annotation/delete', id: a.id });
    } catch (err) {
      return fail(t('failed', String((err as Error).message ?? err)));
    }
    if (index) (await index).remove(a.id);
    // Move focus somewhere sensible before the item goes: the Undo button.
    for (const li of document.querySelectorAll<HTMLLIElement>(`li.annotation[data-id="${CSS.escape(a.id)}"]`)) {
      const group = li.closest('section.page');
      li.remove();
      if (group && !group.querySelector('li.annotation')) group.remove();
    }
    // The page's last highlight went: "This page" shows its empty state, not a title and buttons.
    if (!thisPage.hidden && !thisPage.querySelector('li.annotation')) void renderThisPage();
    void updateCounts();
    const undo = button(t('undo'), () => void restore(a), { className: 'undo' });
    say(t('deleted'), undo);
    undo.focus();
  }

  async function restore(a: Annotation) {
    try {
      await write([a.pageKey], { type: 'annotation/restore', annotation: a });
    } catch (err) {
      return fail(t('failed', String((err as Error).message ?? err)));
    }
    if (index) (await index).upsert(a);
    say(t('restored'));
    await refresh();
    document.querySelector<HTMLElement>(`li.annotation[data-id="${CSS.escape(a.id)}"] [data-ctl="quote"]`)?.focus();
  }

  async function jump(a: Annotation) {
    // The background opens or focuses the tab and scrolls; the popup closes when the tab takes focus.
    const res = await ask({ type: 'popup/jump', id: a.id });
    if (isErrorResponse(res)) fail(t('failed', res.error));
  }

  // ---- a page group ----------------------------------------------------------------------
  function pageActions(key: string, page: PageRecord | undefined, titleId: string) {
    const annotationsOf = async () => (await db.getAllFromIndex('annotations', 'pageKey', key)).sort(byReadingOrder);
    const pages = page ? [page] : [];
    const withLabel = (b: HTMLButtonElement) => (b.setAttribute('aria-describedby', titleId), b);
    const name = fileNameFor(page?.title || key);
    return el(
      'div',
      { className: 'page-actions' },
      withLabel(
        button(t('copyMarkdown'), async () => {
          const md = pageToMarkdown({ key, page, annotations: await annotationsOf() });
          try {
            await navigator.clipboard.writeText(md);
            say(t('copied'));
          } catch (err) {
            fail(t('copyFailed', String(err)));
          }
        }),
      ),
      withLabel(button(t('exportMarkdown'), async () => download(`${name}.md`, exportPageMarkdown({ key, page, annotations: await annotationsOf() }), 'text/markdown'))),
      withLabel(button(t('exportJson'), async () => download(`${name}.json`, exportWebAnnotations(await annotationsOf(), pages), 'application/ld+json'))),
    );
  }

  function renderGroup(g: PageGroup, filtered: boolean): HTMLElement {
    const titleId = uid('t');
    const title = g.page?.title || g.key;
    const url = g.page?.url || g.key;
    const heading = el('h3', { id: titleId });
    heading.append(/^https?:/i.test(url) ? el('a', { href: url, target: '_blank', rel: 'noopener noreferrer', textContent: title }) : title);
    let site = g.page?.site || '';
    if (!site) {
      try {
        site = new URL(url).hostname;
      } catch {
        /* not a URL */
      }
    }
    const meta = [site, new Date(g.newest).toLocaleDateString(), filtered && g.annotations.length !== g.total ? t('annotationCountOf', g.annotations.length, g.total) : nAnnotations(g.total)];
    const section = el(
      'section',
      { className: 'page', dataset: { key: g.key } },
      heading,
      el('p', { className: 'meta', textContent: meta.filter(Boolean).join(' · ') }),
      el('ul', { className: 'annotations' }, ...g.annotations.map(renderAnnotation)),
      pageActions(g.key, g.page, titleId),
    );
    section.setAttribute('aria-labelledby', titleId);
    return section;
  }

  // ---- All annotations -------------------------------------------------------------------
  let query = 0;
  let recent: RecentCursor | undefined;
  let results: PageGroup[] = [];
  let shown = 0;
  let filteredView = false;

  const currentFilter = (): Filter => ({ text: search.value, colour: colourSelect.value as Colour | '', tag: tagSelect.value });

  async function updateCounts(matching?: PageGroup[]) {
    if (matching) {
      const n = matching.reduce((s, g) => s + g.annotations.length, 0);
      countLine.textContent = t('countsMatching', nAnnotations(n), nPages(matching.length));
      return;
    }
    if (filteredView) return renderAll();
    const c = await counts(db);
    countLine.textContent = t('counts', nAnnotations(c.annotations), nPages(c.pages));
  }

  /** Renders the first screenful for the current filter (newest pages first). */
  async function renderAll() {
    await renderAllNow();
    // For benchmarks and tests: how many times the list was rendered.
    document.documentElement.dataset.renders = String(Number(document.documentElement.dataset.renders ?? 0) + 1);
  }
  async function renderAllNow() {
    const q = ++query;
    const filter = currentFilter();
    if (isEmptyFilter(filter)) {
      filteredView = false;
      // The counts walk an index; they follow the first screenful rather than hold it up.
      const { groups, next } = await recentGroups(db, PAGE_SIZE);
      if (q !== query) return;
      void updateCounts();
      recent = next;
      list.replaceChildren(...groups.map((g) => renderGroup(g, false)));
      if (groups.length === 0) list.append(el('p', { className: 'empty', textContent: t('empty') }));
      more.hidden = !next;
      return;
    }
    filteredView = true;
    const idx = await searchIndex();
    if (q !== query) return;
    results = idx.query(filter);
    shown = screenful(results, 0);
    void updateCounts(results);
    list.replaceChildren(...results.slice(0, shown).map((g) => renderGroup(g, true)));
    if (results.length === 0) list.append(el('p', { className: 'empty', textContent: t('noMatches') }));
    more.hidden = shown >= results.length;
  }

  async function showMore() {
    const firstNew = list.children.length;
    if (!filteredView) {
      if (!recent) return;
      const q = query;
      const { groups, next } = await recentGroups(db, PAGE_SIZE, recent);
      if (q !== query) return;
      recent = next;
      list.append(...groups.map((g) => renderGroup(g, false)));
      more.hidden = !next;
    } else {
      const end = screenful(results, shown);
      list.append(...results.slice(shown, end).map((g) => renderGroup(g, true)));
      shown = end;
      more.hidden = shown >= results.length;
    }
    // Keyboard users land on the first new page rather than at the end of the list.
    list.children[firstNew]?.querySelector<HTMLElement>('a, button')?.focus();
  }

  search.addEventListener('input', () => void renderAll());
  colourSelect.addEventListener('change', () => void renderAll());
  tagSelect.addEventListener('change', () => void renderAll());
  document.addEventListener('keydown', (e) => {
    // "/" focuses the search box, as on many sites; Escape clears it.
    const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement;
    if (e.key === '/' && !typing) {
      e.preventDefault();
      search.focus();
    } else if (e.key === 'Escape' && e.target === search && search.value) {
      e.preventDefault();
      search.value = '';
      void renderAll();
    }
  });

  // ---- export / import -------------------------------------------------------------------
  async function everything() {
    const tx = db.transaction(['annotations', 'pages']);
    const [annotations, pages] = await Promise.all([tx.objectStore('annotations').getAll(), tx.objectStore('pages').getAll()]);
    return { annotations, pages };
  }
  async function exportAll(kind: 'md' | 'json') {
    const { annotations, pages } = await everything();
    if (kind === 'json') download(`clearmark-${fileDate()}.json`, exportWebAnnotations(annotations, pages), 'application/ld+json');
    else download(`clearmark-${fileDate()}.md`, exportMarkdown(groupForMarkdown(annotations, pages)), 'text/markdown');
  }
  importInput.addEventListener('change', async () => {
    const file = importInput.files?.[0];
    importInput.value = '';
    if (!file) return;
    // Our own export, another tool's Web Annotations, or a Hypothesis export / API response.
    const parsed = parseImportFile(await file.text(), { colour: importColour.value as Colour });
    if (!parsed.ok) return fail(t('importFailed', parsed.error));
    let res;
    try {
      const keys = [...new Set(parsed.annotations.map((a) => a.pageKey))];
      // A large file goes in parts (a browser message holds at most 64 MiB); the background
      // commits them together with the last one, so it is still all or nothing.
      const parts = importParts(parsed.annotations, parsed.pages);
      const last = parts.pop()!;
      const importId = parts.length ? newAnnotationId() : undefined;
      for (const part of parts) await must({ type: 'annotations/importPart', importId: importId!, ...part });
      res = await write(keys, { type: 'annotations/import', ...last, ...(importId ? { importId } : {}) });
    } catch (err) {
      return fail(t('importFailed', (err as Error).message));
    }
    index = undefined;
    say([t('imported', res.added, res.updated, res.unchanged, res.kept), describeSkips(parsed.skipped)].filter(Boolean).join(' '));
    await refresh();
  });

  // ---- This page -------------------------------------------------------------------------
  async function renderThisPage() {
    if (options.mode !== 'popup') return;
    // Tests open the popup in a tab of its own and name the tab it stands for: ?tab=<id>.
    const forced = Number(new URLSearchParams(location.search).get('tab'));
    const tab = forced ? await browser.tabs.get(forced).catch(() => undefined) : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
    if (tab?.id === undefined) return;
    const state = (await ask({ type: 'popup/tabState', tabId: tab.id })) as TabState | { error: string };
    const heading = el('h2', { id: uid('this'), textContent: t('thisPage') });
    thisPage.setAttribute('aria-labelledby', heading.id);
    thisPage.hidden = false;
    if (isErrorResponse(state) || !state.pageKey) {
      thisPage.replaceChildren(heading, el('p', { className: 'verdict', textContent: t('notRunning') }));
      return;
    }
    const pageKey = state.pageKey;
    const statusLine = state.statusTitle ?? '';
    let host = '';
    try {
      host = new URL(tab.url ?? state.url ?? '').hostname;
    } catch {
      /* no host */
    }
    // What the content script knows now (verdict, orphans); its status line may lag behind a
    // reload of the page's highlights, so it is only the fallback.
    const answer = (await Promise.race([
      browser.tabs.sendMessage(tab.id, { type: 'command/pageState' } satisfies BackgroundCommand).catch(() => undefined),
      new Promise((r) => setTimeout(r, 1500)), // a content script busy restoring may answer late
    ])) as PageStateAnswer | undefined;
    const live = answer?.pageKey === pageKey ? answer : undefined;
    const override = host ? await articleOverrideFor(host, pageKey) : undefined;
    const children: Node[] = [heading, el('p', { className: 'verdict', textContent: verdictText(live, statusLine, override) })];
    if (host) {
      const toggle = el('input', { type: 'checkbox', checked: await declutterEnabledFor(host) });
      toggle.setAttribute('role', 'switch');
      toggle.addEventListener('change', () => void setDeclutterFor(host, toggle.checked));
      children.push(el('label', { className: 'switch' }, toggle, ` ${t('declutterSite', host)}`), articleChoice(host, pageKey, override, (isArticle) => void afterVerdictChange(tab.id!, pageKey, isArticle)));
    }
    const ids = live && Array.isArray(live.orphans) ? live.orphans : undefined;
    orphanIds = new Set(ids?.filter((x): x is string => typeof x === 'string') ?? []);
    thisTabId = tab.id;
    // As the page itself shows them: under its key, and under its own address when an import
    // (Hypothesis) stored them by the address it saw rather than the page's canonical.
    const annotations = (await annotationsForVisit(db, { key: pageKey, url: tab.url ?? state.url ?? pageKey, title: '' })).sort(byReadingOrder);
    const page = await db.get('pages', pageKey);
    if (annotations.length === 0) children.push(el('p', { className: 'empty', textContent: t('noHighlightsHere') }));
    else {
      const orphanCount = Number(/\((\d+) not found on the page\)/.exec(statusLine)?.[1] ?? 0);
      if (!ids && orphanCount) children.push(el('p', { className: 'orphan', textContent: t('orphansCount', orphanCount) }));
      const titleId = uid('t');
      children.push(
        el('p', { className: 'meta', id: titleId, textContent: page?.title || pageKey }),
        el('ul', { className: 'annotations' }, ...annotations.map(renderAnnotation)),
        pageActions(pageKey, page, titleId),
      );
    }
    thisPage.replaceChildren(...children);
  }

  /** The page applies the reader's verdict on its own; show the result once it has. */
  async function afterVerdictChange(tabId: number, pageKey: string, isArticle?: boolean) {
    for (let i = 0; i < 15; i++) {
      await new Promise((r) => setTimeout(r, 200));
      const answer = (await browser.tabs.sendMessage(tabId, { type: 'command/pageState' } satisfies BackgroundCommand).catch(() => undefined)) as PageStateAnswer | undefined;
      if (answer?.pageKey === pageKey && (isArticle === undefined || answer.verdict.isArticle === isArticle)) break;
    }
    await renderThisPage();
    thisPage.querySelector<HTMLElement>('[data-ctl="article"]')?.focus();
  }

  async function refresh() {
    await Promise.all([renderThisPage(), renderAll(), renderTagOptions()]);
  }

  // Changes made elsewhere (a page, another popup, an import): reload, unless they were ours.
  let pendingRefresh: ReturnType<typeof setTimeout> | undefined;
  browser.runtime.onMessage.addListener((message: unknown) => {
    const m = message as { type?: string; pageKey?: string };
    if (m?.type !== 'broadcast/annotationsChanged' || !m.pageKey) return;
    if ((ownWrites.get(m.pageKey) ?? 0) > Date.now()) return;
    index = undefined;
    clearTimeout(pendingRefresh);
    pendingRefresh = setTimeout(() => {
      // Do not pull the list from under an open editor.
      if (document.activeElement?.closest('.editor')) return;
      void refresh();
    }, 150);
  });

  await Promise.all([renderAll(), renderTagOptions()]);
  performance.mark('clearmark:ready');
  document.documentElement.dataset.ready = 'true';
  await renderThisPage();
  if (options.mode === 'review' || thisPage.hidden) search.focus();
  document.documentElement.dataset.thisPage = 'ready';
  // Warm the search index when the browser is idle, so the first keystroke is fast too.
  const idle = (globalThis as { requestIdleCallback?: (cb: () => void) => void }).requestIdleCallback ?? ((cb: () => void) => setTimeout(cb, 200));
  idle(() => void searchIndex().then(() => (document.documentElement.dataset.index = 'ready')));
}
