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
  /** `beside`: keep what is shown (an open card) and add `box`. */
  const place = (box: HTMLElement, rect: DOMRect, beside = false) => {
    reattach();
    box.style.visibility = 'hidden';
    if (beside) root.append(box);
    else root.replaceChildren(box);
    const top = rect.bottom + window.scrollY + 8;
    const maxLeft = window.scrollX + document.documentElement.clientWidth - box.offsetWidth - 8;
    box.style.top = `${top}px`;
    box.style.left = `${Math.max(window.scrollX + 8, Math.min(rect.left + window.scrollX, maxLeft))}px`;
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
    bar.append(note);
    // Arrow keys move between buttons, as in any toolbar.
    bar.addEventListener('keydown', (e) => {
      const buttons = [...bar.querySelectorAll('button')];
      const i = buttons.indexOf(e.target as HTMLButtonElement);
      if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
        buttons[(i + (e.key === 'ArrowRight' ? 1 : buttons.length - 1)) % buttons.length].focus();
        e.preventDefault();
      } else if (e.key === 'Escape') overlay.hide();
    });
    keepSelection(bar);
    refuseUntrusted(bar);
    return bar;
  }

  const overlay: Overlay = {
    showToolbar: (rect) => place(toolbar(), rect),
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
    hide: () => root.replaceChildren(),
    contains: (node) => !!node && (node === host || host.contains(node)),
  };
  return overlay;
}
