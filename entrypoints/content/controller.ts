import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { detectArticle, extractMetadata, normalizeUrl, pageKey, type ArticleDetection } from '@/src/article';
import { describe } from '@/src/anchoring';
import { installCopyCleaner, startDeclutter, type DeclutterController } from '@/src/declutter';
import { isErrorResponse, newAnnotationId, type Annotation, type AnnotationPatch, type AnnotationsChangedBroadcast, type BackgroundCommand, type Colour, type PageInfo } from '@/src/messages';
import { declutterEnabledFor, declutterSites, declutterDefault } from '@/utils/settings';
import { ask } from './messaging';
import { createOverlay, type Overlay } from './overlay';
import { PageHighlights } from './page-highlights';
import { flash } from './flash';
import { readerVerdict, watchReaderVerdicts } from './reader-verdict';

/**
 * The per-page controller: detect → declutter → restore highlights → toolbar. On pages that
 * are not articles and have no highlights it only listens for a selection.
 */
export async function startPage(ctx: ContentScriptContext) {
  let detected: ArticleDetection = detectArticle(document, location.href);
  let verdict = detected; // detection, with the reader's override (applyDeclutter)
  let page = pageInfo();
  let decluttered: DeclutterController | undefined;
  let overlay: Overlay | undefined;
  let lastError = '';

  // By reference, not by tag name: a page can put its own <clearmark-ui> in the DOM.
  const isOurs = (node: Node) => !!overlay?.contains(node);
  const highlights = new PageHighlights(() => document.body, isOurs);

  const applyDeclutter = async () => {
    verdict = await readerVerdict(detected, location.hostname, page.key);
    const want = verdict.isArticle && (await declutterEnabledFor(location.hostname));
    if (want && !decluttered) {
      decluttered = startDeclutter(document);
      decluttered.follow();
    } else if (!want && decluttered) {
      decluttered.undo();
      decluttered = undefined;
    }
    void reportStatus();
  };

  const reportStatus = () => {
    const parts = [
      !verdict.isArticle ? 'Not an article' : decluttered ? `Article — ${decluttered.hidden} clutter item${decluttered.hidden === 1 ? '' : 's'} hidden` : 'Article — decluttering is off for this site',
    ];
    const n = highlights.all.length;
    if (n) parts.push(`${n} highlight${n === 1 ? '' : 's'}${highlights.orphanIds.length ? ` (${highlights.orphanIds.length} not found on the page)` : ''}`);
    if (lastError) parts.push(lastError);
    return ask({ type: 'tab/status', title: parts.join(' · ') }).catch(() => {});
  };
  highlights.onChange = () => void reportStatus();

  const load = async () => {
    const key = page.key;
    const res = await ask({ type: 'page/visit', page });
    if (isErrorResponse(res)) throw new Error(res.error);
    if (key !== page.key) return; // the page moved on meanwhile: these are another page's
    highlights.sync(res.annotations);
    void reportStatus();
  };

  const ensureOverlay = async () => {
    if (overlay) return overlay;
    overlay = await createOverlay(ctx, {
      highlight: (colour, withNote) => void highlightSelection(colour, withNote, true),
      // The card shows its own errors; the toolbar button's title keeps the last one, as for any write.
      cardOutcome(error) {
        if (!error) return clearError();
        lastError = error;
        void reportStatus();
      },
    });
    return overlay;
  };

  // The last failure stays in the toolbar button's title until a write succeeds.
  const fail = async (message: string) => {
    lastError = message;
    void reportStatus();
    (await ensureOverlay()).showError(`Clearmark: ${message}`);
  };
  const clearError = () => {
    if (!lastError) return;
    lastError = '';
    void reportStatus();
  };

  /** The first words of a quote, to say which highlight a message is about. */
  const opening = (quote: string) => {
    const words = quote.replace(/\s+/g, ' ').trim();
    return words.length <= 40 ? words : `${words.slice(0, 40).trimEnd()}…`;
  };

  /** An orphan the reader chose to re-attach: their next highlight gives it new selectors. */
  let reattaching: string | undefined;

  /**
   * The selection the reader made, captured at their (trusted) gesture. The toolbar highlights
   * this range and nothing else: if the page swapped the selection before the click, nothing is
   * highlighted.
   */
  let captured: { range: Range; text: string } | undefined;
  const sameRange = (a: Range, b: Range) =>
    a.compareBoundaryPoints(Range.START_TO_START, b) === 0 && a.compareBoundaryPoints(Range.END_TO_END, b) === 0;

  /** `fromToolbar`: the reader pressed our toolbar (else the browser's menu or shortcut, on the selection now). */
  async function highlightSelection(colour: Colour, withNote: boolean, fromToolbar = false) {
    const selection = getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return;
    const range = selection.getRangeAt(0);
    if (isOurs(range.commonAncestorContainer)) return;
    if (fromToolbar && (!captured || !sameRange(captured.range, range) || captured.text !== selection.toString())) {
      captured = undefined;
      return fail('The selection changed before your click, so nothing was highlighted. Select the passage again.');
    }
    captured = undefined;
    const selectors = describe(document.body, range);
    if (selectors.length === 0) return fail('There is no article text in this selection to highlight.');
    if (reattaching && highlights.get(reattaching)) {
      const id = reattaching;
      reattaching = undefined;
      // A colour the reader chose applies to the re-attached highlight too.
      // A colour from the toolbar is the reader's choice; a command's default is not.
      const updated = await update(id, fromToolbar ? { selectors, colour } : { selectors });
      if (updated) {
        selection.removeAllRanges();
        overlay?.hide();
      }
      return;
    }
    const res = await ask({ type: 'annotation/create', page, annotation: { id: newAnnotationId(), pageKey: page.key, colour, selectors } });
    if (isErrorResponse(res)) return fail(`The highlight “${opening(range.toString())}” was not saved: ${res.error}`);
    lastError = '';
    const saved = range.cloneRange();
    selection.removeAllRanges();
    highlights.add(res.annotation, saved);
    void reportStatus();
    const o = await ensureOverlay();
    if (withNote) o.showCard(res.annotation, saved.getBoundingClientRect(), true);
    else o.hide();
  }

  async function update(id: string, patch: AnnotationPatch): Promise<Annotation | undefined> {
    const res = await ask({ type: 'annotation/update', id, patch });
    if (isErrorResponse(res)) {
      await fail(`The change was not saved: ${res.error}`);
      return undefined;
    }
    highlights.sync(highlights.all.map((a) => (a.id === id ? res.annotation : a)));
    clearError();
    return res.annotation;
  }

  // Selection → toolbar; click on a highlight → its card.
  // Only the reader's own input (isTrusted): a page that synthesises a mouseup must not open a
  // card (and probe its note) nor make our UI appear (and so detect Clearmark).
  const onPointerUp = async (e: Event) => {
    if (!e.isTrusted || isOurs(e.target as Node)) return;
    // A right (or middle) click opens the browser's menu, not our toolbar under it.
    if (e instanceof MouseEvent && e.button !== 0) return;
    const selection = getSelection();
    if (selection && !selection.isCollapsed && selection.rangeCount && selection.toString().trim()) {
      const range = selection.getRangeAt(0);
      captured = { range: range.cloneRange(), text: selection.toString() };
      (await ensureOverlay()).showToolbar(range.getBoundingClientRect());
      return;
    }
    if (e instanceof MouseEvent) {
      const id = highlights.painter.hitTest(e.clientX, e.clientY);
      const a = id ? highlights.get(id) : undefined;
      if (a) {
        const painted = highlights.painter.get(a.id)!;
        (await ensureOverlay()).showCard(a, painted.range.getBoundingClientRect());
        return;
      }
    }
    overlay?.hide();
  };
  ctx.addEventListener(document, 'mouseup', (e) => void onPointerUp(e));
  ctx.addEventListener(document, 'keyup', (e) => {
    if (e.shiftKey || e.key === 'Shift') void onPointerUp(e);
  });

  // Commands from the browser UI, and changes made in other tabs or the popup.
  const onMessage = (message: unknown, _sender: unknown, sendResponse: (r: unknown) => void) => {
    const m = message as ContentCommand;
    switch (m?.type) {
      case 'command/highlight':
        void highlightSelection('yellow', false, false);
        break;
      case 'command/scrollTo': {
        const painted = highlights.painter.get(m.id);
        if (painted) flash(painted.range);
        sendResponse({ found: !!painted, pageKey: page.key });
        break;
      }
      case 'command/pageState':
        sendResponse({ pageKey: page.key, verdict, orphans: highlights.orphanIds, declutter: decluttered ? { hidden: decluttered.hidden, counts: decluttered.counts } : null });
        break;
      case 'command/reattach':
        if (highlights.get(m.id)) {
          reattaching = m.id;
          void ensureOverlay().then((o) => o.showError('Select the passage this highlight belongs to, then choose a colour.', 'info'));
        }
        sendResponse({ ok: !!highlights.get(m.id) });
        break;
      case 'broadcast/annotationsChanged':
        if (m.pageKey === page.key) void load().catch(() => {});
        break;
    }
    return false;
  };
  browser.runtime.onMessage.addListener(onMessage);
  ctx.onInvalidated(() => {
    browser.runtime.onMessage.removeListener(onMessage);
    highlights.stop();
    decluttered?.undo();
  });

  // The reader switched decluttering for this site (popup) or the default (options page), or
  // said whether this page is an article. Unwatched when the extension is updated or removed.
  const unwatch = [
    declutterSites.watch(() => void applyDeclutter()),
    declutterDefault.watch(() => void applyDeclutter()),
    watchReaderVerdicts(() => void applyDeclutter()),
  ];
  ctx.onInvalidated(() => unwatch.forEach((stop) => stop()));

  // Client-side navigation in the same tab: a new page, new highlights. WXT's event fires on
  // the Navigation API's "navigate" (Chromium), before `location` changes, so the new page is
  // read only once the address has changed: after a task, and at navigatesuccess/popstate.
  let lastHref = location.href;
  const followRoute = () => {
    if (location.href === lastHref) return;
    const previous = page;
    lastHref = location.href;
    let next = pageInfo();
    // A canonical link left over from the previous route would keep the old key on a new path:
    // the address decides then.
    const fromAddress = normalizeUrl(location.href);
    if (next.key === previous.key && normalizeUrl(previous.url) !== fromAddress) next = { ...next, key: fromAddress };
    if (next.key === previous.key) return;
    page = next;
    detected = detectArticle(document, location.href);
    highlights.sync([]);
    void applyDeclutter().then(load);
  };
  ctx.addEventListener(window, 'wxt:locationchange', () => void setTimeout(followRoute, 0));
  ctx.addEventListener(window, 'popstate', followRoute);
  const nav = (window as { navigation?: EventTarget }).navigation;
  if (nav?.addEventListener) ctx.addEventListener(nav as unknown as Window, 'navigatesuccess' as keyof WindowEventMap, followRoute);

  installCopyCleaner(document);
  await applyDeclutter();
  await load();
}

/** What the background and the popup may send this content script. */
type ContentCommand = BackgroundCommand | AnnotationsChangedBroadcast;

function pageInfo(): PageInfo {
  const meta = extractMetadata(document, location.href);
  const clip = (s: string | undefined, n: number) => (s ? s.slice(0, n) : undefined);
  return {
    key: pageKey(document, location.href),
    url: location.href.slice(0, 4096),
    title: (meta.title || document.title || location.href).slice(0, 1000),
    site: clip(meta.siteName, 500),
    byline: clip(meta.byline, 500),
    published: clip(meta.publishedTime, 100),
    lang: clip(meta.lang, 35),
  };
}
