import type { ClutterKind } from '../kinds';
import { readingTextNodes } from '../reading-text';
import { boundedText, interactiveHost, isStructural, norm, textOf } from '../text-util';
import type { ScanContext } from './types';

/**
 * Icon class tokens: Font Awesome (fa, fas, fa-twitter…), glyphicon, Bootstrap Icons (bi,
 * bi-envelope), icon / icons / icon-*, *-icon, *__icon, dashicons, genericons, ionicons,
 * octicons, and component classes such as ShareIcon or Icon_root__x1.
 */
const ICON_TOKEN =
  /^(fa|fa[srbldt]|fa-[a-z0-9-]+|glyphicon(-[a-z0-9-]+)?|bi(-[a-z0-9-]+)?|icons?|icon[-_][a-z0-9_-]+|[a-z0-9-]+(-|_|__)icons?|dashicons(-[a-z0-9-]+)?|genericons?(-[a-z0-9-]+)?|ion-[a-z0-9-]+|ionicons?|octicon(-[a-z0-9-]+)?)$/i;
const CAMEL_ICON = /(^|[a-z0-9])Icon($|[A-Z_-])/;
/** icon-text, share-icon-wrapper, icon-label…: boxes around an icon and its label, not icons. */
const NOT_ICON = /(^|[-_])(text|label|title|caption|wrap|wrapper|container|box|link|links|btn|button|group|list|holder|block|items?|nav|menu|bar|row|grid|card|section|area|content|left|right|before|after|inline|only|with)$/i;

export function isIconClass(token: string): boolean {
  if (CAMEL_ICON.test(token)) return !/(Text|Label|Title|Wrapper|Container|Button|Link)/.test(token);
  return ICON_TOKEN.test(token) && !(/icon[-_]/i.test(token) && NOT_ICON.test(token));
}

export function hasIconClass(el: Element): boolean {
  for (const t of Array.from(el.classList ?? [])) if (isIconClass(t)) return true;
  return false;
}

/** Cheap pre-test on the raw class attribute before looking at tokens. */
const ICONISH = /fa|glyphicon|bi|icon|Icon|dashicons|genericon|ion-|octicon/;
export function mayHaveIconClass(el: Element, cls = el.getAttribute('class') ?? ''): boolean {
  return !!cls && ICONISH.test(cls) && hasIconClass(el);
}

/**
 * Icon class tokens of any prefix a site picks: `ico ico-camera`, `icn-search`, `glyph-user`,
 * `sprite-share`, `svg-icon`, `share-ico`, `c-icon--close`. Broader than isIconClass, so used
 * where the element's text is checked for being an icon name as well (icon-name.ts, tooltip.ts).
 */
const ICON_LIKE_TOKEN =
  /^(?:[a-z0-9]+[-_]{1,2})*(?:icons?|ico|icn|glyphs?|glyphicon|sprite|symbol|pictogram|svg-?icon)(?:$|[-_]{1,2}[a-z0-9][a-z0-9_-]*$)/i;
const ICON_LIKE_PRE = /ico|icn|glyph|sprite|symbol|pictogram/i;

export function isIconLikeClass(token: string): boolean {
  return isIconClass(token) || (ICON_LIKE_TOKEN.test(token) && !NOT_ICON.test(token));
}

/** An element drawn as an icon: an icon-like class, or an SVG/small image. */
export function isIconLike(el: Element, cls = el.getAttribute('class') ?? ''): boolean {
  if (el.localName === 'svg' || el.localName === 'use') return true;
  if (!cls || !ICON_LIKE_PRE.test(cls)) return mayHaveIconClass(el, cls);
  for (const t of Array.from(el.classList ?? [])) if (isIconLikeClass(t)) return true;
  return false;
}

/** Pictures a control may show as its icon. */
export const MEDIA_ICON = 'svg, img, picture, i, [role="img"]';

/**
 * Hide something while keeping the accessible name of the link/button it sits in.
 * `forAT` = the hidden text was written for assistive technology (visually-hidden labels):
 * then the host is named with its full text, including the hidden part. Otherwise the host is
 * only named when nothing else is left to name it.
 */
export function hideKeepingName(
  ctx: ScanContext,
  el: Element,
  hide: () => boolean,
  opts: { forAT?: boolean; fallbackName?: string } = {},
): boolean {
  const host = interactiveHost(el);
  const before = host ? spacedText(host, el) : '';
  if (!hide()) return false;
  if (host && !host.hasAttribute('title')) {
    const after = textOf(host);
    if (opts.forAT && before && before !== after) ctx.hider.label(host, before);
    else if (!after) ctx.hider.label(host, opts.fallbackName ?? before);
  }
  return true;
}

/** The host's text with the part inside `el` set off by spaces ("Toggle navigation ☰"). */
function spacedText(host: Element, el: Element): string {
  let s = '';
  for (const t of readingTextNodes(host)) s += el.contains(t) ? ` ${t.data} ` : t.data;
  return norm(s);
}

/**
 * True when `node` has a sibling text node with words: it sits in running text (a bold lead-in
 * "<b>Sponsored</b> by the council, …"), so hiding it would cut a sentence.
 */
export function hasSiblingText(node: Node): boolean {
  const parent = node.parentNode;
  if (!parent) return false;
  for (const n of Array.from(parent.childNodes)) {
    if (n !== node && n.nodeType === 3 && /[\p{L}\p{N}]/u.test((n as Text).data)) return true;
  }
  return false;
}

/**
 * Hide a label whose text node is `node` (trimmed text `text`): the element around it when that
 * element shows nothing else (climbing through wrappers that show the same, per `accept`),
 * else just the text node. Nothing when the label sits in running text.
 */
export function hideLabel(
  ctx: ScanContext,
  node: Text,
  text: string,
  kind: ClutterKind,
  accept?: (t: string) => boolean,
): void {
  const parent = node.parentElement;
  if (!parent) return;
  if (boundedText(parent, text.length) === text && !parent.querySelector(MEDIA)) {
    const target = climbWhileSameText(parent, text, accept);
    if (hasSiblingText(target)) return;
    hideKeepingName(ctx, target, () => ctx.hider.mark(target, kind));
  } else {
    // The label shares its box with other things (an ad frame, a script): hide only the label.
    if (hasSiblingText(node)) return;
    const start = node.data.indexOf(node.data.trim());
    hideKeepingName(ctx, parent, () => !!ctx.hider.wrapText(node, start, start + node.data.trim().length, kind));
  }
}

/** Boxes holding these hold (or will hold) content: an ad, a player, a picture. */
const MEDIA = 'img, picture, video, iframe, x-iframe, canvas, object, embed, audio, ins, script, svg';

/**
 * Climb from the element holding a label to the largest ancestor that shows nothing but that
 * label (wrappers add margins and borders; hiding them too leaves no empty box). Never past a
 * structural box, never into a box with media (hiding ads or players is not our job).
 */
export function climbWhileSameText(el: Element, text: string, accept: (t: string) => boolean = (t) => t === text): Element {
  let top = el;
  for (let p = el.parentElement, i = 0; p && i < 4; p = p.parentElement, i++) {
    if (isStructural(p) || p.matches(MEDIA) || p.querySelector(MEDIA)) break;
    const t = boundedText(p, 160);
    if (t === null || !accept(t)) break;
    top = p;
  }
  return top;
}

export type { ClutterKind };
