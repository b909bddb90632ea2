/**
 * The kinds of clutter declutter knows. Each kind is one detector file in ./detectors, and the
 * kind is the value written into HIDDEN_ATTR, so a hidden element says why it was hidden.
 */
export const CLUTTER_KINDS = [
  'svg-title', // <title>s of SVG sprites and of icons inside links/buttons
  'icon-text', // "icon bookmark-b" text: sprite titles mirrored as text, glued runs in text nodes
  'icon-font', // icon-font ligatures (material-icons "share", "bookmark_border") and PUA glyphs
  'icon-class', // Font Awesome / glyphicon / bi / icon-* elements that carry text
  'visually-hidden', // sr-only & co. whose CSS may be missing ("Opens in a new window")
  'share', // short rows of share/tool controls ("Share Tweet Email Print Copy link")
  'ad-label', // lone "Advertisement" / "Sponsored" labels
  'listen', // "Listen to this article" audio-player labels
  'tooltip', // tooltip text of icon-only controls ("Open menu" beside a menu icon)
  'icon-name', // icon names printed by icons of any class prefix (<i class="ico ico-camera">icon camera</i>)
  'emoji-code', // emoji shortcodes left as text in controls (":thumbsup: 12")
  'skip-ad', // "Skip advertisement" links
] as const;

export type ClutterKind = (typeof CLUTTER_KINDS)[number];

export function emptyCounts(): Record<ClutterKind, number> {
  const c = {} as Record<ClutterKind, number>;
  for (const k of CLUTTER_KINDS) c[k] = 0;
  return c;
}
