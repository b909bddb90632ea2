/**
 * URL shapes that are (almost) never a single article. The URL is the cheapest signal there is,
 * and the one that catches index pages whose markup looks article-like (a tag page full of
 * long excerpts). Only shapes that are unambiguous are listed: a single-segment path like
 * `/politics` may be a section or a blog post slug, so it is left to the page shape.
 */

/** Path segments that name an index of other pages. */
const INDEX_SEGMENTS = new Set([
  'tag',
  'tags',
  'category',
  'categories',
  'topic',
  'topics',
  'author',
  'authors',
  'archive',
  'archives',
  'label',
  'labels',
  'section',
  'sections',
]);

const SEARCH_SEGMENTS = new Set(['search', 'suche', 'recherche', 'buscar', 'busca', 'cerca', 'zoeken']);
const ACCOUNT_SEGMENTS = new Set([
  'login',
  'log-in',
  'signin',
  'sign-in',
  'signup',
  'sign-up',
  'register',
  'join',
  'account',
  'subscribe',
]);
const VIDEO_INDEX_SEGMENTS = new Set(['video', 'videos', 'watch', 'tv']);
/** A last segment that names a blog's own index (`/blog/`): its posts live below it. */
const BLOG_INDEX_SEGMENTS = new Set(['blog', 'blogs']);
const SEARCH_PARAMS = ['q', 'query', 's', 'search', 'keyword', 'keywords', 'searchterm', 'term'];
/** Front-page file names: `/index.html`, `/home`, `/default.aspx`. */
const HOME_RE = /^(?:index|home|default|start)(?:\.[a-z]+)?$/i;

/** The URL when it is a web page's (http or https), else null. */
function httpUrl(url: string | undefined): URL | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}

/** Why this URL is not an article, or null when the URL does not say. */
export function nonArticleUrlReason(url: string | undefined): string | null {
  const u = httpUrl(url);
  if (!u) return null;

  for (const p of SEARCH_PARAMS) {
    if (u.searchParams.get(p)) return 'search URL';
  }
  const segments = u.pathname
    .split('/')
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s).toLowerCase();
      } catch {
        return s.toLowerCase();
      }
    });
  // `/?p=2895`, `/index.php?id=30&tx_ttnews[tt_news]=477`: a story addressed by its number.
  // (forEach, not a spread of values(): the spread broke the content script in Firefox; found by
  // bisecting the build.)
  let byNumber = false;
  u.searchParams.forEach((v) => {
    if (/^\d{2,}$/.test(v)) byNumber = true;
  });
  if (segments.length === 0 && !byNumber) return 'site front page URL';
  if (segments.length === 1 && HOME_RE.test(segments[0]) && !byNumber) return 'site front page URL';
  if (segments.some((s) => SEARCH_SEGMENTS.has(s))) return 'search URL';
  // `/news/page/3`: page N of some index. Drop it before looking at the rest of the path.
  const paged = segments.length >= 2 && segments[segments.length - 2] === 'page' && /^\d+$/.test(segments[segments.length - 1]);
  const base = paged ? segments.slice(0, -2) : segments;
  // `/tag/climate`, `/category/news`, `/author/jane`: the index word sits in the path before at
  // most two more segments (the tag name and a parent); deeper paths are articles filed there.
  const idx = base.findIndex((s) => INDEX_SEGMENTS.has(s));
  if (idx >= 0 && base.length - idx <= 3) return `${base[idx]} index URL`;
  if (paged) return 'paginated index URL';
  const last = segments[segments.length - 1];
  if (ACCOUNT_SEGMENTS.has(last)) return 'account page URL';
  if (VIDEO_INDEX_SEGMENTS.has(last)) return 'video index URL';
  if (BLOG_INDEX_SEGMENTS.has(last) && !u.search) return 'blog index URL';
  return null;
}

/** `/2019/10/22/`, `/2020/08/`, `2019-10-22` in a path: a story filed under its date. */
const DATE_PATH_RE = /\/(?:19|20)\d\d\/(?:0?[1-9]|1[0-2])(?:\/|$)|(?:^|[/_-])(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:[/_.-]|$)/;
/** A word of a slug: two or more letters in any script. */
const SLUG_WORD_RE = /\p{L}{2,}/u;

function slugWords(segment: string): number {
  return segment
    .replace(/\.(?:s?html?|php\d?|aspx?|jsp|cfm)$/i, '')
    .split(/[-_+.,]+/)
    .filter((w) => SLUG_WORD_RE.test(w)).length;
}

/**
 * Why this URL looks like the address of one story, or null. Publishers file a story under its
 * date (`/2019/10/22/…`) and/or give it a slug made of its headline's words
 * (`/pilotprojekt-heizen-mit-pellets-aus-laub-21677`); section and index pages have neither.
 * Only a hint: index URLs (nonArticleUrlReason) are never story URLs.
 */
export function storyUrlReason(url: string | undefined): string | null {
  const u = httpUrl(url);
  if (!u || nonArticleUrlReason(url)) return null;
  let path = u.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    // keep the raw path
  }
  if (DATE_PATH_RE.test(path)) return 'story-shaped URL (dated)';
  const segments = path.split('/').filter(Boolean);
  // The headline's words in the last segments: three or more ("zaubernuss-im-winter"); section
  // and product names are mostly one or two ("/wein/herkunft/spanien", "qualita-oro-250-g").
  if (segments.slice(-2).some((s) => slugWords(s) >= 3)) return 'story-shaped URL (headline slug)';
  return null;
}
