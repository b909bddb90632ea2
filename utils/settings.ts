import { storage } from 'wxt/utils/storage';

/**
 * The reader's settings, in extension storage (not the page's). Shared by the content script,
 * popup and options page; it lives in utils/ because it uses extension APIs (so not src/) and
 * files directly in entrypoints/ would become entrypoints.
 */
export const declutterDefault = storage.defineItem<boolean>('local:declutterDefault', { fallback: true });
/** Per-site exceptions to the default, by hostname. */
export const declutterSites = storage.defineItem<Record<string, boolean>>('local:declutterSites', { fallback: {} });

export async function declutterEnabledFor(host: string): Promise<boolean> {
  const [fallback, sites] = await Promise.all([declutterDefault.getValue(), declutterSites.getValue()]);
  return sites[host] ?? fallback;
}

export async function setDeclutterFor(host: string, enabled: boolean): Promise<void> {
  const sites = { ...(await declutterSites.getValue()) };
  const fallback = await declutterDefault.getValue();
  if (enabled === fallback) delete sites[host];
  else sites[host] = enabled;
  await declutterSites.setValue(sites);
}

/**
 * The reader's word on whether a page is an article, over Clearmark's detection: by page key
 * (one page) and by hostname (every page of a site). `true` = an article, `false` = not one.
 * A page's own setting wins over its site's.
 */
export const articlePages = storage.defineItem<Record<string, boolean>>('local:articlePages', { fallback: {} });
export const articleSites = storage.defineItem<Record<string, boolean>>('local:articleSites', { fallback: {} });

export type ArticleOverride = { isArticle: boolean; scope: 'page' | 'site' } | undefined;

export async function articleOverrideFor(host: string, pageKey: string): Promise<ArticleOverride> {
  const [pages, sites] = await Promise.all([articlePages.getValue(), articleSites.getValue()]);
  if (typeof pages[pageKey] === 'boolean') return { isArticle: pages[pageKey], scope: 'page' };
  if (typeof sites[host] === 'boolean') return { isArticle: sites[host], scope: 'site' };
  return undefined;
}

/** Sets (or with `undefined`, clears) the reader's verdict for one page or one site. */
export async function setArticleOverride(scope: 'page' | 'site', key: string, isArticle: boolean | undefined): Promise<void> {
  const item = scope === 'page' ? articlePages : articleSites;
  const map = { ...(await item.getValue()) };
  if (isArticle === undefined) delete map[key];
  else map[key] = isArticle;
  await item.setValue(map);
}
