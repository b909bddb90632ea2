import { hasSiblingText } from './common';
import { isSkippedElement } from '../reading-text';
import { hintString, inUntouchableText, isInsideHidden, isStructural, norm } from '../text-util';
import type { Detector, ScanContext } from './types';

/**
 * Share and tool rows: "Share Tweet Email Print Copy link WhatsApp". Text-only share rows are
 * clutter on every page; with an icon font or CSS missing, icon rows turn into them too.
 *
 * Only rows of controls, never sentences: a row is the largest box around a share control
 * (a link to a share endpoint, a share-classed element, or a control whose whole text is a share
 * label) in which EVERY piece of text is a share/tool label, a count or a separator. "Share
 * prices fall", "in a tweet on Monday", "Email the editor" are not labels, so a box holding them
 * is not a row. One control alone counts only when it is clearly a share control (endpoint link
 * or share class); a lone "Print" button stays. A control inside running text
 * ("…and <a href=twitter.com/intent/tweet>tweet</a> about it") stays.
 */
const ENDPOINTS = [
  'facebook.com/sharer', 'facebook.com/share.php', 'facebook.com/dialog/share', 'facebook.com/dialog/feed',
  'twitter.com/intent', 'twitter.com/share', 'x.com/intent', 'x.com/share', 'linkedin.com/share',
  'linkedin.com/cws/share', 'linkedin.com/sharing', 'wa.me/', 'api.whatsapp.com/send', 'whatsapp://send',
  'pinterest.com/pin/create', 'reddit.com/submit', 't.me/share', 'telegram.me/share', 'vk.com/share',
  'tumblr.com/share', 'tumblr.com/widgets/share', 'plus.google.com/share', 'getpocket.com/save',
  'getpocket.com/edit', 'bsky.app/intent', 'threads.net/intent', 'news.ycombinator.com/submitlink',
  'flipboard.com/bookmarklet', 'xing.com/spi/shares', 'xing.com/social/share', 'social-plugins.line.me',
  'line.me/R/msg', 'addtoany.com/share', 'addthis.com/bookmark', 'sharethis.com/share', 'digg.com/submit',
  'stumbleupon.com/submit', 'mix.com/add', 'facebook.com/v2.0/dialog/share',
];
const ENDPOINT_RE = new RegExp(ENDPOINTS.map((e) => e.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'), 'i');

export const SHARE_ENDPOINT_SELECTOR = [
  ...ENDPOINTS.map((e) => `a[href*="${e}"]`),
  'a[href^="mailto:?"]', 'a[href^="sms:?"]', 'a[href^="sms:&"]',
].join(', ');

const STRONG =
  /^(share this with|copy this link|share( (this|the))?( (article|story|page|post|link|video|gallery))?|share (on|via|to|with) [\p{L}+ .-]{1,20}|sharing|tweet( this)?|post (it )?(to|on) \w+|e-?mail( this( article| story| page)?)?|send (by|via) e-?mail|print( this( article| story| page)?)?|copy( the)? (link|url|article link)|link copied!?|whatsapp|facebook|twitter|x \(formerly twitter\)|linkedin|pinterest|reddit|telegram|messenger|flipboard|pocket|tumblr|bluesky|threads|mastodon|xing|vk|line|sms|google\+|digg)$/iu;
const WEAK =
  /^(read more about sharing\.?|(these|this) (are|is) (an )?external links? (and|that) (will )?opens? in a new (window|tab)\.?|copy|copied!?|x|mail|save|saved|save (article|story|for later)|bookmark|gift( this)? (article|story)|gift|comments?|more|more options|close|options|follow|subscribe|share:|share this:|teilen|partager|compartir|condividi|compartilhar|delen|udostępnij|поделиться)$/iu;
const NEUTRAL = /^([\d.,]+\s*[kKmM]?|[|·•/–—\-:,]|\(\d+\)|share\s*:)$/;
const SEED_HINT = /share|sharing|social/i;
const HINT = /share|sharing|addthis|addtoany|a2a_|sharethis/i;

/** "Share · Print · Email" in one text node is three labels. */
function pieces(t: string): string[] {
  return t.split(/\s*[|·•]\s*/).filter(Boolean);
}

/** A text made only of labels (and separators), at least one of them a strong share label. */
function isLabelText(t: string): boolean {
  let strong = false;
  for (const p of pieces(t)) {
    if (STRONG.test(p)) strong = true;
    else if (!WEAK.test(p) && !NEUTRAL.test(p)) return false;
  }
  return strong;
}

interface RowInfo {
  /** Distinct strong labels (share, tweet, facebook…): "Facebook Facebook" under two photos is one. */
  strong: number;
  /** Distinct labels, strong or weak. */
  labels: number;
}

/**
 * Pictures in a box make it content (a photo grid credited "Facebook"), not a button row. Small
 * images (icons) are fine: width/height attributes up to 48, or icon/logo/share in the name.
 */
function hasContentMedia(el: Element): boolean {
  if (el.querySelector('picture, video, iframe, canvas, figure, x-iframe')) return true;
  for (const img of Array.from(el.getElementsByTagName('img'))) {
    const w = Number(img.getAttribute('width') || 0);
    const h = Number(img.getAttribute('height') || 0);
    if ((w && w <= 48) || (h && h <= 48)) continue;
    if (/icon|logo|share|sprite|\.svg/i.test(`${img.getAttribute('class') ?? ''} ${img.getAttribute('src') ?? ''}`)) continue;
    return true;
  }
  return false;
}

/** Every text piece a label, count or separator? (Hidden clutter and SVG titles do not count.) */
function rowInfo(el: Element): RowInfo | null {
  const strong = new Set<string>();
  const labels = new Set<string>();
  let chars = 0;
  let nodes = 0;
  // Bounded walk over the box's reading text: give up as soon as it is clearly not a row.
  let n: Node | null = el.firstChild;
  while (n) {
    if (n.nodeType === 3) {
      const t = norm((n as Text).data);
      if (t) {
        chars += t.length;
        if (chars > 300 || ++nodes > 40) return null;
        for (const piece of pieces(t)) {
          const key = piece.toLowerCase();
          if (STRONG.test(piece)) strong.add(key);
          else if (WEAK.test(piece)) labels.add(key);
          else if (!NEUTRAL.test(piece)) return null;
        }
      }
    } else if (n.nodeType === 1 && n.firstChild && !isSkippedElement(n as Element)) {
      n = n.firstChild;
      continue;
    }
    while (n && n !== el && !n.nextSibling) n = n.parentNode;
    n = n && n !== el ? n.nextSibling : null;
  }
  if ((strong.size || labels.size) && hasContentMedia(el)) return null;
  return { strong: strong.size, labels: labels.size + strong.size };
}

function findRow(seed: Element, cache: Map<Element, RowInfo | null>): { row: Element; info: RowInfo } | null {
  let best: { row: Element; info: RowInfo } | null = null;
  for (let e: Element | null = seed, depth = 0; e && depth <= 5; e = e.parentElement, depth++) {
    if (isStructural(e) || e.localName === 'header' || e.localName === 'footer' || e.localName === 'nav') {
      // Page-level boxes can themselves be a row only when they hold nothing else; never climb past.
      if (e === seed) return null;
      break;
    }
    let info = cache.get(e);
    if (info === undefined) cache.set(e, (info = rowInfo(e)));
    if (!info) break;
    best = { row: e, info };
  }
  return best;
}

function isShareLike(el: Element): boolean {
  return el.matches(SHARE_ENDPOINT_SELECTOR) || !!el.querySelector(SHARE_ENDPOINT_SELECTOR) || HINT.test(hintString(el));
}

export const shareRow: Detector = {
  kind: 'share',
  accepts: (el, cls) => {
    if (el.localName === 'a') {
      const href = el.getAttribute('href');
      if (href && (href.startsWith('mailto:?') || href.startsWith('sms:') || ENDPOINT_RE.test(href))) return true;
    }
    return SEED_HINT.test(cls) || /share/i.test(el.id);
  },
  element(el, ctx) {
    ctx.shareSeeds.add(el);
  },
  text(node, text, ctx) {
    if (text.length <= 80 && node.parentElement && isLabelText(text)) ctx.shareSeeds.add(node.parentElement);
  },
  finish(ctx: ScanContext) {
    // Seeds share ancestors (every button of a bar climbs through the bar): answer each box once.
    const cache = new Map<Element, RowInfo | null>();
    for (const seed of ctx.shareSeeds) {
      if (!seed.isConnected || isInsideHidden(seed) || inUntouchableText(seed)) continue;
      const found = findRow(seed, cache);
      if (!found) continue;
      const { row, info } = found;
      if (info.strong < 1) continue;
      // A lone label counts in a share box, or as the heading of the share row after it
      // ("Share this article" over a row of icon links).
      const headsRow = /^h[1-6]$/.test(row.localName) && !!row.nextElementSibling && isShareLike(row.nextElementSibling);
      if (info.labels < 2 && !(isShareLike(row) || isShareLike(seed) || headsRow)) continue;
      if (hasSiblingText(row)) continue; // inside running text
      ctx.hider.mark(row, 'share');
    }
    ctx.shareSeeds.clear();
  },
};
