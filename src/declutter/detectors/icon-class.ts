import { hasIconClass, hideKeepingName, mayHaveIconClass } from './common';
import { textOf, wordCount } from '../text-util';
import type { Detector } from './types';

/**
 * Font Awesome / glyphicon / Bootstrap Icons / icon-* elements that carry text:
 * <i class="fa fa-twitter">Twitter</i>. The icon is drawn by CSS (::before or a background); the
 * text is a label that was meant to be hidden or never to be there. With the icon CSS missing the
 * reader sees "Twitter"; with it present, the word still sits in the text.
 *
 * Only <i> and <span> leaves with a short label: a <span class="icon-text"> is a label box, not
 * an icon (see NOT_ICON in common.ts), and numbers (comment counts, ratings) are information.
 * When the element draws its own icon we hide only its text, so the icon stays.
 */
export const iconClass: Detector = {
  kind: 'icon-class',
  accepts: (el, cls) => (el.localName === 'i' || el.localName === 'span') && mayHaveIconClass(el, cls),
  element(el, ctx) {
    if (el.localName !== 'i' && el.localName !== 'span') return;
    if (el.namespaceURI !== 'http://www.w3.org/1999/xhtml' || !hasIconClass(el)) return;
    const raw = el.textContent;
    if (!raw || raw.length > 200) return;
    if (el.querySelector('a, button, p, div, img, input, select, textarea, h1, h2, h3, h4, h5, h6, li')) return;
    const text = textOf(el);
    if (!text || text.length > 40 || wordCount(text) > 4) return;
    if (/^[\d\s.,:+%kKmM/]+$/.test(text)) return; // counts, ratings, times
    if (/[.!?]$|[.!?;]\s/.test(text)) return; // a sentence, not a label
    const glyph = ctx.probe.hasOwnGlyph(el);
    hideKeepingName(ctx, el, () => (glyph ? ctx.hider.hideContents(el, 'icon-class') : ctx.hider.mark(el, 'icon-class')), {
      fallbackName: text,
    });
  },
};
