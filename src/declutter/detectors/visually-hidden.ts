import { hideKeepingName } from './common';
import { textOf, wordCount } from '../text-util';
import type { Detector } from './types';

/**
 * Visually-hidden labels: <span class="sr-only">Opens in a new window</span>,
 * <span class="visually-hidden">Share on Facebook</span>. They exist for screen readers. When the
 * site's CSS for the class is missing the reader sees them; when it is present they are still in
 * innerText and textContent (the clip pattern keeps a box), so they end up in copies and quotes.
 *
 * Decision: hide them with display:none like all clutter, because the contract is that hidden
 * clutter leaves innerText, and the clip pattern would keep it there. display:none also takes
 * them away from assistive technology, so we keep what they were for: the link or button they
 * label gets an aria-label with its full text, hidden part included ("download the report
 * (Opens in a new window)"). Labels outside controls (a hidden "Article body" heading) lose
 * that; it is the price of clean text, and undo brings them back.
 *
 * Exception: focusable ones (skip links, *-focusable classes) must still appear on keyboard
 * focus. They get the clip pattern from our stylesheet instead (visible mode): out of the
 * reading text, on screen only when focused.
 *
 * Long blocks are left alone: a visually-hidden transcript or article copy is not a label.
 */
const CLASS =
  /(^|[-_])(sr-?only|sr-?text|visually-?hidden|screen-?readers?(-?(text|only))?|a11y-?(hidden|only|text)|hidden-?visually|assistive(-?text)?|off-?screen|show-for-sr|element-invisible|at-only|readers-only|hide-?text|clip-?hidden)($|[-_])/i;

const PRE = /sr|isually|creen|a11y|idden|ssistive|ff-?screen|nvisible|at-only|eaders|ide-?text/i;

export const visuallyHidden: Detector = {
  kind: 'visually-hidden',
  accepts: (el, cls) => !!cls && PRE.test(cls) && Array.from(el.classList).some((t) => CLASS.test(t)),
  element(el, ctx) {
    const tokens = Array.from(el.classList ?? []);
    const raw = el.textContent;
    if (!raw || raw.length > 400) return;
    const text = textOf(el);
    if (!text || text.length > 150 || wordCount(text) > 20) return;
    const focusable =
      tokens.some((t) => /focusable/i.test(t)) ||
      el.matches('a[href], button, input, select, textarea, [tabindex]') ||
      !!el.querySelector('a[href], button, input, select, textarea, [tabindex]');
    hideKeepingName(ctx, el, () => ctx.hider.mark(el, 'visually-hidden', { visible: focusable }), { forAT: true });
    // A hidden <label for=…> no longer names its field: name the field directly.
    if (el.localName === 'label') {
      const id = el.getAttribute('for');
      const field = id ? el.ownerDocument.getElementById(id) : el.querySelector('input, select, textarea');
      if (field) ctx.hider.label(field, text);
    }
  },
};
