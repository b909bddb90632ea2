/**
 * Cheap measurements of a page's shape: where its running text is, and how many teasers,
 * forms and video links surround it. Everything here reads the DOM tree only (`textContent`,
 * attributes, `closest`), never layout (`innerText`, `getComputedStyle`, client rects), and every
 * loop has a cap, so a 5 MB page costs about what a small one does.
 */

export interface PageShape {
  /** Paragraphs with real sentences in them, outside nav/lists/links/forms. */
  longParagraphs: number;
  /** The largest group of such paragraphs sharing a container: the probable article body. */
  mainParagraphs: number;
  mainChars: number;
  mainContainer: Element | null;
  /** `<article>` elements in the page. */
  articleElements: number;
  /** Whether the main body sits inside exactly one `<article>` that holds most running text. */
  mainInsideArticle: boolean;
  /** `<article>` elements that each hold several long paragraphs (full posts on an index). */
  fullPosts: number;
  /** Headings that link elsewhere, and short `<article>` cards, outside the main body. */
  teasers: number;
  /** Headings inside the main body that link to other pages: post titles on an index. */
  linkedHeadingsInBody: number;
  visiblePasswordFields: number;
  /** A search box that already holds a query (server-rendered results page). */
  filledSearchBox: boolean;
  /** A heading like "Search results" or "Results for …". */
  searchHeading: boolean;
  /** Links to video pages plus `<video>` elements. */
  videoItems: number;
  /** The title or the first `<h1>` says "404" / "Page not found". */
  errorPage: boolean;
}

// Caps. A real article has far fewer paragraphs than this; past the cap we have seen enough.
const MAX_PARAGRAPHS = 1500;
const MAX_HEADINGS = 400;
const MAX_ARTICLES = 300;
const MAX_LINKS = 600;
/** Weighted characters for a paragraph to count as "long": about one full sentence. */
export const LONG_PARAGRAPH = 80;

// CJK scripts pack about three times the meaning per character; without this weight a Japanese
// or Chinese article looks like a page of one-liners.
const CJK_RE = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/g;

export function textWeight(text: string): number {
  const cjk = text.match(CJK_RE);
  return text.length + (cjk ? cjk.length * 2 : 0);
}

/**
 * Running text outside <p>: a div holding text split by <br>s, a table cell, a <font> soup.
 * Text is attributed to its nearest ancestor that is not one of these inline elements.
 */
const INLINE = new Set([
  'a', 'abbr', 'b', 'big', 'br', 'cite', 'code', 'del', 'dfn', 'em', 'font', 'i', 'ins', 'kbd', 'mark', 'nobr', 'q',
  's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt', 'u', 'var', 'wbr',
]);
/** Text under these is not running text (links, headings, scripts, chrome). */
const NOT_BLOCK_TEXT = 'a, h1, h2, h3, h4, h5, h6, button, select, option, label, script, style, noscript, template, pre';
const MAX_TEXT_NODES = 20000;
/** A paragraph this short still counts towards its body's size, not towards the paragraph count. */
const SHORT_PARAGRAPH = 40;

/** Paragraphs here are chrome or teasers, not running text. */
const NOT_BODY = 'li, a, nav, footer, aside, form, figcaption, [hidden], [aria-hidden="true"]';
const LINKED_HEADINGS = 'h1 a[href], h2 a[href], h3 a[href], h4 a[href], a[href] h2, a[href] h3, a[href] h4';
const SEARCH_INPUTS =
  'input[type="search"], input[name="q"], input[name="query"], input[name="s"], input[name="search"], input[name="keywords"]';
const SEARCH_HEADING_RE =
  /\b(search results|results for|results found|no results)\b|résultats de recherche|suchergebnisse|resultados de (la )?búsqueda/i;

const ERROR_PAGE_RE =
  /\b404\b|page not found|not found|page (?:does not|doesn't|no longer) exists?|seite nicht gefunden|page introuvable|página no encontrada|pagina non trovata/i;

/** Short titles only: "Page not found" is an error page, a long headline quoting it is not. */
function looksLikeErrorPage(doc: Document): boolean {
  for (const el of [doc.querySelector('title'), doc.querySelector('h1')]) {
    const text = (el?.textContent ?? '').trim();
    if (text && text.length <= 80 && ERROR_PAGE_RE.test(text)) return true;
  }
  return false;
}

function bump(map: Map<Element, { n: number; chars: number }>, el: Element, chars: number, long = true): void {
  const v = map.get(el);
  if (v) {
    if (long) v.n++;
    v.chars += chars;
  } else {
    map.set(el, { n: long ? 1 : 0, chars });
  }
}

const SKIP_WALK = new Set(['script', 'style', 'noscript', 'template', 'svg', 'select']);

function countText(node: Text, blockOf: Map<Element, Element | null>, weights: Map<Element, number>): void {
  const data = node.data;
  if (data.length < 3 || !/\p{L}/u.test(data)) return;
  const parent = node.parentElement;
  if (!parent) return;
  let block = blockOf.get(parent);
  if (block === undefined) {
    let el: Element | null = parent;
    while (el && INLINE.has(el.localName)) el = el.parentElement;
    // Paragraphs are measured on their own; links, headings and chrome are not running text.
    block = !el || el.localName === 'p' || parent.closest(NOT_BLOCK_TEXT) || el.closest(`p, ${NOT_BODY}`) ? null : el;
    blockOf.set(parent, block);
  }
  if (block) weights.set(block, (weights.get(block) ?? 0) + textWeight(data.trim()));
}

/**
 * Blocks that hold running text directly rather than in <p>s (`<div>text<br><br>text</div>`),
 * with the weight of that text. Bounded by MAX_TEXT_NODES.
 */
function textBlocks(doc: Document): Map<Element, number> {
  const weights = new Map<Element, number>();
  const root = doc.body;
  if (!root) return weights;
  const blockOf = new Map<Element, Element | null>();
  // A plain firstChild/nextSibling walk over text nodes (no TreeWalker: see reading-text.ts).
  let seen = 0;
  let n: Node | null = root.firstChild;
  while (n && seen < MAX_TEXT_NODES) {
    if (n.nodeType === 3) {
      seen++;
      countText(n as Text, blockOf, weights);
    } else if (n.nodeType === 1 && n.firstChild && !SKIP_WALK.has((n as Element).localName)) {
      n = n.firstChild;
      continue;
    }
    while (n && n !== root && !n.nextSibling) n = n.parentNode;
    n = n && n !== root ? n.nextSibling : null;
  }
  return weights;
}

/**
 * Hidden by attributes or inline style? Without layout we cannot see CSS-class hiding, so a
 * login modal hidden by a stylesheet still counts; detect.ts weighs that in.
 */
function hiddenByMarkup(el: Element): boolean {
  let node: Element | null = el;
  for (let i = 0; node && i < 40; i++, node = node.parentElement) {
    if (node.hasAttribute('hidden') || node.getAttribute('aria-hidden') === 'true') return true;
    const tag = node.localName;
    if (tag === 'template' || (tag === 'dialog' && !node.hasAttribute('open'))) return true;
    const style = node.getAttribute('style');
    if (style && /(display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style)) return true;
  }
  return false;
}

/** The link of a linked heading: the heading's own <a>, or the <a> around it. */
function linkOf(el: Element): Element | null {
  return el.localName === 'a' ? el : (el.querySelector('a[href]') ?? el.closest('a[href]'));
}

export function measurePage(doc: Document): PageShape {
  const paragraphs = doc.querySelectorAll('p');
  const byParent = new Map<Element, { n: number; chars: number }>();
  const byGrandparent = new Map<Element, { n: number; chars: number }>();
  const byArticle = new Map<Element, { n: number; chars: number }>();
  // A paragraph's parent that is a teaser card must not pool its paragraph with the cards
  // next to it, or a grid of excerpts would look like one long body.
  const cardCache = new Map<Element, boolean>();
  const isCard = (el: Element): boolean => {
    let v = cardCache.get(el);
    if (v === undefined) {
      v = el.localName === 'article' || el.localName === 'li' || el.querySelector(LINKED_HEADINGS) !== null;
      cardCache.set(el, v);
    }
    return v;
  };

  let longParagraphs = 0;
  /** Pool one paragraph (or text block) into its container, grandparent and <article>. */
  const count = (p: Element, weight: number): void => {
    const long = weight >= LONG_PARAGRAPH;
    if (long) longParagraphs++;
    const parent = p.parentElement;
    if (!parent) return;
    bump(byParent, parent, weight, long);
    const grand = parent.parentElement;
    if (grand && !isCard(parent)) bump(byGrandparent, grand, weight, long);
    const art = p.closest('article');
    if (art) bump(byArticle, art, weight, long);
  };
  for (let i = 0; i < paragraphs.length && i < MAX_PARAGRAPHS; i++) {
    const p = paragraphs[i];
    const text = (p.textContent ?? '').trim();
    if (text.length < 20) continue;
    const weight = textWeight(text);
    if (weight < SHORT_PARAGRAPH) continue;
    if (p.closest(NOT_BODY)) continue;
    count(p, weight);
  }
  // The same for text held directly by divs and cells: some CMSes write a whole story as
  // `text<br><br>text` in one <div>, others one <div> per paragraph.
  for (const [block, weight] of textBlocks(doc)) {
    if (weight >= SHORT_PARAGRAPH) count(block, weight);
  }

  let mainContainer: Element | null = null;
  let mainParagraphs = 0;
  let mainChars = 0;
  for (const map of [byParent, byGrandparent]) {
    for (const [el, v] of map) {
      if (v.n > mainParagraphs || (v.n === mainParagraphs && v.chars > mainChars)) {
        mainContainer = el;
        mainParagraphs = v.n;
        mainChars = v.chars;
      }
    }
  }

  // A lone paragraph is not a body; a teaser's own card must not be mistaken for one when
  // counting the teasers around it.
  if (mainParagraphs < 2 && mainChars < 1200) mainContainer = null;

  const articles = doc.querySelectorAll('article');
  let fullPosts = 0;
  for (const v of byArticle.values()) if (v.n >= 3) fullPosts++;
  const mainArticle = mainContainer?.closest('article') ?? null;
  const mainInsideArticle =
    mainArticle !== null && (byArticle.get(mainArticle)?.n ?? 0) * 2 >= longParagraphs && mainParagraphs >= 2;

  // Teasers: linked headings and short <article> cards, outside the main body. Related-story
  // rails under a real article count too; detect.ts compares them with the body's size.
  const outsideMain = (el: Element): boolean =>
    !mainContainer || (!mainContainer.contains(el) && !el.contains(mainContainer));
  const seen = new Set<Element>();
  const inBody = new Set<Element>();
  const headingLinks = doc.querySelectorAll(LINKED_HEADINGS);
  for (let i = 0; i < headingLinks.length && i < MAX_HEADINGS; i++) {
    const el = headingLinks[i];
    const heading = /^h[1-6]$/.test(el.localName) ? el : el.closest('h1, h2, h3, h4');
    if (!heading || seen.has(heading) || inBody.has(heading)) continue;
    if (outsideMain(heading)) seen.add(heading);
    else if (mainContainer?.contains(heading) && !/^#/.test(linkOf(el)?.getAttribute('href') ?? '#')) inBody.add(heading);
  }
  let cardArticles = 0;
  for (let i = 0; i < articles.length && i < MAX_ARTICLES; i++) {
    const a = articles[i];
    if (!outsideMain(a) || a.querySelector('article')) continue;
    if ((byArticle.get(a)?.n ?? 0) < 3) cardArticles++;
  }
  const teasers = Math.max(seen.size, cardArticles);

  let visiblePasswordFields = 0;
  const passwords = doc.querySelectorAll('input[type="password" i]');
  for (let i = 0; i < passwords.length && i < 10; i++) {
    if (!hiddenByMarkup(passwords[i])) visiblePasswordFields++;
  }

  let filledSearchBox = false;
  const searchInputs = doc.querySelectorAll(SEARCH_INPUTS);
  for (let i = 0; i < searchInputs.length && i < 10; i++) {
    const input = searchInputs[i] as HTMLInputElement;
    const value = (input.value ?? input.getAttribute('value') ?? '').trim();
    if (value && input.type !== 'hidden' && input.type !== 'submit') filledSearchBox = true;
  }

  let searchHeading = false;
  const headings = doc.querySelectorAll('h1, h2');
  for (let i = 0; i < headings.length && i < 4 && !searchHeading; i++) {
    searchHeading = SEARCH_HEADING_RE.test((headings[i].textContent ?? '').slice(0, 200));
  }

  let videoItems = doc.querySelectorAll('video').length;
  const videoLinks = doc.querySelectorAll('a[href*="/video"], a[href*="/watch"]');
  const hrefs = new Set<string>();
  for (let i = 0; i < videoLinks.length && i < MAX_LINKS; i++) {
    hrefs.add(videoLinks[i].getAttribute('href') ?? '');
  }
  videoItems += hrefs.size;

  return {
    longParagraphs,
    mainParagraphs,
    mainChars,
    mainContainer,
    articleElements: articles.length,
    mainInsideArticle,
    fullPosts,
    teasers,
    linkedHeadingsInBody: inBody.size,
    visiblePasswordFields,
    filledSearchBox,
    searchHeading,
    videoItems,
    errorPage: looksLikeErrorPage(doc),
  };
}
