/**
 * Page metadata for the annotation list: what the reader will recognise the page by. Publisher
 * metadata (JSON-LD, Open Graph, meta tags) comes first because it is written for exactly this
 * purpose; `<title>` and the first `<h1>` are the fallbacks every page has.
 */
import { jsonLdText, readJsonLd, type JsonLdNode } from './json-ld';
import { metaContent } from './meta-tags';
import { resolveHttpUrl } from './page-key';

export interface PageMetadata {
  title: string;
  canonicalUrl?: string;
  siteName?: string;
  byline?: string;
  publishedTime?: string;
  lang?: string;
}

const clean = (s: string | undefined | null): string | undefined => {
  const v = s?.replace(/\s+/g, ' ').trim();
  return v ? v : undefined;
};

/** Meta author values are sometimes profile URLs (`article:author` on Facebook's spec). */
const notUrl = (s: string | undefined): string | undefined => (s && !/^https?:\/\//i.test(s) ? s : undefined);

/** `"Headline | Site"` → `"Headline"` when the suffix is the site's name. */
function stripSiteSuffix(title: string, siteName: string | undefined): string {
  if (!siteName) return title;
  for (const sep of [' | ', ' - ', ' – ', ' — ', ' · ', ' :: ']) {
    const suffix = sep + siteName;
    if (title.length > suffix.length && title.toLowerCase().endsWith(suffix.toLowerCase())) {
      return title.slice(0, -suffix.length).trim();
    }
  }
  return title;
}

function publisherName(nodes: JsonLdNode[], article: JsonLdNode | undefined): string | undefined {
  const fromArticle = article && jsonLdText(article.publisher);
  if (fromArticle) return fromArticle;
  const site = nodes.find((n) => n['@type'] === 'WebSite');
  return site ? jsonLdText(site.name) : undefined;
}

// Byline markup in the page, for sites without author metadata (Readability looks for the same).
const BYLINE_SELECTOR =
  '[itemprop~="author"] [itemprop~="name"], [itemprop~="author"], a[rel~="author"], [class*="byline" i], [class~="author" i], [class*="author-name" i]';

/** A short "By Jane Doe" in the page, without the "By". Bounded: first few matches only. */
function bylineInPage(doc: Document): string | undefined {
  const els = doc.querySelectorAll(BYLINE_SELECTOR);
  for (let i = 0; i < els.length && i < 5; i++) {
    const text = clean(els[i].textContent)?.replace(/^by\s+/i, '');
    if (text && text.length >= 3 && text.length <= 100) return text;
  }
  return undefined;
}

export function extractMetadata(doc: Document, url: string): PageMetadata {
  const ld = readJsonLd(doc);
  const art = ld.article;

  const siteName = clean(metaContent(doc, 'og:site_name')) ?? clean(publisherName(ld.nodes, art)) ??
    clean(metaContent(doc, 'application-name'));

  const docTitle = clean(doc.querySelector('title')?.textContent);
  const title =
    clean(art && (jsonLdText(art.headline) ?? jsonLdText(art.name))) ??
    clean(metaContent(doc, 'og:title', 'twitter:title')) ??
    (docTitle && stripSiteSuffix(docTitle, siteName)) ??
    clean(doc.querySelector('h1')?.textContent) ??
    '';

  const byline =
    clean(art && jsonLdText(art.author)) ??
    clean(notUrl(metaContent(doc, 'author', 'article:author', 'parsely-author', 'byl', 'dc.creator', 'sailthru.author')))?.replace(/^by\s+/i, '') ??
    bylineInPage(doc);

  const publishedTime =
    clean(metaContent(doc, 'article:published_time')) ??
    clean(art && jsonLdText(art.datePublished)) ??
    clean(metaContent(doc, 'datePublished', 'date', 'pubdate', 'publish-date', 'dc.date', 'parsely-pub-date')) ??
    clean(doc.querySelector('article time[datetime], time[pubdate][datetime]')?.getAttribute('datetime'));

  const lang =
    clean(doc.documentElement?.getAttribute('lang')) ??
    clean(doc.documentElement?.getAttribute('xml:lang')) ??
    clean(doc.querySelector('meta[http-equiv="content-language" i]')?.getAttribute('content')) ??
    clean(metaContent(doc, 'og:locale'))?.replace('_', '-') ??
    clean(art && jsonLdText(art.inLanguage));

  const canonicalHref =
    doc.querySelector('link[rel~="canonical" i][href]')?.getAttribute('href') ?? metaContent(doc, 'og:url');
  const canonicalUrl = canonicalHref ? resolveHttpUrl(canonicalHref, url) : undefined;

  const out: PageMetadata = { title };
  if (canonicalUrl) out.canonicalUrl = canonicalUrl;
  if (siteName) out.siteName = siteName;
  if (byline) out.byline = byline;
  if (publishedTime) out.publishedTime = publishedTime;
  if (lang) out.lang = lang;
  return out;
}
