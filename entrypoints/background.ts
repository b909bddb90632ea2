import type { AnnotationsChangedBroadcast, BackgroundCommand } from '@/src/messages';
import { parseRequest } from '@/src/protocol-schema';
import { answerRequest, pageKeyWritten } from '@/src/store/requests';
import { openDatabase, type Database } from '@/src/store';

/**
 * The background owns the database (it lives in the extension's origin, out of reach of page
 * scripts) and answers the content scripts and the popup. Wiring only: the answers are in
 * src/store/requests.ts.
 */
export default defineBackground(() => {
  let db: Promise<Database> | undefined;
  // MV3 service workers stop and start; open lazily and reopen after a close.
  const database = () => (db ??= openDatabase().then((d) => {
    d.addEventListener('close', () => (db = undefined));
    return d;
  }));
  let rejected = 0;

  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    // Only our own extension's pages and content scripts; runtime.onMessage never carries web
    // page messages, but we check anyway, then check the shape.
    if (sender.id !== browser.runtime.id) {
      rejected++;
      return false;
    }
    if (typeof message === 'object' && message && (message as { type?: string }).type?.startsWith('broadcast/'))
      return false;
    const parsed = parseRequest(message);
    if (!parsed.ok) {
      rejected++;
      console.warn(`Clearmark rejected message #${rejected}: ${parsed.error}`);
      sendResponse({ error: parsed.error });
      return false;
    }
    const request = parsed.request;
    if (request.type === 'tab/status') {
      if (sender.tab?.id !== undefined) void browser.action.setTitle({ tabId: sender.tab.id, title: `Clearmark — ${request.title}` });
      sendResponse({ ok: true });
      return false;
    }
    database()
      .then((d) => answerRequest(d, request))
      .then((response) => {
        sendResponse(response);
        const pageKey = pageKeyWritten(request, response);
        if (pageKey) void broadcast({ type: 'broadcast/annotationsChanged', pageKey });
      })
      .catch((err: unknown) => sendResponse({ error: `Clearmark could not open its database: ${String(err)}` }));
    return true; // answer asynchronously
  });

  async function broadcast(message: AnnotationsChangedBroadcast) {
    const tabs = await browser.tabs.query({});
    for (const tab of tabs) if (tab.id !== undefined) browser.tabs.sendMessage(tab.id, message).catch(() => {});
    browser.runtime.sendMessage(message).catch(() => {}); // the popup, if open
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
