import { Hider } from './hide';
import { type ClutterKind } from './kinds';
import { HIDDEN_ATTR } from './marker';
import { followAdditions, type Follower, type Schedule } from './observe';
import { defaultProbe, type StyleProbe } from './probe';
import { scanSubtree } from './scan';
import type { ScanContext } from './detectors/types';

export interface DeclutterOptions {
  /** Override the style questions (tests, or pages where you know better). */
  probe?: Partial<StyleProbe>;
  /** Only these kinds (default: all). */
  kinds?: readonly ClutterKind[];
  /** How follow() batches mutations (default: one microtask per batch). */
  schedule?: Schedule;
}

export interface DeclutterController {
  /** Marks currently applied that take clutter off the screen (display:none). */
  readonly hidden: number;
  /** Marks that only take clutter out of the reading text (icons whose font loaded, skip links). */
  readonly visible: number;
  /** All marks per kind (hidden + visible). */
  readonly counts: Readonly<Record<ClutterKind, number>>;
  /** Scan again (the whole root, or one subtree); returns how many marks were added. */
  scan(node?: Node): number;
  /** Keep decluttering content the page adds later (MutationObserver), until stop() or undo(). */
  follow(): void;
  stop(): void;
  /** Put the page back exactly as it was, remove our stylesheet, stop following. */
  undo(): void;
}

export interface DeclutterResult {
  hidden: number;
  undo(): void;
}

function docOf(root: Document | Element): Document {
  return root.nodeType === 9 ? (root as Document) : (root as Element).ownerDocument;
}

/** The content-script API: declutter now, then optionally follow the page. */
export function startDeclutter(root: Document | Element, options: DeclutterOptions = {}): DeclutterController {
  const doc = docOf(root);
  const scopeOf = (): Element | null => (root.nodeType === 9 ? (doc.body ?? doc.documentElement) : (root as Element));
  const hider = new Hider(root.nodeType === 9 ? doc.documentElement ?? doc : root);
  const kinds = options.kinds ? new Set(options.kinds) : undefined;
  const makeProbe = (): StyleProbe => ({ ...defaultProbe(), ...options.probe });
  const ctx: ScanContext = { scope: scopeOf()!, hider, probe: makeProbe(), shareSeeds: new Set() };
  let follower: Follower | null = null;
  let onFonts: (() => void) | null = null;

  const total = () => hider.hidden + hider.visible;
  const run = (scope: Element | null): number => {
    if (!scope || !scope.isConnected) return 0;
    const before = total();
    ctx.scope = scope;
    hider.ensureStyle();
    scanSubtree(scope, ctx, kinds);
    follower?.discard();
    return total() - before;
  };

  /**
   * Icon fonts often finish loading after we ran: their ligatures, hidden as words, can now be
   * drawn as icons. Give them back to the screen (they stay out of the reading text).
   */
  const recheckFonts = () => {
    ctx.probe = makeProbe();
    const scope = scopeOf();
    if (!scope) return;
    for (const el of Array.from(scope.querySelectorAll(`[${HIDDEN_ATTR}="icon-font"]`))) {
      if (ctx.probe.iconFontRendered(el)) hider.setVisible(el, 'icon-font');
    }
    follower?.discard();
  };

  run(scopeOf());

  const controller: DeclutterController = {
    get hidden() {
      return hider.hidden;
    },
    get visible() {
      return hider.visible;
    },
    get counts() {
      return { ...hider.counts };
    },
    scan(node?: Node) {
      const el = node ? (node.nodeType === 1 ? (node as Element) : node.parentElement) : scopeOf();
      return run(el);
    },
    follow() {
      if (follower) return;
      const target = root.nodeType === 9 ? doc.documentElement : (root as Element);
      follower = followAdditions(target, (roots) => roots.forEach((r) => run(r)), options.schedule);
      const fonts = (doc as Document & { fonts?: FontFaceSet }).fonts;
      if (fonts?.addEventListener) {
        onFonts = recheckFonts;
        fonts.addEventListener('loadingdone', onFonts);
      }
    },
    stop() {
      follower?.stop();
      follower = null;
      const fonts = (doc as Document & { fonts?: FontFaceSet }).fonts;
      if (onFonts && fonts?.removeEventListener) fonts.removeEventListener('loadingdone', onFonts);
      onFonts = null;
    },
    undo() {
      controller.stop();
      hider.undo();
    },
  };
  return controller;
}

/**
 * The library contract (docs/architecture.md): hide icon-label clutter under `root` now. Hidden clutter is not rendered
 * (display:none), so it leaves innerText, and it leaves the reading text (reading-text.ts).
 * `hidden` counts the marks that took clutter off the screen; undo() restores the DOM exactly.
 */
export function declutter(root: Document | Element, options: DeclutterOptions = {}): DeclutterResult {
  const c = startDeclutter(root, options);
  return { hidden: c.hidden, undo: () => c.undo() };
}

