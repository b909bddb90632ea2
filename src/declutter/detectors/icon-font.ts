import { hasIconClass, hideKeepingName, mayHaveIconClass } from './common';
import { interactiveHost, textOf } from '../text-util';
import type { Detector } from './types';

/**
 * Icon-font ligatures: <i class="material-icons">share</i> draws a share icon only when the font
 * loaded; otherwise the reader sees the word "share". Even when it is drawn, the word is in the
 * text, so copying or quoting picks it up.
 *  - font did not load → hidden (display:none);
 *  - font loaded → left on screen as the icon it is, only taken out of the reading text.
 * Also Private-Use-Area glyphs (&#xE5CD;) in icon elements, which show as boxes without the font.
 */
const MATERIAL_CLASS = /material-icons|material-symbols|google-symbols|mat-icon/;
/** A ligature name: one lower-case word, digits and underscores ("share", "bookmark_border", "looks_3"). */
const LIGATURE = /^[a-z0-9][a-z0-9_]{1,39}$/;
/** Outside Material classes only the unmistakable form: snake_case ("chevron_right"). */
const SNAKE = /^[a-z][a-z0-9]*(_[a-z0-9]+)+$/;
/**
 * Outside icon classes a snake_case word is only taken for a ligature when it starts like one:
 * "<a href=…><i>ben_silverman</i></a>" is a Twitter handle, "chevron_right" is an icon.
 */
const LIGATURE_HEAD =
  /^(arrow|chevron|keyboard|expand|unfold|navigate|bookmark|play|pause|stop|skip|fast|replay|volume|open|content|more|account|check|close|cancel|search|share|ios|menu|star|favorite|thumb|info|help|mail|mark|phone|photo|camera|image|file|folder|cloud|download|upload|launch|north|south|east|west|add|remove|delete|edit|zoom|fullscreen|format|insert|library|playlist|radio|visibility|lock|person|people|group|notifications|trending|home|settings|local|directions|event|schedule|access|print|link|comment|chat|forum|mode|dark|light|text|view|list|grid|sort|filter|refresh|sync|done|error|warning|report|flag|language|public|language|lightbulb|attach|send|reply|forward|undo|redo|exit|login|logout|subdirectory|first|last|drag|swap|compare|open_in|picture|movie|music|mic|headphones|speaker|tv|desktop|smartphone|tablet|watch|logo|brightness|tune|palette|color|crop|rotate|flip|auto|hd|closed|subtitles|slow|queue|video|library|note|sticky|label|new|fiber|not|do|no|keyboard|sentiment|support|question|feedback|bug|code|data|dashboard|analytics|insights|leaderboard|timeline|query|calendar|date|today|update|history|restore|alarm|timer|hourglass|pending|published|how)_/;
const PUA = /^[\uE000-\uF8FF\u{F0000}-\u{FFFFD}\s]+$/u;

export const iconFont: Detector = {
  kind: 'icon-font',
  // Material classes, icon-classed elements, and plain <i>/<span> leaves (checked below: only
  // inside controls or aria-hidden, so "<i>foo_bar</i>" in a sentence is left alone).
  accepts: (el, cls) =>
    el.localName === 'mat-icon' ||
    MATERIAL_CLASS.test(cls) ||
    ((el.localName === 'i' || el.localName === 'span') && el.childElementCount === 0) ||
    mayHaveIconClass(el, cls),
  element(el, ctx) {
    // Cheapest tests first: most candidates are ordinary leaf spans with ordinary words.
    const raw = (el.textContent ?? '').trim();
    if (!raw || raw.length > 40) return;
    const material = el.localName === 'mat-icon' || MATERIAL_CLASS.test(el.getAttribute('class') ?? '');
    if (material ? !(LIGATURE.test(raw) || PUA.test(raw)) : !(SNAKE.test(raw) || PUA.test(raw))) return;
    if (el.namespaceURI !== 'http://www.w3.org/1999/xhtml' && el.localName !== 'mat-icon') return;
    if (Array.from(el.children).some((c) => c.localName !== 'svg')) return; // icons are leaves
    const text = textOf(el);
    if (!text) return;
    if (!material) {
      const iconish =
        hasIconClass(el) || el.getAttribute('aria-hidden') === 'true' || (!!interactiveHost(el) && LIGATURE_HEAD.test(text));
      // PUA glyphs count in <i> or icon-classed elements; snake_case anywhere iconish.
      if (!iconish || (PUA.test(text) && el.localName !== 'i' && !hasIconClass(el))) return;
    }
    const visible = ctx.probe.iconFontRendered(el);
    hideKeepingName(ctx, el, () => ctx.hider.mark(el, 'icon-font', { visible }), {
      fallbackName: PUA.test(text) ? '' : text.replace(/_/g, ' '),
    });
  },
};
