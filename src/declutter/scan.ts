import { adLabel } from './detectors/ad-label';
import { emojiCode } from './detectors/emoji-code';
import { iconName } from './detectors/icon-name';
import { skipAd } from './detectors/skip-ad';
import { tooltip } from './detectors/tooltip';
import { iconClass } from './detectors/icon-class';
import { iconFont } from './detectors/icon-font';
import { iconText } from './detectors/icon-text';
import { listen } from './detectors/listen';
import { shareRow } from './detectors/share-row';
import { svgTitle } from './detectors/svg-title';
import { visuallyHidden } from './detectors/visually-hidden';
import type { Detector, ScanContext } from './detectors/types';
import type { ClutterKind } from './kinds';
import { readingTextNodes } from './reading-text';
import { isInsideHidden, norm } from './text-util';

/**
 * One pass over a subtree, in an order where each step sees the page as the previous steps left
 * it (the reading text of a box leaves out what is already hidden):
 *  1. text pass for "icon xxx" runs (so icon elements below see their mirror text gone);
 *  2. element passes, one querySelectorAll each: SVG titles, icon fonts, icon classes, icon
 *     names, tooltips of icon-only controls, skip-ad links, visually-hidden labels, share-row seeds;
 *  3. text pass over short text nodes: ad labels, listen labels, emoji shortcodes, share-label seeds
 *     ("play_arrow Listen to this article" only reads as the label once the ligature is hidden);
 *  4. share rows resolved from the seeds.
 * The text passes visit each text node once; most are dismissed by a length or substring check.
 */
const EARLY_TEXT: Detector[] = [iconText];
const ELEMENT: Detector[] = [svgTitle, iconFont, iconClass, iconName, tooltip, skipAd, visuallyHidden, shareRow];
const LATE_TEXT: Detector[] = [adLabel, listen, emojiCode, shareRow];
const FINISH: Detector[] = [shareRow];

/** Upper bound on text nodes looked at per pass: a page larger than this is not an article. */
export const MAX_TEXT_NODES = 100_000;

/**
 * Both text passes use one list of text nodes, collected once (the walk is the largest cost of a
 * scan). Nodes hidden after it was collected are caught by the Hider, which refuses to hide
 * inside hidden clutter, and by the share resolver; the few nodes split off by icon-text wraps
 * are not in it, so a label glued right after an icon run waits for the next scan.
 */
function textPass(nodes: Text[], detectors: Detector[], ctx: ScanContext, short: boolean): void {
  if (!detectors.length) return;
  const n = Math.min(nodes.length, MAX_TEXT_NODES);
  for (let i = 0; i < n; i++) {
    const node = nodes[i];
    const data = node.data;
    if (short && data.length > 120) continue;
    if (!node.parentNode) continue;
    const text = short ? norm(data) : data;
    if (!text) continue;
    for (const d of detectors) {
      if (!node.parentNode) break;
      d.text!(node, text, ctx);
    }
  }
}

/**
 * One walk over the subtree's elements; each detector's cheap `accepts` test picks its
 * candidates, in document order. (A handful of querySelectorAll calls with substring selectors
 * would do the same in a browser; this keeps it one pass everywhere, happy-dom included.)
 */
function elementPass(scope: Element, detectors: Detector[], ctx: ScanContext): void {
  if (!detectors.length) return;
  const all = [scope, ...Array.from(scope.getElementsByTagName('*'))];
  for (const el of all) {
    const cls = el.getAttribute('class') ?? '';
    for (const d of detectors) {
      if (!d.accepts!(el, cls)) continue;
      if (!el.isConnected && el !== scope) break;
      if (isInsideHidden(el)) break;
      d.element!(el, ctx);
    }
  }
}

export function scanSubtree(scope: Element, ctx: ScanContext, kinds?: ReadonlySet<ClutterKind>): void {
  if (isInsideHidden(scope)) return;
  const on = (d: Detector) => !kinds || kinds.has(d.kind);
  const nodes = readingTextNodes(scope);
  textPass(nodes, EARLY_TEXT.filter(on), ctx, false);
  elementPass(scope, ELEMENT.filter(on), ctx);
  textPass(nodes, LATE_TEXT.filter(on), ctx, true);
  for (const d of FINISH) if (on(d)) d.finish!(ctx);
}
