/**
 * Who may ask the background for what (issue #16). A content script runs in a web page's
 * renderer: if that renderer is compromised (or we have a bug), whatever the content script may
 * ask, the page may ask. So a content script may only touch its own tab's page, on the site it
 * is on; everything else (every note on every site, import, restore, other tabs, jump, backup,
 * stats) is for the extension's own pages.
 *
 * Plain code over URLs: the background says who the sender is, this says yes or no.
 */
import { sameSiteUrls } from './article';
import type { ParsedRequest } from './messages';

export type Sender =
  /** One of the extension's own pages (popup, review, options, the card frame). */
  | { kind: 'extension' }
  /** Our content script in a web page: the frame's URL and its tab's (both from the browser). */
  | { kind: 'content'; url: string; tabUrl: string; tabId: number }
  /** Anything else (another extension, a content script without a tab): nothing. */
  | { kind: 'unknown' };

/** Requests a content script may send, each checked against its site below. */
const CONTENT_SCRIPT_REQUESTS = new Set<ParsedRequest['type']>([
  'page/visit',
  'annotations/forPage',
  'annotation/create',
  'annotation/update',
  'annotation/delete',
  /** Undo of a delete, from the card. */
  'annotation/restore',
  'tab/status',
]);

/**
 * Why `request` from `sender` is refused, or undefined when it is allowed. For an update or a
 * delete or restore, `storedPageKey` is the page key of the annotation it names (undefined if none).
 */
export function refusal(request: ParsedRequest, sender: Sender, storedPageKey?: string): string | undefined {
  if (sender.kind === 'extension') return undefined;
  if (sender.kind !== 'content' || !CONTENT_SCRIPT_REQUESTS.has(request.type)) return `${request.type} is not available to content scripts`;
  // The page key (a URL) must be on the site the sender is on, and its tab shows.
  const onSite = (url: string) => sameSiteUrls(url, sender.url) && sameSiteUrls(url, sender.tabUrl);
  const offSite = `${request.type}: not this tab's site`;
  switch (request.type) {
    case 'tab/status':
      return undefined; // the background applies it to the sender's own tab only
    case 'page/visit':
      return onSite(request.page.key) && onSite(request.page.url) ? undefined : offSite;
    case 'annotations/forPage':
      return onSite(request.pageKey) ? undefined : offSite;
    case 'annotation/create':
      return request.annotation.pageKey === request.page.key && onSite(request.page.key) && onSite(request.page.url) ? undefined : offSite;
    case 'annotation/restore':
      // Undo from the card: the annotation's page, and any record it replaces, on this site.
      return onSite(request.annotation.pageKey) && (storedPageKey === undefined || onSite(storedPageKey)) ? undefined : offSite;
    case 'annotation/update':
    case 'annotation/delete':
      // An id that names nothing is answered as such; one on another site is refused.
      return storedPageKey === undefined || onSite(storedPageKey) ? undefined : offSite;
    default:
      return `${request.type} is not available to content scripts`;
  }
}

/** The id of the stored annotation whose page key `refusal` needs, if the request names one. */
export function storedAnnotationId(request: ParsedRequest): string | undefined {
  if (request.type === 'annotation/update' || request.type === 'annotation/delete') return request.id;
  if (request.type === 'annotation/restore') return request.annotation.id;
  return undefined;
}
