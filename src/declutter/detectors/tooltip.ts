import { hideKeepingName, MEDIA_ICON, isIconLike } from './common';
import { interactiveHost, textOf, wordCount } from '../text-util';
import type { Detector } from './types';

/**
 * Tooltip text of icon-only controls: `<button><svg><use href="#menu"/></svg><span
 * class="tooltip">Open menu</span></button>`. The site's CSS shows the span on hover only;
 * without that CSS (or in a copy) the reader gets "Open menu" and "Print version" as words
 * between the icons.
 *
 * The structure decides, not the words: an element that names itself a tooltip (role=tooltip,
 * or a class such as tooltip, tool-tip, hint, popover) whose control, or the control next to it,
 * shows an icon and no other text. A tooltip-classed box with a sentence in it, or beside a
 * control that has its own visible label, stays. The control keeps the text as its name.
 */
const TOOLTIP_CLASS = /(^|[-_])(tool-?tips?|tips?|hints?|popovers?|balloons?|flyouts?|hover-?labels?)($|[-_])/i;
const PRE = /tip|hint|popover|balloon|flyout|hover/i;

function namesItselfTooltip(el: Element, cls: string): boolean {
  if (el.getAttribute('role') === 'tooltip') return true;
  return !!cls && PRE.test(cls) && Array.from(el.classList).some((t) => TOOLTIP_CLASS.test(t));
}

/** The control a tooltip belongs to: the one around it, or one right beside it. */
function controlOf(el: Element): Element | null {
  const host = interactiveHost(el);
  if (host) return host;
  for (const sib of [el.previousElementSibling, el.nextElementSibling]) {
    if (sib && sib.matches('a[href], button, [role="button"], [role="link"]')) return sib;
  }
  return null;
}

/** The control shows an icon and no text of its own (the tooltip's text aside). */
function iconOnly(control: Element, tooltip: Element): boolean {
  const own = textOf(control);
  const tip = control.contains(tooltip) ? textOf(tooltip) : '';
  if (own.replace(tip, '').trim()) return false;
  return !!control.querySelector(MEDIA_ICON) || Array.from(control.querySelectorAll('*')).some((e) => e !== tooltip && isIconLike(e));
}

export const tooltip: Detector = {
  kind: 'tooltip',
  accepts: (el, cls) => namesItselfTooltip(el, cls),
  element(el, ctx) {
    const text = textOf(el);
    if (!text || text.length > 60 || wordCount(text) > 6 || /[.!?]\s/.test(text)) return;
    if (el.querySelector('a, button, p, input, select, textarea, img, video')) return;
    const control = controlOf(el);
    if (!control || !iconOnly(control, el)) return;
    if (control.contains(el)) {
      hideKeepingName(ctx, el, () => ctx.hider.mark(el, 'tooltip'), { forAT: true, fallbackName: text });
    } else if (ctx.hider.mark(el, 'tooltip') && !textOf(control)) {
      ctx.hider.label(control, text);
    }
  },
};
