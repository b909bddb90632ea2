/**
 * The few style questions declutter asks of the page. They need computed style, which is a
 * style recalculation, so they are asked only for candidates that already passed the class
 * and text test, and answers are cached per class list (same classes → same rules). Tests (and
 * happy-dom, which has no fonts or pseudo-element styles) inject their own answers.
 */
export interface StyleProbe {
  /**
   * True when the element's icon font has loaded, so its ligature ("share") is drawn as an icon.
   * Such icons stay on screen and only leave the reading text.
   */
  iconFontRendered(el: Element): boolean;
  /**
   * True when the element draws its own icon (::before/::after content, background or mask
   * image). Then we hide only its text, not the element, so the icon stays.
   */
  hasOwnGlyph(el: Element): boolean;
}

function cacheKey(el: Element): string {
  return `${el.tagName}|${el.getAttribute('class') ?? ''}`;
}

function firstFamily(fontFamily: string): string {
  return (fontFamily.split(',')[0] ?? '').trim().replace(/^["']|["']$/g, '').toLowerCase();
}

/** The default probe: getComputedStyle and document.fonts, cached, safe when either is missing. */
export function defaultProbe(): StyleProbe {
  const fontCache = new Map<string, boolean>();
  const glyphCache = new Map<string, boolean>();
  return {
    iconFontRendered(el) {
      const key = cacheKey(el);
      const hit = fontCache.get(key);
      if (hit !== undefined) return hit;
      let ok = false;
      const doc = el.ownerDocument;
      const win = doc.defaultView;
      const fonts = (doc as Document & { fonts?: FontFaceSet }).fonts;
      if (win?.getComputedStyle && fonts && typeof fonts.forEach === 'function') {
        const family = firstFamily(win.getComputedStyle(el).fontFamily || '');
        // document.fonts.check() answers true for fonts that do not exist at all, so look for
        // a FontFace of that family that actually loaded.
        if (family) {
          fonts.forEach((face) => {
            if (!ok && face.status === 'loaded' && firstFamily(face.family) === family) ok = true;
          });
        }
      }
      // Cached for this probe's life; the controller makes a fresh probe when fonts finish
      // loading (document.fonts 'loadingdone'), because then the answer can change.
      fontCache.set(key, ok);
      return ok;
    },
    hasOwnGlyph(el) {
      const key = cacheKey(el);
      const hit = glyphCache.get(key);
      if (hit !== undefined) return hit;
      let own = false;
      const win = el.ownerDocument.defaultView;
      if (win?.getComputedStyle) {
        const has = (v: string | undefined | null) => !!v && v !== 'none' && v !== 'normal' && v !== '""' && v !== "''";
        const s = win.getComputedStyle(el);
        own =
          has(s.backgroundImage) ||
          has(s.getPropertyValue('mask-image')) ||
          has(s.getPropertyValue('-webkit-mask-image')) ||
          has(win.getComputedStyle(el, '::before').content) ||
          has(win.getComputedStyle(el, '::after').content);
      }
      glyphCache.set(key, own);
      return own;
    },
  };
}
