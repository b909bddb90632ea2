import { hideLabel } from './common';
import { hasHint, inUntouchableText } from '../text-util';
import type { Detector } from './types';

/**
 * Lone ad labels: an element whose whole text is "Advertisement", "ADVERTISEMENT", "Sponsored",
 * "Story continues below advertisement"… A sentence that mentions an advertisement is never a
 * whole element's text, so it stays. The bare words "Ad"/"Ads"/"Promoted" are also ordinary
 * words (and "AD" is a year suffix), so they count only inside an ad-classed box.
 * We hide the label, not the ad: blocking ads is another tool's job.
 */
const LABEL =
  /^(advertisements?|advertisment|advertising|advert|sponsored|sponsored (content|post|story|article|links?|by)|paid (content|post|partnership|promotion)|promoted (content|stories)|partner content|anzeige|werbung|publicit[ée]|publicidad|pubblicit[àa]|reklama|reklame|annonce|mainos|(story|article|content) continues below( this)? (advertisement|ad)|advertisement\s*[-–—:]?\s*(scroll|continue) (down )?to continue( reading)?|scroll to continue with content)\s*[:\-–—]?$/i;
const SHORT = /^(ad|ads|ad feedback|promoted|promotion|promo)\s*:?$/i;
const HINT = /(^|[\s_-])(ad|ads|adv|advert\w*|sponsor\w*|promo\w*|dfp|gpt|adslot|ad-?unit|banner|commercial|outbrain|taboola)([\s_-]|$)/;

export const adLabel: Detector = {
  kind: 'ad-label',
  text(node, text, ctx) {
    if (text.length > 60) return;
    const parent = node.parentElement;
    if (!parent) return;
    if (!LABEL.test(text) && !(SHORT.test(text) && hasHint(parent, HINT, 3))) return;
    if (inUntouchableText(parent) || parent.closest('h1')) return;
    hideLabel(ctx, node, text, 'ad-label');
  },
};
