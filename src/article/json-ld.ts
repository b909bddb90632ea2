/**
 * schema.org JSON-LD, read defensively. Publishers embed it for search engines, so it is the
 * most honest statement of "what kind of page is this", but it is also often malformed,
 * wrapped in CDATA, split across several scripts or nested in `@graph`. Nothing here throws.
 */

export type JsonLdNode = Record<string, unknown>;

export interface JsonLdInfo {
  /** Every `@type` seen on a top-level entity (prefixes like `schema:` stripped). */
  types: string[];
  /** The first entity whose type is an article type, if any. */
  article?: JsonLdNode;
  /** Its most specific article type, for the reason text ("schema.org NewsArticle"). */
  articleType?: string;
  /** All top-level entities, for metadata fallbacks (WebPage, WebSite, Organization). */
  nodes: JsonLdNode[];
  /** Scripts that did not parse. Counted, never thrown. */
  errors: number;
}

/** schema.org types that mean "this page is one article" (Article and its subtypes). */
export const ARTICLE_TYPES: ReadonlySet<string> = new Set([
  'Article',
  'NewsArticle',
  'AdvertiserContentArticle',
  'AnalysisNewsArticle',
  'AskPublicNewsArticle',
  'BackgroundNewsArticle',
  'OpinionNewsArticle',
  'ReportageNewsArticle',
  'ReviewNewsArticle',
  'SatiricalArticle',
  'ScholarlyArticle',
  'MedicalScholarlyArticle',
  'TechArticle',
  'APIReference',
  'BlogPosting',
  'LiveBlogPosting',
  'DiscussionForumPosting',
  'Report',
]);

/** Page types that say "this is a list of things", not one article. */
export const LISTING_TYPES: ReadonlySet<string> = new Set([
  'CollectionPage',
  'SearchResultsPage',
  'ItemList',
  'ProfilePage',
  'VideoGallery',
  'ImageGallery',
  'MediaGallery',
  'CheckoutPage',
  'ContactPage',
]);

// Bounds: a content script must not spend long on a page that ships megabytes of JSON-LD.
const MAX_SCRIPTS = 20;
const MAX_SCRIPT_CHARS = 500_000;
const MAX_NODES = 200;

/** `"schema:NewsArticle"`, `"https://schema.org/NewsArticle"` → `"NewsArticle"`. */
function normalizeType(t: string): string {
  const s = t.trim();
  const cut = Math.max(s.lastIndexOf('/'), s.lastIndexOf(':'), s.lastIndexOf('#'));
  return cut >= 0 ? s.slice(cut + 1) : s;
}

export function typesOf(node: JsonLdNode): string[] {
  const t = node['@type'];
  if (typeof t === 'string') return [normalizeType(t)];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string').map(normalizeType);
  return [];
}

function isObject(v: unknown): v is JsonLdNode {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Top-level entities only: arrays, `@graph`, and the `mainEntity` of a plain WebPage. We do not
 * descend into every property on purpose: a front page's `ItemList` holds dozens of NewsArticle
 * items, and those must not make the front page look like an article.
 */
function collect(value: unknown, out: JsonLdNode[], depth: number): void {
  if (out.length >= MAX_NODES || depth > 4) return;
  if (Array.isArray(value)) {
    for (const v of value) collect(v, out, depth + 1);
    return;
  }
  if (!isObject(value)) return;
  if ('@type' in value) out.push(value);
  if ('@graph' in value) collect(value['@graph'], out, depth + 1);
  const types = typesOf(value);
  if (types.some((t) => t === 'WebPage' || t === 'ItemPage') && isObject(value.mainEntity)) {
    collect(value.mainEntity, out, depth + 1);
  }
}

/** Some CMSes wrap the JSON in CDATA or HTML comments; browsers keep those characters. */
function cleanScriptText(text: string): string {
  return text
    .replace(/^\s*(?:\/\/\s*)?<!\[CDATA\[/, '')
    .replace(/(?:\/\/\s*)?\]\]>\s*$/, '')
    .replace(/^\s*<!--/, '')
    .replace(/-->\s*$/, '')
    .trim();
}

export function readJsonLd(doc: Document): JsonLdInfo {
  const nodes: JsonLdNode[] = [];
  let errors = 0;
  const scripts = doc.querySelectorAll('script[type="application/ld+json" i]');
  for (let i = 0; i < scripts.length && i < MAX_SCRIPTS; i++) {
    const raw = scripts[i].textContent ?? '';
    if (raw.length > MAX_SCRIPT_CHARS) continue;
    const text = cleanScriptText(raw);
    if (!text) continue;
    try {
      collect(JSON.parse(text), nodes, 0);
    } catch {
      errors++;
    }
  }

  const types: string[] = [];
  let article: JsonLdNode | undefined;
  let articleType: string | undefined;
  for (const node of nodes) {
    const nodeTypes = typesOf(node);
    types.push(...nodeTypes);
    if (!article) {
      const match = nodeTypes.find((t) => ARTICLE_TYPES.has(t));
      if (match) {
        article = node;
        // Prefer the specific subtype when `@type` is an array like ["Article", "NewsArticle"].
        articleType = nodeTypes.find((t) => ARTICLE_TYPES.has(t) && t !== 'Article') ?? match;
      }
    }
  }
  return { types, article, articleType, nodes, errors };
}

/** A string from a JSON-LD value that may be a string, an object with `name`, or an array. */
export function jsonLdText(value: unknown, key = 'name'): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (Array.isArray(value)) {
    const parts = value.map((v) => jsonLdText(v, key)).filter((v): v is string => !!v);
    return parts.length ? parts.join(', ') : undefined;
  }
  if (isObject(value)) return jsonLdText(value[key], key);
  return undefined;
}
