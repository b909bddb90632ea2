import { interactiveHost, norm } from '../text-util';

const SVG_NS = 'http://www.w3.org/2000/svg';
import { hideKeepingName } from './common';
import type { Detector } from './types';

/**
 * SVG <title>s of icon sprites (<symbol><title>icon bookmark-b</title>) and of icons inside links
 * and buttons. Browsers never paint them, but they are in textContent, which extractors and
 * annotation tools read: the seed page's text opens with "icon bookmark-bicon bookmark…".
 * reading-text.ts already leaves SVG titles out; marking them makes that explicit for other
 * tools and counts them. Free-standing SVG graphics (charts, maps) keep their titles: there the
 * title is the description of the picture.
 */
export const svgTitle: Detector = {
  kind: 'svg-title',
  accepts: (el) => (el.localName === 'title' || el.localName === 'desc') && el.namespaceURI === SVG_NS,
  element(el, ctx) {
    const inSprite = !!el.closest('symbol');
    if (!inSprite && !(el.localName === 'title' && interactiveHost(el))) return;
    const svg = el.closest('svg');
    // An SVG that is not aria-hidden is named by its <title>: keep that name on the control.
    const naming = !!svg && svg.getAttribute('aria-hidden') !== 'true' && (el.parentNode as Node | null) === svg;
    hideKeepingName(ctx, el, () => ctx.hider.mark(el, 'svg-title'), {
      fallbackName: naming ? norm(el.textContent ?? '') : '',
    });
  },
};
