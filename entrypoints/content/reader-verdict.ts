import type { ArticleDetection } from '@/src/article';
import { articleOverrideFor, articlePages, articleSites } from '@/utils/settings';

/**
 * Detection, then the reader's word over it ("treat this page / this site's pages as
 * articles", or the opposite), which the popup stores. The reason says who decided, so the
 * status line and the popup can tell the reader.
 */
export async function readerVerdict(detected: ArticleDetection, host: string, pageKey: string): Promise<ArticleDetection> {
  const override = await articleOverrideFor(host, pageKey);
  if (!override) return detected;
  return { ...detected, isArticle: override.isArticle, reasons: [...detected.reasons, `set by the reader for this ${override.scope}`] };
}

/** Calls `onChange` when the reader changes any verdict; returns the unwatch function. */
export function watchReaderVerdicts(onChange: () => void): () => void {
  const a = articlePages.watch(onChange);
  const b = articleSites.watch(onChange);
  return () => (a(), b());
}
