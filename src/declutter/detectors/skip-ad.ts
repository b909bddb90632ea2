import { hideKeepingName } from './common';
import { textOf } from '../text-util';
import type { Detector } from './types';

/**
 * "Skip advertisement" links: in-page links (or buttons) that jump past an ad slot. Sites style
 * them to show only on keyboard focus; without that CSS, or in a copy, the reader gets "Skip
 * Advertisement" between two paragraphs. The whole text of the control must be the phrase, in
 * one of the languages below, so a sentence that mentions skipping ads stays. We hide the link,
 * not the ad.
 */
const SKIP_AD =
  /^(skip|jump|jump (over|past)|continue past|go past|bypass) (this |the )?(ad|ads|advert|adverts|advertisement|advertisements|advertising|sponsored content)$|^(werbung|anzeige) (überspringen|ausblenden)$|^passer (la )?publicité$|^(saltar|omitir) (la )?(publicidad|anuncio)$|^salta (la )?pubblicità$|^reclame overslaan$|^pomiń reklamę$/i;

export const skipAd: Detector = {
  kind: 'skip-ad',
  accepts: (el) => {
    const tag = el.localName;
    if (tag === 'a') return (el.getAttribute('href') ?? '#').startsWith('#');
    return tag === 'button' || el.getAttribute('role') === 'button' || el.getAttribute('role') === 'link';
  },
  element(el, ctx) {
    const text = textOf(el);
    if (text.length > 40 || !SKIP_AD.test(text)) return;
    hideKeepingName(ctx, el, () => ctx.hider.mark(el, 'skip-ad'));
  },
};
