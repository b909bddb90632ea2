/**
 * Is this page a single article? Runs in the content script on every page before anything
 * else, so it only combines cheap signals (metadata, URL, tree shape) and never parses the
 * article the way Readability does.
 *
 * Each signal adds or subtracts points and leaves a reason a person can read. Publisher
 * metadata (JSON-LD, Open Graph) is strong but not enough alone: front pages often carry
 * og:type=article and list NewsArticle items. The page's own shape (one body of running text
 * versus a grid of teasers, a login form, a search box with a query) decides the rest.
 *
 * A page that declares itself one story (schema.org article with a headline, og:type article
 * with a published time, a story-shaped URL) and has a body of its own is not sunk by what
 * surrounds the story: related-story rails, video rails, login modals and a site search box are
 * normal around real articles. What still counts against it is what only an index has (several
 * posts in the body, a results heading, a front-page URL).
 */
import isProbablyReaderable from '@mozilla/readability/Readability-readerable.js';
import { readJsonLd, LISTING_TYPES } from './json-ld';
import { metaContent } from './meta-tags';
import { measurePage } from './page-shape';
import { nonArticleUrlReason, storyUrlReason } from './url-shape';

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
  const published = !!metaContent(doc, 'article:published_time');
  if (published) add(1, 'article:published_time');

  // URL shape.
  const pageUrl = url ?? documentUrl(doc);
  const urlReason = nonArticleUrlReason(pageUrl);
  if (urlReason) add(-4, urlReason);
  const storyUrl = storyUrlReason(pageUrl);
  if (storyUrl) add(1.5, storyUrl);

  /** The page's metadata says it is one story. */
  const declaredByMeta = (!!ld.articleType && !!(ld.article?.headline ?? ld.article?.name)) || (ogType === 'article' && published);
  /** Two weaker signals that agree: og:type article at a story-shaped URL. */
  const ogStory = ogType === 'article' && !!storyUrl;

  // Page shape.
  const shape = measurePage(doc);
  const body = shape.mainParagraphs;
  // Paragraph count and length both say "running text": some sites put a whole article in one
  // <p> split by <br> (yahoo-4), others use many one-sentence paragraphs.
  const chars = shape.mainChars;
  const bodyPoints = Math.max(body >= 5 ? 3 : body >= 3 ? 2 : body >= 2 ? 1 : 0, chars >= 2500 ? 3 : chars >= 1200 ? 2 : chars >= 600 ? 1 : 0);
  if (bodyPoints > 0) {
    add(bodyPoints, body >= 2 ? `${body} long paragraphs` : `${chars} characters of running text`);
  } else if (!(declaredByMeta || ogStory) || urlReason) {
    // (A short post that declares itself — a poem, a photo with a caption, a paywalled teaser —
    // is not made something else by its size alone.)
    if (shape.longParagraphs === 0) add(-2, 'no long paragraphs');
    else add(-1, body === 1 ? '1 long paragraph' : 'scattered short text');
  }
  if (shape.mainInsideArticle) add(1, 'body in an <article> element');

  let readerable = false;
  try {
    readerable = isProbablyReaderable(doc);
  } catch {
    // A hostile or odd DOM must not break detection; treat it as "not readerable".
  }
  // Only a positive: "not readerable" is already covered by the body measure above, and
  // counting it twice would sink short articles.
  if (readerable) add(1, 'Readability: readerable');

  /** The metadata, or og:type or the URL backed by a body of its own, says this is one story. */
  const declared = declaredByMeta || ((ogType === 'article' || !!storyUrl) && bodyPoints >= 1);
  const bigBody = body >= 4 || chars >= 1500;
  /** A big body, or a declared story with a body, outweighs the rails around it. */
  const strongBody = bigBody || (!urlReason && ((declared && bodyPoints > 0) || declaredByMeta));
  /**
   * A login form or a "not found" title weighs more: only the page's own metadata lifts them
   * (a welcome page behind a login can sit at any URL).
   */
  const strongAgainstForms = bigBody || (declaredByMeta && !urlReason);

  // Shapes of pages that are not articles. A real article has a body several times larger
  // than its related-stories rail; an index page has teasers and little body.
  if (shape.teasers >= 6) {
    if (!strongBody) add(-3, `${shape.teasers} teasers linking elsewhere`);
    else if (shape.teasers > body * 3 && !declared) add(-1.5, `${shape.teasers} teasers linking elsewhere`);
  }
  if (shape.fullPosts >= 2) add(-3, `${shape.fullPosts} full posts on one page`);
  // Post titles linking away from inside the body: an index showing whole posts or releases
  // without an <article> per post. Related links inside a declared story's box do not count.
  if (shape.linkedHeadingsInBody >= 5 && !declared) add(-3, `${shape.linkedHeadingsInBody} linked post titles in the body`);
  if (shape.visiblePasswordFields > 0) {
    // Article pages often carry a login modal hidden by a stylesheet we cannot see without
    // layout; a page whose main content is the form has little running text.
    if (!strongAgainstForms) add(-3, shape.visiblePasswordFields > 1 ? 'login or sign-up form' : 'login form');
  }
  // A site search box that keeps a value (a placeholder written as value="Suche…") sits on
  // every page of some sites; only a results heading says the page is the results.
  if (shape.searchHeading || (shape.filledSearchBox && shape.teasers >= 3 && !strongBody)) add(-3, 'search results');
  if (shape.errorPage && !strongAgainstForms) add(-3, 'error page (not found)');
  if (shape.videoItems >= 8 && !strongBody) add(-2, `video index (${shape.videoItems} videos)`);

  score = Math.round(score * 10) / 10;
  return { isArticle: score >= ARTICLE_THRESHOLD, score, reasons };
}
