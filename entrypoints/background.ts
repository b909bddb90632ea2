import type { AnnotationsChangedBroadcast, BackgroundCommand, ParsedRequest, ResponseMap, ScrollToAnswer, TabState } from '@/src/messages';
import { refusal, storedAnnotationId, type Sender } from '@/src/sender-rules';
import { normalizeUrl } from '@/src/article';
import { parseRequest } from '@/src/protocol-schema';
import { Backup, Connection, DISK_RESERVE_BYTES, pageKeysWritten } from '@/src/store';
import { extensionBackupArea, extensionLedger } from '@/utils/ledger';
import { backgroundSync } from '@/utils/sync';

/**
 * The background owns the database (it lives in the extension's origin, out of reach of page
 * scripts) and answers the content scripts and the popup. Wiring only: the answers are in
 * src/store/requests.ts.
 */
export default defineBackground(() => {
  // Opened lazily (MV3 service workers stop and start) and afresh after a close or failure.
  // Chromium's storage estimate is the free disk, and a full disk can damage its database, so
  // there Clearmark keeps a reserve; Firefox's estimate is its own limit (see src/store/connection.ts).
  // The ledger notices when the browser has lost part of the database, so the reader is told;
  // the backup (a copy in extension storage) lets them restore it.
  const connection = new Connection({
    diskReserve: import.meta.env.BROWSER === 'firefox' ? 0 : DISK_RESERVE_BYTES,
    ledger: extensionLedger,
    backup: new Backup(extensionBackupArea),
  });
  // Opened at every start of the worker, so a loss is noticed before the reader looks.
  void connection.get().catch(() => {});
  // Off until the reader sets up a server in the options page (see utils/sync.ts).
  const sync = backgroundSync(connection, (pageKeys) => void broadcast(pageKeys));
  let rejected = 0;

  // Who is asking: our extension pages, or our content script in a tab (with the URLs the
  // browser, not the message, gives for it). Anything else gets nothing.
  const extensionBase = browser.runtime.getURL('/');
  function senderOf(s: Browser.runtime.MessageSender): Sender {
    if (s.id !== browser.runtime.id) return { kind: 'unknown' };
    if (s.url?.startsWith(extensionBase)) return { kind: 'extension' };
    if (s.tab?.id !== undefined && s.url && s.tab.url) return { kind: 'content', url: s.url, tabUrl: s.tab.url, tabId: s.tab.id };
    return { kind: 'unknown' };
  }
  const refuse = (reason: string, sendResponse: (r: unknown) => void) => {
    rejected++;
    console.warn(`Clearmark rejected message #${rejected}: ${reason}`);
    sendResponse({ error: reason });
    return false;
  };

  browser.runtime.onMessage.addListener((message: unknown, s, sendResponse) => {
    // runtime.onMessage never carries web page messages, but a wrong sender is counted anyway.
    if (s.id !== browser.runtime.id) {
      rejected++;
      return false;
    }
    if (typeof message === 'object' && message && (message as { type?: string }).type?.startsWith('broadcast/'))
      return false;
    const sender = senderOf(s);
    // Sync requests are answered (from extension pages only) by the sync part.
    const syncAnswer = sync.answer(message, sender.kind === 'extension', sendResponse);
    if (syncAnswer !== undefined) {
      if (sender.kind !== 'extension') rejected++; // refused there, counted here like every refusal
      return syncAnswer;
    }
    const parsed = parseRequest(message);
    if (!parsed.ok) return refuse(parsed.error, sendResponse);
    const request = parsed.request;
    // An update or delete is judged by the site of the annotation it names, read first.
    const named = sender.kind === 'content' ? storedAnnotationId(request) : undefined;
    const storedPageKey = named === undefined ? Promise.resolve(undefined) : storedPageKeyOf(named);
    void storedPageKey.then((key) => {
      const reason = refusal(request, sender, key);
      if (reason) refuse(reason, sendResponse);
      else handle(request, sender, sendResponse);
    });
    return true; // answer asynchronously
  });

  async function storedPageKeyOf(id: string): Promise<string | undefined> {
    try {
      return (await (await connection.get()).get('annotations', id))?.pageKey;
    } catch {
      return undefined; // the request itself will meet the same failure and report it
    }
  }

  /** Answers an allowed request. */
  function handle(request: ParsedRequest, sender: Sender, sendResponse: (r: unknown) => void) {
    const tabId = sender.kind === 'content' ? sender.tabId : undefined;
    if (request.type === 'tab/status') {
      if (tabId !== undefined) {
        void browser.action.setTitle({ tabId, title: `Clearmark — ${request.title}` });
        const state = tabStates.get(tabId);
        // A status after page/visit means the content script has synced this page's highlights.
        setTabState(tabId, { ...state, statusTitle: request.title, loaded: !!state?.pageKey });
      }
      sendResponse({ ok: true });
      return;
    }
    if (request.type === 'background/stats') return sendResponse({ rejected });
    if (request.type === 'page/visit' && sender.kind === 'content')
      setTabState(sender.tabId, { pageKey: request.page.key, url: sender.tabUrl, loaded: false });
    if (request.type === 'popup/tabState') {
      restored.then(() => sendResponse(tabStates.get(request.tabId) ?? {})).catch(() => sendResponse({}));
      return;
    }
    if (request.type === 'popup/jump') {
      jump(request.id).then(sendResponse, (err: unknown) => sendResponse({ error: err instanceof Error ? err.message : String(err) }));
      return;
    }
    void connection.answer(request).then((response) => {
      sendResponse(response);
      const keys = pageKeysWritten(request, response);
      if (keys.length) {
        void broadcast(keys);
        sync.localWrite();
      }
    });
  }

  /**
   * Tells the tabs showing a changed page, once each, and the popup once. An import touches
   * thousands of pages: a message per page per tab would flood every tab (issue #16).
   */
  async function broadcast(pageKeys: string[]) {
    const changed = new Set(pageKeys);
    await restored;
    const tabs = await browser.tabs.query({});
    for (const tab of tabs) {
      if (tab.id === undefined) continue;
      // What its content script reported; for a tab we know nothing of, its address.
      const shown = tabStates.get(tab.id)?.pageKey ?? (tab.url && /^https?:/i.test(tab.url) ? normalizeUrl(tab.url) : undefined);
      if (shown === undefined || !changed.has(shown)) continue;
      const message: AnnotationsChangedBroadcast = { type: 'broadcast/annotationsChanged', pageKey: shown };
      browser.tabs.sendMessage(tab.id, message).catch(() => {});
    }
    const message: AnnotationsChangedBroadcast = { type: 'broadcast/annotationsChanged', pageKey: pageKeys[0] };
    browser.runtime.sendMessage(message).catch(() => {}); // the popup, if open
  }

  // What each tab's content script reported, for the popup. Kept in session storage too, so a
  // restarted service worker still knows (it is gone when the browser closes, like the tabs).
  const tabStates = new Map<number, TabState>();
  const SESSION_KEY = 'tabStates';
  const session = browser.storage.session as typeof browser.storage.local | undefined;
  const restored: Promise<void> = (session?.get(SESSION_KEY) ?? Promise.resolve({}))
    .then((got: Record<string, unknown>) => {
      const saved = got[SESSION_KEY] as Record<string, TabState> | undefined;
      for (const [id, state] of Object.entries(saved ?? {})) if (!tabStates.has(Number(id))) tabStates.set(Number(id), state);
    })
    .catch(() => {});
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  function setTabState(tabId: number, state: TabState) {
    tabStates.set(tabId, state);
    for (const waiter of tabWaiters) waiter();
    saveTabStates();
  }
  function saveTabStates() {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => void session?.set({ [SESSION_KEY]: Object.fromEntries(tabStates) }).catch(() => {}), 200);
  }
  browser.tabs.onRemoved.addListener((tabId) => {
    if (tabStates.delete(tabId)) saveTabStates();
  });
  // A new document in the tab: forget the old page until its content script (if any) reports.
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading' && change.url && tabStates.delete(tabId)) saveTabStates();
  });
  const tabWaiters = new Set<() => void>();
  /** Resolves when the tab's content script has loaded `pageKey`'s highlights (or after `timeout`). */
  function whenLoaded(tabId: number, pageKey: string, timeout = 15_000): Promise<boolean> {
    return new Promise((resolve) => {
      const check = () => {
        const s = tabStates.get(tabId);
        if (s?.pageKey === pageKey && s.loaded) done(true);
      };
      const timer = setTimeout(() => done(false), timeout);
      const done = (ok: boolean) => {
        clearTimeout(timer);
        tabWaiters.delete(check);
        resolve(ok);
      };
      tabWaiters.add(check);
      check();
    });
  }

  /** Opens (or focuses) the page of an annotation and asks its content script to scroll to it. */
  async function jump(id: string): Promise<ResponseMap['popup/jump']> {
    await restored;
    const d = await connection.get();
    const annotation = await d.get('annotations', id);
    if (!annotation) throw new Error('This annotation no longer exists.');
    const page = await d.get('pages', annotation.pageKey);
    const url = page?.url || annotation.pageKey;
    const tabs = await browser.tabs.query({});
    const strip = (u = '') => u.split('#')[0];
    const tab =
      tabs.find((t) => t.id !== undefined && tabStates.get(t.id)?.pageKey === annotation.pageKey) ??
      tabs.find((t) => t.url && (strip(t.url) === strip(url) || strip(t.url) === strip(annotation.pageKey)));
    let tabId: number;
    let opened = false;
    if (tab?.id !== undefined) {
      tabId = tab.id;
      await browser.tabs.update(tabId, { active: true });
      if (tab.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true }).catch(() => {});
    } else {
      if (!/^https?:/i.test(url)) throw new Error('This page’s address cannot be opened.');
      const created = await browser.tabs.create({ url, active: true });
      tabId = created.id!;
      opened = true;
    }
    await whenLoaded(tabId, annotation.pageKey);
    // The content script may still be painting (anchoring runs in slices): ask a few times,
    // until it says it found the passage (an orphan never is: then we stop after the last try).
    const command: BackgroundCommand = { type: 'command/scrollTo', id };
    let scrolled = false;
    for (let attempt = 0; attempt < 5 && !scrolled; attempt++) {
      if (attempt) await new Promise((r) => setTimeout(r, 300));
      const answer = (await browser.tabs.sendMessage(tabId, command).catch(() => undefined)) as ScrollToAnswer | undefined;
      scrolled = !!answer?.found;
    }
    return { tabId, opened, scrolled };
  }

  const sendCommand = (tabId: number | undefined, command: BackgroundCommand) => {
    if (tabId !== undefined) browser.tabs.sendMessage(tabId, command).catch(() => {});
  };

  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({ id: 'clearmark-highlight', title: 'Highlight with Clearmark', contexts: ['selection'] });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === 'clearmark-highlight') sendCommand(tab?.id, { type: 'command/highlight' });
  });
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === 'highlight-selection') sendCommand(tab?.id, { type: 'command/highlight' });
  });
});
