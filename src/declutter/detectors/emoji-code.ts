import { hideKeepingName } from './common';
import { hasHint, inUntouchableText, interactiveHost } from '../text-util';
import type { Detector } from './types';

/**
 * Emoji shortcodes left as text in controls: reaction buttons that print ":thumbsup: 12" or
 * ":fire:" because the widget that turns codes into pictures did not run. A shortcode is a name
 * between colons ("thumbsup", "+1", "heart_eyes", "face-with-tears-of-joy"). Only inside a
 * control or a reactions/emoji box: in running text (a chat transcript, a Slack how-to) the codes
 * are what the author wrote. Counts next to them stay.
 */
const CODE = /:(?:[+-]1|[a-z0-9_+-]*[a-z][a-z0-9_+-]*):/g;
/** A text made only of shortcodes, counts and separators. */
const ONLY_CODES = /^(?:\s*(?::(?:[+-]1|[a-z0-9_+-]*[a-z][a-z0-9_+-]*):|[\d.,]+\s*[kKmM]?|[|·•/,]))+\s*$/;
const HINT = /react|emoji|emote|vote|like|kudos/;

export const emojiCode: Detector = {
  kind: 'emoji-code',
  text(node, text, ctx) {
    if (text.length > 80 || text.indexOf(':') < 0) return;
    if (!ONLY_CODES.test(text) || !/:[^\s:]+:/.test(text)) return;
    const parent = node.parentElement;
    if (!parent || inUntouchableText(parent)) return;
    if (!interactiveHost(parent) && !hasHint(parent, HINT, 3)) return;
    // Wrap each code (right to left, so offsets stay valid); counts and separators stay.
    const data = node.data;
    CODE.lastIndex = 0;
    const hits = [...data.matchAll(CODE)];
    if (!hits.length) return;
    const name = hits.map((m) => m[0].slice(1, -1).replace(/[_-]/g, ' ')).join(' ');
    for (let i = hits.length - 1; i >= 0; i--) {
      const m = hits[i];
      const start = m.index!;
      hideKeepingName(ctx, parent, () => !!ctx.hider.wrapText(node, start, start + m[0].length, 'emoji-code'), {
        fallbackName: name,
      });
    }
  },
};
