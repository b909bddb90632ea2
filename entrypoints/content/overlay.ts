import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { COLOURS, type Annotation, type Colour } from '@/src/messages';
import { h, refuseUntrusted } from './dom';
import { openCardFrame } from './card-frame';
import { UI_CSS } from './ui-style';

export interface OverlayActions {
  highlight(colour: Colour, withNote: boolean): void;
  /** A write from the card (in its own frame) failed with `error`, or succeeded. */
  cardOutcome(error?: string): void;
}

export interface Overlay {
  showToolbar(rect: DOMRect): void;
  /** The highlight's card, in an extension frame (see card-frame.ts): the note never enters the page. */
  showCard(annotation: Annotation, rect: DOMRect, editing?: boolean): void;
  /**
   * A short message at the top of the page; `tone: 'info'` for guidance, not failure. It goes
   * beside an open card, never in its place, so a note being written stays.
   */
  showError(message: string, tone?: 'error' | 'info'): void;
  hide(): void;
  /** Whether a node is our UI (the shadow host or inside it), not the page's. */
  contains(node: Node | null): boolean;
}

const capital = (s: string) => s[0].toUpperCase() + s.slice(1);
/** The browser command's default key (wxt.config.ts). */
const HIGHLIGHT_KEY = 'Alt+Shift+H';

/**
 * The selection toolbar and the frame of the highlight card, in one closed shadow root (WXT
 * createShadowRootUi): page CSS cannot restyle them. The card itself (the note) is in an
 * extension frame, out of the page's document. Created on first use, so pages where the reader
 * never selects text pay nothing.
 */
export async function createOverlay(ctx: ContentScriptContext, actions: OverlayActions): Promise<Overlay> {
  let root!: HTMLElement;
  const ui = await createShadowRootUi(ctx, {
    name: 'clearmark-ui',
    mode: 'closed',
    position: 'inline',
    anchor: 'body',
    append: 'last',
    css: UI_CSS,
    isolateEvents: true,
    onMount(container) {
      root = container;
    },
  });
  ui.mount();
  const host = ui.shadowHost;
  // The host sits at the document's top-left; boxes inside are placed in page coordinates.
  host.style.cssText = 'position:absolute;top:0;left:0;width:0;height:0;overflow:visible;z-index:2147483647;';
  let lastColour: Colour = 'yellow';

  // A page can remove our host (to switch Clearmark off): it is put back whenever we show
  // something, so the toolbar and card come back with the reader's next gesture.
  const reattach = () => {
    if (!host.isConnected) (document.body ?? document.documentElement).append(host);
  };
  /**
   * Puts `box` just below `rect` (viewport coordinates), or above it when there is no room
   * below, kept inside the window. The box's containing block is not known: WXT's
   * `:host{all:initial !important}` overrides the host's inline position, so the box is placed
   * against whatever ancestor is positioned (a `body{position:relative}` page moves it). So we
   * put it at 0,0, measure where that is, and offset from there.
   * `beside`: keep what is shown (an open card) and add `box`.
   */
  const place = (box: HTMLElement, rect: DOMRect, beside = false) => {
    reattach();
    box.style.visibility = 'hidden';
    box.style.top = box.style.left = '0px';
    if (beside) root.append(box);
    else root.replaceChildren(box);
    const origin = box.getBoundingClientRect();
    const viewW = document.documentElement.clientWidth;
    const viewH = window.innerHeight;
    const gap = 8;
    const below = rect.bottom + gap;
    const above = rect.top - gap - origin.height;
    const top = below + origin.height > viewH - gap && above >= gap ? above : below;
    const left = Math.max(gap, Math.min(rect.left, viewW - origin.width - gap));
    box.style.top = `${top - origin.top}px`;
    box.style.left = `${left - origin.left}px`;
    box.style.visibility = '';
  };
  // Keep the page's selection while the reader clicks our buttons.
  const keepSelection = (el: HTMLElement) => el.addEventListener('mousedown', (e) => e.preventDefault());

  function toolbar(): HTMLElement {
    const bar = h('div', { class: 'cm-box cm-toolbar', role: 'toolbar', 'aria-label': 'Clearmark' });
    const main = h('button', { type: 'button', 'aria-label': 'Highlight', title: 'Highlight (Alt+Shift+H)' }, 'Highlight');
    main.addEventListener('click', () => actions.highlight(lastColour, false));
    bar.append(main);
    for (const colour of COLOURS) {
      const b = h('button', { type: 'button', class: `swatch ${colour}`, 'aria-label': `Highlight ${colour}`, title: capital(colour) });
      b.addEventListener('click', () => {
        lastColour = colour;
        actions.highlight(colour, false);
      });
      bar.append(b);
    }
    const note = h('button', { type: 'button', 'aria-label': 'Add note' }, 'Note');
    note.addEventListener('click', () => actions.highlight(lastColour, true));
    // The ways in that are not this toolbar, said where the reader looks.
    const hint = h('span', { class: 'cm-hint', 'aria-hidden': 'true' }, `${HIGHLIGHT_KEY} · right-click menu`);
    bar.append(note, hint);
    // Arrow keys move between buttons, as in any toolbar.
    bar.addEventListener('keydown', (e) => {
      const buttons = [...bar.querySelectorAll('button')];
      const i = buttons.indexOf(e.target as HTMLButtonElement);
      if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
        buttons[(i + (e.key === 'ArrowRight' ? 1 : buttons.length - 1)) % buttons.length].focus();
        e.preventDefault();
      } else if (e.key === 'Escape') {
        e.preventDefault();
        overlay.hide();
      }
    });
    keepSelection(bar);
    refuseUntrusted(bar);
    return bar;
  }

  /**
   * Keyboard path into the toolbar: while it is open, Tab (from the page, not a form field)
   * moves focus to its first button; Escape there closes it and puts focus back where it was.
   */
  let returnFocus: Element | null = null;
  let stopTabbing: (() => void) | undefined;
  const offerKeyboardEntry = (bar: HTMLElement) => {
    stopTabbing?.();
    const onKey = (e: KeyboardEvent) => {
      if (!e.isTrusted || !bar.isConnected) return;
      const active = document.activeElement;
      if (e.key === 'Escape' && !contains(active)) return overlay.hide();
      if (e.key !== 'Tab' || e.shiftKey || e.altKey || e.ctrlKey || e.metaKey) return;
      if (active && active !== document.body && (active as HTMLElement).isContentEditable) return;
      if (active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement || active instanceof HTMLSelectElement) return;
      if (contains(active)) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      returnFocus = active;
      // Focus moving into the shadow root can drop the page's selection (Firefox): put it back.
      const selection = getSelection();
      const range = selection && selection.rangeCount ? selection.getRangeAt(0).cloneRange() : undefined;
      bar.querySelector('button')?.focus();
      if (range && selection && (selection.rangeCount === 0 || selection.toString() !== range.toString())) {
        selection.removeAllRanges();
        selection.addRange(range);
      }
    };
    window.addEventListener('keydown', onKey, true);
    stopTabbing = () => {
      window.removeEventListener('keydown', onKey, true);
      stopTabbing = undefined;
    };
  };
  const contains = (node: Node | null) => !!node && (node === host || host.contains(node));

  const overlay: Overlay = {
    showToolbar(rect) {
      const bar = toolbar();
      place(bar, rect);
      offerKeyboardEntry(bar);
    },
    showCard(a, rect, editing = false) {
      const frame = openCardFrame({ id: a.id, pageKey: a.pageKey, editing }, { close: () => overlay.hide(), outcome: actions.cardOutcome });
      place(frame, rect);
      // The card takes focus (its frame focuses its first control), so it works from the keyboard.
      frame.focus();
    },
    showError(message, tone = 'error') {
      const box = h('div', { class: 'cm-box cm-card', role: tone === 'error' ? 'alert' : 'status' }, h('div', { class: tone === 'error' ? 'cm-status' : 'cm-info' }, message));
      place(box, new DOMRect(window.innerWidth / 2 - 160, 8, 0, 0), !!root.querySelector('iframe'));
      setTimeout(() => box.isConnected && overlay.hide(), 8000);
    },
    hide() {
      const hadFocus = contains(document.activeElement);
      stopTabbing?.();
      root.replaceChildren();
      // Back to where the reader was before entering our UI (not the page's <body>).
      if (hadFocus && returnFocus instanceof HTMLElement && returnFocus.isConnected && returnFocus !== document.body) returnFocus.focus();
      else if (hadFocus) host.blur();
      returnFocus = null;
    },
    contains,
  };
  return overlay;
}
