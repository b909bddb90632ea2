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
