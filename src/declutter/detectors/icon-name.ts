import { hideKeepingName, isIconLike } from './common';
import { textOf, wordCount } from '../text-util';
import type { Detector } from './types';

/**
 * Icon names printed as text by icon elements whose classes use a prefix of the site's own:
 * `<i class="ico ico-camera">icon camera</i>`, `<span class="icn icn-search">icon-search</span>`,
 * `<span class="glyph glyph-user">user</span>`. The icon is drawn by CSS; its name in the markup
 * is for the developer or a fallback, and without the CSS the reader sees it.
 *
 * An element counts when its classes look like an icon's (any prefix: ico, icn, glyph, sprite,
 * *-icon…) and its whole text is an icon name: "icon …"/"ico-…" shaped, or the name its own
 * class gives (`ico-camera` → "camera"). So `<span class="ico ico-camera">Camera club</span>`
 * (a label) and a sentence in an icon-classed box stay.
 */
const NAME_SHAPE = /^(?:icons?|ico|icn|glyph)(?:[ _-]+[a-z0-9][a-z0-9_-]*){1,3}$/i;
const PREFIX = /^(?:[a-z0-9]+[-_]{1,2})*?(?:icons?|ico|icn|glyphs?|glyphicon|sprite|symbol|pictogram)[-_]{1,2}/i;

/** The names an element's classes give its icon: `ico-camera` → "camera". */
function classNames(el: Element): string[] {
  const out: string[] = [];
  for (const t of Array.from(el.classList)) {
    const m = PREFIX.exec(t);
    if (m && t.length > m[0].length) out.push(t.slice(m[0].length).toLowerCase());
  }
  return out;
}

const squash = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '-');

export const iconName: Detector = {
  kind: 'icon-name',
  accepts: (el, cls) => !!cls && el.childElementCount <= 1 && isIconLike(el, cls) && el.localName !== 'svg' && el.localName !== 'use',
  element(el, ctx) {
    const text = textOf(el);
    if (!text || text.length > 40 || wordCount(text) > 4) return;
    if (el.querySelector('a, button, p, div, img, input')) return;
    const name = squash(text);
    const shaped = NAME_SHAPE.test(text);
    if (!shaped && !classNames(el).some((n) => squash(n) === name)) return;
    const glyph = ctx.probe.hasOwnGlyph(el);
    hideKeepingName(ctx, el, () => (glyph ? ctx.hider.hideContents(el, 'icon-name') : ctx.hider.mark(el, 'icon-name')), {
      fallbackName: text.replace(/^(icons?|ico|icn|glyph)[ _-]+/i, '').replace(/[_-]/g, ' '),
    });
  },
};
