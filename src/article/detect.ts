/**
 * Is this page a single article? Runs in the content script on every page before anything
 * else, so it only combines cheap signals (metadata, URL, tree shape) and never parses the
 * article the way Readability does.
 *
 * Each signal adds or subtracts points and leaves a reason a person can read. Publisher
 * metadata (JSON-LD, Open Graph) is strong but not enough alone: front pages often carry
 * og:type=article and list NewsArticle items. The page's own shape (one body of long
 * paragraphs versus a grid of teasers, a login form, a search box with a query) decides the
 * rest.
 */
import isProbablyReaderable from '@mozilla/readability/Readability-readerable.js';
import { readJsonLd, LISTING_TYPES } from './json-ld';
import { metaContent } from './meta-tags';
import { measurePage } from './page-shape';
import { nonArticleUrlReason } from './url-shape';

export interface ArticleDetection {
  isArticle: boolean;
  /** Sum of the signals' points; `isArticle` is `score >= ARTICLE_THRESHOLD`. */
  score: number;
  /** One short phrase per signal that counted, e.g. "schema.org NewsArticle", "login form". */
  reasons: string[];
}

export const ARTICLE_THRESHOLD = 3;

/** Location of the document when the caller gave none (a content script passes none). */
function documentUrl(doc: Document): string | undefined {
  const href = doc.URL || doc.location?.href;
  return href && /^https?:/i.test(href) ? href : undefined;
}

export function detectArticle(doc: Document, url?: string): ArticleDetection {
  let score = 0;
  const reasons: string[] = [];
  const add = (points: number, reason: string): void => {
    score += points;
    reasons.push(reason);
  };

  // Publisher metadata.
  const ld = readJsonLd(doc);
  if (ld.articleType) add(3, `schema.org ${ld.articleType}`);
  else {
    const listing = ld.types.find((t) => LISTING_TYPES.has(t));
    if (listing) add(-2, `schema.org ${listing}`);
  }
  const ogType = metaContent(doc, 'og:type')?.toLowerCase();
  if (ogType === 'article') add(1.5, 'og:type article');
  else if (ogType?.startsWith('video') && !ld.articleType) add(-1, `og:type ${ogType}`);
  if (metaContent(doc, 'article:published_time')) add(1, 'article:published_time');

  // URL shape.
  const urlReason = nonArticleUrlReason(url ?? documentUrl(doc));
  if (urlReason) add(-4, urlReason);

  // Page shape.
  const shape = measurePage(doc);
  const body = shape.mainParagraphs;
  // Paragraph count and length both say "running text": some sites put a whole article in one
  // <p> split by <br> (yahoo-4), others use many one-sentence paragraphs.
  const chars = shape.mainChars;
  const bodyPoints = Math.max(body >= 5 ? 3 : body >= 3 ? 2 : body >= 2 ? 1 : 0, chars >= 2500 ? 3 : chars >= 1200 ? 2 : 0);
  if (bodyPoints > 0) {
    add(bodyPoints, body >= 2 ? `${body} long paragraphs` : `${chars} characters of running text`);
  } else if (shape.longParagraphs === 0) add(-2, 'no long paragraphs');
  else add(-1, body === 1 ? '1 long paragraph' : 'scattered short text');
  if (shape.mainInsideArticle) add(1, 'body in an <article> element');
  /** A body this size outweighs teaser rails and login widgets around it. */
  const strongBody = body >= 4 || chars >= 1500;

  let readerable = false;
  try {
    readerable = isProbablyReaderable(doc);
  } catch {
    // A hostile or odd DOM must not break detection; treat it as "not readerable".
  }
  // Only a positive: "not readerable" is already covered by the body measure above, and
  // counting it twice would sink short articles.
  if (readerable) add(1, 'Readability: readerable');

  // Shapes of pages that are not articles. A real article has a body several times larger
  // than its related-stories rail; an index page has teasers and little body.
  if (shape.teasers >= 6) {
    if (!strongBody) add(-3, `${shape.teasers} teasers linking elsewhere`);
    else if (shape.teasers > body * 3) add(-1.5, `${shape.teasers} teasers linking elsewhere`);
  }
  if (shape.fullPosts >= 2) add(-3, `${shape.fullPosts} full posts on one page`);
  if (shape.visiblePasswordFields > 0) {
    // Article pages often carry a login modal hidden by a stylesheet we cannot see without
    // layout; a page whose main content is the form has little running text.
    if (!strongBody) add(-3, shape.visiblePasswordFields > 1 ? 'login or sign-up form' : 'login form');
  }
  if (shape.searchHeading || (shape.filledSearchBox && shape.teasers >= 3)) add(-3, 'search results');
  if (shape.errorPage && !strongBody) add(-3, 'error page (not found)');
  if (shape.videoItems >= 8 && !strongBody) add(-2, `video index (${shape.videoItems} videos)`);

  score = Math.round(score * 10) / 10;
  return { isArticle: score >= ARTICLE_THRESHOLD, score, reasons };
}
